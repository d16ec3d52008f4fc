//! How much memory calamine will spend on an `.xls` workbook, judged *before* calamine opens it.
//! calamine parses every sheet of an xls file when it opens it: it reserves room for the cells
//! the `DIMENSIONS` record declares, collects every cell record, and builds a dense grid over
//! the cells' extent, copying a shared string into every cell that refers to it. Its compound
//! file (CFB) reader follows sector chains without a cycle check. A few hostile bytes can so
//! ask for terabytes or loop until memory runs out, and a failed allocation aborts the process.
//!
//! This module walks the same structures the same way (header, DIFAT, FAT, directory, the
//! `Workbook` stream, the BIFF records of the globals and of each sheet substream) and adds
//! the checks calamine lacks: chains longer than the file has sectors are cycles, and the
//! sizes are added up so the caller can compare them with the limits. Where it has to guess it
//! guesses high. It never allocates more than the file's own size.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
const RESERVED: u32 = 0xFFFF_FFFA;
const CUT: &str = "sektor di luar ujung berkas; berkas terpotong";

/// What calamine would build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Estimate {
    /// Per sheet: the cells of its dense grid (values and formulas each get one).
    pub sheets: Vec<u64>,
    /// The largest cell count a `DIMENSIONS` record asks calamine to reserve.
    pub reserved: u64,
    /// Cell records collected (a sheet may repeat one cell many times).
    pub cell_records: u64,
    /// Bytes of cell text and formula text.
    pub text_bytes: u64,
}

impl Estimate {
    pub fn dense_total(&self) -> u64 {
        self.sheets.iter().fold(0u64, |a, n| a.saturating_add(*n))
    }
}

/// The outcome of looking at the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scan {
    /// calamine will read it; this is what it will cost.
    Fine(Estimate),
    /// calamine would loop or run out of memory on the container itself: the reason.
    Damaged(&'static str),
    /// calamine will refuse the file on its own (not a workbook, a password, …): let it say why.
    Refused,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at.checked_add(8)?)?.try_into().ok()?))
}

/// The compound file as calamine sees it.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    maxid: u32,
    fats: Vec<u32>,
}

enum Chain {
    Data(Vec<u8>),
    /// calamine stops with an error (a sector past the end, a FAT index out of range).
    Fails,
    /// calamine would go round forever, or far past the file's size.
    Cycle,
    /// A sector past the end of the file (a cut file): calamine panics on it.
    Beyond,
}

impl Cfb<'_> {
    /// Sector `id` as calamine's `Sectors::get` returns it (short at the end of the file).
    fn get(&self, id: u32) -> Option<&[u8]> {
        if id > self.maxid {
            return None;
        }
        let start = (id as usize + 1).checked_mul(self.sector)?;
        let end = start.checked_add(self.sector)?.min(self.bytes.len());
        self.bytes.get(start..end)
    }

    /// Sector `id` for the header's own lists: past the sector count calamine reports an
    /// error; past the end of a cut file it panics.
    fn sector(&self, id: u32) -> Result<&[u8], Scan> {
        if id > self.maxid {
            return Err(Scan::Refused);
        }
        self.get(id).ok_or(Scan::Damaged(CUT))
    }

    /// A chain as calamine's `get_chain` reads it, up to `len` bytes.
    fn chain(&self, mut id: u32, fats: &[u32], len: u64, sector: usize, maxid: u32, data: &[u8]) -> Chain {
        let mut out = Vec::new();
        let mut steps = 0u64;
        while id != ENDOFCHAIN {
            steps += 1;
            if steps > u64::from(maxid) + 2 {
                return Chain::Cycle;
            }
            let s = if sector == self.sector && data.is_empty() {
                if id <= self.maxid && self.get(id).is_none() {
                    // calamine slices past the end of the file and panics.
                    return Chain::Beyond;
                }
                self.get(id)
            } else {
                mini_get(data, id, sector, maxid)
            };
            let Some(s) = s else {
                return Chain::Fails;
            };
            let remaining = len.saturating_sub(out.len() as u64);
            let take = (s.len() as u64).min(remaining) as usize;
            out.extend_from_slice(&s[..take]);
            if out.len() as u64 >= len {
                break;
            }
            match fats.get(id as usize) {
                Some(&next) => id = next,
                None => return Chain::Fails,
            }
        }
        Chain::Data(out)
    }
}

