//! Opening one file: decide its format from its first bytes, open it with calamine, and turn
//! each visible sheet into a `Grid` of plain cells. Everything calamine-specific stays here.
//! A file that cannot be read becomes a `Skip` with a reason in Bahasa Indonesia.
//!
//! Limits are checked before memory is spent (SPEC §10, SECURITY.md): the declared size of
//! every zip part (`zipdir`), what an `.ods` (`ods_scan`) or an `.xls` (`xls_scan`) will cost
//! calamine, which builds all their sheets when it opens them; xlsx and xlsb sheets are
//! streamed cell by cell and stop at the cell limit and at the text budget. Cells longer than
//! Excel's 32,767 characters are cut, with a note.
//!
//! An xlsx sheet's merged regions are read from the raw bytes of its part (`merges`), not by a
//! second XML pass through calamine; calamine is asked only when those bytes leave a doubt.

pub mod inflate;
pub mod merges;
pub mod ods_scan;
pub mod xls_scan;
pub mod zipdir;

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;

use calamine::{Data, Dimensions, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};
use chrono::NaiveDate;

/// What a file really is, judged by its content.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Xlsb => "xlsb",
            Self::Xls => "xls",
            Self::Ods => "ods",
        }
    }
}

/// One cell, reduced to what the value rules need.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date-formatted cell: the calendar date when it converts, and the raw serial.
    Date(Option<NaiveDate>, f64),
    Bool(bool),
    /// `#N/A`, `#DIV/0!`, …
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text for matching and messages (numbers without a trailing `.0`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(x) => format_number(*x),
            Cell::Date(Some(d), _) => d.format("%Y-%m-%d").to_string(),
            Cell::Date(None, x) => format_number(*x),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Cell::Error(e) => e.clone(),
        }
    }
}

pub fn format_number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 { format!("{}", x as i64) } else { format!("{x}") }
}

/// A sheet as a dense grid with its absolute origin, so `(origin + i, origin + j)` is the cell
/// reference of `rows[i][j]`.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub origin_row: u32,
    pub origin_col: u32,
    pub rows: Vec<Vec<Cell>>,
    /// Merged regions, absolute and inclusive: ((row, col), (row, col)).
    pub merged: Vec<((u32, u32), (u32, u32))>,
    /// The workbook counts dates from 1904 (old Mac Excel): plain serial numbers in date
    /// columns are converted accordingly.
    pub is_1904: bool,
}

impl Grid {
    pub fn height(&self) -> usize {
        self.rows.len()
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The cell at relative (row, col); `Empty` outside the grid.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }

    /// Absolute (row, col) of a relative position.
    pub fn abs(&self, row: usize, col: usize) -> (u32, u32) {
        (self.origin_row + row as u32, self.origin_col + col as u32)
    }

    pub fn row_is_empty(&self, row: usize) -> bool {
        self.rows.get(row).is_none_or(|r| r.iter().all(Cell::is_empty))
    }

    /// The merged region covering relative (row, col), as relative coordinates.
    pub fn merged_at(&self, row: usize, col: usize) -> Option<((usize, usize), (usize, usize))> {
        let (r, c) = self.abs(row, col);
        self.merged
            .iter()
            .find(|((r0, c0), (r1, c1))| (*r0..=*r1).contains(&r) && (*c0..=*c1).contains(&c))
            .map(|((r0, c0), (r1, c1))| {
                let rel = |a: u32, o: u32| a.saturating_sub(o) as usize;
                (
                    (rel(*r0, self.origin_row), rel(*c0, self.origin_col)),
                    (rel(*r1, self.origin_row), rel(*c1, self.origin_col)),
                )
            })
    }
}

/// One sheet of a workbook.
#[derive(Debug)]
pub enum SheetContent {
    Visible(Grid),
    /// Hidden or very hidden: listed, never read.
    Hidden,
    /// A chart or macro sheet, or one that could not be read or exceeds a limit.
    Unreadable(String),
}

#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    pub content: SheetContent,
    /// Warnings about single cells of a visible sheet (a text cut to the characters-per-cell
    /// limit), to be listed as `Peringatan` with their cell reference.
    pub notes: Vec<CellNote>,
}

/// A warning about one cell, found while reading the sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct CellNote {
    /// Absolute, 0-based.
    pub row: u32,
    pub col: u32,
    /// The start of the value, already quoted for a message.
    pub value: String,
    pub message: String,
}

/// A workbook that opened.
#[derive(Debug)]
pub struct Workbook {
    pub format: Format,
    /// Set when the extension says another format than the content (a warning).
    pub extension_mismatch: Option<String>,
    pub sheets: Vec<Sheet>,
}

/// All the limits of `[batas]` (SPEC §10).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ReadLimits {
    /// Cells per sheet, judged from the declared dimension and from the cells present.
    pub cells_per_sheet: u64,
    /// Uncompressed bytes of one part of a zip container; also the text one sheet may hold.
    pub zip_part_bytes: u64,
    /// Characters per cell; longer text is cut, with a note.
    pub chars_per_cell: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        Self::from_batas(&crate::ground::settings::Batas::default())
    }
}

