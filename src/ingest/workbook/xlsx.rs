//! An xlsx workbook read through a [`Tap`] that remembers where calamine last sought, which
//! names the part of the sheet just streamed; its merged regions are then read from that raw
//! part (`merges`) instead of a second XML pass through calamine.

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::rc::Rc;

use calamine::{Dimensions, Reader, Xlsx};

use super::error::SheetError;
use super::limits::ReadLimits;
use super::stream::{CellSink, Streaming, pump};
use super::{merges, zipdir};

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
pub(super) struct TappedXlsx<'a> {
    wb: Xlsx<Tap<'a>>,
    seek: Rc<std::cell::Cell<u64>>,
    bytes: &'a [u8],
    entries: &'a [zipdir::Entry],
    limits: ReadLimits,
    /// The sheet streamed last and where its part's data begins.
    part: Option<(String, u64)>,
}

impl<'a> TappedXlsx<'a> {
    /// Opens the workbook (calamine reads its workbook part and relationships).
    pub(super) fn new(
        bytes: &'a [u8],
        entries: &'a [zipdir::Entry],
        limits: ReadLimits,
    ) -> Result<Self, calamine::XlsxError> {
        let seek = Rc::new(std::cell::Cell::new(u64::MAX));
        let tap = Tap { inner: Cursor::new(bytes), last_seek: Rc::clone(&seek) };
        let wb = Xlsx::new(tap)?;
        Ok(Self { wb, seek, bytes, entries, limits, part: None })
    }

    pub(super) fn sheet_count(&self) -> usize {
        self.wb.sheets_metadata().len()
    }

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

    fn stream(&mut self, name: &str, sink: &mut dyn CellSink) -> Result<(), SheetError> {
        self.part = None;
        self.seek.set(u64::MAX);
        let mut reader = self.wb.worksheet_cells_reader(name).map_err(|e| SheetError::unreadable(&e))?;
        self.part = Some((name.to_string(), self.seek.get()));
        pump(reader.dimensions(), || reader.next_cell(), sink)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::SheetType;

    use crate::ingest::workbook::grid::Cell;
    use crate::ingest::workbook::sniff::{Format, Sniffed, sniff, zip_format};

    /// Reads every cell and keeps none.
    struct Ignore;

    impl CellSink for Ignore {
        fn declared(&mut self, _: Dimensions) -> bool {
            true
        }

        fn cell(&mut self, _: u32, _: u32, _: Cell) -> bool {
            true
        }
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
                let mut book = TappedXlsx::new(&bytes, &entries, limits).unwrap();
                for m in book.sheets() {
                    if m.typ != SheetType::WorkSheet {
                        continue;
                    }
                    let expected = plain.merge_cells_by_sheet_name(&m.name).unwrap_or_default();
                    if book.stream(&m.name, &mut Ignore).is_err() {
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
}
