//! Undo and redo for the window (Ctrl+Z, Ctrl+Shift+Z, the toast's Undo and the menu).

use crate::state::AppState;
use miraage_services::undo::{self, UndoOutcome, UndoState};
use miraage_services::Result;
use tauri::State;

/// Undoes the last edit made through this store (in the window or the CLI): its earlier
/// state is written as a new edit, sent to the servers at the next sync. Refused, changing
/// nothing, when a sync or another window changed the thing since.
#[tauri::command]
pub async fn undo(state: State<'_, AppState>) -> Result<UndoOutcome> {
    state.with_store(|store, _| undo::undo(store)).await
}

/// Redoes the last undone edit.
#[tauri::command]
pub async fn redo(state: State<'_, AppState>) -> Result<UndoOutcome> {
    state.with_store(|store, _| undo::redo(store)).await
}

/// What the next undo and redo would do ("Undo: deleted “Write report”"), for the menu and
/// the toast.
#[tauri::command]
pub async fn undo_state(state: State<'_, AppState>) -> Result<UndoState> {
    state.with_store(|store, _| undo::state(store)).await
}
