//! What happened to every accepted block: done, partly done, skipped or missed, with the
//! minutes really spent; the one running timer; and what the history views read back.
//!
//! Rows live in `history_tasks` and `block_outcomes` (migration 0010), which no foreign key
//! ties to tasks or plan blocks: deleting a task, or a block moving, keeps what happened.

mod facts;
mod read;

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::plan::cut_block_in;
use crate::rows::{now_epoch, to_epoch};
use chrono::{DateTime, Utc};
use miraage_domain::{PlanBlockId, TaskId};
use rusqlite::{params, OptionalExtension, Transaction};

pub use facts::BlockFact;
pub use read::{EstimateSample, HistoryRecord, HistoryTask, PendingBlock};

/// What happened to a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Outcome {
    /// The work was done (in the planned time or the minutes recorded).
    Done,
    /// Some of it was done: the minutes spent are kept, the rest goes back into the plan.
    Partly,
    /// The user chose not to do it.
    Skipped,
    /// Its time passed and the user said nothing.
    Missed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Partly => "partly",
            Outcome::Skipped => "skipped",
            Outcome::Missed => "missed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "done" => Outcome::Done,
            "partly" => Outcome::Partly,
            "skipped" => Outcome::Skipped,
            "missed" => Outcome::Missed,
            _ => return None,
        })
    }
}

/// What recording an outcome did to the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The task's title (as the history keeps it).
    pub title: String,
    /// Minutes of the block that went back to the task (to be planned again).
    pub returned_min: u32,
}

impl Store {
    /// Records what happened to the accepted (or locked) block `id`, in one transaction: the
    /// task's snapshot, the block's outcome row, and the plan block itself: kept whole when
    /// done, cut to `actual_min` when partly done, removed (with its calendar event, the
    /// delete queued) when skipped or missed, so that the minutes not spent go back to the
    /// task and the next plan places them.
    ///
    /// `actual_min` is the minutes spent: for `Done`, `None` means as planned; for `Partly`
    /// it is required and less than the block's length; for `Skipped` and `Missed` it is
    /// ignored (nothing was spent).
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no accepted block has this id; [`StoreError::Invalid`]
    /// when the block already has an outcome (a block is recorded once) or `actual_min` does
    /// not fit `outcome`; [`StoreError::Sqlite`] when the database cannot be written. Nothing
    /// is changed then.
    pub fn record_outcome(
        &mut self,
        id: &PlanBlockId,
        outcome: Outcome,
        actual_min: Option<u32>,
        now: DateTime<Utc>,
    ) -> Result<Recorded> {
        let tx = self.conn.transaction()?;
        let block = accepted_block_in(&tx, id)?;
        if let Some(existing) = outcome_in(&tx, id.as_str())? {
            return Err(StoreError::Invalid(format!("plan block {id} is already recorded as {}", existing.as_str())));
        }
        let planned = u32::try_from((block.end - block.start) / 60).unwrap_or(0);
        let (kept_until, actual) = match (outcome, actual_min) {
            (Outcome::Done, None) => (None, planned),
            (Outcome::Done, Some(m)) => (None, m),
            (Outcome::Partly, Some(m)) if m < planned => (Some(block.start + i64::from(m) * 60), m),
            (Outcome::Partly, _) => {
                return Err(StoreError::Invalid(format!(
                    "a partly done block needs the minutes spent, under its {planned} planned"
                )))
            }
            (Outcome::Skipped | Outcome::Missed, _) => (Some(block.start), 0),
        };
        snapshot_task_in(&tx, &block.task_id)?;
        tx.execute(
            "INSERT INTO block_outcomes (block_id, task_uid, planned_start, planned_end, outcome, actual_min, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (block_id) DO UPDATE SET outcome = ?5, actual_min = ?6, recorded_at = ?7",
            params![id.as_str(), block.task_uid, block.start, block.end, outcome.as_str(), actual, to_epoch(now)],
        )?;
        if let Some(until) = kept_until {
            cut_block_in(&tx, id.as_str(), block.start, block.event_id.as_deref(), until)?;
        }
        tx.execute("DELETE FROM block_timers WHERE block_id = ?1", [id.as_str()])?;
        tx.commit()?;
        let returned_min = match outcome {
            Outcome::Done => 0,
            _ => planned.saturating_sub(actual),
        };
        Ok(Recorded { title: block.title, returned_min })
    }

