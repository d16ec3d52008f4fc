//! Opening one file: decide its format from its first bytes, open it with calamine, and turn
//! each visible sheet into a `Grid` of plain cells. Everything calamine-specific stays in this
//! module; a file that cannot be read is a [`WorkbookError`] whose message, in Bahasa
//! Indonesia, is the reason the report gives.
//!
//! The parts, by job: `sniff` (what the bytes are), `limits` and `guards` (the limits of
//! `[batas]`, checked before calamine spends memory: `zipdir`, `ods_scan` with the bounded
//! `inflate`, `xls_scan`), `eager` (xls and ods, whose sheets calamine builds all at once),
//! `stream` and `xlsx` (xlsx and xlsb, streamed cell by cell; an xlsx sheet's merged regions come
//! from its raw part, `merges`), `convert` (calamine's values to [`Cell`]s), `grid` (the types),
//! `error` (why a file or a sheet is not read: [`WorkbookError`], [`SheetError`]).

pub mod inflate;
pub mod merges;
pub mod ods_scan;
pub mod xls_scan;
pub mod zipdir;

mod convert;
mod eager;
mod error;
mod grid;
mod guards;
mod limits;
mod sniff;
mod stream;
mod xlsx;

use std::io::Cursor;
use std::path::Path;

use calamine::{Dimensions, Ods, Reader, Xls, Xlsb};

pub use error::{CellsOf, SheetError, WorkbookError};
pub use grid::{Cell, CellNote, Grid, Sheet, SheetContent, format_number};
pub use limits::{EXCEL_COLUMNS, EXCEL_ROWS, MAX_MERGED, MAX_SHEETS, ReadLimits};
pub use sniff::{Format, Sniffed, sniff};

use eager::read_sheets;
use guards::{check_xls, check_zip};
use sniff::{is_encrypted_ooxml, zip_format};
use stream::read_streamed_sheets;
use xlsx::TappedXlsx;

/// A workbook that opened.
#[derive(Debug)]
pub struct Workbook {
    pub format: Format,
    /// Set when the extension says another format than the content (a warning).
    pub extension_mismatch: Option<String>,
    pub sheets: Vec<Sheet>,
}

/// Opens `path` (already read into `bytes`) as a workbook, or says why it is skipped.
/// `limits` is a [`ReadLimits`] (all of `[batas]`) or the `[batas]` table itself.
pub fn open(path: &Path, bytes: Vec<u8>, limits: impl Into<ReadLimits>) -> Result<Workbook, WorkbookError> {
    let limits: ReadLimits = limits.into();
    let mut entries = Vec::new();
    let format = match sniff(&bytes) {
        Sniffed::Zip => {
            entries = zipdir::entries(&bytes);
            let format = zip_format(&bytes, &entries);
            check_zip(&bytes, &entries, format, &limits)?;
            format
        }
        Sniffed::Cfb => Format::Xls,
        Sniffed::Html => return Err(WorkbookError::Html),
        Sniffed::Other(what) => return Err(WorkbookError::NotASpreadsheet { what }),
    };
    let extension_mismatch = extension_mismatch(path, format);
    let sheets = match format {
        Format::Xlsx => open_xlsx(&bytes, &entries, limits)?,
        Format::Xls => open_xls(bytes, &limits)?,
        Format::Xlsb => open_xlsb(bytes, &limits)?,
        Format::Ods => open_ods(bytes, &limits)?,
    };
    Ok(Workbook { format, extension_mismatch, sheets })
}

/// The warning when the file's extension names another format than its content.
fn extension_mismatch(path: &Path, format: Format) -> Option<String> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let expected = match ext.as_str() {
        "xlsx" | "xlsm" => Some(Format::Xlsx),
        "xls" => Some(Format::Xls),
        "xlsb" => Some(Format::Xlsb),
        "ods" => Some(Format::Ods),
        _ => None,
    };
    match expected {
        Some(e) if e != format => Some(format!(
            "ekstensi berkas .{ext} tetapi isinya berformat {}; dibaca sebagai {}. Sebaiknya ganti nama berkas sesuai formatnya",
            format.label(),
            format.label()
        )),
        _ => None,
    }
}

fn open_xlsx(
    bytes: &[u8],
    entries: &[zipdir::Entry],
    limits: ReadLimits,
) -> Result<Vec<Sheet>, WorkbookError> {
    let mut book = TappedXlsx::new(bytes, entries, limits).map_err(|e| WorkbookError::opening(&e))?;
    if book.sheet_count() > MAX_SHEETS {
        return Err(WorkbookError::TooManySheets { sheets: book.sheet_count() });
    }
    Ok(read_streamed_sheets(&mut book, &limits))
}

fn open_xls(bytes: Vec<u8>, limits: &ReadLimits) -> Result<Vec<Sheet>, WorkbookError> {
    if is_encrypted_ooxml(&bytes) {
        return Err(WorkbookError::Encrypted);
    }
    check_xls(&bytes, limits)?;
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| WorkbookError::opening(&e))?;
    let is_1904 = wb.has_1904_epoch();
    let names: Vec<String> = wb.sheet_names();
    let merged: Vec<(String, Vec<Dimensions>)> =
        names.iter().map(|n| (n.clone(), wb.merge_cells_by_sheet_name(n).unwrap_or_default())).collect();
    Ok(read_sheets(&mut wb, limits, is_1904, |name| {
        merged.iter().find(|(s, _)| s == name).map(|(_, d)| d.clone()).unwrap_or_default()
    }))
}

fn open_xlsb(bytes: Vec<u8>, limits: &ReadLimits) -> Result<Vec<Sheet>, WorkbookError> {
    let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| WorkbookError::opening(&e))?;
    if wb.sheets_metadata().len() > MAX_SHEETS {
        return Err(WorkbookError::TooManySheets { sheets: wb.sheets_metadata().len() });
    }
    Ok(read_streamed_sheets(&mut wb, limits))
}

fn open_ods(bytes: Vec<u8>, limits: &ReadLimits) -> Result<Vec<Sheet>, WorkbookError> {
    let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| WorkbookError::opening(&e))?;
    Ok(read_sheets(&mut wb, limits, false, |_| Vec::new()))
}
