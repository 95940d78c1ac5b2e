//! Edits of the user's events, several items at once: what an "edit this and following"
//! (one series ended, a new one started) or a move to another calendar (deleted there,
//! created here) writes. One transaction with its outbox entries, as plan accepts are.

use crate::error::{Result, StoreError};
use crate::events::{import_in, read_event, UidScope, EVENT_COLUMNS};
use crate::open::Store;
use crate::outbox::{enqueue_event, OutboxOp};
use miraage_domain::{CalendarId, Event, EventId};
use rusqlite::{params, OptionalExtension, Transaction};

/// One edit: the whole new content of some items, and items removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventEdit {
    /// Rows that must still be stored unchanged for the edit to apply: the version the edit
    /// was made from (an event deleted meanwhile, by a sync, refuses the edit).
    pub based_on: Vec<Event>,
    /// Every row of each item (calendar and UID) written; stored rows of these items that
    /// are not here are deleted.
    pub put: Vec<Event>,
    /// Items (calendar, UID) deleted with all their rows.
    pub delete: Vec<(CalendarId, String)>,
}

impl Store {
    /// Every stored row with this UID, in any calendar: masters and one-off events first,
    /// then overrides by recurrence id.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) when a stored row no longer reads as an event.
    pub fn events_by_uid(&self, uid: &str) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE uid = ?1 ORDER BY calendar_id, kind = 'override', recurrence_id"
        ))?;
        let rows = stmt.query_map([uid], |r| Ok(read_event(r)))?;
        rows.map(|r| r?).collect()
    }

    /// Applies `edit` in one transaction: checks that what it was based on is unchanged,
    /// deletes the removed items (queued as deletes for synced calendars) and replaces the
    /// written ones (queued as puts). Read-only calendars refuse either.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when a row the edit was based on is gone or changed (deleted
    /// or edited by a sync meanwhile); [`StoreError::ReadOnly`] for a read-only calendar;
    /// database failures. Nothing is written then.
    pub fn apply_event_edit(&mut self, edit: &EventEdit) -> Result<()> {
        let tx = self.conn.transaction()?;
        for base in &edit.based_on {
            let stored: Option<Event> = tx
                .prepare_cached(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"))?
                .query_row([base.id.as_str()], |r| Ok(read_event(r)))
                .optional()?
                .transpose()?;
            if stored.as_ref() != Some(base) {
                return Err(StoreError::NotFound { what: "event", id: base.summary.clone() });
            }
        }
        for (calendar, uid) in &edit.delete {
            delete_item_in(&tx, calendar, uid)?;
        }
        import_in(&tx, &edit.put, &[], UidScope::Whole)?;
        crate::events::queue_edits(&tx, &edit.put, &[])?;
        tx.commit()?;
        Ok(())
    }

    /// The stored row with this id, if any.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) when the stored row no longer reads as an event.
    pub fn find_event(&self, id: &EventId) -> Result<Option<Event>> {
        match self.event(id) {
            Ok(e) => Ok(Some(e)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Deletes every row of an item (calendar and UID), queued as a delete for a synced calendar.
pub(crate) fn delete_item_in(tx: &Transaction<'_>, calendar: &CalendarId, uid: &str) -> Result<()> {
    let origin: Option<Option<String>> = tx
        .query_row(
            "SELECT origin FROM events WHERE calendar_id = ?1 AND uid = ?2 ORDER BY kind = 'override' LIMIT 1",
            params![calendar.as_str(), uid],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute("DELETE FROM events WHERE calendar_id = ?1 AND uid = ?2", params![calendar.as_str(), uid])?;
    enqueue_event(tx, calendar, uid, OutboxOp::Delete, origin.flatten().as_deref())?;
    Ok(())
}
