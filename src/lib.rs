//! budaya-kerja: the monthly work-culture report of the Bagian Organisasi, Pemerintah Kota
//! Mojokerto. The data flows one way: discover → read → detect → normalise → reconcile →
//! aggregate → render → publish. See ARCHITECTURE.md.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod cache;
pub mod cli;
pub mod cmd;
pub mod ingest;
pub mod metrics;
pub mod model;
pub mod platform;
pub mod publish;
pub mod reconcile;
pub mod render;
pub mod report;
pub mod settings;
