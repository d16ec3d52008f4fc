//! The `Tren` sheet: the city's figures for up to twelve months ending with the report's
//! month; the trend chart on `Ringkasan` reads its rows.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::conditional::rate_scale;
use super::table::write_table;
use super::{Column, Kind::*, Row, Styles, Value, col, count, number};
use crate::ground::text;
use crate::metrics::figures::{CityFigures, MonthReport};

pub(super) const TREN_COLUMNS: &[Column] = &[
    Column("Bulan", Text),
    Column("Unit Melapor", Count),
    Column("Pegawai", Count),
    Column("Tingkat Kehadiran", Rate),
    Column("Rata-rata Nilai Kinerja", Score),
];

fn tren_row(c: &CityFigures) -> Row {
    Row::plain(vec![
        c.month.map_or(Value::Blank, |m| Value::Text(text::periode(m))),
        count(c.unit_melapor),
        count(c.pegawai),
        number(c.att.tingkat_kehadiran()),
        number(c.rata_rata_nilai_kinerja),
    ])
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Tren")?;
    let trend = &report.trend;
    let periode = text::periode(report.month);
    let title = format!("Tren 12 Bulan s.d. {periode}");
    let rows = trend.iter().map(tren_row);
    // The trend chart on Ringkasan reads columns A and D of these rows (`span`).
    if let Some(data) = write_table(ws, styles, &title, TREN_COLUMNS, rows, 1)? {
        rate_scale(ws, data, col(TREN_COLUMNS, "Tingkat Kehadiran"))?;
    }
    Ok(())
}
