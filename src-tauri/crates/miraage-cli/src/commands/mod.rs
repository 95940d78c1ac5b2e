//! One module per subcommand; each opens the store it needs and prints its result.

mod accounts;
mod calendars;
mod demo;
mod events;
mod export;
mod import;
mod parse;
mod plan;
mod sync;
mod preview;
mod tasks;

use crate::args::{Cli, Command};
use crate::error::{CliError, Result};
use chrono_tz::Tz;
use miraage_store::Store;
use std::path::PathBuf;

/// What every command gets: where the database is and the zone to read and show dates in.
pub struct Context {
    pub db: PathBuf,
    pub zone: Tz,
}

impl Context {
    pub fn open_store(&self) -> Result<Store> {
        Ok(Store::open(&self.db)?)
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let Cli { db, tz, command } = cli;
    let ctx = || -> Result<Context> {
        let zone = match &tz {
            Some(name) => miraage_domain::zone::resolve_zone(name)?,
            None => miraage_domain::zone::local_zone(),
        };
        let db = match db.clone() {
            Some(path) => path,
            None => default_db_path()?,
        };
        Ok(Context { db, zone })
    };
    match command {
        // Planning a problem file needs no database.
        Command::Plan(args) => plan::run(args),
        // Reading a quick-add line needs only the zone.
        Command::Parse(args) => parse::run(args, tz.as_deref()),
        Command::Events(args) => events::run(&ctx()?, args),
        Command::Preview(args) => preview::run(&ctx()?, args),
        Command::Tasks(cmd) => tasks::run(&ctx()?, cmd),
        Command::Demo(args) => demo::run(&ctx()?, args),
        Command::Calendars(args) => calendars::run(&ctx()?, args.json),
        Command::Import(args) => import::run(&ctx()?, args),
        Command::Export(args) => export::run(&ctx()?, args),
        Command::Account(cmd) => accounts::run(&ctx()?, cmd),
        Command::Accounts(args) => accounts::list(&ctx()?, args.json),
        Command::Sync(args) => sync::run(&ctx()?, args),
        Command::Conflicts(args) => sync::conflicts(&ctx()?, args.json),
    }
}

/// The app's database: `<data dir>/app.miraage.desktop/miraage.db`, where Tauri keeps the
/// app's data (its bundle identifier names the folder).
fn default_db_path() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join("app.miraage.desktop").join("miraage.db"))
        .ok_or_else(|| CliError::Usage("no data directory on this system; pass --db PATH".into()))
}

/// A runtime for the commands that talk to servers.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Usage(format!("cannot start the network runtime: {e}")))
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::Usage(e.to_string()))?;
    println!("{text}");
    Ok(())
}
