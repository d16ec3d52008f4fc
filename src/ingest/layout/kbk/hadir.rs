//! The KBK daftar hadir whose columns are the meeting dates (SPEC §11.1: "a matrix whose day
//! columns are the meeting dates"): one row per member, a `Kelompok` column or a
//! `Kelompok : Melati` row above, and one column per meeting headed by its date
//! (`05/11/2026`, `19 Nov 2026`, a date cell), each cell a status code. One attendance record
//! per filled cell, with `kegiatan` KBK (or the sheet's `Kegiatan :`) and the row's group.
//!
//! A group's attendance list rarely has the 28+ day columns of a monthly recap, and its
//! dates may span months, so it is a layout of its own rather than the matrix's.

use chrono::NaiveDate;

use crate::ground::model::{AttendanceRecord, YearMonth};
use crate::ingest::detect::{Field, HeaderFields, HeaderSearch, Table, header_columns};
use crate::ingest::layout::{Labels, OncePerPerson, Record, Reject, SheetCtx, SheetLayout, SheetOutput};
use crate::ingest::values::{excel_serial_to_date, parse_date_text};
use crate::ingest::workbook::{Cell, Grid};

/// kbk-hadir: a person column, a KBK signal (a `Kelompok` column or a `Kelompok :` row above)
/// and columns headed by dates.
pub struct KbkHadir;

impl SheetLayout for KbkHadir {
    fn labels(&self) -> Labels {
        Labels { key: "kbk-hadir", kind: "Kehadiran KBK", layout: "tanggal pertemuan" }
    }

    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        let dates = date_columns(search.grid, row);
        if dates.is_empty() {
            return None;
        }
        let columns: Vec<(Field, usize)> = header_columns(search.grid, search.vocab, row, false)
            .into_iter()
            .filter(|(_, c)| !dates.iter().any(|(_, d)| d == c))
            .collect();
        let header = HeaderFields(&columns);
        let group_above = search.group_row.is_some_and(|g| g < row);
        (header.names_person() && (header.has(Field::Kelompok) || group_above))
            .then(|| Table::of_columns(row, row + 1, columns))
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        let mut out = SheetOutput::default();
        let mut warned = OncePerPerson::default();
        let dates = date_columns(ctx.grid, ctx.table.header_row);
        for r in ctx.data_rows(|r| ctx.names_someone(r)) {
            read_row(ctx, r, &dates, &mut out, &mut warned);
        }
        out
    }
}

/// The columns of row `r` headed by a date: a date cell, or text that reads as a full date.
fn date_columns(grid: &Grid, r: usize) -> Vec<(NaiveDate, usize)> {
    let width = grid.rows.get(r).map(Vec::len).unwrap_or(0);
    (0..width)
        .filter_map(|c| {
            let date = match grid.get(r, c) {
                Cell::Date(Some(d), _) => Some(*d),
                Cell::Date(None, serial) => excel_serial_to_date(*serial, grid.is_1904).ok(),
                // Only text with a year: `5/11` or a day number is no meeting date.
                Cell::Text(s) if s.chars().filter(char::is_ascii_digit).count() >= 4 => {
                    parse_date_text(s).ok().map(|p| p.date)
                }
                _ => None,
            };
            date.map(|d| (d, c))
        })
        .collect()
}

/// One member's row: a record per filled meeting cell, or a rejection at the cell.
fn read_row(
    ctx: &SheetCtx,
    r: usize,
    dates: &[(NaiveDate, usize)],
    out: &mut SheetOutput,
    warned: &mut OncePerPerson,
) {
    let filled: Vec<(NaiveDate, usize)> =
        dates.iter().copied().filter(|&(_, c)| !ctx.grid.get(r, c).is_empty()).collect();
    if filled.is_empty() {
        return;
    }
    let (kegiatan, kelompok) = ctx.kegiatan_kelompok(r);
    let kegiatan = if kegiatan.is_empty() { "KBK".to_string() } else { kegiatan };
    let who = ctx.unit(r).and_then(|unit| ctx.person(r, &unit).map(|p| (ctx.shared_unit(&unit), p)));
    let who = who.and_then(|w| {
        if kelompok.is_empty() {
            let col = ctx.table.col(Field::Kelompok).unwrap_or(filled[0].1);
            Err(Reject::new(
                col,
                "",
                "nama kelompok kosong: isi kolom Kelompok, atau tambahkan baris \"Kelompok : Melati\" di atas tabel",
            ))
        } else {
            Ok(w)
        }
    });
    if let Ok((_, read)) = &who {
        let month = filled.first().map(|(d, _)| YearMonth::of(*d));
        ctx.warn_person(out, warned, r, &read.person, read.warning.clone(), month);
    }
    for (date, col) in filled {
        let month = Some(YearMonth::of(date));
        let cell = ctx.grid.get(r, col);
        let read =
            who.as_ref().map_err(Clone::clone).and_then(|w| ctx.status_code(cell, col).map(|code| (w, code)));
        match read {
            Ok(((unit, person), code)) => {
                let record = AttendanceRecord {
                    person: person.person.clone(),
                    unit: unit.clone(),
                    date,
                    code,
                    menit_terlambat: 0,
                    kegiatan: kegiatan.clone(),
                    kelompok: kelompok.clone(),
                    prov: ctx.prov(r, col),
                    clock: None,
                };
                ctx.accept(out, r, Record::Attendance(record), person.lost.clone());
            }
            Err(e) => ctx.reject(out, r, e, month),
        }
    }
}
