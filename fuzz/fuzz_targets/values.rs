//! The value parsers (SPEC §3.5) on arbitrary text: no panic, and the answers stay inside the
//! rules (finite numbers, dates in a real calendar, NIPs of 18 digits).
#![no_main]

use std::sync::OnceLock;

use budaya_kerja::ground::codes::CodeTable;
use budaya_kerja::ground::text::{norm_key, norm_name};
use budaya_kerja::ingest::values::{
    NipValue, month_from_file_name, month_from_name, parse_date_text, parse_month_text, parse_nip_text,
    parse_number_text, parse_rating, split_nama_nip, weekday_from_name,
};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

static CODES: OnceLock<CodeTable> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s = s.as_ref();
    common::guarded(|| {
        if let Ok(d) = parse_date_text(s) {
            let _ = d.date.format("%Y-%m-%d").to_string();
        }
        match parse_nip_text(s) {
            NipValue::Nip(n) => assert!(n.len() == 18 && n.bytes().all(|b| b.is_ascii_digit()), "{n:?}"),
            NipValue::Nik(n) => assert!(n.bytes().all(|b| b.is_ascii_digit()), "{n:?}"),
            _ => {}
        }
        if let Some(x) = parse_number_text(s) {
            assert!(x.is_finite(), "{s:?} → {x}");
        }
        if let Some(m) = parse_month_text(s) {
            let _ = (m.first_day(), m.last_day());
        }
        if let Some(m) = month_from_file_name(s) {
            let _ = (m.first_day(), m.last_day());
        }
        let (name, nip) = split_nama_nip(s);
        let _ = parse_nip_text(&nip);
        let _ = norm_name(&name);
        let _ = norm_key(s);
        let _ = month_from_name(s);
        let _ = weekday_from_name(s);
        let _ = parse_rating(s);
        let codes = CODES.get_or_init(|| CodeTable::new(&[]).unwrap_or_else(|e| panic!("{e}")));
        let _ = codes.lookup(s);
    });
});
