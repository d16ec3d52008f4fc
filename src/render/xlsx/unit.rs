//! The `Unit` sheet: one row per configured unit (SPEC §5.1) with its attendance, evaluation
//! and rankings; the roster coverage columns are added only when a roster was given.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::conditional::{rate_scale, score_scale};
use super::table::write_table;
use super::{
    CLOCK_ALL, Column, Kind::*, Row, Styles, attendance_values, col, count, number, points_as_fraction, rank,
    string, with_attendance,
};
use crate::ground::text;
use crate::metrics::figures::{MonthReport, UnitRow};

/// The columns of SPEC §5.1 and §3.9; `Unit` ends with `Jadwal`, also after the coverage
/// columns.
pub(super) const UNIT_COLUMNS: [Column; 29] = with_attendance(
    [
        Column("Kode Unit", Text),
        Column("Nama Unit", Text),
        Column("Jenis", Text),
        Column("Status Laporan", Text),
        Column("Pegawai", Count),
    ],
    CLOCK_ALL,
    [
        Column("Pegawai Dinilai", Count),
        Column("Rata-rata Capaian", Rate),
        Column("Rata-rata Nilai Kinerja", Score),
        Column("Peringkat Kehadiran", Rank),
        Column("Peringkat Kinerja", Rank),
        Column("Jadwal", Text),
    ],
);

/// Added to `Unit` only when a roster (`Daftar Pegawai`) was given: staff expected, those of
/// them with attendance records this month, and the share.
const COVERAGE_COLUMNS: &[Column] = &[
    Column("Pegawai Terdaftar", Count),
    Column("Pegawai Terdaftar Tercatat", Count),
    Column("Cakupan Daftar Pegawai", Rate),
];

fn unit_row(u: &UnitRow, with_coverage: bool) -> Row {
    let mut v = vec![string(&u.kode), string(&u.nama), string(&u.jenis), string(u.status.label())];
    v.push(count(u.pegawai));
    v.extend(attendance_values(&u.att, CLOCK_ALL));
    v.extend([
        count(u.pegawai_dinilai),
        points_as_fraction(u.rata_rata_capaian),
        number(u.rata_rata_nilai_kinerja),
        rank(u.peringkat_kehadiran),
        rank(u.peringkat_kinerja),
    ]);
    if with_coverage {
        match u.cakupan {
            Some(c) => v.extend([count(c.terdaftar), count(c.tercatat), number(c.rate())]),
            None => v.extend([number(None), number(None), number(None)]),
        }
    }
    v.push(string(&u.jadwal));
    Row::plain(v)
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Unit")?;
    let units = &report.units;
    let periode = text::periode(report.month);
    let title = format!("Rekap per Unit — {periode}");
    let with_coverage = units.iter().any(|u| u.cakupan.is_some());
    let (main, jadwal) = UNIT_COLUMNS.split_at(UNIT_COLUMNS.len() - 1);
    let mut columns = main.to_vec();
    if with_coverage {
        columns.extend_from_slice(COVERAGE_COLUMNS);
    }
    columns.extend_from_slice(jadwal);
    let rows = units.iter().map(|u| unit_row(u, with_coverage));
    if let Some(data) = write_table(ws, styles, &title, &columns, rows, 2)? {
        rate_scale(ws, data, col(&columns, "Tingkat Kehadiran"))?;
        rate_scale(ws, data, col(&columns, "Tepat Waktu"))?;
        score_scale(ws, data, col(&columns, "Rata-rata Nilai Kinerja"))?;
        if with_coverage {
            rate_scale(ws, data, col(&columns, "Cakupan Daftar Pegawai"))?;
        }
    }
    Ok(())
}
