//! What really happened, for the window: a block's outcome, the gentle review, the timer,
//! the analytics view, the history table and its export, the estimate hint, and the work
//! pattern's preference saved for planning.

use crate::state::AppState;
use crate::{clock, tray};
use miraage_services::history::analytics::{self, AnalyticsView, Period};
use miraage_services::history::export::{self, ExportDone, ExportFormat, HistoryRow};
use miraage_services::history::learn::{self, EstimateHint, EstimateQuery};
use miraage_services::history::review::{self, ReviewView};
use miraage_services::history::timer::{self, RunningTimer, TimerStop};
use miraage_services::history::{self, OutcomeInput, OutcomeResult};
use miraage_services::Result;
use tauri::{AppHandle, State};

/// Records what happened to a block (done, partly done with minutes, skipped, missed); the
/// minutes it gives back are planned again at once.
#[tauri::command]
pub async fn record_block_outcome(
    app: AppHandle,
    state: State<'_, AppState>,
    block: String,
    outcome: OutcomeInput,
) -> Result<OutcomeResult> {
    let now = clock::now();
    let out = state.with_store(move |s, zone| history::record(s, zone, now, &block, outcome)).await;
    tray::refresh(&app).await;
    out
}

/// "Did you do these?": blocks whose time passed with no outcome, each listed once.
#[tauri::command]
pub async fn history_review(state: State<'_, AppState>) -> Result<ReviewView> {
    let now = clock::now();
    state.with_store(move |s, zone| review::review(s, zone, now)).await
}

/// Closes the review: what it listed without an answer is recorded as missed.
#[tauri::command]
pub async fn dismiss_review(state: State<'_, AppState>) -> Result<ReviewView> {
    let now = clock::now();
    state.with_store(move |s, zone| review::dismiss(s, zone, now)).await
}

#[tauri::command]
pub async fn start_timer(app: AppHandle, state: State<'_, AppState>, block: String) -> Result<String> {
    let now = clock::now();
    let out = state.with_store(move |s, zone| timer::start(s, zone, now, &block)).await;
    tray::refresh(&app).await;
    out
}

/// The timer that runs, if any: its block, title and minutes so far (the window's header).
#[tauri::command]
pub async fn running_timer(state: State<'_, AppState>) -> Result<Option<RunningTimer>> {
    let now = clock::now();
    state.with_store(move |s, zone| timer::running(s, zone, now)).await
}

#[tauri::command]
pub async fn stop_timer(app: AppHandle, state: State<'_, AppState>) -> Result<TimerStop> {
    let now = clock::now();
    let out = state.with_store(move |s, zone| timer::stop(s, zone, now)).await;
    tray::refresh(&app).await;
    out
}

/// The last `count` weeks or months, planned against done and the rest.
#[tauri::command]
pub async fn history_analytics(state: State<'_, AppState>, period: Period, count: u32) -> Result<AnalyticsView> {
    let now = clock::now();
    state.with_store(move |s, zone| analytics::analytics(s, zone, now, period, count)).await
}

/// Every planned block with what happened to it, oldest first.
#[tauri::command]
pub async fn history_rows(state: State<'_, AppState>) -> Result<Vec<HistoryRow>> {
    state.with_store(|s, _| export::rows(s, None)).await
}

/// Writes the history as CSV or JSON to `path` (default: the downloads folder).
#[tauri::command]
pub async fn export_history(
    state: State<'_, AppState>,
    format: ExportFormat,
    path: Option<String>,
) -> Result<ExportDone> {
    state.with_store(move |s, _| export::export(s, format, path.as_deref())).await
}

/// "#writing usually takes you 1.4× longer: plan 1 h 25 min?" for an estimate as the task
/// editor has it (tags, project, minutes), when the learner knows enough.
#[tauri::command]
pub async fn estimate_hint(state: State<'_, AppState>, query: EstimateQuery) -> Result<Option<EstimateHint>> {
    state.with_store(move |s, _| learn::hint_for(s, &query)).await
}

/// Saves a tag's preferred part of the day for planning (*Use it* under the work pattern), or
/// removes it (`part` null: the settings dialog's Remove); returns the sentence saying so.
#[tauri::command]
pub async fn set_tag_preference(
    state: State<'_, AppState>,
    tag: String,
    part: Option<miraage_domain::TimeOfDay>,
) -> Result<String> {
    state.with_store(move |s, _| history::prefer(s, &tag, part)).await
}
