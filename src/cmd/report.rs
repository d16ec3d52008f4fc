//! `report` / `laporan` (SPEC §2, §5, §6), the story of a run: take the lock → discover the
//! input → stop early when nothing changed → read (parse cache first) → reconcile → compute
//! → render and publish the months that need it, with the tidy data → remember the state.
//!
//! Without `--month` this is the nightly mode: a folder with nothing changed is recognised
//! from file sizes, modification times and hashes alone and nothing is written; otherwise
//! only changed files are parsed (the rest come from the cache) and only the months whose
//! inputs changed are rewritten, with the later months whose cumulative figures and trend
//! they feed.
//!
//! The log (stderr): one line per step; after the counts of what was read, the problem list
//! of `cmd::problems` (why the run will exit 3); the summary line last, the only line `-q`
//! keeps. On a terminal, a progress bar while the files are read and the months written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::cli::{Common, ReportArgs};
use crate::cmd::months::{self, Memory, Plan, Reach, Span};
use crate::cmd::problems::{FullList, problem_lines};
use crate::cmd::{Failure, Log, Outcome, Progress, load_settings, require_input};
use crate::ground::TOOL_VERSION;
use crate::ground::model::YearMonth;
use crate::ground::settings::Settings;
use crate::ground::text::{angka, periode};
use crate::ingest::FileResult;
use crate::ingest::cache::{Cache, Fingerprint, Parses, State};
use crate::ingest::discover::{Found, walk};
use crate::metrics::Figures;
use crate::metrics::carry::{Carried, MonthCarry};
use crate::publish::{self, InputFile, Lock, Manifest, ManifestInput, Stamp};
use crate::reconcile::Reconciled;
use crate::render::csv::KbkCsv;

/// The lock file, for the signal handler to remove.
static LOCK_PATH: OnceLock<PathBuf> = OnceLock::new();

pub fn run(common: &Common, args: &ReportArgs) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let log = Log::new(common);
    let settings = load_settings(common)?;
    require_input(&common.input)?;
    let output = &common.output;
    let lock = take_lock(output, args.wait, &log)?;
    publish::clean_leftovers(output);

    log.step(format!("memindai {}", common.input.display()));
    let found = discover(&common.input)?;
    let cache = Cache::new(output);
    let previous = cache.load_state();
    let fingerprints = Cache::fingerprints(&found, &previous);
    let mut state = State {
        version: TOOL_VERSION.into(),
        config_hash: settings.config_hash.clone(),
        files: fingerprints.iter().flatten().cloned().collect(),
        months: previous.months.clone(),
    };
    if args.month.is_none()
        && previous.same_inputs(&state)
        && publish::reports_present(output, &previous.months)
    {
        log.summary(format!(
            "tidak ada perubahan: {} berkas sama seperti pada laporan terakhir; tidak ada yang ditulis ({:.2} detik)",
            found.len(),
            started.elapsed().as_secs_f64()
        ));
        return Ok(Outcome::Ok);
    }

    let build = format!("{}|{}", crate::ingest::cache::build_id(), settings.config_hash);
    let memory = match args.month {
        // One month written: every month computed, as before the memory existed.
        Some(_) => Memory::default(),
        None => Memory::load(cache.dir(), &build),
    };
    let parses = cache.parses(&fingerprints, &settings.config_hash);
    let progress = Progress::new("membaca berkas", "berkas", found.len(), &log);
    let reading = Reading {
        found: &found,
        fingerprints: &fingerprints,
        parses: &parses,
        settings: &settings,
        memory: &memory,
    };
    let tick = || progress.tick();
    let mut pass = reading.pass(false, &tick);
    progress.finish();
    log.step(pass.totals.read_line());
    if !log.quiet {
        // Which files and sheets make the exit status 3, and why.
        for line in problem_lines(&pass.rec.ledger, &pass.rec.issues, log.verbose, FullList::Workbook) {
            log.step(line);
        }
    }

    let stamp = Stamp {
        tool_version: TOOL_VERSION,
        config_hash: &settings.config_hash,
        now: chrono::Local::now().naive_local(),
    };
    let (all_months, months, carries) = loop {
        if let Span::From(first) = pass.plan.span {
            log.detail(format!(
                "dihitung ulang: {} dan sesudahnya; {} dari {} berkas dibaca, bulan sebelumnya dari memori",
                periode(first),
                angka(pass.loaded as u64),
                angka(found.len() as u64)
            ));
        }
        let publishing = Publish {
            output,
            rec: &pass.rec,
            settings: &settings,
            month: args.month,
            span: pass.plan.span,
            carried: memory.carried(pass.plan.span),
            inputs: &state.files,
            stamp: &stamp,
            log: &log,
        };
        match publishing.run()? {
            Some(done) => break done,
            // A month before the span needs writing (a report removed by hand): every month.
            None => pass = reading.pass(true, &|| {}),
        }
    };
    if let Err(e) = parses.finish() {
        log.step(format!(
            "peringatan: cache hasil baca tidak dapat disimpan ({e}); run berikutnya membaca ulang"
        ));
    }
    let update =
        months::Update { build: &build, span: pass.plan.span, reaches: pass.reaches, months: carries };
    if let Err(e) = update.apply(memory, &pass.rec).save(cache.dir()) {
        log.step(format!(
            "peringatan: memori bulan tidak dapat disimpan ({e}); run berikutnya menghitung semua bulan"
        ));
    }
    let (rec, totals) = (&pass.rec, &pass.totals);
    save_state(&cache, &mut state, &previous.months, &months, output, &log);
    drop(lock);

    let result = if rec.has_problems() { Outcome::InputProblems } else { Outcome::Ok };
    if months.is_empty() && !all_months.is_empty() {
        log.step("tidak ada perubahan pada laporan mana pun");
    }
    log.summary(totals.done_line(months.len(), started, result));
    Ok(result)
}

