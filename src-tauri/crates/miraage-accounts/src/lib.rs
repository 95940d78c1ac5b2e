//! Miraage's accounts as the CLI and the app use them: adding one (checking that it works
//! before anything is stored), connecting its provider with its secret from the OS keyring,
//! syncing it with the engine, and removing it (revoking its token where the provider can).
//!
//! CalDAV and ICS subscriptions come from `miraage-caldav`, Google and Microsoft from
//! `miraage-cloud` with OAuth from `miraage-oauth`; this crate joins them.

mod context;
mod error;
pub mod oauth_clients;
pub mod pins;
mod provider;

pub use context::{CloudSettings, SyncContext};
pub use error::{AccountsError, Result};
pub use miraage_caldav::CertPin;
pub use miraage_oauth::{Browser, ProviderKind, SystemBrowser};
pub use oauth_clients::{ClientSource, ClientStatus, OAuthClients};
pub use pins::CertificatePins;
pub use provider::AccountProvider;
