//! Duplicates, revisions and the ledger (SPEC §3.7, §3.8). Records with the same key are
//! compared record by record; the one from the winning file (latest modification time, then
//! later path) is accepted, the others are `Duplikat` (identical) or `Direvisi` (different,
//! with a warning naming both sources). Every record read ends up in exactly one bucket:
//! read = accepted + rejected + duplicates + overridden, per file, sheet and month.
//!
//! `decide` settles one kind of record by its identity (`identity`), `recover` gives NIPs
//! stored as numbers back from the roster, `ledger` counts and lists.

pub mod clock;
mod decide;
mod derive;
mod identity;
mod kbk;
mod ledger;
mod machine;
mod recover;

use std::collections::BTreeSet;

use crate::ground::kbk::{KbkData, KbkRecord};
pub use crate::ground::model::LedgerRow;
use crate::ground::model::{
    AttendanceRecord, ClockRecord, ClockTotals, EvaluationRecord, Issue, RosterEntry, YearMonth,
    record_months,
};
use crate::ground::settings::Settings;
use crate::ingest::FileResult;
use crate::ingest::layout::{Outcome, Record};
use decide::{Fate, HasProv, decide};
use identity::{
    attendance_fields, clock_fields, evaluation_fields, roster_fields, same_attendance, same_clock,
    same_evaluation,
};
use ledger::{Counts, apply, ledger_rows};
use recover::recover;

/// All accepted records, the ledger and every issue.
#[derive(Debug, Default)]
pub struct Reconciled {
    pub attendance: Vec<AttendanceRecord>,
    pub evaluations: Vec<EvaluationRecord>,
    /// The accepted rows of clock times (SPEC §3.9), persons identified.
    pub clock: Vec<ClockRecord>,
    /// The totals rows of per-person recaps, cross-checked against the derived days.
    pub clock_totals: Vec<ClockTotals>,
    /// The Kelompok Budaya Kerja records (SPEC §11.1), settled and checked.
    pub kbk: KbkData,
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

    /// Months with a ledger row or an accepted record (a derived day may fall in the month
    /// before its scans').
    pub fn months_read(&self) -> BTreeSet<YearMonth> {
        let mut out = record_months(&self.attendance, &self.evaluations);
        out.extend(self.ledger.iter().filter_map(|r| r.month));
        out
    }
}

/// The file-level facts the commands print after reconciling (the files themselves are
/// consumed: their records move into the result).
#[derive(Clone, Debug, Default)]
pub struct FileInfo {
    pub rel: String,
    pub format: Option<String>,
    pub skip: Option<String>,
}

/// Where a record was read: (file index, sheet index).
type At = (usize, usize);

/// Settles every record of `files` (SPEC §3.7) and counts the ledger (§3.8): rosters first,
/// because they recover NIPs in the records that follow, then attendance, then evaluations.
pub fn reconcile(files: Vec<FileResult>, settings: &Settings) -> Reconciled {
    reconcile_on(files, settings, chrono::Local::now().date_naive())
}

