//! The commands the window calls: each parses its arguments, calls one use case of
//! `miraage-services`, and returns one of the view types whose TypeScript twins live in
//! `ui/src/bindings/`. Errors cross as `{code, message}`.

use crate::state::AppState;
use miraage_domain::{AppInfo, CalendarView, NewTask, OccurrenceView, TaskView};
use miraage_scheduling::{PlanPreview, PlanSettings, SettingsView};
use miraage_services::events::instant;
use miraage_services::quick_add::{self, QuickAddKind, QuickAddView};
use miraage_services::{calendars, events, planning, tasks, Result, ServiceError};
use tauri::State;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    if let Some(e) = state.open_error() {
        return Err(ServiceError::Unavailable(e.to_string()));
    }
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: state.db_path.display().to_string(),
        time_zone: state.zone.name().to_string(),
    })
}

#[tauri::command]
pub async fn list_calendars(state: State<'_, AppState>) -> Result<Vec<CalendarView>> {
    state.with_store(|store, _| calendars::list(store)).await
}

/// Shows or hides a calendar; the choice is kept in the store, so it survives a restart.
#[tauri::command]
pub async fn set_calendar_visible(state: State<'_, AppState>, id: String, visible: bool) -> Result<()> {
    state.with_store(move |store, _| calendars::set_visible(store, &id, visible)).await
}

/// Occurrences of every calendar in `[from, to)`, given as RFC 3339 instants.
#[tauri::command]
pub async fn list_occurrences(state: State<'_, AppState>, from: String, to: String) -> Result<Vec<OccurrenceView>> {
    let (from, to) = (instant("from", &from)?, instant("to", &to)?);
    state.with_store(move |store, zone| events::occurrences(store, zone, from, to)).await
}

/// Open tasks of every task list.
#[tauri::command]
pub async fn list_tasks(state: State<'_, AppState>) -> Result<Vec<TaskView>> {
    state.with_store(|store, _| tasks::list(store, false)).await
}

/// Adds a task to the local task list; returns the open tasks.
#[tauri::command]
pub async fn add_task(state: State<'_, AppState>, task: NewTask) -> Result<Vec<TaskView>> {
    state
        .with_store(move |store, _| {
            tasks::add(store, tasks::TaskInput::from_new(task)?)?;
            tasks::list(store, false)
        })
        .await
}

/// Changes a task's estimate (minutes; null clears it) and priority; returns the open tasks.
#[tauri::command]
pub async fn update_task(
    state: State<'_, AppState>,
    id: String,
    estimate_min: Option<u32>,
    priority: u8,
) -> Result<Vec<TaskView>> {
    state
        .with_store(move |store, _| {
            tasks::set_estimate_and_priority(store, &id, estimate_min, priority)?;
            tasks::list(store, false)
        })
        .await
}

/// Marks a task done (or open again); returns the open tasks.
#[tauri::command]
pub async fn set_task_done(state: State<'_, AppState>, id: String, done: bool) -> Result<Vec<TaskView>> {
    state
        .with_store(move |store, _| {
            tasks::set_done(store, &id, done)?;
            tasks::list(store, false)
        })
        .await
}

/// Plans the rolling horizon from now (at least the settings' days ahead, as far as the
/// furthest due date), whatever the window shows, and returns the ghosts.
#[tauri::command]
pub async fn plan_now(state: State<'_, AppState>) -> Result<PlanPreview> {
    state.with_store(move |store, zone| planning::plan(store, zone, crate::clock::now())).await
}

/// After a change: what the re-plan of the horizon would move, or null if nothing. With
/// "apply re-plans automatically" on, the moves are accepted at once (the preview says so).
#[tauri::command]
pub async fn check_plan(state: State<'_, AppState>) -> Result<Option<PlanPreview>> {
    state.with_store(move |store, zone| planning::check(store, zone, crate::clock::now(), None)).await
}

/// The proposal the store holds now (another face may have replaced the window's), or null.
#[tauri::command]
pub async fn current_plan(state: State<'_, AppState>) -> Result<Option<PlanPreview>> {
    state.with_store(move |store, _| planning::current(store)).await
}

/// Accepts a ghost where it is, or at `start` (an RFC 3339 instant) where the user dropped
/// it, then re-plans the horizon around it.
#[tauri::command]
pub async fn accept_ghost(state: State<'_, AppState>, id: String, start: Option<String>) -> Result<PlanPreview> {
    let start = start.map(|s| instant("start", &s)).transpose()?;
    state.with_store(move |store, zone| planning::accept(store, zone, crate::clock::now(), &id, start)).await
}

/// Accepts every ghost where it is; returns how many became events.
#[tauri::command]
pub async fn accept_all_ghosts(state: State<'_, AppState>) -> Result<u32> {
    state.with_store(|store, zone| Ok(u32::try_from(planning::accept_all(store, zone)?).unwrap_or(u32::MAX))).await
}

#[tauri::command]
pub async fn reject_ghost(state: State<'_, AppState>, id: String) -> Result<()> {
    state.with_store(move |store, _| planning::reject(store, &id)).await
}

/// Removes every ghost; the calendar is left as it was.
#[tauri::command]
pub async fn reject_all_ghosts(state: State<'_, AppState>) -> Result<()> {
    state.with_store(|store, _| planning::reject_all(store)).await
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<SettingsView> {
    state.with_store(|store, _| planning::settings(store)).await
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: PlanSettings) -> Result<SettingsView> {
    state.with_store(move |store, _| planning::save_settings(store, &settings)).await
}

/// What a quick-add line says, as the box previews it while the user types.
#[tauri::command]
pub async fn read_quick_add(state: State<'_, AppState>, text: String, prefer_event: bool) -> Result<QuickAddView> {
    Ok(quick_add::read(&text, crate::clock::now(), state.zone, prefer_event))
}

/// Creates what a quick-add line describes (a task, or an event when it names a time and the
/// user chose events, a recurring event, or a habit for a duration per period); returns what
/// was made.
#[tauri::command]
pub async fn quick_add(state: State<'_, AppState>, text: String, prefer_event: bool) -> Result<QuickAddKind> {
    state
        .with_store(move |store, zone| {
            Ok(match quick_add::create(store, zone, crate::clock::now(), &text, prefer_event)? {
                quick_add::Created::Task(_) => QuickAddKind::Task,
                quick_add::Created::Event(_) => QuickAddKind::Event,
                quick_add::Created::Habit(_) => QuickAddKind::Habit,
            })
        })
        .await
}
