use crate::error::{Result, StoreError};
use crate::migrations::{LATEST_VERSION, MIGRATIONS};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// An open Miraage database.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (or creates) the database at `path`, migrating it to the latest schema and
    /// making sure the built-in local account exists.
    ///
    /// Refuses, without writing a byte: a file that is not an SQLite database, and a database
    /// written by a newer Miraage.
    pub fn open(path: &Path) -> Result<Self> {
        check_header(path)?;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        let shown_path = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Read the version before anything writes: switching to WAL rewrites the header.
        let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|e| {
            match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                    StoreError::NotADatabase { path: shown_path.clone() }
                }
                _ => StoreError::Sqlite(e),
            }
        })?;
        if found > LATEST_VERSION {
            return Err(StoreError::NewerSchema { path: shown_path, found, supported: LATEST_VERSION });
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
            // With WAL, NORMAL keeps the database consistent on power loss (the last commits
            // may roll back); it avoids an fsync per transaction.
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            // Reads through a memory map and a 32 MB page cache: a week query touches pages
            // all over the R*Tree and the events table, and read() calls per page dominated it.
            conn.pragma_update(None, "mmap_size", 256i64 * 1024 * 1024)?;
            conn.pragma_update(None, "cache_size", -32_000i64)?;
            // Statement journals in memory: every write that fires the span trigger keeps one,
            // and by default SQLite moves it to a temporary file once a statement needs more
            // than 64 KB, for the rest of the transaction (a third of an import's time went to
            // pwrite into it).
            conn.pragma_update(None, "temp_store", "MEMORY")?;
        }
        MIGRATIONS.to_latest(&mut conn)?;
        let mut store = Store { conn, path };
        store.local_defaults()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when the file is sound.
    pub fn check_integrity(&self) -> Result<()> {
        let verdict: String = self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(verdict))
        }
    }
}

/// A non-empty file must start with SQLite's magic header; anything else is refused before
/// SQLite can treat it as a new database.
fn check_header(path: &Path) -> Result<()> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(StoreError::Io { path: path.to_path_buf(), source }),
    };
    let len = file.metadata().map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?.len();
    if len == 0 {
        return Ok(());
    }
    let mut header = [0u8; 16];
    let read = file.read(&mut header).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    if read < header.len() || &header != SQLITE_HEADER {
        return Err(StoreError::NotADatabase { path: path.to_path_buf() });
    }
    Ok(())
}
