//! Reading the submissions (SPEC §3): walk the input folder, open each workbook, find the
//! table in each sheet and normalise every row into records and issues. A bad file never
//! stops the others: whatever goes wrong becomes a skipped file with a reason.

pub mod cache;
pub mod detect;
pub mod discover;
pub mod layout;
pub mod values;
pub mod workbook;

use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::ground::model::{Issue, Level, YearMonth};
use crate::ground::settings::Settings;
use crate::ingest::detect::{
    HeaderVocabulary, Layout, find_table, month_from_name, read_metadata, unit_from_file_name,
};
use crate::ingest::discover::Found;
use crate::ingest::layout::{SheetCtx, SheetOutput, assign_months};
use crate::ingest::workbook::SheetContent;

/// Why an input file is skipped once found (the workbook's own reasons come from
/// `workbook::open`; those before opening from `discover::SkipReason`).
#[derive(Debug, thiserror::Error)]
pub enum FileSkip {
    #[error(
        "berkas sebesar {len} byte, lebih dari batas {max} byte ([batas] ukuran_bagian_zip); dilewati tanpa dibaca"
    )]
    TooLarge { len: u64, max: u64 },
    #[error("berkas tidak dapat dibaca: {0}")]
    Unreadable(std::io::Error),
    /// A panic while reading (a bug, or a library choking on hostile input).
    #[error(
        "berkas tidak dapat diproses karena kesalahan internal; laporkan berkas ini kepada pengelola aplikasi"
    )]
    Internal,
}

/// Why a visible sheet with content is skipped.
#[derive(Debug, thiserror::Error)]
pub enum SheetSkip {
    #[error(
        "tabel kehadiran, penilaian atau KBK tidak ditemukan: baris judul kolom (NIP/Nama, Tanggal, Status — \
         atau NIP/Nama, Target, Realisasi, Nilai Perilaku — atau Nama Kelompok dengan Nomor SK, Peran, Tanggal \
         pertemuan, Langkah, atau Nilai) harus ada di 30 baris pertama"
    )]
    NoTable,
}

/// What happened to one sheet.
#[derive(Debug, Serialize, Deserialize)]
pub enum SheetStatus {
    /// A table was found and read.
    Read { layout: Layout, unit: Option<String>, month: Option<YearMonth> },
    /// Completely empty (the `Sheet2`, `Sheet3` old Excel adds): 0 records, no problem.
    Empty,
    /// Hidden sheets are ignored and listed (no problem).
    Hidden,
    /// A `Petunjuk` (instructions) sheet such as the templates carry: listed, no problem.
    Instructions,
    /// A visible sheet that could not be used, with the reason.
    Skipped(String),
}

#[derive(Debug, Serialize, Deserialize)]
pub struct SheetResult {
    pub name: String,
    pub status: SheetStatus,
    pub output: SheetOutput,
}

/// One input file, read.
#[derive(Debug, Serialize, Deserialize)]
pub struct FileResult {
    pub rel: String,
    pub size: u64,
    pub modified: Option<SystemTime>,
    /// Why the whole file was skipped, if it was.
    pub skip: Option<String>,
    /// A skip that is no problem (an Excel owner file, a hidden file).
    #[serde(default)]
    pub skip_harmless: bool,
    pub format: Option<String>,
    pub sheets: Vec<SheetResult>,
    /// Problems about the file as a whole (a lying extension).
    pub issues: Vec<Issue>,
    /// The month its name gives, to place a skipped file on the right report.
    pub name_month: Option<YearMonth>,
}

