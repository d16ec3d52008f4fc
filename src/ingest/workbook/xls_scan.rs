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

impl Chain {
    /// The chain's data, or why calamine cannot read it; `cycle` says which chain loops.
    fn data(self, cycle: &'static str) -> Result<Vec<u8>, Scan> {
        match self {
            Chain::Data(d) => Ok(d),
            Chain::Fails => Err(Scan::Refused),
            Chain::Cycle => Err(Scan::Damaged(cycle)),
            Chain::Beyond => Err(Scan::Damaged(CUT)),
        }
    }
}

/// Little-endian 32-bit values, as the FAT, DIFAT and mini FAT hold them.
fn le_u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// The header fields of a compound file that calamine reads.
struct Header {
    version: u16,
    sector: usize,
    dir_start: u32,
    mini_fat_start: u32,
    /// Sectors of the mini FAT.
    mini_fat_len: u64,
    difat_start: u32,
}

impl Header {
    fn read(bytes: &[u8]) -> Result<Self, Scan> {
        if bytes.len() < 512 || bytes[..8] != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            return Err(Scan::Refused);
        }
        let sector = match u16_at(bytes, 30) {
            Some(9) => 512,
            Some(12) if bytes.len() >= 4096 => 4096,
            _ => return Err(Scan::Refused),
        };
        if u16_at(bytes, 32) != Some(6) {
            return Err(Scan::Refused);
        }
        Ok(Self {
            version: u16_at(bytes, 26).unwrap_or(0),
            sector,
            dir_start: u32_at(bytes, 48).unwrap_or(ENDOFCHAIN),
            mini_fat_start: u32_at(bytes, 60).unwrap_or(ENDOFCHAIN),
            mini_fat_len: u64::from(u32_at(bytes, 64).unwrap_or(0)),
            difat_start: u32_at(bytes, 68).unwrap_or(ENDOFCHAIN),
        })
    }
}

/// A directory entry: (name, start sector, length).
type DirEntry = (String, u32, u64);

/// The entries of the directory stream, 128 bytes each.
fn directory_entries(dirs: &[u8], sector: usize) -> Vec<DirEntry> {
    dirs.chunks_exact(128)
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
        .collect()
}

impl<'a> Cfb<'a> {
    /// The container with its FAT loaded, as calamine loads it.
    fn open(bytes: &'a [u8], header: &Header) -> Result<Self, Scan> {
        let maxid = u32::try_from(bytes.len() / header.sector).unwrap_or(u32::MAX);
        let mut cfb = Cfb { bytes, sector: header.sector, maxid, fats: Vec::new() };
        let difat = cfb.difat(header.difat_start)?;
        cfb.fats = cfb.fat(difat)?;
        Ok(cfb)
    }

    /// The header's 109 DIFAT entries followed by those of the DIFAT sector chain.
    fn difat(&self, start: u32) -> Result<Vec<u32>, Scan> {
        let mut difat: Vec<u32> = le_u32s(&self.bytes[76..512]).collect();
        let mut id = start;
        let mut difat_sectors = 0u64;
        while id < RESERVED {
            difat_sectors += 1;
            if difat_sectors > u64::from(self.maxid) + 1 {
                return Err(Scan::Refused);
            }
            difat.extend(le_u32s(self.sector(id)?));
            match difat.pop() {
                Some(next) => id = next,
                None => return Err(Scan::Refused),
            }
        }
        Ok(difat)
    }

    /// calamine loads every listed FAT sector, repeats included: a file cannot have more.
    fn fat(&self, difat: Vec<u32>) -> Result<Vec<u32>, Scan> {
        let fat_ids: Vec<u32> = difat.into_iter().filter(|id| *id < DIFSECT).collect();
        if fat_ids.len() as u64 > u64::from(self.maxid) + 1 {
            return Err(Scan::Damaged("tabel alokasi berkas (FAT) lebih besar dari berkasnya"));
        }
        let mut fats = Vec::new();
        for id in fat_ids {
            fats.extend(le_u32s(self.sector(id)?));
        }
        Ok(fats)
    }

    /// A chain of whole sectors through the FAT, up to `len` bytes.
    fn big_chain(&self, id: u32, len: u64) -> Chain {
        self.chain(id, &self.fats, len, self.sector, self.maxid, &[])
    }

