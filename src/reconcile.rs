//! Duplicates, revisions and the ledger (SPEC §3.7, §3.8). Records with the same key are
//! compared record by record; the one from the winning file (latest modification time, then
//! later path) is accepted, the others are `Duplikat` (identical) or `Direvisi` (different,
//! with a warning naming both sources). Every record read ends up in exactly one bucket:
//! read = accepted + rejected + duplicates + overridden, per file, sheet and month.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::Datelike;

use crate::ground::model::{
    AttendanceRecord, EvaluationRecord, Issue, Level, Provenance, RosterEntry, YearMonth,
};
use crate::ground::packing;
use crate::ground::text::{norm_key, norm_name};
use crate::ingest::layout::{LostNip, Outcome, Record};
use crate::ingest::{FileResult, SheetStatus};

/// One row of the `Berkas` sheet before it is rendered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LedgerRow {
    pub file: String,
    pub sheet: String,
    pub kind: String,
    pub layout: String,
    /// The month these counts belong to; `None` = listed on every month's report.
    pub month: Option<YearMonth>,
    pub read: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub duplicates: u64,
    pub overridden: u64,
    pub note: String,
    /// A skipped file or visible sheet (a problem: exit status 3).
    pub skipped: bool,
}

/// All accepted records, the ledger and every issue.
#[derive(Debug, Default)]
pub struct Reconciled {
    pub attendance: Vec<AttendanceRecord>,
    pub evaluations: Vec<EvaluationRecord>,
    /// The units' expected staff, from `Daftar Pegawai` sheets.
    pub roster: Vec<RosterEntry>,
    /// The files read, in path order.
    pub files: Vec<FileInfo>,
    pub ledger: Vec<LedgerRow>,
    pub issues: Vec<Issue>,
}

impl Reconciled {
    /// True when some input was rejected or skipped (exit status 3).
    pub fn has_problems(&self) -> bool {
        self.ledger.iter().any(|r| r.skipped || r.rejected > 0)
    }

