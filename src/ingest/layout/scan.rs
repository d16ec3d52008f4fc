//! attendance-scan (SPEC §3.9): a fingerprint machine's log. Either one row per scan — a
//! machine id, [nama], and a date + a time or one date-time cell — or the "Daily Log" shape,
//! one row per person-day with the scans in columns (`1 2 3 4 5`, `Scan 1`…, `Jam 1`…).
//! Each row is one `ClockRecord`; who a machine id is, the day's status and de-duplication
//! are `reconcile`'s. Direction columns (`C/In`, `C/Out`) are never read as status codes.

use std::sync::Arc;

use crate::ground::clock::ClockTime;
use crate::ground::model::{ClockRecord, ClockTimes, Person, YearMonth};
use crate::ground::text::norm_key;
use crate::ingest::detect::{
    Field, HeaderFields, HeaderSearch, Table, header_columns, header_text, is_table_end,
};
use crate::ingest::layout::{Labels, OncePerPerson, Outcome, Reject, SheetCtx, SheetLayout, SheetOutput};
use crate::ingest::workbook::{Cell, Grid};

/// attendance-scan: recognised by a machine-id column with a date-time column, a date and a
/// time column, or a date and numbered scan columns.
pub struct AttendanceScan;

impl SheetLayout for AttendanceScan {
    fn labels(&self) -> Labels {
        Labels { key: "attendance-scan", kind: "Kehadiran", layout: "scan" }
    }

    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        let mut columns = header_columns(search.grid, search.vocab, row, false);
        // `Tanggal | Waktu`: beside a date column, `Waktu` is the time of the scan.
        let has = |cols: &[(Field, usize)], f: Field| cols.iter().any(|(g, _)| *g == f);
        if has(&columns, Field::Tanggal) && has(&columns, Field::DateTime) && !has(&columns, Field::Jam) {
            for (f, _) in &mut columns {
                if *f == Field::DateTime {
                    *f = Field::Jam;
                }
            }
        }
        let header = HeaderFields(&columns);
        if !header.has_any(&[Field::MachineId, Field::EnrollId]) {
            return None;
        }
        let (scans, data_start) = scans_in_or_under(search.grid, &columns, row);
        let shaped = header.has(Field::DateTime)
            || (header.has(Field::Tanggal) && (header.has(Field::Jam) || scans.len() >= 2));
        if !shaped || header.has_any(&[Field::JamMasuk, Field::JamPulang]) && scans.is_empty() {
            return None;
        }
        let days = if header.has(Field::DateTime) || header.has(Field::Jam) { Vec::new() } else { scans };
        let data_start = if days.is_empty() { row + 1 } else { data_start };
        Some(Table { header_row: row, data_start, columns, days, totals: Vec::new(), bands: Vec::new() })
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        let mut out = SheetOutput::default();
        let mut warned = OncePerPerson::default();
        let looks_like_data = |r: usize| {
            (ctx.filled(r, Field::MachineId) || ctx.filled(r, Field::EnrollId) || ctx.names_someone(r))
                && (ctx.filled(r, Field::Tanggal) || ctx.filled(r, Field::DateTime))
        };
        // A row with an id and a date is a scan even when its first cell (a `Dept` of
        // `KEPALA`) reads like the end of a table.
        let ends = |r: usize| is_table_end(ctx.grid, r) && !looks_like_data(r);
        for r in ctx.data_rows_ending(looks_like_data, ends) {
            match read_row(ctx, r, &mut out, &mut warned) {
                Ok(record) => out.outcomes.push(Outcome::Clock(record)),
                Err((reject, month)) => ctx.reject(&mut out, r, reject, month),
            }
        }
        out
    }
}

/// The scan columns of a Daily Log header row: a run of `1`, `2`, `3`, … (fewer than a
/// month's days), or `Scan 1`, `Jam 1`, … — (scan number, column).
fn scan_columns(grid: &Grid, r: usize) -> Vec<(u32, usize)> {
    let width = grid.rows.get(r).map(Vec::len).unwrap_or(0);
    let mut run: Vec<(u32, usize)> = Vec::new();
    for c in 0..width {
        let Some(n) = scan_number(&header_text(grid, r, c), grid.get(r, c)) else { continue };
        match run.last() {
            Some(&(last, col)) if n == last + 1 && c == col + 1 => run.push((n, c)),
            _ if n == 1 && run.len() < 2 => run = vec![(1, c)],
            _ => {}
        }
    }
    if run.len() >= 2 && run.len() < 28 { run } else { Vec::new() }
}

/// The scan columns in header row `row`, or in the row under it (`1 2 3 4 5` under a merged
/// `Scan` label) when that row leaves the id empty, as a header row does; and where the data
/// starts.
fn scans_in_or_under(grid: &Grid, columns: &[(Field, usize)], row: usize) -> (Vec<(u32, usize)>, usize) {
    let own = scan_columns(grid, row);
    if !own.is_empty() {
        return (own, row + 1);
    }
    let id_col =
        columns.iter().find(|(f, _)| matches!(f, Field::MachineId | Field::EnrollId)).map(|(_, c)| *c);
    let date_col = columns.iter().find(|(f, _)| *f == Field::Tanggal).map(|(_, c)| *c);
    let (Some(id_col), Some(date_col)) = (id_col, date_col) else {
        return (Vec::new(), row + 1);
    };
    if !grid.get(row + 1, id_col).is_empty() || !grid.get(row + 1, date_col).is_empty() {
        return (Vec::new(), row + 1);
    }
    let under: Vec<(u32, usize)> =
        scan_columns(grid, row + 1).into_iter().filter(|&(_, c)| c > date_col).collect();
    (under, row + 2)
}