fn mini_get(data: &[u8], id: u32, sector: usize, maxid: u32) -> Option<&[u8]> {
    if id > maxid {
        return None;
    }
    let start = (id as usize).checked_mul(sector)?;
    // Past the mini stream calamine reads on from the file itself: nothing a real file does.
    data.get(start..start.checked_add(sector)?)
}

fn cfb_stream(bytes: &[u8]) -> Result<Vec<u8>, Scan> {
    if bytes.len() < 512 || bytes[..8] != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        return Err(Scan::Refused);
    }
    let version = u16_at(bytes, 26).unwrap_or(0);
    let sector = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) if bytes.len() >= 4096 => 4096,
        _ => return Err(Scan::Refused),
    };
    if u16_at(bytes, 32) != Some(6) {
        return Err(Scan::Refused);
    }
    let dir_start = u32_at(bytes, 48).unwrap_or(ENDOFCHAIN);
    let mini_fat_start = u32_at(bytes, 60).unwrap_or(ENDOFCHAIN);
    let mini_fat_len = u64::from(u32_at(bytes, 64).unwrap_or(0));
    let difat_start = u32_at(bytes, 68).unwrap_or(ENDOFCHAIN);
    let maxid = u32::try_from(bytes.len() / sector).unwrap_or(u32::MAX);
    let mut cfb = Cfb { bytes, sector, maxid, fats: Vec::new() };

    let mut difat: Vec<u32> =
        bytes[76..512].chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    let mut id = difat_start;
    let mut difat_sectors = 0u64;
    while id < RESERVED {
        difat_sectors += 1;
        if difat_sectors > u64::from(maxid) + 1 {
            return Err(Scan::Refused);
        }
        let s = cfb.sector(id)?;
        difat.extend(s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
        match difat.pop() {
            Some(next) => id = next,
            None => return Err(Scan::Refused),
        }
    }
    // calamine loads every listed FAT sector, repeats included: a file cannot have more.
    let fat_ids: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
    if fat_ids.len() as u64 > u64::from(maxid) + 1 {
        return Err(Scan::Damaged("tabel alokasi berkas (FAT) lebih besar dari berkasnya"));
    }
    let mut fats = Vec::new();
    for id in fat_ids {
        let s = cfb.sector(id)?;
        fats.extend(s.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])));
    }
    cfb.fats = fats;
    let fats = &cfb.fats;

    let dirs = match cfb.chain(dir_start, fats, u64::MAX, sector, maxid, &[]) {
        Chain::Data(d) => d,
        Chain::Fails => return Err(Scan::Refused),
        Chain::Cycle => return Err(Scan::Damaged("rantai sektor direktori berputar (loop)")),
        Chain::Beyond => return Err(Scan::Damaged(CUT)),
    };
    // (name, start, len) of each 128-byte entry.
    let entries: Vec<(String, u32, u64)> = dirs
        .chunks_exact(128)
        .map(|c| {
            let units: Vec<u16> = c[..64].chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
            let mut name = String::from_utf16_lossy(&units);
            if let Some(l) = name.as_bytes().iter().position(|b| *b == 0) {
                name.truncate(l);
            }
            let start = u32_at(c, 116).unwrap_or(ENDOFCHAIN);
            let len = if sector == 512 {
                u64::from(u32_at(c, 120).unwrap_or(0))
            } else {
                u64_at(c, 120).unwrap_or(0)
            };
            (name, start, len)
        })
        .collect();
    let Some(root) = entries.first() else { return Err(Scan::Refused) };
    if version != 3 && root.1 == ENDOFCHAIN {
        return Err(Scan::Refused);
    }
    let (mini_fats, ministream) = if mini_fat_len > 0 {
        let ministream = match cfb.chain(root.1, fats, root.2, sector, maxid, &[]) {
            Chain::Data(d) => d,
            Chain::Fails => return Err(Scan::Refused),
            Chain::Cycle => return Err(Scan::Damaged("rantai sektor aliran mini berputar (loop)")),
            Chain::Beyond => return Err(Scan::Damaged(CUT)),
        };
        let minifat = match cfb.chain(
            mini_fat_start,
            fats,
            mini_fat_len.saturating_mul(sector as u64),
            sector,
            maxid,
            &[],
        ) {
            Chain::Data(d) => d,
            Chain::Fails => return Err(Scan::Refused),
            Chain::Cycle => return Err(Scan::Damaged("rantai sektor FAT mini berputar (loop)")),
            Chain::Beyond => return Err(Scan::Damaged(CUT)),
        };
        let minifat: Vec<u32> =
            minifat.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        (minifat, ministream)
    } else {
        (Vec::new(), Vec::new())
    };
    let find =
        |want: &str| entries.iter().find(|(n, _, _)| n.as_bytes().eq_ignore_ascii_case(want.as_bytes()));
    let Some((_, start, len)) = find("Workbook").or_else(|| find("Book")) else { return Err(Scan::Refused) };
    let chain = if *len < 4096 {
        let mini_max = maxid.saturating_mul(8);
        if ministream.is_empty() {
            // calamine would read the mini sectors from the file at an odd place.
            return Err(Scan::Damaged("aliran Workbook kecil tanpa aliran mini"));
        }
        match cfb.chain(*start, &mini_fats, *len, 64, mini_max, &ministream) {
            Chain::Fails => {
                return Err(Scan::Damaged("aliran Workbook menunjuk ke luar aliran mini"));
            }
            other => other,
        }
    } else {
        cfb.chain(*start, fats, *len, sector, maxid, &[])
    };
    match chain {
        Chain::Data(d) => Ok(d),
        Chain::Fails => Err(Scan::Refused),
        Chain::Cycle => Err(Scan::Damaged("rantai sektor aliran Workbook berputar (loop)")),
        Chain::Beyond => Err(Scan::Damaged(CUT)),
    }
}

