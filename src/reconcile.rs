//! Duplicates, revisions and the ledger (SPEC §3.7, §3.8). Records with the same key are
//! compared record by record; the one from the winning file (latest modification time, then
//! later path) is accepted, the others are `Duplikat` (identical) or `Direvisi` (different,
//! with a warning naming both sources). Every record read ends up in exactly one bucket:
//! read = accepted + rejected + duplicates + overridden, per file, sheet and month.

use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use crate::ingest::layout::{LostNip, Outcome, Record};
use crate::ingest::values::{norm_key, norm_name};
use crate::ingest::{FileResult, SheetStatus};
use crate::model::{AttendanceRecord, EvaluationRecord, Issue, Level, Provenance, RosterEntry, YearMonth};

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

/// Where a candidate record stands in the precedence order: later wins. Files come in path
/// order, so the file index breaks modification-time ties by the later path.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Precedence {
    modified: Option<SystemTime>,
    file: usize,
    position: usize,
}

/// A record with where it came from: (file, sheet) index and its precedence.
struct Candidate<T> {
    rec: T,
    prec: Precedence,
    at: (usize, usize),
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
    let mut outcomes: Vec<(Outcome, Precedence, (usize, usize))> = Vec::new();
    let mut position = 0usize;
    for (fi, f) in files.iter_mut().enumerate() {
        out.issues.append(&mut f.issues);
        for (si, s) in f.sheets.iter_mut().enumerate() {
            out.issues.append(&mut s.output.issues);
            for o in std::mem::take(&mut s.output.outcomes) {
                position += 1;
                outcomes.push((o, Precedence { modified: f.modified, file: fi, position }, (fi, si)));
            }
        }
    }

    // Rosters first: they recover NIPs in the records that follow.
    let mut roster: Vec<Candidate<RosterEntry>> = Vec::new();
    let mut rest = Vec::with_capacity(outcomes.len());
    for (o, prec, at) in outcomes {
        match o {
            Outcome::Roster(r) => roster.push(Candidate { rec: r, prec, at }),
            other => rest.push((other, prec, at)),
        }
    }
    let roster_keys: Vec<(String, String)> =
        roster.iter().map(|c| (c.rec.unit.clone(), roster_identity(&c.rec))).collect();
    let roster_fates = decide(&roster, |i| &roster_keys[i], |a, b| a == b);
    for (c, fate) in roster.into_iter().zip(roster_fates) {
        counts.entry((c.at.0, c.at.1, None)).or_default().read += 1;
        apply(&mut counts, &mut out.issues, (c.at.0, c.at.1, None), &fate, &c.rec.prov);
        if fate.0 == Fate::Accepted {
            out.roster.push(c.rec);
        }
    }

    let mut att: Vec<Candidate<AttendanceRecord>> = Vec::with_capacity(rest.len());
    let mut eval: Vec<Candidate<EvaluationRecord>> = Vec::new();
    let mut recovered_once: BTreeSet<(usize, usize, String)> = BTreeSet::new();
    for (o, prec, (fi, si)) in rest {
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
                att.push(Candidate { rec: a, prec, at: (fi, si) });
            }
            Outcome::Evaluation(e) => {
                counts.entry((fi, si, Some(e.month))).or_default().read += 1;
                eval.push(Candidate { rec: e, prec, at: (fi, si) });
            }
            Outcome::Rejected(m) => {
                let row = counts.entry((fi, si, m)).or_default();
                row.read += 1;
                row.rejected += 1;
            }
            Outcome::Roster(_) | Outcome::LostNip(_) => {}
        }
    }

    let kegiatan: Vec<String> = att.iter().map(|c| norm_key(&c.rec.kegiatan)).collect();
    let att_fates =
        decide(&att, |i| (&att[i].rec.person.key, att[i].rec.date, &kegiatan[i]), same_attendance);
    drop(kegiatan);
    let eval_fates = decide(&eval, |i| (&eval[i].rec.person.key, eval[i].rec.month), same_evaluation);

    out.attendance.reserve(att.len());
    for (c, fate) in att.into_iter().zip(att_fates) {
        apply(
            &mut counts,
            &mut out.issues,
            (c.at.0, c.at.1, Some(YearMonth::of(c.rec.date))),
            &fate,
            &c.rec.prov,
        );
        if fate.0 == Fate::Accepted {
            out.attendance.push(c.rec);
        }
    }
    for (c, fate) in eval.into_iter().zip(eval_fates) {
        apply(&mut counts, &mut out.issues, (c.at.0, c.at.1, Some(c.rec.month)), &fate, &c.rec.prov);
        if fate.0 == Fate::Accepted {
            out.evaluations.push(c.rec);
        }
    }

    out.ledger = ledger_rows(&files, counts);
    out.files = files.into_iter().map(|f| FileInfo { rel: f.rel, format: f.format, skip: f.skip }).collect();
    out
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
    fate: &(Fate, Option<Provenance>),
    prov: &Provenance,
) {
    let row = counts.entry(key).or_default();
    match fate.0 {
        Fate::Accepted => row.accepted += 1,
        Fate::Duplicate => row.duplicates += 1,
        Fate::Overridden => {
            row.overridden += 1;
            if let Some(w) = &fate.1 {
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

/// For each record: accepted, or a duplicate / overridden version of the winner (whose
/// provenance is given). Records are grouped by sorting on their key — no owned keys, no
/// hashing — and the latest by precedence wins each group.
fn decide<T: HasProv, K: Ord>(
    items: &[Candidate<T>],
    key: impl Fn(usize) -> K,
    same: impl Fn(&T, &T) -> bool,
) -> Vec<(Fate, Option<Provenance>)> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)).then(items[a].prec.cmp(&items[b].prec)));
    let mut fates = vec![(Fate::Accepted, None); items.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && key(order[end]) == key(order[start]) {
            end += 1;
        }
        // Sorted by precedence within the group: the last one wins.
        let winner = order[end - 1];
        for &i in &order[start..end - 1] {
            let fate =
                if same(&items[i].rec, &items[winner].rec) { Fate::Duplicate } else { Fate::Overridden };
            fates[i] = (fate, Some(items[winner].rec.prov().clone()));
        }
        start = end;
    }
    fates
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
                        note.push(format!("bulan {}", crate::render::text::periode(*m)));
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
