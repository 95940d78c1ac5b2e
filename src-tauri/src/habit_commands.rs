//! The window's habits and hour sets: the Habits panel and the settings dialog's hour sets.

use crate::state::AppState;
use miraage_scheduling::{HabitView, HourSetView};
use miraage_services::habits::project_hours::{self, ProjectHoursView};
use miraage_services::habits::{self, HabitDraft, HourSetDraft};
use miraage_services::Result;
use tauri::State;

/// Every habit with its progress this period ("3 h of 5 h this week").
#[tauri::command]
pub async fn list_habits(state: State<'_, AppState>) -> Result<Vec<HabitView>> {
    state.with_store(move |store, zone| habits::list(store, zone, crate::clock::now())).await
}

/// Adds a habit, checked against its window or hour set; returns every habit.
#[tauri::command]
pub async fn add_habit(state: State<'_, AppState>, draft: HabitDraft) -> Result<Vec<HabitView>> {
    state
        .with_store(move |store, zone| {
            let now = crate::clock::now();
            habits::add(store, zone, now, &draft)?;
            habits::list(store, zone, now)
        })
        .await
}

/// Replaces every field of the habit `key` (id or title) with the draft's; returns every habit.
#[tauri::command]
pub async fn edit_habit(state: State<'_, AppState>, key: String, draft: HabitDraft) -> Result<Vec<HabitView>> {
    state
        .with_store(move |store, zone| {
            let now = crate::clock::now();
            habits::edit(store, zone, now, &key, &draft)?;
            habits::list(store, zone, now)
        })
        .await
}

/// Pauses or resumes a habit; returns every habit.
#[tauri::command]
pub async fn set_habit_paused(state: State<'_, AppState>, key: String, paused: bool) -> Result<Vec<HabitView>> {
    state
        .with_store(move |store, zone| {
            let now = crate::clock::now();
            habits::set_paused(store, zone, now, &key, paused)?;
            habits::list(store, zone, now)
        })
        .await
}

/// Deletes a habit with its sessions that have not started; returns every habit left.
#[tauri::command]
pub async fn delete_habit(state: State<'_, AppState>, key: String) -> Result<Vec<HabitView>> {
    state
        .with_store(move |store, zone| {
            let now = crate::clock::now();
            habits::delete(store, now, &key)?;
            habits::list(store, zone, now)
        })
        .await
}

/// Every hour set, work and personal first.
#[tauri::command]
pub async fn list_hour_sets(state: State<'_, AppState>) -> Result<Vec<HourSetView>> {
    state.with_store(move |store, _| habits::hour_sets(store)).await
}

/// Adds an hour set of the user's (or replaces the windows of the one with its name).
#[tauri::command]
pub async fn save_hour_set(state: State<'_, AppState>, draft: HourSetDraft) -> Result<Vec<HourSetView>> {
    state.with_store(move |store, _| habits::save_hour_set(store, &draft)).await
}

/// Every project with a default hour set.
#[tauri::command]
pub async fn list_project_hours(state: State<'_, AppState>) -> Result<Vec<ProjectHoursView>> {
    state.with_store(move |store, _| project_hours::list(store)).await
}

/// Plans a project's tasks without an hour set of their own in `hour_set` (null: in work or
/// personal hours again); returns every project's.
#[tauri::command]
pub async fn set_project_hours(
    state: State<'_, AppState>,
    project: String,
    hour_set: Option<String>,
) -> Result<Vec<ProjectHoursView>> {
    state.with_store(move |store, _| project_hours::set(store, &project, hour_set.as_deref())).await
}

/// Deletes an hour set of the user's; refused while a habit, an open task or a project uses it.
#[tauri::command]
pub async fn delete_hour_set(state: State<'_, AppState>, name: String) -> Result<Vec<HourSetView>> {
    state.with_store(move |store, _| habits::delete_hour_set(store, &name)).await
}
