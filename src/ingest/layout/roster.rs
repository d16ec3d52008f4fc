//! roster (SPEC §3.4, optional `Daftar Pegawai`): nip, nama, unit, [jabatan],
//! [status_pegawai]. Gives each unit's expected staff (coverage) and recovers NIPs that
//! lost their digits. One record per row.

use crate::ground::model::RosterEntry;
use crate::ingest::detect::Field;
use crate::ingest::layout::{Outcome, SheetCtx, SheetOutput};

pub fn read(ctx: &SheetCtx) -> SheetOutput {
    let mut out = SheetOutput::default();
    let looks_like_data = |r: usize| {
        [Field::Nip, Field::Nama, Field::NamaNip]
            .into_iter()
            .any(|f| ctx.cell(r, f).is_some_and(|(c, _)| !c.is_empty()))
    };
    for r in ctx.data_rows(looks_like_data) {
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
                    prov: ctx
                        .prov(r, ctx.table.col(Field::Nama).or(ctx.table.col(Field::NamaNip)).unwrap_or(0)),
                }));
            }
            Ok((_, read)) => {
                if let Some((_, e)) = read.lost {
                    ctx.reject(&mut out, r, e, None);
                }
            }
            Err(e) => ctx.reject(&mut out, r, e, None),
        }
    }
    out
}
