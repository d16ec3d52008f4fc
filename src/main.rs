//! budaya-kerja: parse the flags, run the command, map the outcome to an exit code
//! (SPEC §2: 0 done, 3 done with input problems, 1 failure, 2 usage error).

use std::process::ExitCode;

use budaya_kerja::cli::{self, Command};
use budaya_kerja::cmd::{self, Outcome};

fn main() -> ExitCode {
    let cli = match cli::parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(stop) => {
            stop.print();
            return ExitCode::from(stop.exit_code());
        }
    };
    let result = match &cli.command {
        Command::Report(args) => cmd::report::run(&cli.common, args),
        Command::Check(args) => cmd::check::run(&cli.common, args),
        Command::Template(args) => cmd::template::run(&cli.common, args),
        Command::Risalah(args) => cmd::risalah::run(&cli.common, args),
        Command::Config(args) => cmd::config::run(args),
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut cli::command(), "budaya-kerja", &mut std::io::stdout());
            Ok(Outcome::Ok)
        }
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::InputProblems) => ExitCode::from(3),
        Err(e) if e.exit_code() == 75 => {
            eprintln!("budaya-kerja: {e}");
            ExitCode::from(75)
        }
        Err(e) => {
            eprintln!("budaya-kerja: GAGAL: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
