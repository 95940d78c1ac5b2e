//! Whether an automatic re-plan may be applied without asking: not when it would move a
//! block the user locked, nor more minutes of accepted blocks than the churn budget allows.
//! Such a re-plan stays as ghosts for the user to review, with a note saying why.

use crate::error::Result;
use crate::preview::GhostView;
use crate::settings::PlanSettings;
use miraage_domain::{BlockState, PlanBlockId};
use miraage_store::{Store, StoreError};

/// The note that keeps the re-plan `ghosts` for review, or `None` when it may be applied.
///
/// # Errors
/// When the store cannot be read.
pub(crate) fn held_for_review(store: &Store, settings: &PlanSettings, ghosts: &[GhostView]) -> Result<Option<String>> {
    let mut minutes = 0i64;
    for id in ghosts.iter().flat_map(|g| &g.replaces) {
        let block = match store.plan_block(&PlanBlockId::from_string(id.clone())) {
            Ok(b) => b,
            Err(StoreError::NotFound { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        if block.state == BlockState::Locked {
            let title = store.task(&block.task_id).map(|t| t.title).unwrap_or_default();
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

/// "1 h 30 min", "45 min", "2 h".
pub(crate) fn duration(min: i64) -> String {
    match (min / 60, min % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
