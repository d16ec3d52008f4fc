//! attendance-daily (SPEC §3.9): one row per person per day with a datang and a pulang time
//! (`Jam Masuk`/`Datang`, `Jam Pulang`/`Pulang`), [a status], [stated minutes late / early],
//! [a per-day `Shift`]. Also the per-person sheets of attendance programs: one sheet per
//! employee, the person from `Nama :` / `NIP :` rows above the table or else the sheet's
//! name, under a header of up to three merged rows (`Absen` › `Datang` › `Pukul`). Every
//! daily row is one `ClockRecord` (`Pair`), also one without times (`reconcile` judges it).

use crate::ground::model::{ClockRecord, ClockTimes, ClockTotals, StatedBands, StatedTotal, YearMonth};
use crate::ground::text::norm_key;
use crate::ingest::detect::{
    BandColumn, Field, HeaderFields, HeaderSearch, Table, header_text, is_table_end,
};
use crate::ingest::layout::context::is_direction;
use crate::ingest::layout::{
    Labels, OncePerPerson, Outcome, PersonRead, Reject, SheetCtx, SheetLayout, SheetOutput,
};
use crate::ingest::values::parse_number_text;
use crate::ingest::workbook::{Cell, Grid};

/// attendance-daily: recognised by a date column and a datang or pulang time column. A
/// sheet that also has a status column holding a status code on every row is
/// attendance-long (its times are extra columns), as before this layout existed.
pub struct AttendanceDaily;

impl SheetLayout for AttendanceDaily {
    fn labels(&self) -> Labels {
        Labels { key: "attendance-daily", kind: "Kehadiran", layout: "harian" }
    }

    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        let tanggal = (0..search.grid.width())
            .find(|&c| search.vocab.field(&header_text(search.grid, row, c)) == Some(Field::Tanggal))?;
        let header_rows =
            1 + (1..=2).take_while(|&k| continues_header(search.grid, row + k, tanggal)).count();
        let columns = columns(search, row, header_rows);
        let header = HeaderFields(&columns);
        if !header.has_any(&[Field::JamMasuk, Field::JamPulang]) {
            return None;
        }
        let data_start = row + header_rows;
        let bands = band_columns(search.grid, row, header_rows);
        let table =
            Table { header_row: row, data_start, columns, days: Vec::new(), totals: Vec::new(), bands };
        if status_on_every_row(search, &table) {
            return None;
        }
        Some(table)
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        let mut out = SheetOutput::default();
        let mut warned = OncePerPerson::default();
        let looks_like_data = |r: usize| ctx.filled(r, Field::Tanggal);
        let rows = ctx.data_rows(looks_like_data);
        for &r in &rows {
            if !ctx.filled(r, Field::Tanggal) && !ctx.names_someone(r) {
                continue;
            }
            match read_row(ctx, r, &mut out, &mut warned) {
                Ok(record) => out.outcomes.push(Outcome::Clock(record)),
                Err((reject, month)) => ctx.reject(&mut out, r, reject, month),
            }
        }
        if let Some(totals) = rows.last().and_then(|&last| totals_row(ctx, last)) {
            out.outcomes.push(Outcome::ClockTotals(totals));
        }
        out
    }
}

/// Row `r` continues a header whose date column is `tanggal`: the date cell is empty (merged
/// down from the header; a data row always has a date) and some other cell holds text.
fn continues_header(grid: &Grid, r: usize, tanggal: usize) -> bool {
    let row = grid.rows.get(r);
    grid.get(r, tanggal).is_empty()
        && row.is_some_and(|cells| {
            cells.iter().any(|c| matches!(c, crate::ingest::workbook::Cell::Text(s) if !s.trim().is_empty()))
        })
}

/// The fields of a header of `rows` rows: per column, the lowest row that names a field
/// (`Absen` › `Datang` › `Pukul` is `Datang`), or two rows read together (`Terlambat` /
/// `(menit)`).
fn columns(search: &HeaderSearch<'_>, row: usize, rows: usize) -> Vec<(Field, usize)> {
    let mut out: Vec<(Field, usize)> = Vec::new();
    for c in 0..search.grid.width() {
        let texts: Vec<String> = (row..row + rows).map(|r| header_text(search.grid, r, c)).collect();
        let joined = texts.windows(2).find_map(|w| search.vocab.field(&format!("{} {}", w[0], w[1])));
        let field = texts.iter().rev().find_map(|t| search.vocab.field(t)).or(joined);
        if let Some(f) = field {
            if !out.iter().any(|(g, _)| *g == f) {
                out.push((f, c));
            }
        }
    }
    out
}

/// True when the table has a status column and every dated row below holds a status code
/// there: an attendance-long sheet with extra time columns (`absen kel miji agst.xls`).
fn status_on_every_row(search: &HeaderSearch<'_>, table: &Table) -> bool {
    let (Some(status), Some(tanggal)) = (table.col(Field::Status), table.col(Field::Tanggal)) else {
        return false;
    };
    let grid = search.grid;
    let mut rows = 0;
    for r in table.data_start..grid.height() {
        if is_table_end(grid, r) {
            break;
        }
        if grid.get(r, tanggal).is_empty() {
            continue;
        }
        let cell = grid.get(r, status);
        let text = cell.text();
        if cell.is_empty() || is_direction(&text) || search.codes.lookup(&text).is_none() {
            return false;
        }
        rows += 1;
    }
    rows > 0
}

