//! Start / Done / Snooze / Skip of an accepted habit session, as the tray and a reminder's
//! buttons offer them for a plan block. A session cut short or skipped gives its minutes back
//! to its habit: the next plan places them later in the same day or week (carry-over).

use super::actions::{ActionOutcome, BlockAction, SNOOZE_MIN};
use super::clock_time;
use crate::error::{Result, ServiceError};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, HabitBlock};
use miraage_store::Store;

/// Applies `action` to the accepted habit session `block` at `now` (whole minutes).
///
/// # Errors
/// [`ServiceError::Refused`] for Done on a session that has not started, or moving a pinned
/// one; [`ServiceError::NotFound`] when it is gone; store failures.
pub(super) fn act(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    action: BlockAction,
    block: HabitBlock,
) -> Result<ActionOutcome> {
    let title = store
        .habits()?
        .into_iter()
        .find(|h| h.id == block.habit_id)
        .map_or_else(|| "the session".to_string(), |h| h.title);
    let message = match action {
        BlockAction::Start => {
            let end = if block.start > now { shift(store, &block, &title, now)?.end } else { block.end };
            format!("Started “{title}”, until {}.", clock_time(end, now, zone))
        }
        BlockAction::Done => {
            if block.start > now {
                return Err(ServiceError::Refused(format!(
                    "“{title}” has not started yet (it starts at {}): Start it or Skip it.",
                    clock_time(block.start, now, zone)
                )));
            }
            store.end_habit_block(&block.id, now)?;
            let spent = (now.min(block.end) - block.start).num_minutes();
            format!("“{title}” done after {spent} min; the rest of its time is free.")
        }
        BlockAction::Snooze => {
            let moved = shift(store, &block, &title, block.start.max(now) + Duration::minutes(SNOOZE_MIN))?;
            format!("“{title}” moved to {}–{}.", clock_time(moved.start, now, zone), clock_time(moved.end, now, zone))
        }
        BlockAction::Skip => {
            store.end_habit_block(&block.id, now)?;
            format!("Skipped “{title}”; its time is free and the next plan finds its minutes another time.")
        }
    };
    let replan = crate::planning::check(store, zone, now, None)?;
    Ok(ActionOutcome { message, replan })
}

/// Moves the session to start at `start`, its length kept.
fn shift(store: &mut Store, block: &HabitBlock, title: &str, start: DateTime<Utc>) -> Result<HabitBlock> {
    if block.state == BlockState::Locked {
        return Err(ServiceError::Refused(format!(
            "“{title}” is pinned where it is: unpin it in the window to move it."
        )));
    }
    Ok(store.move_habit_block(&block.id, start, start + (block.end - block.start))?)
}
