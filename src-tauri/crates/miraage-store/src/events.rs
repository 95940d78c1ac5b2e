//! Writing and reading stored events (one-off events, recurring masters, overrides).

use crate::batch::Batch;
use crate::error::{Result, StoreError};
use crate::event_rows::EventRows;
use crate::open::Store;
use crate::outbox::{enqueue, enqueue_event, event_collection, task_collection, OutboxOp};
use crate::remote::{CollectionId, ItemKind};
use crate::rows::*;
use miraage_domain::{
    CalendarId, Event, EventId, EventKind, EventOrigin, EventStatus, People, Recurrence, RecurrenceId, Task, TaskListId,
};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use std::collections::{HashMap, HashSet};

/// What a batch write changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub events_inserted: usize,
    pub events_updated: usize,
    pub tasks_inserted: usize,
    pub tasks_updated: usize,
}

pub(crate) const EVENT_COLUMNS: &str = "id, calendar_id, uid, kind, recurrence_id, all_day, start_utc, end_utc, zone, \
     rrules, rdates, exdates, summary, description, location, status, busy, origin, people";

impl Store {
    /// Inserts or updates events in one transaction. An event with the same calendar, UID
    /// and recurrence id as a stored one replaces it (keeping the stored id); other rows of
    /// the same UID are left as they are.
    ///
    /// These are the user's edits: for a synced calendar each UID is queued to be sent, in
    /// the same transaction; a read-only calendar refuses them.
    ///
    /// # Errors
    ///
    /// [`StoreError::ReadOnly`] when an event belongs to a read-only calendar;
    /// [`StoreError::Sqlite`] when the database cannot be written (also when an event names a
    /// calendar that does not exist). Nothing is written then.
    pub fn upsert_events(&mut self, events: &[Event]) -> Result<ImportOutcome> {
        let tx = self.conn.transaction()?;
        let outcome = import_in(&tx, events, &[], UidScope::Rows)?;
        queue_edits(&tx, events, &[])?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Writes events and tasks in one transaction: all of them, or none if any fails.
    ///
    /// Each UID of the batch is replaced whole, as iCalendar defines an object: overrides
    /// stored for it that the batch no longer has are deleted, so importing a file again
    /// after an exception was removed (or a series became a single event) leaves no stale
    /// instance. Importing the same file twice duplicates nothing.
    ///
    /// # Errors
    ///
    /// [`StoreError::ReadOnly`] when an event belongs to a read-only calendar;
    /// [`StoreError::Invalid`] when a task depends on a task that does not exist;
    /// [`StoreError::Sqlite`] when the database cannot be written (also when an item names a
    /// calendar or list that does not exist). Nothing is written then.
    pub fn import(&mut self, events: &[Event], tasks: &[Task]) -> Result<ImportOutcome> {
        let tx = self.conn.transaction()?;
        let outcome = import_in(&tx, events, tasks, UidScope::Whole)?;
        queue_edits(&tx, events, tasks)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// The stored event (one-off, master or override) with this id.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no event has this id; [`StoreError::Sqlite`] when the database
    /// cannot be read; [`StoreError::Corrupt`] or [`StoreError::Domain`] when the stored row no
    /// longer reads as an event.
    pub fn event(&self, id: &EventId) -> Result<Event> {
        self.conn
            .query_row(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"), [id.as_str()], |r| {
                Ok(read_event(r))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "event", id: id.to_string() })?
    }

    /// Every stored event of a calendar: masters and one-off events by start, then overrides.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] or
    /// [`StoreError::Domain`] when a stored row no longer reads as an event.
    pub fn events_of_calendar(&self, calendar: &CalendarId) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE calendar_id = ?1
             ORDER BY kind = 'override', start_utc, uid, recurrence_id"
        ))?;
        let rows = stmt.query_map([calendar.as_str()], |r| Ok(read_event(r)))?;
        rows.map(|r| r?).collect()
    }

    /// Deletes an event: a master with its whole series, an override alone (the instance goes back
    /// to what the series' rule says). For a synced calendar the change is queued to be sent.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no event has this id; [`StoreError::ReadOnly`] when its
    /// calendar is read-only; [`StoreError::Sqlite`] when the database cannot be written. Nothing
    /// is deleted then.
    pub fn delete_event(&mut self, id: &EventId) -> Result<()> {
        let tx = self.conn.transaction()?;
        // Deleting a master deletes its series: the overrides go with it.
        let master: Option<(String, String, String, Option<String>)> = tx
            .query_row("SELECT calendar_id, uid, kind, origin FROM events WHERE id = ?1", [id.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let Some((calendar, uid, kind, origin)) = master else {
            return Err(StoreError::NotFound { what: "event", id: id.to_string() });
        };
        let calendar_id = CalendarId::from_string(calendar.clone());
        if kind == "override" {
            // The instance goes back to what the series' rule says: the series changed.
            tx.execute("DELETE FROM events WHERE id = ?1", [id.as_str()])?;
            enqueue_event(&tx, &calendar_id, &uid, OutboxOp::Put, origin.as_deref())?;
        } else {
            // Deleting a master deletes its series: the overrides go with it.
            tx.execute("DELETE FROM events WHERE calendar_id = ?1 AND uid = ?2", params![calendar, uid])?;
            enqueue_event(&tx, &calendar_id, &uid, OutboxOp::Delete, origin.as_deref())?;
        }
        tx.commit()?;
        Ok(())
    }

    /// How many event rows are stored (masters, one-offs and overrides).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn count_events(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?)
    }
}

