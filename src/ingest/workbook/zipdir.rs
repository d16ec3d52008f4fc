//! The central directory of a zip container (xlsx, xlsm, xlsb, ods), read without inflating
//! anything, so the declared uncompressed size of every part can be checked before calamine
//! opens the file (SPEC §10, `[batas] ukuran_bagian_zip`).
//!
//! The zip crate that calamine uses reads a part through a reader that fails as soon as more
//! bytes come out than the central directory declares, so a declared size within the limit also
//! bounds the bytes actually inflated. To leave no room for a second, different directory,
//! every end-of-central-directory record in the last 64 KiB is read (the zip crate may fall
//! back from one to an earlier one), each both at its stated offset and at the offset implied by
//! its position (data prepended to the archive), and the entries of all of them are checked.
//! Anything that cannot be read here is left to calamine, which then fails on it the same way.

/// One entry of a central directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name, cut to [`NAME_KEPT`] bytes (every part looked up here is shorter).
    pub name: Vec<u8>,
    /// Declared uncompressed size; `u64::MAX` when a zip64 size is announced but missing.
    pub size: u64,
    pub compressed_size: u64,
    /// 0 stored, 8 deflate, …
    pub method: u16,
    pub flags: u16,
    /// Absolute offset of the local file header in the buffer.
    pub local_header: u64,
}

impl Entry {
    pub fn name_lossy(&self) -> String {
        String::from_utf8_lossy(&self.name).into_owned()
    }

    /// The entry's data, as stored (compressed), when the local header is sound.
    pub fn data<'a>(&self, bytes: &'a [u8]) -> Option<&'a [u8]> {
        let start = self.data_start(bytes)?;
        let len = usize::try_from(self.compressed_size).ok()?;
        bytes.get(start..start.checked_add(len)?)
    }

    /// Where the entry's data begins (after its local header), when the local header is sound:
    /// the offset the zip crate seeks to before reading the part.
    pub fn data_start(&self, bytes: &[u8]) -> Option<usize> {
        let at = usize::try_from(self.local_header).ok()?;
        let header = bytes.get(at..at.checked_add(30)?)?;
        if header[..4] != *b"PK\x03\x04" {
            return None;
        }
        let name_len = usize::from(u16::from_le_bytes([header[26], header[27]]));
        let extra_len = usize::from(u16::from_le_bytes([header[28], header[29]]));
        at.checked_add(30)?.checked_add(name_len)?.checked_add(extra_len)
    }
}

const EOCD: &[u8; 4] = b"PK\x05\x06";
const EOCD64_LOCATOR: &[u8; 4] = b"PK\x06\x07";
const EOCD64: &[u8; 4] = b"PK\x06\x06";
const CDFH: &[u8; 4] = b"PK\x01\x02";
/// At most this many entries are read, over all directories: a real workbook has a few dozen
/// parts; a container with this many is refused (`check_zip`). Names are kept cut, so memory
/// stays small even when many stray directories overlap.
pub const MAX_ENTRIES: usize = 100_000;
pub const NAME_KEPT: usize = 255;

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// Every entry of every central directory found, in file order. Empty when
/// no directory could be read.
pub fn entries(bytes: &[u8]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut seen_dirs: Vec<u64> = Vec::new();
    let lowest = bytes.len().saturating_sub(22 + 65_535);
    let mut end = bytes.len();
    while end >= lowest + 4 {
        let Some(pos) = rfind(&bytes[lowest..end], EOCD).map(|p| p + lowest) else { break };
        end = pos + 3;
        for (dir_start, shift) in directories_at(bytes, pos) {
            if seen_dirs.contains(&dir_start) {
                continue;
            }
            seen_dirs.push(dir_start);
            read_directory(bytes, dir_start, shift, &mut out);
            if out.len() >= MAX_ENTRIES {
                return out;
            }
        }
    }
    out
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Where the central directory that an EOCD at `pos` points to may start, with the shift to
/// add to the local header offsets: as stated, and moved by the bytes prepended to the
/// archive (a self-extractor, a mail header: the directory then ends where the EOCD begins);
/// from the zip64 record when one is announced.
fn directories_at(bytes: &[u8], pos: usize) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    let (Some(size), Some(offset)) = (u32_at(bytes, pos + 12), u32_at(bytes, pos + 16)) else {
        return out;
    };
    let mut records = vec![(u64::from(size), u64::from(offset), pos as u64)];
    if pos >= 20 && bytes.get(pos - 20..pos - 16) == Some(EOCD64_LOCATOR) {
        let stated = u64_at(bytes, pos - 12).and_then(|a| usize::try_from(a).ok());
        for at in [stated, find_back(bytes, pos - 20, EOCD64)].into_iter().flatten() {
            if bytes.get(at..at + 4) == Some(EOCD64) {
                if let (Some(s), Some(o)) = (u64_at(bytes, at + 40), u64_at(bytes, at + 48)) {
                    records.push((s, o, at as u64));
                }
            }
        }
    }
    for (size, offset, end_of_dir) in records {
        out.push((offset, 0));
        if let Some(actual) = end_of_dir.checked_sub(size) {
            if actual != offset {
                out.push((actual, actual.wrapping_sub(offset)));
            }
        }
    }
    out
}

