//! attendance-matrix (SPEC §3.4), the common *rekap absensi*: one row per person, a column
//! per day of the month holding a status code. One record per non-empty day cell; the month
//! comes from the metadata or the file name. Trailing total columns are not records: they are
//! cross-checked against the codes counted, and a mismatch is a warning.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::ground::clock::{CellTimes, ClockTime, is_no_scan, parse_time_pair};
use crate::ground::model::{AttendanceRecord, ClockTimes, Level, StatusCode};
use crate::ground::text::{norm_key, periode};
use crate::ingest::detect::{
    Field, HeaderFields, HeaderSearch, Table, Total, header_text, person_cells_empty,
};
use crate::ingest::layout::{
    Labels, OncePerPerson, Outcome, PersonRead, Record, Reject, SheetCtx, SheetLayout, SheetOutput,
};
use crate::ingest::values::parse_number_text;
use crate::ingest::workbook::{Cell, Grid};

/// attendance-matrix: recognised by a run of day-number columns (`1`…`31`), not by column
/// names alone, so it is looked for before any header row is classified by its fields.
pub struct AttendanceMatrix;

impl SheetLayout for AttendanceMatrix {
    fn labels(&self) -> Labels {
        Labels { key: "attendance-matrix", kind: "Kehadiran", layout: "matrix" }
    }

    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        locate(search, row)
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        let mut out = SheetOutput::default();
        let mut warned = OncePerPerson::default();
        let looks_like_data = |r: usize| {
            ctx.names_someone(r) && ctx.table.days.iter().any(|&(_, c)| !ctx.grid.get(r, c).is_empty())
        };
        for r in ctx.data_rows(looks_like_data) {
            read_row(ctx, r, &mut out, &mut warned);
        }
        out
    }
}

/// The table whose day numbers are in row `r` (possibly under a merged `Tanggal` label
/// above): person columns named in the rows above or in `r`, an optional weekday row below
/// — part of the header, never data — and trailing total columns.
fn locate(search: &HeaderSearch<'_>, r: usize) -> Option<Table> {
    let grid = search.grid;
    let days = day_run(grid, r)?;
    let first_day = days.first()?.1;
    let last_day = days.last()?.1;
    let top = r.saturating_sub(2);
    let (columns, header_row) = person_columns(search, top..=r, first_day..=last_day);
    if !HeaderFields(&columns).names_person() {
        return None;
    }
    let totals = total_columns(search, top..=r, last_day + 1);
    let data_start = if has_weekday_row(grid, r, &days, &columns) { r + 2 } else { r + 1 };
    Some(Table { header_row, data_start, columns, days, totals, bands: Vec::new() })
}

/// The named columns outside the day run, each named in the lowest header row that names
/// it; and the highest row that named one (where the header starts).
fn person_columns(
    search: &HeaderSearch<'_>,
    header_rows: std::ops::RangeInclusive<usize>,
    day_cols: std::ops::RangeInclusive<usize>,
) -> (Vec<(Field, usize)>, usize) {
    let mut columns: Vec<(Field, usize)> = Vec::new();
    let mut header_row = *header_rows.end();
    for c in (0..search.grid.width()).filter(|c| !day_cols.contains(c)) {
        for hr in header_rows.clone().rev() {
            // `Kegiatan | : | KBK` right above the header is the sheet's metadata, not a
            // column name (SPEC §11.1 puts such rows above the KBK Daftar Hadir).
            if hr < *header_rows.end() && is_metadata_label(search.grid, hr, c) {
                break;
            }
            if let Some(f) = search.vocab.field(&header_text(search.grid, hr, c)) {
                if !columns.iter().any(|(g, _)| *g == f) {
                    columns.push((f, c));
                    header_row = header_row.min(hr);
                }
                break;
            }
        }
    }
    (columns, header_row)
}

/// A `Label :` cell, or a label followed by a lone `:` cell: a metadata row's label.
fn is_metadata_label(grid: &Grid, r: usize, c: usize) -> bool {
    grid.get(r, c).text().trim_end().ends_with(':') || grid.get(r, c + 1).text().trim() == ":"
}

