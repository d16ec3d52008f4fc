//! A small DEFLATE decoder (RFC 1951, after zlib's `puff.c`), used only to *look at* one
//! zip part before calamine reads it (the `.ods` `content.xml`, whose repeat attributes can
//! make a few bytes of XML into gigabytes of cells). It streams its output in pieces to a
//! callback, keeps only the 32 KiB window back-references need, and stops at a byte limit, so
//! it never holds more than ~100 KiB whatever the input. Any malformed input is an error,
//! never a panic.

/// Why inflating stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InflateError {
    /// The compressed data ended early.
    Truncated,
    /// Not valid DEFLATE data.
    Invalid(&'static str),
    /// More than the allowed number of bytes came out.
    TooLarge,
    /// The callback asked to stop.
    Stopped,
}

const WINDOW: usize = 32 * 1024;
const FLUSH_AT: usize = 3 * WINDOW;
const MAXBITS: usize = 15;

const LBASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
    227, 258,
];
const LEXT: [u8; 29] =
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DBASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
    4097, 6145, 8193, 12289, 16385, 24577,
];
const DEXT: [u8; 30] =
    [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u64,
    cnt: u32,
}

impl Bits<'_> {
    fn bits(&mut self, need: u32) -> Result<u32, InflateError> {
        while self.cnt < need {
            let b = *self.data.get(self.pos).ok_or(InflateError::Truncated)?;
            self.pos += 1;
            self.buf |= u64::from(b) << self.cnt;
            self.cnt += 8;
        }
        let v = (self.buf & ((1u64 << need) - 1)) as u32;
        self.buf >>= need;
        self.cnt -= need;
        Ok(v)
    }

    fn bit(&mut self) -> Result<i32, InflateError> {
        if self.cnt == 0 {
            let b = *self.data.get(self.pos).ok_or(InflateError::Truncated)?;
            self.pos += 1;
            self.buf = u64::from(b);
            self.cnt = 8;
        }
        let v = (self.buf & 1) as i32;
        self.buf >>= 1;
        self.cnt -= 1;
        Ok(v)
    }
}

struct Huffman {
    count: [i32; MAXBITS + 1],
    symbol: Vec<u16>,
}

/// Builds a canonical code from code lengths; returns it with the number of unused codes
/// (0 complete, > 0 incomplete) or an error when over-subscribed.
fn construct(lengths: &[u8]) -> Result<(Huffman, i32), InflateError> {
    let mut count = [0i32; MAXBITS + 1];
    for &l in lengths {
        count[usize::from(l).min(MAXBITS)] += 1;
    }
    let mut h = Huffman { count, symbol: vec![0; lengths.len()] };
    if h.count[0] as usize == lengths.len() {
        return Ok((h, 0));
    }
    let mut left = 1i32;
    for len in 1..=MAXBITS {
        left <<= 1;
        left -= h.count[len];
        if left < 0 {
            return Err(InflateError::Invalid("kode Huffman berlebih"));
        }
    }
    let mut offs = [0usize; MAXBITS + 2];
    for len in 1..=MAXBITS {
        offs[len + 1] = offs[len] + h.count[len] as usize;
    }
    for (sym, &l) in lengths.iter().enumerate() {
        if l != 0 {
            let l = usize::from(l);
            if let Some(slot) = h.symbol.get_mut(offs[l]) {
                *slot = sym as u16;
            }
            offs[l] += 1;
        }
    }
    Ok((h, left))
}

fn decode(bits: &mut Bits<'_>, h: &Huffman) -> Result<u16, InflateError> {
    let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
    for len in 1..=MAXBITS {
        code |= bits.bit()?;
        let count = h.count[len];
        if code - count < first {
            return h
                .symbol
                .get((index + (code - first)) as usize)
                .copied()
                .ok_or(InflateError::Invalid("simbol di luar tabel"));
        }
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    Err(InflateError::Invalid("kode Huffman tidak lengkap"))
}

struct Out<'s> {
    buf: Vec<u8>,
    total: u64,
    max: u64,
    sink: &'s mut dyn FnMut(&[u8]) -> bool,
}

