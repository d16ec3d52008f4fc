//! `report` / `laporan` (SPEC §2, §5, §6): read the input, reconcile, compute, and write each
//! month's XLSX, PDF and manifest under `output/YYYY-MM/`, plus the tidy data.
//!
//! Without `--month` this is the nightly mode: a folder with nothing changed is recognised
//! from file sizes, modification times and hashes alone and nothing is written; otherwise
//! only changed files are parsed (the rest come from the cache) and only the months whose
//! inputs changed are rewritten, with the later months whose cumulative figures and trend
//! they feed.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::cli::{Common, ReportArgs};
use crate::cmd::{Failure, Log, Outcome, load_settings, require_input};
use crate::ground::fsio::{remove_stale_temps, write_atomic, write_if_changed};
use crate::ground::model::YearMonth;
use crate::ground::settings::Settings;
use crate::ground::text::{angka, periode};
use crate::ingest::cache::{Cache, Fingerprint, State, TOOL_VERSION};
use crate::ingest::discover::{Found, walk};
use crate::metrics::Figures;
use crate::publish::{Lock, LockError, Manifest, ManifestInput, ManifestOutput, ManifestSheet};
use crate::reconcile::Reconciled;

/// The lock file, for the signal handler to remove.
static LOCK_PATH: OnceLock<PathBuf> = OnceLock::new();

pub fn run(common: &Common, args: &ReportArgs) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let log = Log::new(common);
    let settings = load_settings(common)?;
    require_input(&common.input)?;
    let output = &common.output;

    let (lock, note) = Lock::acquire(output, Duration::from_secs(args.wait)).map_err(|e| match e {
        LockError::Held(..) => Failure::Locked(e.to_string()),
        LockError::Io(..) => Failure::Other(e.to_string()),
    })?;
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
    clean_leftovers(output);

    log.step(format!("memindai {}", common.input.display()));
    let found: Vec<Found> = walk(&common.input)
        .map_err(|e| Failure::Other(format!("folder input tidak dapat dibaca: {e}")))?
        .into_iter()
        .filter(|f| f.listed)
        .collect();
    let cache = Cache::new(output);
    let previous = cache.load_state();
    let fingerprints = Cache::fingerprints(&found, &previous);
    let mut state = State {
        version: TOOL_VERSION.into(),
        config_hash: settings.config_hash.clone(),
        files: fingerprints.iter().flatten().cloned().collect(),
        months: previous.months.clone(),
    };
    if args.month.is_none() && previous.same_inputs(&state) && reports_present(output, &previous.months) {
        log.step(format!(
            "tidak ada perubahan: {} berkas sama seperti pada laporan terakhir; tidak ada yang ditulis ({:.2} detik)",
            found.len(),
            started.elapsed().as_secs_f64()
        ));
        return Ok(Outcome::Ok);
    }

    let (files, parsed) = read_with_cache(&found, &fingerprints, &cache, &settings, &log);
    let file_count = files.len();
    let rec = crate::reconcile::reconcile(files);
    let read: u64 = rec.ledger.iter().map(|r| r.read).sum();
    let rejected: u64 = rec.ledger.iter().map(|r| r.rejected).sum();
    let skipped = rec.ledger.iter().filter(|r| r.skipped).count();
    log.step(format!(
        "{} berkas ({} diurai, {} dari cache), {} catatan dibaca, {} ditolak, {} berkas/lembar dilewati",
        angka(file_count as u64),
        angka(parsed as u64),
        angka((file_count - parsed) as u64),
        angka(read),
        angka(rejected),
        angka(skipped as u64)
    ));

    let now = chrono::Local::now().naive_local();
    let (computed, wrote_data) = std::thread::scope(|s| {
        // The tidy data depends only on the reconciled records: written on its own thread
        // while the figures are computed and the months rendered on the others.
        let data = s.spawn(|| write_tidy_data(output, &rec, &settings));
        let computed = (|| -> Result<_, Failure> {
            let figures = Figures::compute(&rec, &settings)
                .map_err(|e| Failure::Other(format!("perhitungan gagal: {e}")))?;
            let all_months: BTreeSet<YearMonth> =
                figures.data_months().iter().copied().chain(rec.months()).collect();
            let inputs = month_inputs(&rec, &state.files, &all_months);
            let months: BTreeSet<YearMonth> = match args.month {
                Some(m) => BTreeSet::from([m]),
                None => months_to_write(output, &settings, &all_months, &inputs),
            };
            if args.month.is_none() && all_months.is_empty() {
                log.step("tidak ada data untuk dilaporkan (folder input kosong atau tidak ada catatan yang terbaca)");
            }
            let results = write_months(output, &figures, &settings, &months, now, &inputs);
            Ok((all_months, months, results))
        })();
        let data = data.join().unwrap_or_else(|_| Err(Failure::Other(INTERNAL.into())));
        (computed, data)
    });
    let (all_months, months, month_results) = computed?;
    for (m, result) in month_results {
        result?;
        log.step(format!("laporan {} ditulis ke {}", periode(m), output.join(m.to_string()).display()));
    }
    if wrote_data? {
        log.detail("data rapi diperbarui: output/data/kehadiran.csv dan penilaian.csv");
    }

    let mut written: BTreeSet<String> = previous.months.iter().cloned().collect();
    written.extend(months.iter().map(|m| m.to_string()));
    state.months = written.into_iter().filter(|m| Manifest::path(output, m).exists()).collect();
    if let Err(e) = cache.save_state(&state) {
        log.step(format!(
            "peringatan: status cache tidak dapat disimpan ({e}); run berikutnya membaca ulang semua berkas"
        ));
    }
    drop(lock);

    let result = if rec.has_problems() { Outcome::InputProblems } else { Outcome::Ok };
    if months.is_empty() && !all_months.is_empty() {
        log.step("tidak ada perubahan pada laporan mana pun");
    }
    log.step(format!(
        "selesai: {} bulan ditulis, {} berkas ({} diurai), {} catatan, {} ditolak, {} dilewati, {:.1} detik, status {}",
        months.len(),
        file_count,
        parsed,
        read,
        rejected,
        skipped,
        started.elapsed().as_secs_f64(),
        if result == Outcome::Ok { 0 } else { 3 }
    ));
    Ok(result)
}