    /// Months that have at least one record read (accepted or not).
    pub fn months(&self) -> BTreeSet<YearMonth> {
        self.ledger.iter().filter(|r| r.read > 0).filter_map(|r| r.month).collect()
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Fate {
    Accepted,
    Duplicate,
    Overridden,
}

/// The file-level facts the commands print after reconciling (the files themselves are
/// consumed: their records move into the result).
#[derive(Clone, Debug, Default)]
pub struct FileInfo {
    pub rel: String,
    pub format: Option<String>,
    pub skip: Option<String>,
}

pub fn reconcile(mut files: Vec<FileResult>) -> Reconciled {
    let mut out = Reconciled::default();
    let mut counts: BTreeMap<(usize, usize, Option<YearMonth>), LedgerRow> = BTreeMap::new();
    let rank = file_ranks(&files);

    // Pass 1, in file and sheet order: the issues, the rosters (taken out of the outcomes,
    // order kept) and how many records of each kind follow (every vector is sized once).
    let mut roster: Vec<RosterEntry> = Vec::new();
    let mut roster_at: Vec<(usize, usize)> = Vec::new();
    let (mut n_att, mut n_eval) = (0usize, 0usize);
    for (fi, f) in files.iter_mut().enumerate() {
        out.issues.append(&mut f.issues);
        for (si, s) in f.sheets.iter_mut().enumerate() {
            out.issues.append(&mut s.output.issues);
            let outcomes = &mut s.output.outcomes;
            if outcomes.iter().any(|o| matches!(o, Outcome::Roster(_))) {
                let (entries, rest): (Vec<Outcome>, Vec<Outcome>) =
                    std::mem::take(outcomes).into_iter().partition(|o| matches!(o, Outcome::Roster(_)));
                *outcomes = rest;
                for o in entries {
                    if let Outcome::Roster(r) = o {
                        roster.push(r);
                        roster_at.push((fi, si));
                    }
                }
            }
            for o in outcomes.iter() {
                match o {
                    Outcome::Attendance(_) => n_att += 1,
                    Outcome::Evaluation(_) => n_eval += 1,
                    Outcome::LostNip(lost) => match lost.record {
                        Record::Attendance(_) => n_att += 1,
                        Record::Evaluation(_) => n_eval += 1,
                    },
                    Outcome::Roster(_) | Outcome::Rejected(_) => {}
                }
            }
        }
    }

    // Rosters first: they recover NIPs in the records that follow.
    let roster_fields: Vec<[u32; 1]> = {
        let keys: Vec<(&str, String)> =
            roster.iter().map(|r| (r.unit.as_str(), roster_identity(r))).collect();
        let mut ids: HashMap<&(&str, String), u32> = HashMap::new();
        keys.iter().map(|k| [intern(&mut ids, k)]).collect()
    };
    let roster_fates = decide(&roster, roster_fields, |i| rank[roster_at[i].0], |a, b| a == b);
    for (i, r) in roster.into_iter().enumerate() {
        let (fi, si) = roster_at[i];
        counts.entry((fi, si, None)).or_default().read += 1;
        let fate = roster_fates.fates[i];
        apply(&mut counts, &mut out.issues, (fi, si, None), fate, roster_fates.winner(i), &r.prov);
        if fate == Fate::Accepted {
            out.roster.push(r);
        }
    }

    // Pass 2: every other outcome moves once, into `att` or `eval` (which become the result).
    let mut att: Vec<AttendanceRecord> = Vec::with_capacity(n_att);
    let mut att_at: Vec<(usize, usize)> = Vec::with_capacity(n_att);
    let mut eval: Vec<EvaluationRecord> = Vec::with_capacity(n_eval);
    let mut eval_at: Vec<(usize, usize)> = Vec::with_capacity(n_eval);
    let mut recovered_once: BTreeSet<(usize, usize, String)> = BTreeSet::new();
    for (fi, f) in files.iter_mut().enumerate() {
        for (si, s) in f.sheets.iter_mut().enumerate() {
            for o in std::mem::take(&mut s.output.outcomes) {
                let o = match o {
                    Outcome::LostNip(lost) => match recover(&lost, &out.roster) {
                        Some((record, warning)) => {
                            // One warning per person and sheet, not per day.
                            if recovered_once.insert((fi, si, lost.prefix15.clone())) {
                                out.issues.push(warning);
                            }
                            record
                        }
                        None => {
                            let row = counts.entry((fi, si, Some(lost.record.month()))).or_default();
                            row.read += 1;
                            row.rejected += 1;
                            out.issues.push(lost.issue);
                            continue;
                        }
                    },
                    other => other,
                };
                match o {
                    Outcome::Attendance(a) => {
                        counts.entry((fi, si, Some(YearMonth::of(a.date)))).or_default().read += 1;
                        att.push(a);
                        att_at.push((fi, si));
                    }
                    Outcome::Evaluation(e) => {
                        counts.entry((fi, si, Some(e.month))).or_default().read += 1;
                        eval.push(e);
                        eval_at.push((fi, si));
                    }
                    Outcome::Rejected(m) => {
                        let row = counts.entry((fi, si, m)).or_default();
                        row.read += 1;
                        row.rejected += 1;
                    }
                    Outcome::Roster(_) | Outcome::LostNip(_) => {}
                }
            }
        }
    }

    let att_fates = decide(&att, attendance_fields(&att), |i| rank[att_at[i].0], same_attendance);
    let eval_fates = decide(&eval, evaluation_fields(&eval), |i| rank[eval_at[i].0], same_evaluation);

    for (i, (a, &(fi, si))) in att.iter().zip(&att_at).enumerate() {
        let key = (fi, si, Some(YearMonth::of(a.date)));
        apply(&mut counts, &mut out.issues, key, att_fates.fates[i], att_fates.winner(i), &a.prov);
    }
    for (i, (e, &(fi, si))) in eval.iter().zip(&eval_at).enumerate() {
        let key = (fi, si, Some(e.month));
        apply(&mut counts, &mut out.issues, key, eval_fates.fates[i], eval_fates.winner(i), &e.prov);
    }
    drop((att_at, eval_at));
    // In place: the accepted records stay where they are, in input order.
    let mut i = 0;
    att.retain(|_| {
        i += 1;
        att_fates.fates[i - 1] == Fate::Accepted
    });
    let mut i = 0;
    eval.retain(|_| {
        i += 1;
        eval_fates.fates[i - 1] == Fate::Accepted
    });
    out.attendance = att;
    out.evaluations = eval;

    out.ledger = ledger_rows(&files, counts);
    out.files = files.into_iter().map(|f| FileInfo { rel: f.rel, format: f.format, skip: f.skip }).collect();
    out
}

/// Each file's place in the precedence order (SPEC §3.7): by modification time, then by path
/// (files come in path order, so by index).
fn file_ranks(files: &[FileResult]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| (files[i].modified, i));
    let mut rank = vec![0u32; files.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r as u32;
    }
    rank
}

/// The dense id of `key`: ids are handed out in first-seen order.
fn intern<'a, K: std::hash::Hash + Eq + ?Sized>(ids: &mut HashMap<&'a K, u32>, key: &'a K) -> u32 {
    let next = ids.len() as u32;
    *ids.entry(key).or_insert(next)
}

