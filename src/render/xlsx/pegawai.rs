//! The `Pegawai` sheet: one row per person and unit with attendance, evaluation, the
//! year-to-date TK and the discipline status, its tier coloured.

use rust_xlsxwriter::{IgnoreError, Worksheet, XlsxError};

use super::conditional::{ORANGE, RED, YELLOW, highlight_prefix, rate_scale, score_scale};
use super::table::write_table;
use super::{
    CLOCK_ALL, Column, Kind::*, Row, Styles, Value, attendance_values, col, count, number,
    points_as_fraction, string, with_attendance,
};
use crate::ground::text;
use crate::metrics::figures::{MonthReport, PersonRow};

pub(super) const PERSON_COLUMNS: [Column; 29] = with_attendance(
    [Column("NIP", Nip), Column("Nama", Text), Column("Kode Unit", Text), Column("Nama Unit", Text)],
    CLOCK_ALL,
    [
        Column("Capaian", Rate),
        Column("Nilai Perilaku", Score),
        Column("Nilai Kinerja", Score),
        Column("Predikat", Text),
        Column("TK Kumulatif", Count),
        Column("TK Berturut", Count),
        Column("Status Disiplin", Text),
    ],
);

fn person_row(p: &PersonRow) -> Row {
    let mut v = vec![string(&p.nip), string(&p.nama), string(&p.kode_unit), string(&p.nama_unit)];
    v.extend(attendance_values(&p.att, CLOCK_ALL));
    v.extend([
        points_as_fraction(p.capaian),
        number(p.nilai_perilaku),
        number(p.nilai_kinerja),
        p.predikat.as_deref().map_or(Value::Blank, string),
        count(p.tk_kumulatif),
        count(p.tk_berturut),
        string(&p.status_disiplin),
    ]);
    Row::plain(v)
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Pegawai")?;
    let persons = &report.persons;
    let periode = text::periode(report.month);
    let title = format!("Rekap per Pegawai — {periode}");
    let rows = persons.iter().map(person_row);
    if let Some(data) = write_table(ws, styles, &title, &PERSON_COLUMNS, rows, 2)? {
        rate_scale(ws, data, col(&PERSON_COLUMNS, "Tingkat Kehadiran"))?;
        rate_scale(ws, data, col(&PERSON_COLUMNS, "Tepat Waktu"))?;
        score_scale(ws, data, col(&PERSON_COLUMNS, "Nilai Kinerja"))?;
        // A NIP is text on purpose: no "number stored as text" warning triangles.
        let nip = col(&PERSON_COLUMNS, "NIP");
        ws.ignore_error_range(data.first, nip, data.last, nip, IgnoreError::NumberStoredAsText)?;
        // The tier word opens every label (SPEC §4), so the prefix picks the colour.
        let status = col(&PERSON_COLUMNS, "Status Disiplin");
        highlight_prefix(ws, data, status, "Ringan", YELLOW)?;
        highlight_prefix(ws, data, status, "Sedang", ORANGE)?;
        highlight_prefix(ws, data, status, "Berat", RED)?;
    }
    Ok(())
}
