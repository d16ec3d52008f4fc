//! The `KBK Langkah` sheet (SPEC §11.3): one row per group, the eight steps of its
//! improvement cycle as columns, each cell `Selesai 12 Nov` (green), `Berjalan` (blue),
//! `Terlambat` (amber) or empty, then the group's coloured `Status`. The headers carry short
//! step names; the full names and PDCA phases are in each header's note and in a legend
//! below the table.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ColNum, Note, Worksheet, XlsxError};

use super::kbk::{AMBER, BLUE, Block, GREEN, colour_status, write_block_below};
use super::table::{HEADER_ROW, column_widths, write_table, write_value};
use super::{Column, DataRows, Kind::*, Row, Styles, Value, col, count, string};
use crate::ground::kbk::{LANGKAH, pdca};
use crate::ground::text;
use crate::metrics::figures::{KbkGroupRow, MonthReport, StepState};

/// The first step column.
const FIRST_STEP: ColNum = 3;

pub(super) const LANGKAH_COLUMNS: [Column; 12] = [
    Column("Kode Unit", Text),
    Column("Nama Unit", Text),
    Column("Kelompok", Text),
    Column("1 Tema dan Sasaran", Text),
    Column("2 Faktor Penyebab", Text),
    Column("3 Penyebab Dominan", Text),
    Column("4 Rencana Perbaikan", Text),
    Column("5 Pelaksanaan Perbaikan", Text),
    Column("6 Evaluasi Hasil", Text),
    Column("7 Penetapan Standar", Text),
    Column("8 Tema Berikutnya", Text),
    Column("Status", Text),
];

/// `Selesai 12 Nov` (with the year when the step finished in another year than the
/// report's), `Berjalan`, `Terlambat`, or blank.
pub(super) fn step_text(state: StepState, year: i32) -> Value {
    match state {
        StepState::Selesai(d) => string(&format!("Selesai {}", short_date(d, year))),
        StepState::Berjalan => string("Berjalan"),
        StepState::Terlambat => string("Terlambat"),
        StepState::Kosong => Value::Blank,
    }
}

fn short_date(d: NaiveDate, year: i32) -> String {
    let month: String = text::nama_bulan(d.month()).chars().take(3).collect();
    if d.year() == year {
        format!("{} {month}", d.day())
    } else {
        format!("{} {month} {}", d.day(), d.year())
    }
}

fn step_colours(state: StepState) -> Option<(u32, u32)> {
    match state {
        StepState::Selesai(_) => Some(GREEN),
        StepState::Berjalan => Some(BLUE),
        StepState::Terlambat => Some(AMBER),
        StepState::Kosong => None,
    }
}

fn group_row(g: &KbkGroupRow, year: i32) -> Row {
    let mut v = vec![string(&g.kode_unit), string(&g.nama_unit), string(&g.kelompok)];
    v.extend(g.langkah.iter().map(|&s| step_text(s, year)));
    v.push(string(g.status.label()));
    Row::plain(v)
}

pub(super) fn write(ws: &mut Worksheet, styles: &Styles, report: &MonthReport) -> Result<(), XlsxError> {
    ws.set_name("KBK Langkah")?;
    let groups = &report.kbk.groups;
    let year = report.month.year;
    let title = format!("Langkah Kelompok Budaya Kerja — {}", text::periode(report.month));
    let rows: Vec<Row> = groups.iter().map(|g| group_row(g, year)).collect();
    let widths = column_widths(&LANGKAH_COLUMNS, &rows);
    let note = "Selesai = tanggal realisasi selesai; Berjalan = sudah dimulai; Terlambat = rencana \
                selesai terlewati; kosong = belum dimulai. Nama lengkap langkah: lihat di bawah tabel.";
    ws.write_string_with_format(1, 0, note, &styles.subtitle)?;
    let data = write_table(ws, styles, &title, &LANGKAH_COLUMNS, rows, 3)?;
    header_notes(ws)?;
    if let Some(data) = data {
        colour_steps(ws, styles, data, groups, year)?;
        let status = col(&LANGKAH_COLUMNS, "Status");
        colour_status(ws, styles, data, status, groups.iter().map(|g| g.status))?;
    }
    let below = data.map_or(HEADER_ROW, |d| d.last) + 2;
    write_block_below(ws, styles, below, &widths, &legend())?;
    Ok(())
}

/// The full name and PDCA phase of each step, as a note on its header.
fn header_notes(ws: &mut Worksheet) -> Result<(), XlsxError> {
    for (n, (col, name)) in (1u8..).zip((FIRST_STEP..).zip(LANGKAH)) {
        let note = Note::new(format!("Langkah {n}: {name} ({})", pdca(n))).add_author_prefix(false);
        ws.insert_note(HEADER_ROW, col, &note)?;
    }
    Ok(())
}

/// Rewrites the step cells that have a state on its colour.
fn colour_steps(
    ws: &mut Worksheet,
    styles: &Styles,
    data: DataRows,
    groups: &[KbkGroupRow],
    year: i32,
) -> Result<(), XlsxError> {
    for (row, g) in (data.first..=data.last).zip(groups) {
        for (col, &state) in (FIRST_STEP..).zip(&g.langkah) {
            if let Some(colours) = step_colours(state) {
                let format = styles.tinted(Text, false, colours);
                write_value(ws, row, col, &step_text(state, year), &format)?;
            }
        }
    }
    Ok(())
}

/// The eight steps with their full names and PDCA phases.
fn legend() -> Block {
    let rows = (1u8..)
        .zip(LANGKAH)
        .map(|(n, name)| Row::plain(vec![count(u64::from(n)), string(name), string(pdca(n))]))
        .collect();
    Block {
        title: "Delapan langkah Kelompok Budaya Kerja".into(),
        note: "Langkah 1–4 Plan, 5 Do, 6 Check, 7–8 Action.".into(),
        columns: vec![Column("Langkah", Count), Column("Nama Langkah", Text), Column("Tahap", Text)],
        rows,
    }
}
