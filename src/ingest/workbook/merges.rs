//! The merged regions of an xlsx worksheet, read from the raw bytes of its part instead of a
//! second full XML pass through calamine (`merge_cells_by_sheet_name` tokenizes the whole sheet
//! again to reach `<mergeCells>`, which follows `<sheetData>`).
//!
//! The part is inflated in pieces (never held whole) and searched byte-wise for the
//! `<mergeCells` element; only that fragment is parsed, with calamine's own rules (the first
//! `ref` attribute of every `mergeCell`, cell references read as calamine reads them). Whenever
//! the bytes leave any doubt about what calamine would return (a comment, CDATA or processing
//! instruction, the name `mergeCells` anywhere but as the element, anything inside the fragment
//! but `mergeCell` elements and white space, a reference calamine would refuse, a stream that
//! ends early), the scan answers [`Scan::Unsure`] and the caller asks calamine, so the result
//! is always calamine's.

use calamine::Dimensions;

use super::inflate;

/// What the scan of one part concluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// Keep feeding.
    More,
    /// The merged regions, exactly as calamine would list them.
    Done(Vec<Dimensions>),
    /// Ask calamine.
    Unsure,
}

/// Bytes kept from one piece to the next while searching, so a name split between two pieces
/// is still seen whole (with up to this much namespace prefix before it).
const KEEP: usize = 64;
/// Bytes after a hit that must be present before it is judged.
const AHEAD: usize = 16;
const NAME: &[u8] = b"mergeCells";

/// Feeds a worksheet part's XML, piece by piece.
#[derive(Debug, Default)]
pub struct Scanner {
    /// The last bytes of the previous piece followed by the current one (search phase).
    window: Vec<u8>,
    /// Bytes of `window` already examined.
    examined: usize,
    /// Bytes of the part before `window[0]`.
    offset: u64,
    /// From the `<` of `<mergeCells` on, once found.
    fragment: Option<Fragment>,
    finished: Option<Scan>,
    /// The first bytes were looked at.
    head_checked: bool,
}

#[derive(Debug, Default)]
struct Fragment {
    buf: Vec<u8>,
    pos: usize,
    opened: bool,
    out: Vec<Dimensions>,
}

impl Scanner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next piece; anything but `More` is final.
    pub fn feed(&mut self, piece: &[u8]) -> Scan {
        if let Some(done) = &self.finished {
            return done.clone();
        }
        let result = match &mut self.fragment {
            Some(f) => {
                f.buf.extend_from_slice(piece);
                f.step()
            }
            None => self.search(piece, false),
        };
        if result != Scan::More {
            self.finished = Some(result.clone());
        }
        result
    }

    /// The part ended.
    pub fn finish(&mut self) -> Scan {
        if let Some(done) = &self.finished {
            return done.clone();
        }
        let result = match &self.fragment {
            // calamine reads to the end without meeting the element: no merged regions.
            None => match self.search(&[], true) {
                Scan::More => Scan::Done(Vec::new()),
                other => other,
            },
            // calamine fails on the unfinished element (and then has none); let it decide.
            Some(_) => Scan::Unsure,
        };
        self.finished = Some(result.clone());
        result
    }

    fn search(&mut self, piece: &[u8], last: bool) -> Scan {
        self.window.extend_from_slice(piece);
        if !self.head_checked && (self.window.len() >= 4 || last) {
            // Another encoding than UTF-8 (a UTF-16 BOM or NUL bytes): calamine decodes it.
            self.head_checked = true;
            let head = &self.window[..self.window.len().min(4)];
            if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) || head.contains(&0) {
                return Scan::Unsure;
            }
        }
        let w = &self.window;
        let end = if last { w.len() } else { w.len().saturating_sub(AHEAD) };
        let mut at = self.examined;
        while at < end {
            let Some(p) = next_interesting(&w[..end], at) else { break };
            at = p + 1;
            match w[p] {
                b'!' | b'?' => {
                    if p == 0 || w[p - 1] != b'<' {
                        continue;
                    }
                    let abs = self.offset + (p as u64 - 1);
                    let declaration = w[p] == b'?'
                        && (abs == 0 || (abs == 3 && self.offset == 0 && w.starts_with(b"\xEF\xBB\xBF")));
                    if !declaration {
                        // A comment, CDATA, DOCTYPE or processing instruction may hide anything.
                        return Scan::Unsure;
                    }
                }
                _ => {
                    // 'g', the fourth byte of the name.
                    let Some(start) = p.checked_sub(3) else { continue };
                    if w.get(start..start + NAME.len()) != Some(NAME) {
                        continue;
                    }
                    let Some(lt) = element_start(w, start) else { return Scan::Unsure };
                    match w.get(start + NAME.len()) {
                        Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => {}
                        _ => return Scan::Unsure,
                    }
                    let mut f = Fragment { buf: w[lt..].to_vec(), ..Fragment::default() };
                    let result = f.step();
                    self.fragment = Some(f);
                    self.window = Vec::new();
                    return if last && result == Scan::More { Scan::Unsure } else { result };
                }
            }
        }
        let keep_from = self.window.len().saturating_sub(KEEP).min(end);
        self.examined = end - keep_from;
        self.offset += keep_from as u64;
        self.window.drain(..keep_from);
        Scan::More
    }
}

