//! Plan blocks and the history of planned and done work.

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::rows::{from_epoch, now_epoch, to_epoch};
use miraage_domain::{BlockState, EventId, HistoryEntry, HistoryKind, PlanBlock, PlanBlockId, TaskId, TimeRange};
use rusqlite::params;

impl Store {
    /// Replaces the proposed blocks (the ghosts) with `proposed`, in one transaction;
    /// accepted and locked blocks stay as they are.
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
    pub fn plan_blocks(&self, range: &TimeRange) -> Result<Vec<PlanBlock>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, task_id, start_utc, end_utc, state, event_id FROM plan_blocks
             WHERE start_utc < ?2 AND end_utc > ?1 ORDER BY start_utc, id",
        )?;
        let rows = stmt.query_map([to_epoch(range.start), to_epoch(range.end)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get::<_, String>(4)?, r.get::<_, Option<String>>(5)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, task, start, end, state, event) = row?;
            out.push(PlanBlock {
                id: PlanBlockId::from_string(id),
                task_id: TaskId::from_string(task),
                start: from_epoch(start)?,
                end: from_epoch(end)?,
                state: BlockState::parse(&state).ok_or_else(|| StoreError::Corrupt(format!("block state {state:?}")))?,
                event_id: event.map(EventId::from_string),
            });
        }
        Ok(out)
    }

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

    pub fn history(&self, task: &TaskId) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, start_utc, end_utc, actual_min, recorded_at FROM history WHERE task_id = ?1 ORDER BY start_utc, id",
        )?;
        let rows = stmt.query_map([task.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
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
