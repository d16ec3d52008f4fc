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

mod compute;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::cli::{Common, ReportArgs};
use crate::cmd::months::{Memory, Span};
use crate::cmd::problems::{FullList, problem_lines};
use crate::cmd::{Failure, Log, Outcome, Progress, load_settings, require_input};
use crate::ground::TOOL_VERSION;
use crate::ground::model::YearMonth;
use crate::ground::text::{angka, periode};
use crate::ingest::cache::{Cache, State};
use crate::ingest::discover::{Found, walk};
use crate::metrics::figures::MonthReport;
use crate::publish::{self, Lock, Manifest, ManifestInput, Stamp};
use crate::reconcile::Reconciled;

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
        // One month written: every month up to it computed; the memory stays as it was.
        Some(_) => Memory::default(),
        None => Memory::load(cache.dir(), &build),
    };
    let stamp = Stamp {
        tool_version: TOOL_VERSION,
        config_hash: &settings.config_hash,
        now: chrono::Local::now().naive_local(),
    };
    let parses = cache.parses(&fingerprints, &settings.config_hash);
    let job = compute::Job {
        found: &found,
        fingerprints: &fingerprints,
        parses: &parses,
        settings: &settings,
        output,
        stamp: &stamp,
        month: args.month,
        log: &log,
    };
    let progress = Progress::new("membaca berkas", "berkas", found.len(), &log);
    let done = job.run(memory, &|| progress.tick());
    progress.finish();
    let mut done = done?;
    done.memory.build = build;
    let totals = Totals::of(&done.rec, found.len(), done.parsed);
    log.step(totals.read_line());
    if !log.quiet {
        // Which files and sheets make the exit status 3, and why.
        for line in problem_lines(&done.rec.ledger, &done.rec.issues, log.verbose, FullList::Workbook) {
            log.step(line);
        }
    }
    if let Span::From(first) = done.span {
        log.detail(format!(
            "dihitung ulang: {} dan sesudahnya; {} dari {} berkas dibaca, bulan sebelumnya dari memori",
            periode(first),
            angka(done.loaded as u64),
            angka(found.len() as u64)
        ));
    }
    if args.month.is_none() && done.all_months.is_empty() {
        log.step("tidak ada data untuk dilaporkan (folder input kosong atau tidak ada catatan yang terbaca)");
    }
    for m in &done.written {
        log.step(format!("laporan {} ditulis ke {}", periode(*m), output.join(m.to_string()).display()));
    }
    if done.wrote_kbk {
        log.detail("data KBK diperbarui: output/data/kbk_kelompok.csv, kbk_pertemuan.csv, kbk_langkah.csv");
    }
    if done.wrote_data {
        log.detail("data rapi diperbarui: output/data/kehadiran-*.csv dan penilaian-*.csv");
    }
    if let Err(e) = parses.finish() {
        log.step(format!(
            "peringatan: cache hasil baca tidak dapat disimpan ({e}); run berikutnya membaca ulang"
        ));
    }
    if args.month.is_none() {
        if let Err(e) = done.memory.save(cache.dir()) {
            log.step(format!(
                "peringatan: memori bulan tidak dapat disimpan ({e}); run berikutnya menghitung semua bulan"
            ));
        }
    }
    let (rec, all_months, months) = (&done.rec, &done.all_months, &done.written);
    save_state(&cache, &mut state, &previous.months, months, output, &log);
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

/// Renders one month's XLSX and PDF and publishes them with the month's manifest.
fn write_month(
    output: &Path,
    report: &MonthReport,
    m: YearMonth,
    inputs: &[ManifestInput],
    stamp: &Stamp,
) -> Result<(), Failure> {
    let base = publish::report_base(m);
    let render_failed = |format, source| Failure::Render { format, month: m, source };
    // The PDF beside the XLSX: a nightly run writes one month, and its workbook is most of
    // what the run waits for.
    let (xlsx, pdf) = std::thread::scope(|s| {
        let pdf = s.spawn(|| crate::render::pdf::render(report));
        let xlsx = crate::render::xlsx::render(report);
        (xlsx, pdf.join())
    });
    let xlsx = xlsx.map_err(|e| render_failed("XLSX", Box::new(e)))?;
    let pdf = pdf.map_err(|_| Failure::Internal)?.map_err(|e| render_failed("PDF", e.into()))?;
    let files = [(format!("{base}.xlsx"), xlsx), (format!("{base}.pdf"), pdf)];
    Ok(publish::write_month(output, m, &files, inputs, stamp)?)
}