/// Trailing total columns from column `from` on: a code (`H`, `S`, `TK`, …) or `JHK`.
fn total_columns(
    search: &HeaderSearch<'_>,
    header_rows: std::ops::RangeInclusive<usize>,
    from: usize,
) -> Vec<(Total, usize)> {
    let mut totals = Vec::new();
    for c in from..search.grid.width() {
        let text = header_rows
            .clone()
            .rev()
            .map(|hr| header_text(search.grid, hr, c))
            .find(|t| !t.trim().is_empty());
        let Some(text) = text else { continue };
        let key = norm_key(&text);
        if key == "jhk" || key == "harikerja" || key == "jmlharikerja" || key == "jumlahharikerja" {
            totals.push((Total::HariKerja, c));
        } else if let Some(code) = search.codes.lookup(&text) {
            totals.push((Total::Code(code), c));
        }
    }
    totals
}

/// A weekday row directly below the day numbers (`S S R K J S M`) belongs to the header,
/// even though `S` and `M` are also status codes.
fn has_weekday_row(grid: &Grid, r: usize, days: &[(u32, usize)], columns: &[(Field, usize)]) -> bool {
    let filled: Vec<String> =
        days.iter().map(|&(_, c)| grid.get(r + 1, c).text()).filter(|t| !t.trim().is_empty()).collect();
    !filled.is_empty()
        && filled.iter().filter(|t| is_weekday_label(t)).count() * 2 > filled.len()
        && person_cells_empty(grid, columns, r + 1)
}

