//! The plan's controls in the window: locking an accepted block where it is, the forecast of
//! a task ("done by Thu 15:00") and the week's load for the plan bar.

use crate::clock;
use crate::state::AppState;
use miraage_scheduling::{ForecastView, WeekLoadView};
use miraage_services::{locks, planning, Result};
use tauri::State;

/// Locks (`locked: true`) or unlocks the accepted block `id` (its block id, or the id of the
/// event that stands for it); answers with the sentence to show. Refused, naming what
/// overlaps it, when the block no longer fits where it is.
#[tauri::command]
pub async fn set_block_locked(state: State<'_, AppState>, id: String, locked: bool) -> Result<String> {
    let now = clock::now();
    state.with_store(move |store, zone| locks::set_locked(store, zone, now, &id, locked)).await
}

/// When a task would be done if planned now: the open task `task` (id or title), or the
/// quick-add line `text` as a new task. A real plan, nothing written.
#[tauri::command]
pub async fn forecast(state: State<'_, AppState>, text: Option<String>, task: Option<String>) -> Result<ForecastView> {
    let now = clock::now();
    state
        .with_store(move |store, zone| match (task, text) {
            (Some(task), _) => planning::forecast_task(store, zone, now, &task),
            (None, text) => planning::forecast_text(store, zone, now, text.as_deref().unwrap_or_default()),
        })
        .await
}

/// This week's planned time against its free time, for the plan bar.
#[tauri::command]
pub async fn week_load(state: State<'_, AppState>) -> Result<WeekLoadView> {
    let now = clock::now();
    state.with_store(move |store, zone| planning::week_load(store, zone, now)).await
}
