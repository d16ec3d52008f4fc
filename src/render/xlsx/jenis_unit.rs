//! The `Jenis Unit` sheet: the figures per unit type, closed by the city total (`Kota`) set
//! in bold like a totals line.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::conditional::{rate_scale, score_scale};
use super::table::write_table;
use super::{
    CLOCK_MINUTES, Column, Kind::*, Row, Styles, attendance_values, col, count, number, string,
    with_attendance,
};
use crate::ground::text;
use crate::metrics::figures::{MonthReport, TypeRow};

pub(super) const TYPE_COLUMNS: [Column; 15] = with_attendance(
    [Column("Jenis", Text), Column("Unit", Count), Column("Unit Melapor", Count), Column("Pegawai", Count)],
    CLOCK_MINUTES,
    [Column("Pegawai Dinilai", Count), Column("Rata-rata Nilai Kinerja", Score)],
);

fn type_row(t: &TypeRow, bold: bool) -> Row {
    let mut values = vec![string(&t.jenis), count(t.unit), count(t.unit_melapor), count(t.pegawai)];
    values.extend(attendance_values(&t.att, CLOCK_MINUTES));
    values.extend([count(t.pegawai_dinilai), number(t.rata_rata_nilai_kinerja)]);
    Row { values, bold }
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Jenis Unit")?;
    let types = &report.types;
    let periode = text::periode(report.month);
    let title = format!("Rekap per Jenis Unit — {periode}");
    // The last row is the city total (`Kota`), set in bold like a totals line.
    let rows = types.iter().enumerate().map(|(i, t)| type_row(t, i + 1 == types.len()));
    if let Some(data) = write_table(ws, styles, &title, &TYPE_COLUMNS, rows, 1)? {
        rate_scale(ws, data, col(&TYPE_COLUMNS, "Tingkat Kehadiran"))?;
        score_scale(ws, data, col(&TYPE_COLUMNS, "Rata-rata Nilai Kinerja"))?;
    }
    Ok(())
}
