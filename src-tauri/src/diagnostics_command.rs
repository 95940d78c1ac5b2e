//! The Diagnostics view: versions, each account's last syncs, edits waiting and the log's
//! last lines, with the report to copy (no secret, no title in it).

use crate::state::AppState;
use miraage_services::diagnostics::{self, DiagnosticsView};
use miraage_services::{logging, Result};
use tauri::State;

/// The diagnostics as the window shows them, and the report for "Copy report".
#[tauri::command]
pub async fn diagnostics(state: State<'_, AppState>) -> Result<DiagnosticsView> {
    state
        .with_store(|store, _| {
            let level = logging::level(store).as_str().to_ascii_lowercase();
            diagnostics::view(store, &logging::log_dir(), &level)
        })
        .await
}