/// Records the months whose reports now exist (the earlier ones and those written) with the
/// inputs they were made from, for the next nightly run; a failure only costs a re-read.
fn save_state(
    cache: &Cache,
    state: &mut State,
    before: &[String],
    months: &BTreeSet<YearMonth>,
    output: &Path,
    log: &Log,
) {
    let mut written: BTreeSet<String> = before.iter().cloned().collect();
    written.extend(months.iter().map(|m| m.to_string()));
    state.months = written.into_iter().filter(|m| Manifest::path(output, m).exists()).collect();
    if let Err(e) = cache.save_state(state) {
        log.step(format!(
            "peringatan: status cache tidak dapat disimpan ({e}); run berikutnya membaca ulang semua berkas"
        ));
    }
}

/// Takes the output folder's lock and arranges for it (and any temporary file) to be
/// removed when a signal ends the run.
fn take_lock(output: &Path, wait: u64, log: &Log) -> Result<Lock, Failure> {
    let (lock, note) = Lock::acquire(output, Duration::from_secs(wait))?;
    let _ = LOCK_PATH.set(lock.path().to_path_buf());
    crate::ground::platform::on_termination(|code| {
        crate::ground::fsio::remove_in_flight();
        if let Some(p) = LOCK_PATH.get() {
            let _ = std::fs::remove_file(p);
        }
        eprintln!("budaya-kerja: dihentikan (sinyal); berkas sementara dan kunci dibersihkan, status {code}");
        std::process::exit(code);
    });
    if let Some(n) = note {
        log.step(format!("peringatan: {n}"));
    }
    Ok(lock)
}

/// The input files the walk lists (not the lock files, hidden files and other types).
fn discover(input: &Path) -> Result<Vec<Found>, Failure> {
    Ok(walk(input).map_err(Failure::InputUnreadable)?.into_iter().filter(|f| f.listed).collect())
}

/// Reading and reconciling the input for a run, with the month memory.
struct Reading<'a> {
    found: &'a [Found],
    fingerprints: &'a [Option<Fingerprint>],
    parses: &'a Parses,
    settings: &'a Settings,
    memory: &'a Memory,
}

/// What one pass read and reconciled.
struct Pass {
    rec: Reconciled,
    plan: Plan,
    totals: Totals,
    /// Files read (parsed or from the parse cache).
    loaded: usize,
    /// Every present file's reach, for the next run's memory.
    reaches: BTreeMap<String, Reach>,
}

