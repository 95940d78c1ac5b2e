//! Groundwork of Miraage's sync engine: the interface a calendar provider implements
//! ([`CalendarProvider`]), what it exchanges ([`model`]), and a CalDAV client
//! ([`caldav::CalDavClient`], RFC 4791 with RFC 6578 collection sync).
//!
//! No storage here: the engine that applies [`Change`]s to `miraage-store` and replays local
//! edits builds on these pieces. Errors ([`SyncError`]) never carry credentials.

pub mod backoff;
pub mod caldav;
mod error;
mod href;
pub mod model;
mod provider;
mod xml;

pub use error::{redact, Result, SyncError};
pub use model::{Change, ChangeSet, Cursor, Precondition, RemoteCalendar, RemoteItem};
pub use provider::CalendarProvider;
