//! roster (SPEC §3.4, optional `Daftar Pegawai`): nip, nama, unit, [jabatan],
//! [status_pegawai]. Gives each unit's expected staff (coverage) and recovers NIPs that
//! lost their digits. One record per row.

use crate::ground::model::RosterEntry;
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
            out.outcomes.push(Outcome::Roster(RosterEntry {
                nip: read.person.nip.clone(),
                nama: read.person.nama.clone(),
                unit,
                jabatan: text(Field::Jabatan),
                status_pegawai: text(Field::StatusPegawai),
                prov: ctx.prov(r, ctx.table.col(Field::Nama).or(ctx.table.col(Field::NamaNip)).unwrap_or(0)),
                id_mesin: None,
                shift: None,
                mulai: None,
                berhenti: None,
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
