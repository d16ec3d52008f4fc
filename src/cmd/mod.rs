//! One file per subcommand. Each returns an `Outcome` that `main` maps to an exit code.

pub mod check;
pub mod config;
pub mod months;
pub mod problems;
pub mod report;
pub mod risalah;
pub mod template;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressFinish, ProgressState, ProgressStyle};

use crate::cli::Common;
use crate::ground::model::YearMonth;
use crate::ground::settings::{ConfigError, Settings};
use crate::ground::text::{angka, desimal};
use crate::publish::{LockError, PublishError};

/// How a command ended (SPEC §2 exit statuses).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 0: done, no input problem.
    Ok,
    /// 3: done, but some input was rejected or skipped.
    InputProblems,
}

/// A failure: nothing new was written (exit 1; 75 when another run holds the lock). Each
/// variant carries the facts; the message (Bahasa Indonesia) is rendered here, once.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{0}")]
    Lock(#[from] LockError),
    #[error(
        "folder input \"{}\" tidak ditemukan; buat foldernya dan letakkan berkas kehadiran/penilaian di sana, atau pakai --input FOLDER",
        .0.display()
    )]
    InputMissing(PathBuf),
    #[error("folder input tidak dapat dibaca: {0}")]
    InputUnreadable(std::io::Error),
    #[error("folder {} tidak dapat dibaca: {source}", .path.display())]
    FolderUnreadable { path: PathBuf, source: std::io::Error },
    #[error("\"{}\" tidak ditemukan", .0.display())]
    PathNotFound(PathBuf),
    #[error("perhitungan gagal: {0}")]
    Compute(Box<dyn std::error::Error + Send + Sync>),
    #[error("laporan {format} {month} gagal dibuat: {source}")]
    Render { format: &'static str, month: YearMonth, source: Box<dyn std::error::Error + Send + Sync> },
    #[error("{0}")]
    Publish(#[from] PublishError),
    #[error("templat {name} tidak dapat dibuat: {source}")]
    TemplateBuild { name: String, source: Box<dyn std::error::Error + Send + Sync> },
    #[error("templat tidak dapat ditulis ke {}: {source}; periksa foldernya atau pakai --out FOLDER", .path.display())]
    TemplateWrite { path: PathBuf, source: std::io::Error },
    #[error("{}. Semua kode unit ada di konfigurasi (budaya-kerja config --default)", .0.join(". "))]
    UnknownUnits(Vec<String>),
    #[error("dua kode unit menghasilkan nama berkas yang sama ({}); bedakan kodenya di konfigurasi", .0.display())]
    SameFileName(PathBuf),
    #[error("pakai `budaya-kerja config --default` untuk mencetak konfigurasi bawaan")]
    ConfigUsage,
    #[error("kesalahan internal saat menulis laporan; laporkan kepada pengelola aplikasi")]
    Internal,
    #[error(
        "tidak ada Kelompok Budaya Kerja di folder input \"{}\": belum ada lembar kelompok KBK \
         (kolom Nama Kelompok, Nomor SK, Tanggal SK, Fasilitator, Tema, Indikator, …). Buat buku \
         kerja KBK dengan `budaya-kerja template --kind kbk --month {month} --unit KODE`, isi \
         lembar Kelompok, Anggota, Pertemuan, Langkah dan Hasil, lalu letakkan di folder input",
        .input.display()
    )]
    NoKbkGroup { input: PathBuf, month: YearMonth },
    #[error("Kelompok \"{kelompok}\" ada di lebih dari satu unit: {}; pilih dengan --unit KODE", .units.join(", "))]
    KbkGroupAmbiguous { kelompok: String, units: Vec<String> },
    #[error("{}", unknown_group(.kelompok, .unit.as_deref(), .closest))]
    KbkGroupUnknown { kelompok: String, unit: Option<String>, closest: Vec<String> },
    #[error(
        "risalah kelompok \"{kelompok}\" unit {unit} tidak dapat disusun dari data; laporkan kepada pengelola aplikasi"
    )]
    RisalahMissing { unit: String, kelompok: String },
    #[error("risalah kelompok \"{kelompok}\" unit {unit} gagal dibuat: {source}")]
    RisalahBuild { unit: String, kelompok: String, source: Box<dyn std::error::Error + Send + Sync> },
    #[error("risalah tidak dapat ditulis ke {}: {source}; periksa foldernya atau pakai --output FOLDER", .path.display())]
    RisalahWrite { path: PathBuf, source: std::io::Error },
    #[error(
        "kelompok \"{a}\" dan \"{b}\" menghasilkan nama berkas yang sama ({}); bedakan nama kelompoknya",
        .path.display()
    )]
    RisalahSameFileName { path: PathBuf, a: String, b: String },
}

