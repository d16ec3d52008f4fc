//! The floor of the benchmark (issue 8, SPEC §9): what merely *reading the spreadsheets*
//! costs. Every workbook under a folder is opened with calamine and every cell of every
//! worksheet is visited, on all cores — nothing else: no header detection, no values, no
//! records, no cache, no reports. `budaya-kerja report` on the same folder can then be
//! compared with this number (`bench/run.sh` prints the ratio).
//!
//! It reads the input the way the product does (`src/ingest/mod.rs`, `src/ingest/workbook.rs`),
//! so the comparison is fair:
//! - the files are those the product lists (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`,
//!   recursively, skipping hidden files and Excel owner files `~$…`), in path order;
//! - one worker thread per core takes the next file from a shared atomic index;
//! - each file is read into memory and its format judged from its first bytes (zip → xlsx,
//!   xlsb or ods; CFB → xls); HTML and other content is counted as an error and not read;
//! - xlsx sheets are streamed with `Xlsx::worksheet_cells_reader` (the product's reader);
//!   xls, xlsb and ods sheets are loaded with `worksheet_range` and every cell iterated.
//!
//! "Visiting" a cell means reading its position and value (a string's length, a number's
//! bits) into a checksum, so the work cannot be optimised away; it copies nothing.
//!
//! ```text
//! cargo run --release --example floor -- DIR [--threads N]
//! ```
//!
//! Prints one line: `floor: files=… sheets=… cells=… errors=… threads=… seconds=… checksum=…`
//! (cells counts the non-empty ones; seconds is the wall time from the directory walk to the
//! last file, excluding process start-up).

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use calamine::{Data, DataRef, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};

/// What one worker counted.
#[derive(Default)]
struct Tally {
    files: u64,
    sheets: u64,
    cells: u64,
    errors: u64,
    checksum: u64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.files += other.files;
        self.sheets += other.sheets;
        self.cells += other.cells;
        self.errors += other.errors;
        self.checksum = self.checksum.wrapping_add(other.checksum);
    }

    fn visit(&mut self, (row, col): (u32, u32), weight: u64) {
        self.cells += 1;
        self.checksum = self.checksum.wrapping_add(u64::from(row) * 31 + u64::from(col)).wrapping_add(weight);
    }
}

fn main() {
    let mut dir = None;
    let mut threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => match args.next().and_then(|n| n.parse::<usize>().ok()) {
                Some(n) if n > 0 => threads = n,
                _ => usage("--threads needs a positive number"),
            },
            "-h" | "--help" => usage(""),
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            _ => usage("one folder only"),
        }
    }
    let Some(dir) = dir else { usage("the input folder is missing") };

    let started = Instant::now();
    let mut files = Vec::new();
    if let Err(e) = walk(&dir, &mut files) {
        eprintln!("floor: cannot read {}: {e}", dir.display());
        std::process::exit(1);
    }
    files.sort();
    let threads = threads.min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let mut total = Tally::default();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Tally::default();
                    while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        mine.files += 1;
                        if let Err(e) = read_file(path, &mut mine) {
                            mine.errors += 1;
                            eprintln!("floor: {}: {e}", path.display());
                        }
                    }
                    mine
                })
            })
            .collect();
        for w in workers {
            match w.join() {
                Ok(mine) => total.add(&mine),
                Err(_) => {
                    eprintln!("floor: a worker thread panicked");
                    std::process::exit(1);
                }
            }
        }
    });
    println!(
        "floor: files={} sheets={} cells={} errors={} threads={threads} seconds={:.3} checksum={}",
        total.files,
        total.sheets,
        total.cells,
        total.errors,
        started.elapsed().as_secs_f64(),
        total.checksum
    );
}

fn usage(why: &str) -> ! {
    if !why.is_empty() {
        eprintln!("floor: {why}");
    }
    eprintln!("usage: floor DIR [--threads N]");
    std::process::exit(2);
}

/// The spreadsheet files under `dir`, like `src/ingest/discover.rs` lists them (without its
/// symlink and loop handling: the benchmark input has neither).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), out)?;
        } else if kind.is_file() {
            let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
            if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
                out.push(entry.path());
            }
        }
    }
    Ok(())
}

type BoxError = Box<dyn std::error::Error>;

fn read_file(path: &Path, tally: &mut Tally) -> Result<(), BoxError> {
    let bytes = std::fs::read(path)?;
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let head = &bytes[..bytes.len().min(200)];
        let is_ods = head.windows(8).any(|w| w == b"mimetype")
            && bytes
                .windows(46)
                .take(400)
                .any(|w| w.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"));
        if is_ods {
            return visit_ranges(&mut Ods::new(Cursor::new(bytes))?, tally);
        }
        if bytes.windows(15).any(|w| w == b"xl/workbook.bin") {
            return visit_ranges(&mut Xlsb::new(Cursor::new(bytes))?, tally);
        }
        return visit_xlsx(&mut Xlsx::new(Cursor::new(bytes))?, tally);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return visit_ranges(&mut Xls::new(Cursor::new(bytes))?, tally);
    }
    Err("not a spreadsheet (judged by its first bytes)".into())
}

fn worksheet_names<RS, R>(wb: &R) -> Vec<String>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
{
    wb.sheets_metadata().iter().filter(|m| m.typ == SheetType::WorkSheet).map(|m| m.name.clone()).collect()
}

/// xlsx: streamed cell by cell, as the product reads it.
fn visit_xlsx(wb: &mut Xlsx<Cursor<Vec<u8>>>, tally: &mut Tally) -> Result<(), BoxError> {
    for name in worksheet_names(wb) {
        tally.sheets += 1;
        let mut cells = wb.worksheet_cells_reader(&name)?;
        while let Some(cell) = cells.next_cell()? {
            let weight = match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::SharedString(s) => s.len() as u64,
                DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len() as u64,
                DataRef::Float(x) => x.to_bits(),
                DataRef::Int(i) => *i as u64,
                DataRef::Bool(b) => u64::from(*b),
                DataRef::DateTime(d) => d.as_f64().to_bits(),
                DataRef::Error(_) => 1,
            };
            tally.visit(cell.get_position(), weight);
        }
    }
    Ok(())
}

/// xls, xlsb, ods: the whole sheet as a range, then every cell.
fn visit_ranges<R>(wb: &mut R, tally: &mut Tally) -> Result<(), BoxError>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::error::Error + 'static,
{
    for name in worksheet_names(wb) {
        tally.sheets += 1;
        let range = wb.worksheet_range(&name)?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, value) in range.used_cells() {
            let weight = match value {
                Data::Empty => continue,
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len() as u64,
                Data::Float(x) => x.to_bits(),
                Data::Int(i) => *i as u64,
                Data::Bool(b) => u64::from(*b),
                Data::DateTime(d) => d.as_f64().to_bits(),
                Data::Error(_) => 1,
            };
            tally.visit((r0 + r as u32, c0 + c as u32), weight);
        }
    }
    Ok(())
}