/// The attendance identity (person key, date, normalised kegiatan) as dense integers.
fn attendance_fields(att: &[AttendanceRecord]) -> Vec<[u32; 3]> {
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
fn evaluation_fields(eval: &[EvaluationRecord]) -> Vec<[u32; 2]> {
    let month = |e: &EvaluationRecord| i64::from(e.month.year) * 12 + i64::from(e.month.month);
    let Some(first) = eval.iter().map(month).min() else {
        return Vec::new();
    };
    let mut persons: HashMap<&str, u32> = HashMap::new();
    eval.iter().map(|e| [intern(&mut persons, e.person.key.as_str()), (month(e) - first) as u32]).collect()
}

/// How a roster entry is told apart from another of the same unit.
fn roster_identity(r: &RosterEntry) -> String {
    r.nip.clone().unwrap_or_else(|| format!("nama:{}", norm_name(&r.nama)))
}

/// Names match when equal after normalising, or equal without the academic titles that
/// follow the first comma (`Budi Santoso, S.E.`).
fn names_match(a: &str, b: &str) -> bool {
    let (a, b) = (norm_name(a), norm_name(b));
    let base = |s: &str| s.split(',').next().unwrap_or("").trim().to_string();
    !a.is_empty() && (a == b || base(&a) == base(&b))
}

/// SPEC §3.5: a NIP stored as a number is recovered when the roster gives exactly one person
/// in the unit whose NIP starts with the same 15 digits and whose name matches.
fn recover(lost: &LostNip, roster: &[RosterEntry]) -> Option<(Outcome, Issue)> {
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

fn apply(
    counts: &mut BTreeMap<(usize, usize, Option<YearMonth>), LedgerRow>,
    issues: &mut Vec<Issue>,
    key: (usize, usize, Option<YearMonth>),
    fate: Fate,
    winner: Option<&Provenance>,
    prov: &Provenance,
) {
    let row = counts.entry(key).or_default();
    match fate {
        Fate::Accepted => row.accepted += 1,
        Fate::Duplicate => row.duplicates += 1,
        Fate::Overridden => {
            row.overridden += 1;
            if let Some(w) = winner {
                issues.push(Issue {
                    file: prov.file.to_string(),
                    sheet: prov.sheet.to_string(),
                    cell: prov.cell(),
                    value: String::new(),
                    message: format!(
                        "direvisi: data ini berbeda dengan data yang sama di {} lembar {} sel {}, yang dipakai karena berkasnya lebih baru",
                        w.file,
                        w.sheet,
                        w.cell()
                    ),
                    level: Level::Peringatan,
                    month: key.2,
                });
            }
        }
    }
}

/// What `decide` found: a fate per item, and for each item that lost, the winner's provenance.
struct Fates {
    fates: Vec<Fate>,
    /// (item, winner's provenance) for every item not accepted, by item.
    losers: Vec<(u32, Provenance)>,
}

impl Fates {
    /// The provenance of the record that beat item `i`, if one did.
    fn winner(&self, i: usize) -> Option<&Provenance> {
        if self.fates[i] == Fate::Accepted {
            return None;
        }
        let at = self.losers.binary_search_by_key(&(i as u32), |l| l.0).ok()?;
        Some(&self.losers[at].1)
    }
}

/// For each item: accepted, or a duplicate / overridden version of the winner. Items are
/// grouped by their identity `fields` (equal fields = the same record; dense integers, packed
/// into one sort key), and the latest by precedence — file `rank`, then position, i.e. index
/// — wins each group. The order of the groups does not matter: each item's fate depends only
/// on its own group.
fn decide<T: HasProv, const N: usize>(
    items: &[T],
    fields: Vec<[u32; N]>,
    rank: impl Fn(usize) -> u32,
    same: impl Fn(&T, &T) -> bool,
) -> Fates {
    let widths = packing::widths(&fields);
    if widths.iter().sum::<u32>() <= 64 {
        decide_with::<u64, T, N>(items, fields, &widths, rank, same)
    } else {
        decide_with::<u128, T, N>(items, fields, &widths, rank, same)
    }
}

fn decide_with<K: packing::Key, T: HasProv, const N: usize>(
    items: &[T],
    fields: Vec<[u32; N]>,
    widths: &[u32; N],
    rank: impl Fn(usize) -> u32,
    same: impl Fn(&T, &T) -> bool,
) -> Fates {
    let mut order: Vec<(K, u32, u32)> =
        fields.iter().enumerate().map(|(i, f)| (K::pack(f, widths), rank(i), i as u32)).collect();
    drop(fields);
    order.sort_unstable();
    let mut fates = vec![Fate::Accepted; items.len()];
    let mut losers = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && order[end].0 == order[start].0 {
            end += 1;
        }
        // Sorted by precedence within the group: the last one wins.
        let winner = &items[order[end - 1].2 as usize];
        for &(_, _, i) in &order[start..end - 1] {
            let item = &items[i as usize];
            fates[i as usize] = if same(item, winner) { Fate::Duplicate } else { Fate::Overridden };
            losers.push((i, winner.prov().clone()));
        }
        start = end;
    }
    losers.sort_unstable_by_key(|l| l.0);
    Fates { fates, losers }
}

trait HasProv {
    fn prov(&self) -> &Provenance;
}

impl HasProv for AttendanceRecord {
    fn prov(&self) -> &Provenance {
        &self.prov
    }
}

impl HasProv for RosterEntry {
    fn prov(&self) -> &Provenance {
        &self.prov
    }
}

impl HasProv for EvaluationRecord {
    fn prov(&self) -> &Provenance {
        &self.prov
    }
}

fn same_attendance(a: &AttendanceRecord, b: &AttendanceRecord) -> bool {
    a.code == b.code && a.menit_terlambat == b.menit_terlambat && a.unit == b.unit && a.kelompok == b.kelompok
}

fn same_evaluation(a: &EvaluationRecord, b: &EvaluationRecord) -> bool {
    a.unit == b.unit
        && a.target == b.target
        && a.realisasi == b.realisasi
        && a.nilai_perilaku == b.nilai_perilaku
        && a.rating_hasil == b.rating_hasil
        && a.rating_perilaku == b.rating_perilaku
}

fn ledger_rows(
    files: &[FileResult],
    mut counts: BTreeMap<(usize, usize, Option<YearMonth>), LedgerRow>,
) -> Vec<LedgerRow> {
    let mut rows = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        // Months this file contributed to: where its skipped or empty parts are listed.
        let file_months: BTreeSet<Option<YearMonth>> =
            counts.keys().filter(|(i, _, m)| *i == fi && m.is_some()).map(|(_, _, m)| *m).collect();
        let listing_months: Vec<Option<YearMonth>> =
            if file_months.is_empty() { vec![f.name_month] } else { file_months.into_iter().collect() };
        if let Some(why) = &f.skip {
            for m in &listing_months {
                rows.push(LedgerRow {
                    file: f.rel.clone(),
                    kind: "-".into(),
                    layout: "-".into(),
                    month: *m,
                    note: why.clone(),
                    skipped: !f.skip_harmless,
                    ..Default::default()
                });
            }
            continue;
        }
        for (si, s) in f.sheets.iter().enumerate() {
            let base = LedgerRow { file: f.rel.clone(), sheet: s.name.clone(), ..Default::default() };
            match &s.status {
                SheetStatus::Read { layout, unit, month } => {
                    let mut note = Vec::new();
                    if let Some(u) = unit {
                        note.push(format!("unit {u}"));
                    }
                    if let Some(m) = month {
                        note.push(format!("bulan {}", crate::ground::text::periode(*m)));
                    }
                    if let Some(fmt) = &f.format {
                        note.push(format!("format {fmt}"));
                    }
                    let keys: Vec<_> =
                        counts.keys().filter(|(i, j, _)| *i == fi && *j == si).copied().collect();
                    if keys.is_empty() {
                        for m in &listing_months {
                            rows.push(LedgerRow {
                                kind: layout.kind_label().into(),
                                layout: layout.layout_label().into(),
                                month: *m,
                                note: format!("{}; tidak ada baris data", note.join(", ")),
                                ..base.clone()
                            });
                        }
                    }
                    for k in keys {
                        if let Some(c) = counts.remove(&k) {
                            rows.push(LedgerRow {
                                kind: layout.kind_label().into(),
                                layout: layout.layout_label().into(),
                                month: k.2,
                                note: note.join(", "),
                                ..c.with_names(&base)
                            });
                        }
                    }
                }
                other => {
                    let (note, skipped) = match other {
                        SheetStatus::Empty => ("lembar kosong".to_string(), false),
                        SheetStatus::Hidden => ("lembar tersembunyi; diabaikan".to_string(), false),
                        SheetStatus::Instructions => ("lembar petunjuk; diabaikan".to_string(), false),
                        SheetStatus::Skipped(why) => (why.clone(), true),
                        SheetStatus::Read { .. } => (String::new(), false),
                    };
                    for m in &listing_months {
                        rows.push(LedgerRow {
                            kind: "-".into(),
                            layout: "-".into(),
                            month: *m,
                            note: note.clone(),
                            skipped,
                            ..base.clone()
                        });
                    }
                }
            }
        }
    }
    rows
}

