//! Miraage's local store: one SQLite file holding accounts, calendars, events, tasks, plan
//! blocks, history and settings.
//!
//! - [`Store::open`] refuses what it must not touch (a file that is not a database, a
//!   database from a newer Miraage) and migrates older ones ([`migrations`]).
//! - Writes of several rows go through one transaction each, so a crash leaves either all
//!   or none of them.
//! - [`Store::occurrences`] answers "every occurrence in this range" from an R*Tree over
//!   event spans, expanding only the series that touch the range.

mod accounts;
mod batch;
mod demo;
mod error;
mod event_edit;
mod event_rows;
mod events;
mod habit_blocks;
mod habits;
mod history;
mod import;
#[cfg(test)]
mod import_work_tests;
mod journal;
mod meeting_holds;
mod meeting_types;
pub mod migrations;
mod occurrences;
mod open;
mod outbox;
mod people;
mod plan;
mod remote;
mod rows;
mod search;
mod settings;
mod sync_tx;
mod tasks;

pub use accounts::LocalDefaults;
pub use demo::DemoSummary;
pub use error::StoreError;
pub use event_edit::EventEdit;
pub use events::ImportOutcome;
pub use history::{BlockFact, EstimateSample, HistoryRecord, HistoryTask, Outcome, PendingBlock, Recorded};
pub use journal::{Changed, Direction, JournalEntry, Keys, Snapshot, JOURNAL_LEN};
pub use meeting_holds::MeetingHold;
pub use meeting_types::MeetingType;
pub use occurrences::{BusySpan, CalendarScope, DenseSeries};
pub use open::Store;
pub use outbox::{OutboxEntry, OutboxOp};
pub use people::PersonSeen;
pub use remote::{AccountStatus, Collection, CollectionId, CollectionInfo, ItemKind};
pub use search::{EventHit, TaskHit, MARK_END, MARK_START};
pub use sync_tx::{ConflictRecord, RemoteRef, Resolution, SyncTx};
pub use tasks::TaskFilter;