impl ReadLimits {
    pub fn from_batas(b: &crate::ground::settings::Batas) -> Self {
        Self {
            cells_per_sheet: b.sel_per_lembar,
            zip_part_bytes: b.ukuran_bagian_zip,
            chars_per_cell: b.karakter_per_sel,
        }
    }

    /// Formats whose sheets calamine builds all at once when it opens the file (xls, ods) may
    /// hold this many cells in all: twice one sheet's limit.
    fn cells_per_workbook(&self) -> u64 {
        self.cells_per_sheet.saturating_mul(2)
    }

    /// All parts of a zip container together.
    fn zip_total_bytes(&self) -> u64 {
        self.zip_part_bytes.saturating_mul(4)
    }
}

impl From<&crate::ground::settings::Batas> for ReadLimits {
    fn from(b: &crate::ground::settings::Batas) -> Self {
        Self::from_batas(b)
    }
}

/// Sniff the content of a file.
pub enum Sniffed {
    Zip,
    Cfb,
    Html,
    Other(&'static str),
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Sniffed::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Sniffed::Cfb;
    }
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)])
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(200)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<html")
        || head.starts_with("<!doctype html")
        || head.starts_with("<table")
        || head.contains("<html")
    {
        return Sniffed::Html;
    }
    if head.starts_with("<?xml") {
        return if head.contains("urn:schemas-microsoft-com:office:spreadsheet")
            || head.contains("progid=\"excel.sheet\"")
        {
            Sniffed::Other("berkas Excel 2003 XML (SpreadsheetML)")
        } else {
            Sniffed::Other("berkas XML")
        };
    }
    if bytes.starts_with(b"%PDF") {
        return Sniffed::Other("berkas PDF");
    }
    if bytes.is_empty() {
        return Sniffed::Other("berkas kosong (0 byte)");
    }
    Sniffed::Other("bukan berkas spreadsheet")
}

/// Which zip-based format a zip container holds: from its parts' names when the directory
/// could be read, else from the bytes.
fn zip_format(bytes: &[u8], entries: &[zipdir::Entry]) -> Format {
    if !entries.is_empty() {
        let has = |n: &str| zipdir::named(entries, n).next().is_some();
        if has("mimetype") && has("content.xml") && !has("xl/workbook.xml") {
            return Format::Ods;
        }
        if has("xl/workbook.bin") {
            return Format::Xlsb;
        }
        if has("xl/workbook.xml") {
            return Format::Xlsx;
        }
    }
    // The ODF mimetype entry is stored first and uncompressed by convention.
    let head = &bytes[..bytes.len().min(200)];
    if head.windows(8).any(|w| w == b"mimetype")
        && bytes
            .windows(46)
            .take(400)
            .any(|w| w.starts_with(b"application/vnd.oasis.opendocument.spreadsheet"))
    {
        return Format::Ods;
    }
    if bytes.windows(15).any(|w| w == b"xl/workbook.bin") {
        return Format::Xlsb;
    }
    Format::Xlsx
}

