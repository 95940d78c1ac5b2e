//! The one error type of the crate. Messages name what failed (an endpoint, a step of the
//! sign-in) but never a token, a code or a verifier: server answers are reduced to their
//! OAuth error code and description, transport errors to their kind.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum OAuthError {
    /// A setting is missing or unusable (no client id, a malformed endpoint URL).
    #[error("OAuth setup for {provider}: {reason}")]
    Config { provider: &'static str, reason: String },
    /// The redirect's `state` is not the one this sign-in sent: a stale tab or a forged
    /// request. Nothing was exchanged.
    #[error("the sign-in answer does not belong to this sign-in (state mismatch); start the sign-in again")]
    StateMismatch,
    /// No redirect came back in time (the browser was closed, the user walked away).
    #[error("no answer from the browser within {seconds} s; start the sign-in again")]
    TimedOut { seconds: u64 },
    /// The user or the provider refused consent (`error=access_denied` and others).
    #[error("{provider} refused the sign-in: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Denied { provider: &'static str, error: String, description: Option<String> },
    /// The redirect could not be read (no code, not a URL, wrong path).
    #[error("unreadable sign-in redirect: {reason}")]
    BadRedirect { reason: String },
    /// The system browser could not be opened.
    #[error("cannot open the browser for the sign-in: {reason}")]
    Browser { reason: String },
    /// The loopback listener could not be set up.
    #[error("cannot listen for the sign-in redirect on 127.0.0.1: {reason}")]
    Listener { reason: String },
    /// The token endpoint refused a request (bad code, wrong verifier, unknown client).
    #[error("{provider} token endpoint refused the {grant}: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    TokenRefused { provider: &'static str, grant: &'static str, error: String, description: Option<String> },
    /// The account must be signed in again: no refresh token stored, or the provider
    /// revoked or expired it (`invalid_grant`).
    #[error("{provider} account {account} must sign in again: {reason}")]
    SignInRequired { provider: &'static str, account: String, reason: String },
    /// The provider could not be reached or failed on its side; worth retrying later.
    #[error("{provider} sign-in service unreachable or failing ({url}): {reason}")]
    Transient { provider: &'static str, url: String, reason: String },
    /// The provider answered something that is not OAuth.
    #[error("{provider} answered unexpectedly ({url}): {reason}")]
    BadResponse { provider: &'static str, url: String, reason: String },
    #[error(transparent)]
    Keyring(#[from] miraage_secrets::SecretsError),
}

impl OAuthError {
    /// Whether the same request may succeed later without the user doing anything.
    pub fn is_retryable(&self) -> bool {
        matches!(self, OAuthError::Transient { .. })
    }
}

pub type Result<T, E = OAuthError> = std::result::Result<T, E>;
