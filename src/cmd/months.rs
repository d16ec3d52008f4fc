//! The month memory of the nightly run (SPEC §6, issue 17): what `report` needs from the
//! months it does not compute again. Most nights one unit sends one file for the current
//! month; the months before it are untouched, so their records are neither loaded nor
//! reconciled, and their figures are not computed. What the later months need from them is
//! kept here, in `OUTPUT/.cache/months.bin`:
//! - per input file, its content hash and **reach**: the months its records and ledger rows
//!   belong to, or *every* month (rosters, KBK sheets, files and sheets listed on every
//!   report);
//! - per month, its ledger rows and issues (the run's counts, the problem lines, the exit
//!   status and the manifests of the months written) and its hand-over to the later months
//!   (`metrics::carry::MonthCarry`: city figures, year-to-date TK).
//!
//! A run computes every month from the first one a change reaches — the old and new reach of
//! each changed, added or removed file — and loads the files reaching those months (and the
//! files reaching every month). Later months of the year depend on earlier ones (TK
//! kumulatif, the comparison, the trend), so "from the first month on" is what a cold run
//! would recompute as well. A file with clock times moves the start one month back (a night
//! shift pairs the last day of a month with the first of the next) and its neighbour month is
//! loaded too. A change reaching every month, another build or configuration, `--month`, or
//! a memory that is missing or unreadable computes everything, as a cold run does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::ground::kbk::is_kbk_kegiatan;
use crate::ground::model::{Issue, LedgerRow, YearMonth};
use crate::ingest::FileResult;
use crate::ingest::cache::Fingerprint;
use crate::ingest::layout::Outcome;
use crate::metrics::carry::{Carried, MonthCarry};
use crate::reconcile::Reconciled;

const MAGIC: &[u8; 8] = b"BKMONTH2";

/// The months a run computes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Span {
    /// Every month (a cold run).
    All,
    /// This month and every later one; the earlier ones come from the memory.
    From(YearMonth),
}

impl Span {
    pub fn covers(self, m: YearMonth) -> bool {
        match self {
            Span::All => true,
            Span::From(first) => m >= first,
        }
    }
}

/// Which months an input file's records belong to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub sha256: String,
    pub months: BTreeSet<YearMonth>,
    /// Belongs to every month's figures or report.
    pub every: bool,
}

impl Reach {
    /// What a parsed file reaches, from its outcomes (before reconciling).
    pub fn of(f: &FileResult, sha256: &str) -> Reach {
        let mut r = Reach { sha256: sha256.to_string(), ..Reach::default() };
        r.every |= f.issues.iter().any(|i| i.month.is_none());
        for s in &f.sheets {
            r.every |= s.output.issues.iter().any(|i| i.month.is_none());
            for o in &s.output.outcomes {
                match o {
                    Outcome::Attendance(a) => {
                        r.months.insert(YearMonth::of(a.date));
                        // KBK meeting attendance feeds every later month's KBK figures.
                        r.every |= !a.kelompok.is_empty() && is_kbk_kegiatan(&a.kegiatan);
                    }
                    Outcome::Evaluation(e) => {
                        r.months.insert(e.month);
                    }
                    Outcome::Clock(c) => {
                        // A person-day is judged from the scans around it: a night shift
                        // of the 31st ends on the 1st, a day without scans becomes TK of the
                        // sheet's month. The months beside a scan may get its records.
                        let m = YearMonth::of(c.date);
                        r.months.extend([m.prev(), m, m.next()]);
                    }
                    // Stated totals only check the records of the scans beside them.
                    Outcome::ClockTotals(_) => {}
                    Outcome::Rejected(Some(m)) => {
                        r.months.insert(*m);
                    }
                    Outcome::LostNip(lost) => {
                        r.months.insert(lost.record.month());
                    }
                    Outcome::Rejected(None) | Outcome::Roster(_) | Outcome::Kbk(_) => r.every = true,
                }
            }
        }
        if r.months.is_empty() {
            // Listed under the month its name gives, else on every report.
            match f.name_month {
                Some(m) => {
                    r.months.insert(m);
                }
                None => r.every = true,
            }
        }
        r
    }

    /// Adds what the ledger says about the file (reconciling may count a record elsewhere).
    pub fn add_rows<'a>(&mut self, rows: impl Iterator<Item = &'a LedgerRow>) {
        for row in rows {
            match row.month {
                Some(m) => {
                    self.months.insert(m);
                }
                None => self.every = true,
            }
        }
    }
}

