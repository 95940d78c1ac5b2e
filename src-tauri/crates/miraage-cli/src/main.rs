//! `miraage-cli`: the headless face of Miraage's core, for power users, tests and benchmarks.

mod args;
mod commands;
mod error;
mod parse;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("miraage-cli: error: {e}");
            ExitCode::FAILURE
        }
    }
}
