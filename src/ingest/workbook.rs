//! Opening one file: decide its format from its first bytes, open it with calamine, and turn
//! each visible sheet into a `Grid` of plain cells. Everything calamine-specific stays here.
//! A file that cannot be read becomes a `Skip` with a reason in Bahasa Indonesia.

use std::io::{Cursor, Read, Seek};
use std::path::Path;

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
}

/// A workbook that opened.
#[derive(Debug)]
pub struct Workbook {
    pub format: Format,
    /// Set when the extension says another format than the content (a warning).
    pub extension_mismatch: Option<String>,
    pub sheets: Vec<Sheet>,
}

/// Limits checked before memory is spent (SPEC §10).
#[derive(Copy, Clone, Debug)]
pub struct Limits {
    pub cells_per_sheet: u64,
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

/// Which zip-based format a zip container holds.
fn zip_format(bytes: &[u8]) -> Format {
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
pub fn open(path: &Path, bytes: Vec<u8>, limits: Limits) -> Result<Workbook, String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let format = match sniff(&bytes) {
        Sniffed::Zip => zip_format(&bytes),
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
    let cursor = Cursor::new(bytes);
    let sheets = match format {
        Format::Xlsx => {
            let mut wb: Xlsx<_> = Xlsx::new(cursor).map_err(|e| open_error(&e.to_string()))?;
            read_xlsx_sheets(&mut wb, limits)
        }
        Format::Xls => {
            if is_encrypted_ooxml(cursor.get_ref()) {
                return Err(open_error("password"));
            }
            let mut wb: Xls<_> = Xls::new(cursor).map_err(|e| open_error(&e.to_string()))?;
            let is_1904 = wb.has_1904_epoch();
            let names: Vec<String> = wb.sheet_names();
            let merged: Vec<(String, Vec<Dimensions>)> = names
                .iter()
                .map(|n| (n.clone(), wb.merge_cells_by_sheet_name(n).unwrap_or_default()))
                .collect();
            read_sheets(&mut wb, limits, is_1904, |name| {
                merged.iter().find(|(s, _)| s == name).map(|(_, d)| d.clone()).unwrap_or_default()
            })
        }
        Format::Xlsb => {
            let mut wb: Xlsb<_> = Xlsb::new(cursor).map_err(|e| open_error(&e.to_string()))?;
            let is_1904 = wb.has_1904_epoch();
            read_sheets(&mut wb, limits, is_1904, |_| Vec::new())
        }
        Format::Ods => {
            let mut wb: Ods<_> = Ods::new(cursor).map_err(|e| open_error(&e.to_string()))?;
            read_sheets(&mut wb, limits, false, |_| Vec::new())
        }
    };
    Ok(Workbook { format, extension_mismatch, sheets })
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
            crate::model::quote_value(e)
        )
    }
}

fn read_sheets<RS, R>(
    wb: &mut R,
    limits: Limits,
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
        let content = if m.visible != SheetVisible::Visible {
            SheetContent::Hidden
        } else if m.typ != SheetType::WorkSheet {
            SheetContent::Unreadable("lembar grafik atau makro, bukan tabel".into())
        } else {
            match wb.worksheet_range(&m.name) {
                Ok(range) => to_grid(&range, merged_for(&m.name), limits, is_1904),
                Err(e) => SheetContent::Unreadable(format!(
                    "lembar tidak dapat dibaca ({})",
                    crate::model::quote_value(&e.to_string())
                )),
            }
        };
        out.push(Sheet { name: m.name, content });
    }
    out
}

fn to_grid(
    range: &calamine::Range<Data>,
    merged: Vec<Dimensions>,
    limits: Limits,
    is_1904: bool,
) -> SheetContent {
    let (h, w) = range.get_size();
    if (h as u64).saturating_mul(w as u64) > limits.cells_per_sheet {
        return SheetContent::Unreadable(format!(
            "lembar terlalu besar ({h} baris × {w} kolom, batas {} sel); hapus baris/kolom kosong di luar tabel atau pecah berkasnya",
            limits.cells_per_sheet
        ));
    }
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let rows = range.rows().map(|row| row.iter().map(convert).collect()).collect();
    SheetContent::Visible(Grid {
        origin_row: r0,
        origin_col: c0,
        rows,
        merged: merged.into_iter().map(|d| (d.start, d.end)).collect(),
        is_1904,
    })
}

