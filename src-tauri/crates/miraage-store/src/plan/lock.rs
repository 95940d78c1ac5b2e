//! Locking an accepted block where it is: re-plans then move it only when an event itself
//! lands on it, automatic re-plans never without asking, and the tray's moves refuse it.

use crate::error::{Result, StoreError};
use crate::open::Store;
use miraage_domain::{BlockState, EventId, PlanBlock, PlanBlockId};
use rusqlite::params;

impl Store {
    /// Locks (or unlocks, back to accepted) the accepted or locked block `id`. Nothing else
    /// changes: no history entry, no event write.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when no accepted or locked block has this id;
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn set_block_locked(&mut self, id: &PlanBlockId, locked: bool) -> Result<()> {
        set_locked_in(&self.conn, "plan_blocks", "accepted plan block", id, locked)
    }

    /// The plan block (in any state) whose calendar event is `event`, if any.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when the
    /// stored block no longer reads.
    pub fn block_of_event(&self, event: &EventId) -> Result<Option<PlanBlock>> {
        Ok(self.blocks_where("event_id = ?1", params![event.as_str()])?.pop())
    }
}

/// Locks or unlocks the accepted or locked block `id` of `table` (`plan_blocks` or
/// `habit_blocks`); `what` names it in the error.
pub(crate) fn set_locked_in(
    conn: &rusqlite::Connection,
    table: &str,
    what: &'static str,
    id: &PlanBlockId,
    locked: bool,
) -> Result<()> {
    let state = if locked { BlockState::Locked } else { BlockState::Accepted };
    let n = conn.execute(
        &format!("UPDATE {table} SET state = ?2 WHERE id = ?1 AND state IN ('accepted', 'locked')"),
        params![id.as_str(), state.as_str()],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound { what, id: id.to_string() });
    }
    Ok(())
}

impl Store {
    /// Marks the plan blocks (a task's or a habit's) among `out` that the user locked.
    pub(crate) fn fill_plan_locks(&self, out: &mut [miraage_domain::OccurrenceView]) -> Result<()> {
        if out.iter().all(|o| o.plan.is_none()) {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM plan_blocks WHERE event_id = ?1 AND state = 'locked'
             UNION ALL SELECT 1 FROM habit_blocks WHERE event_id = ?1 AND state = 'locked'",
        )?;
        for o in out.iter_mut() {
            if let Some(mark) = o.plan.as_mut() {
                mark.locked = stmt.exists([o.event_id.as_str()])?;
            }
        }
        Ok(())
    }
}