impl FileResult {
    fn skipped(found: &Found, why: String) -> Self {
        Self {
            rel: found.rel.clone(),
            size: 0,
            modified: None,
            skip: Some(why),
            skip_harmless: found.harmless,
            format: None,
            sheets: Vec::new(),
            issues: Vec::new(),
            name_month: month_from_name(file_name(&found.rel)).or_else(|| folder_month(&found.rel)),
        }
    }
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// The folders between the input folder and the file, deepest first.
fn folders(rel: &str) -> impl Iterator<Item = &str> {
    let mut parts: Vec<&str> = rel.split('/').collect();
    parts.pop();
    parts.into_iter().rev().filter(|p| !p.is_empty())
}

/// The unit a sub-folder is named after (its code, name or an alias; SPEC §3.2), the
/// deepest such folder first: `input/Puskesmas Kranggan/…`, `input/DLH/2026-11/…`.
fn folder_unit(settings: &Settings, rel: &str) -> Option<String> {
    folders(rel).find_map(|f| settings.unit_by_text(f).map(|u| u.kode.clone()))
}

/// The month a sub-folder is named after (`November 2026`, `2026-11`), the deepest first.
fn folder_month(rel: &str) -> Option<YearMonth> {
    folders(rel).find_map(|f| values::parse_month_text(f).or_else(|| month_from_name(f)))
}

/// Reads every file under `input` in parallel; results in path order.
pub fn read_all(input: &Path, settings: &Settings) -> std::io::Result<Vec<FileResult>> {
    let found: Vec<Found> = discover::walk(input)?.into_iter().filter(|f| f.listed).collect();
    Ok(read_files(&found, settings))
}

/// Reads the given files on all cores, keeping their order.
pub fn read_files(found: &[Found], settings: &Settings) -> Vec<FileResult> {
    read_files_with(found, settings, &|_| None, &|_, f, _| f)
}

/// Reads the given files on all cores, keeping their order. `cached(i)` may supply file
/// `i` already parsed; `done(i, file, parsed)` is called by the worker once per file done,
/// with whether it was parsed (rather than taken from the cache), and makes what is kept (to
/// save a fresh parse, or keep only what is needed, while the other workers go on).
pub fn read_files_with<T: Send>(
    found: &[Found],
    settings: &Settings,
    cached: &(dyn Fn(usize) -> Option<FileResult> + Sync),
    done: &(dyn Fn(usize, FileResult, bool) -> T + Sync),
) -> Vec<T> {
    let vocab = HeaderVocabulary::new(settings);
    // One file per task (`with_max_len(1)`): files differ a hundredfold in size, so a worker
    // takes the next file when it is free rather than a fixed batch. At most one file per
    // worker is being parsed at a time; the indexed collect puts the results in path order.
    on_own_pool(found.len(), || {
        found
            .par_iter()
            .enumerate()
            .with_max_len(1)
            .map(|(i, f)| match cached(i) {
                Some(r) => done(i, r, false),
                None => done(i, read_file_guarded(f, settings, &vocab), true),
            })
            .collect()
    })
}

/// Runs `work` on a rayon pool of its own, a thread per core (no more than `tasks`), which
/// ends with it. Not the global pool, whose threads would outlive the reading: with them the
/// report's peak memory was ~10 % higher on a 318-file sample (their allocator arenas keep
/// what the parses freed away from the threads that compute the figures); with a pool that
/// ends, as with the scoped threads before, the peak is as it was.
fn on_own_pool<T: Send>(tasks: usize, work: impl FnOnce() -> T + Send) -> T {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(tasks.max(1));
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(work),
        // No thread could be started: the global pool (or this thread) does the work.
        Err(_) => work(),
    }
}

/// A panic while reading one file (a bug, or a library choking on hostile input) becomes a
/// skipped file, never a dead run.
fn read_file_guarded(found: &Found, settings: &Settings, vocab: &HeaderVocabulary) -> FileResult {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_file(found, settings, vocab)))
        .unwrap_or_else(|_| FileResult::skipped(found, FileSkip::Internal.to_string()))
}