/// Opens `path` (already read into `bytes`) as a workbook, or says why it is skipped.
/// `limits` is a [`ReadLimits`] (all of `[batas]`) or the older one-field [`Limits`].
pub fn open(path: &Path, bytes: Vec<u8>, limits: impl Into<ReadLimits>) -> Result<Workbook, String> {
    let limits: ReadLimits = limits.into();
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let mut entries = Vec::new();
    let format = match sniff(&bytes) {
        Sniffed::Zip => {
            entries = zipdir::entries(&bytes);
            let format = zip_format(&bytes, &entries);
            check_zip(&bytes, &entries, format, &limits)?;
            format
        }
        Sniffed::Cfb => Format::Xls,
        Sniffed::Html => {
            return Err("berkas ini adalah halaman HTML (ekspor aplikasi web) yang diberi nama .xls, bukan spreadsheet. \
                        Buka berkas di Excel atau LibreOffice, lalu simpan ulang sebagai .xlsx (File > Save As > Excel Workbook)."
                .into());
        }
        Sniffed::Other(what) => {
            return Err(format!("{what}; simpan ulang sebagai .xlsx dari Excel atau LibreOffice"));
        }
    };
    let expected = match ext.as_str() {
        "xlsx" | "xlsm" => Some(Format::Xlsx),
        "xls" => Some(Format::Xls),
        "xlsb" => Some(Format::Xlsb),
        "ods" => Some(Format::Ods),
        _ => None,
    };
    let extension_mismatch = match expected {
        Some(e) if e != format => Some(format!(
            "ekstensi berkas .{ext} tetapi isinya berformat {}; dibaca sebagai {}. Sebaiknya ganti nama berkas sesuai formatnya",
            format.label(),
            format.label()
        )),
        _ => None,
    };
    if format == Format::Xlsx {
        let seek = Rc::new(std::cell::Cell::new(u64::MAX));
        let tap = Tap { inner: Cursor::new(&bytes[..]), last_seek: Rc::clone(&seek) };
        let wb: Xlsx<_> = Xlsx::new(tap).map_err(|e| open_error(&e.to_string()))?;
        if wb.sheets_metadata().len() > MAX_SHEETS {
            return Err(too_many_sheets(wb.sheets_metadata().len()));
        }
        let mut book = TappedXlsx { wb, seek, bytes: &bytes, entries: &entries, limits, part: None };
        let sheets = read_streamed_sheets(&mut book, &limits);
        return Ok(Workbook { format, extension_mismatch, sheets });
    }
    let cursor = Cursor::new(bytes);
    let sheets = match format {
        Format::Xlsx => Vec::new(), // read above
        Format::Xls => {
            if is_encrypted_ooxml(cursor.get_ref()) {
                return Err(open_error("password"));
            }
            check_xls(cursor.get_ref(), &limits)?;
            let mut wb: Xls<_> = Xls::new(cursor).map_err(|e| open_error(&e.to_string()))?;
            let is_1904 = wb.has_1904_epoch();
            let names: Vec<String> = wb.sheet_names();
            let merged: Vec<(String, Vec<Dimensions>)> = names
                .iter()
                .map(|n| (n.clone(), wb.merge_cells_by_sheet_name(n).unwrap_or_default()))
                .collect();
            read_sheets(&mut wb, &limits, is_1904, |name| {
                merged.iter().find(|(s, _)| s == name).map(|(_, d)| d.clone()).unwrap_or_default()
            })
        }
        Format::Xlsb => {
            let mut wb: Xlsb<_> = Xlsb::new(cursor).map_err(|e| open_error(&e.to_string()))?;
            if wb.sheets_metadata().len() > MAX_SHEETS {
                return Err(too_many_sheets(wb.sheets_metadata().len()));
            }
            read_streamed_sheets(&mut wb, &limits)
        }
        Format::Ods => {
            let mut wb: Ods<_> = Ods::new(cursor).map_err(|e| open_error(&e.to_string()))?;
            read_sheets(&mut wb, &limits, false, |_| Vec::new())
        }
    };
    Ok(Workbook { format, extension_mismatch, sheets })
}

/// A workbook with more sheets than this is refused (Excel's own files rarely pass 255; each
/// sheet costs a row in the report and a pass over the file).
pub const MAX_SHEETS: usize = 10_000;

fn too_many_sheets(n: usize) -> String {
    format!(
        "buku kerja berisi {n} lembar, lebih dari {MAX_SHEETS}; berkas dilewati: pecah menjadi beberapa berkas"
    )
}

/// `1,5 GiB`, `300 MiB`, `12 KiB`, `80 byte`.
fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, f64); 3] = [("GiB", 1073741824.0), ("MiB", 1048576.0), ("KiB", 1024.0)];
    for (unit, size) in UNITS {
        if n as f64 >= size {
            let v = n as f64 / size;
            let text = if v >= 100.0 || v.fract() < 0.05 { format!("{v:.0}") } else { format!("{v:.1}") };
            return format!("{} {unit}", text.replace('.', ","));
        }
    }
    format!("{n} byte")
}

/// Every part's declared uncompressed size (the zip crate stops reading a part that inflates
/// past it), the parts together, and for an `.ods` what its `content.xml` will cost.
fn check_zip(
    bytes: &[u8],
    entries: &[zipdir::Entry],
    format: Format,
    limits: &ReadLimits,
) -> Result<(), String> {
    let mut total = 0u64;
    for e in entries {
        if e.size > limits.zip_part_bytes {
            let size =
                if e.size == u64::MAX { "ukuran tak tertulis".to_string() } else { human_bytes(e.size) };
            return Err(format!(
                "bagian \"{}\" di dalam berkas mengembang menjadi {size} saat dibuka, lebih dari batas {} per bagian \
                 ([batas] ukuran_bagian_zip); kemungkinan bom zip atau lembar dengan jutaan sel kosong berformat. \
                 Berkas dilewati: buka di Excel, hapus baris/kolom kosong di luar tabel, lalu simpan ulang",
                crate::ground::model::quote_value(&e.name_lossy()),
                human_bytes(limits.zip_part_bytes)
            ));
        }
        total = total.saturating_add(e.size);
    }
    if total > limits.zip_total_bytes() {
        return Err(format!(
            "isi berkas mengembang menjadi {} saat dibuka, lebih dari batas {} (empat kali [batas] ukuran_bagian_zip); \
             berkas dilewati: pecah menjadi beberapa berkas yang lebih kecil",
            human_bytes(total),
            human_bytes(limits.zip_total_bytes())
        ));
    }
    if format == Format::Ods {
        check_ods(bytes, entries, limits)?;
    }
    Ok(())
}