/// The number of a scan column header: `3`, `Scan 3`, `Jam 3`.
fn scan_number(text: &str, cell: &Cell) -> Option<u32> {
    if let Cell::Number(x) = cell {
        return (x.fract() == 0.0 && (1.0..=31.0).contains(x)).then_some(*x as u32);
    }
    let key = norm_key(text);
    let digits = key.strip_prefix("scan").or_else(|| key.strip_prefix("jam")).unwrap_or(&key);
    let n: u32 = digits.parse().ok().filter(|_| digits.chars().all(|c| c.is_ascii_digit()))?;
    (1..=31).contains(&n).then_some(n)
}

fn read_row(
    ctx: &SheetCtx,
    r: usize,
    out: &mut SheetOutput,
    warned: &mut OncePerPerson,
) -> Result<ClockRecord, (Reject, Option<YearMonth>)> {
    let date_field = if ctx.table.has(Field::DateTime) { Field::DateTime } else { Field::Tanggal };
    let (date, month) = ctx.clock_date(r, date_field);
    let fail = |reject: Reject| (reject, month);
    let unit = ctx.unit(r).map_err(fail)?;
    let (person, machine_id) = who(ctx, r, &unit, out, warned).map_err(fail)?;
    let date = date.map_err(fail)?;
    let times = times(ctx, r).map_err(fail)?;
    let date_col = ctx.table.col(date_field).unwrap_or(0);
    ctx.warn_other_month(out, r, date_col, date);
    let at = (r, time_col(ctx).unwrap_or(date_col));
    Ok(ClockRecord { machine_id, ..ctx.clock_record(person, ctx.shared_unit(&unit), date, times, at) })
}

/// The column a record's provenance names: the time, date-time or first scan column.
fn time_col(ctx: &SheetCtx) -> Option<usize> {
    ctx.table.col(Field::Jam).or(ctx.table.col(Field::DateTime)).or(ctx.table.days.first().map(|&(_, c)| c))
}

/// The row's person and machine id: a valid NIP column names the person directly; else the
/// machine id (`User ID`/`PIN`, or `Enroll ID` when there is no other) gives a provisional
/// person that `reconcile` maps through the roster; a row with neither but a name is known
/// by unit + name.
fn who(
    ctx: &SheetCtx,
    r: usize,
    unit: &str,
    out: &mut SheetOutput,
    warned: &mut OncePerPerson,
) -> Result<(Arc<Person>, Option<String>), Reject> {
    let id_field = if ctx.table.has(Field::MachineId) { Field::MachineId } else { Field::EnrollId };
    let id = ctx.cell(r, id_field).map(|(c, _)| c.text().trim().to_string()).filter(|s| !s.is_empty());
    if ctx.filled(r, Field::Nip) || ctx.filled(r, Field::NamaNip) || id.is_none() {
        let read = ctx.person(r, unit)?;
        ctx.warn_person(out, warned, r, &read.person, read.warning.clone(), ctx.sheet_month);
        if let Some((_, lost)) = read.lost {
            return Err(lost);
        }
        return Ok((read.person, id));
    }
    let nama = ctx.cell(r, Field::Nama).map(|(c, _)| c.text()).unwrap_or_default();
    let nama = nama.split_whitespace().collect::<Vec<_>>().join(" ");
    let id = id.unwrap_or_default();
    let person = ctx.shared(Person { key: format!("id:{unit}:{id}"), nip: None, nama });
    Ok((person, Some(id)))
}

/// The row's times: one scan (a time column, or the time half of a date-time cell), or the
/// Daily Log's scan columns (empty ones skipped; any number kept, `reconcile` warns).
fn times(ctx: &SheetCtx, r: usize) -> Result<ClockTimes, Reject> {
    if ctx.table.has(Field::Jam) {
        let time = ctx.time(r, Field::Jam, "jam scan")?;
        let col = ctx.table.col(Field::Jam).unwrap_or(0);
        return time.map(ClockTimes::Scan).ok_or_else(|| {
            Reject::new(col, "", "jam scan kosong: isi jam scan seperti 07:31, atau hapus baris ini")
        });
    }
    if ctx.table.has(Field::DateTime) {
        return ctx.time_of_date_time(r, Field::DateTime, "waktu scan").map(ClockTimes::Scan);
    }
    let mut scans: Vec<ClockTime> = Vec::new();
    for &(_, col) in &ctx.table.days {
        if let Some(t) = ctx.time_at(r, col, "jam scan")? {
            scans.push(t);
        }
    }
    // Scans beyond the header's numbered columns (a 6th press in a `1 … 5` export).
    let last = ctx.table.days.last().map(|&(_, c)| c + 1).unwrap_or(0);
    let width = ctx.grid.rows.get(r).map(Vec::len).unwrap_or(0);
    for col in last..width {
        if let Ok(Some(t)) = ctx.time_at(r, col, "jam scan") {
            scans.push(t);
        }
    }
    Ok(ClockTimes::Scans(scans))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_column_headers_are_numbered() {
        let cases: &[(&str, Cell, Option<u32>)] = &[
            ("1", Cell::Number(1.0), Some(1)),
            ("5", Cell::Text("5".into()), Some(5)),
            ("Scan 3", Cell::Text("Scan 3".into()), Some(3)),
            ("Jam 2", Cell::Text("Jam 2".into()), Some(2)),
            ("Jam Masuk", Cell::Text("Jam Masuk".into()), None),
            ("Jam", Cell::Text("Jam".into()), None),
            ("1,5", Cell::Number(1.5), None),
            ("32", Cell::Text("32".into()), None),
        ];
        for (text, cell, want) in cases {
            assert_eq!(scan_number(text, cell), *want, "{text}");
        }
    }
}
