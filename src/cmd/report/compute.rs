//! The months of a run, computed in order, one month at a time (issue 17): the files a month
//! reaches are read from the parse cache, reconciled, kept to that month, and its figures
//! computed from them and from what the months before it handed over (`metrics::carry`);
//! then the next month. Only one month's records are in memory at a time, so a province
//! year needs about what one month needs, and the reports of a month are rendered (on two
//! threads) while the next month is computed.
//!
//! The nightly run starts at the first month a change reaches (`cmd::months::Memory::plan`);
//! a cold run at the first month there is. When the parse cache cannot hold every parse (a
//! full disk), the months are computed together in one window from the parses held in
//! memory, as before the month memory.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

use crate::cmd::months::{self, Memory, MonthEntry, Reach, Span};
use crate::cmd::{Failure, Log, Progress};
use crate::ground::model::{Issue, LedgerRow, YearMonth, record_months};
use crate::ground::settings::Settings;
use crate::ingest::FileResult;
use crate::ingest::cache::{Fingerprint, Parses};
use crate::ingest::discover::Found;
use crate::metrics::Figures;
use crate::metrics::figures::MonthReport;
use crate::publish::{self, InputFile, Manifest, ManifestInput, Stamp};
use crate::reconcile::Reconciled;
use crate::render::csv::KbkCsv;

/// What a run reads and computes with.
pub(super) struct Job<'a> {
    pub found: &'a [Found],
    pub fingerprints: &'a [Option<Fingerprint>],
    pub parses: &'a Parses,
    pub settings: &'a Settings,
    pub output: &'a Path,
    pub stamp: &'a Stamp<'a>,
    /// `--month`: that month only is written (every month up to it computed).
    pub month: Option<YearMonth>,
    pub log: &'a Log,
}

/// What a run did.
pub(super) struct Done {
    /// The whole ledger and every issue, in a cold run's order.
    pub rec: Reconciled,
    pub span: Span,
    /// Months with a report (data, or records read).
    pub all_months: BTreeSet<YearMonth>,
    pub written: BTreeSet<YearMonth>,
    /// Files parsed (not from the parse cache) and files read at all.
    pub parsed: usize,
    pub loaded: usize,
    /// The month memory after the run.
    pub memory: Memory,
    pub wrote_data: bool,
    pub wrote_kbk: bool,
}

/// The changed files, read first.
struct Changed {
    span: Span,
    /// The reach of every file read so far.
    reaches: BTreeMap<String, Reach>,
    /// Parses the parse cache could not hold: read by the one window there is then.
    held: Vec<(usize, FileResult)>,
    parsed: usize,
}

/// One computed window of months.
struct Window {
    entries: BTreeMap<YearMonth, MonthEntry>,
    /// The rows and issues of no month (files listed on every report).
    every_rows: Vec<(u32, LedgerRow)>,
    every_issues: Vec<Issue>,
    parsed: usize,
    loaded: BTreeSet<usize>,
}

/// The ledger rows (with their sheets' places) and issues of no month.
type Every = (Vec<(u32, LedgerRow)>, Vec<Issue>);

/// Work for the writer threads: a month to render and publish, or a window's tidy data to
/// write (its records, the months to write, the months whose files stay).
enum Work {
    Render(YearMonth, Box<MonthReport>, Vec<ManifestInput>),
    Tidy(Arc<Reconciled>, BTreeSet<YearMonth>, BTreeSet<YearMonth>),
}