impl Out<'_> {
    fn push(&mut self, b: u8) -> Result<(), InflateError> {
        if self.total >= self.max {
            return Err(InflateError::TooLarge);
        }
        self.buf.push(b);
        self.total += 1;
        if self.buf.len() >= FLUSH_AT {
            let upto = self.buf.len() - WINDOW;
            if !(self.sink)(&self.buf[..upto]) {
                return Err(InflateError::Stopped);
            }
            self.buf.drain(..upto);
        }
        Ok(())
    }

    fn copy(&mut self, dist: usize, len: usize) -> Result<(), InflateError> {
        if dist as u64 > self.total || dist > self.buf.len() {
            return Err(InflateError::Invalid("jarak terlalu jauh ke belakang"));
        }
        for _ in 0..len {
            let at = self.buf.len() - dist;
            let b = self.buf[at];
            self.push(b)?;
        }
        Ok(())
    }
}

/// Inflates raw DEFLATE `data`, handing the output to `sink` in pieces (return `false` to
/// stop). At most `max_out` bytes come out; returns how many did.
pub fn inflate(data: &[u8], max_out: u64, sink: &mut dyn FnMut(&[u8]) -> bool) -> Result<u64, InflateError> {
    let mut bits = Bits { data, pos: 0, buf: 0, cnt: 0 };
    let mut out = Out { buf: Vec::with_capacity(FLUSH_AT + 1), total: 0, max: max_out, sink };
    loop {
        let last = bits.bits(1)?;
        match bits.bits(2)? {
            0 => stored(&mut bits, &mut out)?,
            1 => {
                let (lencode, distcode) = fixed()?;
                codes(&mut bits, &mut out, &lencode, &distcode)?;
            }
            2 => {
                let (lencode, distcode) = dynamic(&mut bits)?;
                codes(&mut bits, &mut out, &lencode, &distcode)?;
            }
            _ => return Err(InflateError::Invalid("jenis blok tidak dikenal")),
        }
        if last == 1 {
            break;
        }
    }
    if !out.buf.is_empty() && !(out.sink)(&out.buf) {
        return Err(InflateError::Stopped);
    }
    Ok(out.total)
}

fn stored(bits: &mut Bits<'_>, out: &mut Out<'_>) -> Result<(), InflateError> {
    // Drop the rest of the current byte (fewer than 8 bits are ever buffered).
    bits.buf = 0;
    bits.cnt = 0;
    let head = bits.data.get(bits.pos..bits.pos + 4).ok_or(InflateError::Truncated)?;
    let len = u16::from_le_bytes([head[0], head[1]]);
    let nlen = u16::from_le_bytes([head[2], head[3]]);
    if len != !nlen {
        return Err(InflateError::Invalid("panjang blok tersimpan tidak cocok"));
    }
    bits.pos += 4;
    let body = bits.data.get(bits.pos..bits.pos + usize::from(len)).ok_or(InflateError::Truncated)?;
    bits.pos += usize::from(len);
    for &b in body {
        out.push(b)?;
    }
    Ok(())
}

