//! Plan blocks and the history of planned and done work.

mod block_actions;
pub(crate) mod lock;

use crate::error::{Result, StoreError};
use crate::events::{import_in, UidScope};
use crate::open::Store;
use crate::rows::{from_epoch, now_epoch, to_epoch};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::{
    BlockState, CalendarId, Event, EventId, EventOrigin, EventTime, HistoryEntry, HistoryKind, PlanBlock, PlanBlockId,
    TaskId, TimeRange,
};
use rusqlite::{params, OptionalExtension};

const BLOCK_COLUMNS: &str = "id, task_id, start_utc, end_utc, state, event_id";

impl Store {
    /// Replaces the proposed blocks (the ghosts) with `proposed`, in one transaction;
    /// accepted and locked blocks stay as they are.
    ///
    /// # Errors
    ///
    /// [`StoreError::Invalid`] when a block is not proposed or ends before it starts;
    /// [`StoreError::Sqlite`] when the database cannot be written (also when a block names a task
    /// that does not exist). Nothing is changed then.
    pub fn replace_proposed_blocks(&mut self, proposed: &[PlanBlock]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM plan_blocks WHERE state = 'proposed'", [])?;
        for b in proposed {
            if b.state != BlockState::Proposed {
                return Err(StoreError::Invalid(format!("block {} is {}, not proposed", b.id, b.state.as_str())));
            }
            insert_block(&tx, b)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Accepts a block at its time (or locks it), linking the calendar event written for it.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no plan block has this id; [`StoreError::Sqlite`] when the
    /// database cannot be written.
    pub fn set_block_state(&mut self, id: &PlanBlockId, state: BlockState, event: Option<&EventId>) -> Result<()> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE plan_blocks SET state = ?2, event_id = coalesce(?3, event_id) WHERE id = ?1",
            params![id.as_str(), state.as_str(), event.map(|e| e.as_str())],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "plan block", id: id.to_string() });
        }
        if state != BlockState::Proposed {
            // Accepting is planning: keep it in the history the planner learns from.
            tx.execute(
                "INSERT INTO history (task_id, kind, start_utc, end_utc, recorded_at)
                 SELECT task_id, 'planned', start_utc, end_utc, ?2 FROM plan_blocks WHERE id = ?1",
                params![id.as_str(), now_epoch()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Blocks that overlap `range`, by start.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored block no longer reads.
    pub fn plan_blocks(&self, range: &TimeRange) -> Result<Vec<PlanBlock>> {
        self.blocks_where("start_utc < ?1 AND end_utc > ?2", params![to_epoch(range.end), to_epoch(range.start)])
    }

    /// Every block in `state`, whenever it is, by start.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored block no longer reads.
    pub fn blocks_in_state(&self, state: BlockState) -> Result<Vec<PlanBlock>> {
        self.blocks_where("state = ?1", params![state.as_str()])
    }

    /// The plan block with this id, in any state.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no plan block has this id; [`StoreError::Sqlite`] when the
    /// database cannot be read; [`StoreError::Corrupt`] when the stored block no longer reads.
    pub fn plan_block(&self, id: &PlanBlockId) -> Result<PlanBlock> {
        self.blocks_where("id = ?1", params![id.as_str()])?
            .pop()
            .ok_or_else(|| StoreError::NotFound { what: "plan block", id: id.to_string() })
    }

    fn blocks_where(&self, condition: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<PlanBlock>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {BLOCK_COLUMNS} FROM plan_blocks WHERE {condition} ORDER BY start_utc, id"
        ))?;
        let rows = stmt.query_map(params, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, task, start, end, state, event) = row?;
            out.push(PlanBlock {
                id: PlanBlockId::from_string(id),
                task_id: TaskId::from_string(task),
                start: from_epoch(start)?,
                end: from_epoch(end)?,
                state: BlockState::parse(&state)
                    .ok_or_else(|| StoreError::Corrupt(format!("block state {state:?}")))?,
                event_id: event.map(EventId::from_string),
            });
        }
        Ok(out)
    }

    /// Accepts a proposed block at `start..end` (where the user dropped it, or where it was
    /// proposed), in one transaction: writes the calendar event that stands for it on
    /// `calendar` (named after the task, marked as a plan block of the task's UID), marks the
    /// block accepted with that event, records it in the history, and removes the accepted
    /// blocks in `replaces` (ones a re-plan moves here) with their events.
    ///
    /// This is the one place an accepted block becomes an event, so that a remote calendar's
    /// write can later go through the sync outbox from here.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no plan block has this id or `calendar` does not exist;
    /// [`StoreError::Invalid`] when the block is no longer proposed or `calendar` is read-only;
    /// [`StoreError::Domain`] when `end` is not after `start`; [`StoreError::ReadOnly`] when a
    /// block in `replaces` has its event on a read-only calendar; [`StoreError::Sqlite`] when the
    /// database cannot be written. Nothing is changed then.
    pub fn accept_plan_block(
        &mut self,
        id: &PlanBlockId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        calendar: &CalendarId,
        zone: Tz,
        replaces: &[PlanBlockId],
    ) -> Result<EventId> {
        let tx = self.conn.transaction()?;
        let found: Option<(String, String, String)> = tx
            .query_row(
                "SELECT b.state, t.title, t.uid FROM plan_blocks b JOIN tasks t ON t.id = b.task_id WHERE b.id = ?1",
                [id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((state, title, task_uid)) = found else {
            return Err(StoreError::NotFound { what: "plan block", id: id.to_string() });
        };
        if state != BlockState::Proposed.as_str() {
            return Err(StoreError::Invalid(format!("plan block {id} is already {state}")));
        }
        let event = write_block_event(&tx, calendar, title, EventOrigin::PlanBlock { task_uid }, start, end, zone)?;
        tx.execute(
            "UPDATE plan_blocks SET state = 'accepted', start_utc = ?2, end_utc = ?3, event_id = ?4 WHERE id = ?1",
            params![id.as_str(), to_epoch(start), to_epoch(end), event.as_str()],
        )?;
        tx.execute(
            "INSERT INTO history (task_id, kind, start_utc, end_utc, recorded_at)
             SELECT task_id, 'planned', start_utc, end_utc, ?2 FROM plan_blocks WHERE id = ?1",
            params![id.as_str(), now_epoch()],
        )?;
        for old in replaces {
            drop_accepted_in(&tx, "plan_blocks", old)?;
        }
        tx.commit()?;
        Ok(event)
    }

    /// Frees the time of a task that was finished, cancelled or deleted, in one transaction:
    /// its ghosts go; accepted blocks that have not started go with their calendar events; a
    /// block under way is cut at `now`. Blocks that already ended stay.
    ///
    /// # Errors
    ///
    /// [`StoreError::ReadOnly`] when a block's event is on a read-only calendar;
    /// [`StoreError::Sqlite`] when the database cannot be written. Nothing is changed then.
    pub fn release_task_blocks(&mut self, task: &TaskId, now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.transaction()?;
        release_blocks_in(&tx, task, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Rejects one proposed block (a ghost); accepted blocks are never touched here.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no proposed block has this id (also when the block was
    /// accepted meanwhile); [`StoreError::Sqlite`] when the database cannot be written.
    pub fn reject_plan_block(&mut self, id: &PlanBlockId) -> Result<()> {
        let n = self.conn.execute("DELETE FROM plan_blocks WHERE id = ?1 AND state = 'proposed'", [id.as_str()])?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "proposed plan block", id: id.to_string() });
        }
        Ok(())
    }

    /// Records planned or done work of a task, which the planner learns estimates from.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written (also when the task does not
    /// exist).
    pub fn record_history(&mut self, entry: &HistoryEntry) -> Result<()> {
        self.conn.execute(
            "INSERT INTO history (task_id, kind, start_utc, end_utc, actual_min, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                entry.task_id.as_str(),
                entry.kind.as_str(),
                to_epoch(entry.start),
                to_epoch(entry.end),
                entry.actual_min,
                to_epoch(entry.recorded_at)
            ],
        )?;
        Ok(())
    }

    /// The history of one task (planned and done work), by start.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored entry no longer reads.
    pub fn history(&self, task: &TaskId) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, start_utc, end_utc, actual_min, recorded_at FROM history WHERE task_id = ?1 ORDER BY start_utc, id",
        )?;
        let rows = stmt
            .query_map([task.as_str()], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, start, end, actual_min, recorded_at) = row?;
            out.push(HistoryEntry {
                task_id: task.clone(),
                kind: HistoryKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("history kind {kind:?}")))?,
                start: from_epoch(start)?,
                end: from_epoch(end)?,
                actual_min,
                recorded_at: from_epoch(recorded_at)?,
            });
        }
        Ok(out)
    }
}

