//! Writing and reading stored events (one-off events, recurring masters, overrides).

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::outbox::{enqueue_event, enqueue_task, OutboxOp};
use crate::rows::*;
use miraage_domain::{CalendarId, Event, EventId, EventKind, EventOrigin, EventStatus, Recurrence, RecurrenceId, Task};
use rusqlite::{params, OptionalExtension, Row, Transaction};

/// What a batch write changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    pub events_inserted: usize,
    pub events_updated: usize,
    pub tasks_inserted: usize,
    pub tasks_updated: usize,
}

pub(crate) const EVENT_COLUMNS: &str = "id, calendar_id, uid, kind, recurrence_id, all_day, start_utc, end_utc, zone, \
     rrules, rdates, exdates, summary, description, location, status, busy, origin";

impl Store {
    /// Inserts or updates events in one transaction. An event with the same calendar, UID
    /// and recurrence id as a stored one replaces it (keeping the stored id); other rows of
    /// the same UID are left as they are.
    ///
    /// These are the user's edits: for a synced calendar each UID is queued to be sent, in
    /// the same transaction; a read-only calendar refuses them.
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
    pub fn import(&mut self, events: &[Event], tasks: &[Task]) -> Result<ImportOutcome> {
        let tx = self.conn.transaction()?;
        let outcome = import_in(&tx, events, tasks, UidScope::Whole)?;
        queue_edits(&tx, events, tasks)?;
        tx.commit()?;
        Ok(outcome)
    }


    pub fn event(&self, id: &EventId) -> Result<Event> {
        self.conn
            .query_row(&format!("SELECT {EVENT_COLUMNS} FROM events WHERE id = ?1"), [id.as_str()], |r| Ok(read_event(r)))
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "event", id: id.to_string() })?
    }

    /// Every stored event of a calendar: masters and one-off events by start, then overrides.
    pub fn events_of_calendar(&self, calendar: &CalendarId) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLUMNS} FROM events WHERE calendar_id = ?1
             ORDER BY kind = 'override', start_utc, uid, recurrence_id"
        ))?;
        let rows = stmt.query_map([calendar.as_str()], |r| Ok(read_event(r)))?;
        rows.map(|r| r?).collect()
    }

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

    pub fn count_events(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?)
    }


}

/// Queues the user's edits of synced items: one entry per event UID and per task.
fn queue_edits(tx: &Transaction<'_>, events: &[Event], tasks: &[Task]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for e in events {
        if seen.insert((e.calendar_id.as_str(), e.uid.as_str())) {
            // The master's (or one-off's) origin speaks for the item.
            let origin = events.iter().find(|o| o.uid == e.uid && o.calendar_id == e.calendar_id && o.recurrence_id().is_none()).unwrap_or(e);
            enqueue_event(tx, &e.calendar_id, &e.uid, OutboxOp::Put, origin.origin.to_property().as_deref())?;
        }
    }
    for t in tasks {
        enqueue_task(tx, &t.list_id, &t.uid, OutboxOp::Put)?;
    }
    Ok(())
}

/// Whether a batch replaces whole UIDs or single rows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum UidScope {
    Whole,
    Rows,
}

/// Writes a batch inside the caller's transaction.
pub(crate) fn import_in(tx: &Transaction<'_>, events: &[Event], tasks: &[Task], scope: UidScope) -> Result<ImportOutcome> {
    let mut outcome = ImportOutcome::default();
    for event in events {
        if upsert_event(tx, event)? {
            outcome.events_inserted += 1;
        } else {
            outcome.events_updated += 1;
        }
    }
    if scope == UidScope::Whole {
        let mut kept: std::collections::HashMap<(&str, &str), Vec<String>> = std::collections::HashMap::new();
        for e in events {
            let id = e.recurrence_id().map(|r| r.to_string()).unwrap_or_default();
            kept.entry((e.calendar_id.as_str(), e.uid.as_str())).or_default().push(id);
        }
        let mut rows = tx.prepare_cached("SELECT id, recurrence_id FROM events WHERE calendar_id = ?1 AND uid = ?2")?;
        let mut delete = tx.prepare_cached("DELETE FROM events WHERE id = ?1")?;
        for ((calendar, uid), ids) in &kept {
            let stored: Vec<(String, String)> =
                rows.query_map(params![calendar, uid], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            for (row, recurrence_id) in stored {
                if !ids.contains(&recurrence_id) {
                    delete.execute([row])?;
                }
            }
        }
    }
    let (inserted, updated) = crate::tasks::upsert_tasks(tx, tasks)?;
    outcome.tasks_inserted = inserted;
    outcome.tasks_updated = updated;
    Ok(outcome)
}

/// Inserts or updates one event; true when it was new.
fn upsert_event(tx: &Transaction<'_>, e: &Event) -> Result<bool> {
    let (all_day, start, end, zone) = time_columns(&e.time);
    let (kind, recurrence_id, rrules, rdates, exdates, span_end) = match &e.kind {
        EventKind::Single => ("single", String::new(), None, None, None, None),
        EventKind::Override { recurrence_id } => ("override", recurrence_id.to_string(), None, None, None, None),
        EventKind::Master { recurrence } => {
            recurrence.validate(&e.time)?;
            let last = recurrence.last_end(&e.time)?;
            (
                "master",
                String::new(),
                Some(serde_json::to_string(&recurrence.rules).expect("strings serialise")),
                Some(ids_to_json(&recurrence.rdates)),
                Some(ids_to_json(&recurrence.exdates)),
                Some(last.map(minute_ceil).unwrap_or(SPAN_ENDLESS)),
            )
        }
    };
    let (lo, hi) = e.time.index_bounds();
    let span_start = span_coord(minute_floor(lo));
    let span_end = span_coord(span_end.unwrap_or_else(|| minute_ceil(hi)).max(minute_ceil(hi)));
    let existing: Option<String> = tx
        .prepare_cached("SELECT id FROM events WHERE calendar_id = ?1 AND uid = ?2 AND recurrence_id = ?3")?
        .query_row(params![e.calendar_id.as_str(), e.uid, recurrence_id], |r| r.get(0))
        .optional()?;
    let id = existing.clone().unwrap_or_else(|| e.id.to_string());
    tx.prepare_cached(
        "INSERT INTO events (id, calendar_id, uid, kind, recurrence_id, all_day, start_utc, end_utc, zone,
                             rrules, rdates, exdates, summary, description, location, status, busy,
                             span_start_min, span_end_min, updated_at, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
         ON CONFLICT (calendar_id, uid, recurrence_id) DO UPDATE SET
             kind = excluded.kind, all_day = excluded.all_day, start_utc = excluded.start_utc,
             end_utc = excluded.end_utc, zone = excluded.zone, rrules = excluded.rrules,
             rdates = excluded.rdates, exdates = excluded.exdates, summary = excluded.summary,
             description = excluded.description, location = excluded.location,
             status = excluded.status, busy = excluded.busy,
             span_start_min = excluded.span_start_min, span_end_min = excluded.span_end_min,
             updated_at = excluded.updated_at, origin = excluded.origin",
    )?
    .execute(params![
        id,
        e.calendar_id.as_str(),
        e.uid,
        kind,
        recurrence_id,
        all_day,
        start,
        end,
        zone,
        rrules,
        rdates,
        exdates,
        e.summary,
        e.description,
        e.location,
        e.status.as_str(),
        e.busy,
        span_start,
        span_end,
        now_epoch(),
        e.origin.to_property(),
    ])?;
    Ok(existing.is_none())
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
    })
}
