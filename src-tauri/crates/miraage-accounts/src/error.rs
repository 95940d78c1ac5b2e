use thiserror::Error;

/// Why an account could not be added, connected, synced or removed. Messages never hold
/// passwords or tokens.
#[derive(Debug, Error)]
pub enum AccountsError {
    #[error(transparent)]
    Sync(#[from] miraage_sync::SyncError),
    #[error(transparent)]
    OAuth(#[from] miraage_oauth::OAuthError),
    #[error(transparent)]
    Secrets(#[from] miraage_secrets::SecretsError),
    #[error("local database: {0}")]
    Store(#[from] miraage_store::StoreError),
    /// Something the user entered cannot be used; the message names it and says what to do.
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = AccountsError> = std::result::Result<T, E>;