/// Writes the calendar event that stands for an accepted block on `calendar` (busy, marked
/// with `origin`) and queues it for a synced calendar, inside the caller's transaction;
/// returns its id.
pub(crate) fn write_block_event(
    tx: &rusqlite::Transaction<'_>,
    calendar: &CalendarId,
    title: String,
    origin: EventOrigin,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: Tz,
) -> Result<EventId> {
    let read_only: Option<bool> =
        tx.query_row("SELECT read_only FROM calendars WHERE id = ?1", [calendar.as_str()], |r| r.get(0)).optional()?;
    match read_only {
        None => return Err(StoreError::NotFound { what: "calendar", id: calendar.to_string() }),
        Some(true) => {
            return Err(StoreError::Invalid(format!(
                "calendar {calendar} is read-only; choose another for plan blocks"
            )))
        }
        Some(false) => {}
    }
    let mut event = Event::single(calendar.clone(), title, EventTime::timed(start, end, zone)?);
    event.origin = origin;
    import_in(tx, std::slice::from_ref(&event), &[], UidScope::Rows)?;
    // On a synced calendar the block goes to the server like any edit.
    crate::outbox::enqueue_event(
        tx,
        calendar,
        &event.uid,
        crate::outbox::OutboxOp::Put,
        event.origin.to_property().as_deref(),
    )?;
    Ok(event.id)
}