/// Queues the user's edits of synced items: one entry per event UID and per task.
pub(crate) fn queue_edits(tx: &Transaction<'_>, events: &[Event], tasks: &[Task]) -> Result<()> {
    let events = Batch::new(events);
    // Whether a calendar syncs (and may be edited) is asked once per calendar.
    let mut collections: HashMap<&CalendarId, Option<CollectionId>> = HashMap::new();
    for item in events.items() {
        let collection = match collections.get(item.calendar) {
            Some(found) => *found,
            None => *collections.entry(item.calendar).or_insert(event_collection(tx, item.calendar)?),
        };
        if let Some(collection) = collection {
            // The master's (or one-off's) origin speaks for the item.
            let origin = events.get(item.main.unwrap_or(item.rows[0])).origin.to_property();
            enqueue(tx, collection, ItemKind::Event, item.uid, OutboxOp::Put, origin.as_deref())?;
        }
    }
    let mut lists: HashMap<&TaskListId, Option<CollectionId>> = HashMap::new();
    for t in Batch::new(tasks).iter() {
        let collection = match lists.get(&t.list_id) {
            Some(found) => *found,
            None => *lists.entry(&t.list_id).or_insert(task_collection(tx, &t.list_id)?),
        };
        if let Some(collection) = collection {
            enqueue(tx, collection, ItemKind::Task, &t.uid, OutboxOp::Put, None)?;
        }
    }
    Ok(())
}

/// Whether a batch replaces whole UIDs or single rows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum UidScope {
    Whole,
    Rows,
}

/// Writes a batch inside the caller's transaction, one item (calendar and UID) at a time:
/// one query reads the item's stored rows, which tell each row whether it is new and, for
/// [`UidScope::Whole`], which stored rows the batch no longer has. The rows are then written
/// several to a statement ([`EventRows`]).
pub(crate) fn import_in(
    tx: &Transaction<'_>,
    events: &[Event],
    tasks: &[Task],
    scope: UidScope,
) -> Result<ImportOutcome> {
    let mut outcome = ImportOutcome::default();
    let events = Batch::new(events);
    let mut stored_rows =
        tx.prepare_cached("SELECT recurrence_id, id FROM events WHERE calendar_id = ?1 AND uid = ?2")?;
    let mut delete = tx.prepare_cached("DELETE FROM events WHERE id = ?1")?;
    let mut rows = EventRows::new(tx);
    for item in events.items() {
        let mut stored: HashMap<String, String> = stored_rows
            .query_map(params![item.calendar.as_str(), item.uid], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut kept = HashSet::with_capacity(item.rows.len());
        for &i in &item.rows {
            let event = events.get(i);
            let recurrence_id = event.recurrence_id().map(|r| r.to_string()).unwrap_or_default();
            let id = match stored.get(&recurrence_id) {
                Some(id) => {
                    outcome.events_updated += 1;
                    id.clone()
                }
                None => {
                    outcome.events_inserted += 1;
                    event.id.to_string()
                }
            };
            rows.push(event, &id, &recurrence_id)?;
            stored.insert(recurrence_id.clone(), id);
            kept.insert(recurrence_id);
        }
        if scope == UidScope::Whole {
            for (recurrence_id, id) in &stored {
                if !kept.contains(recurrence_id) {
                    delete.execute([id])?;
                }
            }
        }
    }
    rows.finish()?;
    let (inserted, updated) = crate::tasks::upsert_tasks(tx, tasks)?;
    outcome.tasks_inserted = inserted;
    outcome.tasks_updated = updated;
    Ok(outcome)
}

pub(crate) fn read_event(r: &Row<'_>) -> Result<Event> {
    let kind: String = r.get(3)?;
    let recurrence_id: String = r.get(4)?;
    let time = time_from_columns(r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?)?;
    let kind = match kind.as_str() {
        "single" => EventKind::Single,
        "override" => EventKind::Override { recurrence_id: RecurrenceId::parse(&recurrence_id)? },
        "master" => {
            let rules: String = r.get::<_, Option<String>>(9)?.unwrap_or_else(|| "[]".into());
            EventKind::Master {
                recurrence: Recurrence {
                    rules: serde_json::from_str(&rules).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    rdates: ids_from_json(r.get(10)?)?,
                    exdates: ids_from_json(r.get(11)?)?,
                },
            }
        }
        other => return Err(StoreError::Corrupt(format!("event kind {other:?}"))),
    };
    let status: String = r.get(15)?;
    Ok(Event {
        id: EventId::from_string(r.get::<_, String>(0)?),
        calendar_id: CalendarId::from_string(r.get::<_, String>(1)?),
        uid: r.get(2)?,
        kind,
        time,
        summary: r.get(12)?,
        description: r.get(13)?,
        location: r.get(14)?,
        status: EventStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("event status {status:?}")))?,
        busy: r.get(16)?,
        origin: r.get::<_, Option<String>>(17)?.map(|o| EventOrigin::from_property(&o)).unwrap_or_default(),
        people: match r.get::<_, Option<String>>(18)? {
            Some(json) => serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("event people: {e}")))?,
            None => People::default(),
        },
    })
}