    /// The mini FAT and the mini stream, when the file has a mini FAT.
    fn mini(&self, header: &Header, root: &DirEntry) -> Result<(Vec<u32>, Vec<u8>), Scan> {
        if header.mini_fat_len == 0 {
            return Ok((Vec::new(), Vec::new()));
        }
        let ministream = self.big_chain(root.1, root.2).data("rantai sektor aliran mini berputar (loop)")?;
        let minifat = self
            .big_chain(header.mini_fat_start, header.mini_fat_len.saturating_mul(self.sector as u64))
            .data("rantai sektor FAT mini berputar (loop)")?;
        Ok((le_u32s(&minifat).collect(), ministream))
    }

    /// The `Workbook` (or `Book`) stream: from the mini stream when it is short.
    fn workbook(&self, entries: &[DirEntry], mini_fats: &[u32], ministream: &[u8]) -> Result<Vec<u8>, Scan> {
        const CYCLE: &str = "rantai sektor aliran Workbook berputar (loop)";
        let find =
            |want: &str| entries.iter().find(|(n, _, _)| n.as_bytes().eq_ignore_ascii_case(want.as_bytes()));
        let Some((_, start, len)) = find("Workbook").or_else(|| find("Book")) else {
            return Err(Scan::Refused);
        };
        if *len >= 4096 {
            return self.big_chain(*start, *len).data(CYCLE);
        }
        if ministream.is_empty() {
            // calamine would read the mini sectors from the file at an odd place.
            return Err(Scan::Damaged("aliran Workbook kecil tanpa aliran mini"));
        }
        match self.chain(*start, mini_fats, *len, 64, self.maxid.saturating_mul(8), ministream) {
            Chain::Fails => Err(Scan::Damaged("aliran Workbook menunjuk ke luar aliran mini")),
            other => other.data(CYCLE),
        }
    }
}

/// The `Workbook` stream of a compound file, read as calamine reads it, or why not.
fn cfb_stream(bytes: &[u8]) -> Result<Vec<u8>, Scan> {
    let header = Header::read(bytes)?;
    let cfb = Cfb::open(bytes, &header)?;
    let dirs = cfb.big_chain(header.dir_start, u64::MAX).data("rantai sektor direktori berputar (loop)")?;
    let entries = directory_entries(&dirs, header.sector);
    let Some(root) = entries.first() else { return Err(Scan::Refused) };
    if header.version != 3 && root.1 == ENDOFCHAIN {
        return Err(Scan::Refused);
    }
    let (mini_fats, ministream) = cfb.mini(&header, root)?;
    cfb.workbook(&entries, &mini_fats, &ministream)
}

/// A BIFF record with its CONTINUE records, as calamine's `RecordIter` gives it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

impl Record<'_> {
    /// Bytes of the record and its CONTINUE records, without their headers.
    fn payload_len(&self) -> u64 {
        self.data.len() as u64 + self.cont.iter().map(|c| c.len() as u64).sum::<u64>()
    }

    /// Bytes of the record and its CONTINUE records in the stream.
    fn size(&self) -> u64 {
        4 + self.data.len() as u64 + self.cont.iter().map(|c| 4 + c.len() as u64).sum::<u64>()
    }
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
    let Some(globals) = Globals::read(&stream) else { return Scan::Refused };
    if globals.positions.len() > 10_000 {
        // More sheets than any caller accepts: no need to walk them (`MAX_SHEETS`).
        let est = Estimate { sheets: vec![0; globals.positions.len()], ..Estimate::default() };
        return Scan::Fine(est);
    }
    let mut walk = Walk::new(&globals, stream.len());
    for &pos in &globals.positions {
        // calamine slices the stream at this position and panics when it is past the end.
        let Some(sheet) = stream.get(pos..) else {
            return Scan::Damaged("posisi lembar di luar aliran Workbook");
        };
        match walk.sheet(sheet) {
            Ok(Step::Fail) => break, // calamine stops the whole workbook here
            Ok(_) => {}
            Err(damaged) => return damaged,
        }
    }
    Scan::Fine(walk.est)
}

/// What the workbook globals (the records before the first sheet) tell.
struct Globals {
    /// Where each sheet's substream starts (BOUNDSHEET).
    positions: Vec<usize>,
    /// Character counts of the shared strings (SST).
    strings: Vec<u32>,
    /// The longest sheet or defined name, at least 31 characters.
    longest_name: u64,
}

