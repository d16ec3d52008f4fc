//! The `KBK Unit` sheet (SPEC §11.3): every configured unit with its groups, active groups,
//! distinct members and coverage, the units without a group highlighted, closed by the
//! city total (`Kota`, bold). Written in every workbook: without KBK data for the year it
//! lists every unit as without a group.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::kbk::RED;
use super::table::{clip, write_table, write_value};
use super::{Column, DataRows, Kind::*, Row, Styles, Value, count, number, string};
use crate::ground::text;
use crate::metrics::figures::{KbkCity, MonthReport};

pub(super) const KBK_UNIT_COLUMNS: &[Column] = &[
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Jenis", Text),
    Column("Kelompok", Count),
    Column("Kelompok Aktif", Count),
    Column("Anggota", Count),
    Column("Cakupan", Rate),
];

/// One unit's row and whether it has no group (highlighted).
struct UnitLine {
    row: Row,
    tanpa_kelompok: bool,
}

/// The units of `report.kbk.units`; when the figures list none (no KBK data), every
/// configured unit of the report, as without a group.
fn unit_lines(report: &MonthReport) -> Vec<UnitLine> {
    if !report.kbk.units.is_empty() {
        return report
            .kbk
            .units
            .iter()
            .map(|u| UnitLine {
                row: Row::plain(vec![
                    string(&u.kode),
                    string(&u.nama),
                    string(&u.jenis),
                    count(u.kelompok),
                    count(u.kelompok_aktif),
                    count(u.anggota),
                    number(u.cakupan),
                ]),
                tanpa_kelompok: u.kelompok == 0,
            })
            .collect();
    }
    report
        .units
        .iter()
        .map(|u| UnitLine {
            row: Row::plain(vec![
                string(&u.kode),
                string(&u.nama),
                string(&u.jenis),
                count(0),
                count(0),
                count(0),
                Value::Blank,
            ]),
            tanpa_kelompok: true,
        })
        .collect()
}

/// The `Kota` row: the city's pooled figures, with how many units have a group.
fn kota_row(city: &KbkCity, lines: &[UnitLine]) -> Row {
    let total = if city.unit_total > 0 { city.unit_total } else { lines.len() as u64 };
    let berkelompok = city.unit_berkelompok.min(total);
    let nama = format!(
        "Seluruh unit ({} dari {} unit memiliki kelompok)",
        text::angka(berkelompok),
        text::angka(total)
    );
    Row {
        values: vec![
            string("Kota"),
            string(&nama),
            Value::Blank,
            count(city.kelompok),
            count(city.kelompok_aktif),
            count(city.anggota),
            number(city.cakupan),
        ],
        bold: true,
    }
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("KBK Unit")?;
    let title = format!("Kelompok Budaya Kerja per Unit — {}", text::periode(report.month));
    let note = if report.kbk.ada_data {
        "Baris berwarna: unit yang belum memiliki kelompok. Cakupan = anggota kelompok / pegawai unit."
            .to_string()
    } else {
        format!(
            "Belum ada data Kelompok Budaya Kerja tahun {}: setiap unit tercatat belum memiliki kelompok.",
            report.month.year
        )
    };
    ws.write_string_with_format(1, 0, clip(&note), &styles.subtitle)?;
    let lines = unit_lines(report);
    let kota = kota_row(&report.kbk.city, &lines);
    let highlighted: Vec<(usize, Vec<Value>)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.tanpa_kelompok)
        .map(|(i, l)| (i, l.row.values.clone()))
        .collect();
    let rows: Vec<Row> = lines.into_iter().map(|l| l.row).chain([kota]).collect();
    if let Some(data) = write_table(ws, styles, &title, KBK_UNIT_COLUMNS, rows, 2)? {
        highlight_rows(ws, styles, data, &highlighted)?;
    }
    Ok(())
}

/// Rewrites the rows of units without a group on a light red ground.
fn highlight_rows(
    ws: &mut Worksheet,
    styles: &Styles,
    data: DataRows,
    rows: &[(usize, Vec<Value>)],
) -> Result<(), XlsxError> {
    for (i, values) in rows {
        let row = data.first + *i as u32;
        for ((col, column), value) in (0..).zip(KBK_UNIT_COLUMNS).zip(values) {
            write_value(ws, row, col, value, &styles.tinted(column.1, false, RED))?;
        }
    }
    Ok(())
}
