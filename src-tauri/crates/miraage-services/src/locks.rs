//! Locking an accepted block where it is (from the window's block popover, the tray or the
//! CLI), and unlocking it: a task's block or a habit's session alike. A locked block stays
//! when a meeting lands next to it and moves only when an event lands on it; even then an
//! automatic re-plan asks first. A lock on a block that no longer fits is refused at once,
//! saying what overlaps it.

use crate::error::{Result, ServiceError};
use crate::undo::{record, Key, Label};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, EventId, HabitBlock, PlanBlock, PlanBlockId, TimeRange};
use miraage_store::{Store, StoreError};

/// Locks (`locked`) or unlocks the accepted block `id` (a plan block's or a habit session's
/// id, or the id of the event that stands for it); returns one sentence saying what was done.
/// Undoable.
///
/// # Errors
/// [`ServiceError::NotFound`] when no accepted block has this id (or it was moved meanwhile);
/// [`ServiceError::Refused`] when an event overlaps the block or it is already over (a lock
/// could not hold there); store failures.
pub fn set_locked(store: &mut Store, zone: Tz, now: DateTime<Utc>, id: &str, locked: bool) -> Result<String> {
    let Lockable { block, title, habit } = accepted_block(store, id)?;
    let at = block.start.with_timezone(&zone).format("%a %H:%M").to_string();
    if block.state == BlockState::Locked && locked {
        return Ok(format!("“{title}” at {at} is already locked."));
    }
    if block.state == BlockState::Accepted && !locked {
        return Ok(format!("“{title}” at {at} is not locked."));
    }
    if locked {
        refuse_if_it_no_longer_fits(store, &block, &title, &at, now)?;
    }
    let verb = if locked { "locked" } else { "unlocked" };
    let label = Label::text(format!("{verb} “{}” ({at})", crate::undo::short(&title)));
    // The task's (or habit's) key holds its blocks whatever their age (the plan's key only
    // recent ones).
    let owner = match &habit {
        Some(h) => Key::habit(h),
        None => Key::task(&block.task_id),
    };
    record(store, label, &[Key::plan(), owner], |store| {
        match habit {
            Some(_) => store.set_habit_block_locked(&block.id, locked)?,
            None => store.set_block_locked(&block.id, locked)?,
        }
        Ok(())
    })?;
    Ok(if locked {
        format!("Locked “{title}” at {at}: re-plans keep it there unless an event lands on it.")
    } else {
        format!("Unlocked “{title}” at {at}: re-plans may move it again.")
    })
}

/// An accepted (or locked) block with the title of what it is for; `habit`: the habit whose
/// session it is (its `task_id` then means nothing).
struct Lockable {
    block: PlanBlock,
    title: String,
    habit: Option<String>,
}

/// The accepted or locked block (a task's, else a habit's) with this block or event id.
fn accepted_block(store: &Store, id: &str) -> Result<Lockable> {
    let gone = || {
        ServiceError::NotFound(
            "That block is no longer in your plan (it was moved, done or deleted); only accepted blocks can be locked."
                .into(),
        )
    };
    let (block_id, event_id) = (PlanBlockId::from_string(id.to_string()), EventId::from_string(id.to_string()));
    let task_block = match store.plan_block(&block_id) {
        Ok(b) => Some(b),
        Err(StoreError::NotFound { .. }) => store.block_of_event(&event_id)?,
        Err(e) => return Err(e.into()),
    };
    let found = match task_block {
        Some(b) => {
            let title = store.task(&b.task_id).map(|t| t.title).unwrap_or_else(|_| "This block".into());
            Lockable { block: b, title, habit: None }
        }
        None => {
            let Some(s) = store.habit_block(&block_id)?.or(store.habit_block_of_event(&event_id)?) else {
                return Err(gone());
            };
            habit_session(store, s)?
        }
    };
    if found.block.state == BlockState::Proposed {
        return Err(gone());
    }
    Ok(found)
}

/// A habit's session as a lockable block, titled after its habit.
fn habit_session(store: &Store, s: HabitBlock) -> Result<Lockable> {
    let habit = store.habits()?.into_iter().find(|h| h.id == s.habit_id);
    let title = habit.map_or_else(|| "This session".into(), |h| h.title);
    let block = PlanBlock {
        id: s.id,
        task_id: miraage_domain::TaskId::from_string(s.habit_id.clone()),
        start: s.start,
        end: s.end,
        state: s.state,
        event_id: s.event_id,
    };
    Ok(Lockable { block, title, habit: Some(s.habit_id) })
}

/// A lock holds a block where it is: refused when it is over or an event overlaps it.
fn refuse_if_it_no_longer_fits(
    store: &Store,
    block: &PlanBlock,
    title: &str,
    at: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    if block.end <= now {
        return Err(ServiceError::Refused(format!("“{title}” at {at} is already over: there is nothing to lock.")));
    }
    let range = TimeRange::new(block.start, block.end)?;
    let own = block.event_id.as_ref();
    let hit = store
        .busy_spans(&range)?
        .into_iter()
        .find(|s| Some(&s.event_id) != own && s.start < block.end && block.start < s.end && s.start < s.end);
    if let Some(span) = hit {
        return Err(ServiceError::Refused(format!(
            "“{title}” cannot be locked at {at}: “{}” overlaps it. Move one of them first, or plan again to find it a new time.",
            span.summary
        )));
    }
    Ok(())
}

/// Before a move ghost is accepted: the locked blocks it replaces become accepted ones, so
/// that accepting the move removes them like any other (the user chose to move them).
/// `ghost`: that ghost only; `None`: every ghost.
pub(crate) fn release_replaced(store: &mut Store, ghost: Option<&str>) -> Result<()> {
    let Some(preview) = miraage_scheduling::current_preview(store)? else { return Ok(()) };
    for id in preview.ghosts.iter().filter(|g| ghost.is_none_or(|x| x == g.id)).flat_map(|g| &g.replaces) {
        let id = PlanBlockId::from_string(id.clone());
        if store.plan_block(&id).is_ok_and(|b| b.state == BlockState::Locked) {
            store.set_block_locked(&id, false)?;
        } else if store.habit_block(&id)?.is_some_and(|b| b.state == BlockState::Locked) {
            store.set_habit_block_locked(&id, false)?;
        }
    }
    Ok(())
}

/// Whether the block `id` (block or event id) is locked; false when it is gone.
///
/// # Errors
/// Store failures.
pub fn is_locked(store: &Store, id: &str) -> Result<bool> {
    match accepted_block(store, id) {
        Ok(found) => Ok(found.block.state == BlockState::Locked),
        Err(ServiceError::NotFound(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Locks the block `id` if it is not locked, else unlocks it (the tray's Lock / Unlock).
///
/// # Errors
/// As [`set_locked`].
pub fn toggle(store: &mut Store, zone: Tz, now: DateTime<Utc>, id: &str) -> Result<String> {
    let locked = is_locked(store, id)?;
    set_locked(store, zone, now, id, !locked)
}
