//! Blocks planned for habits: ghosts, and accepted sessions written to a calendar.

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::plan::{cut_in, drop_accepted_in, retime_event_in, write_block_event};
use crate::rows::{from_epoch, now_epoch, to_epoch};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, CalendarId, EventId, EventOrigin, HabitBlock, PlanBlockId};
use rusqlite::{params, OptionalExtension};

impl Store {
    /// Replaces the proposed habit blocks with `proposed`, in one transaction; accepted ones
    /// stay as they are.
    ///
    /// # Errors
    ///
    /// [`StoreError::Invalid`] when a block is not proposed or ends before it starts;
    /// [`StoreError::Sqlite`] when the database cannot be written (also when a block names a
    /// habit that does not exist). Nothing is changed then.
    pub fn replace_proposed_habit_blocks(&mut self, proposed: &[HabitBlock]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM habit_blocks WHERE state = 'proposed'", [])?;
        for b in proposed {
            if b.state != BlockState::Proposed || b.end <= b.start {
                return Err(StoreError::Invalid(format!("habit block {} is not a proposed block", b.id)));
            }
            upsert_habit_block_in(&tx, b)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every habit block in `state`, by start.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored block no longer reads.
    pub fn habit_blocks_in_state(&self, state: BlockState) -> Result<Vec<HabitBlock>> {
        self.habit_blocks_where("state = ?1", params![state.as_str()])
    }

    /// The habit block with this id, if there is one.
    ///
    /// # Errors
    ///
    /// As [`Store::habit_blocks_in_state`].
    pub fn habit_block(&self, id: &PlanBlockId) -> Result<Option<HabitBlock>> {
        Ok(self.habit_blocks_where("id = ?1", params![id.as_str()])?.pop())
    }

    /// The habit block (in any state) whose calendar event is `event`, if any.
    ///
    /// # Errors
    ///
    /// As [`Store::habit_blocks_in_state`].
    pub fn habit_block_of_event(&self, event: &EventId) -> Result<Option<HabitBlock>> {
        Ok(self.habit_blocks_where("event_id = ?1", params![event.as_str()])?.pop())
    }

    /// Locks (`locked`) an accepted habit session where it is, or makes a locked one accepted
    /// again, as [`Store::set_block_locked`] does for a task's block.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no accepted or locked habit session has this id;
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn set_habit_block_locked(&mut self, id: &PlanBlockId, locked: bool) -> Result<()> {
        crate::plan::lock::set_locked_in(&self.conn, "habit_blocks", "accepted habit session", id, locked)
    }

    /// Blocks of one habit's period, every state.
    ///
    /// # Errors
    ///
    /// As [`Store::habit_blocks_in_state`].
    pub fn habit_period_blocks(&self, habit: &str, period: &str) -> Result<Vec<HabitBlock>> {
        self.habit_blocks_where("habit_id = ?1 AND period = ?2", params![habit, period])
    }

    fn habit_blocks_where(&self, condition: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<HabitBlock>> {
        habit_blocks_in(&self.conn, condition, params)
    }

    /// Accepts a proposed habit block at `start..end`, in one transaction: writes its busy
    /// event on `calendar` (titled after the habit, marked `plan:habit:ID` or `plan:focus:ID`),
    /// marks it accepted and removes the accepted blocks in `replaces` with their events.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no habit block has this id or `calendar` does not exist;
    /// [`StoreError::Invalid`] when the block is no longer proposed or `calendar` is
    /// read-only; [`StoreError::Sqlite`] when the database cannot be written. Nothing is
    /// changed then.
    pub fn accept_habit_block(
        &mut self,
        id: &PlanBlockId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        calendar: &CalendarId,
        zone: Tz,
        replaces: &[PlanBlockId],
    ) -> Result<EventId> {
        let tx = self.conn.transaction()?;
        let found: Option<(String, String, String, String)> = tx
            .query_row(
                "SELECT b.state, h.title, h.kind, h.id FROM habit_blocks b JOIN habits h ON h.id = b.habit_id WHERE b.id = ?1",
                [id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((state, title, kind, habit)) = found else {
            return Err(StoreError::NotFound { what: "habit block", id: id.to_string() });
        };
        if state != BlockState::Proposed.as_str() {
            return Err(StoreError::Invalid(format!("habit block {id} is already {state}")));
        }
        let origin = EventOrigin::PlanBlock { task_uid: format!("{kind}:{habit}") };
        let event = write_block_event(&tx, calendar, title, origin, start, end, zone)?;
        tx.execute(
            "UPDATE habit_blocks SET state = 'accepted', start_utc = ?2, end_utc = ?3, event_id = ?4 WHERE id = ?1",
            params![id.as_str(), to_epoch(start), to_epoch(end), event.as_str()],
        )?;
        for old in replaces {
            drop_accepted_in(&tx, "habit_blocks", old)?;
        }
        tx.commit()?;
        Ok(event)
    }

    /// Accepted (or pinned) habit blocks that touch `[from, to)`, by start.
    ///
    /// # Errors
    ///
    /// As [`Store::habit_blocks_in_state`].
    pub fn habit_sessions_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<HabitBlock>> {
        self.habit_blocks_where(
            "state != 'proposed' AND end_utc > ?1 AND start_utc < ?2",
            params![to_epoch(from), to_epoch(to)],
        )
    }

    /// Ends an accepted (or pinned) habit session at `now`, in one transaction: one under way
    /// keeps the part already spent (its event is cut too); one that has not started is
    /// removed with its event. The minutes it no longer holds are owed again, so the next
    /// plan places them later in the same period. Returns where it now ends, `None` when it
    /// was removed.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when the session is gone (or only proposed).
    pub fn end_habit_block(&mut self, id: &PlanBlockId, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        let tx = self.conn.transaction()?;
        let Some(b) = habit_blocks_in(&tx, "id = ?1 AND state != 'proposed'", params![id.as_str()])?.pop() else {
            return Err(StoreError::NotFound { what: "habit session", id: id.to_string() });
        };
        let now_s = to_epoch(now).min(to_epoch(b.end));
        let ends = cut_in(
            &tx,
            "habit_blocks",
            id.as_str(),
            to_epoch(b.start),
            b.event_id.as_ref().map(|e| e.as_str()),
            now_s,
        )?;
        tx.commit()?;
        ends.map(from_epoch).transpose()
    }

    /// Moves an accepted habit session to `start..end` with its event (the change queued for
    /// its server), in one transaction; returns it as it now is.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when the session is gone (or only proposed);
    /// [`StoreError::Invalid`] when it is pinned or `end` is not after `start`.
    pub fn move_habit_block(
        &mut self,
        id: &PlanBlockId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<HabitBlock> {
        if end <= start {
            return Err(StoreError::Invalid(format!("habit session {id} would end before it starts")));
        }
        let tx = self.conn.transaction()?;
        let Some(b) = habit_blocks_in(&tx, "id = ?1 AND state != 'proposed'", params![id.as_str()])?.pop() else {
            return Err(StoreError::NotFound { what: "habit session", id: id.to_string() });
        };
        if b.state == BlockState::Locked {
            return Err(StoreError::Invalid(format!("habit session {id} is pinned")));
        }
        tx.execute(
            "UPDATE habit_blocks SET start_utc = ?2, end_utc = ?3 WHERE id = ?1",
            params![id.as_str(), to_epoch(start), to_epoch(end)],
        )?;
        if let Some(e) = &b.event_id {
            retime_event_in(&tx, e.as_str(), Some(start), end)?;
        }
        tx.commit()?;
        Ok(HabitBlock { start, end, ..b })
    }

    /// Rejects one proposed habit block.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no proposed habit block has this id;
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn reject_habit_block(&mut self, id: &PlanBlockId) -> Result<()> {
        let n = self.conn.execute("DELETE FROM habit_blocks WHERE id = ?1 AND state = 'proposed'", [id.as_str()])?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "proposed habit block", id: id.to_string() });
        }
        Ok(())
    }
}

/// Writes a habit block as given (a new one, or over the one with its id) inside the caller's
/// transaction.
pub(crate) fn upsert_habit_block_in(tx: &rusqlite::Transaction<'_>, b: &HabitBlock) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO habit_blocks (id, habit_id, period, start_utc, end_utc, state, event_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET habit_id = excluded.habit_id, period = excluded.period,
             start_utc = excluded.start_utc, end_utc = excluded.end_utc, state = excluded.state,
             event_id = excluded.event_id",
    )?
    .execute(params![
        b.id.as_str(),
        b.habit_id,
        b.period,
        to_epoch(b.start),
        to_epoch(b.end),
        b.state.as_str(),
        b.event_id.as_ref().map(|e| e.as_str()),
        now_epoch()
    ])?;
    Ok(())
}

/// The habit blocks that meet an SQL `condition` on the habit_blocks table, by start.
pub(crate) fn habit_blocks_in(
    conn: &rusqlite::Connection,
    condition: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<HabitBlock>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, habit_id, period, start_utc, end_utc, state, event_id FROM habit_blocks
          WHERE {condition} ORDER BY start_utc, id"
    ))?;
    let rows = stmt.query_map(params, |r| {
        Ok((
            (r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?),
            (r.get::<_, i64>(3)?, r.get::<_, i64>(4)?, r.get::<_, String>(5)?, r.get::<_, Option<String>>(6)?),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((id, habit_id, period), (start, end, state, event)) = row?;
        out.push(HabitBlock {
            id: PlanBlockId::from_string(id),
            habit_id,
            period,
            start: from_epoch(start)?,
            end: from_epoch(end)?,
            state: BlockState::parse(&state)
                .ok_or_else(|| StoreError::Corrupt(format!("habit block state {state:?}")))?,
            event_id: event.map(EventId::from_string),
        });
    }
    Ok(out)
}
