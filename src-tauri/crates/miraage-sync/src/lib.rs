//! Miraage's sync engine: the interface every provider implements ([`Provider`], in domain
//! types), a CalDAV client ([`caldav::CalDavClient`], RFC 4791 with RFC 6578 collection sync),
//! the reading of iCalendar items into domain events ([`incoming`]) and back ([`outgoing`]),
//! and a retry policy ([`backoff`]). Errors ([`SyncError`]) never carry credentials.

pub mod backoff;
pub mod caldav;
pub mod engine;
mod error;
mod href;
pub mod incoming;
pub mod outgoing;
mod provider;
pub mod subscription;
mod xml;

pub use caldav::transport::transport_failure;
pub use error::{redact, Result, SyncError};
pub use provider::{Changes, IncomingItem, ItemBody, ItemKind, ItemScope, OutgoingItem, Provider, RemoteChange, RemoteCollection, Written};
