//! One file per subcommand. Each returns an `Outcome` that `main` maps to an exit code.

pub mod check;
pub mod config;
pub mod report;
pub mod risalah;
pub mod template;

use std::path::{Path, PathBuf};

use crate::cli::Common;
use crate::ground::model::YearMonth;
use crate::ground::settings::{ConfigError, Settings};
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

/// Log lines for scheduler logs go to stderr; `-q` silences them.
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
}

pub fn require_input(input: &Path) -> Result<(), Failure> {
    if input.is_dir() { Ok(()) } else { Err(Failure::InputMissing(input.to_path_buf())) }
}