/// The day number a header cell holds, 1..=31.
fn day_number(cell: &Cell) -> Option<u32> {
    let x = match cell {
        Cell::Number(x) => *x,
        Cell::Text(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (x.fract() == 0.0 && (1.0..=31.0).contains(&x)).then_some(x as u32)
}

/// The longest run of columns headed 1, 2, 3, … in row `r`: at least 28 days.
fn day_run(grid: &Grid, r: usize) -> Option<Vec<(u32, usize)>> {
    let width = grid.rows.get(r).map(Vec::len)?;
    let mut best: Vec<(u32, usize)> = Vec::new();
    let mut c = 0;
    while c < width {
        if day_number(grid.get(r, c)) == Some(1) {
            let mut run = vec![(1, c)];
            while let Some(&(d, col)) = run.last() {
                if day_number(grid.get(r, col + 1)) == Some(d + 1) {
                    run.push((d + 1, col + 1));
                } else {
                    break;
                }
            }
            c = run.last().map(|(_, col)| col + 1).unwrap_or(c + 1);
            if run.len() > best.len() {
                best = run;
            }
        } else {
            c += 1;
        }
    }
    (best.len() >= 28).then_some(best)
}

/// A weekday name or the initial used in recaps (`S S R K J S M`, `Sen`, `Senin`, `Mon`).
fn is_weekday_label(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "s", "r", "k", "j", "m", "sn", "sl", "rb", "km", "jm", "sb", "mg", "sen", "sel", "rab", "kam", "jum",
        "sab", "min", "ahd", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad", "mon",
        "tue", "wed", "thu", "fri", "sat", "sun",
    ];
    LABELS.contains(&norm_key(text).as_str())
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
    let (kegiatan, kelompok) = ctx.kegiatan_kelompok(r);
    let mut counted: BTreeMap<StatusCode, u64> = BTreeMap::new();
    let mut has_times = false;
    for &(day, col) in &ctx.table.days {
        let cell = ctx.grid.get(r, col);
        if cell.is_empty() {
            continue;
        }
        let read = day_cell(ctx, cell, col).and_then(|value| {
            let Some(value) = value else { return Ok(None) };
            let date = day_date(ctx, day, col, cell)?;
            let (unit, person) = who.as_ref().map_err(Clone::clone)?;
            Ok(Some((value, date, unit, person)))
        });
        let (value, date, unit, person) = match read {
            Ok(Some(x)) => x,
            Ok(None) => continue,
            Err(e) => {
                ctx.reject(out, r, e, month);
                continue;
            }
        };
        match value {
            DayCell::Code(code) => {
                *counted.entry(code).or_default() += 1;
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
            DayCell::Times(times) => {
                has_times = true;
                if let Some((_, lost)) = &person.lost {
                    ctx.reject(out, r, lost.clone(), month);
                    continue;
                }
                let record = ctx.clock_record(person.person.clone(), unit.clone(), date, times, (r, col));
                out.outcomes.push(Outcome::Clock(record));
            }
        }
    }
    // Totals of a time matrix count days the clock judges (`reconcile`), not the codes here.
    if !has_times {
        check_totals(ctx, r, &counted, out);
    }
}

/// What a day cell holds: a status code, or clock times (SPEC §3.9 "times in matrix cells").
enum DayCell {
    Code(StatusCode),
    Times(ClockTimes),
}

/// A day cell: a code keeps its §3.5 meaning (`-` is L); else a time pair (`07:39 - 16:07`,
/// `07.45/16.05`, two lines) or a lone time (left to `reconcile`'s `batas_tengah`);
/// `--:--` is no scan and no record (`Ok(None)`); anything else is rejected.
fn day_cell(ctx: &SheetCtx, cell: &Cell, col: usize) -> Result<Option<DayCell>, Reject> {
    let not_a_code = match ctx.status_code(cell, col) {
        Ok(code) => return Ok(Some(DayCell::Code(code))),
        Err(e) => e,
    };
    match cell {
        // A cell formatted as a time; plain numbers (`0`, `0,5`) keep the code's rejection.
        Cell::Date(_, x) if (0.0..1.0).contains(x) => {
            Ok(ClockTime::from_day_fraction(*x).ok().map(|t| DayCell::Times(ClockTimes::Scans(vec![t]))))
        }
        Cell::Text(s) if looks_like_times(s) => match parse_time_pair(s) {
            Ok(CellTimes::Empty) => Ok(None),
            Ok(CellTimes::Lone(t)) => Ok(Some(DayCell::Times(ClockTimes::Scans(vec![t])))),
            Ok(CellTimes::Pair { masuk, pulang }) => {
                Ok(Some(DayCell::Times(ClockTimes::Pair { masuk, pulang })))
            }
            Err(e) => Err(Reject::new(
                col,
                s.clone(),
                format!(
                    "{e}. Sel hari berisi kode status ({}) atau jam datang dan pulang seperti 07:39 - 16:07",
                    ctx.settings.codes.accepted_list()
                ),
            )),
        },
        _ => Err(not_a_code),
    }
}

/// Text that is meant as clock times (`07:39 - 16:07`, `07.45`, `--:--`), not as a code: a
/// code cell that is no code keeps the code's rejection message.
fn looks_like_times(s: &str) -> bool {
    let digits = s.chars().any(|c| c.is_ascii_digit());
    s.contains([':', '.']) && (digits || is_no_scan(s))
}

/// The date of day `day` in the sheet's month: rejected when the month is unknown or has no
/// such day (`31` in November).
fn day_date(ctx: &SheetCtx, day: u32, col: usize, cell: &Cell) -> Result<NaiveDate, Reject> {
    let Some(m) = ctx.sheet_month else {
        return Err(Reject::at(
            ctx.table.header_row,
            0,
            "",
            "bulan rekap tidak ditemukan: tambahkan baris \"Bulan : November 2026\" di atas tabel, \
             atau cantumkan bulan pada nama berkas (misalnya Rekap_Absensi_DISHUB_2026-11.xlsx)",
        ));
    };
    NaiveDate::from_ymd_opt(m.year, m.month, day).ok_or_else(|| {
        Reject::new(
            col,
            cell.text(),
            format!(
                "tanggal {day} tidak ada di bulan {}; kosongkan sel ini atau periksa bulannya",
                periode(m)
            ),
        )
    })
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
