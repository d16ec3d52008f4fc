//! The bounded inflater (`ingest::workbook::inflate::Bounded`, flate2 behind a cap, used to look
//! into an .ods `content.xml` or an xlsx sheet part before calamine reads it) against plain
//! flate2: no panic, never more than the cap out, and the same bytes as flate2 up to the cap —
//! else an .ods could hide rows from the guard that calamine then reads. Each input is tried
//! under a large cap and under a cap that cuts it.
#![no_main]

use std::io::Read;

use budaya_kerja::ingest::workbook::inflate::{Bounded, InflateError};
use libfuzzer_sys::fuzz_target;

const LIMIT: u64 = 1 << 22;

/// Plain flate2, at most `LIMIT + 1` bytes kept: the output and whether the stream ended.
fn reference(data: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let decoder = flate2::bufread::DeflateDecoder::new(data);
    let complete = decoder.take(LIMIT + 1).read_to_end(&mut out).is_ok() && out.len() as u64 <= LIMIT;
    (out, complete)
}

/// The bounded reader under `cap`: its output and how it stopped.
fn bounded(data: &[u8], cap: u64) -> (Vec<u8>, Result<(), InflateError>) {
    let mut reader = Bounded::new(data, cap);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 4096];
    let end = loop {
        match reader.read_bounded(&mut buf) {
            Ok(0) => break Ok(()),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) => break Err(e),
        }
    };
    assert_eq!(reader.produced(), out.len() as u64);
    (out, end)
}

fuzz_target!(|data: &[u8]| {
    let (expected, complete) = reference(data);
    let cut = (expected.len() as u64 / 2).max(1);
    for cap in [LIMIT, cut] {
        let (got, end) = bounded(data, cap);
        assert!(got.len() as u64 <= cap, "{} bytes out under a cap of {cap}", got.len());
        // Output before a damaged spot may come in pieces of other sizes: the shorter one is a prefix.
        let common = got.len().min(expected.len());
        assert!(got[..common] == expected[..common], "different bytes from flate2");
        let whole = complete && expected.len() as u64 <= cap;
        match end {
            Ok(()) => assert!(whole && got == expected, "ended early: {} of {} bytes", got.len(), expected.len()),
            Err(InflateError::TooLarge { limit }) => {
                assert_eq!(limit, cap);
                assert_eq!(got.len() as u64, cap, "stopped for size before the cap");
                assert!(!complete || expected.len() as u64 > cap, "flate2 says it fits");
            }
            Err(_) => assert!(!complete, "flate2 inflates it, the bounded reader fails"),
        }
    }
});
