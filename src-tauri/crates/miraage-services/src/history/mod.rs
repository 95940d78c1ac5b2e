//! What really happened (issue 17): the outcome of every accepted block (done, partly done,
//! skipped, missed), the timer, the gentle review of blocks nobody answered for, estimates
//! that learn from it, the analytics view and the export.
//!
//! - [`record`]: one block's outcome; the minutes not spent go back into the plan at once.
//! - [`review`]: "Did you do these?", once per block.
//! - [`timer`]: Start / Stop with the minutes really spent (capped, and asked, when left on).
//! - [`learn`]: the estimate learner (pure) and its hint; [`patterns`]: when work gets done,
//!   and [`prefer`]: its preference saved for planning.
//! - [`analytics`]: planned against done per week and month, with [`habit_goals`]: habits
//!   against their targets, with streaks; [`export`]: CSV and JSON.

pub mod analytics;
mod block_ref;
pub mod export;
pub mod habit_goals;
pub mod learn;
pub mod patterns;
mod prefer;
pub mod review;
pub mod timer;

pub use block_ref::find_block;
pub use prefer::prefer;

use crate::companion::clock_time;
use crate::error::{Result, ServiceError};
use chrono::{DateTime, Duration, DurationRound, Utc};
use chrono_tz::Tz;
use miraage_domain::{PlanBlock, TaskStatus};
use miraage_scheduling::PlanPreview;
use miraage_store::{Outcome, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What happened to a block, as the window and the CLI name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OutcomeKind {
    Done,
    Partly,
    Skipped,
    Missed,
}

impl OutcomeKind {
    fn store(self) -> Outcome {
        match self {
            OutcomeKind::Done => Outcome::Done,
            OutcomeKind::Partly => Outcome::Partly,
            OutcomeKind::Skipped => Outcome::Skipped,
            OutcomeKind::Missed => Outcome::Missed,
        }
    }

    pub(crate) fn from_store(o: Outcome) -> Self {
        match o {
            Outcome::Done => OutcomeKind::Done,
            Outcome::Partly => OutcomeKind::Partly,
            Outcome::Skipped => OutcomeKind::Skipped,
            Outcome::Missed => OutcomeKind::Missed,
        }
    }

    /// How a sentence says it: "done", "partly done", "skipped", "missed".
    pub fn words(self) -> &'static str {
        match self {
            OutcomeKind::Done => "done",
            OutcomeKind::Partly => "partly done",
            OutcomeKind::Skipped => "skipped",
            OutcomeKind::Missed => "missed",
        }
    }
}

/// An outcome to record: `minutes` spent is required for `partly`, optional for `done` (the
/// planned length when absent) and not used otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutcomeInput {
    pub kind: OutcomeKind,
    pub minutes: Option<u32>,
}

/// What recording did, in one sentence, and the re-plan of the minutes given back.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OutcomeResult {
    pub message: String,
    /// The plan with the minutes given back placed again (ghosts to accept, or already
    /// accepted when re-plans apply automatically); `None` when nothing went back.
    pub replan: Option<PlanPreview>,
}

/// The most minutes one block may say were spent: a day.
const MAX_BLOCK_MIN: u32 = 24 * 60;

/// Records what happened to the block named `block` (its id, or `TITLE@TIME`, see
/// [`find_block`]) at `now`. A block is recorded once; a missed or partly done block (and a
/// skipped one) gives its minutes back and the task is re-planned at once.
///
/// # Errors
/// [`ServiceError::NotFound`] when no accepted block is named so; [`ServiceError::Refused`]
/// when the block already has an outcome, has not started (done, partly), has not ended
/// (missed), or the minutes do not fit; store and planning failures. Nothing is changed then.
pub fn record(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    block: &str,
    input: OutcomeInput,
) -> Result<OutcomeResult> {
    let now = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    let (block, title) = find_block(store, zone, block)?;
    let name = block_name(&title, &block, now, zone);
    if let Some((Some(done), at)) = store.block_outcome(block.id.as_str())? {
        return Err(ServiceError::Refused(format!(
            "{name} is already recorded as {} (at {}); nothing was changed.",
            OutcomeKind::from_store(done).words(),
            clock_time(at, now, zone)
        )));
    }
    let planned = u32::try_from((block.end - block.start).num_minutes()).unwrap_or(0);
    check(&name, &block, planned, now, zone, input)?;
    let recorded = store.record_outcome(&block.id, input.kind.store(), input.minutes, now)?;
    let mut message = match input.kind {
        OutcomeKind::Done => match input.minutes {
            Some(m) => format!("Recorded {name} as done: {} spent.", minutes_text(m)),
            None => format!("Recorded {name} as done."),
        },
        OutcomeKind::Partly => {
            format!("Recorded {name} as partly done: {} spent.", minutes_text(input.minutes.unwrap_or(0)))
        }
        kind => format!("Recorded {name} as {}.", kind.words()),
    };
    let open = store.task(&block.task_id).map(|t| t.status != TaskStatus::Completed).unwrap_or(false);
    let replan = if recorded.returned_min > 0 && open {
        message.push_str(&format!(" Its other {} are back in the plan.", minutes_text(recorded.returned_min)));
        Some(replan_task(store, zone, now, &block)?)
    } else {
        None
    };
    Ok(OutcomeResult { message, replan })
}

