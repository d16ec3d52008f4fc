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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::ground::model::{Issue, Level, YearMonth};
use crate::ground::settings::Settings;
use crate::ingest::detect::{
    HeaderVocabulary, Layout, find_table, month_from_name, read_metadata, unit_from_file_name,
};
use crate::ingest::discover::Found;
use crate::ingest::layout::{SheetCtx, SheetOutput, assign_months};
use crate::ingest::workbook::SheetContent;

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
            name_month: month_from_name(file_name(&found.rel)),
        }
    }
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// Reads every file under `input` in parallel; results in path order.
pub fn read_all(input: &Path, settings: &Settings) -> std::io::Result<Vec<FileResult>> {
    let found: Vec<Found> = discover::walk(input)?.into_iter().filter(|f| f.listed).collect();
    Ok(read_files(&found, settings))
}

/// Reads the given files on all cores, keeping their order.
pub fn read_files(found: &[Found], settings: &Settings) -> Vec<FileResult> {
    read_files_with(found, settings, &|_| None, &|_, _, _| {}).into_iter().map(|(f, _)| f).collect()
}

/// Reads the given files on all cores, keeping their order. `cached(i)` may supply file
/// `i` already parsed; `done(i, file, parsed)` is called by the worker once per file done
/// (to save a fresh parse while the other workers go on). Returns each file and whether it
/// was parsed (rather than taken from the cache).
pub fn read_files_with(
    found: &[Found],
    settings: &Settings,
    cached: &(dyn Fn(usize) -> Option<FileResult> + Sync),
    done: &(dyn Fn(usize, &FileResult, bool) + Sync),
) -> Vec<(FileResult, bool)> {
    let vocab = HeaderVocabulary::new(settings);
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(found.len().max(1));
    let mut results: Vec<(usize, (FileResult, bool))> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(f) = found.get(i) else { break };
                        let result = match cached(i) {
                            Some(r) => (r, false),
                            None => (read_file_guarded(f, settings, &vocab), true),
                        };
                        done(i, &result.0, result.1);
                        mine.push((i, result));
                    }
                    mine
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// A panic while reading one file (a bug, or a library choking on hostile input) becomes a
/// skipped file, never a dead run.
fn read_file_guarded(found: &Found, settings: &Settings, vocab: &HeaderVocabulary) -> FileResult {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_file(found, settings, vocab))).unwrap_or_else(|_| {
        FileResult::skipped(
            found,
            "berkas tidak dapat diproses karena kesalahan internal; laporkan berkas ini kepada pengelola aplikasi".into(),
        )
    })
}

pub fn read_file(found: &Found, settings: &Settings, vocab: &HeaderVocabulary) -> FileResult {
    if let Some(why) = &found.skip {
        return FileResult::skipped(found, why.clone());
    }
    let meta = std::fs::metadata(&found.path).ok();
    let max = settings.config.batas.ukuran_bagian_zip;
    if let Some(len) = meta.as_ref().map(std::fs::Metadata::len).filter(|&len| len > max) {
        return FileResult::skipped(
            found,
            format!(
                "berkas sebesar {len} byte, lebih dari batas {max} byte ([batas] ukuran_bagian_zip); dilewati tanpa dibaca"
            ),
        );
    }
    let bytes = match std::fs::read(&found.path) {
        Ok(b) => b,
        Err(e) => return FileResult::skipped(found, format!("berkas tidak dapat dibaca: {e}")),
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
    let file_unit = unit_from_file_name(settings, name);
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
    let Some(table) = find_table(grid, vocab, &settings.codes) else {
        if is_instruction_sheet(sheet) {
            return (SheetStatus::Instructions, SheetOutput::default());
        }
        return (
            SheetStatus::Skipped(
                "tabel kehadiran atau penilaian tidak ditemukan: baris judul kolom (NIP/Nama, Tanggal, Status — \
                 atau NIP/Nama, Target, Realisasi, Nilai Perilaku) harus ada di 30 baris pertama"
                    .into(),
            ),
            SheetOutput::default(),
        );
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
    let mut output = match table.layout {
        Layout::AttendanceLong => layout::long::read(&ctx),
        Layout::AttendanceMatrix => layout::matrix::read(&ctx),
        Layout::Evaluation => layout::evaluation::read(&ctx),
        Layout::Roster => layout::roster::read(&ctx),
    };
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
    (SheetStatus::Read { layout: table.layout, unit, month: sheet_month }, output)
}