/// One month as the memory keeps it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct MonthEntry {
    /// The month's ledger rows, each with its sheet's place among its file's sheets.
    pub ledger: Vec<(u32, LedgerRow)>,
    pub issues: Vec<Issue>,
    pub carry: MonthCarry,
    /// The month has a report (accepted records, or records read).
    pub reported: bool,
}

/// The month memory (`OUTPUT/.cache/months.bin`).
#[derive(Default, Serialize, Deserialize)]
pub struct Memory {
    /// The build and configuration it was made with.
    pub build: String,
    pub files: BTreeMap<String, Reach>,
    pub months: BTreeMap<YearMonth, MonthEntry>,
    /// The ledger rows and issues of no month (files listed on every report).
    pub every_rows: Vec<(u32, LedgerRow)>,
    pub every_issues: Vec<Issue>,
}

fn path(cache_dir: &Path) -> PathBuf {
    cache_dir.join("months.bin")
}

impl Memory {
    /// The memory of the last run made by this build with this configuration; empty (every
    /// month computed) when there is none, it is damaged, or it was made otherwise.
    pub fn load(cache_dir: &Path, build: &str) -> Memory {
        let Ok(bytes) = std::fs::read(path(cache_dir)) else { return Memory::default() };
        let Some(body) = bytes.strip_prefix(MAGIC.as_slice()) else { return Memory::default() };
        match bincode::serde::decode_from_slice::<Memory, _>(body, bincode::config::standard()) {
            Ok((m, read)) if read == body.len() && m.build == build => m,
            _ => Memory::default(),
        }
    }

    pub fn save(&self, cache_dir: &Path) -> std::io::Result<()> {
        let mut bytes = MAGIC.to_vec();
        bincode::serde::encode_into_std_write(self, &mut bytes, bincode::config::standard())
            .map_err(std::io::Error::other)?;
        crate::ground::fsio::write_atomic(&path(cache_dir), &bytes)
    }

    /// True when file `fp` is in the memory with the same content.
    pub fn knows(&self, fp: Option<&Fingerprint>) -> bool {
        fp.is_some_and(|fp| self.files.get(&fp.rel).is_some_and(|r| r.sha256 == fp.sha256))
    }

    /// The months to compute, given the files that changed or are new (with their new reach)
    /// and the paths present now: from the first month that the old or new reach of a changed,
    /// new or removed file touches; everything when one reaches every month.
    pub fn plan(&self, changed: &[(&str, &Reach)], present: &BTreeSet<&str>) -> Span {
        if self.build.is_empty() {
            return Span::All;
        }
        let removed = self.files.iter().filter(|(rel, _)| !present.contains(rel.as_str())).map(|(_, r)| r);
        let old = changed.iter().filter_map(|(rel, _)| self.files.get(*rel));
        let reaches: Vec<&Reach> = changed.iter().map(|(_, r)| *r).chain(old).chain(removed).collect();
        if reaches.iter().any(|r| r.every) {
            return Span::All;
        }
        match reaches.iter().filter_map(|r| r.months.iter().next()).min() {
            Some(&first) => Span::From(first),
            // Nothing changed that any month reads: compute none (after the last month known).
            None => self.months.keys().next_back().map_or(Span::All, |m| Span::From(m.next())),
        }
    }

    /// The hand-over of the months before `span`.
    pub fn carried(&self, span: Span) -> Carried {
        match span {
            Span::All => Carried::default(),
            Span::From(first) => Carried::of(self.months.range(..first).map(|(m, e)| (*m, &e.carry))),
        }
    }
}

/// Keeps of `rec` what belongs to the months `first..=last` (and to every month; `None`: only that): the records,
/// ledger rows and issues of other months read with the files loaded are partial (their
/// other files were not loaded). Returns the kept ledger rows with their sheets' places.
pub fn keep_window(rec: &mut Reconciled, months: Option<(YearMonth, YearMonth)>) -> Vec<(u32, LedgerRow)> {
    let inside = |m: YearMonth| months.is_some_and(|(first, last)| first <= m && m <= last);
    // KBK meeting attendance stays: the KBK figures are year to date (its files reach every
    // month, so all of it was read); the other months' figures are not used.
    rec.attendance.retain(|a| {
        inside(YearMonth::of(a.date)) || (!a.kelompok.is_empty() && is_kbk_kegiatan(&a.kegiatan))
    });
    rec.evaluations.retain(|e| inside(e.month));
    rec.clock.retain(|c| inside(YearMonth::of(c.date)));
    rec.issues.retain(|i| i.month.is_none_or(inside));
    let places = sheet_places(&rec.ledger);
    let placed: Vec<(u32, LedgerRow)> = places
        .into_iter()
        .zip(std::mem::take(&mut rec.ledger))
        .filter(|(_, r)| r.month.is_none_or(inside))
        .collect();
    rec.ledger = placed.iter().map(|(_, r)| r.clone()).collect();
    placed
}

