//! One module per subcommand; each opens the store it needs and prints its result.

mod accounts;
mod calendars;
mod demo;
mod diagnostics;
mod events;
mod export;
mod forecast;
mod habits;
mod history;
mod import;
mod lock;
mod meet;
mod parse;
mod plan;
mod preview;
mod search;
mod sync;
mod tasks;
mod undo;

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
    /// The store, as every face opens it (no demo is added here: `miraage-cli demo` does it).
    pub fn open_store(&self) -> Result<Store> {
        let store = miraage_services::open::open(&self.db, self.zone, miraage_services::open::Demo::Never)?;
        // Every command that uses the database logs what it does (sync, plan, accounts).
        miraage_services::logging::start(&store);
        Ok(store)
    }

    /// The store behind a lock, for the use cases that sync (they lock it briefly in turn).
    pub fn shared_store(&self) -> Result<std::sync::Mutex<Store>> {
        Ok(std::sync::Mutex::new(self.open_store()?))
    }
}

pub fn run(cli: Cli) -> Result<()> {
    let Cli { db, tz, command } = cli;
    let ctx = || -> Result<Context> {
        let zone = match &tz {
            Some(name) => miraage_domain::zone::resolve_zone(name)?,
            None => miraage_domain::zone::local_zone(),
        };
        let db = miraage_services::open::db_path(db.as_deref())?;
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
        Command::Diagnostics(args) => diagnostics::run(&ctx()?, args.json, args.log_level),
        Command::History(cmd) => history::run(&ctx()?, cmd),
        Command::Search(args) => search::run(&ctx()?, args),
        Command::Undo(args) => undo::run(&ctx()?, false, args.json),
        Command::Redo(args) => undo::run(&ctx()?, true, args.json),
        Command::Lock(args) => lock::run(&ctx()?, &args.id, true),
        Command::Forecast(args) => forecast::run(&ctx()?, args),
        Command::Unlock(args) => lock::run(&ctx()?, &args.id, false),
        Command::Habits(cmd) => habits::run(&ctx()?, cmd),
        Command::Hours(cmd) => habits::hours(&ctx()?, cmd),
        Command::Meet(cmd) => meet::run(&ctx()?, cmd),
    }
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