/// [`reconcile`] as on day `today` (a KBK meeting dated after it is rejected, SPEC §11.2).
pub fn reconcile_on(mut files: Vec<FileResult>, settings: &Settings, today: chrono::NaiveDate) -> Reconciled {
    let rank = file_ranks(&files);
    let mut out = Reconciled::default();
    let mut counts = Counts::new();

    let (roster, roster_at, sizes) = take_issues_and_rosters(&mut files, &mut out.issues);
    for &(fi, si) in &roster_at {
        counts.entry((fi, si, None)).or_default().read += 1;
    }
    let fields = roster_fields(&roster);
    let settle_roster = Settle { rank: &rank, counts: &mut counts, issues: &mut out.issues };
    out.roster = settle_roster.run(roster, &roster_at, fields, |a, b| a == b, |_| None).0;

    let mut taken = take_records(&mut files, sizes, &out.roster, &mut counts, &mut out.issues);
    let books = kbk::Books { rank: &rank, counts: &mut counts, issues: &mut out.issues };
    let (kbk, attendance, attendance_at) = kbk::settle(
        books,
        (std::mem::take(&mut taken.kbk), &taken.kbk_at),
        (std::mem::take(&mut taken.attendance), &taken.attendance_at),
        &out.roster,
        settings,
        today,
    );
    out.kbk = kbk;
    let fields = attendance_fields(&attendance);
    out.attendance = Settle { rank: &rank, counts: &mut counts, issues: &mut out.issues }
        .run(attendance, &attendance_at, fields, same_attendance, |a| Some(YearMonth::of(a.date)))
        .0;
    let fields = evaluation_fields(&taken.evaluations);
    out.evaluations = Settle { rank: &rank, counts: &mut counts, issues: &mut out.issues }
        .run(taken.evaluations, &taken.evaluations_at, fields, same_evaluation, |e| Some(e.month))
        .0;

    out.clock_totals = taken.clock_totals;
    let (clock, clock_at) =
        machine::identify(taken.clock, &taken.clock_at, &out.roster, &mut counts, &mut out.issues);
    let fields = clock_fields(&clock);
    let (clock, clock_at) = Settle { rank: &rank, counts: &mut counts, issues: &mut out.issues }.run(
        clock,
        &clock_at,
        fields,
        same_clock,
        |c| Some(YearMonth::of(c.date)),
    );
    out.clock = clock;

    derive::days(&mut out, &clock_at, settings, &mut counts);
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

/// How many records of each kind pass 2 will move (every vector is sized once).
#[derive(Clone, Copy, Default)]
struct Sizes {
    attendance: usize,
    evaluations: usize,
    clock: usize,
    kbk: usize,
}

/// Pass 1, in file and sheet order: the issues, the rosters (taken out of the outcomes,
/// order kept, with where each was read) and how many records of each kind follow.
fn take_issues_and_rosters(
    files: &mut [FileResult],
    issues: &mut Vec<Issue>,
) -> (Vec<RosterEntry>, Vec<At>, Sizes) {
    let mut roster = Vec::new();
    let mut roster_at = Vec::new();
    let mut sizes = Sizes::default();
    for (fi, f) in files.iter_mut().enumerate() {
        issues.append(&mut f.issues);
        for (si, s) in f.sheets.iter_mut().enumerate() {
            issues.append(&mut s.output.issues);
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
                    Outcome::Attendance(_) => sizes.attendance += 1,
                    Outcome::Evaluation(_) => sizes.evaluations += 1,
                    Outcome::Clock(_) => sizes.clock += 1,
                    Outcome::LostNip(lost) => match lost.record {
                        Record::Attendance(_) => sizes.attendance += 1,
                        Record::Evaluation(_) => sizes.evaluations += 1,
                    },
                    Outcome::Kbk(_) => sizes.kbk += 1,
                    Outcome::Roster(_) | Outcome::Rejected(_) | Outcome::ClockTotals(_) => {}
                }
            }
        }
    }
    (roster, roster_at, sizes)
}

/// The records of pass 2, moved once out of the files, with where each was read.
struct Taken {
    attendance: Vec<AttendanceRecord>,
    attendance_at: Vec<At>,
    evaluations: Vec<EvaluationRecord>,
    evaluations_at: Vec<At>,
    clock: Vec<ClockRecord>,
    clock_at: Vec<At>,
    clock_totals: Vec<ClockTotals>,
    kbk: Vec<KbkRecord>,
    kbk_at: Vec<At>,
}

