//! The Kelompok Budaya Kerja sheets of SPEC §11.1: `kbk-kelompok`, `kbk-anggota`,
//! `kbk-pertemuan`, `kbk-langkah`, `kbk-hasil` and the contest's `kbk-penilaian`, one file
//! each. KBK meeting attendance is read by the attendance layouts (`kegiatan` = KBK).
//!
//! Every KBK table names its group in a `Kelompok` column, or — a sheet per group — in a
//! `Kelompok : Melati` row above the table ([`locate_under_group_label`]). The rows carry
//! their own dates, so no KBK sheet needs a month. Only row-level checks live here; whether
//! a group is defined, its roster and the order of its steps are `reconcile`'s.

pub mod anggota;
pub mod hadir;
pub mod hasil;
pub mod kelompok;
pub mod langkah;
pub mod penilaian;
pub mod pertemuan;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::ground::kbk::{KbkRecord, LANGKAH, StepText, step_from_text};
use crate::ground::model::{Level, YearMonth, quote_value};
use crate::ingest::detect::{Field, HeaderFields, HeaderSearch, Table, header_columns};
use crate::ingest::layout::{Outcome, Reject, SheetCtx, SheetOutput};
use crate::ingest::workbook::Cell;

/// A row that could not become a record: the rejection and the month it belongs to.
pub(crate) type RowError = (Reject, Option<YearMonth>);

/// Reads the table's rows with `row`, one KBK record (or rejection) per row that fills one
/// of the `content` columns. Rows that fill none — an empty template row, a row with only a
/// prefilled group name, step number or unit — are no records and no errors.
pub(crate) fn read_rows(
    ctx: &SheetCtx,
    content: &[Field],
    mut row: impl FnMut(usize, &mut SheetOutput) -> Result<KbkRecord, RowError>,
) -> SheetOutput {
    let mut out = SheetOutput::default();
    let holds_content = |r: usize| content.iter().any(|&f| ctx.filled(r, f));
    let looks_like_data = |r: usize| holds_content(r) || ctx.filled(r, Field::Kelompok);
    for r in ctx.data_rows(looks_like_data) {
        if !holds_content(r) {
            continue;
        }
        match row(r, &mut out) {
            Ok(record) => out.outcomes.push(Outcome::Kbk(Box::new(record))),
            Err((reject, month)) => ctx.reject(&mut out, r, reject, month),
        }
    }
    out
}

/// The group a row belongs to: its `Kelompok` cell as written (trimmed), else the sheet's
/// `Kelompok : …` row; neither is a rejection at the group's cell.
pub(crate) fn group(ctx: &SheetCtx, r: usize) -> Result<String, Reject> {
    if let Some((cell, _)) = ctx.cell(r, Field::Kelompok) {
        let name = cell.text().trim().to_string();
        if !name.is_empty() {
            return Ok(name);
        }
    }
    if let Some((name, _)) = &ctx.meta.kelompok {
        return Ok(name.clone());
    }
    let col = ctx.table.col(Field::Kelompok).unwrap_or_else(|| first_col(ctx.table));
    Err(Reject::new(
        col,
        "",
        "nama kelompok kosong: isi nama Kelompok Budaya Kerja di kolom Nama Kelompok (misalnya Melati), \
         atau tambahkan baris \"Kelompok : Melati\" di atas tabel",
    ))
}

/// The leftmost column of the table.
pub(crate) fn first_col(table: &Table) -> usize {
    table.columns.iter().map(|(_, c)| *c).min().unwrap_or(0)
}

/// The column a record's provenance points at: its `Kelompok` cell, else the first column.
pub(crate) fn record_col(ctx: &SheetCtx) -> usize {
    ctx.table.col(Field::Kelompok).unwrap_or_else(|| first_col(ctx.table))
}

/// The text of column `f` in row `r`, trimmed; empty when the column is absent.
pub(crate) fn text(ctx: &SheetCtx, r: usize, f: Field) -> String {
    ctx.cell(r, f).map(|(c, _)| c.text().trim().to_string()).unwrap_or_default()
}

