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
    read_only: bool,
}

impl Store {
    /// Opens (or creates) the database at `path`, migrating it to the latest schema and
    /// making sure the built-in local account exists.
    ///
    /// Refuses, without writing a byte: a file that is not an SQLite database, another
    /// program's SQLite database, and a database written by a newer Miraage. A write-protected
    /// file opens read-only (reading works, writing fails) and is left as it is.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotADatabase`] when the file is not an SQLite database;
    /// [`StoreError::NewerSchema`] when a newer Miraage wrote it; [`StoreError::Io`] when the file
    /// or its folder cannot be read or created; [`StoreError::Open`] when SQLite cannot open it;
    /// [`StoreError::Migration`] when migrating fails; [`StoreError::Sqlite`] when setting it up
    /// fails.
    pub fn open(path: &Path) -> Result<Self> {
        check_header(path)?;
        if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
            return Self::open_read_only(path);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io { path: parent.to_path_buf(), source })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        Self::init(conn, Some(path.to_path_buf()), false)
    }

    /// Opens a write-protected database for reading. Immutable unless a write-ahead log is
    /// pending, so that SQLite creates no `-wal` or `-shm` file beside it.
    fn open_read_only(path: &Path) -> Result<Self> {
        let wal = path.with_file_name(format!("{}-wal", path.file_name().unwrap_or_default().to_string_lossy()));
        let immutable = if wal.exists() { "" } else { "&immutable=1" };
        let uri = format!("file:{}?mode=ro{immutable}", uri_path(path));
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(uri, flags)
            .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        Self::init(conn, Some(path.to_path_buf()), true)
    }

    /// Whether the database was opened read-only (its file is write-protected).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A private database in memory, for tests and benchmarks.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] or [`StoreError::Migration`] when the database cannot be set up (out
    /// of memory).
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None, false)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>, read_only: bool) -> Result<Self> {
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
        // Version 0 with tables is another program's database: migrating would add ours to it.
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if found == 0 && tables > 0 {
            return Err(StoreError::Foreign { path: shown_path });
        }
        if read_only {
            if found < LATEST_VERSION {
                return Err(StoreError::WriteProtectedOlder { path: shown_path, found, supported: LATEST_VERSION });
            }
            conn.pragma_update(None, "query_only", true)?;
            return Ok(Store { conn, path, read_only });
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
        let mut store = Store { conn, path, read_only };
        store.local_defaults()?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version of the open database.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }

    /// Runs SQLite's own consistency check; `Ok(())` when the file is sound.
    ///
    /// # Errors
    ///
    /// [`StoreError::Corrupt`] with SQLite's findings when the file is damaged;
    /// [`StoreError::Sqlite`] when the check cannot run.
    pub fn check_integrity(&self) -> Result<()> {
        let verdict: String = self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if verdict == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt(verdict))
        }
    }
}

/// `path` for an SQLite URI: absolute, with the characters a URI gives meaning to escaped.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for c in absolute.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' | '&' | '=' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
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
