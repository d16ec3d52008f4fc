//! The checks made before calamine opens a file, because calamine builds all sheets of an
//! `.xls` or `.ods` at once and aborts when an allocation fails: the declared sizes of zip
//! parts (`zipdir`), what `content.xml` will cost (`ods_scan`), what the BIFF records will cost.

use super::error::{CellsOf, WorkbookError};
use super::limits::{MAX_SHEETS, ReadLimits};
use super::sniff::Format;
use super::{inflate, ods_scan, xls_scan, zipdir};

/// Every part's declared uncompressed size (the zip crate stops reading a part that inflates
/// past it), the parts together, and for an `.ods` what its `content.xml` will cost.
pub(super) fn check_zip(
    bytes: &[u8],
    entries: &[zipdir::Entry],
    format: Format,
    limits: &ReadLimits,
) -> Result<(), WorkbookError> {
    let mut total = 0u64;
    for e in entries {
        if e.size > limits.zip_part_bytes {
            return Err(WorkbookError::PartTooLarge {
                part: e.name_lossy(),
                declared: e.size,
                limit: limits.zip_part_bytes,
            });
        }
        total = total.saturating_add(e.size);
    }
    if total > limits.zip_total_bytes() {
        return Err(WorkbookError::ContainerTooLarge { total, limit: limits.zip_total_bytes() });
    }
    if format == Format::Ods {
        check_ods(bytes, entries, limits)?;
    }
    Ok(())
}

/// calamine builds every sheet of an `.ods` when it opens it; `content.xml` says how big.
fn check_ods(bytes: &[u8], entries: &[zipdir::Entry], limits: &ReadLimits) -> Result<(), WorkbookError> {
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
                let _ = inflate::inflate_into(data, max, &mut |chunk| {
                    scanner.feed(chunk);
                    !over(&scanner)
                });
            }
            _ => continue, // calamine cannot inflate it either
        }
        let est = scanner.finish();
        let sheet_over = est
            .sheets
            .iter()
            .find(|(_, n)| *n > limits.cells_per_sheet)
            .map(|(name, n)| (CellsOf::Sheet(name.clone()), *n));
        let cells = est.dense_total().max(est.row_cells);
        judge(est.sheets.len(), sheet_over, cells, est.text_bytes, limits)?;
    }
    Ok(())
}

/// calamine builds every sheet of an `.xls` when it opens it, and follows the compound file's
/// sector chains without a cycle check: look first.
pub(super) fn check_xls(bytes: &[u8], limits: &ReadLimits) -> Result<(), WorkbookError> {
    let est = match xls_scan::scan(bytes) {
        xls_scan::Scan::Refused => return Ok(()),
        xls_scan::Scan::Damaged(reason) => return Err(WorkbookError::DamagedContainer { reason }),
        xls_scan::Scan::Fine(est) => est,
    };
    // The reservation a DIMENSIONS record asks for is met before any sheet's cells.
    let sheet_over = if est.reserved > limits.cells_per_sheet {
        Some((CellsOf::DeclaredDimensions, est.reserved))
    } else {
        est.sheets
            .iter()
            .enumerate()
            .find(|(_, n)| **n > limits.cells_per_sheet)
            .map(|(i, n)| (CellsOf::SheetNumber(i + 1), *n))
    };
    let cells = est.dense_total().max(est.cell_records);
    judge(est.sheets.len(), sheet_over, cells, est.text_bytes, limits)
}

/// What calamine would build for a workbook it reads whole, against the limits, in this order:
/// the sheets, the first sheet over the per-sheet limit, all cells together, all text.
fn judge(
    sheets: usize,
    sheet_over: Option<(CellsOf, u64)>,
    cells: u64,
    text: u64,
    limits: &ReadLimits,
) -> Result<(), WorkbookError> {
    if sheets > MAX_SHEETS {
        return Err(WorkbookError::TooManySheets { sheets });
    }
    if let Some((subject, cells)) = sheet_over {
        return Err(WorkbookError::TooManyCells { subject, cells, limit: limits.cells_per_sheet });
    }
    if cells > limits.cells_per_workbook() {
        return Err(WorkbookError::TooManyCells {
            subject: CellsOf::Workbook,
            cells,
            limit: limits.cells_per_workbook(),
        });
    }
    if text > limits.zip_part_bytes {
        return Err(WorkbookError::TooMuchText { bytes: text, limit: limits.zip_part_bytes });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::workbook::sniff::{Sniffed, sniff, zip_format};

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
                            inflate::inflate_into(content.data(&bytes).unwrap(), content.size, &mut |c| {
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
