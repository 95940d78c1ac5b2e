//! The window's task commands beyond the quick ones in `commands.rs`: the editor's details,
//! one edit for every field, deleting, and listing with completed tasks.

use crate::state::AppState;
use miraage_domain::TaskView;
use miraage_services::tasks::{self, TaskChanges, TaskDetails};
use miraage_services::Result;
use tauri::State;

/// Tasks of every task list: open ones, or with `all` the completed ones too.
#[tauri::command]
pub async fn list_all_tasks(state: State<'_, AppState>, all: bool) -> Result<Vec<TaskView>> {
    state.with_store(move |store, _| tasks::list(store, all)).await
}

/// Everything the task editor shows of one task (by id or exact title).
#[tauri::command]
pub async fn task_details(state: State<'_, AppState>, key: String) -> Result<TaskDetails> {
    state.with_store(move |store, _| tasks::details(store, &key)).await
}

/// Changes the fields given in `changes` (a field left out is kept, null clears it), each
/// checked as when a task is added; returns the task as the editor shows it. A dependency
/// cycle is refused naming its tasks; a task deleted meanwhile is `not_found`.
#[tauri::command]
pub async fn edit_task(state: State<'_, AppState>, key: String, changes: TaskChanges) -> Result<TaskDetails> {
    state
        .with_store(move |store, _| {
            let task = tasks::edit(store, &key, changes)?;
            tasks::details(store, task.id.as_str())
        })
        .await
}

/// Deletes a task (its future plan blocks go with it); returns the open tasks. `undo`
/// brings it back.
#[tauri::command]
pub async fn delete_task(state: State<'_, AppState>, key: String) -> Result<Vec<TaskView>> {
    state
        .with_store(move |store, _| {
            tasks::delete(store, &key)?;
            tasks::list(store, false)
        })
        .await
}
