//! Why a workbook ([`WorkbookError`]) or one of its sheets ([`SheetError`]) is not read, as
//! values carrying the facts (part, sizes, limit, sheet). Their messages, in Bahasa Indonesia,
//! are what the report shows the units, so each names the limit and what to fix.

use std::fmt;

use super::grid::SheetContent;
use super::limits::{EXCEL_COLUMNS, EXCEL_ROWS, MAX_MERGED, MAX_SHEETS};
use crate::ground::model::quote_value;

/// A file that is skipped as a whole.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error(
        "berkas ini adalah halaman HTML (ekspor aplikasi web) yang diberi nama .xls, bukan spreadsheet. \
         Buka berkas di Excel atau LibreOffice, lalu simpan ulang sebagai .xlsx (File > Save As > Excel Workbook)."
    )]
    Html,
    /// Something else than a spreadsheet, as `sniff` names it.
    #[error("{what}; simpan ulang sebagai .xlsx dari Excel atau LibreOffice")]
    NotASpreadsheet { what: &'static str },
    #[error(
        "buku kerja dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca; buka di Excel, \
         hapus kata sandinya (File > Info > Protect Workbook), lalu simpan ulang"
    )]
    Encrypted,
    /// calamine could not open it; `cause` is calamine's own message.
    #[error(
        "berkas rusak atau tidak lengkap sehingga tidak dapat dibuka ({}); minta unit mengirim ulang berkasnya",
        quote_value(.cause)
    )]
    Unopenable { cause: String },
    /// The compound file of an `.xls` would make calamine loop or read past its end.
    #[error("berkas rusak sehingga tidak dapat dibuka ({reason}); minta unit mengirim ulang berkasnya")]
    DamagedContainer { reason: &'static str },
    #[error(
        "buku kerja berisi {sheets} lembar, lebih dari {MAX_SHEETS}; berkas dilewati: pecah menjadi beberapa berkas"
    )]
    TooManySheets { sheets: usize },
    /// One zip part declares more uncompressed bytes than `[batas] ukuran_bagian_zip`.
    #[error(
        "bagian \"{}\" di dalam berkas mengembang menjadi {} saat dibuka, lebih dari batas {} per bagian \
         ([batas] ukuran_bagian_zip); kemungkinan bom zip atau lembar dengan jutaan sel kosong berformat. \
         Berkas dilewati: buka di Excel, hapus baris/kolom kosong di luar tabel, lalu simpan ulang",
        quote_value(.part),
        declared_size(*.declared),
        human_bytes(*.limit)
    )]
    PartTooLarge { part: String, declared: u64, limit: u64 },
    /// All parts of the zip container together.
    #[error(
        "isi berkas mengembang menjadi {} saat dibuka, lebih dari batas {} (empat kali [batas] ukuran_bagian_zip); \
         berkas dilewati: pecah menjadi beberapa berkas yang lebih kecil",
        human_bytes(*.total),
        human_bytes(*.limit)
    )]
    ContainerTooLarge { total: u64, limit: u64 },
    /// What calamine would build for an `.xls` or `.ods`, which it reads whole.
    #[error(
        "{subject} terlalu besar: {cells} sel, lebih dari batas {limit} sel ([batas] sel_per_lembar). Berkas .xls dan .ods \
         dibaca seluruhnya sekaligus, jadi seluruh berkas dilewati; hapus isi di luar tabel (misalnya sel terisi atau \
         berformat jauh di kanan atau bawah) atau pecah berkasnya, lalu kirim ulang"
    )]
    TooManyCells { subject: CellsOf, cells: u64, limit: u64 },
    /// The text of all sheets of an `.xls` or `.ods`, counting every repetition.
    #[error(
        "teks di dalam lembar-lembarnya mencapai {} (dengan pengulangan), lebih dari batas {} ([batas] ukuran_bagian_zip); \
         berkas dilewati: hapus teks yang sangat panjang atau pecah berkasnya",
        human_bytes(*.bytes),
        human_bytes(*.limit)
    )]
    TooMuchText { bytes: u64, limit: u64 },
}

impl WorkbookError {
    /// calamine's refusal to open the file: a password, or damage.
    pub(super) fn opening(e: &dyn fmt::Display) -> Self {
        let cause = e.to_string();
        let lower = cause.to_ascii_lowercase();
        if lower.contains("password") || lower.contains("encrypt") {
            Self::Encrypted
        } else {
            Self::Unopenable { cause }
        }
    }
}

/// What holds too many cells in [`WorkbookError::TooManyCells`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellsOf {
    /// An `.ods` sheet, by its `table:name`.
    Sheet(String),
    /// An `.xls` sheet, by its position (1-based).
    SheetNumber(usize),
    /// The size an `.xls` `DIMENSIONS` record asks calamine to reserve.
    DeclaredDimensions,
    /// All sheets together.
    Workbook,
}

