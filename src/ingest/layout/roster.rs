//! roster (SPEC §3.4, optional `Daftar Pegawai`): nip, nama, unit, [jabatan],
//! [status_pegawai], [id_mesin], [shift], [TMT/Mulai], [Berhenti]. Gives each unit's
//! expected staff (coverage), recovers NIPs that lost their digits and maps machine ids
//! (SPEC §3.9). One record per row.

use chrono::NaiveDate;

use crate::ground::model::{Level, RosterEntry};
use crate::ingest::detect::{Field, HeaderFields};
use crate::ingest::layout::{Labels, Outcome, SheetCtx, SheetLayout, SheetOutput};

/// roster: recognised by NIP and name (or the two in one column) with `Jabatan`,
/// `Status Pegawai` or `Unit Kerja`, and nothing of attendance or evaluation.
pub struct Roster;

impl SheetLayout for Roster {
    fn labels(&self) -> Labels {
        Labels { key: "roster", kind: "Daftar Pegawai", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        let named = (header.has(Field::Nip) && header.has(Field::Nama)) || header.has(Field::NamaNip);
        // A date, a status or a score makes the sheet attendance or evaluation, even when
        // those layouts did not take it (a `Tanggal` without `Status`): never a roster.
        let attendance_or_evaluation = header.has_any(&[
            Field::Tanggal,
            Field::Status,
            Field::Target,
            Field::Realisasi,
            Field::RatingHasil,
        ]);
        named
            && !attendance_or_evaluation
            && header.has_any(&[Field::Jabatan, Field::StatusPegawai, Field::Unit])
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        let mut out = SheetOutput::default();
        let looks_like_data = |r: usize| ctx.names_someone(r);
        for r in ctx.data_rows(looks_like_data) {
            read_row(ctx, r, &mut out);
        }
        out
    }
}

/// One staff member: an entry, or a rejection (a NIP that lost its digits cannot be a
/// roster's NIP: the roster is what recovers them).
fn read_row(ctx: &SheetCtx, r: usize, out: &mut SheetOutput) {
    let text = |f: Field| ctx.cell(r, f).map(|(c, _)| c.text().trim().to_string()).unwrap_or_default();
    let entry = ctx.unit(r).and_then(|unit| ctx.person(r, &unit).map(|p| (unit, p)));
    match entry {
        Ok((unit, read)) if read.lost.is_none() => {
            let mulai = optional_date(ctx, r, Field::Mulai, "TMT/mulai", out);
            let berhenti = optional_date(ctx, r, Field::Berhenti, "tanggal berhenti", out);
            out.outcomes.push(Outcome::Roster(RosterEntry {
                nip: read.person.nip.clone(),
                nama: read.person.nama.clone(),
                unit,
                jabatan: text(Field::Jabatan),
                status_pegawai: text(Field::StatusPegawai),
                prov: ctx.prov(r, ctx.table.col(Field::Nama).or(ctx.table.col(Field::NamaNip)).unwrap_or(0)),
                id_mesin: Some(text(Field::MachineId)).filter(|s| !s.is_empty()),
                shift: Some(text(Field::Shift)).filter(|s| !s.is_empty()),
                mulai,
                berhenti,
            }));
        }
        Ok((_, read)) => {
            if let Some((_, e)) = read.lost {
                ctx.reject(out, r, e, None);
            }
        }
        Err(e) => ctx.reject(out, r, e, None),
    }
}

/// An optional date column of the roster: an unreadable date is a warning (the person is
/// still listed, as known for the whole month).
fn optional_date(
    ctx: &SheetCtx,
    r: usize,
    f: Field,
    label: &str,
    out: &mut SheetOutput,
) -> Option<NaiveDate> {
    if !ctx.filled(r, f) {
        return None;
    }
    match ctx.date(r, f, label) {
        Ok((d, _)) => Some(d),
        Err(x) => {
            let message = format!("{}; tanggal ini diabaikan", x.message);
            out.issues.push(ctx.issue_for(r, super::Reject { message, ..x }, Level::Peringatan, None));
            None
        }
    }
}
