//! The limits of `[batas]` (SPEC §10) as the reader applies them, with the figures derived from
//! them (a whole workbook, a whole zip container) and the fixed ceilings: sheets per workbook,
//! merged regions per sheet, and the size of an Excel sheet.

/// All the limits of `[batas]` (SPEC §10).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ReadLimits {
    /// Cells per sheet, judged from the declared dimension and from the cells present.
    pub cells_per_sheet: u64,
    /// Uncompressed bytes of one part of a zip container; also the text one sheet may hold.
    pub zip_part_bytes: u64,
    /// Characters per cell; longer text is cut, with a note.
    pub chars_per_cell: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        Self::from_batas(&crate::ground::settings::Batas::default())
    }
}

impl ReadLimits {
    pub fn from_batas(b: &crate::ground::settings::Batas) -> Self {
        Self {
            cells_per_sheet: b.sel_per_lembar,
            zip_part_bytes: b.ukuran_bagian_zip,
            chars_per_cell: b.karakter_per_sel,
        }
    }

    /// Formats whose sheets calamine builds all at once when it opens the file (xls, ods) may
    /// hold this many cells in all: twice one sheet's limit.
    pub(super) fn cells_per_workbook(&self) -> u64 {
        self.cells_per_sheet.saturating_mul(2)
    }

    /// All parts of a zip container together.
    pub(super) fn zip_total_bytes(&self) -> u64 {
        self.zip_part_bytes.saturating_mul(4)
    }
}

impl From<&crate::ground::settings::Batas> for ReadLimits {
    fn from(b: &crate::ground::settings::Batas) -> Self {
        Self::from_batas(b)
    }
}

/// A workbook with more sheets than this is refused (Excel's own files rarely pass 255; each
/// sheet costs a row in the report and a pass over the file).
pub const MAX_SHEETS: usize = 10_000;

/// The size of an Excel sheet; a cell beyond it (an xlsb record can claim any column) is damage.
pub const EXCEL_ROWS: u32 = 1_048_576;
pub const EXCEL_COLUMNS: u32 = 16_384;

/// A sheet may have at most this many merged regions (each cell lookup scans them).
pub const MAX_MERGED: usize = 100_000;
