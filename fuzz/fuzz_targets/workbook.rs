//! A whole workbook from bytes, the way the nightly run meets it: written to a file named
//! .xlsx / .xls / .ods / .xlsb (by the last byte, which no format cares much about), then `ingest::read_file` — format sniffing,
//! the guards, calamine, table detection and the layouts. Every other input goes straight to
//! `ingest::workbook::open` with tiny limits instead, so the guards' refusals are explored too.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use budaya_kerja::ingest::detect::HeaderVocabulary;
use budaya_kerja::ingest::discover::Found;
use budaya_kerja::ingest::read_file;
use budaya_kerja::ingest::workbook::{ReadLimits, SheetContent, open};
use budaya_kerja::ground::settings::Settings;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

struct Env {
    settings: Settings,
    vocab: HeaderVocabulary,
    dir: PathBuf,
}

static ENV: OnceLock<Env> = OnceLock::new();

fn env() -> &'static Env {
    ENV.get_or_init(|| {
        let mut settings = Settings::embedded().unwrap_or_else(|e| panic!("{e}"));
        settings.config.batas.sel_per_lembar = 200_000;
        let vocab = HeaderVocabulary::new(&settings);
        let dir = std::env::temp_dir().join(format!("bk-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        Env { settings, vocab, dir }
    })
}

const EXT: [&str; 5] = ["xlsx", "xls", "ods", "xlsb", "xlsm"];

fuzz_target!(|data: &[u8]| {
    let env = env();
    let last = data.last().copied().unwrap_or(0);
    let ext = EXT[usize::from(last) % EXT.len()];
    let tight = last & 0x80 != 0;
    common::guarded(|| {
        if tight {
            let limits = ReadLimits { cells_per_sheet: 2_000, zip_part_bytes: 1 << 20, chars_per_cell: 200 };
            if let Ok(wb) = open(&PathBuf::from(format!("x.{ext}")), data.to_vec(), limits) {
                for sheet in wb.sheets {
                    if let SheetContent::Visible(grid) = sheet.content {
                        assert!((grid.height() as u64) * (grid.width() as u64) <= 2_000);
                        for row in &grid.rows {
                            for cell in row {
                                if let budaya_kerja::ingest::workbook::Cell::Text(t) = cell {
                                    assert!(t.chars().count() <= 200);
                                }
                            }
                        }
                    }
                }
            }
            return;
        }
        let path = env.dir.join(format!("input.{ext}"));
        if std::fs::write(&path, data).is_err() {
            return;
        }
        let found = Found { path, rel: format!("input.{ext}"), skip: None, listed: true, harmless: false };
        let result = read_file(&found, &env.settings, &env.vocab);
        for sheet in &result.sheets {
            let _ = format!("{:?}", sheet.status);
        }
    });
});
