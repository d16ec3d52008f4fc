//! `template` / `templat` (SPEC §7): fill-in workbooks for the units. Being written.

use crate::cli::{Common, TemplateArgs};
use crate::cmd::{Failure, Outcome};

pub fn run(_common: &Common, _args: &TemplateArgs) -> Result<Outcome, Failure> {
    Err(Failure::Other("templat belum tersedia".into()))
}
