//! The primitives the sync engine applies server changes with, inside one transaction:
//! a page of changes and its cursor are saved together or not at all, so a sync killed at
//! any point resumes from the last saved page without losing or doubling anything.
//!
//! Nothing written here goes to the outbox: these are the server's changes, not the user's.

use crate::error::Result;
use crate::events::{import_in, UidScope, EVENT_COLUMNS};
use crate::open::Store;
use crate::outbox::OutboxEntry;
use crate::remote::{CollectionId, ItemKind};
use crate::rows::now_epoch;
use miraage_domain::{CalendarId, Event, Task, TaskListId};
use rusqlite::{params, OptionalExtension, Transaction};

/// Where a synced item lives on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteRef {
    pub remote_id: String,
    pub kind: ItemKind,
    pub uid: String,
    /// The instance the object holds, or `None` when it holds the whole UID.
    pub recurrence_id: Option<String>,
    pub etag: Option<String>,
}

/// How a conflict was settled (see the engine's policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The server's version was kept; the local edit was dropped.
    ServerKept,
    /// The local edit was kept and will overwrite the server's version.
    LocalKept,
    /// A plan block was changed on the server: its version was kept and the plan needs
    /// another look.
    Replan,
}

impl Resolution {
    pub fn as_str(self) -> &'static str {
        match self {
            Resolution::ServerKept => "server_kept",
            Resolution::LocalKept => "local_kept",
            Resolution::Replan => "replan",
        }
    }
}

/// A conflict, as listed for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRecord {
    pub id: i64,
    pub collection: CollectionId,
    pub kind: ItemKind,
    pub uid: String,
    pub summary: String,
    pub resolution: String,
    pub detected_at: i64,
}

/// One transaction of the sync engine.
pub struct SyncTx<'s> {
    tx: Transaction<'s>,
}

impl Store {
    /// Starts a transaction of the sync engine; nothing it writes is kept until [`SyncTx::commit`].
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the transaction cannot begin (the
    /// database is busy or unwritable).
    pub fn sync_tx(&mut self) -> Result<SyncTx<'_>> {
        Ok(SyncTx { tx: self.conn.transaction()? })
    }

    /// Conflicts recorded by the engine, newest first.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read.
    pub fn conflicts(&self, limit: usize) -> Result<Vec<ConflictRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, collection_id, item_kind, uid, summary, resolution, detected_at FROM sync_conflicts ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            let kind: String = r.get(2)?;
            Ok(ConflictRecord {
                id: r.get(0)?,
                collection: CollectionId(r.get(1)?),
                kind: ItemKind::parse(&kind).unwrap_or(ItemKind::Event),
                uid: r.get(3)?,
                summary: r.get(4)?,
                resolution: r.get(5)?,
                detected_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every server object the store knows for `collection`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read.
    pub fn remote_refs(&self, collection: CollectionId) -> Result<Vec<RemoteRef>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT remote_id, item_kind, uid, recurrence_id, etag FROM remote_items WHERE collection_id = ?1",
        )?;
        let rows = stmt.query_map([collection.0], read_ref)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The local rows of one event UID (master or one-off first).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) or
    /// [`StoreError::Domain`](crate::StoreError::Domain) when a stored row no longer reads as an event.
    pub fn events_of_uid(&self, calendar: &CalendarId, uid: &str) -> Result<Vec<Event>> {
        events_of_uid(&self.conn, calendar, uid)
    }

    /// The local task with this UID in `list`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) or
    /// [`StoreError::Domain`](crate::StoreError::Domain) when the stored row no longer reads as a task.
    pub fn task_of_uid(&self, list: &TaskListId, uid: &str) -> Result<Option<Task>> {
        let id: Option<String> = self
            .conn
            .query_row("SELECT id FROM tasks WHERE list_id = ?1 AND uid = ?2", params![list.as_str(), uid], |r| {
                r.get(0)
            })
            .optional()?;
        id.map(|id| self.task(&miraage_domain::TaskId::from_string(id))).transpose()
    }
}

fn read_ref(r: &rusqlite::Row<'_>) -> rusqlite::Result<RemoteRef> {
    let kind: String = r.get(1)?;
    let recurrence_id: String = r.get(3)?;
    Ok(RemoteRef {
        remote_id: r.get(0)?,
        kind: ItemKind::parse(&kind).unwrap_or(ItemKind::Event),
        uid: r.get(2)?,
        recurrence_id: (!recurrence_id.is_empty()).then_some(recurrence_id),
        etag: r.get(4)?,
    })
}

