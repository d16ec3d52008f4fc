//! One deflated zip part, inflated by flate2 behind a cap: [`Bounded`] hands out at most `limit`
//! bytes and then stops with [`InflateError::TooLarge`], so a few KiB of hostile data never
//! become gigabytes in memory. Used to *look at* a part before calamine reads it (an `.ods`
//! `content.xml`, an xlsx sheet's `<mergeCells>`); only the decoder's window and one buffer held.

use std::io::{self, Read};

use flate2::bufread::DeflateDecoder;

/// Why inflating stopped before the end of the stream.
#[derive(Debug, thiserror::Error)]
pub enum InflateError {
    /// The stream holds more than the cap; the first `limit` bytes came out.
    #[error("data mengembang lebih dari {limit} byte")]
    TooLarge { limit: u64 },
    /// The compressed data ended before the end of the stream.
    #[error("data DEFLATE terpotong")]
    Truncated,
    /// Not valid DEFLATE data.
    #[error("bukan data DEFLATE yang sah ({0})")]
    Invalid(io::Error),
}

impl From<io::Error> for InflateError {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::UnexpectedEof => Self::Truncated,
            _ => Self::Invalid(e),
        }
    }
}

/// Raw DEFLATE data (a zip part, method 8) as a reader that never yields more than `limit`
/// bytes: past them it fails with [`InflateError::TooLarge`] (wrapped in an `io::Error` when
/// read through [`Read`]; [`Bounded::read_bounded`] gives it typed).
pub struct Bounded<'a> {
    decoder: DeflateDecoder<&'a [u8]>,
    produced: u64,
    limit: u64,
}

impl<'a> Bounded<'a> {
    pub fn new(data: &'a [u8], limit: u64) -> Self {
        Self { decoder: DeflateDecoder::new(data), produced: 0, limit }
    }

    /// Bytes handed out so far.
    pub fn produced(&self) -> u64 {
        self.produced
    }

    /// Like [`Read::read`]: `Ok(0)` at the end of the stream.
    pub fn read_bounded(&mut self, buf: &mut [u8]) -> Result<usize, InflateError> {
        if buf.is_empty() {
            return Ok(0);
        }
        let left = self.limit - self.produced;
        if left == 0 {
            // At the cap: one more byte says whether the stream really ends here.
            let mut probe = [0u8; 1];
            return match self.decoder.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(InflateError::TooLarge { limit: self.limit }),
            };
        }
        let room = usize::try_from(left).map_or(buf.len(), |left| buf.len().min(left));
        let n = self.decoder.read(&mut buf[..room])?;
        self.produced += n as u64;
        Ok(n)
    }
}

impl Read for Bounded<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.read_bounded(buf).map_err(io::Error::other)
    }
}

/// The size of the pieces handed to a scanner.
const PIECE: usize = 64 * 1024;

/// Inflates `data`, handing the output to `sink` in pieces until it returns `false` (an early
/// stop is no error); at most `limit` bytes come out.
pub fn inflate_into(
    data: &[u8],
    limit: u64,
    sink: &mut dyn FnMut(&[u8]) -> bool,
) -> Result<(), InflateError> {
    let mut reader = Bounded::new(data, limit);
    let mut buf = vec![0u8; PIECE];
    loop {
        let n = reader.read_bounded(&mut buf)?;
        if n == 0 || !sink(&buf[..n]) {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(data: &[u8], limit: u64) -> Result<Vec<u8>, InflateError> {
        let mut got = Vec::new();
        inflate_into(data, limit, &mut |b| {
            got.extend_from_slice(b);
            true
        })?;
        Ok(got)
    }

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(bytes).unwrap();
        z.finish().unwrap()
    }

    #[test]
    fn stops_at_the_cap_and_at_damage() {
        let data = deflate(&[b'a'; 100_000]);
        assert_eq!(all(&data, 100_000).unwrap().len(), 100_000, "exactly the cap is fine");
        assert!(matches!(all(&data, 99_999), Err(InflateError::TooLarge { limit: 99_999 })));
        assert!(matches!(all(&data[..data.len() - 3], 200_000), Err(InflateError::Truncated)));
        assert!(matches!(all(&[0x07], 100), Err(InflateError::Invalid(_))));
        assert!(all(&[], 100).is_err());
    }

    #[test]
    fn the_first_limit_bytes_come_out_before_too_large() {
        let text: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 23) as u8).collect();
        let data = deflate(&text);
        let mut reader = Bounded::new(&data, 150_000);
        let mut got = Vec::new();
        let err = reader.read_to_end(&mut got).unwrap_err();
        assert_eq!(got, text[..150_000]);
        assert_eq!(reader.produced(), 150_000);
        let inner = err.get_ref().and_then(|e| e.downcast_ref::<InflateError>());
        assert!(matches!(inner, Some(InflateError::TooLarge { .. })), "{err:?}");
    }
}