impl Globals {
    /// `None` where calamine refuses the workbook (a password, a record it cannot read).
    fn read(stream: &[u8]) -> Option<Self> {
        let mut globals = Self { positions: Vec::new(), strings: Vec::new(), longest_name: 31 };
        let mut s = stream;
        while let Some(rec) = next_record(&mut s) {
            let r = rec.ok()?;
            match r.typ {
                0x002F if u16_at(r.data, 0).is_some_and(|v| v != 0) => return None, // FILEPASS
                0x0085 => {
                    // BOUNDSHEET
                    globals.positions.push(u32_at(r.data, 0)? as usize);
                    globals.longest_name = globals.longest_name.max(u64::from(*r.data.get(6).unwrap_or(&0)));
                }
                0x0018 => {
                    globals.longest_name = globals.longest_name.max(u64::from(*r.data.get(3).unwrap_or(&0)))
                }
                0x00FC => globals.strings = sst_lengths(&r)?,
                0x000A => break,
                _ => {}
            }
        }
        Some(globals)
    }
}

/// How a record leaves the walk of a sheet.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Go,
    /// The sheet's EOF.
    End,
    /// A record calamine fails on: it stops reading the workbook.
    Fail,
}

/// One sheet substream as it is walked: the extents of its cells and of its formulas.
struct SheetWalk {
    cells: Extent,
    formulas: Extent,
    seen_bof: bool,
    /// Depth inside nested substreams (a chart in the sheet), skipped.
    depth: usize,
    /// The cell of the last FORMULA record, which a STRING record belongs to.
    fmla_pos: (u32, u32),
}

/// The sheets walked so far, against a budget that stops sheets sharing data in a loop.
struct Walk<'g> {
    est: Estimate,
    strings: &'g [u32],
    /// Formula text: calamine writes each token out; a name or a sheet name (up to 255
    /// characters) is the widest thing a few bytes can stand for.
    per_formula_byte: u64,
    scanned: u64,
    budget: u64,
}

fn cell_at(d: &[u8]) -> Option<(u32, u32)> {
    Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)))
}

impl<'g> Walk<'g> {
    fn new(globals: &'g Globals, stream_len: usize) -> Self {
        Self {
            est: Estimate::default(),
            strings: &globals.strings,
            per_formula_byte: 64u64.max((3 * globals.longest_name + 20) / 5 + 1),
            scanned: 0,
            budget: (stream_len as u64).saturating_mul(2).saturating_add(1 << 20),
        }
    }

    /// Walks one sheet and adds its grid; `Step::Fail` where calamine stops the workbook
    /// (what it built so far is counted), `Err` when the sheets go round in the same data.
    fn sheet(&mut self, mut stream: &[u8]) -> Result<Step, Scan> {
        let mut sheet = SheetWalk {
            cells: Extent::new(),
            formulas: Extent::new(),
            seen_bof: false,
            depth: 0,
            fmla_pos: (0, 0),
        };
        let mut step = Step::Go;
        while let Some(rec) = next_record(&mut stream) {
            let Ok(r) = rec else {
                step = Step::Fail;
                break;
            };
            self.scanned = self.scanned.saturating_add(r.size());
            if self.scanned > self.budget {
                return Err(Scan::Damaged("lembar-lembar menunjuk ke data yang sama berulang kali"));
            }
            if sheet.depth > 0 {
                match r.typ {
                    0x0809 => sheet.depth += 1,
                    0x000A => sheet.depth -= 1,
                    _ => {}
                }
                continue;
            }
            step = self.record(&mut sheet, &r);
            if step != Step::Go {
                break;
            }
        }
        self.est.sheets.push(sheet.cells.cells().max(sheet.formulas.cells()));
        Ok(step)
    }

