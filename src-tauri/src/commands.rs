//! The commands the UI calls. Each parses its arguments, asks the core, and returns one of
//! the view types whose TypeScript twins live in `ui/src/bindings/`.

use crate::error::AppError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use miraage_domain::{AppInfo, CalendarView, OccurrenceView, TaskView, TimeRange};
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
