//! Sheets of the formats calamine builds whole when it opens the file (xls, ods): each sheet's
//! range is turned into a [`Grid`]; the guards have already judged the cost.

use std::io::{Read, Seek};

use calamine::{Data, Dimensions, Reader};

use super::convert::{convert, cut_text};
use super::error::SheetError;
use super::grid::{CellNote, Grid, Sheet, SheetContent, merged_regions, not_read};
use super::limits::ReadLimits;

pub(super) fn read_sheets<RS, R>(
    wb: &mut R,
    limits: &ReadLimits,
    is_1904: bool,
    merged_for: impl Fn(&str) -> Vec<Dimensions>,
) -> Vec<Sheet>
where
    RS: Read + Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let meta: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut out = Vec::new();
    for m in meta {
        let mut notes = Vec::new();
        let content = match not_read(&m) {
            Some(content) => content,
            None => match wb.worksheet_range(&m.name) {
                Ok(range) => to_grid(&range, merged_for(&m.name), limits, is_1904, &mut notes),
                Err(e) => SheetError::unreadable(&e).into(),
            },
        };
        out.push(Sheet { name: m.name, content, notes });
    }
    out
}

fn to_grid(
    range: &calamine::Range<Data>,
    merged: Vec<Dimensions>,
    limits: &ReadLimits,
    is_1904: bool,
    notes: &mut Vec<CellNote>,
) -> SheetContent {
    let (h, w) = range.get_size();
    if (h as u64).saturating_mul(w as u64) > limits.cells_per_sheet {
        return SheetError::TooLarge { rows: h as u64, cols: w as u64, limit: limits.cells_per_sheet }.into();
    }
    let merged = match merged_regions(merged) {
        Ok(m) => m,
        Err(too_many) => return too_many.into(),
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, d)| cut_text(convert(d), r0 + i as u32, c0 + j as u32, limits, notes))
                .collect()
        })
        .collect();
    SheetContent::Visible(Grid { origin_row: r0, origin_col: c0, rows, merged, is_1904 })
}
