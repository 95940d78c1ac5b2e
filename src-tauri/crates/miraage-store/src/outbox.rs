//! The outbox: local edits of synced items, recorded in the same transaction as the edit and
//! removed only when the server confirmed them.

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::remote::{CollectionId, ItemKind};
use crate::rows::now_epoch;
use miraage_domain::{CalendarId, TaskListId};
use rusqlite::{params, OptionalExtension, Transaction};

/// What a pending edit does on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxOp {
    /// Create or update the item from its current local rows.
    Put,
    Delete,
}

impl OutboxOp {
    fn as_str(self) -> &'static str {
        match self {
            OutboxOp::Put => "put",
            OutboxOp::Delete => "delete",
        }
    }
}

/// One pending edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub collection: CollectionId,
    pub kind: ItemKind,
    pub uid: String,
    pub op: OutboxOp,
    /// `X-MIRAAGE-ORIGIN` of the item when it was edited (`None`: external), which the
    /// conflict policy needs even after a delete.
    pub origin: Option<String>,
    pub attempts: u32,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    /// Bumped by every edit of the item: confirming a send removes the entry only if no
    /// edit came in while it was in flight.
    pub revision: i64,
    /// A create of the item went out unconfirmed (see [`Store::outbox_create_sent`]).
    pub create_sent: bool,
}

pub(crate) const ENTRY_COLUMNS: &str =
    "id, collection_id, item_kind, uid, op, origin, attempts, next_attempt_at, last_error, revision, create_sent";

pub(crate) fn read_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxEntry> {
    let kind: String = r.get(2)?;
    let op: String = r.get(4)?;
    Ok(OutboxEntry {
        id: r.get(0)?,
        collection: CollectionId(r.get(1)?),
        kind: ItemKind::parse(&kind).unwrap_or(ItemKind::Event),
        uid: r.get(3)?,
        op: if op == "delete" { OutboxOp::Delete } else { OutboxOp::Put },
        origin: r.get(5)?,
        attempts: r.get(6)?,
        next_attempt_at: r.get(7)?,
        last_error: r.get(8)?,
        revision: r.get(9)?,
        create_sent: r.get(10)?,
    })
}

/// Records a local edit of an event of `calendar` if the calendar syncs; refuses edits of
/// read-only calendars. Called inside the edit's transaction.
pub(crate) fn enqueue_event(
    tx: &Transaction<'_>,
    calendar: &CalendarId,
    uid: &str,
    op: OutboxOp,
    origin: Option<&str>,
) -> Result<()> {
    match event_collection(tx, calendar)? {
        Some(collection) => enqueue(tx, collection, ItemKind::Event, uid, op, origin),
        None => Ok(()),
    }
}

/// The collection that edits of `calendar`'s events go to (`None`: a local calendar);
/// refuses read-only calendars. A batch asks once per calendar, not once per item.
pub(crate) fn event_collection(tx: &Transaction<'_>, calendar: &CalendarId) -> Result<Option<CollectionId>> {
    let found: Option<(Option<i64>, bool, String)> = tx
        .prepare_cached("SELECT co.id, c.read_only, c.name FROM calendars c LEFT JOIN collections co ON co.calendar_id = c.id WHERE c.id = ?1")?
        .query_row([calendar.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match found {
        None => Err(StoreError::NotFound { what: "calendar", id: calendar.to_string() }),
        Some((_, true, name)) => Err(StoreError::ReadOnly { what: format!("calendar {name:?}") }),
        Some((collection, false, _)) => Ok(collection.map(CollectionId)),
    }
}

/// Records a local edit of a task of `list` if the list syncs.
pub(crate) fn enqueue_task(tx: &Transaction<'_>, list: &TaskListId, uid: &str, op: OutboxOp) -> Result<()> {
    match task_collection(tx, list)? {
        Some(c) => enqueue(tx, c, ItemKind::Task, uid, op, None),
        None => Ok(()),
    }
}

/// The collection that edits of `list`'s tasks go to (`None`: a local list).
pub(crate) fn task_collection(tx: &Transaction<'_>, list: &TaskListId) -> Result<Option<CollectionId>> {
    Ok(tx
        .prepare_cached("SELECT id FROM collections WHERE task_list_id = ?1")?
        .query_row([list.as_str()], |r| r.get(0))
        .optional()?
        .map(CollectionId))
}

pub(crate) fn enqueue(
    tx: &Transaction<'_>,
    collection: CollectionId,
    kind: ItemKind,
    uid: &str,
    op: OutboxOp,
    origin: Option<&str>,
) -> Result<()> {
    let now = now_epoch();
    tx.prepare_cached(
        "INSERT INTO outbox (collection_id, item_kind, uid, op, origin, next_attempt_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
         ON CONFLICT (collection_id, item_kind, uid) DO UPDATE SET
             op = excluded.op, origin = coalesce(excluded.origin, outbox.origin), attempts = 0,
             next_attempt_at = excluded.next_attempt_at, last_error = NULL, revision = outbox.revision + 1",
    )?
    .execute(params![collection.0, kind.as_str(), uid, op.as_str(), origin, now])?;
    Ok(())
}

impl Store {
    /// Pending edits of `collection`, in the order they were first made; with `due_by`, only
    /// those whose retry time has come.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn outbox(&self, collection: CollectionId, due_by: Option<i64>) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM outbox WHERE collection_id = ?1 AND (?2 IS NULL OR next_attempt_at <= ?2) ORDER BY id"
        ))?;
        let rows = stmt.query_map(params![collection.0, due_by], read_entry)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The pending edit of one item, if any.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn outbox_entry(&self, collection: CollectionId, kind: ItemKind, uid: &str) -> Result<Option<OutboxEntry>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM outbox WHERE collection_id = ?1 AND item_kind = ?2 AND uid = ?3"
            ))?
            .query_row(params![collection.0, kind.as_str(), uid], read_entry)
            .optional()?)
    }

    /// How many edits wait to be sent, over all collections.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn outbox_len(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT count(*) FROM outbox", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Records, before a create is sent to a provider that cannot recognise a repeated one,
    /// that it may reach the server even if no answer comes back (or the process dies): the
    /// next try looks for it first. Later edits of the item keep the mark.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn outbox_create_sent(&mut self, entry_id: i64) -> Result<()> {
        self.conn.execute("UPDATE outbox SET create_sent = 1 WHERE id = ?1", [entry_id])?;
        Ok(())
    }

    /// A failed send: try again at `next_attempt_at`, unless the item was edited meanwhile
    /// (then the new edit is due now).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn outbox_retry_later(&mut self, entry: &OutboxEntry, next_attempt_at: i64, error: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?3, last_error = ?4 WHERE id = ?1 AND revision = ?2",
            params![entry.id, entry.revision, next_attempt_at, error],
        )?;
        Ok(())
    }
}