fn too_large_file(what: &str, cells: u64, limit: u64) -> String {
    format!(
        "{what} terlalu besar: {cells} sel, lebih dari batas {limit} sel ([batas] sel_per_lembar). Berkas .xls dan .ods \
         dibaca seluruhnya sekaligus, jadi seluruh berkas dilewati; hapus isi di luar tabel (misalnya sel terisi atau \
         berformat jauh di kanan atau bawah) atau pecah berkasnya, lalu kirim ulang"
    )
}

fn too_much_text(bytes: u64, limit: u64) -> String {
    format!(
        "teks di dalam lembar-lembarnya mencapai {} (dengan pengulangan), lebih dari batas {} ([batas] ukuran_bagian_zip); \
         berkas dilewati: hapus teks yang sangat panjang atau pecah berkasnya",
        human_bytes(bytes),
        human_bytes(limit)
    )
}

/// calamine builds every sheet of an `.ods` when it opens it; `content.xml` says how big.
fn check_ods(bytes: &[u8], entries: &[zipdir::Entry], limits: &ReadLimits) -> Result<(), String> {
    let over = |s: &ods_scan::Scanner| {
        s.exceeds(limits.cells_per_sheet, limits.cells_per_workbook(), limits.zip_part_bytes)
            || s.sheets_seen() > MAX_SHEETS
    };
    for e in zipdir::named(entries, "content.xml") {
        if e.flags & 1 != 0 {
            continue; // encrypted: calamine refuses it
        }
        let Some(data) = e.data(bytes) else { continue };
        let max = e.size.min(limits.zip_part_bytes);
        let mut scanner = ods_scan::Scanner::new();
        match e.method {
            0 => scanner.feed(&data[..data.len().min(usize::try_from(max).unwrap_or(usize::MAX))]),
            8 => {
                // Whatever inflates before an error is what calamine would read too.
                let _ = inflate::inflate(data, max, &mut |chunk| {
                    scanner.feed(chunk);
                    !over(&scanner)
                });
            }
            _ => continue, // calamine cannot inflate it either
        }
        let est = scanner.finish();
        if est.sheets.len() > MAX_SHEETS {
            return Err(too_many_sheets(est.sheets.len()));
        }
        if let Some((name, n)) = est.sheets.iter().find(|(_, n)| *n > limits.cells_per_sheet) {
            return Err(too_large_file(
                &format!("lembar \"{}\"", crate::ground::model::quote_value(name)),
                *n,
                limits.cells_per_sheet,
            ));
        }
        let cells = est.dense_total().max(est.row_cells);
        if cells > limits.cells_per_workbook() {
            return Err(too_large_file("buku kerja ini", cells, limits.cells_per_workbook()));
        }
        if est.text_bytes > limits.zip_part_bytes {
            return Err(too_much_text(est.text_bytes, limits.zip_part_bytes));
        }
    }
    Ok(())
}

/// calamine builds every sheet of an `.xls` when it opens it, and follows the compound file's
/// sector chains without a cycle check: look first.
fn check_xls(bytes: &[u8], limits: &ReadLimits) -> Result<(), String> {
    let est = match xls_scan::scan(bytes) {
        xls_scan::Scan::Refused => return Ok(()),
        xls_scan::Scan::Damaged(why) => {
            return Err(format!(
                "berkas rusak sehingga tidak dapat dibuka ({why}); minta unit mengirim ulang berkasnya"
            ));
        }
        xls_scan::Scan::Fine(est) => est,
    };
    if est.sheets.len() > MAX_SHEETS {
        return Err(too_many_sheets(est.sheets.len()));
    }
    if est.reserved > limits.cells_per_sheet {
        return Err(too_large_file(
            "ukuran lembar yang tertulis di berkas (catatan DIMENSIONS)",
            est.reserved,
            limits.cells_per_sheet,
        ));
    }
    if let Some((i, n)) = est.sheets.iter().enumerate().find(|(_, n)| **n > limits.cells_per_sheet) {
        return Err(too_large_file(&format!("lembar ke-{}", i + 1), *n, limits.cells_per_sheet));
    }
    let cells = est.dense_total().max(est.cell_records);
    if cells > limits.cells_per_workbook() {
        return Err(too_large_file("buku kerja ini", cells, limits.cells_per_workbook()));
    }
    if est.text_bytes > limits.zip_part_bytes {
        return Err(too_much_text(est.text_bytes, limits.zip_part_bytes));
    }
    Ok(())
}

fn open_error(e: &str) -> String {
    let lower = e.to_ascii_lowercase();
    if lower.contains("password") || lower.contains("encrypt") {
        "buku kerja dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca; buka di Excel, \
         hapus kata sandinya (File > Info > Protect Workbook), lalu simpan ulang"
            .into()
    } else {
        format!(
            "berkas rusak atau tidak lengkap sehingga tidak dapat dibuka ({}); minta unit mengirim ulang berkasnya",
            crate::ground::model::quote_value(e)
        )
    }
}

