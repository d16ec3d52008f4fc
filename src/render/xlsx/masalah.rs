//! The `Masalah` sheet: the issues of the input, one per row with its file, sheet and cell,
//! rejections in red and warnings in yellow.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::conditional::{RED, YELLOW, highlight_prefix};
use super::table::write_table;
use super::{Column, Kind::*, Row, Styles, col, string};
use crate::ground::text;
use crate::metrics::figures::MonthReport;

pub(super) const MASALAH_COLUMNS: &[Column] = &[
    Column("Berkas", Path),
    Column("Lembar", Text),
    Column("Sel", Text),
    Column("Nilai", Text),
    Column("Masalah", LongText),
    Column("Tingkat", Text),
];

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Masalah")?;
    let periode = text::periode(report.month);
    let title = format!("Masalah Data Masukan — {periode}");
    let rows = report.issues.iter().map(|i| {
        Row::plain(vec![
            string(&i.file),
            string(&i.sheet),
            string(&i.cell),
            string(&i.value),
            string(&i.message),
            string(i.level.label()),
        ])
    });
    if let Some(data) = write_table(ws, styles, &title, MASALAH_COLUMNS, rows, 1)? {
        highlight_prefix(ws, data, col(MASALAH_COLUMNS, "Tingkat"), "Tolak", RED)?;
        highlight_prefix(ws, data, col(MASALAH_COLUMNS, "Tingkat"), "Peringatan", YELLOW)?;
    }
    Ok(())
}
