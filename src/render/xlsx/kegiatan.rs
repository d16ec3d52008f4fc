//! The `Kegiatan` sheet: participation per activity (apel, senam, KBK meetings) of each unit
//! and group.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::conditional::rate_scale;
use super::table::write_table;
use super::{Column, Kind::*, Row, Styles, col, count, number, string};
use crate::ground::text;
use crate::metrics::figures::{KegiatanRow, MonthReport};

pub(super) const KEGIATAN_COLUMNS: &[Column] = &[
    Column("Kegiatan", Text),
    Column("Kelompok", Text),
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Pertemuan", Count),
    Column("Peserta", Count),
    Column("Catatan", Count),
    Column("Hadir", Count),
    Column("Tingkat Kehadiran", Rate),
];

fn kegiatan_row(k: &KegiatanRow) -> Row {
    Row::plain(vec![
        string(&k.kegiatan),
        string(&k.kelompok),
        string(&k.kode_unit),
        string(&k.nama_unit),
        count(k.pertemuan),
        count(k.peserta),
        count(k.catatan),
        count(k.hadir),
        number(k.tingkat_kehadiran()),
    ])
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("Kegiatan")?;
    let kegiatan = &report.kegiatan;
    let periode = text::periode(report.month);
    let title = format!("Partisipasi Kegiatan — {periode}");
    let rows = kegiatan.iter().map(kegiatan_row);
    if let Some(data) = write_table(ws, styles, &title, KEGIATAN_COLUMNS, rows, 1)? {
        rate_scale(ws, data, col(KEGIATAN_COLUMNS, "Tingkat Kehadiran"))?;
    }
    Ok(())
}
