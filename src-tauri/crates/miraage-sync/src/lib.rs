//! Miraage's sync engine: the interface every provider implements ([`Provider`], in domain
//! types), the [`engine`] that brings one account in step with its server over the local
//! store (outbox, conflict policy, cursors), a retry policy ([`backoff`]) and the one error
//! type ([`SyncError`], never carrying credentials).
//!
//! No HTTP client, XML or keyring here: providers live in their own crates (`miraage-caldav`
//! for CalDAV and ICS subscriptions, `miraage-cloud` for Google and Microsoft). With the
//! `fake` feature, [`fake`] is an in-memory provider for tests.

pub mod backoff;
pub mod engine;
mod error;
#[cfg(any(test, feature = "fake"))]
pub mod fake;
mod provider;

pub use error::{redact, Result, SyncError};
pub use provider::{
    Changes, IncomingItem, ItemBody, ItemKind, ItemScope, OutgoingItem, Provider, RemoteChange, RemoteCollection,
    Written,
};
