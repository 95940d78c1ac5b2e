use serde::{Serialize, Serializer};

/// Errors the commands return; the UI shows their message as it is.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Store(#[from] miraage_store::StoreError),
    #[error("{0}")]
    Domain(#[from] miraage_domain::DomainError),
    #[error("{0}")]
    Scheduling(#[from] miraage_scheduling::SchedulingError),
    #[error("{0}")]
    Sync(#[from] miraage_sync::SyncError),
    #[error("{0}")]
    Accounts(#[from] miraage_accounts::AccountsError),
    #[error("the database could not be opened: {0}")]
    Unavailable(String),
    #[error("invalid {what}: {value:?} (expected {expected})")]
    BadArgument { what: &'static str, value: String, expected: &'static str },
    #[error("background task failed: {0}")]
    Join(String),
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}