/// `Kelompok "Mawar" tidak ada di unit DLH; kelompok terdekat: …`.
fn unknown_group(kelompok: &str, unit: Option<&str>, closest: &[String]) -> String {
    let place = unit.map_or_else(|| "di input".to_string(), |u| format!("di unit {u}"));
    let hint = if closest.is_empty() {
        "belum ada kelompok lain yang terdaftar".to_string()
    } else {
        format!("kelompok terdekat: {}", closest.join(", "))
    };
    format!("Kelompok \"{kelompok}\" tidak ada {place}; {hint}")
}

impl Failure {
    /// The exit status (SPEC §2): 75 when another run holds the lock, else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Lock(LockError::Held(..)) => 75,
            _ => 1,
        }
    }
}

/// The configuration file in effect: `--config`, else `budaya-kerja.toml` in the current
/// folder or the input folder, else none (the embedded default).
pub fn config_path(common: &Common) -> Option<PathBuf> {
    if let Some(p) = &common.config {
        return Some(p.clone());
    }
    [PathBuf::from("budaya-kerja.toml"), common.input.join("budaya-kerja.toml")]
        .into_iter()
        .find(|p| p.is_file())
}

pub fn load_settings(common: &Common) -> Result<Settings, Failure> {
    Ok(Settings::load(config_path(common).as_deref())?)
}

/// Log lines for scheduler logs go to stderr; `-q` keeps only the run's summary line.
pub struct Log {
    pub quiet: bool,
    pub verbose: bool,
}

impl Log {
    pub fn new(common: &Common) -> Self {
        Self { quiet: common.quiet, verbose: common.verbose }
    }

    pub fn step(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("budaya-kerja: {}", msg.as_ref());
        }
    }

    pub fn detail(&self, msg: impl AsRef<str>) {
        if self.verbose {
            eprintln!("budaya-kerja:   {}", msg.as_ref());
        }
    }

    /// The run's one summary line (SPEC §6), printed even with `-q`.
    pub fn summary(&self, msg: impl AsRef<str>) {
        eprintln!("budaya-kerja: {}", msg.as_ref());
    }
}

/// A progress bar on stderr while a long step runs (reading the files, writing the months),
/// only when stderr is a terminal and the run is not quiet (SPEC §2). Otherwise there is no
/// bar at all, so scheduler logs get the step lines alone, never a `\r` or an escape code.
/// `tick` may be called from any worker thread.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// `label` (`membaca berkas`) before the bar; `unit` (`berkas`) counts the steps.
    pub fn new(label: &'static str, unit: &'static str, total: usize, log: &Log) -> Self {
        let wanted = bar_wanted(log.quiet, std::io::stderr().is_terminal(), total);
        Self { bar: wanted.then(|| progress_bar(label, unit, total)) }
    }

    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Removes the bar, so that the step line that follows stands where it was.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A bar only on a terminal, never with `-q`, and only when there is something to count.
fn bar_wanted(quiet: bool, terminal: bool, total: usize) -> bool {
    !quiet && terminal && total > 0
}

