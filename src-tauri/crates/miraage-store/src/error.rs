use std::path::PathBuf;
use thiserror::Error;

/// Everything the store can fail with; messages name the file or record concerned.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path}: not a Miraage database (the file is not SQLite or is damaged); it was left untouched")]
    NotADatabase { path: PathBuf },
    #[error("{path}: database schema version {found} is newer than this Miraage supports ({supported}); update Miraage to open it (the file was left untouched)")]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: an SQLite database of another program, not Miraage's; choose another file (this one was left untouched)")]
    Foreign { path: PathBuf },
    #[error("{path}: the database is write-protected and from an older Miraage (schema {found}, this one needs {supported}); make it writable once to upgrade it (it was left untouched)")]
    WriteProtectedOlder { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: cannot open the database: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{what} {id:?} not found")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    Invalid(String),
    /// The change would go to a calendar Miraage may only read (a subscription).
    #[error("{what} is read-only; it cannot be changed in Miraage")]
    ReadOnly { what: String },
    #[error(transparent)]
    Domain(#[from] miraage_domain::DomainError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