fn read_row(
    ctx: &SheetCtx,
    r: usize,
    out: &mut SheetOutput,
    warned: &mut OncePerPerson,
) -> Result<ClockRecord, (Reject, Option<YearMonth>)> {
    let (date, month) = ctx.clock_date(r, Field::Tanggal);
    let fail = |reject: Reject| (reject, month);
    let unit = ctx.unit(r).map_err(fail)?;
    let read = person(ctx, r, &unit).map_err(fail)?;
    ctx.warn_person(out, warned, r, &read.person, read.warning.clone(), month);
    if let Some((_, lost)) = read.lost {
        return Err(fail(lost));
    }
    let date = date.map_err(fail)?;
    let masuk = ctx.time(r, Field::JamMasuk, "jam datang").map_err(fail)?;
    let pulang = ctx.time(r, Field::JamPulang, "jam pulang").map_err(fail)?;
    let stated_terlambat = ctx.stated_minutes(r, Field::MenitTerlambat, "menit terlambat").map_err(fail)?;
    let stated_pulang_cepat =
        ctx.stated_minutes(r, Field::MenitPulangCepat, "menit pulang cepat").map_err(fail)?;
    let shift = ctx.cell(r, Field::Shift).map(|(c, _)| c.text().trim().to_string()).filter(|s| !s.is_empty());
    let date_col = ctx.table.col(Field::Tanggal).unwrap_or(0);
    ctx.warn_other_month(out, r, date_col, date);
    let at = (r, ctx.table.col(Field::JamMasuk).or(ctx.table.col(Field::JamPulang)).unwrap_or(date_col));
    let times = ClockTimes::Pair { masuk, pulang };
    Ok(ClockRecord {
        shift,
        code: ctx.clock_code(r),
        stated_terlambat,
        stated_pulang_cepat,
        stated_bands: stated_bands(ctx, r),
        ..ctx.clock_record(read.person, ctx.shared_unit(&unit), date, times, at)
    })
}

/// The `Jumlah`/`Total` row just below the last data row, with the totals it states for the
/// minutes and band columns (SPEC §3.9: cross-checked like a matrix's totals).
fn totals_row(ctx: &SheetCtx, last: usize) -> Option<ClockTotals> {
    let is_totals = |r: usize| {
        let first = ctx.grid.rows.get(r).and_then(|cells| cells.iter().find(|c| !c.is_empty()));
        first.is_some_and(|c| {
            let key = norm_key(&c.text());
            key.starts_with("jumlah") || key.starts_with("total")
        })
    };
    let r = (last + 1..last + 4).find(|&r| is_totals(r))?;
    let number = |c: usize| match ctx.grid.get(r, c) {
        Cell::Number(x) => Some(*x),
        Cell::Text(t) => parse_number_text(t),
        _ => None,
    };
    let abs = |c: usize| ctx.grid.abs(r, c).1;
    let mut stated = Vec::new();
    for (what, field) in [
        (StatedTotal::MenitTerlambat, Field::MenitTerlambat),
        (StatedTotal::MenitPulangCepat, Field::MenitPulangCepat),
    ] {
        if let Some(c) = ctx.table.col(field) {
            if let Some(x) = number(c).filter(|x| (0.0..1e7).contains(x)) {
                stated.push((what, x.round() as u32, abs(c)));
            }
        }
    }
    for b in &ctx.table.bands {
        if let Some(x) = number(b.col).filter(|x| (0.0..1e7).contains(x)) {
            stated.push((StatedTotal::Band(b.psw, b.band), x.round() as u32, abs(b.col)));
        }
    }
    (!stated.is_empty()).then(|| ClockTotals { stated, prov: ctx.prov(r, 0) })
}

/// The band columns of a per-person recap: in a header row, a `TL` or `PSW` cell over four
/// band labels in the header row below (`1 - 30 | 31 - 60 | 61 - 90 | > 90/Tdk Absen`).
fn band_columns(grid: &Grid, row: usize, rows: usize) -> Vec<BandColumn> {
    let mut out = Vec::new();
    for hr in row..row + rows.saturating_sub(1) {
        for c in 0..grid.width() {
            let psw = match norm_key(&header_text(grid, hr, c)).as_str() {
                "tl" => false,
                "psw" => true,
                _ => continue,
            };
            let labels: Vec<String> = (c..c + 4).map(|k| header_text(grid, hr + 1, k)).collect();
            if labels.iter().all(|l| l.chars().any(|ch| ch.is_ascii_digit())) {
                out.extend((0..4).map(|k| BandColumn { psw, band: k as u8 + 1, col: c + k }));
            }
        }
    }
    out
}

/// The band columns and the bands row `r` marks (a cell that is neither empty, `-` nor 0).
fn stated_bands(ctx: &SheetCtx, r: usize) -> Option<Box<StatedBands>> {
    if ctx.table.bands.is_empty() {
        return None;
    }
    let mut bands = StatedBands::default();
    for b in &ctx.table.bands {
        bands.columns.push((b.psw, b.band, ctx.grid.abs(r, b.col).1));
        let cell = ctx.grid.get(r, b.col);
        let text = cell.text();
        let text = text.trim();
        if !cell.is_empty() && !text.is_empty() && text != "-" && text != "0" {
            bands.marked.push((b.psw, b.band));
        }
    }
    Some(Box::new(bands))
}

/// The row's person: its own person columns, else the sheet's (`Nama :`, or its name).
fn person(ctx: &SheetCtx, r: usize, unit: &str) -> Result<PersonRead, Reject> {
    let has_person_column = [Field::Nip, Field::Nama, Field::NamaNip].into_iter().any(|f| ctx.table.has(f));
    if has_person_column { ctx.person(r, unit) } else { ctx.sheet_person(unit) }
}
