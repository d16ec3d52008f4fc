//! `kbk-anggota` (SPEC §11.1): one row per member of a group — kelompok, nip/nama, peran
//! (`Ketua`, `Sekretaris`/`Notulis`, `Anggota`, `Fasilitator`). One record per row that
//! names someone; the person rules are those of every sheet (SPEC §3.5).

use crate::ground::kbk::{KbkMember, KbkRecord, Peran};
use crate::ground::model::quote_value;
use crate::ingest::detect::{Field, HeaderFields, HeaderSearch, Table};
use crate::ingest::layout::kbk::{self, RowError};
use crate::ingest::layout::{Labels, OncePerPerson, Reject, SheetCtx, SheetLayout, SheetOutput};

/// kbk-anggota: recognised by `Kelompok` and a person column with `Peran`, or with nothing
/// of attendance, evaluation or a machine roster (no date, status, score, `Status Pegawai`,
/// machine id, shift or `Berhenti`). Tried before the roster: a member list with `Jabatan`
/// would pass the roster's rule.
pub struct KbkAnggota;

/// Only rows that name someone are members; a row with only a prefilled group or role is none.
const CONTENT: &[Field] = &[Field::Nip, Field::Nama, Field::NamaNip];

impl SheetLayout for KbkAnggota {
    fn labels(&self) -> Labels {
        Labels { key: "kbk-anggota", kind: "KBK Anggota", layout: "long" }
    }

    fn recognises(&self, header: HeaderFields<'_>) -> bool {
        rule(header)
    }

    /// A member list of one group (`Kelompok : Melati` above): only with a `Peran` column,
    /// which a plain staff list never has.
    fn locate(&self, search: &HeaderSearch<'_>, row: usize) -> Option<Table> {
        kbk::locate_under_group_label(search, row, |h| rule(h) && h.has(Field::Peran))
    }

    fn read(&self, ctx: &SheetCtx<'_>) -> SheetOutput {
        let mut warned = OncePerPerson::default();
        kbk::read_rows(ctx, CONTENT, |r, out| read_row(ctx, r, out, &mut warned))
    }
}

fn rule(header: HeaderFields<'_>) -> bool {
    let dated = header.has_any(&[
        Field::Tanggal,
        Field::Bulan,
        Field::DateTime,
        Field::Jam,
        Field::JamMasuk,
        Field::JamPulang,
    ]);
    let scored = header.has_any(&[
        Field::Status,
        Field::Target,
        Field::Realisasi,
        Field::NilaiPerilaku,
        Field::RatingHasil,
        Field::Nilai,
        Field::Kriteria,
    ]);
    let machine_roster = header.has_any(&[
        Field::StatusPegawai,
        Field::MachineId,
        Field::EnrollId,
        Field::Shift,
        Field::Berhenti,
    ]);
    header.has(Field::Kelompok)
        && header.names_person()
        && !dated
        && (header.has(Field::Peran) || (!scored && !machine_roster))
}

/// One member. A NIP stored as a number (its last digits lost) is rejected: a member's NIP
/// is what ties them to their attendance, and a KBK sheet recovers no NIP.
fn read_row(
    ctx: &SheetCtx,
    r: usize,
    out: &mut SheetOutput,
    warned: &mut OncePerPerson,
) -> Result<KbkRecord, RowError> {
    let kelompok = kbk::group(ctx, r).map_err(|x| (x, None))?;
    let unit = ctx.unit(r).map_err(|x| (x, None))?;
    let read = ctx.person(r, &unit).map_err(|x| (x, None))?;
    if let Some((prefix15, lost)) = read.lost {
        let message = format!(
            "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang (Excel hanya menyimpan 15 digit; \
             tersisa {prefix15}…): anggota tidak dapat dicocokkan dengan daftar hadirnya. Format kolom NIP \
             sebagai Teks dan ketik ulang NIP lengkap 18 digit"
        );
        return Err((Reject { message, ..lost }, None));
    }
    ctx.warn_person(out, warned, r, &read.person, read.warning, None);
    let peran = peran(ctx, out, r);
    let col = ctx.table.col(Field::Nama).or(ctx.table.col(Field::NamaNip)).unwrap_or(0);
    Ok(KbkRecord::Member(KbkMember {
        unit,
        kelompok,
        person: (*read.person).clone(),
        peran,
        prov: ctx.prov(r, col),
    }))
}