impl Reading<'_> {
    /// Reads the files that changed since the memory, plans the months to compute from what
    /// they reach, reads the other files those months need, and reconciles them; `all`: every
    /// file and month. The result holds the computed months' records and the whole year's
    /// ledger and issues (the earlier months' from the memory).
    fn pass(&self, all: bool, tick: &(dyn Fn() + Sync)) -> Pass {
        let (found, settings, memory) = (self.found, self.settings, self.memory);
        let sha =
            |i: usize| self.fingerprints.get(i).and_then(Option::as_ref).map_or("", |fp| fp.sha256.as_str());
        let changed: Vec<bool> = (0..found.len())
            .map(|i| all || !memory.knows(self.fingerprints.get(i).and_then(Option::as_ref)))
            .collect();
        let first: Vec<usize> = (0..found.len()).filter(|&i| changed[i]).collect();
        let mut read: Vec<(usize, FileResult, bool)> = Vec::with_capacity(found.len());
        let mut reaches: BTreeMap<String, Reach> = BTreeMap::new();
        let take = |indices: &[usize], read: &mut Vec<_>, reaches: &mut BTreeMap<String, Reach>| {
            for (&i, (f, parsed)) in indices.iter().zip(self.parses.read(found, indices, settings, tick)) {
                reaches.insert(found[i].rel.clone(), Reach::of(&f, sha(i)));
                read.push((i, f, parsed));
            }
        };
        take(&first, &mut read, &mut reaches);
        let plan = if all {
            Plan::ALL
        } else {
            let present: BTreeSet<&str> = found.iter().map(|f| f.rel.as_str()).collect();
            let changed_reach: Vec<(&str, &Reach)> = reaches.iter().map(|(k, r)| (k.as_str(), r)).collect();
            memory.plan(&changed_reach, &present)
        };
        let rest: Vec<usize> =
            (0..found.len()).filter(|&i| !changed[i] && memory.to_load(&plan, &found[i].rel)).collect();
        take(&rest, &mut read, &mut reaches);
        read.sort_by_key(|(i, _, _)| *i);
        let parsed = read.iter().filter(|(_, _, p)| *p).count();
        let loaded = read.len();
        let mut rec = crate::reconcile::reconcile(read.into_iter().map(|(_, f, _)| f).collect(), settings);
        let predicted: BTreeMap<&str, &Reach> = reaches.iter().map(|(k, r)| (k.as_str(), r)).collect();
        if plan != Plan::ALL && !months::reach_holds(&rec.ledger, &predicted) {
            // The ledger places a record where its file's outcomes did not say: every month.
            return self.pass(true, &|| {});
        }
        let reaches = months::reaches_after(self.fingerprints, reaches, &rec.ledger, memory);
        months::keep_span(&mut rec, plan.span);
        let order: BTreeMap<&str, usize> =
            found.iter().enumerate().map(|(i, f)| (f.rel.as_str(), i)).collect();
        months::merge_memory(&mut rec, memory, plan.span, &order);
        let totals = Totals::of(&rec, found.len(), parsed);
        Pass { rec, plan, totals, loaded, reaches }
    }
}

/// The run's counts, for the log.
struct Totals {
    files: usize,
    parsed: usize,
    read: u64,
    rejected: u64,
    skipped: usize,
}

impl Totals {
    fn of(rec: &Reconciled, files: usize, parsed: usize) -> Self {
        Totals {
            files,
            parsed,
            read: rec.ledger.iter().map(|r| r.read).sum(),
            rejected: rec.ledger.iter().map(|r| r.rejected).sum(),
            skipped: rec.ledger.iter().filter(|r| r.skipped).count(),
        }
    }

    fn read_line(&self) -> String {
        format!(
            "{} berkas ({} diurai, {} dari cache), {} catatan dibaca, {} ditolak, {} berkas/lembar dilewati",
            angka(self.files as u64),
            angka(self.parsed as u64),
            angka((self.files - self.parsed) as u64),
            angka(self.read),
            angka(self.rejected),
            angka(self.skipped as u64)
        )
    }

    fn done_line(&self, months: usize, started: Instant, result: Outcome) -> String {
        format!(
            "selesai: {} bulan ditulis, {} berkas ({} diurai), {} catatan, {} ditolak, {} dilewati, {:.1} detik, status {}",
            months,
            self.files,
            self.parsed,
            self.read,
            self.rejected,
            self.skipped,
            started.elapsed().as_secs_f64(),
            if result == Outcome::Ok { 0 } else { 3 }
        )
    }
}

/// What computing and publishing one run needs.
struct Publish<'a> {
    output: &'a Path,
    rec: &'a Reconciled,
    settings: &'a Settings,
    /// `--month`: that month only; else the nightly set.
    month: Option<YearMonth>,
    /// The months computed (`rec` holds their records); the earlier ones are `carried`.
    span: Span,
    carried: Carried,
    inputs: &'a [Fingerprint],
    stamp: &'a Stamp<'a>,
    log: &'a Log,
}

/// Every month with data, the months written, and the computed months' hand-over.
type Published = (BTreeSet<YearMonth>, BTreeSet<YearMonth>, BTreeMap<YearMonth, MonthCarry>);

