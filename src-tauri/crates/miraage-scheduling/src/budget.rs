//! Whether an automatic re-plan may be applied without asking: not when it would move a
//! block the user locked (a task's or a habit's session), nor more minutes of accepted blocks
//! (sessions included) than the churn budget allows. Such a re-plan stays as ghosts for the
//! user to review, with a note saying why.

use crate::error::Result;
use crate::habits::as_plan_block;
use crate::preview::GhostView;
use crate::settings::PlanSettings;
use miraage_domain::{BlockState, PlanBlock, PlanBlockId};
use miraage_store::{Store, StoreError};

/// The note that keeps the re-plan `ghosts` for review, or `None` when it may be applied.
///
/// # Errors
/// When the store cannot be read.
pub(crate) fn held_for_review(store: &Store, settings: &PlanSettings, ghosts: &[GhostView]) -> Result<Option<String>> {
    let mut minutes = 0i64;
    for id in ghosts.iter().flat_map(|g| &g.replaces) {
        let Some((title, block)) = replaced(store, &PlanBlockId::from_string(id.clone()))? else { continue };
        if block.state == BlockState::Locked {
            return Ok(Some(format!(
                "Not applied automatically: “{title}” is locked. Accept its move, or leave it and move what overlaps it."
            )));
        }
        minutes += (block.end - block.start).num_minutes();
    }
    Ok(settings.churn_budget_min.filter(|&b| minutes > i64::from(b)).map(|b| {
        format!(
            "Not applied automatically: this re-plan moves {} of your plan, more than the {} you allow without asking. Review the ghosts.",
            duration(minutes),
            duration(i64::from(b))
        )
    }))
}

/// The accepted block `id` (a task's, else a habit's session) with the title of what it is
/// for; `None` when it is gone.
fn replaced(store: &Store, id: &PlanBlockId) -> Result<Option<(String, PlanBlock)>> {
    match store.plan_block(id) {
        Ok(b) => return Ok(Some((store.task(&b.task_id).map(|t| t.title).unwrap_or_default(), b))),
        Err(StoreError::NotFound { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let Some(session) = store.habit_block(id)? else { return Ok(None) };
    let habit = store.habits()?.into_iter().find(|h| h.id == session.habit_id);
    Ok(Some((habit.map(|h| h.title).unwrap_or_default(), as_plan_block(&session))))
}

/// "1 h 30 min", "45 min", "2 h".
pub(crate) fn duration(min: i64) -> String {
    match (min / 60, min % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
