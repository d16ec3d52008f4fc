//! `risalah` (SPEC §11.3): a KBK group's risalah as a PDF, drafted from the data in `input/`,
//! or every group's with `--semua`.

use crate::cli::{Common, RisalahArgs};
use crate::cmd::{Failure, Outcome};

pub fn run(_common: &Common, _args: &RisalahArgs) -> Result<Outcome, Failure> {
    Err(Failure::Internal)
}