pub fn read_file(found: &Found, settings: &Settings, vocab: &HeaderVocabulary) -> FileResult {
    if let Some(why) = &found.skip {
        return FileResult::skipped(found, why.clone());
    }
    let meta = std::fs::metadata(&found.path).ok();
    let max = settings.config.batas.ukuran_bagian_zip;
    if let Some(len) = meta.as_ref().map(std::fs::Metadata::len).filter(|&len| len > max) {
        return FileResult::skipped(found, FileSkip::TooLarge { len, max }.to_string());
    }
    let bytes = match std::fs::read(&found.path) {
        Ok(b) => b,
        Err(e) => return FileResult::skipped(found, FileSkip::Unreadable(e).to_string()),
    };
    let size = bytes.len() as u64;
    let limits = workbook::ReadLimits::from_batas(&settings.config.batas);
    let mut result = FileResult::skipped(found, String::new());
    result.size = size;
    result.modified = meta.and_then(|m| m.modified().ok());
    let wb = match workbook::open(&found.path, bytes, limits) {
        Ok(wb) => wb,
        Err(why) => {
            result.skip = Some(why.to_string());
            return result;
        }
    };
    result.skip = None;
    result.format = Some(wb.format.label().to_string());
    let name = file_name(&found.rel);
    // The file name wins over the folder (SPEC §3.2: column > metadata > file name > folder).
    let file_unit = unit_from_file_name(settings, name).or_else(|| folder_unit(settings, &found.rel));
    if let Some(msg) = &wb.extension_mismatch {
        result.issues.push(Issue {
            file: found.rel.clone(),
            sheet: String::new(),
            cell: String::new(),
            value: String::new(),
            message: msg.clone(),
            level: Level::Peringatan,
            month: result.name_month,
        });
    }
    let file: Arc<str> = Arc::from(found.rel.as_str());
    for sheet in wb.sheets {
        let (status, mut output) = match sheet.content {
            SheetContent::Hidden => (SheetStatus::Hidden, SheetOutput::default()),
            SheetContent::Unreadable(why) => (SheetStatus::Skipped(why), SheetOutput::default()),
            SheetContent::Visible(grid) => read_sheet(
                settings,
                vocab,
                &file,
                &sheet.name,
                &grid,
                file_unit.as_deref(),
                result.name_month,
            ),
        };
        let month = match &status {
            SheetStatus::Read { month, .. } => *month,
            _ => result.name_month,
        };
        output.issues.extend(sheet.notes.iter().map(|n| Issue {
            file: found.rel.clone(),
            sheet: sheet.name.clone(),
            cell: crate::ground::model::cell_ref(n.row, n.col),
            value: n.value.clone(),
            message: n.message.clone(),
            level: Level::Peringatan,
            month,
        }));
        result.sheets.push(SheetResult { name: sheet.name, status, output });
    }
    result
}

/// One problem of a cell that rejects many records (a unit name in the metadata, a NIP in a
/// matrix row) is listed once, saying how many records it rejected; the ledger still counts
/// every record.
fn merge_repeated(issues: Vec<Issue>) -> Vec<Issue> {
    let mut out: Vec<(Issue, usize)> = Vec::new();
    let mut index: std::collections::HashMap<(String, String, Level, Option<YearMonth>), usize> =
        std::collections::HashMap::new();
    for i in issues {
        let key = (i.cell.clone(), i.message.clone(), i.level, i.month);
        match index.get(&key) {
            Some(&at) => out[at].1 += 1,
            None => {
                index.insert(key, out.len());
                out.push((i, 1));
            }
        }
    }
    out.into_iter()
        .map(|(mut i, n)| {
            if n > 1 && i.level == Level::Tolak {
                i.message = format!("{} ({n} catatan ditolak karena ini)", i.message);
            }
            i
        })
        .collect()
}

/// Sheets that explain how to fill in a workbook (the templates' `Petunjuk`) hold no data.
fn is_instruction_sheet(name: &str) -> bool {
    let k = crate::ground::text::norm_key(name);
    k.starts_with("petunjuk") || k == "caramengisi" || k == "panduan"
}