/// A BIFF record with its CONTINUE records, as calamine's `RecordIter` gives it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// Records from `stream`; `Err` where calamine's iterator fails.
fn next_record<'a>(stream: &mut &'a [u8]) -> Option<Result<Record<'a>, ()>> {
    if stream.len() < 4 {
        return if stream.is_empty() { None } else { Some(Err(())) };
    }
    let typ = u16::from_le_bytes([stream[0], stream[1]]);
    let len = usize::from(u16::from_le_bytes([stream[2], stream[3]]));
    if stream.len() < len + 4 {
        return Some(Err(()));
    }
    let data = &stream[4..len + 4];
    *stream = &stream[len + 4..];
    let mut cont = Vec::new();
    if stream.len() > 4 && u16::from_le_bytes([stream[0], stream[1]]) == 0x003C {
        while stream.len() > 4 && u16::from_le_bytes([stream[0], stream[1]]) == 0x003C {
            let l = usize::from(u16::from_le_bytes([stream[2], stream[3]]));
            if stream.len() < l + 4 {
                return Some(Err(()));
            }
            cont.push(&stream[4..l + 4]);
            *stream = &stream[l + 4..];
        }
    }
    Some(Ok(Record { typ, data, cont }))
}

/// Character counts of the shared strings, as calamine's `parse_sst` walks them. `None` where
/// calamine fails (it then opens nothing).
fn sst_lengths<'a>(r: &Record<'a>) -> Option<Vec<u32>> {
    let mut data: &'a [u8] = r.data.get(8..)?;
    let mut cont = r.cont.iter().copied();
    let mut out = Vec::new();
    let mut next_cont = |data: &mut &'a [u8]| match cont.next() {
        Some(c) => {
            *data = c;
            true
        }
        None => false,
    };
    loop {
        if data.is_empty() && !next_cont(&mut data) {
            break;
        }
        if data.is_empty() {
            out.push(0);
            continue;
        }
        if data.len() < 3 {
            return None;
        }
        let cch = usize::from(u16::from_le_bytes([data[0], data[1]]));
        let flags = data[2];
        data = &data[3..];
        let mut high = flags & 1 != 0;
        let mut runs = 0usize;
        let mut ext = 0usize;
        if flags & 8 != 0 {
            runs = usize::from(u16_at(data, 0)?) * 4;
            data = &data[2..];
        }
        if flags & 4 != 0 {
            ext = u32_at(data, 0)? as i32 as isize as usize;
            data = &data[4..];
        }
        let mut left = cch;
        while left > 0 {
            let width = if high { 2 } else { 1 };
            let n = left.min(data.len() / width);
            data = &data[n * width..];
            left -= n;
            if left > 0 {
                if !next_cont(&mut data) {
                    return None;
                }
                high = *data.first()? & 1 != 0;
                data = &data[1..];
            }
        }
        for mut skip in [runs, ext] {
            while skip > 0 {
                if data.is_empty() && !next_cont(&mut data) {
                    return None;
                }
                let n = skip.min(data.len());
                data = &data[n..];
                skip -= n;
            }
        }
        out.push(cch as u32);
        if out.len() > 16_000_000 {
            return None;
        }
    }
    Some(out)
}