impl fmt::Display for CellsOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sheet(name) => write!(f, "lembar \"{}\"", quote_value(name)),
            Self::SheetNumber(n) => write!(f, "lembar ke-{n}"),
            Self::DeclaredDimensions => {
                f.write_str("ukuran lembar yang tertulis di berkas (catatan DIMENSIONS)")
            }
            Self::Workbook => f.write_str("buku kerja ini"),
        }
    }
}

/// A sheet that is listed but not read; the rest of the workbook is.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("lembar grafik atau makro, bukan tabel")]
    NotATable,
    /// calamine could not read the sheet; `cause` is its own message.
    #[error("lembar tidak dapat dibaca ({})", quote_value(.cause))]
    Unreadable { cause: String },
    /// The sheet's extent (declared or found) or its cell count passes `[batas] sel_per_lembar`.
    #[error(
        "lembar terlalu besar ({rows} baris × {cols} kolom, batas {limit} sel); hapus isi di luar tabel \
         (misalnya sel terisi jauh di kanan atau bawah) atau pecah berkasnya"
    )]
    TooLarge { rows: u64, cols: u64, limit: u64 },
    #[error(
        "teks di lembar ini lebih dari {} ([batas] ukuran_bagian_zip); hapus teks yang sangat panjang atau pecah berkasnya",
        human_bytes(*.limit)
    )]
    TooMuchText { limit: u64 },
    /// A cell past Excel's last row or column (0-based here, 1-based in the message).
    #[error(
        "lembar tidak dapat dibaca: ada sel di luar batas lembar Excel (baris {}, kolom {}; paling banyak \
         {EXCEL_ROWS} baris × {EXCEL_COLUMNS} kolom); berkas rusak, minta unit mengirim ulang",
        u64::from(*.row) + 1,
        u64::from(*.col) + 1
    )]
    OutsideExcel { row: u32, col: u32 },
    #[error(
        "lembar berisi {count} sel gabungan (merge), lebih dari {MAX_MERGED}; hapus penggabungan sel di luar judul tabel"
    )]
    TooManyMerged { count: usize },
}

impl SheetError {
    pub(super) fn unreadable(e: &dyn fmt::Display) -> Self {
        Self::Unreadable { cause: e.to_string() }
    }
}

impl From<SheetError> for SheetContent {
    fn from(e: SheetError) -> Self {
        SheetContent::Unreadable(e.to_string())
    }
}

/// A declared size for a message; a zip64 size announced but missing has none.
fn declared_size(n: u64) -> String {
    if n == u64::MAX { "ukuran tak tertulis".to_string() } else { human_bytes(n) }
}

/// `1,5 GiB`, `300 MiB`, `12 KiB`, `80 byte`.
pub(super) fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, f64); 3] = [("GiB", 1073741824.0), ("MiB", 1048576.0), ("KiB", 1024.0)];
    for (unit, size) in UNITS {
        if n as f64 >= size {
            let v = n as f64 / size;
            let text = if v >= 100.0 || v.fract() < 0.05 { format!("{v:.0}") } else { format!("{v:.1}") };
            return format!("{} {unit}", text.replace('.', ","));
        }
    }
    format!("{n} byte")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The messages are the report's text: a few pinned word for word.
    #[test]
    fn messages_name_the_limit() {
        let cases: &[(String, &str)] = &[
            (
                WorkbookError::TooManySheets { sheets: 10_001 }.to_string(),
                "buku kerja berisi 10001 lembar, lebih dari 10000; berkas dilewati: pecah menjadi beberapa berkas",
            ),
            (
                WorkbookError::NotASpreadsheet { what: "berkas PDF" }.to_string(),
                "berkas PDF; simpan ulang sebagai .xlsx dari Excel atau LibreOffice",
            ),
            (
                SheetError::OutsideExcel { row: 1_048_576, col: 0 }.to_string(),
                "lembar tidak dapat dibaca: ada sel di luar batas lembar Excel (baris 1048577, kolom 1; paling banyak \
                 1048576 baris × 16384 kolom); berkas rusak, minta unit mengirim ulang",
            ),
            (SheetError::unreadable(&"x\"y").to_string(), "lembar tidak dapat dibaca (x\"y)"),
            (CellsOf::SheetNumber(3).to_string(), "lembar ke-3"),
            (human_bytes(1536 * 1024 * 1024), "1,5 GiB"),
            (human_bytes(80), "80 byte"),
            (declared_size(u64::MAX), "ukuran tak tertulis"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}
