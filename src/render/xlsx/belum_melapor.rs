//! The `Belum Melapor` sheet: the units whose attendance or evaluation report has not come
//! in, each missing report marked `Belum` in red.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::conditional::{RED, highlight_prefix};
use super::table::write_table;
use super::{Column, Kind::*, Row, Styles, Value, col, string};
use crate::ground::text;
use crate::metrics::figures::MonthReport;

pub(super) const BELUM_COLUMNS: &[Column] = &[
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Jenis", Text),
    Column("Kehadiran", Text),
    Column("Penilaian", Text),
];

fn ada(received: bool) -> Value {
    string(if received { "Ada" } else { "Belum" })
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Belum Melapor")?;
    let periode = text::periode(report.month);
    let title = format!("Unit yang Belum Lengkap Melapor — {periode}");
    let rows = report.belum_melapor().map(|u| {
        Row::plain(vec![
            string(&u.kode),
            string(&u.nama),
            string(&u.jenis),
            ada(u.ada_kehadiran),
            ada(u.ada_penilaian),
        ])
    });
    if let Some(data) = write_table(ws, styles, &title, BELUM_COLUMNS, rows, 1)? {
        for label in ["Kehadiran", "Penilaian"] {
            highlight_prefix(ws, data, col(BELUM_COLUMNS, label), "Belum", RED)?;
        }
    }
    Ok(())
}
