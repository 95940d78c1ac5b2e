//! The commands the UI calls. Each parses its arguments, asks the core, and returns one of
//! the view types whose TypeScript twins live in `ui/src/bindings/`.

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use miraage_domain::{AppInfo, CalendarView, NewTask, OccurrenceView, PlanBlockId, Priority, TaskId, TaskStatus, TaskView, TimeRange};
use miraage_scheduling::{self as scheduling, settings_view, PlanPreview, PlanSettings, SettingsView};
use miraage_store::{CalendarScope, TaskFilter};
use tauri::State;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    if let Some(e) = state.open_error() {
        return Err(AppError::Unavailable(e.to_string()));
    }
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: state.db_path.display().to_string(),
        time_zone: state.zone.name().to_string(),
    })
}

#[tauri::command]
pub async fn list_calendars(state: State<'_, AppState>) -> Result<Vec<CalendarView>, AppError> {
    state.with_store(|store, _| Ok(store.calendars()?)).await
}

/// Shows or hides a calendar; the choice is kept in the store, so it survives a restart.
#[tauri::command]
pub async fn set_calendar_visible(state: State<'_, AppState>, id: String, visible: bool) -> Result<(), AppError> {
    let id = miraage_domain::CalendarId::from_string(id);
    state.with_store(move |store, _| Ok(store.set_calendar_visible(&id, visible)?)).await
}

/// Occurrences of every calendar in `[from, to)`, given as RFC 3339 instants.
#[tauri::command]
pub async fn list_occurrences(state: State<'_, AppState>, from: String, to: String) -> Result<Vec<OccurrenceView>, AppError> {
    let range = TimeRange::new(instant("from", &from)?, instant("to", &to)?)?;
    state.with_store(move |store, zone| Ok(store.occurrences(&range, zone, CalendarScope::All)?)).await
}

/// Open tasks of every task list.
#[tauri::command]
pub async fn list_tasks(state: State<'_, AppState>) -> Result<Vec<TaskView>, AppError> {
    state.with_store(|store, _| Ok(store.task_views(TaskFilter::Open)?)).await
}

fn instant(what: &'static str, value: &str) -> Result<DateTime<Utc>, AppError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| AppError::BadArgument { what, value: value.to_string(), expected: "an RFC 3339 instant" })
}

/// Adds a task to the local task list; returns the open tasks.
#[tauri::command]
pub async fn add_task(state: State<'_, AppState>, task: NewTask) -> Result<Vec<TaskView>, AppError> {
    state
        .with_store(move |store, _| {
            let list = store.local_defaults()?.task_list;
            store.save_task(&task.into_task(list)?)?;
            Ok(store.task_views(TaskFilter::Open)?)
        })
        .await
}

/// Changes a task's estimate (minutes; null clears it) and priority; returns the open tasks.
#[tauri::command]
pub async fn update_task(state: State<'_, AppState>, id: String, estimate_min: Option<u32>, priority: u8) -> Result<Vec<TaskView>, AppError> {
    let priority = Priority::new(priority)?;
    if estimate_min == Some(0) {
        return Err(AppError::BadArgument { what: "estimate", value: "0".into(), expected: "a positive number of minutes" });
    }
    state
        .with_store(move |store, _| {
            let mut task = store.task(&TaskId::from_string(id))?;
            task.estimate_min = estimate_min;
            task.priority = priority;
            store.save_task(&task)?;
            Ok(store.task_views(TaskFilter::Open)?)
        })
        .await
}

/// Marks a task done (or open again); returns the open tasks.
#[tauri::command]
pub async fn set_task_done(state: State<'_, AppState>, id: String, done: bool) -> Result<Vec<TaskView>, AppError> {
    let status = if done { TaskStatus::Completed } else { TaskStatus::NeedsAction };
    state
        .with_store(move |store, _| {
            store.set_task_status(&TaskId::from_string(id), status)?;
            Ok(store.task_views(TaskFilter::Open)?)
        })
        .await
}

/// Plans the rolling horizon from now (at least the settings' days ahead, as far as the
/// furthest due date), whatever the window shows, and returns the ghosts.
#[tauri::command]
pub async fn plan_now(state: State<'_, AppState>) -> Result<PlanPreview, AppError> {
    state.with_store(move |store, zone| Ok(scheduling::plan_ahead(store, zone, Utc::now())?)).await
}

/// After a change: what the re-plan of the horizon would move, or null if nothing. With
/// "apply re-plans automatically" on, the moves are accepted at once (the preview says so).
#[tauri::command]
pub async fn check_plan(state: State<'_, AppState>) -> Result<Option<PlanPreview>, AppError> {
    state.with_store(move |store, zone| Ok(scheduling::check_ahead(store, zone, Utc::now())?)).await
}

/// The proposal the store holds now (another face may have replaced the window's), or null.
#[tauri::command]
pub async fn current_plan(state: State<'_, AppState>) -> Result<Option<PlanPreview>, AppError> {
    state.with_store(move |store, _| Ok(scheduling::current_preview(store)?)).await
}

/// Accepts a ghost where it is, or at `start` (an RFC 3339 instant) where the user dropped
/// it, then re-plans the horizon around it.
#[tauri::command]
pub async fn accept_ghost(state: State<'_, AppState>, id: String, start: Option<String>) -> Result<PlanPreview, AppError> {
    let start = start.map(|s| instant("start", &s)).transpose()?;
    state
        .with_store(move |store, zone| {
            scheduling::accept_ghost(store, zone, &PlanBlockId::from_string(id), start)?;
            Ok(scheduling::plan_ahead(store, zone, Utc::now())?)
        })
        .await
}

/// Accepts every ghost where it is; returns how many became events.
#[tauri::command]
pub async fn accept_all_ghosts(state: State<'_, AppState>) -> Result<u32, AppError> {
    state.with_store(|store, zone| Ok(u32::try_from(scheduling::accept_all(store, zone)?).unwrap_or(u32::MAX))).await
}

#[tauri::command]
pub async fn reject_ghost(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.with_store(move |store, _| Ok(scheduling::reject_ghost(store, &PlanBlockId::from_string(id))?)).await
}

/// Removes every ghost; the calendar is left as it was.
#[tauri::command]
pub async fn reject_all_ghosts(state: State<'_, AppState>) -> Result<(), AppError> {
    state.with_store(|store, _| Ok(scheduling::reject_all(store)?)).await
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> Result<SettingsView, AppError> {
    state.with_store(|store, _| Ok(settings_view(store)?)).await
}

#[tauri::command]
pub async fn save_settings(state: State<'_, AppState>, settings: PlanSettings) -> Result<SettingsView, AppError> {
    state
        .with_store(move |store, _| {
            scheduling::save_settings(store, &settings)?;
            Ok(settings_view(store)?)
        })
        .await
}
