#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Integration tests: the real binary, driven from the outside on input folders built in the
//! test with rust_xlsxwriter (or copied from tests/fixtures/); outputs re-read with calamine
//! (XLSX) and pdftotext (PDF).

mod architecture;
mod cli_id;
mod clock_examples;
mod clock_layouts;
mod clock_outputs;
mod common;
mod config_errors;
mod formats;
mod hostile;
mod incremental;
mod invariants;
mod kbk_layouts;
mod kbk_metrics;
mod multimonth;
mod nightly;
mod operator_log;
mod pipeline;
mod risalah;
mod template;
mod template_kbk;
