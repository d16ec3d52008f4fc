//! Sheets read cell by cell (xlsx, xlsb): the cell limit is checked against the declared
//! dimension and the cells present, and the text against its budget, while the grid is filled,
//! so no dense grid is allocated for a sheet over the limits.

use std::fmt;
use std::io::{Read, Seek};

use calamine::{DataRef, Dimensions, Reader, Xlsb};

use super::convert::{convert_ref, cut_text};
use super::error::SheetError;
use super::grid::{Cell, CellNote, Grid, Sheet, SheetContent, merged_regions, not_read};
use super::limits::{EXCEL_COLUMNS, EXCEL_ROWS, ReadLimits};

/// Where the cells of a streamed sheet go.
pub(super) trait CellSink {
    /// The sheet's declared dimension, before any cell; `false` to read no further.
    fn declared(&mut self, d: Dimensions) -> bool;
    /// One cell; `false` to stop.
    fn cell(&mut self, row: u32, col: u32, value: Cell) -> bool;
}

/// A reader that streams a sheet cell by cell (xlsx and xlsb).
pub(super) trait Streaming {
    fn is_1904(&self) -> bool;
    fn sheets(&self) -> Vec<calamine::Sheet>;
    /// The merged regions of the sheet `stream` read last.
    fn merged(&mut self, name: &str) -> Vec<Dimensions>;
    /// Hands the sheet's declared dimension, then every cell, to `sink` until it says stop.
    fn stream(&mut self, name: &str, sink: &mut dyn CellSink) -> Result<(), SheetError>;
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

    fn stream(&mut self, name: &str, sink: &mut dyn CellSink) -> Result<(), SheetError> {
        let mut reader = self.worksheet_cells_reader(name).map_err(|e| SheetError::unreadable(&e))?;
        pump(reader.dimensions(), || reader.next_cell(), sink)
    }
}

/// Hands a sheet's declared dimension, then each cell `next_cell` gives, to `sink` until it
/// says stop (calamine's xlsx and xlsb cell readers share no trait).
pub(super) fn pump<'d, E: fmt::Display>(
    dimensions: Dimensions,
    mut next_cell: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'d>>>, E>,
    sink: &mut dyn CellSink,
) -> Result<(), SheetError> {
    if !sink.declared(dimensions) {
        return Ok(());
    }
    while let Some(cell) = next_cell().map_err(|e| SheetError::unreadable(&e))? {
        let (r, c) = cell.get_position();
        if !sink.cell(r, c, convert_ref(cell.get_value())) {
            break;
        }
    }
    Ok(())
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
        let content = match not_read(&m) {
            Some(content) => content,
            None => match stream_sheet(wb, &m.name, limits, &mut notes) {
                // Merged regions only for a sheet that was read (finding them reads the XML again).
                Ok(((origin_row, origin_col), rows)) => match merged_regions(wb.merged(&m.name)) {
                    Ok(merged) => {
                        SheetContent::Visible(Grid { origin_row, origin_col, rows, merged, is_1904 })
                    }
                    Err(too_many) => too_many.into(),
                },
                Err(e) => {
                    notes.clear();
                    e.into()
                }
            },
        };
        out.push(Sheet { name: m.name, content, notes });
    }
    out
}

/// A sheet read: its origin (absolute row and column) and its rows, all of one width.
type Streamed = ((u32, u32), Vec<Vec<Cell>>);

/// The sheet's origin and rows, or why it was not read.
fn stream_sheet<W: Streaming>(
    wb: &mut W,
    name: &str,
    limits: &ReadLimits,
    notes: &mut Vec<CellNote>,
) -> Result<Streamed, SheetError> {
    let mut builder = GridBuilder::new(limits, notes);
    wb.stream(name, &mut builder)?;
    builder.finish()
}

/// A sheet's grid, filled as the cells come (row by row, left to right in a sound file): rows
/// relative to `r0`, columns to `c0`, each row as long as its last cell so far; a cell above or
/// left of all before it shifts what is there (rare: only in hand-made files).
struct GridBuilder<'a> {
    limits: &'a ReadLimits,
    notes: &'a mut Vec<CellNote>,
    rows: Vec<Vec<Cell>>,
    count: u64,
    /// The extent of the cells so far, absolute and inclusive.
    r0: u32,
    c0: u32,
    r1: u32,
    c1: u32,
    /// Bytes of text so far.
    text: u64,
    /// Why reading stopped, once a limit is passed.
    stop: Option<SheetError>,
}

