//! attendance-matrix (SPEC §3.4), the common *rekap absensi*: one row per person, a column
//! per day of the month holding a status code. One record per non-empty day cell; the month
//! comes from the metadata or the file name. Trailing total columns are not records: they are
//! cross-checked against the codes counted, and a mismatch is a warning.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::ground::model::{AttendanceRecord, Level, StatusCode};
use crate::ground::text::periode;
use crate::ingest::detect::{Field, Total};
use crate::ingest::layout::{OncePerPerson, PersonRead, Record, Reject, SheetCtx, SheetOutput};
use crate::ingest::values::parse_number_text;
use crate::ingest::workbook::Cell;

pub fn read(ctx: &SheetCtx) -> SheetOutput {
    let mut out = SheetOutput::default();
    let mut warned = OncePerPerson::default();
    let filled = |r: usize, c: usize| !ctx.grid.get(r, c).is_empty();
    let looks_like_data = |r: usize| {
        let person = [Field::Nip, Field::Nama, Field::NamaNip]
            .into_iter()
            .any(|f| ctx.table.col(f).is_some_and(|c| filled(r, c)));
        person && ctx.table.days.iter().any(|&(_, c)| filled(r, c))
    };
    for r in ctx.data_rows(looks_like_data) {
        read_row(ctx, r, &mut out, &mut warned);
    }
    out
}

/// A row whose day cells hold only days off (`L`, `TB`) says nothing about attendance: it is
/// a template's prefill, or a person the unit did not fill in. Its cells are not records, so
/// an unfilled template does not count as a report.
fn only_days_off(ctx: &SheetCtx, r: usize) -> bool {
    ctx.table.days.iter().all(|&(_, c)| {
        let cell = ctx.grid.get(r, c);
        cell.is_empty() || ctx.settings.codes.lookup(&cell.text()).is_some_and(|code| !code.is_working_day())
    })
}

fn read_row(ctx: &SheetCtx, r: usize, out: &mut SheetOutput, warned: &mut OncePerPerson) {
    if only_days_off(ctx, r) {
        return;
    }
    let month = ctx.sheet_month;
    let who: Result<(std::sync::Arc<str>, PersonRead), Reject> =
        ctx.unit(r).and_then(|unit| ctx.person(r, &unit).map(|p| (ctx.shared_unit(&unit), p)));
    if let Ok((_, read)) = &who {
        ctx.warn_person(out, warned, r, &read.person, read.warning.clone(), month);
    }
    let mut counted: BTreeMap<StatusCode, u64> = BTreeMap::new();
    for &(day, col) in &ctx.table.days {
        let cell = ctx.grid.get(r, col);
        if cell.is_empty() {
            continue;
        }
        let reject = |reject: Reject, out: &mut SheetOutput| ctx.reject(out, r, reject, month);
        let code = match ctx.status_code(cell, col) {
            Ok(c) => c,
            Err(e) => {
                reject(e, out);
                continue;
            }
        };
        let Some(m) = month else {
            reject(
                Reject::at(
                    ctx.table.header_row,
                    0,
                    "",
                    "bulan rekap tidak ditemukan: tambahkan baris \"Bulan : November 2026\" di atas tabel, \
                     atau cantumkan bulan pada nama berkas (misalnya Rekap_Absensi_DISHUB_2026-11.xlsx)",
                ),
                out,
            );
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(m.year, m.month, day) else {
            reject(
                Reject::new(
                    col,
                    cell.text(),
                    format!(
                        "tanggal {day} tidak ada di bulan {}; kosongkan sel ini atau periksa bulannya",
                        periode(m)
                    ),
                ),
                out,
            );
            continue;
        };
        let (unit, read) = match &who {
            Ok(w) => w,
            Err(e) => {
                reject(e.clone(), out);
                continue;
            }
        };
        *counted.entry(code).or_default() += 1;
        let record = AttendanceRecord {
            person: read.person.clone(),
            unit: unit.clone(),
            date,
            code,
            menit_terlambat: 0,
            kegiatan: String::new(),
            kelompok: String::new(),
            prov: ctx.prov(r, col),
        };
        ctx.accept(out, r, Record::Attendance(record), read.lost.clone());
    }
    check_totals(ctx, r, &counted, out);
}

/// Cross-checks the row's total columns against the codes counted (SPEC §3.4): an `H` total
/// counts H plus every other present code (TL, PSW, DL, DD) without a column of its own;
/// `JHK` counts working days.
fn check_totals(ctx: &SheetCtx, r: usize, counted: &BTreeMap<StatusCode, u64>, out: &mut SheetOutput) {
    let count = |c: StatusCode| counted.get(&c).copied().unwrap_or(0);
    let has_column = |c: StatusCode| ctx.table.totals.iter().any(|(t, _)| *t == Total::Code(c));
    for &(total, col) in &ctx.table.totals {
        let cell = ctx.grid.get(r, col);
        let written = match cell {
            Cell::Number(x) => Some(*x),
            Cell::Text(s) => parse_number_text(s),
            _ => None,
        };
        let Some(written) = written else { continue };
        let (label, expected) = match total {
            Total::Code(StatusCode::H) => {
                let extra: u64 = [StatusCode::TL, StatusCode::PSW, StatusCode::DL, StatusCode::DD]
                    .into_iter()
                    .filter(|c| !has_column(*c))
                    .map(count)
                    .sum();
                ("H", count(StatusCode::H) + extra)
            }
            Total::Code(c) => (c.as_str(), count(c)),
            Total::HariKerja => {
                ("JHK", counted.iter().filter(|(c, _)| c.is_working_day()).map(|(_, n)| *n).sum())
            }
        };
        if (written - expected as f64).abs() > 1e-9 {
            out.issues.push(ctx.issue(
                r,
                col,
                &cell.text(),
                format!(
                    "jumlah {label} tertulis {}, tetapi kode harian di baris ini menghasilkan {expected}; \
                     periksa isian harian atau rumus jumlahnya (kode harian yang dipakai)",
                    crate::ingest::workbook::format_number(written)
                ),
                Level::Peringatan,
                ctx.sheet_month,
            ));
        }
    }
}