fn too_large(rows: u64, cols: u64, limit: u64) -> SheetContent {
    SheetContent::Unreadable(format!(
        "lembar terlalu besar ({rows} baris × {cols} kolom, batas {limit} sel); hapus isi di luar tabel \
         (misalnya sel terisi jauh di kanan atau bawah) atau pecah berkasnya"
    ))
}

/// xlsx sheets are streamed cell by cell, so the cell limit is checked against the declared
/// dimension and against the cells actually present *before* a dense grid is allocated
/// (calamine's own dense range aborts the process when the allocation fails).
fn read_xlsx_sheets<RS: Read + Seek>(wb: &mut Xlsx<RS>, limits: Limits) -> Vec<Sheet> {
    let is_1904 = wb.has_1904_epoch();
    let meta: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut out = Vec::new();
    for m in meta {
        let content = if m.visible != SheetVisible::Visible {
            SheetContent::Hidden
        } else if m.typ != SheetType::WorkSheet {
            SheetContent::Unreadable("lembar grafik atau makro, bukan tabel".into())
        } else {
            let merged = wb.merge_cells_by_sheet_name(&m.name).unwrap_or_default();
            match stream_xlsx_sheet(wb, &m.name, limits) {
                Ok(Ok((origin, rows))) => SheetContent::Visible(Grid {
                    origin_row: origin.0,
                    origin_col: origin.1,
                    rows,
                    merged: merged.into_iter().map(|d| (d.start, d.end)).collect(),
                    is_1904,
                }),
                Ok(Err(too_big)) => too_big,
                Err(e) => SheetContent::Unreadable(format!(
                    "lembar tidak dapat dibaca ({})",
                    crate::model::quote_value(&e.to_string())
                )),
            }
        };
        out.push(Sheet { name: m.name, content });
    }
    out
}

type Streamed = Result<((u32, u32), Vec<Vec<Cell>>), SheetContent>;

fn stream_xlsx_sheet<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    name: &str,
    limits: Limits,
) -> Result<Streamed, calamine::XlsxError> {
    let limit = limits.cells_per_sheet;
    let mut reader = wb.worksheet_cells_reader(name)?;
    let d = reader.dimensions();
    let declared =
        (u64::from(d.end.0.saturating_sub(d.start.0)) + 1, u64::from(d.end.1.saturating_sub(d.start.1)) + 1);
    if declared.0.saturating_mul(declared.1) > limit && d.end != (0, 0) {
        return Ok(Err(too_large(declared.0, declared.1, limit)));
    }
    let mut cells: Vec<(u32, u32, Cell)> = Vec::new();
    let (mut r0, mut c0, mut r1, mut c1) = (u32::MAX, u32::MAX, 0u32, 0u32);
    while let Some(cell) = reader.next_cell()? {
        let (r, c) = cell.get_position();
        let value = convert_ref(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        (r0, c0, r1, c1) = (r0.min(r), c0.min(c), r1.max(r), c1.max(c));
        cells.push((r, c, value));
        let area = (u64::from(r1 - r0) + 1).saturating_mul(u64::from(c1 - c0) + 1);
        if cells.len() as u64 > limit || area > limit {
            return Ok(Err(too_large(u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1, limit)));
        }
    }
    if cells.is_empty() {
        return Ok(Ok(((0, 0), Vec::new())));
    }
    let width = (c1 - c0 + 1) as usize;
    let mut rows = vec![vec![Cell::Empty; width]; (r1 - r0 + 1) as usize];
    for (r, c, v) in cells {
        rows[(r - r0) as usize][(c - c0) as usize] = v;
    }
    Ok(Ok(((r0, c0), rows)))
}

fn convert_ref(d: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match d {
        DataRef::SharedString(s) => convert(&Data::String((*s).to_string())),
        DataRef::String(s) => convert(&Data::String(s.clone())),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(x) => Cell::Number(*x),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => convert(&Data::DateTime(*dt)),
        DataRef::DateTimeIso(s) => convert(&Data::DateTimeIso(s.clone())),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
        DataRef::Empty => Cell::Empty,
    }
}

/// An encrypted Office Open XML workbook is a CFB container with an `EncryptedPackage`
/// stream (its name is stored in UTF-16LE).
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
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
        Data::Float(x) => Cell::Number(*x),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let date = dt.as_datetime().map(|t| t.date());
            Cell::Date(date, dt.as_f64())
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
}
