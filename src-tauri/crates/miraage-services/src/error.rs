//! One error type for every use case, with a code from a closed set that the window branches
//! on (the message is for people; the code is for code).

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure a use case met; the window decides what to do by this alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The proposal shown was replaced elsewhere (the CLI planned, another window accepted):
    /// show the current one.
    StalePlan,
    /// What was named does not exist (any more).
    NotFound,
    /// A read-only calendar or list (an ICS subscription, a provider's read-only calendar).
    ReadOnly,
    /// Input that cannot be used; the message names it and says what to do.
    Invalid,
    /// The database could not be opened.
    Unavailable,
    /// A server refused the credentials: sign in again.
    Unauthorized,
    /// A server could not be reached or failed; try again later.
    Offline,
    /// Anything else; the message says what.
    Failed,
}

impl ErrorCode {
    /// Every code, for the contract test that the window knows each one.
    pub const ALL: [ErrorCode; 8] = [
        ErrorCode::StalePlan,
        ErrorCode::NotFound,
        ErrorCode::ReadOnly,
        ErrorCode::Invalid,
        ErrorCode::Unavailable,
        ErrorCode::Unauthorized,
        ErrorCode::Offline,
        ErrorCode::Failed,
    ];
}

/// An error as it crosses to the window: `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ErrorView {
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
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
    /// A value a face passed that cannot be used.
    #[error("invalid {what}: {value:?} (expected {expected})")]
    Invalid { what: &'static str, value: String, expected: &'static str },
    #[error("{0}")]
    NotFound(String),
    /// A change to something Miraage may only read; the sentence names it by its title.
    #[error("{0}")]
    ReadOnly(String),
    /// Input that cannot be used, as a whole sentence that says what to do.
    #[error("{0}")]
    Refused(String),
    #[error("background task failed: {0}")]
    Join(String),
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

impl ServiceError {
    pub fn code(&self) -> ErrorCode {
        use miraage_accounts::AccountsError as A;
        use miraage_scheduling::SchedulingError as S;
        use miraage_store::StoreError as St;
        use miraage_sync::SyncError as Sy;
        let store = |e: &St| match e {
            St::NotFound { .. } => ErrorCode::NotFound,
            St::ReadOnly { .. } => ErrorCode::ReadOnly,
            St::Invalid(_) => ErrorCode::Invalid,
            _ => ErrorCode::Failed,
        };
        let sync = |e: &Sy| match e {
            Sy::Unauthorized { .. } | Sy::MissingSecret { .. } => ErrorCode::Unauthorized,
            Sy::ReadOnly { .. } => ErrorCode::ReadOnly,
            Sy::InvalidUrl { .. } | Sy::Insecure { .. } => ErrorCode::Invalid,
            e if e.is_retryable() => ErrorCode::Offline,
            _ => ErrorCode::Failed,
        };
        match self {
            ServiceError::Scheduling(S::GhostGone) => ErrorCode::StalePlan,
            ServiceError::Store(e) | ServiceError::Scheduling(S::Store(e)) | ServiceError::Accounts(A::Store(e)) => {
                store(e)
            }
            ServiceError::Domain(_)
            | ServiceError::Invalid { .. }
            | ServiceError::Refused(_)
            | ServiceError::Accounts(A::Invalid(_))
            | ServiceError::Scheduling(S::Settings(_) | S::Invalid(_) | S::Domain(_)) => ErrorCode::Invalid,
            ServiceError::Sync(e) | ServiceError::Accounts(A::Sync(e)) => sync(e),
            ServiceError::NotFound(_) => ErrorCode::NotFound,
            ServiceError::ReadOnly(_) => ErrorCode::ReadOnly,
            ServiceError::Unavailable(_) => ErrorCode::Unavailable,
            _ => ErrorCode::Failed,
        }
    }

    pub fn view(&self) -> ErrorView {
        ErrorView { code: self.code(), message: self.to_string() }
    }
}

impl Serialize for ServiceError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.view().serialize(serializer)
    }
}
