//! What the tray (and a reminder's buttons) do: plan the rest of today, and Start / Done /
//! Snooze / Skip one accepted plan block. Each block action records what the user did in the
//! history and then re-plans what follows (accepted blocks that no longer fit become move
//! ghosts, or are moved at once when re-plans apply automatically).

use super::{clock_time, settings};
use crate::error::{Result, ServiceError};
use chrono::{DateTime, Days, Duration, DurationRound, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::{BlockState, HistoryEntry, HistoryKind, PlanBlock, PlanBlockId};
use miraage_scheduling::PlanPreview;
use miraage_store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How far Snooze puts a block off.
pub const SNOOZE_MIN: i64 = 15;

/// What the user does with a plan block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BlockAction {
    /// Begin now: a block not yet started moves to start now (its length kept).
    Start,
    /// Finished: the block ends now, the time spent is kept, the rest is given back.
    Done,
    /// Put off by [`SNOOZE_MIN`] minutes from its start (or from now, if under way).
    Snooze,
    /// Not doing it: its time is given back (the part already spent is kept).
    Skip,
}

/// What a block action did, in one sentence, and the re-plan it caused.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ActionOutcome {
    pub message: String,
    /// Accepted blocks that no longer fit after the action: their moves (ghosts, or already
    /// applied when re-plans apply automatically). `None` when everything still fits.
    pub replan: Option<PlanPreview>,
}

/// Applies `action` to the plan block `block` at `now` (a task's block, or a habit's
/// session).
///
/// # Errors
/// [`ServiceError::NotFound`] when the block was moved or deleted meanwhile;
/// [`ServiceError::Refused`] for Done on a block that has not started, or moving a pinned
/// block; store failures.
pub fn act(store: &mut Store, zone: Tz, now: DateTime<Utc>, action: BlockAction, block: &str) -> Result<ActionOutcome> {
    let now = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    let id = PlanBlockId::from_string(block.to_string());
    if let Some(session) = store.habit_block(&id)?.filter(|b| b.state != BlockState::Proposed) {
        return super::habit_actions::act(store, zone, now, action, session);
    }
    let block = accepted_block(store, block)?;
    let title = store.task(&block.task_id).map(|t| t.title).unwrap_or_else(|_| "the block".into());
    if matches!(action, BlockAction::Done | BlockAction::Skip) {
        if let Some((Some(o), _)) = store.block_outcome(block.id.as_str())? {
            return Err(ServiceError::Refused(format!(
                "{} is already recorded as {}; nothing was changed.",
                crate::history::block_name(&title, &block, now, zone),
                crate::history::OutcomeKind::from_store(o).words()
            )));
        }
    }
    let message = match action {
        BlockAction::Start => {
            let started = if block.start > now { move_block(store, zone, &block, now)? } else { block.clone() };
            store.record_history(&history(&block, HistoryKind::Started, now, started.end, now))?;
            // Its timer counts the minutes really spent (one timer at a time: another keeps running).
            let timer = match crate::history::timer::start(store, zone, now, started.id.as_str()) {
                Ok(_) => " Its timer runs: Stop timer records the minutes spent.".to_string(),
                Err(ServiceError::Refused(why)) => format!(" {why}"),
                Err(e) => return Err(e),
            };
            format!("Started “{title}”, until {}.{timer}", clock_time(started.end, now, zone))
        }
        BlockAction::Done => {
            if block.start > now {
                return Err(ServiceError::Refused(format!(
                    "“{title}” has not started yet (it starts at {}): Start it or Skip it.",
                    clock_time(block.start, now, zone)
                )));
            }
            store.end_plan_block(&block.id, now, HistoryKind::Done)?;
            let spent = (now.min(block.end) - block.start).num_minutes();
            format!("“{title}” done after {spent} min; the rest of its time is free.")
        }
        BlockAction::Snooze => {
            let from = block.start.max(now);
            let moved = move_block(store, zone, &block, from + Duration::minutes(SNOOZE_MIN))?;
            store.record_history(&history(&block, HistoryKind::Snoozed, block.start, block.end, now))?;
            format!("“{title}” moved to {}–{}.", clock_time(moved.start, now, zone), clock_time(moved.end, now, zone))
        }
        BlockAction::Skip => {
            store.end_plan_block(&block.id, now, HistoryKind::Skipped)?;
            format!("Skipped “{title}”; its time is free.")
        }
    };
    let replan = crate::planning::check(store, zone, now, None)?;
    Ok(ActionOutcome { message, replan })
}

