//! OAuth 2.0 sign-in for Miraage's cloud accounts (Google, Microsoft), as a desktop app: a
//! public client using the authorization code flow with PKCE (RFC 7636, S256).
//!
//! - [`ProviderConfig`]: endpoints, client id and the least scopes per provider, from
//!   settings or the environment (`MIRAAGE_GOOGLE_CLIENT_ID`, …).
//! - [`SignIn`]: one sign-in attempt (state + PKCE verifier); [`sign_in_with_loopback`] opens
//!   the consent page in the system browser ([`Browser`]) and waits for the redirect on a
//!   loopback listener ([`loopback`]); [`SignIn::finish`] takes a redirected URL from a
//!   `miraage://` deep link instead.
//! - [`Session`]: the signed-in account: its refresh token in the OS keyring, its access
//!   token in memory, refreshed before expiry and after a 401; [`Session::disconnect`]
//!   revokes where the provider can and forgets the token.
//!
//! Tokens are [`Secret`]s: they never show in `Debug`, logs or [`OAuthError`] messages.

mod browser;
mod config;
mod error;
#[cfg(feature = "fake-server")]
pub mod fake;
pub mod loopback;
mod session;
mod sign_in;

pub use browser::{Browser, SystemBrowser};
pub use config::{ProviderConfig, ProviderKind};
pub use error::{OAuthError, Result};
pub use miraage_secrets::{Keyring, Secret};
pub use session::Session;
pub use sign_in::{sign_in_with_loopback, Grant, SignIn};
