//! attendance-long (SPEC §3.4): one row per person per day — nip/nama, [unit], tanggal,
//! status, [menit_terlambat], [kegiatan], [kelompok]. One record per data row.

use crate::ground::model::{AttendanceRecord, Level, StatusCode, YearMonth, quote_value};
use crate::ingest::detect::{Field, HeaderFields};
use crate::ingest::layout::{Labels, OncePerPerson, Record, Reject, SheetCtx, SheetLayout, SheetOutput};
use crate::ingest::workbook::Cell;

/// attendance-long: recognised by a person column with `Tanggal` and `Status`.
pub struct AttendanceLong;

impl SheetLayout for AttendanceLong {
    fn labels(&self) -> Labels {
        Labels { key: "attendance-long", kind: "Kehadiran", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        header.names_person() && header.has(Field::Tanggal) && header.has(Field::Status)
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        let mut out = SheetOutput::default();
        let mut warned = OncePerPerson::default();
        let looks_like_data = |r: usize| {
            ctx.names_someone(r) && (ctx.filled(r, Field::Tanggal) || ctx.filled(r, Field::Status))
        };
        for r in ctx.data_rows(looks_like_data) {
            if is_unfilled(ctx, r) {
                continue;
            }
            match read_row(ctx, r, &mut out, &mut warned) {
                Ok((rec, lost)) => ctx.accept(&mut out, r, Record::Attendance(rec), lost),
                Err((reject, month)) => ctx.reject(&mut out, r, reject, month),
            }
        }
        out
    }
}

/// A row that names nobody and holds at most a day off (`L`, `TB`) — a template's prefilled
/// date — carries no attendance: it is not a record.
fn is_unfilled(ctx: &SheetCtx, r: usize) -> bool {
    let empty = |f: Field| !ctx.filled(r, f);
    let nobody = !ctx.names_someone(r);
    let day_off = match ctx.cell(r, Field::Status) {
        None => true,
        Some((c, _)) => {
            c.is_empty() || ctx.settings.codes.lookup(&c.text()).is_some_and(|s| !s.is_working_day())
        }
    };
    nobody && day_off && empty(Field::MenitTerlambat) && empty(Field::Kegiatan)
}

type RowError = (Reject, Option<YearMonth>);
type RowRead = (AttendanceRecord, Option<(String, Reject)>);

fn read_row(
    ctx: &SheetCtx,
    r: usize,
    out: &mut SheetOutput,
    warned: &mut OncePerPerson,
) -> Result<RowRead, RowError> {
    // The date first: it decides which month's report a rejection belongs to.
    let date = ctx.date(r, Field::Tanggal, "tanggal");
    let month = date.as_ref().ok().map(|(d, _)| YearMonth::of(*d));
    let fail = |reject: Reject| (reject, month);
    let unit = ctx.unit(r).map_err(fail)?;
    let read = ctx.person(r, &unit).map_err(fail)?;
    let (person, person_warning) = (read.person, read.warning);
    let (date, weekday_mismatch) = date.map_err(fail)?;
    let code = status(ctx, r).map_err(fail)?;
    let menit = minutes(ctx, r).map_err(fail)?;
    let (kegiatan, kelompok) = ctx.kegiatan_kelompok(r);

    ctx.warn_person(out, warned, r, &person, person_warning, month);
    if let Some(day) = weekday_mismatch {
        let col = ctx.table.col(Field::Tanggal).unwrap_or(0);
        let value = ctx.grid.get(r, col).text();
        out.issues.push(ctx.issue(
            r,
            col,
            &value,
            format!(
                "nama hari \"{}\" tidak cocok dengan tanggalnya ({} adalah hari {}); tanggal yang dipakai",
                quote_value(&day),
                crate::ground::text::tanggal(date),
                crate::ground::text::nama_hari(date)
            ),
            Level::Peringatan,
            month,
        ));
    }
    let record = AttendanceRecord {
        person,
        unit: ctx.shared_unit(&unit),
        date,
        code,
        menit_terlambat: menit,
        kegiatan,
        kelompok,
        prov: ctx.prov(r, ctx.table.col(Field::Status).unwrap_or(0)),
        clock: None,
    };
    Ok((record, read.lost))
}

fn status(ctx: &SheetCtx, r: usize) -> Result<StatusCode, Reject> {
    let Some((cell, col)) = ctx.cell(r, Field::Status) else {
        return Err(Reject::new(0, "", "kolom status tidak ada"));
    };
    match cell {
        Cell::Empty => Err(Reject::new(
            col,
            "",
            format!("status kosong: isi salah satu kode {}", ctx.settings.codes.accepted_list()),
        )),
        other => ctx.status_code(other, col),
    }
}

fn minutes(ctx: &SheetCtx, r: usize) -> Result<u32, Reject> {
    // `-` is how recaps write "no minutes" (`Telat (mnt)` columns).
    if let Some((Cell::Text(s), _)) = ctx.cell(r, Field::MenitTerlambat) {
        if !s.trim().is_empty() && s.trim().chars().all(crate::ground::text::is_dash) {
            return Ok(0);
        }
    }
    let Some(x) = ctx.number(r, Field::MenitTerlambat, "menit terlambat")? else {
        return Ok(0);
    };
    let col = ctx.table.col(Field::MenitTerlambat).unwrap_or(0);
    if !(0.0..=24.0 * 60.0).contains(&x) {
        return Err(Reject::new(
            col,
            crate::ingest::workbook::format_number(x),
            "menit terlambat harus antara 0 dan 1440",
        ));
    }
    Ok(x.round() as u32)
}
