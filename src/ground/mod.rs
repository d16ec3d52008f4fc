//! The ground every stage stands on and that stands on no stage: the model (records, persons,
//! units, provenance, issues), the settings, the status-code table, Indonesian text and number
//! formats, packed sort keys, atomic file writes and the few platform calls. A module here
//! imports only other modules here (tests/it/architecture.rs holds that).

pub mod clock;
pub mod codes;
pub mod fsio;
pub mod kbk;
pub mod model;
pub mod packing;
pub mod platform;
pub mod schedule;
pub mod settings;
pub mod text;

/// The tool's version: part of every cache key and manifest, so a new version redoes all.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
