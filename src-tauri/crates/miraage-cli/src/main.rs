//! `miraage-cli`: the headless face of Miraage's core, for power users, tests and benchmarks.

mod args;
mod commands;
mod display;
mod error;
mod parse;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("miraage-cli: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Rust ignores SIGPIPE, so printing into a closed pipe (`miraage-cli events … | head -1`)
/// would panic; a command-line tool should end quietly instead, as `cat` does.
#[allow(unsafe_code)] // The one unsafe call of the workspace: libc has no safe form of it.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread starts; it only resets the
    // disposition of one signal to the system default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
