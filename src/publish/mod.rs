//! Publishing a run (SPEC §5, §6): which months must be (re)written, each month's files and
//! its manifest, the tidy data (`tidy`: one file per month), and the lock that keeps two runs
//! apart. Every byte goes through `ground::fsio`'s atomic writes; this stage decides what is
//! written where.

pub mod lock;
pub mod manifest;
mod tidy;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::ground::fsio::{is_in_use, remove_stale_temps, sha256_hex, write_atomic, write_if_changed};
use crate::ground::model::{LedgerRow, YearMonth};
use crate::render::csv::KbkCsv;
pub use lock::{Lock, LockError};
pub use manifest::{Manifest, ManifestInput, ManifestOutput, ManifestSheet};
pub use tidy::{TidyMonths, tidy_file_name, write_tidy_data};

/// Why something could not be published. Nothing half-written is left behind in any case.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("tidak dapat menulis {}: {source}", .path.display())]
    Write { path: PathBuf, source: std::io::Error },
    /// The previous file is open in another program (Windows: Excel) and cannot be
    /// replaced; it is kept as it was.
    #[error("{what} {} sedang dibuka (misalnya di Excel); tutup berkasnya lalu jalankan lagi", .path.display())]
    InUse { what: &'static str, path: PathBuf },
    /// `name` is the file's name in `output/data/`, e.g. `kehadiran-2026-11.csv`.
    #[error("data {name} tidak dapat ditulis: {source}")]
    TidyData { name: String, source: std::io::Error },
    /// A month file whose month has no data any more, or an older version's combined file.
    #[error("data lama {name} tidak dapat dihapus: {source}")]
    TidyRemove { name: String, source: std::io::Error },
    #[error("manifest {month} tidak dapat ditulis: {source}")]
    Manifest { month: YearMonth, source: std::io::Error },
    #[error("{0}")]
    ManifestJson(#[from] serde_json::Error),
}

/// One input file as the manifests list it: path relative to the input folder, size, SHA-256.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub rel: &'a str,
    pub size: u64,
    pub sha256: &'a str,
}

/// What a month's manifest records besides its inputs and outputs.
#[derive(Clone, Copy, Debug)]
pub struct Stamp<'a> {
    pub tool_version: &'a str,
    pub config_hash: &'a str,
    pub now: chrono::NaiveDateTime,
}

/// Temporary files an interrupted run left behind, in every folder we write to.
pub fn clean_leftovers(output: &Path) {
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

/// True when every listed month still has its manifest.
pub fn reports_present(output: &Path, months: &[String]) -> bool {
    months.iter().all(|m| Manifest::path(output, m).is_file())
}

/// Per month, the inputs listed on its report: the files with records in that month and the
/// files that belong to every month (skipped, no month known), each with its ledger rows.
pub fn month_inputs(
    ledger: &[LedgerRow],
    files: &[InputFile],
    months: &BTreeSet<YearMonth>,
) -> BTreeMap<YearMonth, Vec<ManifestInput>> {
    let by_path: BTreeMap<&str, &InputFile> = files.iter().map(|f| (f.rel, f)).collect();
    let mut out: BTreeMap<YearMonth, BTreeMap<String, ManifestInput>> = BTreeMap::new();
    for row in ledger {
        let targets: Vec<YearMonth> = match row.month {
            Some(m) => vec![m],
            None => months.iter().copied().collect(),
        };
        for m in targets {
            let input = by_path.get(row.file.as_str());
            let entry = out.entry(m).or_default().entry(row.file.clone()).or_insert_with(|| ManifestInput {
                path: row.file.clone(),
                size: input.map(|f| f.size).unwrap_or(0),
                sha256: input.map(|f| f.sha256.to_string()).unwrap_or_default(),
                sheets: Vec::new(),
            });
            entry.sheets.push(ManifestSheet::of(row));
        }
    }
    out.into_iter().map(|(m, v)| (m, v.into_values().collect())).collect()
}

/// True when month `m`'s report is missing or was made from other inputs (or by another
/// version or configuration).
pub fn month_changed(output: &Path, stamp: &Stamp, m: YearMonth, inputs: &[ManifestInput]) -> bool {
    let keys = input_keys(inputs);
    !Manifest::load(output, &m.to_string())
        .is_some_and(|man| man.same_inputs(stamp.tool_version, stamp.config_hash, &keys))
}

fn input_keys(inputs: &[ManifestInput]) -> Vec<(String, String)> {
    inputs.iter().map(|i| (i.path.clone(), i.sha256.clone())).collect()
}

/// The base name of a month's report files: `laporan-budaya-kerja-2026-11`.
pub fn report_base(m: YearMonth) -> String {
    format!("laporan-budaya-kerja-{m}")
}

/// Writes one month's files (name, bytes) under `output/YYYY-MM/`, then its manifest — last,
/// so that a month interrupted halfway has a stale manifest and is redone by the next run.
pub fn write_month(
    output: &Path,
    m: YearMonth,
    files: &[(String, Vec<u8>)],
    inputs: &[ManifestInput],
    stamp: &Stamp,
) -> Result<(), PublishError> {
    let dir = output.join(m.to_string());
    let mut outputs = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        write_atomic(&path, bytes).map_err(|source| {
            if is_in_use(&source) {
                PublishError::InUse { what: "laporan", path: path.clone() }
            } else {
                PublishError::Write { path: path.clone(), source }
            }
        })?;
        outputs.push(ManifestOutput {
            file: name.clone(),
            size: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        });
    }
    let manifest = Manifest {
        tool_version: stamp.tool_version.into(),
        config_hash: stamp.config_hash.into(),
        month: m.to_string(),
        generated_at: stamp.now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        inputs: inputs.to_vec(),
        outputs,
    };
    let bytes = serde_json::to_vec_pretty(&manifest)?;
    write_atomic(&Manifest::path(output, &m.to_string()), &bytes)
        .map_err(|source| PublishError::Manifest { month: m, source })
}

/// `output/data/kbk_kelompok.csv`, `kbk_pertemuan.csv` and `kbk_langkah.csv` (SPEC §11.3),
/// each replaced only when it changed (a header alone without KBK data); whether any was.
pub fn write_kbk_data(output: &Path, kbk: &KbkCsv) -> Result<bool, PublishError> {
    let dir = output.join("data");
    let mut wrote = false;
    for (name, write) in KbkCsv::FILES {
        let path = dir.join(name);
        wrote |= write_if_changed(&path, |w| write(kbk, w)).map_err(|source| tidy_error(&path, source))?;
    }
    Ok(wrote)
}

/// A data file that could not be written; open in a spreadsheet (Windows) is said so.
fn tidy_error(path: &Path, source: std::io::Error) -> PublishError {
    if is_in_use(&source) {
        PublishError::InUse { what: "berkas data", path: path.to_path_buf() }
    } else {
        PublishError::TidyData { name: file_name(path), source }
    }
}

/// A stale data file that could not be removed; open in a spreadsheet (Windows) is said so.
fn tidy_remove_error(path: &Path, source: std::io::Error) -> PublishError {
    if is_in_use(&source) {
        PublishError::InUse { what: "berkas data", path: path.to_path_buf() }
    } else {
        PublishError::TidyRemove { name: file_name(path), source }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