/// A date column that may be empty (`Ok(None)`); a date that cannot be read is rejected, a
/// weekday that contradicts it is a warning (SPEC §3.5).
pub(crate) fn date(
    ctx: &SheetCtx,
    out: &mut SheetOutput,
    r: usize,
    f: Field,
    label: &str,
) -> Result<Option<NaiveDate>, Reject> {
    if !ctx.filled(r, f) {
        return Ok(None);
    }
    let (d, weekday) = ctx.date(r, f, label)?;
    if let (Some(day), Some(col)) = (weekday, ctx.table.col(f)) {
        let message = format!(
            "nama hari \"{}\" tidak cocok dengan tanggalnya ({} adalah hari {}); tanggal yang dipakai",
            quote_value(&day),
            crate::ground::text::tanggal(d),
            crate::ground::text::nama_hari(d)
        );
        warn(ctx, out, r, Reject::new(col, ctx.grid.get(r, col).text(), message), Some(YearMonth::of(d)));
    }
    Ok(Some(d))
}

/// A value that only describes the record (a group's SK date, its baseline): when it cannot
/// be read, a warning says so and the record is kept without it.
pub(crate) fn or_warn<T>(
    ctx: &SheetCtx,
    out: &mut SheetOutput,
    r: usize,
    value: Result<Option<T>, Reject>,
) -> Option<T> {
    match value {
        Ok(v) => v,
        Err(x) => {
            let message = format!("{}; nilai ini diabaikan, data lain di baris ini tetap dipakai", x.message);
            warn(ctx, out, r, Reject { message, ..x }, None);
            None
        }
    }
}

/// Adds a warning about row `r`.
pub(crate) fn warn(ctx: &SheetCtx, out: &mut SheetOutput, r: usize, x: Reject, month: Option<YearMonth>) {
    out.issues.push(ctx.issue_for(r, x, Level::Peringatan, month));
}

/// The step in column `Langkah`: a number 1–8 or a step's name (`Ok(None)` when empty); a
/// number outside 1–8 or a name that is none of the eight is rejected (SPEC §11.1).
pub(crate) fn step(ctx: &SheetCtx, r: usize) -> Result<Option<u8>, Reject> {
    let Some((cell, col)) = ctx.cell(r, Field::Langkah) else {
        return Ok(None);
    };
    let read = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(s) if s.trim().is_empty() => return Ok(None),
        Cell::Number(x) if x.fract() == 0.0 && x.abs() < 1e6 => {
            let n = *x as i64;
            if (1..=8).contains(&n) { StepText::Step(n as u8) } else { StepText::OutOfRange(n) }
        }
        Cell::Number(_) => StepText::OutOfRange(0),
        Cell::Text(s) => step_from_text(s),
        _ => StepText::Unknown,
    };
    match read {
        StepText::Step(n) => Ok(Some(n)),
        StepText::OutOfRange(_) => Err(Reject::new(
            col,
            cell.text(),
            "langkah harus 1–8: tulis nomor langkah KBK dari 1 sampai 8, atau nama langkahnya",
        )),
        StepText::Unknown => Err(Reject::new(
            col,
            cell.text(),
            format!(
                "langkah \"{}\" tidak dikenali: tulis nomor 1–8 atau salah satu nama langkah: {}",
                quote_value(cell.text().trim()),
                step_names()
            ),
        )),
    }
}

/// The eight steps as the messages list them: `1 Menetapkan tema dan sasaran, 2 …`.
pub(crate) fn step_names() -> String {
    LANGKAH.iter().enumerate().map(|(i, n)| format!("{} {n}", i + 1)).collect::<Vec<_>>().join(", ")
}

/// The table whose header is row `row` when the header has no `Kelompok` column but a
/// `Kelompok : Melati` row above names the group (one sheet per group), and `rule` — which
/// judges a header naming these fields and the group — accepts it.
pub(crate) fn locate_under_group_label(
    search: &HeaderSearch<'_>,
    row: usize,
    rule: fn(HeaderFields<'_>) -> bool,
) -> Option<Table> {
    // Detection asks every row of every sheet: the cheap test first.
    if !names_group_above(search, row) {
        return None;
    }
    let columns = header_columns(search.grid, search.vocab, row, false);
    // Two named columns at least: a `Label | : | value` row of a one-group identity page
    // names one.
    if columns.len() < 2 || HeaderFields(&columns).has(Field::Kelompok) {
        return None;
    }
    let mut with_group = columns.clone();
    with_group.push((Field::Kelompok, usize::MAX));
    if !rule(HeaderFields(&with_group)) {
        return None;
    }
    Some(Table::of_columns(row, row + 1, columns))
}

/// Whether a `Kelompok : Melati` row is above row `row`.
pub(crate) fn names_group_above(search: &HeaderSearch<'_>, row: usize) -> bool {
    search.group_row.is_some_and(|g| g < row)
}