const INTERNAL: &str = "kesalahan internal saat menulis laporan; laporkan kepada pengelola aplikasi";

/// `output/data/kehadiran.csv` and `penilaian.csv`, each replaced only when it changed;
/// whether either was.
fn write_tidy_data(output: &Path, rec: &Reconciled, settings: &Settings) -> Result<bool, Failure> {
    let data = output.join("data");
    let wrote_kehadiran =
        write_if_changed(&data.join("kehadiran.csv"), |w| crate::render::csv::kehadiran(&rec.attendance, w))
            .map_err(|e| Failure::Other(format!("data kehadiran.csv tidak dapat ditulis: {e}")))?;
    let wrote_penilaian = write_if_changed(&data.join("penilaian.csv"), |w| {
        crate::render::csv::penilaian(&rec.evaluations, settings, w)
    })
    .map_err(|e| Failure::Other(format!("data penilaian.csv tidak dapat ditulis: {e}")))?;
    Ok(wrote_kehadiran || wrote_penilaian)
}

/// Writes the given months on every core (they share only `figures`); each month's result,
/// in month order.
fn write_months(
    output: &Path,
    figures: &Figures,
    settings: &Settings,
    months: &BTreeSet<YearMonth>,
    now: chrono::NaiveDateTime,
    inputs: &BTreeMap<YearMonth, Vec<ManifestInput>>,
) -> Vec<(YearMonth, Result<(), Failure>)> {
    let months: Vec<YearMonth> = months.iter().copied().collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(months.len()).max(1);
    let mut results: Vec<(YearMonth, Result<(), Failure>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    while let Some(&m) = months.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let own = inputs.get(&m).map(Vec::as_slice).unwrap_or(&[]);
                        mine.push((m, write_month(output, figures, settings, m, now, own)));
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    // A worker that died left its months out: report them as failed rather than written.
    for m in &months {
        if !results.iter().any(|(done, _)| done == m) {
            results.push((*m, Err(Failure::Other(INTERNAL.into()))));
        }
    }
    results.sort_by_key(|(m, _)| *m);
    results
}

/// Temporary files an interrupted run left behind, in every folder we write to.
fn clean_leftovers(output: &Path) {
    remove_stale_temps(output);
    remove_stale_temps(&output.join("data"));
    remove_stale_temps(&output.join(".cache"));
    if let Ok(entries) = std::fs::read_dir(output) {
        for e in entries.flatten() {
            if YearMonth::parse(&e.file_name().to_string_lossy()).is_some() {
                remove_stale_temps(&e.path());
            }
        }
    }
}

fn reports_present(output: &Path, months: &[String]) -> bool {
    months.iter().all(|m| Manifest::path(output, m).is_file())
}

/// Every file parsed or taken from the cache, in path order; the number parsed. Meanwhile
/// the cache is rewritten with exactly the current files' parses.
fn read_with_cache(
    found: &[Found],
    fingerprints: &[Option<Fingerprint>],
    cache: &Cache,
    settings: &Settings,
    log: &Log,
) -> (Vec<crate::ingest::FileResult>, usize) {
    let progress = Progress::new(found.len(), !log.quiet && std::io::stderr().is_terminal());
    let pack = cache.open_pack();
    let keys: Vec<Option<String>> =
        fingerprints.iter().map(|fp| fp.as_ref().map(|fp| Cache::key(fp, &settings.config_hash))).collect();
    // The new pack is written while the files are read: each parse, fresh or reused, is
    // added by the worker that has it (nothing large is held until the end).
    let (results, written) = cache.rewrite_pack(|pack_out| {
        let cached = |i: usize| -> Option<crate::ingest::FileResult> {
            let key = keys.get(i)?.as_ref()?;
            let raw = pack.raw(key)?;
            let mut f = crate::ingest::cache::Pack::decode(raw)?;
            pack_out.add(key, raw);
            // The content is the same; its modification time (which decides revisions) may not be.
            f.modified = std::fs::metadata(&found.get(i)?.path).ok().and_then(|m| m.modified().ok());
            Some(f)
        };
        let done = |i: usize, f: &crate::ingest::FileResult, parsed: bool| {
            if let (true, Some(Some(key))) = (parsed, keys.get(i)) {
                if let Some(bytes) = Cache::encode(f) {
                    pack_out.add(key, &bytes);
                }
            }
            progress.tick();
        };
        crate::ingest::read_files_with(found, settings, &cached, &done)
    });
    progress.finish();
    if let Err(e) = written {
        log.step(format!(
            "peringatan: cache hasil baca tidak dapat disimpan ({e}); run berikutnya membaca ulang"
        ));
    }
    let parsed = results.iter().filter(|(_, was_parsed)| *was_parsed).count();
    (results.into_iter().map(|(f, _)| f).collect(), parsed)
}

/// Per month, the inputs (path, SHA-256) listed on its report: the files with records in
/// that month and the files that belong to every month (skipped, no month known).
fn month_inputs(
    rec: &Reconciled,
    files: &[Fingerprint],
    months: &BTreeSet<YearMonth>,
) -> BTreeMap<YearMonth, Vec<ManifestInput>> {
    let fp: BTreeMap<&str, &Fingerprint> = files.iter().map(|f| (f.rel.as_str(), f)).collect();
    let mut out: BTreeMap<YearMonth, BTreeMap<String, ManifestInput>> = BTreeMap::new();
    for row in &rec.ledger {
        let targets: Vec<YearMonth> = match row.month {
            Some(m) => vec![m],
            None => months.iter().copied().collect(),
        };
        for m in targets {
            let entry = out.entry(m).or_default().entry(row.file.clone()).or_insert_with(|| ManifestInput {
                path: row.file.clone(),
                size: fp.get(row.file.as_str()).map(|f| f.size).unwrap_or(0),
                sha256: fp.get(row.file.as_str()).map(|f| f.sha256.clone()).unwrap_or_default(),
                sheets: Vec::new(),
            });
            entry.sheets.push(ManifestSheet {
                sheet: row.sheet.clone(),
                kind: row.kind.clone(),
                layout: row.layout.clone(),
                read: row.read,
                accepted: row.accepted,
                rejected: row.rejected,
                duplicates: row.duplicates,
                overridden: row.overridden,
                note: row.note.clone(),
            });
        }
    }
    out.into_iter().map(|(m, v)| (m, v.into_values().collect())).collect()
}

fn input_keys(inputs: &[ManifestInput]) -> Vec<(String, String)> {
    inputs.iter().map(|i| (i.path.clone(), i.sha256.clone())).collect()
}

/// The nightly set: months whose inputs differ from their manifest (or that have none),
/// plus every later month within a year of a changed one — its tk_kumulatif (same year),
/// its comparison with the previous month and its 12-month trend depend on it.
fn months_to_write(
    output: &Path,
    settings: &Settings,
    all: &BTreeSet<YearMonth>,
    inputs: &BTreeMap<YearMonth, Vec<ManifestInput>>,
) -> BTreeSet<YearMonth> {
    let changed: Vec<YearMonth> = all
        .iter()
        .copied()
        .filter(|m| {
            let keys = input_keys(inputs.get(m).map(Vec::as_slice).unwrap_or(&[]));
            !Manifest::load(output, &m.to_string())
                .is_some_and(|man| man.same_inputs(TOOL_VERSION, &settings.config_hash, &keys))
        })
        .collect();
    let mut out: BTreeSet<YearMonth> = changed.iter().copied().collect();
    for c in &changed {
        let mut later = *c;
        for _ in 0..11 {
            later = later.next();
            if all.contains(&later) {
                out.insert(later);
            }
        }
    }
    out
}

fn write_month(
    output: &Path,
    figures: &Figures,
    settings: &Settings,
    m: YearMonth,
    now: chrono::NaiveDateTime,
    inputs: &[ManifestInput],
) -> Result<(), Failure> {
    let report = figures.month_report(m, now);
    let dir = output.join(m.to_string());
    let base = format!("laporan-budaya-kerja-{m}");
    let xlsx = crate::render::xlsx::render(&report)
        .map_err(|e| Failure::Other(format!("laporan XLSX {m} gagal dibuat: {e}")))?;
    let pdf = crate::render::pdf::render(&report)
        .map_err(|e| Failure::Other(format!("laporan PDF {m} gagal dibuat: {e}")))?;
    let mut outputs = Vec::new();
    for (name, bytes) in [(format!("{base}.xlsx"), &xlsx), (format!("{base}.pdf"), &pdf)] {
        let path = dir.join(&name);
        write_atomic(&path, bytes)
            .map_err(|e| Failure::Other(format!("tidak dapat menulis {}: {e}", path.display())))?;
        outputs.push(ManifestOutput {
            file: name,
            size: bytes.len() as u64,
            sha256: crate::ingest::cache::sha256_hex(bytes),
        });
    }
    let manifest = Manifest {
        tool_version: TOOL_VERSION.into(),
        config_hash: settings.config_hash.clone(),
        month: m.to_string(),
        generated_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        inputs: inputs.to_vec(),
        outputs,
    };
    let bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| Failure::Other(e.to_string()))?;
    // Written last: a month without a manifest is redone by the next run.
    write_atomic(&Manifest::path(output, &m.to_string()), &bytes)
        .map_err(|e| Failure::Other(format!("manifest {m} tidak dapat ditulis: {e}")))
}

/// A one-line progress counter on a terminal; nothing otherwise (scheduler logs get the
/// step lines instead).
struct Progress {
    total: usize,
    done: AtomicUsize,
    enabled: bool,
}

impl Progress {
    fn new(total: usize, enabled: bool) -> Self {
        Self { total, done: AtomicUsize::new(0), enabled: enabled && total > 0 }
    }

    fn tick(&self) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.enabled && (n % 10 == 0 || n == self.total) {
            let width = 30;
            let filled = n * width / self.total.max(1);
            eprint!("\r  [{}{}] {n}/{} berkas", "#".repeat(filled), " ".repeat(width - filled), self.total);
        }
    }

    fn finish(&self) {
        if self.enabled {
            eprintln!();
        }
    }
}
