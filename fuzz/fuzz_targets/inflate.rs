//! The guard's own DEFLATE decoder (`ingest::workbook::inflate`, used to look into an .ods
//! `content.xml` before calamine reads it) against flate2: whatever flate2 inflates completely
//! within the limit, the guard must inflate to the same bytes — else an .ods could hide rows
//! from the guard that calamine then reads. No panic, no output past the limit.
#![no_main]

use budaya_kerja::ingest::workbook::inflate::{InflateError, inflate};
use libfuzzer_sys::fuzz_target;

const LIMIT: u64 = 1 << 22;

fuzz_target!(|data: &[u8]| {
    let mut mine = Vec::new();
    let got = inflate(data, LIMIT, &mut |c| {
        mine.extend_from_slice(c);
        true
    });
    assert!(mine.len() as u64 <= LIMIT);
    if let Ok(n) = got {
        assert_eq!(n, mine.len() as u64);
    }

    let mut d = flate2::Decompress::new(false);
    let mut reference: Vec<u8> = Vec::with_capacity(64 * 1024);
    let complete = loop {
        if reference.len() == reference.capacity() {
            if reference.len() as u64 > LIMIT {
                break false;
            }
            reference.reserve(64 * 1024);
        }
        let before = (d.total_in(), d.total_out());
        let input = &data[d.total_in() as usize..];
        match d.decompress_vec(input, &mut reference, flate2::FlushDecompress::Finish) {
            Ok(flate2::Status::StreamEnd) => break true,
            Ok(_) if (d.total_in(), d.total_out()) == before => break false,
            Ok(_) => {}
            Err(_) => break false,
        }
    };
    if complete && reference.len() as u64 <= LIMIT {
        assert_eq!(got, Ok(reference.len() as u64), "flate2 inflates it, the guard says {got:?}");
        assert!(mine == reference, "different bytes");
    }
    if got.is_ok() && complete {
        assert!(mine == reference);
    }
    let _ = InflateError::TooLarge;
});
