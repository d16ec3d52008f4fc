//! `check` / `periksa`: validate files without writing anything. Prints, per file, what was
//! found and every problem with its cell reference; then the summary, followed by the same
//! problem list `report` logs (`cmd::problems`: one line per skipped or rejecting file and
//! sheet); with `--month`, which units have and have not reported. `-q` keeps the summary
//! (and the `--month` list) only.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use crate::cli::{CheckArgs, Common};
use crate::cmd::problems::{FullList, problem_lines};
use crate::cmd::{Failure, Log, Outcome, Progress, load_settings};
use crate::ground::model::Level;
use crate::ground::text::{angka, periode};
use crate::ingest::discover::{Found, walk};
use crate::metrics::Figures;
use crate::metrics::figures::StatusLaporan;
use crate::reconcile::{LedgerRow, Reconciled};

/// Appends a line to the report text; printed at once at the end, so a closed pipe
/// (`| head`) cannot abort the program halfway.
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

pub fn run(common: &Common, args: &CheckArgs) -> Result<Outcome, Failure> {
    let mut out = String::new();
    let log = Log::new(common);
    let settings = load_settings(common)?;
    let found = collect(common, args)?;
    let progress = Progress::new("membaca berkas", "berkas", found.len(), &log);
    let files = crate::ingest::read_files_with(&found, &settings, &|_| None, &|_, f, _| {
        progress.tick();
        f
    });
    progress.finish();
    let rec = crate::reconcile::reconcile(files, &settings);

    if !log.quiet {
        print_files(&mut out, &rec);
    }
    print_summary(&mut out, &rec);
    if !log.quiet {
        // The list `report` logs, in the same words; the details above hold every line of it.
        for line in problem_lines(&rec.ledger, &rec.issues, log.verbose, FullList::Above) {
            outln!(out, "{line}");
        }
    }

    if let Some(m) = args.month {
        let figures = Figures::compute(&rec, &settings).map_err(|e| Failure::Compute(Box::new(e)))?;
        let report = figures.month_report(m, chrono::Local::now().naive_local());
        outln!(out,);
        outln!(
            out,
            "Unit melapor {}: {} dari {}",
            periode(m),
            report.city.unit_melapor,
            report.city.unit_total
        );
        for u in &report.units {
            let ada = |b: bool| if b { "Ada  " } else { "Belum" };
            let mark = if u.status == StatusLaporan::Lengkap { " " } else { "!" };
            outln!(
                out,
                "  {mark} {:<18} kehadiran {}  penilaian {}  {}",
                u.kode,
                ada(u.ada_kehadiran),
                ada(u.ada_penilaian),
                u.nama
            );
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    log.detail("pemeriksaan selesai; tidak ada berkas yang ditulis");
    Ok(if rec.has_problems() { Outcome::InputProblems } else { Outcome::Ok })
}

/// Per file: its format, each sheet's counts and every issue with its cell reference.
fn print_files(out: &mut String, rec: &Reconciled) {
    let mut by_file: BTreeMap<&str, Vec<&LedgerRow>> = BTreeMap::new();
    for row in &rec.ledger {
        by_file.entry(row.file.as_str()).or_default().push(row);
    }
    for f in &rec.files {
        let rows = by_file.get(f.rel.as_str()).cloned().unwrap_or_default();
        outln!(out, "{}{}", f.rel, f.format.as_ref().map(|x| format!("  ({x})")).unwrap_or_default());
        if let Some(why) = &f.skip {
            // An owner or hidden file is no problem (SPEC §10): the milder word.
            let word = if rows.iter().any(|r| r.skipped) { "DILEWATI" } else { "DIABAIKAN" };
            outln!(out, "  {word}: {why}");
            continue;
        }
        print_sheets(out, &rows);
        for i in rec.issues.iter().filter(|i| i.file == f.rel) {
            let level = match i.level {
                Level::Tolak => "DITOLAK   ",
                Level::Peringatan => "PERINGATAN",
            };
            let place = if i.sheet.is_empty() { String::new() } else { format!("{}!{}", i.sheet, i.cell) };
            let value = if i.value.is_empty() { String::new() } else { format!(" \"{}\"", i.value) };
            outln!(out, "    {level} {place}{value}: {}", i.message);
        }
    }
    outln!(out,);
}

/// `Ringkasan: …`, the counts of the whole check.
fn print_summary(out: &mut String, rec: &Reconciled) {
    let read: u64 = rec.ledger.iter().map(|r| r.read).sum();
    let rejected: u64 = rec.ledger.iter().map(|r| r.rejected).sum();
    let accepted: u64 = rec.ledger.iter().map(|r| r.accepted).sum();
    outln!(
        out,
        "Ringkasan: {} berkas, {} catatan dibaca, {} diterima, {} ditolak, {} berkas/lembar dilewati.",
        angka(rec.files.len() as u64),
        angka(read),
        angka(accepted),
        angka(rejected),
        rec.ledger.iter().filter(|r| r.skipped).count()
    );
}

fn print_sheets(out: &mut String, rows: &[&LedgerRow]) {
    // One line per sheet, summed over months.
    let mut sheets: Vec<(&str, LedgerRow)> = Vec::new();
    for r in rows {
        match sheets.iter_mut().find(|(s, _)| *s == r.sheet) {
            Some((_, acc)) => {
                acc.read += r.read;
                acc.accepted += r.accepted;
                acc.rejected += r.rejected;
                acc.duplicates += r.duplicates;
                acc.overridden += r.overridden;
            }
            None => sheets.push((r.sheet.as_str(), (*r).clone())),
        }
    }
    for (name, r) in sheets {
        if r.kind == "-" {
            let tag = if r.skipped { "DILEWATI: " } else { "" };
            outln!(out, "  Lembar \"{name}\": {tag}{}", r.note);
        } else {
            outln!(
                out,
                "  Lembar \"{name}\": {} ({}), {} — {} dibaca, {} diterima, {} ditolak, {} duplikat, {} direvisi",
                r.kind,
                r.layout,
                r.note,
                r.read,
                r.accepted,
                r.rejected,
                r.duplicates,
                r.overridden
            );
        }
    }
}

/// The files to check: the paths given (files or folders), else the whole input folder.
fn collect(common: &Common, args: &CheckArgs) -> Result<Vec<Found>, Failure> {
    if args.paths.is_empty() {
        crate::cmd::require_input(&common.input)?;
        return Ok(walk(&common.input)
            .map_err(Failure::InputUnreadable)?
            .into_iter()
            .filter(|f| f.listed)
            .collect());
    }
    let mut out = Vec::new();
    for p in &args.paths {
        if p.is_dir() {
            let base = p.display().to_string();
            let found = walk(p).map_err(|source| Failure::FolderUnreadable { path: p.clone(), source })?;
            out.extend(found.into_iter().filter(|f| f.listed).map(|mut f| {
                f.rel = format!("{}/{}", base.trim_end_matches('/'), f.rel);
                f
            }));
        } else if p.is_file() {
            out.push(single(p));
        } else {
            return Err(Failure::PathNotFound(p.clone()));
        }
    }
    Ok(out)
}

fn single(p: &Path) -> Found {
    let rel = crate::ingest::discover::display_name(&p.display().to_string().replace('\\', "/"));
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let lower = name.to_lowercase();
    let ext_ok = ["xlsx", "xlsm", "xls", "xlsb", "ods"].iter().any(|e| lower.ends_with(&format!(".{e}")));
    let skip = if name.starts_with("~$") {
        Some("berkas kunci Excel (~$…) yang dibuat saat berkas sedang dibuka; dilewati".to_string())
    } else if !ext_ok {
        Some("bukan berkas spreadsheet (.xlsx, .xlsm, .xls, .xlsb, .ods)".to_string())
    } else {
        None
    };
    let harmless = name.starts_with("~$");
    Found { path: p.to_path_buf(), rel, skip, listed: true, harmless }
}
