//! `diagnostics`: versions, each account's last syncs, edits waiting, the log's last lines;
//! the report to paste into a bug report (no secret, no title in it).

use super::{print_json, Context};
use crate::error::Result;
use miraage_services::{diagnostics, logging};

pub fn run(ctx: &Context, json: bool, level: Option<String>) -> Result<()> {
    let mut store = ctx.open_store()?;
    if let Some(level) = level {
        let saved = logging::save_level(&mut store, &level)?;
        eprintln!("The log level is {} from the next start (MIRAAGE_LOG overrides it).", saved.as_str());
    }
    let level = logging::start(&store);
    let view = diagnostics::view(&store, &logging::log_dir(), &level.as_str().to_ascii_lowercase())?;
    if json {
        return print_json(&view);
    }
    print!("{}", view.report);
    println!("\nLog files: {}", view.log_dir);
    Ok(())
}
