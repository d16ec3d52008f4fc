//! The `Berkas` sheet: every input file and sheet read or skipped, with its record ledger
//! (read = accepted + rejected + duplicates + revised) and a note.

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, Worksheet, XlsxError,
};

use super::conditional::RED;
use super::table::write_table;
use super::{Column, Kind::*, Row, Styles, col, count, string};
use crate::ground::text;
use crate::metrics::figures::{FileRow, MonthReport};

pub(super) const BERKAS_COLUMNS: &[Column] = &[
    Column("Berkas", Path),
    Column("Lembar", Text),
    Column("Jenis", Text),
    Column("Tata Letak", Text),
    Column("Dibaca", Count),
    Column("Diterima", Count),
    Column("Ditolak", Count),
    Column("Duplikat", Count),
    Column("Direvisi", Count),
    Column("Catatan", LongText),
];

fn berkas_row(f: &FileRow) -> Row {
    Row::plain(vec![
        string(&f.berkas),
        string(&f.lembar),
        string(&f.jenis),
        string(&f.tata_letak),
        count(f.dibaca),
        count(f.diterima),
        count(f.ditolak),
        count(f.duplikat),
        count(f.direvisi),
        string(&f.catatan),
    ])
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Berkas")?;
    let files = &report.files;
    let periode = text::periode(report.month);
    let title = format!("Berkas Masukan — {periode}");
    let rows = files.iter().map(berkas_row);
    if let Some(data) = write_table(ws, styles, &title, BERKAS_COLUMNS, rows, 1)? {
        // Rejected records are what the operator chases: make them stand out.
        let rejected =
            ConditionalFormatCell::new().set_rule(ConditionalFormatCellRule::GreaterThan(0)).set_format(
                Format::new().set_background_color(Color::RGB(RED.0)).set_font_color(Color::RGB(RED.1)),
            );
        let ditolak = col(BERKAS_COLUMNS, "Ditolak");
        ws.add_conditional_format(data.first, ditolak, data.last, ditolak, &rejected)?;
    }
    Ok(())
}