    /// One record of the sheet itself, by kind.
    fn record(&mut self, sheet: &mut SheetWalk, r: &Record<'_>) -> Step {
        match r.typ {
            0x0809 => {
                // BOF: the sheet's own, then nested substreams.
                if sheet.seen_bof {
                    sheet.depth += 1;
                } else {
                    sheet.seen_bof = true;
                }
            }
            0x0200 => return self.dimensions(r),
            0x0203 | 0x027E | 0x0205 => self.cell(sheet, cell_at(r.data), 0), // NUMBER, RK, BOOLERR
            0x0204 | 0x00D6 => self.cell(sheet, cell_at(r.data), text_of(r.payload_len())), // LABEL, RSTRING
            0x0207 => {
                // STRING: the text of the formula before it.
                sheet.cells.add(sheet.fmla_pos.0, sheet.fmla_pos.1);
                self.est.cell_records += 1;
                self.est.text_bytes = self.est.text_bytes.saturating_add(text_of(r.payload_len()));
            }
            0x00FD => return self.label_sst(sheet, r),
            0x00BD => return self.mulrk(sheet, r),
            0x0006 => return self.formula(sheet, r),
            0x000A => return Step::End,
            _ => {}
        }
        Step::Go
    }

    /// A cell record at `at` holding `text` bytes of text.
    fn cell(&mut self, sheet: &mut SheetWalk, at: Option<(u32, u32)>, text: u64) {
        if let Some((row, col)) = at {
            sheet.cells.add(row, col);
            self.est.cell_records += 1;
            self.est.text_bytes = self.est.text_bytes.saturating_add(text);
        }
    }

    /// DIMENSIONS: the cells calamine reserves room for.
    fn dimensions(&mut self, r: &Record<'_>) -> Step {
        let u16_or_0 = |at| u32::from(u16_at(r.data, at).unwrap_or(0));
        let (rf, rl, mut cf, cl) = match r.data.len() {
            10 => (u16_or_0(0), u16_or_0(2), u16_or_0(4), u16_or_0(6)),
            14 | 16 => {
                (u32_at(r.data, 0).unwrap_or(0), u32_at(r.data, 4).unwrap_or(0), u16_or_0(8), u16_or_0(10))
            }
            _ => return Step::Fail,
        };
        if 0xFF < cf || cl < cf {
            cf = 0;
        }
        let (start, end) =
            if rl >= 1 && cl >= 1 { ((rf, cf), (rl - 1, cl - 1)) } else { ((rf, cf), (rf, cf)) };
        // As calamine computes it (wrapping in a release build).
        let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
        let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
        self.est.reserved = self.est.reserved.max(rows.saturating_mul(cols));
        Step::Go
    }

    /// LABELSST: a cell holding a shared string, copied into the cell.
    fn label_sst(&mut self, sheet: &mut SheetWalk, r: &Record<'_>) -> Step {
        if r.data.len() < 10 {
            return Step::Fail;
        }
        let isst = u32_at(r.data, 6).unwrap_or(0) as usize;
        let units = match self.strings.get(isst) {
            Some(n) => u64::from(*n),
            // Past the strings read here: as long as a string can be.
            None if isst < 16_000_000 && self.strings.is_empty() => 0,
            None => 65_535,
        };
        self.cell(sheet, cell_at(r.data), text_of(units));
        Step::Go
    }

    /// MULRK: a run of number cells in one row.
    fn mulrk(&mut self, sheet: &mut SheetWalk, r: &Record<'_>) -> Step {
        let (Some(row), Some(first)) = (u16_at(r.data, 0), u16_at(r.data, 2)) else {
            return Step::Fail;
        };
        let last = u16_at(r.data, r.data.len().saturating_sub(2)).unwrap_or(first);
        if last < first || r.data.len() != 6 + 6 * (usize::from(last) - usize::from(first) + 1) {
            return Step::Fail;
        }
        sheet.cells.add(u32::from(row), u32::from(first));
        sheet.cells.add(u32::from(row), u32::from(last));
        self.est.cell_records += u64::from(last - first) + 1;
        Step::Go
    }

    /// FORMULA: a cell in both grids, and the text its tokens can write out.
    fn formula(&mut self, sheet: &mut SheetWalk, r: &Record<'_>) -> Step {
        if r.data.len() < 20 {
            return Step::Fail;
        }
        let (row, col) = cell_at(r.data).unwrap_or((0, 0));
        sheet.fmla_pos = (row, col);
        sheet.cells.add(row, col);
        sheet.formulas.add(row, col);
        self.est.cell_records += 1;
        let rgce = r.data.len() as u64 - 20;
        self.est.text_bytes = self
            .est
            .text_bytes
            .saturating_add(200)
            .saturating_add(rgce.saturating_mul(self.per_formula_byte));
        Step::Go
    }
}