/// Bytes calamine's UTF-8 string of `units` characters can take.
fn text_of(units: u64) -> u64 {
    units.saturating_mul(3)
}

struct Extent {
    r0: u32,
    r1: u32,
    c0: u32,
    c1: u32,
    any: bool,
}

impl Extent {
    fn new() -> Self {
        Self { r0: u32::MAX, r1: 0, c0: u32::MAX, c1: 0, any: false }
    }

    fn add(&mut self, r: u32, c: u32) {
        self.r0 = self.r0.min(r);
        self.r1 = self.r1.max(r);
        self.c0 = self.c0.min(c);
        self.c1 = self.c1.max(c);
        self.any = true;
    }

    fn cells(&self) -> u64 {
        if !self.any {
            return 0;
        }
        (u64::from(self.r1 - self.r0) + 1).saturating_mul(u64::from(self.c1 - self.c0) + 1)
    }
}

/// Looks at an xls file (a CFB container) the way calamine will read it.
pub fn scan(bytes: &[u8]) -> Scan {
    let stream = match cfb_stream(bytes) {
        Ok(s) => s,
        Err(s) => return s,
    };
    let mut est = Estimate::default();
    let mut s: &[u8] = &stream;
    let mut positions = Vec::new();
    let mut strings: Vec<u32> = Vec::new();
    let mut longest_name = 31u64;
    while let Some(rec) = next_record(&mut s) {
        let Ok(r) = rec else { return Scan::Refused };
        match r.typ {
            0x002F if u16_at(r.data, 0).is_some_and(|v| v != 0) => return Scan::Refused,
            0x0085 => {
                let Some(pos) = u32_at(r.data, 0) else { return Scan::Refused };
                positions.push(pos as usize);
                longest_name = longest_name.max(u64::from(*r.data.get(6).unwrap_or(&0)));
            }
            0x0018 => longest_name = longest_name.max(u64::from(*r.data.get(3).unwrap_or(&0))),
            0x00FC => match sst_lengths(&r) {
                Some(l) => strings = l,
                None => return Scan::Refused,
            },
            0x000A => break,
            _ => {}
        }
    }
    // Formula text: calamine writes each token out; a name or a sheet name (up to 255
    // characters) is the widest thing a few bytes can stand for.
    let per_formula_byte = 64u64.max((3 * longest_name + 20) / 5 + 1);
    let mut scanned = 0u64;
    let scan_budget = (stream.len() as u64).saturating_mul(2).saturating_add(1 << 20);
    if positions.len() > 10_000 {
        // More sheets than any caller accepts: no need to walk them (`MAX_SHEETS`).
        est.sheets = vec![0; positions.len()];
        return Scan::Fine(est);
    }
    for pos in positions {
        // calamine slices the stream at this position and panics when it is past the end.
        let Some(mut sh) = stream.get(pos..) else {
            return Scan::Damaged("posisi lembar di luar aliran Workbook");
        };
        let mut cells = Extent::new();
        let mut formulas = Extent::new();
        let mut seen_bof = false;
        let mut depth = 0usize;
        let mut fmla_pos = (0u32, 0u32);
        let mut failed = false;
        while let Some(rec) = next_record(&mut sh) {
            let Ok(r) = rec else {
                failed = true;
                break;
            };
            let size = 4 + r.data.len() as u64 + r.cont.iter().map(|c| 4 + c.len() as u64).sum::<u64>();
            scanned = scanned.saturating_add(size);
            if scanned > scan_budget {
                return Scan::Damaged("lembar-lembar menunjuk ke data yang sama berulang kali");
            }
            if depth > 0 {
                match r.typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let cell_at = |d: &[u8]| -> Option<(u32, u32)> {
                Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)))
            };
            let all =
                |r: &Record<'_>| r.data.len() as u64 + r.cont.iter().map(|c| c.len() as u64).sum::<u64>();
            match r.typ {
                0x0809 => {
                    if seen_bof {
                        depth += 1;
                    } else {
                        seen_bof = true;
                    }
                }
                0x0200 => {
                    let (rf, rl, mut cf, cl) = match r.data.len() {
                        10 => (
                            u32::from(u16_at(r.data, 0).unwrap_or(0)),
                            u32::from(u16_at(r.data, 2).unwrap_or(0)),
                            u32::from(u16_at(r.data, 4).unwrap_or(0)),
                            u32::from(u16_at(r.data, 6).unwrap_or(0)),
                        ),
                        14 | 16 => (
                            u32_at(r.data, 0).unwrap_or(0),
                            u32_at(r.data, 4).unwrap_or(0),
                            u32::from(u16_at(r.data, 8).unwrap_or(0)),
                            u32::from(u16_at(r.data, 10).unwrap_or(0)),
                        ),
                        _ => {
                            failed = true;
                            break;
                        }
                    };
                    if 0xFF < cf || cl < cf {
                        cf = 0;
                    }
                    let (start, end) =
                        if rl >= 1 && cl >= 1 { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
                    // As calamine computes it (wrapping in a release build).
                    let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
                    let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
                    est.reserved = est.reserved.max(rows.saturating_mul(cols));
                }
                0x0203 | 0x027E | 0x0205 => {
                    if let Some((row, col)) = cell_at(r.data) {
                        cells.add(row, col);
                        est.cell_records += 1;
                    }
                }
                0x0204 | 0x00D6 => {
                    if let Some((row, col)) = cell_at(r.data) {
                        cells.add(row, col);
                        est.cell_records += 1;
                        est.text_bytes = est.text_bytes.saturating_add(text_of(all(&r)));
                    }
                }
                0x0207 => {
                    cells.add(fmla_pos.0, fmla_pos.1);
                    est.cell_records += 1;
                    est.text_bytes = est.text_bytes.saturating_add(text_of(all(&r)));
                }
                0x00FD => {
                    if r.data.len() < 10 {
                        failed = true;
                        break;
                    }
                    let isst = u32_at(r.data, 6).unwrap_or(0) as usize;
                    let units = match strings.get(isst) {
                        Some(n) => u64::from(*n),
                        // Past the strings read here: as long as a string can be.
                        None if isst < 16_000_000 && strings.is_empty() => 0,
                        None => 65_535,
                    };
                    if let Some((row, col)) = cell_at(r.data) {
                        cells.add(row, col);
                        est.cell_records += 1;
                        est.text_bytes = est.text_bytes.saturating_add(text_of(units));
                    }
                }
                0x00BD => {
                    let (Some(row), Some(first)) = (u16_at(r.data, 0), u16_at(r.data, 2)) else {
                        failed = true;
                        break;
                    };
                    let last = u16_at(r.data, r.data.len().saturating_sub(2)).unwrap_or(first);
                    if last < first {
                        failed = true;
                        break;
                    }
                    if r.data.len() != 6 + 6 * (usize::from(last) - usize::from(first) + 1) {
                        failed = true;
                        break;
                    }
                    cells.add(u32::from(row), u32::from(first));
                    cells.add(u32::from(row), u32::from(last));
                    est.cell_records += u64::from(last - first) + 1;
                }
                0x0006 => {
                    if r.data.len() < 20 {
                        failed = true;
                        break;
                    }
                    let (row, col) = cell_at(r.data).unwrap_or((0, 0));
                    fmla_pos = (row, col);
                    cells.add(row, col);
                    formulas.add(row, col);
                    est.cell_records += 1;
                    let rgce = r.data.len() as u64 - 20;
                    est.text_bytes = est
                        .text_bytes
                        .saturating_add(200)
                        .saturating_add(rgce.saturating_mul(per_formula_byte));
                }
                0x000A => break,
                _ => {}
            }
        }
        est.sheets.push(cells.cells().max(formulas.cells()));
        if failed {
            // calamine stops the whole workbook here; what it built so far is counted.
            break;
        }
    }
    Scan::Fine(est)
}