fn read_sheets<RS, R>(
    wb: &mut R,
    limits: &ReadLimits,
    is_1904: bool,
    merged_for: impl Fn(&str) -> Vec<Dimensions>,
) -> Vec<Sheet>
where
    RS: Read + Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let meta: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut out = Vec::new();
    for m in meta {
        let mut notes = Vec::new();
        let content = if m.visible != SheetVisible::Visible {
            SheetContent::Hidden
        } else if m.typ != SheetType::WorkSheet {
            SheetContent::Unreadable("lembar grafik atau makro, bukan tabel".into())
        } else {
            match wb.worksheet_range(&m.name) {
                Ok(range) => to_grid(&range, merged_for(&m.name), limits, is_1904, &mut notes),
                Err(e) => SheetContent::Unreadable(format!(
                    "lembar tidak dapat dibaca ({})",
                    crate::ground::model::quote_value(&e.to_string())
                )),
            }
        };
        out.push(Sheet { name: m.name, content, notes });
    }
    out
}

fn to_grid(
    range: &calamine::Range<Data>,
    merged: Vec<Dimensions>,
    limits: &ReadLimits,
    is_1904: bool,
    notes: &mut Vec<CellNote>,
) -> SheetContent {
    let (h, w) = range.get_size();
    if (h as u64).saturating_mul(w as u64) > limits.cells_per_sheet {
        return too_large(h as u64, w as u64, limits.cells_per_sheet);
    }
    let merged = match merged_regions(merged) {
        Ok(m) => m,
        Err(too_many) => return too_many,
    };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, d)| cut_text(convert(d), r0 + i as u32, c0 + j as u32, limits, notes))
                .collect()
        })
        .collect();
    SheetContent::Visible(Grid { origin_row: r0, origin_col: c0, rows, merged, is_1904 })
}

/// A sheet may have at most this many merged regions (each cell lookup scans them).
const MAX_MERGED: usize = 100_000;

/// Absolute, inclusive: ((row, col), (row, col)).
type Region = ((u32, u32), (u32, u32));

fn merged_regions(merged: Vec<Dimensions>) -> Result<Vec<Region>, SheetContent> {
    if merged.len() > MAX_MERGED {
        return Err(SheetContent::Unreadable(format!(
            "lembar berisi {} sel gabungan (merge), lebih dari {MAX_MERGED}; hapus penggabungan sel di luar judul tabel",
            merged.len()
        )));
    }
    Ok(merged.into_iter().map(|d| (d.start, d.end)).collect())
}

/// Text longer than the characters-per-cell limit (Excel's own 32,767) is cut, with a note.
fn cut_text(cell: Cell, row: u32, col: u32, limits: &ReadLimits, notes: &mut Vec<CellNote>) -> Cell {
    let max = usize::try_from(limits.chars_per_cell).unwrap_or(usize::MAX);
    match cell {
        Cell::Text(mut s) if s.len() > max => {
            let Some((cut_at, _)) = s.char_indices().nth(max) else { return Cell::Text(s) };
            let chars = s.chars().count();
            notes.push(CellNote {
                row,
                col,
                value: crate::ground::model::quote_value(&s),
                message: format!(
                    "teks sel ini {chars} karakter, lebih dari batas {max} karakter per sel ([batas] karakter_per_sel, \
                     batas Excel sendiri); hanya {max} karakter pertama yang dibaca"
                ),
            });
            s.truncate(cut_at);
            Cell::Text(s)
        }
        other => other,
    }
}

fn too_large(rows: u64, cols: u64, limit: u64) -> SheetContent {
    SheetContent::Unreadable(format!(
        "lembar terlalu besar ({rows} baris × {cols} kolom, batas {limit} sel); hapus isi di luar tabel \
         (misalnya sel terisi jauh di kanan atau bawah) atau pecah berkasnya"
    ))
}

fn too_much_sheet_text(limit: u64) -> SheetContent {
    SheetContent::Unreadable(format!(
        "teks di lembar ini lebih dari {} ([batas] ukuran_bagian_zip); hapus teks yang sangat panjang atau pecah berkasnya",
        human_bytes(limit)
    ))
}

/// A reader that streams a sheet cell by cell (xlsx and xlsb).
trait Streaming {
    fn is_1904(&self) -> bool;
    fn sheets(&self) -> Vec<calamine::Sheet>;
    /// The merged regions of the sheet `stream` read last.
    fn merged(&mut self, name: &str) -> Vec<Dimensions>;
    /// Calls `each` for every cell of the sheet until it returns `false`; the sheet's declared
    /// dimension first.
    fn stream(
        &mut self,
        name: &str,
        declared: &mut dyn FnMut(Dimensions) -> bool,
        each: &mut dyn FnMut(u32, u32, Cell) -> bool,
    ) -> Result<(), String>;
}

/// The file's bytes as calamine reads them, remembering where it was last sent: after
/// calamine opens a part, that is where the part's data begins (the zip crate seeks there
/// last), which names the part without resolving the workbook's relationships again.
struct Tap<'a> {
    inner: Cursor<&'a [u8]>,
    last_seek: Rc<std::cell::Cell<u64>>,
}

impl Read for Tap<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf)
    }
}

