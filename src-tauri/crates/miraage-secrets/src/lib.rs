//! Secrets of Miraage's accounts in the OS keyring: Keychain on macOS, Credential Manager on
//! Windows, the Secret Service (GNOME Keyring, KWallet) on Linux, through the `keyring`
//! crates. SQLite holds only the account id the secret is filed under.
//!
//! Where no Secret Service answers (a minimal window manager, a server), secrets go to the
//! kernel's session keyring instead: they last until the user logs out, and
//! [`Keyring::persistence`] says so, so that the user can be told. Never to a file.
//!
//! [`Secret`] never shows its value in `Debug` or `Display`, so that a secret cannot reach a
//! log or an error message by accident; [`Secret::expose`] is the one way to read it.

use std::fmt;
use std::sync::OnceLock;
use thiserror::Error;
use zeroize::Zeroize;

#[cfg(target_os = "linux")]
mod session_keyring;

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
    /// The secret's name in messages.
    fn label(self) -> &'static str {
        match self {
            SecretKind::Password => "password",
            SecretKind::RefreshToken => "refresh token",
            SecretKind::ClientSecret => "client secret",
        }
    }

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

/// How long a stored secret lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// In the platform's keyring: kept across restarts.
    Durable,
    /// In the kernel's session keyring (no Secret Service answered): kept until the user logs
    /// out, then asked for again.
    UntilLogout,
}

impl Persistence {
    /// What to tell the user when a secret is stored, if anything.
    pub fn note(self) -> Option<&'static str> {
        match self {
            Persistence::Durable => None,
            Persistence::UntilLogout => Some(
                "No keyring service (Secret Service) is running, so Miraage keeps this password only until you \
                 log out and will ask for it again after that. Install and start GNOME Keyring or KWallet to \
                 keep it.",
            ),
        }
    }
}

/// Where the secrets of this process go, chosen on first use.
enum Backend {
    /// keyring-core's default store: the Secret Service, Keychain or Credential Manager.
    Platform,
    /// The kernel's session keyring, when no Secret Service answered.
    #[cfg(target_os = "linux")]
    Session(session_keyring::SessionKeyring),
}

fn backend() -> Result<&'static Backend> {
    static BACKEND: OnceLock<Result<Backend, String>> = OnceLock::new();
    BACKEND.get_or_init(choose_backend).as_ref().map_err(|reason| SecretsError::Unavailable { reason: reason.clone() })
}

/// The Secret Service when one answers on the session bus, else the kernel's session keyring.
#[cfg(target_os = "linux")]
fn choose_backend() -> Result<Backend, String> {
    match zbus_secret_service_keyring_store::Store::new() {
        Ok(store) => {
            keyring_core::set_default_store(store);
            Ok(Backend::Platform)
        }
        Err(no_service) => session_keyring::SessionKeyring::open()
            .map(Backend::Session)
            .map_err(|no_keyutils| format!("no Secret Service ({no_service}) and no {no_keyutils}")),
    }
}

/// The platform's keyring, as the `keyring` crate sets it up.
#[cfg(not(target_os = "linux"))]
fn choose_backend() -> Result<Backend, String> {
    keyring::Entry::store_status().as_ref().map(|()| Backend::Platform).map_err(ToString::to_string)
}

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

    /// How long the secrets stored now last (which store this system has).
    ///
    /// # Errors
    ///
    /// [`SecretsError::Unavailable`] when no keyring at all can be reached.
    pub fn persistence(&self) -> Result<Persistence> {
        Ok(match backend()? {
            Backend::Platform => Persistence::Durable,
            #[cfg(target_os = "linux")]
            Backend::Session(_) => Persistence::UntilLogout,
        })
    }

    fn entry(&self, account: &str, kind: SecretKind, action: &'static str) -> Result<keyring_core::Entry> {
        // Chooses (once) and installs the platform's store before the first entry: on macOS
        // and Windows nothing else would.
        backend()?;
        keyring_core::Entry::new(&self.service, &format!("{account}/{}", kind.suffix()))
            .map_err(|e| self.error(e, action, account, kind))
    }

    /// The name of a secret in the session keyring (one namespace shared with other programs).
    #[cfg(target_os = "linux")]
    fn session_name(&self, account: &str, kind: SecretKind) -> String {
        format!("{}:{account}/{}", self.service, kind.suffix())
    }

    #[cfg(target_os = "linux")]
    fn session_error(action: &'static str, account: &str, kind: SecretKind, reason: String) -> SecretsError {
        SecretsError::Failed { action, what: kind.label(), account: account.to_string(), reason }
    }

    fn error(&self, e: keyring_core::Error, action: &'static str, account: &str, kind: SecretKind) -> SecretsError {
        // keyring's messages describe the platform failure, not the secret; they are safe to show.
        match e {
            keyring_core::Error::NoStorageAccess(inner) | keyring_core::Error::PlatformFailure(inner)
                if action == "reach" =>
            {
                SecretsError::Unavailable { reason: inner.to_string() }
            }
            other => SecretsError::Failed {
                action,
                what: kind.label(),
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
        #[cfg(target_os = "linux")]
        if let Backend::Session(ring) = backend()? {
            return ring
                .set(&self.session_name(account, kind), secret.expose())
                .map_err(|reason| Self::session_error("store", account, kind, reason));
        }
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
        #[cfg(target_os = "linux")]
        if let Backend::Session(ring) = backend()? {
            return ring
                .get(&self.session_name(account, kind))
                .map(|value| value.map(Secret))
                .map_err(|reason| Self::session_error("read", account, kind, reason));
        }
        match self.entry(account, kind, "read")?.get_password() {
            Ok(value) => Ok(Some(Secret(value))),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(self.error(e, "read", account, kind)),
        }
    }

    /// Removes the secret of `account`; removing one that is not there is not an error.
    ///
    /// # Errors
    ///
    /// [`SecretsError::Failed`] when the keyring cannot be reached or refuses to delete it.
    pub fn delete(&self, account: &str, kind: SecretKind) -> Result<()> {
        #[cfg(target_os = "linux")]
        if let Backend::Session(ring) = backend()? {
            return ring
                .delete(&self.session_name(account, kind))
                .map_err(|reason| Self::session_error("delete", account, kind, reason));
        }
        match self.entry(account, kind, "delete")?.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
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
