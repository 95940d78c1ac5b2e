//! The companion's commands for the window: Now / Next, the block actions, Plan today, and
//! the companion settings (saving them applies start at login).

use crate::state::AppState;
use crate::{clock, tray};
use miraage_services::companion::PlanTodayOutcome;
use miraage_services::companion::{self, settings, ActionOutcome, BlockAction, CompanionSettings, CompanionView};
use miraage_services::{Result, ServiceError};
use tauri::{AppHandle, State};
use tauri_plugin_autostart::ManagerExt;

/// What the tray shows now.
#[tauri::command]
pub async fn companion_view(state: State<'_, AppState>) -> Result<CompanionView> {
    let now = clock::now();
    state.with_store(move |s, zone| companion::now_next(s, zone, now)).await
}

/// Start, Done, Snooze or Skip of the plan block `block`.
#[tauri::command]
pub async fn block_action(
    app: AppHandle,
    state: State<'_, AppState>,
    action: BlockAction,
    block: String,
) -> Result<ActionOutcome> {
    let now = clock::now();
    let out = state.with_store(move |s, zone| companion::act(s, zone, now, action, &block)).await;
    tray::refresh(&app).await;
    out
}

/// Plans the rest of today (accepted at once or left as a preview, per the settings).
#[tauri::command]
pub async fn plan_today(app: AppHandle, state: State<'_, AppState>) -> Result<PlanTodayOutcome> {
    let now = clock::now();
    let out = state.with_store(move |s, zone| companion::plan_today(s, zone, now)).await;
    tray::refresh(&app).await;
    out
}

#[tauri::command]
pub async fn get_companion_settings(state: State<'_, AppState>) -> Result<CompanionSettings> {
    state.with_store(|s, _| settings::load(s)).await
}

/// Saves the settings and turns start at login on or off to match.
#[tauri::command]
pub async fn save_companion_settings(
    app: AppHandle,
    state: State<'_, AppState>,
    settings: CompanionSettings,
) -> Result<CompanionSettings> {
    let wanted = settings.start_at_login;
    let saved = state.with_store(move |s, _| settings::save(s, &settings)).await?;
    let autolaunch = app.autolaunch();
    if autolaunch.is_enabled().unwrap_or(false) != wanted {
        let done = if wanted { autolaunch.enable() } else { autolaunch.disable() };
        done.map_err(|e| ServiceError::Refused(format!("Start at login could not be changed: {e}")))?;
    }
    Ok(saved)
}
