//! The interface every provider (CalDAV, ICS subscription, Google, Microsoft) implements for
//! the sync engine, and what it exchanges with it.
//!
//! Providers speak in domain types: they read their wire format (iCalendar, Google JSON,
//! Graph JSON) into [`Event`]s and [`Task`]s and write them back. The engine owns storage,
//! the outbox, conflicts and retries; a provider owns its protocol, its cursor format and
//! the idempotence of its creates.

use crate::error::Result;
use miraage_domain::{Event, RecurrenceId, Task};
use std::future::Future;

/// A remote collection, as the provider lists it and the store records it.
pub use miraage_store::CollectionInfo as RemoteCollection;
pub use miraage_store::ItemKind;

/// The content of one item.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemBody {
    /// Events of one UID: the one-off event or master first, then overrides (with
    /// [`ItemScope::Master`], the master alone; with [`ItemScope::Instance`], only that
    /// override).
    Events(Vec<Event>),
    Task(Box<Task>),
}

impl ItemBody {
    pub fn kind(&self) -> ItemKind {
        match self {
            ItemBody::Events(_) => ItemKind::Event,
            ItemBody::Task(_) => ItemKind::Task,
        }
    }
}

/// How much of a UID an incoming item covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemScope {
    /// All of it (a CalDAV resource, a Graph series with its exceptions): every local row of
    /// the UID not in the item is dropped.
    Whole,
    /// The series master alone (Google and Graph keep each exception as an object of its
    /// own and send a changed master without them): the UID's overrides are kept.
    Master,
    /// These instances of a series only (Google and Graph send a changed exception on its
    /// own): other rows of the UID are kept.
    Instance(RecurrenceId),
}

/// One item read from the server.
#[derive(Debug, Clone, PartialEq)]
pub struct IncomingItem {
    /// The provider's id for the object (CalDAV href, Google/Graph event id).
    pub remote_id: String,
    /// Version tag for conditional writes; `None` when the provider has none.
    pub etag: Option<String>,
    pub uid: String,
    pub scope: ItemScope,
    pub body: ItemBody,
}

/// One change on the server.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoteChange {
    Upsert(IncomingItem),
    /// The object is gone (deleted, or moved out of the collection).
    Removed {
        remote_id: String,
    },
    /// The object exists but cannot be read; it is reported and the rest goes on. Its local
    /// copy, if any, is kept.
    Unreadable {
        remote_id: String,
        reason: String,
    },
}

/// What one `changes` call found.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    pub changes: Vec<RemoteChange>,
    /// The provider's cursor to pass to the next call (opaque to the engine).
    pub cursor: String,
    /// The changes list every object of the collection (first sync, or a cursor the server
    /// refused): local items of the collection not listed are gone.
    pub full: bool,
    /// More changes follow: call again with `cursor` (paged providers). The engine saves
    /// each page with its cursor, so an interrupted sync resumes after the last saved page.
    pub more: bool,
}

/// An item to write, made from the current local rows.
#[derive(Debug, Clone, Copy)]
pub struct OutgoingItem<'a> {
    pub uid: &'a str,
    pub body: &'a ItemBody,
    /// Where it is on the server; `None` for a create.
    pub remote_id: Option<&'a str>,
    /// The version the local edit was made on; a write over another version must fail with
    /// [`SyncError::Conflict`](crate::SyncError::Conflict).
    pub etag: Option<&'a str>,
}

/// The server's answer to a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub remote_id: String,
    /// The new version tag; `None` when the server did not say (the next sync brings it).
    pub etag: Option<String>,
}

/// A remote account. Creates must be idempotent: a create retried after a lost answer must
/// not make a second object (CalDAV: an href derived from the UID and `If-None-Match: *`;
/// Google: a client-chosen event id; Graph: `transactionId`), and may answer
/// [`SyncError::Conflict`](crate::SyncError::Conflict) when the object already exists.
pub trait Provider: Send + Sync {
    /// A short name for messages ("CalDAV", "Google").
    fn label(&self) -> &'static str;

    fn collections(&self) -> impl Future<Output = Result<Vec<RemoteCollection>>> + Send;

    /// Changes of `collection` since `cursor` (`None`: everything).
    fn changes(
        &self,
        collection: &RemoteCollection,
        cursor: Option<&str>,
    ) -> impl Future<Output = Result<Changes>> + Send;

    /// Creates or updates one item.
    fn write(
        &self,
        collection: &RemoteCollection,
        item: OutgoingItem<'_>,
    ) -> impl Future<Output = Result<Written>> + Send;

    /// Deletes one object if it still has `etag` (`None`: whatever version). An object
    /// already gone counts as deleted.
    fn delete(
        &self,
        collection: &RemoteCollection,
        kind: ItemKind,
        remote_id: &str,
        etag: Option<&str>,
    ) -> impl Future<Output = Result<()>> + Send;

    /// Whether the server recognises a repeated create of `kind` by itself (the default).
    /// When it cannot (Google Tasks and To Do take no client-chosen id), every create must
    /// carry a marker that [`Provider::find`] looks for, and the engine calls `find` before
    /// it sends a create again whose first try may have reached the server.
    fn creates_are_idempotent(&self, kind: ItemKind) -> bool {
        let _ = kind;
        true
    }

    /// The server's current copy of the item with this UID, if it exists: what the engine
    /// reads before writing again after a conflict or an unknown outcome.
    fn find(
        &self,
        collection: &RemoteCollection,
        kind: ItemKind,
        uid: &str,
    ) -> impl Future<Output = Result<Option<IncomingItem>>> + Send;
}