/// The member's role; an empty cell is `Anggota`, a word that is no role is taken as
/// `Anggota` with a warning.
fn peran(ctx: &SheetCtx, out: &mut SheetOutput, r: usize) -> Peran {
    let Some((cell, col)) = ctx.cell(r, Field::Peran) else {
        return Peran::Anggota;
    };
    let written = cell.text();
    Peran::parse(&written).unwrap_or_else(|| {
        let message = format!(
            "peran \"{}\" tidak dikenali: tulis Ketua, Sekretaris (atau Notulis), Anggota atau Fasilitator; \
             dicatat sebagai Anggota",
            quote_value(written.trim())
        );
        kbk::warn(ctx, out, r, Reject::new(col, written.clone(), message), None);
        Peran::Anggota
    })
}

#[cfg(test)]
mod tests {
    use crate::ground::kbk::{KbkRecord, Peran};
    use crate::ground::model::Level;
    use crate::ingest::layout::kbk::tests::{above, read, t, texts};

    const BUDI: &str = "198503152010011002";

    #[test]
    fn members_with_their_roles() {
        let mut rows = above("ANGGOTA KBK");
        rows.push(texts(&["Nama Kelompok", "NIP", "Nama", "Peran"]));
        rows.push(texts(&["Melati", BUDI, "Budi Santoso", "Ketua Kelompok"]));
        rows.push(texts(&["Melati", "199001012015032001", "Ani", "Notulis"]));
        rows.push(texts(&["Melati", "", "Wati", "Bendahara"]));
        rows.push(texts(&["Melati", "", "", "Anggota"]));
        let read = read(rows);
        assert_eq!(read.layout, Some("kbk-anggota"));
        let roles: Vec<(&str, Option<&str>, Peran)> = read
            .records()
            .iter()
            .map(|r| match r {
                KbkRecord::Member(m) => (m.person.nama.as_str(), m.person.nip.as_deref(), m.peran),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            roles,
            [
                ("Budi Santoso", Some(BUDI), Peran::Ketua),
                ("Ani", Some("199001012015032001"), Peran::Sekretaris),
                ("Wati", None, Peran::Anggota),
            ]
        );
        assert_eq!(read.rejected(), 0);
        let w = read.issue("D7");
        assert_eq!(w.level, Level::Peringatan);
        assert!(
            w.message.starts_with("peran \"Bendahara\" tidak dikenali")
                && w.message.ends_with("dicatat sebagai Anggota")
        );
        assert!(read.issue("B7").message.starts_with("NIP kosong"));
    }

    /// Jabatan and Unit Kerja beside the group: still a member list, not a roster; without
    /// the group it is the roster it always was.
    #[test]
    fn a_member_list_is_not_a_roster() {
        let header = ["NIP", "Nama", "Jabatan", "Unit Kerja", "KBK"];
        let mut rows = vec![texts(&header), texts(&[BUDI, "Budi", "Kasi", "DISHUB", "Melati"])];
        assert_eq!(read(rows.clone()).layout, Some("kbk-anggota"));
        rows[0][4] = t("Golongan");
        assert_eq!(read(rows.clone()).layout, Some("roster"));
        rows[0][4] = t("Status Pegawai");
        assert_eq!(read(rows).layout, Some("roster"));
    }

    /// A member's NIP that lost its digits is rejected: no sheet recovers a member's NIP.
    #[test]
    fn a_nip_stored_as_a_number_is_rejected() {
        let mut rows = above("ANGGOTA KBK");
        rows.push(texts(&["Nama Kelompok", "NIP", "Nama", "Peran"]));
        rows.push(vec![
            t("Melati"),
            crate::ingest::layout::kbk::tests::n(198503152010011002.0),
            t("Budi"),
            t("Ketua"),
        ]);
        let read = read(rows);
        assert_eq!((read.records().len(), read.rejected()), (0, 1));
        let x = read.issue("B5");
        assert_eq!(x.level, Level::Tolak);
        assert!(
            x.message.contains("tersisa 198503152010011…") && x.message.ends_with("NIP lengkap 18 digit"),
            "{}",
            x.message
        );
    }

    /// One group per sheet: `Kelompok : Melati` above a `Peran` column names the group.
    #[test]
    fn a_sheet_per_group_takes_the_group_from_above() {
        let mut rows = above("DAFTAR ANGGOTA");
        rows.insert(2, texts(&["Nama Kelompok", ":", "Melati"]));
        rows.push(texts(&["No", "NIP", "Nama", "Jabatan", "Kedudukan dalam Kelompok"]));
        rows.push(texts(&["1", BUDI, "Budi", "Kepala Seksi", "Ketua"]));
        let read = read(rows);
        assert_eq!(read.layout, Some("kbk-anggota"));
        let [KbkRecord::Member(m)] = read.records()[..] else { panic!("{:?}", read.issues()) };
        assert_eq!((m.kelompok.as_str(), m.unit.as_str(), m.peran), ("Melati", "DISHUB", Peran::Ketua));
    }
}