/// Where the element whose name begins at `name` starts: `<` right before it, or `<prefix:`;
/// only after the end of another tag (white space between). `None` when it is anything else.
fn element_start(w: &[u8], name: usize) -> Option<usize> {
    let mut lt = name.checked_sub(1)?;
    if w[lt] == b':' {
        loop {
            lt = lt.checked_sub(1)?;
            let b = w[lt];
            if b == b'<' {
                break;
            }
            if !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')) {
                return None;
            }
        }
        if lt + 2 == name {
            return None; // `<:mergeCells`
        }
    } else if w[lt] != b'<' {
        return None;
    }
    // The previous non-blank byte closes a tag (a hit too near the start of the part is fine
    // only at its very start, which cannot be: the root element comes first).
    let before = w[..lt].iter().rposition(|b| !b.is_ascii_whitespace())?;
    (w[before] == b'>').then_some(lt)
}

/// The next byte from `from` on that is `!`, `?` or `g`.
fn next_interesting(h: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut i = from;
    while i + BLOCK <= h.len() {
        let hit = h[i..i + BLOCK].iter().fold(false, |a, &x| a | (x == b'!') | (x == b'?') | (x == b'g'));
        if hit {
            break;
        }
        i += BLOCK;
    }
    h.get(i..)?.iter().position(|&x| matches!(x, b'!' | b'?' | b'g')).map(|p| p + i)
}