impl Seek for Tap<'_> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        let at = self.inner.seek(pos)?;
        self.last_seek.set(at);
        Ok(at)
    }
}

/// An xlsx workbook with what finding a sheet's merged regions without calamine needs.
struct TappedXlsx<'a> {
    wb: Xlsx<Tap<'a>>,
    seek: Rc<std::cell::Cell<u64>>,
    bytes: &'a [u8],
    entries: &'a [zipdir::Entry],
    limits: ReadLimits,
    /// The sheet streamed last and where its part's data begins.
    part: Option<(String, u64)>,
}

impl TappedXlsx<'_> {
    /// The merged regions from the raw part; `None` when calamine must be asked.
    fn merged_from_part(&self, name: &str) -> Option<Vec<Dimensions>> {
        let (streamed, at) = self.part.as_ref()?;
        if streamed != name {
            return None;
        }
        let at = usize::try_from(*at).ok()?;
        let mut found = self.entries.iter().filter(|e| e.data_start(self.bytes) == Some(at));
        let e = found.next()?;
        // Overlapping directories that disagree about this part: let calamine read it.
        if found.any(|o| {
            (o.method, o.compressed_size, o.size, o.flags) != (e.method, e.compressed_size, e.size, e.flags)
        }) || e.flags & 1 != 0
        {
            return None;
        }
        // `check_zip` refused any part declared larger than the limit.
        merges::scan_part(e.data(self.bytes)?, e.method, e.size, self.limits.zip_part_bytes)
    }
}

impl Streaming for TappedXlsx<'_> {
    fn is_1904(&self) -> bool {
        self.wb.has_1904_epoch()
    }

    fn sheets(&self) -> Vec<calamine::Sheet> {
        self.wb.sheets_metadata().to_vec()
    }

    fn merged(&mut self, name: &str) -> Vec<Dimensions> {
        match self.merged_from_part(name) {
            Some(merged) => merged,
            None => self.wb.merge_cells_by_sheet_name(name).unwrap_or_default(),
        }
    }

    fn stream(
        &mut self,
        name: &str,
        declared: &mut dyn FnMut(Dimensions) -> bool,
        each: &mut dyn FnMut(u32, u32, Cell) -> bool,
    ) -> Result<(), String> {
        self.part = None;
        self.seek.set(u64::MAX);
        let mut reader = self.wb.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
        self.part = Some((name.to_string(), self.seek.get()));
        if !declared(reader.dimensions()) {
            return Ok(());
        }
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let (r, c) = cell.get_position();
            if !each(r, c, convert_ref(cell.get_value())) {
                break;
            }
        }
        Ok(())
    }
}

impl<RS: Read + Seek> Streaming for Xlsb<RS> {
    fn is_1904(&self) -> bool {
        self.has_1904_epoch()
    }

    fn sheets(&self) -> Vec<calamine::Sheet> {
        self.sheets_metadata().to_vec()
    }

    fn merged(&mut self, _name: &str) -> Vec<Dimensions> {
        Vec::new()
    }

    fn stream(
        &mut self,
        name: &str,
        declared: &mut dyn FnMut(Dimensions) -> bool,
        each: &mut dyn FnMut(u32, u32, Cell) -> bool,
    ) -> Result<(), String> {
        let mut reader = self.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
        if !declared(reader.dimensions()) {
            return Ok(());
        }
        while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
            let (r, c) = cell.get_position();
            if !each(r, c, convert_ref(cell.get_value())) {
                break;
            }
        }
        Ok(())
    }
}

/// xlsx and xlsb sheets are streamed cell by cell, so the cell limit is checked against the
/// declared dimension and against the cells actually present, and the text against the
/// budget, *before* a dense grid is allocated (calamine's own dense range aborts the process
/// when the allocation fails).
fn read_streamed_sheets<W: Streaming>(wb: &mut W, limits: &ReadLimits) -> Vec<Sheet> {
    let is_1904 = wb.is_1904();
    let meta: Vec<calamine::Sheet> = wb.sheets();
    let mut out = Vec::new();
    for m in meta {
        let mut notes = Vec::new();
        let content = if m.visible != SheetVisible::Visible {
            SheetContent::Hidden
        } else if m.typ != SheetType::WorkSheet {
            SheetContent::Unreadable("lembar grafik atau makro, bukan tabel".into())
        } else {
            match stream_sheet(wb, &m.name, limits, &mut notes) {
                // Merged regions only for a sheet that was read (finding them reads the XML again).
                Ok(Ok((origin, rows))) => match merged_regions(wb.merged(&m.name)) {
                    Ok(merged) => SheetContent::Visible(Grid {
                        origin_row: origin.0,
                        origin_col: origin.1,
                        rows,
                        merged,
                        is_1904,
                    }),
                    Err(too_many) => too_many,
                },
                Ok(Err(too_big)) => {
                    notes.clear();
                    too_big
                }
                Err(e) => {
                    notes.clear();
                    SheetContent::Unreadable(format!(
                        "lembar tidak dapat dibaca ({})",
                        crate::ground::model::quote_value(&e)
                    ))
                }
            }
        };
        out.push(Sheet { name: m.name, content, notes });
    }
    out
}

