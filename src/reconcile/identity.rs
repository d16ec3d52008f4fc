//! The identity of each kind of record (SPEC §3.7) as dense integers, and what makes two
//! records of the same identity identical (a duplicate) rather than a revision.

use std::collections::HashMap;

use chrono::Datelike;

use crate::ground::model::{AttendanceRecord, ClockRecord, ClockTimes, EvaluationRecord, RosterEntry};
use crate::ground::text::{norm_key, norm_name};

/// The dense id of `key`: ids are handed out in first-seen order.
fn intern<'a, K: std::hash::Hash + Eq + ?Sized>(ids: &mut HashMap<&'a K, u32>, key: &'a K) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(key).or_insert(next)
}

/// The attendance identity (person key, date, normalised kegiatan) as dense integers.
pub fn attendance_fields(att: &[AttendanceRecord]) -> Vec<[u32; 3]> {
    let Some(first) = att.iter().map(|a| a.date).min() else {
        return Vec::new();
    };
    let day0 = first.num_days_from_ce();
    let mut persons: HashMap<&str, u32> = HashMap::new();
    // Raw kegiatan text → id of its normalised form: `norm_key` once per distinct text.
    let mut raw: HashMap<&str, u32> = HashMap::new();
    let mut normal: HashMap<String, u32> = HashMap::new();
    let mut last: Option<(&str, u32)> = None;
    att.iter()
        .map(|a| {
            let person = match last {
                Some((k, id)) if k == a.person.key => id,
                _ => {
                    let id = intern(&mut persons, a.person.key.as_str());
                    last = Some((&a.person.key, id));
                    id
                }
            };
            let kegiatan = match raw.get(a.kegiatan.as_str()) {
                Some(&id) => id,
                None => {
                    let next = normal.len() as u32;
                    let id = *normal.entry(norm_key(&a.kegiatan)).or_insert(next);
                    raw.insert(&a.kegiatan, id);
                    id
                }
            };
            [person, (a.date.num_days_from_ce() - day0) as u32, kegiatan]
        })
        .collect()
}

/// The evaluation identity (person key, month) as dense integers.
pub fn evaluation_fields(eval: &[EvaluationRecord]) -> Vec<[u32; 2]> {
    let month = |e: &EvaluationRecord| i64::from(e.month.year) * 12 + i64::from(e.month.month);
    let Some(first) = eval.iter().map(month).min() else {
        return Vec::new();
    };
    let mut persons: HashMap<&str, u32> = HashMap::new();
    eval.iter().map(|e| [intern(&mut persons, e.person.key.as_str()), (month(e) - first) as u32]).collect()
}

/// A roster entry's identity (unit, NIP or name) as dense integers.
pub fn roster_fields(roster: &[RosterEntry]) -> Vec<[u32; 1]> {
    let keys: Vec<(&str, String)> = roster.iter().map(|r| (r.unit.as_str(), roster_identity(r))).collect();
    let mut ids: HashMap<&(&str, String), u32> = HashMap::new();
    keys.iter().map(|k| [intern(&mut ids, k)]).collect()
}

/// How a roster entry is told apart from another of the same unit.
fn roster_identity(r: &RosterEntry) -> String {
    r.nip.clone().unwrap_or_else(|| format!("nama:{}", norm_name(&r.nama)))
}

pub fn same_attendance(a: &AttendanceRecord, b: &AttendanceRecord) -> bool {
    a.code == b.code && a.menit_terlambat == b.menit_terlambat && a.unit == b.unit && a.kelompok == b.kelompok
}

pub fn same_evaluation(a: &EvaluationRecord, b: &EvaluationRecord) -> bool {
    a.unit == b.unit
        && a.target == b.target
        && a.realisasi == b.realisasi
        && a.nilai_perilaku == b.nilai_perilaku
        && a.rating_hasil == b.rating_hasil
        && a.rating_perilaku == b.rating_perilaku
}

/// The identity of a clock row (person, day, and for a scan-log row its minute): the same
/// scan sent twice is a duplicate; two daily rows of one person-day are one record.
pub fn clock_fields(rows: &[ClockRecord]) -> Vec<[u32; 3]> {
    let Some(first) = rows.iter().map(|c| c.date).min() else {
        return Vec::new();
    };
    let day0 = first.num_days_from_ce();
    let mut persons: HashMap<&str, u32> = HashMap::new();
    rows.iter()
        .map(|c| {
            let slot = match &c.times {
                ClockTimes::Scan(t) => t.minutes() + 1,
                ClockTimes::Scans(_) | ClockTimes::Pair { .. } => 0,
            };
            [intern(&mut persons, c.person.key.as_str()), (c.date.num_days_from_ce() - day0) as u32, slot]
        })
        .collect()
}

pub fn same_clock(a: &ClockRecord, b: &ClockRecord) -> bool {
    a.unit == b.unit && a.times == b.times && a.code == b.code && a.shift == b.shift
}
