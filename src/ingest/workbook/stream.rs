//! Sheets read cell by cell (xlsx, xlsb): the cell limit is checked against the declared
//! dimension and the cells present, and the text against its budget, while the grid is filled,
//! so no dense grid is allocated for a sheet over the limits.

use std::io::{Read, Seek};

use calamine::{Dimensions, Reader, SheetType, SheetVisible, Xlsb};

use super::convert::{convert_ref, cut_text};
use super::grid::{Cell, CellNote, Grid, Sheet, SheetContent, merged_regions, too_large};
use super::guards::human_bytes;
use super::limits::ReadLimits;

/// A reader that streams a sheet cell by cell (xlsx and xlsb).
pub(super) trait Streaming {
    fn is_1904(&self) -> bool;
    fn sheets(&self) -> Vec<calamine::Sheet>;
    /// The merged regions of the sheet `stream` read last.
    fn merged(&mut self, name: &str) -> Vec<Dimensions>;
    /// Calls `each` for every cell of the sheet until it returns `false`; the sheet's declared
    /// dimension first.
    fn stream(
        &mut self,
        name: &str,
        declared: &mut dyn FnMut(Dimensions) -> bool,
        each: &mut dyn FnMut(u32, u32, Cell) -> bool,
    ) -> Result<(), String>;
}

impl<RS: Read + Seek> Streaming for Xlsb<RS> {
    fn is_1904(&self) -> bool {
        self.has_1904_epoch()
    }

    fn sheets(&self) -> Vec<calamine::Sheet> {
        self.sheets_metadata().to_vec()
    }

    fn merged(&mut self, _name: &str) -> Vec<Dimensions> {
        Vec::new()
    }

    fn stream(
        &mut self,
        name: &str,
        declared: &mut dyn FnMut(Dimensions) -> bool,
        each: &mut dyn FnMut(u32, u32, Cell) -> bool,
    ) -> Result<(), String> {
        let mut reader = self.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
        if !declared(reader.dimensions()) {
            return Ok(());
        }
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let (r, c) = cell.get_position();
            if !each(r, c, convert_ref(cell.get_value())) {
                break;
            }
        }
        Ok(())
    }
}

/// xlsx and xlsb sheets are streamed cell by cell, so the cell limit is checked against the
/// declared dimension and against the cells actually present, and the text against the
/// budget, *before* a dense grid is allocated (calamine's own dense range aborts the process
/// when the allocation fails).
pub(super) fn read_streamed_sheets<W: Streaming>(wb: &mut W, limits: &ReadLimits) -> Vec<Sheet> {
    let is_1904 = wb.is_1904();
    let meta: Vec<calamine::Sheet> = wb.sheets();
    let mut out = Vec::new();
    for m in meta {
        let mut notes = Vec::new();
        let content = if m.visible != SheetVisible::Visible {
            SheetContent::Hidden
        } else if m.typ != SheetType::WorkSheet {
            SheetContent::Unreadable("lembar grafik atau makro, bukan tabel".into())
        } else {
            match stream_sheet(wb, &m.name, limits, &mut notes) {
                // Merged regions only for a sheet that was read (finding them reads the XML again).
                Ok(Ok((origin, rows))) => match merged_regions(wb.merged(&m.name)) {
                    Ok(merged) => SheetContent::Visible(Grid {
                        origin_row: origin.0,
                        origin_col: origin.1,
                        rows,
                        merged,
                        is_1904,
                    }),
                    Err(too_many) => too_many,
                },
                Ok(Err(too_big)) => {
                    notes.clear();
                    too_big
                }
                Err(e) => {
                    notes.clear();
                    SheetContent::Unreadable(format!(
                        "lembar tidak dapat dibaca ({})",
                        crate::ground::model::quote_value(&e)
                    ))
                }
            }
        };
        out.push(Sheet { name: m.name, content, notes });
    }
    out
}

type Streamed = Result<((u32, u32), Vec<Vec<Cell>>), SheetContent>;

/// The size of an Excel sheet; a cell beyond it (an xlsb record can claim any column) is damage.
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;

