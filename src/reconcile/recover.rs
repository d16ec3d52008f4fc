//! SPEC §3.5: a NIP stored as a number lost its last digits; the roster gives it back when
//! exactly one person of the unit matches.

use crate::ground::model::{Issue, Level, RosterEntry};
use crate::ground::text::norm_name;
use crate::ingest::layout::{LostNip, Outcome, Record};

/// Names match when equal after normalising, or equal without the academic titles that
/// follow the first comma (`Budi Santoso, S.E.`).
fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (norm_name(a), norm_name(b));
    let base = |s: &str| s.split(',').next().unwrap_or("").trim().to_string();
    !a.is_empty() && (a == b || base(&a) == base(&b))
}

/// SPEC §3.5: a NIP stored as a number is recovered when the roster gives exactly one person
/// in the unit whose NIP starts with the same 15 digits and whose name matches.
pub fn recover(lost: &LostNip, roster: &[RosterEntry]) -> Option<(Outcome, Issue)> {
    let unit = lost.record.unit();
    let nama = &lost.record.person().nama;
    let candidates: Vec<&RosterEntry> = roster
        .iter()
        .filter(|r| r.unit == unit && r.nip.as_deref().is_some_and(|n| n.starts_with(&lost.prefix15)))
        .collect();
    let [only] = candidates.as_slice() else {
        return None;
    };
    if !names_match(&only.nama, nama) {
        return None;
    }
    let nip = only.nip.clone()?;
    let mut record = lost.record.clone();
    let person = record.person_mut();
    person.key = nip.clone();
    person.nip = Some(nip.clone());
    let warning = Issue {
        level: Level::Peringatan,
        message: format!(
            "NIP tersimpan sebagai angka dan kehilangan digit terakhirnya; dipulihkan menjadi {nip} dari daftar \
             pegawai ({} sel {}). Format kolom NIP sebagai Teks pada berkas berikutnya",
            only.prov.file,
            only.prov.cell()
        ),
        ..lost.issue.clone()
    };
    let outcome = match record {
        Record::Attendance(a) => Outcome::Attendance(a),
        Record::Evaluation(e) => Outcome::Evaluation(e),
    };
    Some((outcome, warning))
}