fn events_of_uid(conn: &rusqlite::Connection, calendar: &CalendarId, uid: &str) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE calendar_id = ?1 AND uid = ?2 ORDER BY recurrence_id <> '', recurrence_id"
    ))?;
    let rows = stmt.query_map(params![calendar.as_str(), uid], |r| Ok(crate::events::read_event(r)))?;
    rows.map(|r| r?).collect()
}

impl SyncTx<'_> {
    /// Makes everything written in this transaction permanent at once.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the commit fails; nothing of the
    /// transaction is kept then.
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    /// The server object `remote_id` of `collection`, if the store knows it.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read.
    pub fn remote_ref(&self, collection: CollectionId, remote_id: &str) -> Result<Option<RemoteRef>> {
        Ok(self
            .tx
            .prepare_cached("SELECT remote_id, item_kind, uid, recurrence_id, etag FROM remote_items WHERE collection_id = ?1 AND remote_id = ?2")?
            .query_row(params![collection.0, remote_id], read_ref)
            .optional()?)
    }

    /// The object holding the whole UID (or its master, for providers that store instances
    /// apart).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read.
    pub fn remote_ref_of_uid(&self, collection: CollectionId, kind: ItemKind, uid: &str) -> Result<Option<RemoteRef>> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT remote_id, item_kind, uid, recurrence_id, etag FROM remote_items
                 WHERE collection_id = ?1 AND item_kind = ?2 AND uid = ?3 AND recurrence_id = ''",
            )?
            .query_row(params![collection.0, kind.as_str(), uid], read_ref)
            .optional()?)
    }

    /// Records where an object is and its version. Another object recorded for the same
    /// UID and instance is replaced (the item moved on the server).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written (also when
    /// `collection` does not exist).
    pub fn set_remote_ref(&self, collection: CollectionId, r: &RemoteRef) -> Result<()> {
        let rid = r.recurrence_id.clone().unwrap_or_default();
        self.tx.prepare_cached(
            "DELETE FROM remote_items WHERE collection_id = ?1 AND item_kind = ?2 AND uid = ?3 AND recurrence_id = ?4 AND remote_id <> ?5",
        )?
        .execute(params![collection.0, r.kind.as_str(), r.uid, rid, r.remote_id])?;
        self.tx
            .prepare_cached(
                "INSERT INTO remote_items (collection_id, remote_id, item_kind, uid, recurrence_id, etag) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (collection_id, remote_id) DO UPDATE SET
                     item_kind = excluded.item_kind, uid = excluded.uid, recurrence_id = excluded.recurrence_id, etag = excluded.etag",
            )?
            .execute(params![collection.0, r.remote_id, r.kind.as_str(), r.uid, rid, r.etag])?;
        Ok(())
    }

    /// Every server object known for `collection`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read.
    pub fn remote_refs(&self, collection: CollectionId) -> Result<Vec<RemoteRef>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT remote_id, item_kind, uid, recurrence_id, etag FROM remote_items WHERE collection_id = ?1",
        )?;
        let rows = stmt.query_map([collection.0], read_ref)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets the server object `remote_id` of `collection` (it is gone from the server); the local
    /// rows it held are left alone.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn forget_remote_ref(&self, collection: CollectionId, remote_id: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM remote_items WHERE collection_id = ?1 AND remote_id = ?2")?
            .execute(params![collection.0, remote_id])?;
        Ok(())
    }

    /// Forgets every server object recorded for this UID in `collection`; the local rows are left
    /// alone.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn forget_remote_refs_of_uid(&self, collection: CollectionId, kind: ItemKind, uid: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM remote_items WHERE collection_id = ?1 AND item_kind = ?2 AND uid = ?3")?
            .execute(params![collection.0, kind.as_str(), uid])?;
        Ok(())
    }

    /// The pending edit of one item, if any (as [`Store::outbox_entry`], inside this transaction).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read.
    pub fn outbox_entry(&self, collection: CollectionId, kind: ItemKind, uid: &str) -> Result<Option<OutboxEntry>> {
        Ok(self
            .tx
            .prepare_cached(&format!(
                "SELECT {} FROM outbox WHERE collection_id = ?1 AND item_kind = ?2 AND uid = ?3",
                crate::outbox::ENTRY_COLUMNS
            ))?
            .query_row(params![collection.0, kind.as_str(), uid], crate::outbox::read_entry)
            .optional()?)
    }

    /// Removes a pending edit once the server has it (or it lost a conflict). With
    /// `revision`, only if no newer edit came in meanwhile; returns whether it went.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn drop_outbox(&self, id: i64, revision: Option<i64>) -> Result<bool> {
        let n = self
            .tx
            .prepare_cached("DELETE FROM outbox WHERE id = ?1 AND (?2 IS NULL OR revision = ?2)")?
            .execute(params![id, revision])?;
        Ok(n > 0)
    }

    /// Puts an entry back to be sent now (after a conflict was settled in its favour).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn requeue(&self, id: i64) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE outbox SET next_attempt_at = 0, last_error = NULL WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// Replaces every local row of the events' UID with them (the whole item came).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written (also when
    /// an event names a calendar that does not exist).
    pub fn replace_uid(&self, events: &[Event]) -> Result<()> {
        import_in(&self.tx, events, &[], UidScope::Whole)?;
        Ok(())
    }

    /// Upserts these rows, keeping the UID's other rows (an instance came on its own).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written (also when
    /// an event names a calendar that does not exist).
    pub fn upsert_rows(&self, events: &[Event]) -> Result<()> {
        import_in(&self.tx, events, &[], UidScope::Rows)?;
        Ok(())
    }

    /// The local rows of one event UID (master or one-off first), inside this transaction.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) or
    /// [`StoreError::Domain`](crate::StoreError::Domain) when a stored row no longer reads as an event.
    pub fn events_of_uid(&self, calendar: &CalendarId, uid: &str) -> Result<Vec<Event>> {
        events_of_uid(&self.tx, calendar, uid)
    }

    /// Deletes every local row of this event UID in `calendar` (the item is gone from the server).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn delete_uid(&self, calendar: &CalendarId, uid: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM events WHERE calendar_id = ?1 AND uid = ?2")?
            .execute(params![calendar.as_str(), uid])?;
        Ok(())
    }

    /// Deletes the local override of one instance (`recurrence_id`) of this event UID.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn delete_instance(&self, calendar: &CalendarId, uid: &str, recurrence_id: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM events WHERE calendar_id = ?1 AND uid = ?2 AND recurrence_id = ?3")?
            .execute(params![calendar.as_str(), uid, recurrence_id])?;
        Ok(())
    }

    /// Upserts a task by (list, UID), keeping its local id. Dependencies named by the
    /// server are not kept (their ids are the server's).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written (also when
    /// the task names a list that does not exist).
    pub fn upsert_task(&self, task: &Task) -> Result<()> {
        let mut task = task.clone();
        task.depends_on.clear();
        crate::tasks::upsert_tasks(&self.tx, std::slice::from_ref(&task))?;
        Ok(())
    }

    /// Deletes the local task with this UID in `list` (it is gone from the server).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn delete_task_uid(&self, list: &TaskListId, uid: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM tasks WHERE list_id = ?1 AND uid = ?2")?
            .execute(params![list.as_str(), uid])?;
        Ok(())
    }

    /// The local task with this UID in `list`, inside this transaction. Its dependencies are not read.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) or
    /// [`StoreError::Domain`](crate::StoreError::Domain) when the stored row no longer reads as a task.
    pub fn task_of_uid(&self, list: &TaskListId, uid: &str) -> Result<Option<Task>> {
        let row = self
            .tx
            .prepare_cached(&format!(
                "SELECT {} FROM tasks t WHERE t.list_id = ?1 AND t.uid = ?2",
                crate::tasks::TASK_COLUMNS
            ))?
            .query_row(params![list.as_str(), uid], |r| Ok(crate::tasks::read_task(r)))
            .optional()?;
        row.transpose()
    }

    /// Records a settled conflict for the user to review (see [`Store::conflicts`]).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn record_conflict(
        &self,
        collection: CollectionId,
        kind: ItemKind,
        uid: &str,
        summary: &str,
        resolution: Resolution,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO sync_conflicts (collection_id, item_kind, uid, summary, resolution, detected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![collection.0, kind.as_str(), uid, summary, resolution.as_str(), now_epoch()])?;
        Ok(())
    }

    /// Saves the server's sync cursor of `collection` (`None`: the next sync reads everything).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be written.
    pub fn set_cursor(&self, collection: CollectionId, cursor: Option<&str>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE collections SET cursor = ?2 WHERE id = ?1")?
            .execute(params![collection.0, cursor])?;
        Ok(())
    }
}