    /// Notes that the gentle review asked about these blocks at `now`, so that none of them
    /// is ever listed again; an answer later records its outcome over the note.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written (nothing is noted then).
    pub fn mark_asked(&mut self, blocks: &[PendingBlock], now: DateTime<Utc>) -> Result<()> {
        let tx = self.conn.transaction()?;
        for b in blocks {
            let task = TaskId::from_string(b.task_id.clone());
            snapshot_task_in(&tx, &task)?;
            tx.execute(
                "INSERT INTO block_outcomes (block_id, task_uid, planned_start, planned_end, asked_at, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (block_id) DO NOTHING",
                params![b.block_id, b.task_uid, to_epoch(b.start), to_epoch(b.end), to_epoch(now)],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Starts the timer of block `id` at `now`; the one running timer, if any, is returned
    /// instead (nothing changes then).
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no accepted block has this id; [`StoreError::Sqlite`]
    /// when the database cannot be written.
    pub fn start_timer(&mut self, id: &PlanBlockId, now: DateTime<Utc>) -> Result<Option<(String, DateTime<Utc>)>> {
        let tx = self.conn.transaction()?;
        accepted_block_in(&tx, id)?;
        if let Some(running) = running_timer_in(&tx)? {
            return Ok(Some(running));
        }
        tx.execute(
            "INSERT INTO block_timers (block_id, started_at) VALUES (?1, ?2)",
            params![id.as_str(), to_epoch(now)],
        )?;
        tx.commit()?;
        Ok(None)
    }

    /// The running timer: its block's id and when it started.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read.
    pub fn running_timer(&self) -> Result<Option<(String, DateTime<Utc>)>> {
        running_timer_in(&self.conn)
    }

    /// Stops (forgets) the timer of block `id`, returning when it started.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn clear_timer(&mut self, id: &str) -> Result<Option<DateTime<Utc>>> {
        let tx = self.conn.transaction()?;
        let started: Option<i64> =
            tx.query_row("SELECT started_at FROM block_timers WHERE block_id = ?1", [id], |r| r.get(0)).optional()?;
        tx.execute("DELETE FROM block_timers WHERE block_id = ?1", [id])?;
        tx.commit()?;
        started.map(crate::rows::from_epoch).transpose()
    }

    /// Forgets the history of one task (its blocks' outcomes and its snapshot), for a user who
    /// deletes a task and wants its history gone too. Returns how many blocks were forgotten.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn forget_task_history(&mut self, task_uid: &str) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM block_outcomes WHERE task_uid = ?1", [task_uid])?;
        tx.execute("DELETE FROM history_tasks WHERE task_uid = ?1", [task_uid])?;
        tx.commit()?;
        Ok(n)
    }
}

/// An accepted block with what the history needs of its task.
struct BlockRow {
    task_id: TaskId,
    task_uid: String,
    title: String,
    start: i64,
    end: i64,
    event_id: Option<String>,
}

fn accepted_block_in(tx: &Transaction<'_>, id: &PlanBlockId) -> Result<BlockRow> {
    tx.query_row(
        "SELECT b.task_id, t.uid, t.title, b.start_utc, b.end_utc, b.event_id
         FROM plan_blocks b JOIN tasks t ON t.id = b.task_id WHERE b.id = ?1 AND b.state != 'proposed'",
        [id.as_str()],
        |r| {
            Ok(BlockRow {
                task_id: TaskId::from_string(r.get::<_, String>(0)?),
                task_uid: r.get(1)?,
                title: r.get(2)?,
                start: r.get(3)?,
                end: r.get(4)?,
                event_id: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound { what: "plan block", id: id.to_string() })
}

fn outcome_in(tx: &Transaction<'_>, block: &str) -> Result<Option<Outcome>> {
    let found: Option<Option<String>> =
        tx.query_row("SELECT outcome FROM block_outcomes WHERE block_id = ?1", [block], |r| r.get(0)).optional()?;
    Ok(found.flatten().and_then(|s| Outcome::parse(&s)))
}

fn running_timer_in(conn: &rusqlite::Connection) -> Result<Option<(String, DateTime<Utc>)>> {
    let found: Option<(String, i64)> = conn
        .query_row("SELECT block_id, started_at FROM block_timers ORDER BY started_at LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    found.map(|(b, s)| Ok((b, crate::rows::from_epoch(s)?))).transpose()
}

/// Keeps the task's title, project, tags and estimate as they are now (the history names
/// the task by them after it is renamed or deleted).
pub(crate) fn snapshot_task_in(tx: &Transaction<'_>, task: &TaskId) -> Result<()> {
    tx.execute(
        "INSERT INTO history_tasks (task_uid, title, project, tags, estimate_min, completed_at)
         SELECT uid, title, project, tags, nullif(estimate_min, 0),
                CASE WHEN status = 'completed' THEN completed_at END
         FROM tasks WHERE id = ?1
         ON CONFLICT (task_uid) DO UPDATE SET title = excluded.title, project = excluded.project,
             tags = excluded.tags, estimate_min = excluded.estimate_min,
             completed_at = coalesce(excluded.completed_at, history_tasks.completed_at)",
        [task.as_str()],
    )?;
    Ok(())
}

/// A task was ticked done at `now`: its blocks that began and have no outcome are recorded
/// done (a block under way with the minutes until `now`), and its snapshot keeps when it was
/// completed, which makes it a sample for the estimate learner. Runs inside the caller's
/// transaction, before the task's remaining blocks are released.
pub(crate) fn task_completed_in(tx: &Transaction<'_>, task: &TaskId, now: DateTime<Utc>) -> Result<()> {
    let now_s = to_epoch(now);
    snapshot_task_in(tx, task)?;
    tx.execute(
        "UPDATE history_tasks SET completed_at = ?2 WHERE task_uid = (SELECT uid FROM tasks WHERE id = ?1)",
        params![task.as_str(), now_s],
    )?;
    tx.execute(
        "INSERT INTO block_outcomes (block_id, task_uid, planned_start, planned_end, outcome, actual_min, recorded_at)
         SELECT b.id, t.uid, b.start_utc, b.end_utc, 'done', (min(b.end_utc, ?2) - b.start_utc) / 60, ?2
         FROM plan_blocks b JOIN tasks t ON t.id = b.task_id
         WHERE b.task_id = ?1 AND b.state != 'proposed' AND b.start_utc < ?2
         ON CONFLICT (block_id) DO UPDATE SET outcome = 'done', actual_min = excluded.actual_min,
             recorded_at = excluded.recorded_at WHERE block_outcomes.outcome IS NULL",
        params![task.as_str(), now_s],
    )?;
    Ok(())
}

/// The tray's Done or Skip ended a block at `now` (inside the caller's transaction): its
/// outcome is recorded once, done with the minutes spent, or skipped.
pub(crate) fn tray_outcome_in(
    tx: &Transaction<'_>,
    block: &str,
    task: &TaskId,
    start: i64,
    end: i64,
    outcome: Outcome,
    spent_min: i64,
) -> Result<()> {
    snapshot_task_in(tx, task)?;
    tx.execute(
        "INSERT INTO block_outcomes (block_id, task_uid, planned_start, planned_end, outcome, actual_min, recorded_at)
         SELECT ?1, uid, ?3, ?4, ?5, ?6, ?7 FROM tasks WHERE id = ?2
         ON CONFLICT (block_id) DO UPDATE SET outcome = excluded.outcome, actual_min = excluded.actual_min,
             recorded_at = excluded.recorded_at WHERE block_outcomes.outcome IS NULL",
        params![block, task.as_str(), start, end, outcome.as_str(), spent_min.max(0), now_epoch()],
    )?;
    tx.execute("DELETE FROM block_timers WHERE block_id = ?1", [block])?;
    Ok(())
}