impl Job<'_> {
    fn rel(&self, i: usize) -> &str {
        self.found.get(i).map_or("", |f| f.rel.as_str())
    }

    fn sha(&self, i: usize) -> &str {
        self.fingerprints.get(i).and_then(Option::as_ref).map_or("", |fp| fp.sha256.as_str())
    }

    /// Reads and computes the months of the run, publishes those to write, and returns the
    /// whole year's ledger and issues with the updated memory. `memory` is the last run's.
    pub fn run(&self, memory: Memory, tick: &(dyn Fn() + Sync)) -> Result<Done, Failure> {
        let changed = self.changed(&memory, false, tick);
        match self.compute_as(memory, changed, false)? {
            Ok(done) => Ok(done),
            // A file's records landed where its parse did not say (or a report was removed
            // by hand): every month, from every file.
            Err(memory) => {
                let changed = self.changed(&memory, true, &|| {});
                self.compute_as(Memory::default(), changed, true)?.map_err(|_| Failure::Internal)
            }
        }
    }

    /// Reads the files that changed since the memory (all of them with `all`) and plans the
    /// months to compute from what they reach.
    fn changed(&self, memory: &Memory, all: bool, tick: &(dyn Fn() + Sync)) -> Changed {
        let indices: Vec<usize> = (0..self.found.len())
            .filter(|&i| all || !memory.knows(self.fingerprints.get(i).and_then(Option::as_ref)))
            .collect();
        let keep = |i: usize, f: FileResult, parsed: bool, stored: bool| {
            tick();
            let reach = Reach::of(&f, self.sha(i));
            (i, reach, parsed, (!stored).then_some(f))
        };
        let mut out = Changed { span: Span::All, reaches: BTreeMap::new(), held: Vec::new(), parsed: 0 };
        for (i, reach, parsed, f) in self.parses.read_with(self.found, &indices, self.settings, &keep) {
            out.reaches.insert(self.rel(i).to_string(), reach);
            out.parsed += usize::from(parsed);
            if let Some(f) = f {
                out.held.push((i, f));
            }
        }
        if !all && self.month.is_none() {
            let present: BTreeSet<&str> = self.found.iter().map(|f| f.rel.as_str()).collect();
            let changed: Vec<(&str, &Reach)> = out.reaches.iter().map(|(k, r)| (k.as_str(), r)).collect();
            out.span = memory.plan(&changed, &present);
            // A month before the span whose report is gone cannot be written from the memory.
            if let Span::From(first) = out.span {
                let gone = memory
                    .months
                    .range(..first)
                    .any(|(m, e)| e.reported && !Manifest::path(self.output, &m.to_string()).is_file());
                if gone {
                    out.span = Span::All;
                }
            }
        }
        out
    }

    /// Every present file's reach: fresh when read this run, else remembered.
    fn reach<'r>(
        &self,
        reaches: &'r BTreeMap<String, Reach>,
        memory: &'r Memory,
        i: usize,
    ) -> Option<&'r Reach> {
        let rel = self.rel(i);
        reaches.get(rel).or_else(|| memory.files.get(rel))
    }

    /// Computes the planned months window by window and publishes them. `Err(memory)` when
    /// the plan fell short (the caller starts over with every month).
    fn compute_as(
        &self,
        mut memory: Memory,
        changed: Changed,
        all_in_one: bool,
    ) -> Result<Result<Done, Memory>, Failure> {
        let Changed { span, mut reaches, mut held, parsed: parsed_first } = changed;
        let n = self.found.len();
        let mut months: BTreeSet<YearMonth> = (0..n)
            .filter_map(|i| self.reach(&reaches, &memory, i))
            .flat_map(|r| r.months.iter().copied())
            .filter(|&m| span.covers(m))
            .collect();
        if let Some(only) = self.month {
            months.retain(|&m| m <= only);
            months.insert(only);
        }
        // The memory keeps the months before the span; the others are computed again.
        match span {
            Span::All => memory.months.clear(),
            Span::From(first) => memory.months.retain(|m, _| *m < first),
        }
        let chunked = !all_in_one && held.is_empty() && self.parses.intact();
        let windows: Vec<Vec<YearMonth>> = match chunked {
            true if !months.is_empty() => months.iter().map(|&m| vec![m]).collect(),
            // No month to compute still reads the files of every month (rosters, skipped
            // files): the ledger rows of no month.
            _ => vec![months.iter().copied().collect()],
        };
        let files: Vec<InputFile> = self
            .fingerprints
            .iter()
            .flatten()
            .map(|f| InputFile { rel: &f.rel, size: f.size, sha256: &f.sha256 })
            .collect();

        let progress = Progress::new("menulis laporan", "bulan", months.len(), self.log);
        // Reports to two render threads; tidy data to one writer that takes a window's records
        // only when it is done with the last (at most two months' records are held at once).
        let (tx, rx) = sync_channel::<Work>(1);
        let rx = Mutex::new(rx);
        let (tidy_tx, tidy_rx) = sync_channel::<Work>(0);
        let tidy_rx = Mutex::new(tidy_rx);
        let mut written = BTreeSet::new();
        let mut changed_months: Vec<YearMonth> = Vec::new();
        let mut every: Option<Every> = None;
        let (mut parsed, mut loaded, mut wrote_data, mut wrote_kbk) =
            (parsed_first, BTreeSet::new(), false, false);
        let computed: Result<Result<(), ()>, Failure> = std::thread::scope(|s| {
            let mut renderers: Vec<_> =
                (0..2).map(|_| s.spawn(|| self.render_from(&rx, &progress))).collect();
            renderers.push(s.spawn(|| self.render_from(&tidy_rx, &progress)));
            let mut result = Ok(Ok(()));
            for (w, window) in windows.iter().enumerate() {
                let last = w + 1 == windows.len();
                let mut publish = |work: Work| {
                    let _ = match work {
                        Work::Render(m, _, _) => {
                            written.insert(m);
                            tx.send(work)
                        }
                        Work::Tidy(..) => tidy_tx.send(work),
                    };
                };
                let step = WindowStep {
                    months: window,
                    files: &files,
                    last,
                    every: all_in_one,
                    changed_months: &mut changed_months,
                    publish: &mut publish,
                };
                match self.window(step, &mut reaches, &memory, &mut held) {
                    Ok(Some((win, kbk))) => {
                        parsed += win.parsed;
                        loaded.extend(win.loaded);
                        wrote_kbk |= kbk;
                        memory.months.extend(win.entries);
                        every = Some((win.every_rows, win.every_issues));
                    }
                    Ok(None) => {
                        result = Ok(Err(()));
                        break;
                    }
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                }
            }
            drop((tx, tidy_tx));
            for r in renderers {
                match r.join() {
                    Ok((Ok(()), wrote)) => wrote_data |= wrote,
                    Ok((Err(e), _)) if result.is_ok() => result = Err(e),
                    Err(_) if result.is_ok() => result = Err(Failure::Internal),
                    _ => {}
                }
            }
            result
        });
        progress.finish();
        if computed?.is_err() {
            return Ok(Err(memory));
        }
        // Tidy data of months that no longer have any.
        let keep: BTreeSet<YearMonth> = memory.months.keys().copied().collect();
        let none = BTreeSet::new();
        wrote_data |= publish::write_tidy_data(
            self.output,
            &[],
            &[],
            self.settings,
            &publish::TidyMonths { write: &none, keep: &keep },
        )?;

        let order: BTreeMap<&str, usize> =
            self.found.iter().enumerate().map(|(i, f)| (f.rel.as_str(), i)).collect();
        // The rows and issues of no month: from the last window, else as remembered.
        if let Some((rows, issues)) = every {
            (memory.every_rows, memory.every_issues) = (rows, issues);
        }
        let mut rec = Reconciled::default();
        let mut rows = memory.every_rows.clone();
        rec.issues = memory.every_issues.clone();
        for e in memory.months.values() {
            rows.extend(e.ledger.iter().cloned());
            rec.issues.extend(e.issues.iter().cloned());
        }
        months::sort_ledger(&mut rows, &order);
        rec.ledger = rows.into_iter().map(|(_, r)| r).collect();
        let all_months = memory.months.iter().filter(|(_, e)| e.reported).map(|(m, _)| *m).collect();
        memory.files = (0..n)
            .filter_map(|i| Some((self.rel(i).to_string(), self.reach(&reaches, &memory, i)?.clone())))
            .collect();
        Ok(Ok(Done {
            rec,
            span,
            all_months,
            written,
            parsed,
            loaded: loaded.len(),
            memory,
            wrote_data,
            wrote_kbk,
        }))
    }

    /// Renders and publishes months, and writes tidy data, as the work comes, until the
    /// channel closes; whether tidy data was written.
    fn render_from(&self, rx: &Mutex<Receiver<Work>>, progress: &Progress) -> (Result<(), Failure>, bool) {
        let (mut result, mut wrote_data) = (Ok(()), false);
        loop {
            let next = match rx.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return (Err(Failure::Internal), wrote_data),
            };
            let Ok(work) = next else { return (result, wrote_data) };
            let one = match work {
                Work::Render(m, report, inputs) => {
                    // A panic while rendering one month fails that month, not the process.
                    let write = std::panic::AssertUnwindSafe(|| {
                        super::write_month(self.output, &report, m, &inputs, self.stamp)
                    });
                    let one = std::panic::catch_unwind(write).unwrap_or(Err(Failure::Internal));
                    progress.tick();
                    one
                }
                Work::Tidy(rec, write, keep) => {
                    let months = publish::TidyMonths { write: &write, keep: &keep };
                    publish::write_tidy_data(
                        self.output,
                        &rec.attendance,
                        &rec.evaluations,
                        self.settings,
                        &months,
                    )
                    .map(|wrote| wrote_data |= wrote)
                    .map_err(Failure::from)
                }
            };
            if result.is_ok() {
                result = one;
            }
        }
    }

    /// Reads the files reaching a window of months, reconciles them, computes the window's
    /// figures after the months before it (from `memory`), writes its tidy data and hands
    /// its months to `publish`. `None` when a file's records landed outside its reach.
    fn window(
        &self,
        step: WindowStep,
        reaches: &mut BTreeMap<String, Reach>,
        memory: &Memory,
        held: &mut Vec<(usize, FileResult)>,
    ) -> Result<Option<(Window, bool)>, Failure> {
        // No month: only the files reaching every month (their rows of no month).
        let range = step.months.first().copied().zip(step.months.last().copied());
        let n = self.found.len();
        let touches = |r: &Reach| {
            step.every || r.every || range.is_some_and(|(a, b)| r.months.range(a..=b).next().is_some())
        };
        let held_at: BTreeSet<usize> = held.iter().map(|(i, _)| *i).collect();
        let load: Vec<usize> = (0..n)
            .filter(|i| !held_at.contains(i))
            .filter(|&i| self.reach(reaches, memory, i).is_none_or(touches))
            .collect();
        let mut files: Vec<(usize, FileResult, bool)> =
            self.parses.read_with(self.found, &load, self.settings, &|i, f, parsed, _| (i, f, parsed));
        for (i, f, _) in &files {
            reaches.insert(self.rel(*i).to_string(), Reach::of(f, self.sha(*i)));
        }
        files.extend(std::mem::take(held).into_iter().map(|(i, f)| (i, f, false)));
        files.sort_by_key(|(i, _, _)| *i);
        let loaded: BTreeSet<usize> = files.iter().map(|(i, _, _)| *i).collect();
        let parsed = files.iter().filter(|(_, _, p)| *p).count();
        let mut rec =
            crate::reconcile::reconcile(files.into_iter().map(|(_, f, _)| f).collect(), self.settings);
        let predicted: BTreeMap<&str, &Reach> =
            loaded.iter().filter_map(|&i| Some((self.rel(i), reaches.get(self.rel(i))?))).collect();
        if !step.every && !months::reach_holds(&rec, &predicted) {
            return Ok(None);
        }
        // Every month: the months are those of what was read.
        let all_read: Vec<YearMonth>;
        let (range, window_list) = if step.every {
            all_read = rec.months_read().into_iter().collect();
            (all_read.first().copied().zip(all_read.last().copied()), all_read.as_slice())
        } else {
            (range, step.months)
        };
        let read: BTreeSet<String> = predicted.keys().map(|k| k.to_string()).collect();
        for (rel, reach) in reaches.iter_mut().filter(|(rel, _)| read.contains(rel.as_str())) {
            reach.add_rows(rec.ledger.iter().filter(|r| r.file == *rel));
        }
        let placed = months::keep_window(&mut rec, range);
        let window_months: BTreeSet<YearMonth> = window_list.iter().copied().collect();
        // The tidy data is written by its worker while the figures are computed and the
        // reports rendered; handing it over waits until the worker is done with the last
        // window, so at most two windows' records are held.
        let keep: BTreeSet<YearMonth> = window_months
            .iter()
            .copied()
            .chain(memory.months.keys().copied())
            .chain(record_months(&rec.attendance, &rec.evaluations))
            .collect();
        let rec = Arc::new(rec);
        (step.publish)(Work::Tidy(Arc::clone(&rec), window_months, keep));

        let figures = Figures::compute_after(
            &rec,
            self.settings,
            memory.carried(range.map_or(Span::All, |(a, _)| Span::From(a))),
        )
        .map_err(|e| Failure::Compute(Box::new(e)))?;
        let mut entries = BTreeMap::new();
        let reported_months: BTreeSet<YearMonth> =
            figures.data_months().iter().copied().chain(rec.months()).collect();
        for &m in window_list {
            let reported = reported_months.contains(&m);
            let ledger: Vec<(u32, LedgerRow)> =
                placed.iter().filter(|(_, r)| r.month == Some(m)).cloned().collect();
            let issues: Vec<Issue> = rec.issues.iter().filter(|i| i.month == Some(m)).cloned().collect();
            let inputs = publish::month_inputs(&rec.ledger, step.files, &BTreeSet::from([m]))
                .remove(&m)
                .unwrap_or_default();
            let write = match self.month {
                Some(only) => only == m,
                None => {
                    let changed = reported && publish::month_changed(self.output, self.stamp, m, &inputs);
                    if changed {
                        step.changed_months.push(m);
                    }
                    reported
                        && (changed
                            || step.changed_months.iter().any(|&c| c < m && months::within_a_year(c, m)))
                }
            };
            if write {
                (step.publish)(Work::Render(m, Box::new(figures.month_report(m, self.stamp.now)), inputs));
            }
            let carry = figures.carry(m);
            entries.insert(m, MonthEntry { ledger, issues, carry, reported });
        }
        let kbk = if step.last {
            let all: BTreeSet<YearMonth> = memory
                .months
                .iter()
                .filter(|(_, e)| e.reported)
                .map(|(m, _)| *m)
                .chain(entries.iter().filter(|(_, e)| e.reported).map(|(m, _)| *m))
                .collect();
            let groups = all.iter().map(|&m| (m, figures.kbk_report(m).groups)).collect();
            publish::write_kbk_data(self.output, &KbkCsv { data: &rec.kbk, months: groups })?
        } else {
            false
        };
        drop(figures);
        let every_rows = placed.iter().filter(|(_, r)| r.month.is_none()).cloned().collect();
        let every_issues = rec.issues.iter().filter(|i| i.month.is_none()).cloned().collect();
        Ok(Some((Window { entries, every_rows, every_issues, parsed, loaded }, kbk)))
    }
}

/// One window's months and what it reports to.
struct WindowStep<'a, 'p> {
    months: &'a [YearMonth],
    files: &'a [InputFile<'a>],
    /// The last window: it also writes the KBK data (of every month).
    last: bool,
    /// One window over every file and every month read (the way out when a file's records
    /// land outside its reach).
    every: bool,
    /// Months whose inputs changed so far (their later months are written too).
    changed_months: &'a mut Vec<YearMonth>,
    publish: &'p mut dyn FnMut(Work),
}
