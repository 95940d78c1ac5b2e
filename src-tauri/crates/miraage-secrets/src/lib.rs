//! Secrets of Miraage's accounts in the OS keyring: Keychain on macOS, Credential Manager on
//! Windows, the Secret Service (GNOME Keyring, KWallet) elsewhere, through the `keyring`
//! crate. SQLite holds only the account id the secret is filed under.
//!
//! [`Secret`] never shows its value in `Debug` or `Display`, so that a secret cannot reach a
//! log or an error message by accident; [`Secret::expose`] is the one way to read it.

use std::fmt;
use thiserror::Error;
use zeroize::Zeroize;

/// The keyring service every Miraage secret is filed under (the app's identifier).
pub const SERVICE: &str = "app.miraage.desktop";

/// Which secret of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKind {
    /// A CalDAV (app) password.
    Password,
    /// An OAuth 2.0 refresh token.
    RefreshToken,
    /// The client secret of an OAuth client the user registered (Google issues one even to
    /// desktop clients).
    ClientSecret,
}

impl SecretKind {
    fn suffix(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::RefreshToken => "refresh-token",
            SecretKind::ClientSecret => "client-secret",
        }
    }
}

/// A secret value. Cleared from memory when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, for the one place that must send it (an HTTP header, a token request).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[derive(Debug, Error)]
pub enum SecretsError {
    /// No keyring can be reached (no Secret Service on the session bus, locked keychain…).
    #[error("the system keyring is not available: {reason}")]
    Unavailable { reason: String },
    /// The keyring refused or failed the operation.
    #[error("the system keyring failed to {action} the {what} of account {account}: {reason}")]
    Failed { action: &'static str, what: &'static str, account: String, reason: String },
}

pub type Result<T, E = SecretsError> = std::result::Result<T, E>;

/// Where secrets are kept: the OS keyring under one service name.
#[derive(Debug, Clone)]
pub struct Keyring {
    service: String,
}

impl Default for Keyring {
    fn default() -> Self {
        Keyring::new()
    }
}

impl Keyring {
    /// The app's keyring; `MIRAAGE_KEYRING_SERVICE` files the secrets under another service
    /// name (tests use it to keep apart from a real installation).
    pub fn new() -> Self {
        let service = std::env::var("MIRAAGE_KEYRING_SERVICE").ok().filter(|s| !s.is_empty());
        Keyring { service: service.unwrap_or_else(|| SERVICE.to_string()) }
    }

    pub fn with_service(service: impl Into<String>) -> Self {
        Keyring { service: service.into() }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, account: &str, kind: SecretKind, action: &'static str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, &format!("{account}/{}", kind.suffix()))
            .map_err(|e| self.error(e, action, account, kind))
    }

    fn error(&self, e: keyring::Error, action: &'static str, account: &str, kind: SecretKind) -> SecretsError {
        // keyring's messages describe the platform failure, not the secret; they are safe to show.
        match e {
            keyring::Error::NoStorageAccess(inner) | keyring::Error::PlatformFailure(inner) if action == "reach" => {
                SecretsError::Unavailable { reason: inner.to_string() }
            }
            other => SecretsError::Failed {
                action,
                what: match kind {
                    SecretKind::Password => "password",
                    SecretKind::RefreshToken => "refresh token",
                    SecretKind::ClientSecret => "client secret",
                },
                account: account.to_string(),
                reason: other.to_string(),
            },
        }
    }

    /// Stores (or replaces) the secret of `account`.
    ///
    /// # Errors
    ///
    /// [`SecretsError::Failed`] when the keyring cannot be reached or refuses to store it.
    pub fn set(&self, account: &str, kind: SecretKind, secret: &Secret) -> Result<()> {
        self.entry(account, kind, "store")?
            .set_password(secret.expose())
            .map_err(|e| self.error(e, "store", account, kind))
    }

    /// The secret of `account`, or `None` if none is stored.
    ///
    /// # Errors
    ///
    /// [`SecretsError::Failed`] when the keyring cannot be reached or refuses to read it.
    pub fn get(&self, account: &str, kind: SecretKind) -> Result<Option<Secret>> {
        match self.entry(account, kind, "read")?.get_password() {
            Ok(value) => Ok(Some(Secret(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(self.error(e, "read", account, kind)),
        }
    }

    /// Removes the secret of `account`; removing one that is not there is not an error.
    ///
    /// # Errors
    ///
    /// [`SecretsError::Failed`] when the keyring cannot be reached or refuses to delete it.
    pub fn delete(&self, account: &str, kind: SecretKind) -> Result<()> {
        match self.entry(account, kind, "delete")?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(self.error(e, "delete", account, kind)),
        }
    }

    /// Removes every secret of `account` (when the account is disconnected).
    ///
    /// # Errors
    ///
    /// [`SecretsError::Failed`] when the keyring cannot be reached or refuses a deletion; the
    /// password is removed before the refresh token is tried.
    pub fn forget(&self, account: &str) -> Result<()> {
        self.delete(account, SecretKind::Password)?;
        self.delete(account, SecretKind::RefreshToken)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(s.expose(), "hunter2");
    }
}