/// Each ledger row's sheet place within its file (sheets in workbook order).
fn sheet_places(ledger: &[LedgerRow]) -> Vec<u32> {
    let mut out = Vec::with_capacity(ledger.len());
    let (mut file, mut sheets): (&str, Vec<&str>) = ("", Vec::new());
    for row in ledger {
        if row.file != file {
            file = &row.file;
            sheets.clear();
        }
        let place = match sheets.iter().position(|s| *s == row.sheet) {
            Some(p) => p,
            None => {
                sheets.push(&row.sheet);
                sheets.len() - 1
            }
        };
        out.push(place as u32);
    }
    out
}

/// Puts ledger rows gathered from several months in a cold run's order: files in path order
/// (`order`), sheets in workbook order, months in order (no month first).
pub fn sort_ledger(rows: &mut [(u32, LedgerRow)], order: &BTreeMap<&str, usize>) {
    let place = |rel: &str| order.get(rel).copied().unwrap_or(usize::MAX);
    rows.sort_by(|(sa, a), (sb, b)| (place(&a.file), sa, a.month).cmp(&(place(&b.file), sb, b.month)));
}

/// True when `later` is one of the 11 months after `earlier` (its TK kumulatif, comparison
/// and trend read it).
pub fn within_a_year(earlier: YearMonth, later: YearMonth) -> bool {
    let index = |m: YearMonth| m.year * 12 + m.month as i32;
    (1..=11).contains(&(index(later) - index(earlier)))
}