/// Pass 2: every other outcome moves once, into `attendance` or `evaluations` (which become
/// the result); a NIP stored as a number is recovered from the roster or rejected; reads and
/// rejections are counted.
fn take_records(
    files: &mut [FileResult],
    sizes: Sizes,
    roster: &[RosterEntry],
    counts: &mut Counts,
    issues: &mut Vec<Issue>,
) -> Taken {
    let mut t = Taken {
        attendance: Vec::with_capacity(sizes.attendance),
        attendance_at: Vec::with_capacity(sizes.attendance),
        evaluations: Vec::with_capacity(sizes.evaluations),
        evaluations_at: Vec::with_capacity(sizes.evaluations),
        clock: Vec::with_capacity(sizes.clock),
        clock_at: Vec::with_capacity(sizes.clock),
        clock_totals: Vec::new(),
        kbk: Vec::with_capacity(sizes.kbk),
        kbk_at: Vec::with_capacity(sizes.kbk),
    };
    let mut recovered_once: BTreeSet<(usize, usize, String)> = BTreeSet::new();
    for (fi, f) in files.iter_mut().enumerate() {
        for (si, s) in f.sheets.iter_mut().enumerate() {
            for o in std::mem::take(&mut s.output.outcomes) {
                let o = match o {
                    Outcome::LostNip(lost) => match recover(&lost, roster) {
                        Some((record, warning)) => {
                            // One warning per person and sheet, not per day.
                            if recovered_once.insert((fi, si, lost.prefix15.clone())) {
                                issues.push(warning);
                            }
                            record
                        }
                        None => {
                            let row = counts.entry((fi, si, Some(lost.record.month()))).or_default();
                            row.read += 1;
                            row.rejected += 1;
                            issues.push(lost.issue);
                            continue;
                        }
                    },
                    other => other,
                };
                match o {
                    Outcome::Attendance(a) => {
                        counts.entry((fi, si, Some(YearMonth::of(a.date)))).or_default().read += 1;
                        t.attendance.push(a);
                        t.attendance_at.push((fi, si));
                    }
                    Outcome::Evaluation(e) => {
                        counts.entry((fi, si, Some(e.month))).or_default().read += 1;
                        t.evaluations.push(e);
                        t.evaluations_at.push((fi, si));
                    }
                    Outcome::Clock(c) => {
                        counts.entry((fi, si, Some(YearMonth::of(c.date)))).or_default().read += 1;
                        t.clock.push(c);
                        t.clock_at.push((fi, si));
                    }
                    Outcome::Rejected(m) => {
                        let row = counts.entry((fi, si, m)).or_default();
                        row.read += 1;
                        row.rejected += 1;
                    }
                    Outcome::Kbk(k) => {
                        // Every month's KBK figures read every KBK record (year to date, as
                        // of the month's end), so the ledger lists them on every month's
                        // report, like a roster; a meeting alone makes no report month.
                        counts.entry((fi, si, None)).or_default().read += 1;
                        t.kbk.push(*k);
                        t.kbk_at.push((fi, si));
                    }
                    // Not a record: kept aside for the cross-check of the derived days.
                    Outcome::ClockTotals(totals) => t.clock_totals.push(totals),
                    Outcome::Roster(_) | Outcome::LostNip(_) => {}
                }
            }
        }
    }
    t
}

/// Settling one kind of record: the files' ranks, and the ledger and issues it adds to.
pub(crate) struct Settle<'a> {
    rank: &'a [u32],
    counts: &'a mut Counts,
    issues: &'a mut Vec<Issue>,
}

impl Settle<'_> {
    /// Decides each item's fate among the items of the same identity (`fields`), counts it
    /// in the ledger under its file, sheet and `month`, and keeps the accepted items in
    /// place (input order).
    fn run<T: HasProv, const N: usize>(
        self,
        mut items: Vec<T>,
        at: &[At],
        fields: Vec<[u32; N]>,
        same: impl Fn(&T, &T) -> bool,
        month: impl Fn(&T) -> Option<YearMonth>,
    ) -> (Vec<T>, Vec<At>) {
        let fates = decide(&items, fields, |i| self.rank[at[i].0], same);
        for (i, (item, &(fi, si))) in items.iter().zip(at).enumerate() {
            let key = (fi, si, month(item));
            apply(self.counts, self.issues, key, fates.fates[i], fates.winner(i), item.prov());
        }
        let accepted = |i: &usize| fates.fates[*i] == Fate::Accepted;
        let kept_at = at.iter().enumerate().filter(|(i, _)| accepted(i)).map(|(_, &a)| a).collect();
        let mut i = 0;
        items.retain(|_| {
            i += 1;
            accepted(&(i - 1))
        });
        (items, kept_at)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::{Duration, SystemTime};

    use chrono::NaiveDate;

    use super::*;
    use crate::ground::model::Provenance;
    use crate::ground::model::{Person, StatusCode};
    use crate::ground::packing;
    use crate::ground::packing::Key as _;
    use crate::ingest::SheetResult;
    use crate::ingest::SheetStatus;
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
            clock: None,
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
        let r = reconcile(vec![file("a.xlsx", 10, recs)], &Settings::embedded().unwrap());
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
        let r = reconcile(
            vec![
                file("a.xlsx", 20, first),
                file("b.xlsx", 10, second),
                file("c.xlsx", 20, vec![att("A", day(2), "", StatusCode::H, 9)]),
            ],
            &Settings::embedded().unwrap(),
        );
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