type Streamed = Result<((u32, u32), Vec<Vec<Cell>>), SheetContent>;

/// The size of an Excel sheet; a cell beyond it (an xlsb record can claim any column) is damage.
const EXCEL_ROWS: u32 = 1_048_576;
const EXCEL_COLUMNS: u32 = 16_384;

fn stream_sheet<W: Streaming>(
    wb: &mut W,
    name: &str,
    limits: &ReadLimits,
    notes: &mut Vec<CellNote>,
) -> Result<Streamed, String> {
    let limit = limits.cells_per_sheet;
    let mut stop: Option<SheetContent> = None;
    let mut declared_stop: Option<SheetContent> = None;
    // The grid is filled as the cells come (row by row, left to right in a sound file): rows
    // relative to `r0`, columns to `c0`, each row as long as its last cell so far; a cell above
    // or left of all before it shifts what is there (rare: only in hand-made files).
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut count = 0u64;
    let (mut r0, mut c0, mut r1, mut c1) = (u32::MAX, u32::MAX, 0u32, 0u32);
    let mut text = 0u64;
    wb.stream(
        name,
        &mut |d| {
            let declared = (
                u64::from(d.end.0.saturating_sub(d.start.0)) + 1,
                u64::from(d.end.1.saturating_sub(d.start.1)) + 1,
            );
            if declared.0.saturating_mul(declared.1) > limit && d.end != (0, 0) {
                declared_stop = Some(too_large(declared.0, declared.1, limit));
                return false;
            }
            true
        },
        &mut |r, c, value| {
            if value == Cell::Empty {
                return true;
            }
            if r >= EXCEL_ROWS || c >= EXCEL_COLUMNS {
                stop = Some(SheetContent::Unreadable(format!(
                    "lembar tidak dapat dibaca: ada sel di luar batas lembar Excel (baris {}, kolom {}; paling banyak \
                     {EXCEL_ROWS} baris × {EXCEL_COLUMNS} kolom); berkas rusak, minta unit mengirim ulang",
                    u64::from(r) + 1,
                    u64::from(c) + 1
                )));
                return false;
            }
            let value = cut_text(value, r, c, limits, notes);
            if let Cell::Text(s) = &value {
                text = text.saturating_add(s.len() as u64);
                if text > limits.zip_part_bytes {
                    stop = Some(too_much_sheet_text(limits.zip_part_bytes));
                    return false;
                }
            }
            let (old_r0, old_c0) = (r0, c0);
            (r0, c0, r1, c1) = (r0.min(r), c0.min(c), r1.max(r), c1.max(c));
            count += 1;
            let area = (u64::from(r1 - r0) + 1).saturating_mul(u64::from(c1 - c0) + 1);
            if count > limit || area > limit {
                stop = Some(too_large(u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1, limit));
                return false;
            }
            if count > 1 && r0 < old_r0 {
                rows.splice(0..0, std::iter::repeat_with(Vec::new).take((old_r0 - r0) as usize));
            }
            if count > 1 && c0 < old_c0 {
                let shift = (old_c0 - c0) as usize;
                for row in rows.iter_mut().filter(|row| !row.is_empty()) {
                    row.splice(0..0, std::iter::repeat_n(Cell::Empty, shift));
                }
            }
            let (i, j) = ((r - r0) as usize, (c - c0) as usize);
            if rows.len() <= i {
                rows.resize_with(i + 1, Vec::new);
            }
            let row = &mut rows[i];
            if row.len() <= j {
                if row.is_empty() {
                    row.reserve((c1 - c0 + 1) as usize);
                }
                row.resize(j, Cell::Empty);
                row.push(value);
            } else {
                row[j] = value;
            }
            true
        },
    )?;
    if let Some(too_big) = declared_stop.or(stop) {
        return Ok(Err(too_big));
    }
    if count == 0 {
        return Ok(Ok(((0, 0), Vec::new())));
    }
    let width = (c1 - c0 + 1) as usize;
    for row in &mut rows {
        row.resize(width, Cell::Empty);
    }
    Ok(Ok(((r0, c0), rows)))
}