fn fixed() -> Result<(Huffman, Huffman), InflateError> {
    let mut lengths = [0u8; 288];
    for (sym, l) in lengths.iter_mut().enumerate() {
        *l = match sym {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
    }
    let (lencode, _) = construct(&lengths)?;
    let (distcode, _) = construct(&[5u8; 30])?;
    Ok((lencode, distcode))
}

fn dynamic(bits: &mut Bits<'_>) -> Result<(Huffman, Huffman), InflateError> {
    let nlen = bits.bits(5)? as usize + 257;
    let ndist = bits.bits(5)? as usize + 1;
    let ncode = bits.bits(4)? as usize + 4;
    if nlen > 286 || ndist > 30 {
        return Err(InflateError::Invalid("jumlah kode terlalu banyak"));
    }
    let mut lengths = [0u8; 320];
    for &o in ORDER.iter().take(ncode) {
        lengths[o] = bits.bits(3)? as u8;
    }
    let (lencode, left) = construct(&lengths[..19])?;
    if left != 0 {
        return Err(InflateError::Invalid("kode panjang tidak lengkap"));
    }
    let mut index = 0;
    while index < nlen + ndist {
        let sym = decode(bits, &lencode)?;
        if sym < 16 {
            lengths[index] = sym as u8;
            index += 1;
            continue;
        }
        let (len, rep) = match sym {
            16 => {
                let prev = *lengths
                    .get(index.wrapping_sub(1))
                    .ok_or(InflateError::Invalid("ulangan tanpa panjang"))?;
                (prev, 3 + bits.bits(2)? as usize)
            }
            17 => (0, 3 + bits.bits(3)? as usize),
            _ => (0, 11 + bits.bits(7)? as usize),
        };
        if index + rep > nlen + ndist {
            return Err(InflateError::Invalid("terlalu banyak panjang kode"));
        }
        for l in &mut lengths[index..index + rep] {
            *l = len;
        }
        index += rep;
    }
    if lengths[256] == 0 {
        return Err(InflateError::Invalid("tanpa kode akhir blok"));
    }
    let (lencode, left) = construct(&lengths[..nlen])?;
    if left > 0 && nlen as i32 != lencode.count[0] + lencode.count[1] {
        return Err(InflateError::Invalid("kode panjang literal tidak lengkap"));
    }
    let (distcode, left) = construct(&lengths[nlen..nlen + ndist])?;
    if left > 0 && ndist as i32 != distcode.count[0] + distcode.count[1] {
        return Err(InflateError::Invalid("kode jarak tidak lengkap"));
    }
    Ok((lencode, distcode))
}

fn codes(
    bits: &mut Bits<'_>,
    out: &mut Out<'_>,
    lencode: &Huffman,
    distcode: &Huffman,
) -> Result<(), InflateError> {
    loop {
        let sym = decode(bits, lencode)?;
        match sym {
            0..=255 => out.push(sym as u8)?,
            256 => return Ok(()),
            _ => {
                let s = usize::from(sym - 257);
                if s >= 29 {
                    return Err(InflateError::Invalid("simbol panjang tidak sah"));
                }
                let len = usize::from(LBASE[s]) + bits.bits(u32::from(LEXT[s]))? as usize;
                let ds = usize::from(decode(bits, distcode)?);
                if ds >= 30 {
                    return Err(InflateError::Invalid("simbol jarak tidak sah"));
                }
                let dist = usize::from(DBASE[ds]) + bits.bits(u32::from(DEXT[ds]))? as usize;
                out.copy(dist, len)?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &[u8], max: u64) -> Result<Vec<u8>, InflateError> {
        let mut got = Vec::new();
        inflate(data, max, &mut |b| {
            got.extend_from_slice(b);
            true
        })?;
        Ok(got)
    }

    #[test]
    fn stored_and_fixed_blocks() {
        // A stored block holding "abc".
        assert_eq!(all(&[0x01, 0x03, 0x00, 0xFC, 0xFF, b'a', b'b', b'c'], 100).unwrap(), b"abc");
        // zlib's fixed-Huffman encoding of "aaaaaaaaaa" (raw deflate).
        assert_eq!(all(&[0x4B, 0x4C, 0x84, 0x01, 0x00], 100).unwrap(), b"aaaaaaaaaa");
        assert_eq!(all(&[0x4B, 0x4C, 0x84, 0x01, 0x00], 5), Err(InflateError::TooLarge));
        assert_eq!(all(&[0x4B, 0x4C], 100), Err(InflateError::Truncated));
        assert!(matches!(all(&[0x07], 100), Err(InflateError::Invalid(_))));
        assert!(all(&[], 100).is_err());
    }
}