/// The input against the block's time, with a sentence for each refusal.
fn check(name: &str, block: &PlanBlock, planned: u32, now: DateTime<Utc>, zone: Tz, input: OutcomeInput) -> Result<()> {
    let refuse = |s: String| Err(ServiceError::Refused(s));
    match input.kind {
        OutcomeKind::Done | OutcomeKind::Partly if block.start > now => refuse(format!(
            "{name} has not started yet (it starts at {}): record it once you worked on it, or skip it.",
            clock_time(block.start, now, zone)
        )),
        OutcomeKind::Missed if block.end > now => refuse(format!(
            "{name} is not over yet (it ends at {}): skip it instead if you will not do it.",
            clock_time(block.end, now, zone)
        )),
        OutcomeKind::Partly => match input.minutes {
            None | Some(0) => {
                refuse(format!("Say how many minutes you spent on {name}; if none, record it as skipped or missed."))
            }
            Some(m) if m >= planned => refuse(format!(
                "{} is the whole block ({}) or more: record {name} as done with those minutes instead.",
                minutes_text(m),
                minutes_text(planned)
            )),
            Some(_) => Ok(()),
        },
        OutcomeKind::Done if input.minutes == Some(0) || input.minutes.is_some_and(|m| m > MAX_BLOCK_MIN) => {
            refuse(format!("The minutes spent on {name} must be between 1 and {MAX_BLOCK_MIN} (a day)."))
        }
        _ => Ok(()),
    }
}

/// Plans the horizon again so the task's minutes given back get blocks; with "apply re-plans
/// automatically" on, the task's new blocks are accepted at once (the other ghosts stay).
fn replan_task(store: &mut Store, zone: Tz, now: DateTime<Utc>, block: &PlanBlock) -> Result<PlanPreview> {
    let mut preview = miraage_scheduling::plan_ahead(store, zone, now)?;
    if miraage_scheduling::load_settings(store)?.apply_replans_automatically {
        let (mine, rest): (Vec<_>, Vec<_>) =
            preview.ghosts.into_iter().partition(|g| g.task_id == block.task_id.as_str());
        for g in &mine {
            miraage_scheduling::accept_ghost(
                store,
                zone,
                &miraage_domain::PlanBlockId::from_string(g.id.clone()),
                None,
            )?;
        }
        preview.ghosts = rest;
        preview.notes.push(format!("Re-plan applied automatically: {} block(s) accepted.", mine.len()));
    }
    Ok(preview)
}

/// “Write” (Tue 24 Nov 09:00–10:00): a block named by its task and time.
pub(crate) fn block_name(title: &str, block: &PlanBlock, now: DateTime<Utc>, zone: Tz) -> String {
    format!("“{}” ({})", crate::companion::short_title(title), when(block.start, block.end, now, zone))
}

/// "Tue 24 Nov 09:00–10:00" (the day left out when it is today).
pub(crate) fn when(start: DateTime<Utc>, end: DateTime<Utc>, now: DateTime<Utc>, zone: Tz) -> String {
    format!("{}–{}", clock_time(start, now, zone), end.with_timezone(&zone).format("%H:%M"))
}

/// "1 h 25 min", "40 min".
pub fn minutes_text(m: u32) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
