//! Miraage's CalDAV and ICS subscription providers, behind the sync engine's
//! [`Provider`](miraage_sync::Provider) trait (as `miraage-cloud` is for Google and Graph).
//!
//! - [`CalDavClient`]: RFC 4791 with RFC 6578 collection sync over `reqwest` (discovery,
//!   PROPFIND, REPORT, conditional PUT and DELETE); [`CalDavProvider`] maps it to the trait.
//! - [`subscription::IcsSubscription`]: read-only `https://` / `webcal://` feeds.
//! - [`incoming`] / [`outgoing`]: iCalendar objects ↔ domain events or a task.
//! - [`transport_failure`]: how every provider's HTTP client (here and in `miraage-cloud`)
//!   describes a failure below HTTP, without echoing the request.

mod bodies;
mod client;
mod href;
pub mod incoming;
mod model;
mod origin;
pub mod outgoing;
mod pin;
mod provider;
pub mod subscription;
mod transport;
mod xml;
#[cfg(test)]
mod xml_fuzz;

pub use client::CalDavClient;
pub use model::{Change, ChangeSet, Cursor, Precondition, RemoteCalendar, RemoteItem};
pub use pin::CertPin;
pub use provider::CalDavProvider;
pub use transport::{transport_failure, Credentials, Timeouts};