fn read_sheet(
    settings: &Settings,
    vocab: &HeaderVocabulary,
    file: &Arc<str>,
    sheet: &str,
    grid: &workbook::Grid,
    file_unit: Option<&str>,
    file_month: Option<YearMonth>,
) -> (SheetStatus, SheetOutput) {
    if (0..grid.height()).all(|r| grid.row_is_empty(r)) {
        return (SheetStatus::Empty, SheetOutput::default());
    }
    let Some((layout, table)) = find_table(grid, vocab, &settings.codes) else {
        if is_instruction_sheet(sheet) {
            return (SheetStatus::Instructions, SheetOutput::default());
        }
        return (SheetStatus::Skipped(SheetSkip::NoTable.to_string()), SheetOutput::default());
    };
    let meta = read_metadata(grid, table.header_row);
    let sheet_unit = match &meta.unit {
        Some((text, cell)) => {
            Some(settings.unit_by_text(text).map(|u| u.kode.clone()).ok_or_else(|| (text.clone(), *cell)))
        }
        None => file_unit.map(|k| Ok(k.to_string())),
    };
    let sheet_month = meta.month.or(file_month);
    let ctx = SheetCtx {
        settings,
        file: file.clone(),
        sheet: Arc::from(sheet),
        grid,
        table: &table,
        meta: &meta,
        sheet_unit: sheet_unit.clone(),
        sheet_month,
        persons: Default::default(),
        units: Default::default(),
        last_person: Default::default(),
    };
    let mut output = layout.read(&ctx);
    if let Some((text, (r, c))) = &meta.bad_month {
        output.issues.push(ctx.issue(
            *r,
            *c,
            text,
            "bulan pada baris keterangan tidak dikenali; tulis seperti \"Bulan : November 2026\"".into(),
            Level::Peringatan,
            None,
        ));
    }
    output.issues = merge_repeated(std::mem::take(&mut output.issues));
    assign_months(&mut output, sheet_month);
    let unit = match sheet_unit {
        Some(Ok(k)) => Some(k),
        _ => None,
    };
    (SheetStatus::Read { layout, unit, month: sheet_month }, output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::discover::SkipReason;

    /// Sub-folders give the unit and month (SPEC §3.2), the deepest folder first; the file
    /// itself is no folder.
    #[test]
    fn folders_name_the_unit_and_the_month() {
        let settings = Settings::embedded().unwrap();
        let ym = |y, m| YearMonth::new(y, m);
        let cases: &[(&str, Option<&str>, Option<YearMonth>)] = &[
            ("DISHUB/2026-11/absen.xlsx", Some("DISHUB"), ym(2026, 11)),
            ("DISHUB/November 2026/absen.xlsx", Some("DISHUB"), ym(2026, 11)),
            ("Arsip/DISHUB/Nopember 2026/absen.xlsx", Some("DISHUB"), ym(2026, 11)),
            ("2026-10/Rekap/absen.xlsx", None, ym(2026, 10)),
            ("absen DISHUB 2026-11.xlsx", None, None),
            ("Lain-lain/absen.xlsx", None, None),
        ];
        for (rel, unit, month) in cases {
            assert_eq!(folder_unit(&settings, rel).as_deref(), *unit, "{rel}");
            assert_eq!(folder_month(rel), *month, "{rel}");
        }
    }

    /// The skip reasons are what the Berkas sheet and `check` print: their wording is kept.
    #[test]
    fn skip_reasons_read_as_before() {
        let cases: &[(String, &str)] = &[
            (
                FileSkip::TooLarge { len: 10, max: 5 }.to_string(),
                "berkas sebesar 10 byte, lebih dari batas 5 byte ([batas] ukuran_bagian_zip); dilewati tanpa dibaca",
            ),
            (
                FileSkip::Unreadable(std::io::Error::other("rusak")).to_string(),
                "berkas tidak dapat dibaca: rusak",
            ),
            (
                FileSkip::Internal.to_string(),
                "berkas tidak dapat diproses karena kesalahan internal; laporkan berkas ini kepada pengelola aplikasi",
            ),
            (
                SheetSkip::NoTable.to_string(),
                "tabel kehadiran, penilaian atau KBK tidak ditemukan: baris judul kolom (NIP/Nama, Tanggal, Status — \
                 atau NIP/Nama, Target, Realisasi, Nilai Perilaku — atau Nama Kelompok dengan Nomor SK, Peran, \
                 Tanggal pertemuan, Langkah, atau Nilai) harus ada di 30 baris pertama",
            ),
            (SkipReason::Hidden.to_string(), "berkas tersembunyi; dilewati"),
            (
                SkipReason::OtherExtension { ext: "zip".into() }.to_string(),
                "jenis berkas .zip bukan spreadsheet; yang dibaca: .xlsx, .xlsm, .xls, .xlsb, .ods",
            ),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}
