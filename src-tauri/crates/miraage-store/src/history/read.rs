//! Reading the history back: blocks waiting for an answer, recorded outcomes with their
//! task's snapshot, and the samples the estimate learner reads.

use super::facts::NOW_COLUMNS;
use super::Outcome;
use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::rows::{from_epoch, to_epoch};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;
use std::sync::Arc;

/// An accepted block whose time has passed and which has no outcome yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingBlock {
    pub block_id: String,
    pub task_id: String,
    pub task_uid: String,
    pub title: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The task a history row belongs to, as it was when recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryTask {
    pub uid: String,
    pub title: String,
    pub project: Option<String>,
    pub tags: Vec<String>,
    pub estimate_min: Option<u32>,
    pub completed_at: Option<DateTime<Utc>>,
}

/// One block in the history: what was planned and what happened (`outcome` `None`: nothing
/// recorded yet, a block still planned or waiting for the review's answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryRecord {
    pub block_id: String,
    /// Shared by the task's blocks.
    pub task: Arc<HistoryTask>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub outcome: Option<Outcome>,
    pub actual_min: Option<u32>,
    pub recorded_at: Option<DateTime<Utc>>,
}

impl HistoryRecord {
    /// The minutes planned for the block.
    pub fn planned_min(&self) -> u32 {
        u32::try_from((self.end - self.start).num_minutes()).unwrap_or(0)
    }
}

/// One finished task the learner can compare: its estimate and the minutes its blocks took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateSample {
    pub task: HistoryTask,
    pub actual_min: u32,
}

pub(super) const TASK_COLUMNS: &str = "h.task_uid, h.title, h.project, h.tags, h.estimate_min, h.completed_at";