/// Removes an accepted block of `table` (`plan_blocks` or `habit_blocks`) that a move
/// replaces, with its calendar event (the delete queued for a synced calendar), inside the
/// caller's transaction.
pub(crate) fn drop_accepted_in(tx: &rusqlite::Transaction<'_>, table: &str, old: &PlanBlockId) -> Result<()> {
    let old_event: Option<Option<String>> = tx
        .query_row(&format!("SELECT event_id FROM {table} WHERE id = ?1 AND state = 'accepted'"), [old.as_str()], |r| {
            r.get(0)
        })
        .optional()?;
    tx.execute(&format!("DELETE FROM {table} WHERE id = ?1 AND state = 'accepted'"), [old.as_str()])?;
    if let Some(Some(e)) = old_event {
        let gone: Option<(String, String, Option<String>)> = tx
            .query_row("SELECT calendar_id, uid, origin FROM events WHERE id = ?1", [&e], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        tx.execute("DELETE FROM events WHERE id = ?1", [&e])?;
        if let Some((cal, uid, origin)) = gone {
            crate::outbox::enqueue_event(
                tx,
                &CalendarId::from_string(cal),
                &uid,
                crate::outbox::OutboxOp::Delete,
                origin.as_deref(),
            )?;
        }
    }
    Ok(())
}

/// Frees the time of a task that is finished or gone, inside the caller's transaction: its
/// ghosts are dropped; accepted blocks that have not started are removed with their calendar
/// events (queued for deletion on a synced calendar); a block under way is cut at `now` (its
/// event too). Blocks that already ended stay: they are what happened.
pub(crate) fn release_blocks_in(tx: &rusqlite::Transaction<'_>, task: &TaskId, now: DateTime<Utc>) -> Result<()> {
    let now_s = to_epoch(now);
    tx.execute("DELETE FROM plan_blocks WHERE task_id = ?1 AND state = 'proposed'", [task.as_str()])?;
    let blocks: Vec<(String, i64, Option<String>)> = tx
        .prepare_cached("SELECT id, start_utc, event_id FROM plan_blocks WHERE task_id = ?1 AND state != 'proposed' AND end_utc > ?2")?
        .query_map(params![task.as_str(), now_s], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<std::result::Result<_, _>>()?;
    for (id, start, event_id) in blocks {
        cut_block_in(tx, &id, start, event_id.as_deref(), now_s)?;
    }
    Ok(())
}

/// Ends one block at `now_s` inside the caller's transaction: a block under way keeps the
/// part already spent, to the minute (its event is cut too and the change queued); a block
/// that has not started is removed with its event (the delete queued). Returns where the
/// block now ends, `None` when it was removed.
pub(crate) fn cut_block_in(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    start: i64,
    event_id: Option<&str>,
    now_s: i64,
) -> Result<Option<i64>> {
    cut_in(tx, "plan_blocks", id, start, event_id, now_s)
}

/// As [`cut_block_in`], for a block of `table` (`plan_blocks` or `habit_blocks`).
pub(crate) fn cut_in(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    id: &str,
    start: i64,
    event_id: Option<&str>,
    now_s: i64,
) -> Result<Option<i64>> {
    let cut = (now_s - now_s.rem_euclid(60)).max(start);
    if cut > start {
        tx.execute(&format!("UPDATE {table} SET end_utc = ?2 WHERE id = ?1"), params![id, cut])?;
        if let Some(e) = event_id {
            retime_event_in(tx, e, None, from_epoch(cut)?)?;
        }
        Ok(Some(cut))
    } else {
        tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        if let Some(event) = event_id.map(|e| read_event_in(tx, e)).transpose()?.flatten() {
            tx.execute("DELETE FROM events WHERE id = ?1", [event.id.as_str()])?;
            crate::outbox::enqueue_event(
                tx,
                &event.calendar_id,
                &event.uid,
                crate::outbox::OutboxOp::Delete,
                event.origin.to_property().as_deref(),
            )?;
        }
        Ok(None)
    }
}

fn read_event_in(tx: &rusqlite::Transaction<'_>, id: &str) -> Result<Option<Event>> {
    tx.query_row(&format!("SELECT {} FROM events WHERE id = ?1", crate::events::EVENT_COLUMNS), [id], |r| {
        Ok(crate::events::read_event(r))
    })
    .optional()?
    .transpose()
}

/// Gives a block's timed event a new end (and start, when given) in its own zone, inside the
/// caller's transaction, and queues the change for its server. An event that is gone or all
/// day is left alone.
pub(crate) fn retime_event_in(
    tx: &rusqlite::Transaction<'_>,
    event_id: &str,
    start: Option<DateTime<Utc>>,
    end: DateTime<Utc>,
) -> Result<()> {
    let Some(mut event) = read_event_in(tx, event_id)? else { return Ok(()) };
    if let EventTime::Timed { start: was, zone, .. } = event.time {
        event.time = EventTime::timed(start.unwrap_or(was), end, zone)?;
        import_in(tx, std::slice::from_ref(&event), &[], UidScope::Rows)?;
        crate::outbox::enqueue_event(
            tx,
            &event.calendar_id,
            &event.uid,
            crate::outbox::OutboxOp::Put,
            event.origin.to_property().as_deref(),
        )?;
    }
    Ok(())
}

fn insert_block(tx: &rusqlite::Transaction<'_>, b: &PlanBlock) -> Result<()> {
    if b.end <= b.start {
        return Err(StoreError::Invalid(format!("block {} ends before it starts", b.id)));
    }
    tx.prepare_cached(
        "INSERT INTO plan_blocks (id, task_id, start_utc, end_utc, state, event_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        b.id.as_str(),
        b.task_id.as_str(),
        to_epoch(b.start),
        to_epoch(b.end),
        b.state.as_str(),
        b.event_id.as_ref().map(|e| e.as_str()),
        now_epoch()
    ])?;
    Ok(())
}