impl LedgerRow {
    fn with_names(self, base: &LedgerRow) -> LedgerRow {
        LedgerRow { file: base.file.clone(), sheet: base.sheet.clone(), ..self }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::{Duration, SystemTime};

    use chrono::NaiveDate;

    use super::*;
    use crate::ground::model::{Person, StatusCode};
    use crate::ground::packing::Key as _;
    use crate::ingest::SheetResult;
    use crate::ingest::detect::Layout;
    use crate::ingest::layout::SheetOutput;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn att(key: &str, date: NaiveDate, kegiatan: &str, code: StatusCode, row: u32) -> AttendanceRecord {
        AttendanceRecord {
            person: Person { key: key.into(), nip: Some(key.into()), nama: format!("nama {key}") }.into(),
            unit: "U1".into(),
            date,
            code,
            menit_terlambat: 0,
            kegiatan: kegiatan.into(),
            kelompok: String::new(),
            prov: Provenance { file: Arc::from("f.xlsx"), sheet: Arc::from("S"), row, col: 2 },
        }
    }

    fn file(rel: &str, modified: u64, records: Vec<AttendanceRecord>) -> FileResult {
        FileResult {
            rel: rel.into(),
            size: 1,
            modified: Some(SystemTime::UNIX_EPOCH + Duration::from_secs(modified)),
            skip: None,
            skip_harmless: false,
            format: None,
            sheets: vec![SheetResult {
                name: "S".into(),
                status: SheetStatus::Read { layout: Layout::AttendanceLong, unit: None, month: None },
                output: SheetOutput {
                    outcomes: records
                        .into_iter()
                        .map(|mut r| {
                            r.prov.file = Arc::from(rel);
                            Outcome::Attendance(r)
                        })
                        .collect(),
                    issues: Vec::new(),
                },
            }],
            issues: Vec::new(),
            name_month: None,
        }
    }

    fn accepted(r: &Reconciled) -> Vec<(String, String, u32)> {
        r.attendance.iter().map(|a| (a.prov.file.to_string(), a.person.key.clone(), a.prov.row)).collect()
    }

    #[test]
    fn packed_keys_order_as_the_fields() {
        let rows: Vec<[u32; 3]> = vec![[2, 0, 1], [1, 5, 0], [1, 4, 9], [0, 300, 2], [1, 4, 8], [2, 0, 0]];
        assert_eq!(packing::widths(&rows), [2, 9, 4]);
        assert_eq!(packing::widths::<2>(&[]), [0, 0]);
        let w = packing::widths(&rows);
        let mut by_tuple = rows.clone();
        by_tuple.sort();
        for sorted in [
            {
                let mut k: Vec<(u64, [u32; 3])> = rows.iter().map(|r| (u64::pack(r, &w), *r)).collect();
                k.sort();
                k.into_iter().map(|k| k.1).collect::<Vec<_>>()
            },
            {
                let mut k: Vec<(u128, [u32; 3])> = rows.iter().map(|r| (u128::pack(r, &w), *r)).collect();
                k.sort();
                k.into_iter().map(|k| k.1).collect::<Vec<_>>()
            },
        ] {
            assert_eq!(sorted, by_tuple);
        }
        assert_eq!(u64::pack(&[1, 2, 3], &[2, 9, 4]), (1 << 13) | (2 << 4) | 3);
        // Full-width fields need the u128 path: 3 × 32 bits.
        let wide = [u32::MAX, 1, u32::MAX];
        assert_eq!(packing::widths(&[wide]), [32, 1, 32]);
        assert_eq!(
            u128::pack(&wide, &[32, 1, 32]),
            (u128::from(u32::MAX) << 33) | (1 << 32) | u128::from(u32::MAX)
        );
    }

    #[test]
    fn attendance_identity_as_integers() {
        let recs = vec![
            att("B", day(2), "", StatusCode::H, 0),
            att("A", day(2), "", StatusCode::H, 1),
            att("B", day(2), "Apel Pagi", StatusCode::H, 2),
            att("B", day(2), "apel-pagi", StatusCode::H, 3),
            att("B", day(4), "", StatusCode::H, 4),
        ];
        // Ids in first-seen order; days from the first date; kegiatan by its normalised form.
        assert_eq!(attendance_fields(&recs), vec![[0, 0, 0], [1, 0, 0], [0, 0, 1], [0, 0, 1], [0, 2, 0]]);
        assert!(attendance_fields(&[]).is_empty());
    }

    #[test]
    fn same_date_other_person_or_kegiatan_are_other_records() {
        let recs = vec![
            att("A", day(2), "", StatusCode::H, 0),
            att("B", day(2), "", StatusCode::H, 1),
            att("A", day(2), "Apel", StatusCode::H, 2),
            att("A", day(3), "", StatusCode::H, 3),
        ];
        let r = reconcile(vec![file("a.xlsx", 10, recs)]);
        assert_eq!(r.attendance.len(), 4);
        assert_eq!(r.ledger[0].read, 4);
        assert_eq!(r.ledger[0].accepted, 4);
        assert!(r.issues.is_empty());
    }

    #[test]
    fn latest_file_wins_then_later_path_then_later_row() {
        let first = vec![
            att("A", day(2), "", StatusCode::H, 0),
            att("B", day(2), "Apel", StatusCode::H, 1),
            att("C", day(2), "", StatusCode::H, 2),
        ];
        let second = vec![
            att("A", day(2), "", StatusCode::S, 0),
            att("B", day(2), " apel", StatusCode::H, 1),
            att("C", day(2), "", StatusCode::H, 2),
            att("C", day(2), "", StatusCode::I, 3),
            // Twice in one file: the later row wins.
            att("D", day(2), "", StatusCode::H, 4),
            att("D", day(2), "", StatusCode::TK, 5),
        ];
        // "b" is later by path but older: "a" wins; "c" has the same time as "a" and a later path.
        let r = reconcile(vec![
            file("a.xlsx", 20, first),
            file("b.xlsx", 10, second),
            file("c.xlsx", 20, vec![att("A", day(2), "", StatusCode::H, 9)]),
        ]);
        assert_eq!(
            accepted(&r),
            vec![
                ("a.xlsx".into(), "B".into(), 1),
                ("a.xlsx".into(), "C".into(), 2),
                ("b.xlsx".into(), "D".into(), 5),
                ("c.xlsx".into(), "A".into(), 9)
            ]
        );
        let counts: Vec<(u64, u64, u64, u64)> =
            r.ledger.iter().map(|l| (l.read, l.accepted, l.duplicates, l.overridden)).collect();
        // a: A duplicates c's. b: A and C row 4 overridden, B and C row 3 duplicates, D row 5
        // wins over row 4.
        assert_eq!(counts, vec![(3, 2, 1, 0), (6, 1, 2, 3), (1, 1, 0, 0)]);
        for l in &r.ledger {
            assert_eq!(l.read, l.accepted + l.rejected + l.duplicates + l.overridden);
        }
        let found: Vec<(&str, &str)> = r.issues.iter().map(|i| (i.file.as_str(), i.cell.as_str())).collect();
        assert_eq!(found, vec![("b.xlsx", "C1"), ("b.xlsx", "C4"), ("b.xlsx", "C5")]);
        assert!(r.issues[0].message.contains("c.xlsx lembar S sel C10"));
        assert!(r.issues[1].message.contains("a.xlsx lembar S sel C3"));
        assert!(r.issues[2].message.contains("b.xlsx lembar S sel C6"));
    }
}