impl Store {
    /// Accepted blocks that ended by `now` with no outcome and never asked about, by start.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored instant no longer reads.
    pub fn pending_blocks(&self, now: DateTime<Utc>) -> Result<Vec<PendingBlock>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.id, b.task_id, t.uid, t.title, b.start_utc, b.end_utc
             FROM plan_blocks b JOIN tasks t ON t.id = b.task_id
             WHERE b.state != 'proposed' AND b.end_utc <= ?1
               AND NOT EXISTS (SELECT 1 FROM block_outcomes o WHERE o.block_id = b.id)
             ORDER BY b.start_utc, b.id",
        )?;
        let rows = stmt.query_map([to_epoch(now)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get::<_, i64>(4)?, r.get::<_, i64>(5)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (block_id, task_id, task_uid, title, start, end) = row?;
            out.push(PendingBlock {
                block_id,
                task_id,
                task_uid,
                title,
                start: from_epoch(start)?,
                end: from_epoch(end)?,
            });
        }
        Ok(out)
    }

    /// The accepted block whose calendar event has this UID (a plan block clicked in the
    /// grid), if any.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn block_of_event_uid(&self, uid: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT b.id FROM plan_blocks b JOIN events e ON e.id = b.event_id
                 WHERE e.uid = ?1 AND b.state != 'proposed' LIMIT 1",
                [uid],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Blocks the review asked about that still have no answer (and whose plan block is still
    /// there), by start.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn asked_unanswered(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.block_id FROM block_outcomes o JOIN plan_blocks b ON b.id = o.block_id
             WHERE o.outcome IS NULL ORDER BY o.planned_start, o.block_id",
        )?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<std::result::Result<_, _>>()?;
        Ok(ids)
    }

    /// The recorded outcome of a block and when, if any (`None` inside: asked, not answered).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn block_outcome(&self, block: &str) -> Result<Option<(Option<Outcome>, DateTime<Utc>)>> {
        let found: Option<(Option<String>, i64)> = self
            .conn
            .query_row("SELECT outcome, recorded_at FROM block_outcomes WHERE block_id = ?1", [block], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        found.map(|(o, at)| Ok((o.and_then(|o| Outcome::parse(&o)), from_epoch(at)?))).transpose()
    }

    /// Every block planned in `[from, to)`: the recorded ones with their outcome (also those
    /// whose task was deleted), then the accepted blocks not recorded yet; by start.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored row no longer reads.
    pub fn history_records(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<HistoryRecord>> {
        let (from, to) = (to_epoch(from), to_epoch(to));
        // Each task is read (and its tags parsed) once, not once per block.
        let tasks: HashMap<String, Arc<HistoryTask>> =
            self.history_task_snapshots()?.into_iter().map(|(uid, t)| (uid, Arc::new(t))).collect();
        let mut out = Vec::new();
        let mut recorded = self.conn.prepare_cached(
            "SELECT task_uid, block_id, planned_start, planned_end, outcome, actual_min, recorded_at
             FROM block_outcomes WHERE planned_start >= ?1 AND planned_start < ?2",
        )?;
        let mut rows = recorded.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let uid: String = r.get(0)?;
            let Some(task) = tasks.get(&uid) else { continue };
            let outcome = match r.get::<_, Option<String>>(4)? {
                Some(o) => Some(Outcome::parse(&o).ok_or_else(|| StoreError::Corrupt(format!("outcome {o:?}")))?),
                None => None,
            };
            out.push(HistoryRecord {
                block_id: r.get(1)?,
                task: Arc::clone(task),
                start: from_epoch(r.get(2)?)?,
                end: from_epoch(r.get(3)?)?,
                actual_min: if outcome.is_some() { r.get(5)? } else { None },
                recorded_at: if outcome.is_some() { Some(from_epoch(r.get(6)?)?) } else { None },
                outcome,
            });
        }
        // Accepted blocks not recorded yet: their task as it is now.
        let mut current: HashMap<String, Arc<HistoryTask>> = HashMap::new();
        let mut planned = self.conn.prepare_cached(&format!(
            "SELECT {NOW_COLUMNS}, b.id, b.start_utc, b.end_utc
             FROM plan_blocks b JOIN tasks t ON t.id = b.task_id
             WHERE b.state != 'proposed' AND b.start_utc >= ?1 AND b.start_utc < ?2
               AND NOT EXISTS (SELECT 1 FROM block_outcomes o WHERE o.block_id = b.id)"
        ))?;
        let mut rows = planned.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let uid: String = r.get(0)?;
            let task = match current.get(&uid) {
                Some(t) => Arc::clone(t),
                None => {
                    let t = Arc::new(task_from(r)?);
                    current.insert(uid, Arc::clone(&t));
                    t
                }
            };
            out.push(HistoryRecord {
                block_id: r.get(6)?,
                task,
                start: from_epoch(r.get(7)?)?,
                end: from_epoch(r.get(8)?)?,
                outcome: None,
                actual_min: None,
                recorded_at: None,
            });
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.block_id.cmp(&b.block_id)));
        Ok(out)
    }

    /// Finished tasks with an estimate and the minutes their recorded blocks took (done and
    /// partly done), by completion: what the estimate learner compares.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] when a
    /// stored row no longer reads.
    pub fn estimate_samples(&self) -> Result<Vec<EstimateSample>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TASK_COLUMNS}, sum(o.actual_min)
             FROM history_tasks h JOIN block_outcomes o ON o.task_uid = h.task_uid
             WHERE h.completed_at IS NOT NULL AND h.estimate_min IS NOT NULL AND o.outcome IN ('done', 'partly')
             GROUP BY h.task_uid HAVING sum(o.actual_min) > 0 ORDER BY h.completed_at, h.task_uid"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(EstimateSample { task: task_from(r)?, actual_min: r.get(6)? });
        }
        Ok(out)
    }
}

/// The task columns at the start of a row (uid, title, project, tags, estimate, completed).
pub(super) fn task_from(r: &rusqlite::Row<'_>) -> Result<HistoryTask> {
    let tags: String = r.get(3)?;
    Ok(HistoryTask {
        uid: r.get(0)?,
        title: r.get(1)?,
        project: r.get(2)?,
        tags: serde_json::from_str(&tags).map_err(|e| StoreError::Corrupt(format!("tags {tags:?}: {e}")))?,
        estimate_min: r.get(4)?,
        completed_at: r.get::<_, Option<i64>>(5)?.map(from_epoch).transpose()?,
    })
}
