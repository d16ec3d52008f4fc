//! Who a machine id is (SPEC §3.9): the roster's `id_mesin` maps an id to a NIP per unit;
//! without a mapping a row with a name is identified by unit + name (one warning per person
//! and file); a bare id that nothing maps, or an id the roster gives to two NIPs, is rejected
//! with the fix.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::ground::model::{ClockRecord, Issue, Level, Person, RosterEntry, YearMonth};
use crate::ground::text::{norm_key, norm_name};

use super::At;
use super::ledger::Counts;

/// `(unit, norm_key(id))` → the roster persons it names (distinct NIPs or names).
type IdIndex<'a> = BTreeMap<(&'a str, String), Vec<&'a RosterEntry>>;

/// The clock rows whose person is known, each with where it was read; the others are counted
/// as rejected, with an issue naming the cell and the fix.
pub fn identify(
    rows: Vec<ClockRecord>,
    at: &[At],
    roster: &[RosterEntry],
    counts: &mut Counts,
    issues: &mut Vec<Issue>,
) -> (Vec<ClockRecord>, Vec<At>) {
    let index = id_index(roster);
    let mut warned: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut mapped: BTreeMap<(String, String), Arc<Person>> = BTreeMap::new();
    let mut kept = Vec::with_capacity(rows.len());
    let mut kept_at = Vec::with_capacity(rows.len());
    for (mut row, &(fi, si)) in rows.into_iter().zip(at) {
        let Some(id) = row.machine_id.clone() else {
            kept.push(row);
            kept_at.push((fi, si));
            continue;
        };
        match resolve(&row, &id, &index) {
            Resolved::Roster(entry) => {
                let key = (row.unit.to_string(), norm_key(&id));
                let person = mapped.entry(key).or_insert_with(|| Arc::new(roster_person(entry, &row.unit)));
                row.person = person.clone();
            }
            Resolved::ByName => {
                let person = Person {
                    key: format!("{}|{}", row.unit, norm_name(&row.person.nama)),
                    nip: None,
                    nama: row.person.nama.clone(),
                };
                if warned.insert((fi, person.key.clone())) {
                    issues.push(issue(&row, &id, Level::Peringatan, format!(
                        "ID mesin {id} tidak ada di daftar pegawai unit {}; pegawai dikenali dari unit + nama \"{}\". \
                         Tambahkan kolom ID Mesin pada Daftar Pegawai agar NIP-nya tercatat",
                        row.unit, row.person.nama
                    )));
                }
                row.person = Arc::new(person);
            }
            Resolved::Reject(message) => {
                let month = Some(YearMonth::of(row.date));
                let ledger = counts.entry((fi, si, month)).or_default();
                ledger.rejected += 1;
                issues.push(issue(&row, &id, Level::Tolak, message));
                continue;
            }
        }
        kept.push(row);
        kept_at.push((fi, si));
    }
    (kept, kept_at)
}

enum Resolved<'a> {
    Roster(&'a RosterEntry),
    ByName,
    Reject(String),
}

fn resolve<'a>(row: &ClockRecord, id: &str, index: &IdIndex<'a>) -> Resolved<'a> {
    match index.get(&(&*row.unit, norm_key(id))).map(Vec::as_slice) {
        Some([only]) => Resolved::Roster(only),
        Some([first, second, ..]) => Resolved::Reject(format!(
            "ID mesin {id} dipakai dua pegawai pada daftar pegawai unit {} ({} dan {}); perbaiki kolom ID Mesin",
            row.unit,
            who(first),
            who(second)
        )),
        _ if !row.person.nama.trim().is_empty() => Resolved::ByName,
        _ => Resolved::Reject(format!(
            "ID mesin {id} tanpa nama dan tidak ada di daftar pegawai unit {}; tambahkan kolom ID Mesin \
             (id_mesin) pada Daftar Pegawai unit ini",
            row.unit
        )),
    }
}

fn id_index(roster: &[RosterEntry]) -> IdIndex<'_> {
    let mut index: IdIndex = BTreeMap::new();
    for r in roster {
        let Some(id) = r.id_mesin.as_deref().map(norm_key).filter(|k| !k.is_empty()) else { continue };
        let names = index.entry((r.unit.as_str(), id)).or_default();
        if !names.iter().any(|o| same_identity((o.nip.as_deref(), &o.nama), (r.nip.as_deref(), &r.nama))) {
            names.push(r);
        }
    }
    index
}

/// Two (NIP, name) identities name one person: by NIP when both have one, else by a
/// non-empty normalised name.
pub(super) fn same_identity(a: (Option<&str>, &str), b: (Option<&str>, &str)) -> bool {
    match (a.0, b.0) {
        (Some(x), Some(y)) => x == y,
        _ => !a.1.trim().is_empty() && norm_name(a.1) == norm_name(b.1),
    }
}

/// The person a roster entry names: by NIP, else by unit + name.
pub(super) fn roster_person(r: &RosterEntry, unit: &str) -> Person {
    match &r.nip {
        Some(nip) => Person { key: nip.clone(), nip: Some(nip.clone()), nama: r.nama.clone() },
        None => Person { key: format!("{unit}|{}", norm_name(&r.nama)), nip: None, nama: r.nama.clone() },
    }
}

fn who(r: &RosterEntry) -> String {
    r.nip.clone().unwrap_or_else(|| r.nama.clone())
}

fn issue(row: &ClockRecord, id: &str, level: Level, message: String) -> Issue {
    Issue {
        file: row.prov.file.to_string(),
        sheet: row.prov.sheet.to_string(),
        cell: row.prov.cell(),
        value: id.to_string(),
        message,
        level,
        month: Some(YearMonth::of(row.date)),
    }
}
