//! `config --default`: print the embedded default configuration, commented.

use crate::cli::ConfigArgs;
use crate::cmd::{Failure, Outcome};

pub fn run(args: &ConfigArgs) -> Result<Outcome, Failure> {
    if !args.default {
        return Err(Failure::ConfigUsage);
    }
    print!("{}", crate::ground::settings::default_config_text());
    Ok(Outcome::Ok)
}
