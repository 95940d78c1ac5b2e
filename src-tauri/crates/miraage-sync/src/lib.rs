//! Groundwork of Miraage's sync engine: the interface a calendar provider implements
//! ([`CalendarProvider`]), what it exchanges ([`model`]), a CalDAV client
//! ([`caldav::CalDavClient`], RFC 4791 with RFC 6578 collection sync), the reading of fetched
//! items into domain events ([`incoming`]) and back ([`outgoing`]) and a retry policy ([`backoff`]).
//!
//! No storage here: the engine that applies [`Change`]s to `miraage-store` and replays local
//! edits builds on these pieces (the proposed tables are in this crate's README). Errors
//! ([`SyncError`]) never carry credentials.

pub mod backoff;
pub mod caldav;
mod error;
mod href;
pub mod incoming;
pub mod model;
pub mod outgoing;
mod provider;
mod xml;

pub use error::{redact, Result, SyncError};
pub use model::{Change, ChangeSet, Cursor, Precondition, RemoteCalendar, RemoteItem};
pub use provider::CalendarProvider;