impl CellSink for GridBuilder<'_> {
    fn declared(&mut self, d: Dimensions) -> bool {
        let rows = u64::from(d.end.0.saturating_sub(d.start.0)) + 1;
        let cols = u64::from(d.end.1.saturating_sub(d.start.1)) + 1;
        let limit = self.limits.cells_per_sheet;
        if rows.saturating_mul(cols) > limit && d.end != (0, 0) {
            self.stop = Some(SheetError::TooLarge { rows, cols, limit });
            return false;
        }
        true
    }

    fn cell(&mut self, row: u32, col: u32, value: Cell) -> bool {
        if value == Cell::Empty {
            return true;
        }
        match self.add(row, col, value) {
            Ok(()) => true,
            Err(e) => {
                self.stop = Some(e);
                false
            }
        }
    }
}

impl<'a> GridBuilder<'a> {
    fn new(limits: &'a ReadLimits, notes: &'a mut Vec<CellNote>) -> Self {
        let (r0, c0, r1, c1) = (u32::MAX, u32::MAX, 0, 0);
        Self { limits, notes, rows: Vec::new(), count: 0, r0, c0, r1, c1, text: 0, stop: None }
    }

    /// A filled cell, within Excel's sheet and the limits.
    fn add(&mut self, r: u32, c: u32, value: Cell) -> Result<(), SheetError> {
        if r >= EXCEL_ROWS || c >= EXCEL_COLUMNS {
            return Err(SheetError::OutsideExcel { row: r, col: c });
        }
        let value = cut_text(value, r, c, self.limits, self.notes);
        if let Cell::Text(s) = &value {
            self.text = self.text.saturating_add(s.len() as u64);
            if self.text > self.limits.zip_part_bytes {
                return Err(SheetError::TooMuchText { limit: self.limits.zip_part_bytes });
            }
        }
        let (old_r0, old_c0) = (self.r0, self.c0);
        self.widen(r, c)?;
        if self.count > 1 {
            self.shift(old_r0, old_c0);
        }
        self.place(r, c, value);
        Ok(())
    }

    /// Takes (r, c) into the extent and the count, within the cell limit.
    fn widen(&mut self, r: u32, c: u32) -> Result<(), SheetError> {
        (self.r0, self.c0, self.r1, self.c1) =
            (self.r0.min(r), self.c0.min(c), self.r1.max(r), self.c1.max(c));
        self.count += 1;
        let (rows, cols) = (u64::from(self.r1 - self.r0) + 1, u64::from(self.c1 - self.c0) + 1);
        let limit = self.limits.cells_per_sheet;
        if self.count > limit || rows.saturating_mul(cols) > limit {
            return Err(SheetError::TooLarge { rows, cols, limit });
        }
        Ok(())
    }

    /// Moves what is there down and right when the origin moved up or left.
    fn shift(&mut self, old_r0: u32, old_c0: u32) {
        if self.r0 < old_r0 {
            self.rows.splice(0..0, std::iter::repeat_with(Vec::new).take((old_r0 - self.r0) as usize));
        }
        if self.c0 < old_c0 {
            let shift = (old_c0 - self.c0) as usize;
            for row in self.rows.iter_mut().filter(|row| !row.is_empty()) {
                row.splice(0..0, std::iter::repeat_n(Cell::Empty, shift));
            }
        }
    }

    fn place(&mut self, r: u32, c: u32, value: Cell) {
        let (i, j) = ((r - self.r0) as usize, (c - self.c0) as usize);
        if self.rows.len() <= i {
            self.rows.resize_with(i + 1, Vec::new);
        }
        let width = (self.c1 - self.c0 + 1) as usize;
        let row = &mut self.rows[i];
        if row.len() <= j {
            if row.is_empty() {
                row.reserve(width);
            }
            row.resize(j, Cell::Empty);
            row.push(value);
        } else {
            row[j] = value;
        }
    }

    /// The origin and the rows, padded to one width.
    fn finish(mut self) -> Result<Streamed, SheetError> {
        if let Some(stop) = self.stop {
            return Err(stop);
        }
        if self.count == 0 {
            return Ok(((0, 0), Vec::new()));
        }
        let width = (self.c1 - self.c0 + 1) as usize;
        for row in &mut self.rows {
            row.resize(width, Cell::Empty);
        }
        Ok(((self.r0, self.c0), self.rows))
    }
}
