//! What the user does with one accepted block from the tray or a reminder: end it now (done
//! or skipped) and propose a single block beside the current ghosts (a snooze's new time,
//! accepted through the same path as any move).

use super::{cut_block_in, insert_block};
use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::rows::{from_epoch, now_epoch, to_epoch};
use chrono::{DateTime, Utc};
use miraage_domain::{BlockState, HistoryKind, PlanBlock, PlanBlockId};
use rusqlite::{params, OptionalExtension};

impl Store {
    /// Ends an accepted (or locked) block at `now`, in one transaction, and records `kind`
    /// in the history: `Done` keeps the time spent (`start..now`, with its minutes), `Skipped`
    /// the time as it was planned. A block under way is cut at `now` (its event too); one
    /// that has not started is removed with its event. Returns where the block now ends,
    /// `None` when it was removed.
    ///
    /// # Errors
    /// [`StoreError::NotFound`] when the block is gone (or only proposed); [`StoreError::Invalid`]
    /// for a `kind` other than `Done` or `Skipped`.
    pub fn end_plan_block(
        &mut self,
        id: &PlanBlockId,
        now: DateTime<Utc>,
        kind: HistoryKind,
    ) -> Result<Option<DateTime<Utc>>> {
        if !matches!(kind, HistoryKind::Done | HistoryKind::Skipped) {
            return Err(StoreError::Invalid(format!("a block is ended as done or skipped, not {}", kind.as_str())));
        }
        let tx = self.conn.transaction()?;
        let found: Option<(String, i64, i64, Option<String>)> = tx
            .query_row(
                "SELECT task_id, start_utc, end_utc, event_id FROM plan_blocks WHERE id = ?1 AND state != 'proposed'",
                [id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((task, start, end, event)) = found else {
            return Err(StoreError::NotFound { what: "plan block", id: id.to_string() });
        };
        let now_s = to_epoch(now).min(end);
        let ends = cut_block_in(&tx, id.as_str(), start, event.as_deref(), now_s)?;
        let (h_end, actual) = match kind {
            HistoryKind::Done => {
                let spent = ends.unwrap_or(start);
                (spent, Some((spent - start) / 60))
            }
            _ => (end, None),
        };
        tx.execute(
            "INSERT INTO history (task_id, kind, start_utc, end_utc, actual_min, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![task, kind.as_str(), start, h_end, actual, now_epoch()],
        )?;
        let (outcome, spent) = match kind {
            HistoryKind::Done => (crate::history::Outcome::Done, actual.unwrap_or(0)),
            _ => (crate::history::Outcome::Skipped, (ends.unwrap_or(start) - start) / 60),
        };
        let task_id = miraage_domain::TaskId::from_string(task.clone());
        crate::history::tray_outcome_in(&tx, id.as_str(), &task_id, start, end, outcome, spent)?;
        tx.commit()?;
        ends.map(from_epoch).transpose()
    }

    /// Adds one proposed block, leaving the other ghosts as they are.
    ///
    /// # Errors
    /// [`StoreError::Invalid`] for a block that is not proposed or ends before it starts.
    pub fn add_proposed_block(&mut self, block: &PlanBlock) -> Result<()> {
        if block.state != BlockState::Proposed {
            return Err(StoreError::Invalid(format!("block {} is {}, not proposed", block.id, block.state.as_str())));
        }
        let tx = self.conn.transaction()?;
        insert_block(&tx, block)?;
        tx.commit()?;
        Ok(())
    }
}