impl Fragment {
    /// Parses the complete tags buffered so far.
    fn step(&mut self) -> Scan {
        loop {
            let rest = &self.buf[self.pos..];
            let Some(lt) = rest.iter().position(|b| !b.is_ascii_whitespace()) else { return Scan::More };
            if rest[lt] != b'<' {
                return Scan::Unsure; // text inside the element
            }
            let Some(len) = tag_len(&rest[lt..]) else {
                return Scan::More;
            };
            let tag = &rest[lt + 1..lt + len - 1];
            self.pos += lt + len;
            if !tag.is_ascii() || tag.first().is_some_and(|b| matches!(b, b'!' | b'?')) {
                return Scan::Unsure;
            }
            if let Some(name) = tag.strip_prefix(b"/") {
                match local_name(name.trim_ascii()) {
                    b"mergeCells" => return Scan::Done(std::mem::take(&mut self.out)),
                    b"mergeCell" => continue,
                    _ => return Scan::Unsure,
                }
            }
            let (tag, empty) = match tag.strip_suffix(b"/") {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let name_len = tag.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(tag.len());
            let (name, attrs) = tag.split_at(name_len);
            match local_name(name) {
                b"mergeCells" if !self.opened => {
                    self.opened = true;
                    if empty {
                        return Scan::Done(Vec::new());
                    }
                }
                b"mergeCell" if self.opened => match first_ref(attrs) {
                    Ok(None) => {}
                    Ok(Some(r)) => match dimension(r) {
                        Some(d) => self.out.push(d),
                        None => return Scan::Unsure,
                    },
                    Err(()) => return Scan::Unsure,
                },
                _ => return Scan::Unsure,
            }
        }
    }
}

/// The length of the tag starting at `s[0] == b'<'`, through its `>`, quotes respected;
/// `None` when it is not complete yet.
fn tag_len(s: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in s.iter().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of the first attribute named exactly `ref`, read as calamine's raw attribute
/// iterator reads them; `Err` where it reports a malformed attribute first.
fn first_ref(raw: &[u8]) -> Result<Option<&[u8]>, ()> {
    let len = raw.len();
    let mut pos = 0;
    loop {
        while pos < len && raw[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= len {
            return Ok(None);
        }
        let key_start = pos;
        while pos < len && raw[pos] != b'=' {
            pos += 1;
        }
        if pos >= len {
            return Err(());
        }
        let key = raw[key_start..pos].trim_ascii_end();
        pos += 1;
        while pos < len && raw[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let quote = match raw.get(pos) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => return Err(()),
        };
        pos += 1;
        let val_start = pos;
        while pos < len && raw[pos] != quote {
            pos += 1;
        }
        let val = &raw[val_start..pos];
        if pos < len {
            pos += 1;
        }
        if key == b"ref" {
            return Ok(Some(val));
        }
    }
}

/// `A1:B2` or `A1` as calamine's `get_dimension` reads it; `None` where calamine fails (and
/// where its arithmetic would overflow, or the end lies before the start).
pub fn dimension(r: &[u8]) -> Option<Dimensions> {
    let mut parts = r.split(|&b| b == b':');
    let start = cell(parts.next()?)?;
    let end = match parts.next() {
        None => start,
        Some(p) => cell(p)?,
    };
    if parts.next().is_some() || end.0 < start.0 || end.1 < start.1 {
        return None;
    }
    Some(Dimensions { start, end })
}

fn cell(s: &[u8]) -> Option<(u32, u32)> {
    let mut i = 0;
    let (mut col, mut row) = (0u32, 0u32);
    while i < s.len() {
        match s[i] {
            c @ b'A'..=b'Z' => col = col.checked_mul(26)?.checked_add(u32::from(c - b'A') + 1)?,
            c @ b'a'..=b'z' => col = col.checked_mul(26)?.checked_add(u32::from(c - b'a') + 1)?,
            c @ b'0'..=b'9' => {
                row = u32::from(c - b'0');
                i += 1;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    while i < s.len() {
        match s[i] {
            c @ b'0'..=b'9' => row = row.checked_mul(10)?.checked_add(u32::from(c - b'0'))?,
            _ => return None,
        }
        i += 1;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// Inflates (or copies) one zip part's data into `scanner`, stopping at `max_out` bytes.
/// `None` when the data is not what the zip reader would accept or the scan is unsure.
pub fn scan_part(data: &[u8], method: u16, size: u64, max_out: u64) -> Option<Vec<Dimensions>> {
    let mut scanner = Scanner::new();
    let max = size.min(max_out);
    let done = match method {
        0 => {
            if data.len() as u64 != size || size > max_out {
                return None;
            }
            let mut r = Scan::More;
            for piece in data.chunks(64 * 1024) {
                r = scanner.feed(piece);
                if r != Scan::More {
                    break;
                }
            }
            r
        }
        8 => {
            let mut reader = inflate::Bounded::new(data, max);
            let mut piece = vec![0u8; 64 * 1024];
            loop {
                // Damage or a truncated stream: the zip reader fails too.
                let n = reader.read_bounded(&mut piece).ok()?;
                if n == 0 {
                    break Scan::More;
                }
                // A part inflating past its declared size (or the limit) makes the zip reader
                // fail, whatever the piece that reaches the cap holds: judged before feeding it.
                let past_cap = reader.produced() == max
                    && matches!(
                        reader.read_bounded(&mut [0u8; 1]),
                        Err(inflate::InflateError::TooLarge { .. })
                    );
                if past_cap {
                    return None;
                }
                let r = scanner.feed(&piece[..n]);
                if r != Scan::More {
                    break r;
                }
            }
        }
        _ => return None,
    };
    match done {
        Scan::More => match scanner.finish() {
            Scan::Done(d) => Some(d),
            _ => None,
        },
        Scan::Done(d) => Some(d),
        Scan::Unsure => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Corners = ((u32, u32), (u32, u32));

    fn dims(list: &[Corners]) -> Vec<Dimensions> {
        list.iter().map(|&(start, end)| Dimensions { start, end }).collect()
    }

    /// The whole text fed in pieces of every size from 1 byte: the answer never depends on
    /// where the pieces break.
    fn scan_all_ways(xml: &[u8]) -> Scan {
        let mut answers = Vec::new();
        for size in 1..=xml.len().max(1) {
            let mut s = Scanner::new();
            let mut r = Scan::More;
            for piece in xml.chunks(size) {
                r = s.feed(piece);
                if r != Scan::More {
                    break;
                }
            }
            if r == Scan::More {
                r = s.finish();
            }
            answers.push(r);
        }
        assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
        answers.swap_remove(0)
    }

    const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"x\"><dimension ref=\"A1:C3\"/><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData>";

    #[test]
    fn finds_the_merged_regions() {
        let xml = format!(
            "{HEAD}<mergeCells count=\"3\"><mergeCell ref=\"A1:C1\"/><mergeCell ref=\"B2:B4\"></mergeCell>\n  <mergeCell ref=\"AA10\" /></mergeCells><pageMargins left=\"0.7\"/></worksheet>"
        );
        assert_eq!(
            scan_all_ways(xml.as_bytes()),
            Scan::Done(dims(&[((0, 0), (0, 2)), ((1, 1), (3, 1)), ((9, 26), (9, 26))]))
        );
        // A namespace prefix, single quotes, another attribute first, a mergeCell without ref.
        let xml = format!(
            "{HEAD}\n<x:mergeCells><x:mergeCell x=\"1\" ref='c3:d$4'/><x:mergeCell/><x:mergeCell ref=\"E5:F6\" ref=\"A1\"/></x:mergeCells></worksheet>"
        );
        assert_eq!(scan_all_ways(xml.as_bytes()), Scan::Unsure, "`$` is refused by calamine");
        let xml = format!(
            "{HEAD}\n<x:mergeCells><x:mergeCell x=\"1\" ref='c3:d4'/><x:mergeCell/><x:mergeCell ref=\"E5:F6\" ref=\"A1\"/></x:mergeCells></worksheet>"
        );
        assert_eq!(scan_all_ways(xml.as_bytes()), Scan::Done(dims(&[((2, 2), (3, 3)), ((4, 4), (5, 5))])));
    }

    #[test]
    fn no_or_empty_merged_regions() {
        let xml = format!("{HEAD}<pageMargins left=\"0.7\"/></worksheet>");
        assert_eq!(scan_all_ways(xml.as_bytes()), Scan::Done(Vec::new()));
        let xml = format!("{HEAD}<mergeCells count=\"0\"/></worksheet>");
        assert_eq!(scan_all_ways(xml.as_bytes()), Scan::Done(Vec::new()));
        assert_eq!(scan_all_ways(b""), Scan::Done(Vec::new()));
    }

    #[test]
    fn doubt_is_left_to_calamine() {
        for xml in [
            // a comment, CDATA, a processing instruction
            format!("{HEAD}<!-- <mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells> --></worksheet>"),
            format!(
                "{HEAD}<x><![CDATA[a]]></x><mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>"
            ),
            format!("{HEAD}<?pi x?><mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>"),
            // the name as text, as a longer name, not after a tag
            format!("{HEAD}<x>mergeCells</x></worksheet>"),
            format!("{HEAD}<mergeCellsX/></worksheet>"),
            format!("{HEAD}<x a=\"<mergeCells>\"/></worksheet>"),
            // anything else inside, an unfinished element, references calamine refuses
            format!("{HEAD}<mergeCells><other/></mergeCells></worksheet>"),
            format!("{HEAD}<mergeCells>text<mergeCell ref=\"A1\"/></mergeCells></worksheet>"),
            format!("{HEAD}<mergeCells><mergeCell ref=\"A1:B1\"/>"),
            format!("{HEAD}<mergeCells><mergeCell ref=\"A1:B2:C3\"/></mergeCells>"),
            format!("{HEAD}<mergeCells><mergeCell ref=\"B2:A1\"/></mergeCells>"),
            format!("{HEAD}<mergeCells><mergeCell ref=\"A0\"/></mergeCells>"),
            format!("{HEAD}<mergeCells><mergeCell ref=\"1:2\"/></mergeCells>"),
            format!("{HEAD}<mergeCells><mergeCell ref=A1/></mergeCells>"),
            format!("{HEAD}<mergeCells><mergeCell ref=\"A99999999999\"/></mergeCells>"),
        ] {
            assert_eq!(scan_all_ways(xml.as_bytes()), Scan::Unsure, "{xml}");
        }
        assert_eq!(scan_all_ways(b"\xFF\xFE<\0w\0"), Scan::Unsure);
    }

    #[test]
    fn reads_references_as_calamine() {
        assert_eq!(dimension(b"A1"), Some(Dimensions { start: (0, 0), end: (0, 0) }));
        assert_eq!(
            dimension(b"XFD1048576"),
            Some(Dimensions { start: (1_048_575, 16_383), end: (1_048_575, 16_383) })
        );
        assert_eq!(dimension(b"b2:AB30"), Some(Dimensions { start: (1, 1), end: (29, 27) }));
        assert_eq!(dimension(b""), None);
        assert_eq!(dimension(b"A1:"), None);
        assert_eq!(dimension(b"A 1"), None);
    }

    #[test]
    fn scans_stored_and_deflated_parts() {
        use std::io::Write;
        let xml = format!("{HEAD}<mergeCells><mergeCell ref=\"A1:C1\"/></mergeCells></worksheet>");
        let want = Some(dims(&[((0, 0), (0, 2))]));
        let size = xml.len() as u64;
        assert_eq!(scan_part(xml.as_bytes(), 0, size, 1 << 20), want);
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(xml.as_bytes()).unwrap();
        let packed = z.finish().unwrap();
        assert_eq!(scan_part(&packed, 8, size, 1 << 20), want);
        // More out than declared or allowed, a truncated stream, an unknown method.
        assert_eq!(scan_part(&packed, 8, size - 40, 1 << 20), None);
        assert_eq!(scan_part(&packed, 8, size, size - 40), None);
        assert_eq!(scan_part(&packed[..packed.len() / 2], 8, size, 1 << 20), None);
        assert_eq!(scan_part(&packed, 12, size, 1 << 20), None);
    }
}
