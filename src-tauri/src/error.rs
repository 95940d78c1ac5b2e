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

impl AppError {
    /// What the window branches on (`{code, message}` on the wire): `stale_plan` (the proposal
    /// changed elsewhere: show the current one), `not_found`, `read_only`, `invalid`,
    /// `unavailable` (no database), `failed` (anything else; the message says what).
    pub fn code(&self) -> &'static str {
        use miraage_scheduling::SchedulingError as S;
        use miraage_store::StoreError as St;
        match self {
            AppError::Scheduling(S::GhostGone) => "stale_plan",
            AppError::Store(St::NotFound { .. }) | AppError::Scheduling(S::Store(St::NotFound { .. })) => "not_found",
            AppError::Store(St::ReadOnly { .. }) | AppError::Scheduling(S::Store(St::ReadOnly { .. })) => "read_only",
            AppError::BadArgument { .. }
            | AppError::Domain(_)
            | AppError::Accounts(miraage_accounts::AccountsError::Invalid(_))
            | AppError::Scheduling(S::Settings(_) | S::Invalid(_) | S::Domain(_)) => "invalid",
            AppError::Unavailable(_) => "unavailable",
            _ => "failed",
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("AppError", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}
