//! One file per subcommand. Each returns an `Outcome` that `main` maps to an exit code.

pub mod check;
pub mod config;
pub mod report;
pub mod template;

use std::path::{Path, PathBuf};

use crate::cli::Common;
use crate::ground::settings::{ConfigError, Settings};

/// How a command ended (SPEC §2 exit statuses).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 0: done, no input problem.
    Ok,
    /// 3: done, but some input was rejected or skipped.
    InputProblems,
}

/// A failure: nothing new was written (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("{0}")]
    Config(#[from] ConfigError),
    /// Another run holds the lock (exit 75).
    #[error("{0}")]
    Locked(String),
    #[error("{0}")]
    Other(String),
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
    if input.is_dir() {
        Ok(())
    } else {
        Err(Failure::Other(format!(
            "folder input \"{}\" tidak ditemukan; buat foldernya dan letakkan berkas kehadiran/penilaian di sana, atau pakai --input FOLDER",
            input.display()
        )))
    }
}