fn convert_ref(d: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match d {
        // One allocation per text cell (an empty text is an empty cell, as in `convert`).
        DataRef::SharedString(s) => text(s),
        DataRef::String(s) => text(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(x) => number(*x),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => convert(&Data::DateTime(*dt)),
        DataRef::DateTimeIso(s) => convert(&Data::DateTimeIso(s.clone())),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
        DataRef::Empty => Cell::Empty,
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() { Cell::Empty } else { Cell::Text(s.to_owned()) }
}

/// An encrypted Office Open XML workbook is a CFB container with an `EncryptedPackage`
/// stream (its name is stored in UTF-16LE).
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// A number cell; `NaN` and infinities (a hand-made file can hold them) become their text, so
/// the value rules reject them like any other text that is no number.
fn number(x: f64) -> Cell {
    if x.is_finite() { Cell::Number(x) } else { Cell::Text(format!("{x}")) }
}

fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => {
            if s.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Float(x) => number(*x),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let serial = dt.as_f64();
            // chrono panics on a duration out of its range: only plausible serials (about
            // ±8,000 years) are converted; the rest are dates that do not exist.
            let date = if serial.is_finite() && serial.abs() < 3.0e6 {
                dt.as_datetime().map(|t| t.date())
            } else {
                None
            };
            if serial.is_finite() { Cell::Date(date, serial) } else { Cell::Text(format!("{serial}")) }
        }
        Data::DateTimeIso(s) => {
            let date = NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok();
            Cell::Date(date, f64::NAN)
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_content() {
        assert!(matches!(sniff(b"PK\x03\x04rest"), Sniffed::Zip));
        assert!(matches!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Sniffed::Cfb));
        assert!(matches!(
            sniff(b"\r\n<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"),
            Sniffed::Html
        ));
        assert!(matches!(sniff(b""), Sniffed::Other(_)));
        assert!(matches!(sniff(b"NIP,Nama\n1,2"), Sniffed::Other(_)));
    }

    /// Every xlsx the project has: the merged regions read from the raw sheet part are
    /// calamine's, and found without asking calamine.
    #[test]
    fn merged_regions_match_calamine() {
        let dirs = [concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"), "/work/shared/examples"];
        let (mut sheets, mut with_merges) = (0, 0);
        for dir in dirs {
            let Ok(list) = std::fs::read_dir(dir) else { continue };
            for e in list.flatten() {
                let path = e.path();
                let Ok(bytes) = std::fs::read(&path) else { continue };
                let entries = zipdir::entries(&bytes);
                if !matches!(sniff(&bytes), Sniffed::Zip) || zip_format(&bytes, &entries) != Format::Xlsx {
                    continue;
                }
                let limits = ReadLimits::default();
                let Ok(mut plain) = Xlsx::new(Cursor::new(bytes.clone())) else { continue };
                let seek = Rc::new(std::cell::Cell::new(u64::MAX));
                let tap = Tap { inner: Cursor::new(&bytes[..]), last_seek: Rc::clone(&seek) };
                let wb: Xlsx<_> = Xlsx::new(tap).unwrap();
                let mut book = TappedXlsx { wb, seek, bytes: &bytes, entries: &entries, limits, part: None };
                for m in book.sheets() {
                    if m.typ != SheetType::WorkSheet {
                        continue;
                    }
                    let expected = plain.merge_cells_by_sheet_name(&m.name).unwrap_or_default();
                    if book.stream(&m.name, &mut |_| true, &mut |_, _, _| true).is_err() {
                        continue;
                    }
                    let fast = book.merged_from_part(&m.name);
                    assert_eq!(fast.as_ref(), Some(&expected), "{} {}", path.display(), m.name);
                    sheets += 1;
                    with_merges += usize::from(!expected.is_empty());
                }
            }
        }
        assert!(sheets >= 10 && with_merges >= 3, "{sheets} {with_merges}");
    }

    /// The guards pass every real workbook the project has, with estimates near their size.
    #[test]
    fn guards_pass_real_workbooks() {
        let dirs = [concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures"), "/work/shared/examples"];
        let mut seen = 0;
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for e in entries.flatten() {
                let path = e.path();
                if !path.is_file() {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let limits = ReadLimits::default();
                match sniff(&bytes) {
                    Sniffed::Zip => {
                        let entries = zipdir::entries(&bytes);
                        if path.to_string_lossy().contains("truncated") {
                            continue;
                        }
                        assert!(!entries.is_empty(), "{}", path.display());
                        let format = zip_format(&bytes, &entries);
                        check_zip(&bytes, &entries, format, &limits).unwrap();
                        if format == Format::Ods {
                            let content = zipdir::named(&entries, "content.xml").next().unwrap();
                            let mut sc = ods_scan::Scanner::new();
                            inflate::inflate(content.data(&bytes).unwrap(), content.size, &mut |c| {
                                sc.feed(c);
                                true
                            })
                            .unwrap();
                            let est = sc.finish();
                            assert!(
                                !est.sheets.is_empty() && est.dense_total() < 10_000,
                                "{}: {est:?}",
                                path.display()
                            );
                        }
                        seen += 1;
                    }
                    Sniffed::Cfb => {
                        match xls_scan::scan(&bytes) {
                            xls_scan::Scan::Fine(est) => {
                                assert!(
                                    est.dense_total() > 0 && est.dense_total() < 10_000,
                                    "{}: {est:?}",
                                    path.display()
                                );
                                assert!(est.text_bytes < 200_000, "{}: {est:?}", path.display());
                            }
                            other => assert!(
                                path.to_string_lossy().contains("encrypted"),
                                "{}: {other:?}",
                                path.display()
                            ),
                        }
                        seen += 1;
                    }
                    _ => {}
                }
            }
        }
        assert!(seen >= 10, "{seen}");
    }
}
