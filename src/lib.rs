//! budaya-kerja: the monthly work-culture report of the Bagian Organisasi, Pemerintah Kota
//! Mojokerto. The data flows one way, and the modules are its stages, each importing only the
//! ground and the stage before it: ingest → reconcile → metrics → render → publish; `cmd`
//! wires them. See ARCHITECTURE.md.

#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod cmd;
pub mod ground;
pub mod ingest;
pub mod metrics;
pub mod publish;
pub mod reconcile;
pub mod render;