/// Whether what reconciling made of the files read agrees with the reach predicted for them:
/// every ledger row and every record in a month of its file's reach (or its file reaches
/// every month). Otherwise a window may lack a record, and every month is computed at once.
pub fn reach_holds(rec: &Reconciled, predicted: &BTreeMap<&str, &Reach>) -> bool {
    let within = |file: &str, m: Option<YearMonth>| match predicted.get(file) {
        None => true,
        Some(r) => r.every || m.is_some_and(|m| r.months.contains(&m)),
    };
    rec.ledger.iter().all(|row| within(&row.file, row.month))
        && rec.attendance.iter().all(|a| within(&a.prov.file, Some(YearMonth::of(a.date))))
        && rec.evaluations.iter().all(|e| within(&e.prov.file, Some(e.month)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(m: u32) -> YearMonth {
        YearMonth { year: 2026, month: m }
    }

    fn reach(months: &[u32], every: bool) -> Reach {
        Reach { sha256: "x".into(), months: months.iter().map(|&m| ym(m)).collect(), every }
    }

    fn memory(files: &[(&str, Reach)]) -> Memory {
        Memory {
            build: "b".into(),
            files: files.iter().map(|(k, r)| (k.to_string(), r.clone())).collect(),
            months: (1..=12).map(|m| (ym(m), MonthEntry::default())).collect(),
            ..Memory::default()
        }
    }

    #[test]
    fn the_span_starts_at_the_first_month_a_change_reaches() {
        let mem =
            memory(&[("a", reach(&[3], false)), ("b", reach(&[11, 12], false)), ("r", reach(&[], true))]);
        let present: BTreeSet<&str> = ["a", "b", "r", "new"].into();
        // The changed file's old reach (Nov) counts as well as its new one (Dec).
        let plan = mem.plan(&[("b", &reach(&[12], false))], &present);
        assert_eq!(plan, Span::From(ym(11)));
        // A new file for March.
        let plan = mem.plan(&[("new", &reach(&[3], false))], &present);
        assert_eq!(plan, Span::From(ym(3)));
        // A removed file: "a" is gone.
        let plan = mem.plan(&[], &["b", "r"].into());
        assert_eq!(plan, Span::From(ym(3)));
        // A roster reaches every month, before and after the change.
        assert_eq!(mem.plan(&[("r", &reach(&[], true))], &present), Span::All);
        assert_eq!(mem.plan(&[("b", &reach(&[], true))], &present), Span::All);
        // No memory: everything.
        assert_eq!(Memory::default().plan(&[], &present), Span::All);
    }

    #[test]
    fn clock_times_reach_the_months_beside_their_scans() {
        let f = crate::ingest::FileResult {
            rel: "log.xlsx".into(),
            size: 1,
            modified: None,
            skip: None,
            skip_harmless: false,
            format: None,
            sheets: Vec::new(),
            issues: Vec::new(),
            name_month: Some(ym(8)),
        };
        // No outcome: the month its name gives.
        assert_eq!(Reach::of(&f, "x"), reach(&[8], false));
        let mem = memory(&[("scan10", reach(&[9, 10, 11], false)), ("scan11", reach(&[10, 11, 12], false))]);
        let present: BTreeSet<&str> = ["scan10", "scan11"].into();
        // November's log changed: October is computed again (its 31st's night shift ends on
        // 1 November).
        let plan = mem.plan(&[("scan11", &reach(&[10, 11, 12], false))], &present);
        assert_eq!(plan, Span::From(ym(10)));
    }

    #[test]
    fn ledger_rows_of_several_months_sort_as_a_cold_run_lists_them() {
        let row = |file: &str, sheet: &str, m: Option<u32>| LedgerRow {
            file: file.into(),
            sheet: sheet.into(),
            month: m.map(ym),
            ..LedgerRow::default()
        };
        // November's window read a.xlsx (sheets S1, S2) and c.xlsx (every month).
        let mut rec = Reconciled {
            ledger: vec![
                row("a.xlsx", "S1", Some(10)),
                row("a.xlsx", "S1", Some(11)),
                row("a.xlsx", "S2", Some(11)),
                row("c.xlsx", "X", None),
            ],
            ..Reconciled::default()
        };
        let november = keep_window(&mut rec, Some((ym(11), ym(11))));
        assert_eq!(rec.ledger.len(), 3, "October's row of a.xlsx is not November's");
        // October's rows, remembered with their places.
        let mut rows = vec![
            (1, row("a.xlsx", "S2", Some(10))),
            (0, row("b.xlsx", "", Some(10))),
            (0, row("a.xlsx", "S1", Some(10))),
        ];
        rows.extend(november);
        let order: BTreeMap<&str, usize> = [("a.xlsx", 0), ("b.xlsx", 1), ("c.xlsx", 2)].into();
        sort_ledger(&mut rows, &order);
        let got: Vec<(String, String, Option<u32>)> =
            rows.iter().map(|(_, r)| (r.file.clone(), r.sheet.clone(), r.month.map(|m| m.month))).collect();
        let want = [
            ("a.xlsx", "S1", Some(10)),
            ("a.xlsx", "S1", Some(11)),
            ("a.xlsx", "S2", Some(10)),
            ("a.xlsx", "S2", Some(11)),
            ("b.xlsx", "", Some(10)),
            ("c.xlsx", "X", None),
        ];
        assert_eq!(got, want.map(|(f, s, m)| (f.to_string(), s.to_string(), m)));
        assert!(within_a_year(ym(11), ym(12)) && within_a_year(ym(2), YearMonth { year: 2027, month: 1 }));
        assert!(!within_a_year(ym(1), YearMonth { year: 2027, month: 1 }) && !within_a_year(ym(5), ym(5)));
    }

    #[test]
    fn memory_round_trip_and_another_build() {
        let dir = std::env::temp_dir().join(format!("bk-months-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut mem = memory(&[("a", reach(&[3, 4], false))]);
        mem.months.get_mut(&ym(3)).unwrap().carry.tk =
            vec![("p".into(), crate::metrics::carry::TkMark { ym: 202603, cum: 2, run: 1, best: 2 })];
        mem.save(&dir).unwrap();
        let back = Memory::load(&dir, "b");
        assert_eq!(back.files, mem.files);
        assert_eq!(back.months[&ym(3)].carry, mem.months[&ym(3)].carry);
        assert!(Memory::load(&dir, "another build").build.is_empty());
        std::fs::write(dir.join("months.bin"), [MAGIC.as_slice(), b" damaged"].concat()).unwrap();
        assert!(Memory::load(&dir, "b").build.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