impl Publish<'_> {
    /// Computes the figures and publishes the months that need it, while the tidy data is
    /// written on a thread of its own (it depends only on the reconciled records). `None`
    /// when a month before the span needs writing (its records were not read).
    fn run(self) -> Result<Option<Published>, Failure> {
        let (computed, wrote_data) = std::thread::scope(|s| {
            let rec = self.rec;
            let data = s.spawn(|| {
                // Every month read keeps its files; those of the computed months are written.
                let keep: BTreeSet<YearMonth> = publish::record_months(&rec.attendance, &rec.evaluations)
                    .into_iter()
                    .chain(rec.months())
                    .collect();
                let write: BTreeSet<YearMonth> =
                    keep.iter().copied().filter(|&m| self.span.covers(m)).collect();
                let months = publish::TidyMonths { write: &write, keep: &keep };
                publish::write_tidy_data(
                    self.output,
                    &rec.attendance,
                    &rec.evaluations,
                    self.settings,
                    &months,
                )
            });
            let computed = self.months();
            let data = match data.join() {
                Ok(wrote) => wrote.map_err(Failure::from),
                Err(_) => Err(Failure::Internal),
            };
            (computed, data)
        });
        let done = computed?;
        if wrote_data? {
            self.log.detail("data rapi diperbarui: output/data/kehadiran-*.csv dan penilaian-*.csv");
        }
        Ok(done)
    }

    /// The figures, then every month to write, rendered and written on every core.
    fn months(&self) -> Result<Option<Published>, Failure> {
        let (rec, output, stamp) = (self.rec, self.output, self.stamp);
        let figures = Figures::compute_after(rec, self.settings, self.carried.clone())
            .map_err(|e| Failure::Compute(Box::new(e)))?;
        let all_months: BTreeSet<YearMonth> =
            figures.data_months().iter().copied().chain(rec.months()).collect();
        let files: Vec<InputFile> =
            self.inputs.iter().map(|f| InputFile { rel: &f.rel, size: f.size, sha256: &f.sha256 }).collect();
        let month_inputs = publish::month_inputs(&rec.ledger, &files, &all_months);
        let months: BTreeSet<YearMonth> = match self.month {
            Some(m) => BTreeSet::from([m]),
            None => publish::months_to_write(output, stamp, &all_months, &month_inputs),
        };
        if !months.iter().all(|&m| self.span.covers(m)) {
            return Ok(None);
        }
        let months_kbk = all_months.iter().map(|&m| (m, figures.kbk_report(m).groups)).collect();
        if publish::write_kbk_data(output, &KbkCsv { data: &rec.kbk, months: months_kbk })? {
            self.log.detail(
                "data KBK diperbarui: output/data/kbk_kelompok.csv, kbk_pertemuan.csv, kbk_langkah.csv",
            );
        }
        if self.month.is_none() && all_months.is_empty() {
            self.log.step(
                "tidak ada data untuk dilaporkan (folder input kosong atau tidak ada catatan yang terbaca)",
            );
        }
        // The months share only `figures`.
        let progress = Progress::new("menulis laporan", "bulan", months.len(), self.log);
        let results: Vec<(YearMonth, Result<(), Failure>)> = months
            .par_iter()
            .map(|&m| {
                let own = month_inputs.get(&m).map(Vec::as_slice).unwrap_or(&[]);
                // A panic while rendering one month fails that month, not the run.
                let write = std::panic::AssertUnwindSafe(|| write_month(output, &figures, m, own, stamp));
                let result = std::panic::catch_unwind(write).unwrap_or(Err(Failure::Internal));
                progress.tick();
                (m, result)
            })
            .collect();
        progress.finish();
        for (m, result) in results {
            result?;
            self.log.step(format!(
                "laporan {} ditulis ke {}",
                periode(m),
                output.join(m.to_string()).display()
            ));
        }
        let carries =
            all_months.iter().filter(|&&m| self.span.covers(m)).map(|&m| (m, figures.carry(m))).collect();
        Ok(Some((all_months, months, carries)))
    }
}

/// Renders one month's XLSX and PDF and publishes them with the month's manifest.
fn write_month(
    output: &Path,
    figures: &Figures,
    m: YearMonth,
    inputs: &[ManifestInput],
    stamp: &Stamp,
) -> Result<(), Failure> {
    let report = figures.month_report(m, stamp.now);
    let base = publish::report_base(m);
    let render_failed = |format, source| Failure::Render { format, month: m, source };
    let xlsx = crate::render::xlsx::render(&report).map_err(|e| render_failed("XLSX", Box::new(e)))?;
    let pdf = crate::render::pdf::render(&report).map_err(|e| render_failed("PDF", e.into()))?;
    let files = [(format!("{base}.xlsx"), xlsx), (format!("{base}.pdf"), pdf)];
    Ok(publish::write_month(output, m, &files, inputs, stamp)?)
}
