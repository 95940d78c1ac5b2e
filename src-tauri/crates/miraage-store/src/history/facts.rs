//! The analytics' one pass over the history: every block planned in a range with its task,
//! times and outcome, handed to a visitor instead of collected, and read from covering
//! indexes (migration 0012) without the block ids the view does not need.

use super::read::{task_from, HistoryTask, TASK_COLUMNS};
use super::Outcome;
use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::rows::{from_epoch, to_epoch};
use chrono::{DateTime, Utc};
use rusqlite::params;
use std::collections::HashMap;

/// One planned block as the analytics count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockFact<'a> {
    /// The task as recorded (as it is now for a block not recorded yet).
    pub task: &'a HistoryTask,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `None`: not recorded yet (to come, or waiting for the review's answer).
    pub outcome: Option<Outcome>,
    /// Minutes really spent, for done and partly done blocks.
    pub actual_min: Option<u32>,
}

impl BlockFact<'_> {
    /// The minutes planned for the block.
    pub fn planned_min(&self) -> u32 {
        u32::try_from((self.end - self.start).num_minutes()).unwrap_or(0)
    }
}

impl Store {
    /// Calls `visit` with every block planned in `[from, to)`: the recorded ones (also those
    /// whose task was deleted), then the accepted blocks not recorded yet; in no set order.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored row no longer reads.
    pub fn each_history_block(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        mut visit: impl FnMut(&BlockFact<'_>),
    ) -> Result<()> {
        let (from, to) = (to_epoch(from), to_epoch(to));
        let tasks = self.history_task_snapshots()?;
        let mut recorded = self.conn.prepare_cached(
            "SELECT task_uid, planned_start, planned_end, outcome, actual_min FROM block_outcomes
             INDEXED BY block_outcomes_span WHERE planned_start >= ?1 AND planned_start < ?2",
        )?;
        let mut rows = recorded.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let Some(task) = tasks.get(text(r, 0)?) else { continue };
            let outcome =
                match r.get_ref(3)?.as_str_or_null().map_err(|e| StoreError::Corrupt(format!("outcome: {e}")))? {
                    Some(o) => Some(Outcome::parse(o).ok_or_else(|| StoreError::Corrupt(format!("outcome {o:?}")))?),
                    None => None,
                };
            visit(&BlockFact {
                task,
                start: from_epoch(r.get(1)?)?,
                end: from_epoch(r.get(2)?)?,
                actual_min: if outcome.is_some() { r.get(4)? } else { None },
                outcome,
            });
        }
        // Accepted blocks not recorded yet: their task as it is now, read once per task.
        let mut current: HashMap<String, HistoryTask> = HashMap::new();
        let mut planned = self.conn.prepare_cached(&format!(
            "SELECT {NOW_COLUMNS}, b.start_utc, b.end_utc
             FROM plan_blocks b JOIN tasks t ON t.id = b.task_id
             WHERE b.state != 'proposed' AND b.start_utc >= ?1 AND b.start_utc < ?2
               AND NOT EXISTS (SELECT 1 FROM block_outcomes o WHERE o.block_id = b.id)"
        ))?;
        let mut rows = planned.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let uid = text(r, 0)?;
            if !current.contains_key(uid) {
                current.insert(uid.to_string(), task_from(r)?);
            }
            let task = &current[uid];
            visit(&BlockFact {
                task,
                start: from_epoch(r.get(6)?)?,
                end: from_epoch(r.get(7)?)?,
                outcome: None,
                actual_min: None,
            });
        }
        Ok(())
    }

    /// Every task snapshot of the history, by uid.
    pub(super) fn history_task_snapshots(&self) -> Result<HashMap<String, HistoryTask>> {
        let mut tasks = HashMap::new();
        let mut snapshots = self.conn.prepare_cached(&format!("SELECT {TASK_COLUMNS} FROM history_tasks h"))?;
        let mut rows = snapshots.query([])?;
        while let Some(r) = rows.next()? {
            let task = task_from(r)?;
            tasks.insert(task.uid.clone(), task);
        }
        Ok(tasks)
    }
}

/// A task as it is now, in [`task_from`]'s column order (completion only once completed).
pub(super) const NOW_COLUMNS: &str = "t.uid, t.title, t.project, t.tags, t.estimate_min,
     CASE WHEN t.status = 'completed' THEN t.completed_at END";

/// A text column read in place (no copy per row).
fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(|e| StoreError::Corrupt(format!("column {i}: {e}")))
}