/// `membaca berkas [######>-------] 120/1.700 berkas · 35,2/detik · sisa 0:45`, the bar as
/// wide as the terminal leaves room for (no line wider than the terminal, which would wrap).
fn progress_bar(label: &'static str, unit: &'static str, total: usize) -> ProgressBar {
    let style = match ProgressStyle::with_template("{prefix} [{wide_bar}] {rincian}") {
        Ok(style) => style,
        Err(_) => ProgressStyle::default_bar(),
    };
    let style = style.progress_chars("#>-").with_key(
        "rincian",
        move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let text = progress_text(s.pos(), s.len().unwrap_or(0), s.per_sec(), s.eta(), unit);
            let _ = w.write_str(&text);
        },
    );
    let bar = ProgressBar::new(total as u64)
        .with_style(style)
        .with_prefix(label)
        // A failed run returns early: its bar goes with it.
        .with_finish(ProgressFinish::AndClear);
    // Redrawn while one large file is being read, so the time left stays current.
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// The counts after the bar, in Indonesian: `120/1.700 berkas · 35,2/detik · sisa 0:45`; a
/// slow step gives seconds per step (`2,5 detik/bulan`); no rate nor time left before the
/// first step is done, no time left after the last.
fn progress_text(pos: u64, len: u64, per_sec: f64, eta: Duration, unit: &str) -> String {
    let counted = format!("{}/{} {unit}", angka(pos), angka(len));
    if pos == 0 || !per_sec.is_finite() || per_sec <= 0.0 {
        return counted;
    }
    let rate = if per_sec >= 1.0 {
        format!("{}/detik", desimal(per_sec, 1))
    } else {
        format!("{} detik/{unit}", desimal(1.0 / per_sec, 1))
    };
    if pos >= len {
        return format!("{counted} · {rate}");
    }
    format!("{counted} · {rate} · sisa {}", duration_text(eta))
}

/// `0:45`, `12:05`, `1:02:03`.
fn duration_text(d: Duration) -> String {
    let s = d.as_secs();
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
}

pub fn require_input(input: &Path) -> Result<(), Failure> {
    if input.is_dir() { Ok(()) } else { Err(Failure::InputMissing(input.to_path_buf())) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_text_in_indonesian() {
        let secs = Duration::from_secs;
        for (pos, len, rate, eta, unit, text) in [
            (0, 1700, 0.0, secs(0), "berkas", "0/1.700 berkas"),
            (120, 1700, f64::INFINITY, secs(0), "berkas", "120/1.700 berkas"),
            (120, 1700, 35.24, secs(45), "berkas", "120/1.700 berkas · 35,2/detik · sisa 0:45"),
            (3, 12, 0.4, secs(725), "bulan", "3/12 bulan · 2,5 detik/bulan · sisa 12:05"),
            (1, 40_000, 9.0, secs(3723), "berkas", "1/40.000 berkas · 9,0/detik · sisa 1:02:03"),
            (12, 12, 2.0, secs(0), "bulan", "12/12 bulan · 2,0/detik"),
        ] {
            assert_eq!(progress_text(pos, len, rate, eta, unit), text);
        }
    }

    #[test]
    fn a_bar_only_on_a_terminal_never_quiet_and_with_work() {
        assert!(bar_wanted(false, true, 3));
        assert!(!bar_wanted(false, false, 3), "scheduler logs: no bar");
        assert!(!bar_wanted(true, true, 3), "-q: no bar");
        assert!(!bar_wanted(false, true, 0), "nothing to count");
    }

    #[test]
    fn without_a_terminal_the_progress_is_inert() {
        // The tests run with stderr captured, never a terminal.
        let log = Log { quiet: false, verbose: false };
        let progress = Progress::new("membaca berkas", "berkas", 10, &log);
        assert!(progress.bar.is_none() || std::io::stderr().is_terminal());
        progress.tick();
        progress.finish();
    }
}