fn find_back(bytes: &[u8], before: usize, needle: &[u8]) -> Option<usize> {
    let from = before.saturating_sub(65_536);
    rfind(bytes.get(from..before)?, needle).map(|p| p + from)
}

/// Every central directory header from `start` on, as long as they follow each other: more
/// than the zip crate reads (it stops at the stated count), never fewer.
fn read_directory(bytes: &[u8], start: u64, shift: u64, out: &mut Vec<Entry>) {
    let Ok(mut at) = usize::try_from(start) else { return };
    while out.len() < MAX_ENTRIES {
        let Some(h) = bytes.get(at..at.saturating_add(46)) else { break };
        if h[..4] != *CDFH {
            break;
        }
        let flags = u16::from_le_bytes([h[8], h[9]]);
        let method = u16::from_le_bytes([h[10], h[11]]);
        let mut compressed_size = u64::from(u32::from_le_bytes([h[20], h[21], h[22], h[23]]));
        let mut size = u64::from(u32::from_le_bytes([h[24], h[25], h[26], h[27]]));
        let name_len = usize::from(u16::from_le_bytes([h[28], h[29]]));
        let extra_len = usize::from(u16::from_le_bytes([h[30], h[31]]));
        let comment_len = usize::from(u16::from_le_bytes([h[32], h[33]]));
        let mut local = u64::from(u32::from_le_bytes([h[42], h[43], h[44], h[45]]));
        let name = bytes.get(at + 46..at + 46 + name_len).unwrap_or(&[]);
        let extra = bytes.get(at + 46 + name_len..at + 46 + name_len + extra_len).unwrap_or(&[]);
        let wide = (size == 0xFFFF_FFFF, compressed_size == 0xFFFF_FFFF, local == 0xFFFF_FFFF);
        if wide.0 || wide.1 || wide.2 {
            let z = zip64_extra(extra);
            let mut vals = z.iter().copied();
            if wide.0 {
                size = vals.next().unwrap_or(u64::MAX);
            }
            if wide.1 {
                compressed_size = vals.next().unwrap_or(u64::MAX);
            }
            if wide.2 {
                local = vals.next().unwrap_or(u64::MAX);
            }
        }
        let entry = Entry {
            name: name[..name.len().min(NAME_KEPT)].to_vec(),
            size,
            compressed_size,
            method,
            flags,
            local_header: local.wrapping_add(shift),
        };
        out.push(entry);
        at = at + 46 + name_len + extra_len + comment_len;
    }
}

/// The 8-byte values of the zip64 extended information extra field (id 0x0001).
fn zip64_extra(extra: &[u8]) -> Vec<u64> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let id = u16::from_le_bytes([extra[at], extra[at + 1]]);
        let len = usize::from(u16::from_le_bytes([extra[at + 2], extra[at + 3]]));
        let body = extra.get(at + 4..(at + 4 + len).min(extra.len())).unwrap_or(&[]);
        if id == 0x0001 {
            return body.chunks_exact(8).filter_map(|c| c.try_into().ok()).map(u64::from_le_bytes).collect();
        }
        at += 4 + len;
    }
    Vec::new()
}

/// The entries named `name` (exactly, as the zip crate looks parts up).
pub fn named<'e>(entries: &'e [Entry], name: &str) -> impl Iterator<Item = &'e Entry> {
    entries.iter().filter(move |e| e.name == name.as_bytes())
}