/// What Plan today did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlanTodayOutcome {
    pub message: String,
    /// The proposal (empty when it was accepted at once).
    pub preview: PlanPreview,
    /// Blocks accepted at once (the setting "Plan today accepts at once").
    pub accepted: u32,
}

/// Plans the rest of today (from `now` to midnight in `zone`); accepts the plan at once when
/// the setting says so, else leaves it as ghosts to accept in the window.
///
/// # Errors
/// Store failures; invalid planning settings.
pub fn plan_today(store: &mut Store, zone: Tz, now: DateTime<Utc>) -> Result<PlanTodayOutcome> {
    let today = now.with_timezone(&zone).date_naive();
    let midnight = local_midnight(today.checked_add_days(Days::new(1)).unwrap_or(today), zone);
    let mut preview = crate::planning::plan_range(store, zone, now, now, midnight)?;
    let blocks = preview.ghosts.len();
    if blocks == 0 {
        let message = match preview.unscheduled.first() {
            Some(u) => format!("Nothing more fits today: “{}” does not ({}).", u.title, u.reason),
            None => "Nothing left to plan today.".to_string(),
        };
        return Ok(PlanTodayOutcome { message, preview, accepted: 0 });
    }
    if settings::load(store)?.plan_today_accepts {
        let accepted = crate::planning::accept_all(store, zone)?;
        preview.ghosts.clear();
        return Ok(PlanTodayOutcome {
            message: format!("Planned and accepted {accepted} block(s) for the rest of today."),
            preview,
            accepted: u32::try_from(accepted).unwrap_or(u32::MAX),
        });
    }
    Ok(PlanTodayOutcome {
        message: format!("{blocks} block(s) proposed for the rest of today: open Miraage to accept them."),
        preview,
        accepted: 0,
    })
}

/// The accepted (or locked) block `id`, or a clear error when it is gone.
fn accepted_block(store: &Store, id: &str) -> Result<PlanBlock> {
    match store.plan_block(&PlanBlockId::from_string(id.to_string())) {
        Ok(b) if b.state != BlockState::Proposed => Ok(b),
        Ok(_) | Err(StoreError::NotFound { .. }) => Err(ServiceError::NotFound(
            "That plan block is gone: it was moved or deleted since the menu was shown. The menu now shows the plan as it is."
                .into(),
        )),
        Err(e) => Err(e.into()),
    }
}

/// Moves an accepted block to start at `start` (its length kept) the way an accepted re-plan
/// moves it: a ghost at the new time is accepted in place of the old block and its event.
fn move_block(store: &mut Store, zone: Tz, block: &PlanBlock, start: DateTime<Utc>) -> Result<PlanBlock> {
    if block.state == BlockState::Locked {
        let title = store.task(&block.task_id)?.title;
        return Err(ServiceError::Refused(format!(
            "“{title}” is pinned where it is: unpin it in the window to move it."
        )));
    }
    let ghost = PlanBlock {
        id: PlanBlockId::new(),
        task_id: block.task_id.clone(),
        start,
        end: start + (block.end - block.start),
        state: BlockState::Proposed,
        event_id: None,
    };
    store.add_proposed_block(&ghost)?;
    let settings = miraage_scheduling::load_settings(store)?;
    let project = store.task(&block.task_id)?.project;
    let calendar = miraage_scheduling::plan_calendar(store, &settings, project.as_deref())?;
    let event =
        store.accept_plan_block(&ghost.id, ghost.start, ghost.end, &calendar, zone, std::slice::from_ref(&block.id))?;
    Ok(PlanBlock { state: BlockState::Accepted, event_id: Some(event), ..ghost })
}

fn history(
    block: &PlanBlock,
    kind: HistoryKind,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> HistoryEntry {
    HistoryEntry {
        task_id: block.task_id.clone(),
        kind,
        start,
        end: end.max(start),
        actual_min: None,
        recorded_at: now,
    }
}
