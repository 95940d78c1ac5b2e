//! The gentle review: accepted blocks whose time passed with no outcome are listed once
//! ("Did you do these?") with Done / Partly / Skipped each. Listing a block notes that it was
//! asked, so it is never listed again once the review is closed: closing it (or leaving a
//! question unanswered for a day) records the rest as missed, and their minutes go back into
//! the plan.

use super::{when, OutcomeInput, OutcomeKind};
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::PlanBlockId;
use miraage_scheduling::PlanPreview;
use miraage_store::Store;
use serde::Serialize;
use ts_rs::TS;

/// How long a listed block waits for an answer before it counts as missed without one.
const ANSWER_WAIT_HOURS: i64 = 24;

/// One block to answer for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReviewItem {
    /// The block's id: what `record_block_outcome` and `history done|skip|missed` take.
    pub block: String,
    pub task_id: String,
    pub title: String,
    /// RFC 3339 UTC instants.
    pub start: String,
    pub end: String,
    /// "Tue 24 Nov 09:00–10:00".
    pub when: String,
    pub minutes: u32,
}

/// The review: the question, the blocks, and what was settled without an answer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ReviewView {
    /// "Did you do these?" (empty items: nothing to ask).
    pub question: String,
    pub items: Vec<ReviewItem>,
    /// Sentences about blocks counted as missed since the last review.
    pub notes: Vec<String>,
    /// The re-plan of what those missed blocks gave back.
    pub replan: Option<PlanPreview>,
}

/// What the review asks at `now`: the blocks asked before and still unanswered (while they
/// wait), then every other block that ended without an outcome, each noted as asked. Blocks
/// left unanswered for a day are recorded as missed first.
///
/// # Errors
/// Store and planning failures.
pub fn review(store: &mut Store, zone: Tz, now: DateTime<Utc>) -> Result<ReviewView> {
    let (notes, replan) = settle(store, zone, now, now - Duration::hours(ANSWER_WAIT_HOURS))?;
    let new = store.pending_blocks(now)?;
    store.mark_asked(&new, now)?;
    let mut items = Vec::new();
    for id in store.asked_unanswered()? {
        let block = store.plan_block(&PlanBlockId::from_string(id))?;
        let title = store.task(&block.task_id)?.title;
        items.push(ReviewItem {
            block: block.id.to_string(),
            task_id: block.task_id.to_string(),
            title,
            start: miraage_domain::time::format_instant(block.start),
            end: miraage_domain::time::format_instant(block.end),
            when: when(block.start, block.end, now, zone),
            minutes: u32::try_from((block.end - block.start).num_minutes()).unwrap_or(0),
        });
    }
    Ok(ReviewView { question: "Did you do these?".into(), items, notes, replan })
}

/// Closes the review: every block it listed that has no answer is recorded as missed.
///
/// # Errors
/// Store and planning failures.
pub fn dismiss(store: &mut Store, zone: Tz, now: DateTime<Utc>) -> Result<ReviewView> {
    let (notes, replan) = settle(store, zone, now, now)?;
    Ok(ReviewView { question: "Did you do these?".into(), items: Vec::new(), notes, replan })
}

/// Records as missed the asked blocks without an answer that were asked by `asked_before`.
fn settle(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    asked_before: DateTime<Utc>,
) -> Result<(Vec<String>, Option<PlanPreview>)> {
    let mut notes = Vec::new();
    let mut replan = None;
    for id in store.asked_unanswered()? {
        let Some((None, asked_at)) = store.block_outcome(&id)? else { continue };
        if asked_at > asked_before {
            continue;
        }
        let done = super::record(store, zone, now, &id, OutcomeInput { kind: OutcomeKind::Missed, minutes: None })?;
        notes.push(done.message);
        replan = done.replan.or(replan);
    }
    Ok((notes, replan))
}
