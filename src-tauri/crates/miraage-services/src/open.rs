//! Where the database is, and opening it.

use crate::error::{Result, ServiceError};
use chrono::Utc;
use chrono_tz::Tz;
use miraage_store::Store;
use std::path::{Path, PathBuf};

/// The folder the app keeps its data in, named by its bundle identifier.
pub const APP_ID: &str = "app.miraage.desktop";

/// The database a face uses: `explicit` (a `--db` option), else `MIRAAGE_DB`, else
/// `miraage.db` in the platform's data folder for Miraage.
///
/// # Errors
/// [`ServiceError::Invalid`] when none is given and the system has no data folder.
pub fn db_path(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("MIRAAGE_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    dirs::data_dir().map(|d| d.join(APP_ID).join("miraage.db")).ok_or(ServiceError::Invalid {
        what: "database path",
        value: String::new(),
        expected: "--db PATH: this system has no data folder",
    })
}

/// Whether a new database gets the demo week, or the demo is refreshed around today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Demo {
    /// A new, empty database gets the demo week (the app's first start).
    OnFirstRun,
    /// The demo week is laid anew around today (`--demo`).
    Refresh,
    /// Nothing is added (the CLI).
    Never,
}

/// Opens (and migrates) the store at `path`, seeding the demo as asked, dated in `zone`.
///
/// # Errors
/// [`ServiceError::Unavailable`] naming the file when it is not a Miraage database, is
/// from a newer version, or cannot be read.
pub fn open(path: &Path, zone: Tz, demo: Demo) -> Result<Store> {
    let unavailable = |e: miraage_store::StoreError| ServiceError::Unavailable(e.to_string());
    let mut store = Store::open(path).map_err(unavailable)?;
    let today = Utc::now().with_timezone(&zone).date_naive();
    match demo {
        Demo::OnFirstRun => {
            store.seed_demo_on_first_run(today, zone).map_err(unavailable)?;
        }
        Demo::Refresh => {
            store.seed_demo(today, zone).map_err(unavailable)?;
        }
        Demo::Never => {}
    }
    Ok(store)
}