fn stream_sheet<W: Streaming>(
    wb: &mut W,
    name: &str,
    limits: &ReadLimits,
    notes: &mut Vec<CellNote>,
) -> Result<Streamed, String> {
    let limit = limits.cells_per_sheet;
    let mut stop: Option<SheetContent> = None;
    let mut declared_stop: Option<SheetContent> = None;
    // The grid is filled as the cells come (row by row, left to right in a sound file): rows
    // relative to `r0`, columns to `c0`, each row as long as its last cell so far; a cell above
    // or left of all before it shifts what is there (rare: only in hand-made files).
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut count = 0u64;
    let (mut r0, mut c0, mut r1, mut c1) = (u32::MAX, u32::MAX, 0u32, 0u32);
    let mut text = 0u64;
    wb.stream(
        name,
        &mut |d| {
            let declared = (
                u64::from(d.end.0.saturating_sub(d.start.0)) + 1,
                u64::from(d.end.1.saturating_sub(d.start.1)) + 1,
            );
            if declared.0.saturating_mul(declared.1) > limit && d.end != (0, 0) {
                declared_stop = Some(too_large(declared.0, declared.1, limit));
                return false;
            }
            true
        },
        &mut |r, c, value| {
            if value == Cell::Empty {
                return true;
            }
            if r >= EXCEL_ROWS || c >= EXCEL_COLUMNS {
                stop = Some(SheetContent::Unreadable(format!(
                    "lembar tidak dapat dibaca: ada sel di luar batas lembar Excel (baris {}, kolom {}; paling banyak \
                     {EXCEL_ROWS} baris × {EXCEL_COLUMNS} kolom); berkas rusak, minta unit mengirim ulang",
                    u64::from(r) + 1,
                    u64::from(c) + 1
                )));
                return false;
            }
            let value = cut_text(value, r, c, limits, notes);
            if let Cell::Text(s) = &value {
                text = text.saturating_add(s.len() as u64);
                if text > limits.zip_part_bytes {
                    stop = Some(too_much_sheet_text(limits.zip_part_bytes));
                    return false;
                }
            }
            let (old_r0, old_c0) = (r0, c0);
            (r0, c0, r1, c1) = (r0.min(r), c0.min(c), r1.max(r), c1.max(c));
            count += 1;
            let area = (u64::from(r1 - r0) + 1).saturating_mul(u64::from(c1 - c0) + 1);
            if count > limit || area > limit {
                stop = Some(too_large(u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1, limit));
                return false;
            }
            if count > 1 && r0 < old_r0 {
                rows.splice(0..0, std::iter::repeat_with(Vec::new).take((old_r0 - r0) as usize));
            }
            if count > 1 && c0 < old_c0 {
                let shift = (old_c0 - c0) as usize;
                for row in rows.iter_mut().filter(|row| !row.is_empty()) {
                    row.splice(0..0, std::iter::repeat_n(Cell::Empty, shift));
                }
            }
            let (i, j) = ((r - r0) as usize, (c - c0) as usize);
            if rows.len() <= i {
                rows.resize_with(i + 1, Vec::new);
            }
            let row = &mut rows[i];
            if row.len() <= j {
                if row.is_empty() {
                    row.reserve((c1 - c0 + 1) as usize);
                }
                row.resize(j, Cell::Empty);
                row.push(value);
            } else {
                row[j] = value;
            }
            true
        },
    )?;
    if let Some(too_big) = declared_stop.or(stop) {
        return Ok(Err(too_big));
    }
    if count == 0 {
        return Ok(Ok(((0, 0), Vec::new())));
    }
    let width = (c1 - c0 + 1) as usize;
    for row in &mut rows {
        row.resize(width, Cell::Empty);
    }
    Ok(Ok(((r0, c0), rows)))
}

fn too_much_sheet_text(limit: u64) -> SheetContent {
    SheetContent::Unreadable(format!(
        "teks di lembar ini lebih dari {} ([batas] ukuran_bagian_zip); hapus teks yang sangat panjang atau pecah berkasnya",
        human_bytes(limit)
    ))
}
