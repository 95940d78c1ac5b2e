//! The window's event commands: create, edit (with the recurring choice), delete, and the
//! details editor's view. Each calls one use case of `miraage_services::events`; a change to
//! a synced calendar is sent at the next sync.

use crate::state::AppState;
use miraage_domain::EventDetailsView;
use miraage_services::events::{self, EventDraft, EventTarget, EventUpdate};
use miraage_services::Result;
use tauri::State;

/// Creates an event from the editor or a drag on empty time; returns it as the editor
/// shows it (with its `uid`).
#[tauri::command]
pub async fn create_event(state: State<'_, AppState>, draft: EventDraft) -> Result<EventDetailsView> {
    state.with_store(move |store, zone| events::create_event(store, zone, draft)).await
}

/// Edits an event or occurrence (`edit.target.scope`: this, following or all); returns the
/// occurrence edited as it is now (a new `uid` after "this and following").
#[tauri::command]
pub async fn update_event(state: State<'_, AppState>, edit: EventUpdate) -> Result<EventDetailsView> {
    state.with_store(move |store, zone| events::update_event(store, zone, edit)).await
}

/// Deletes an event, one occurrence (EXDATE), this and following, or a whole series.
#[tauri::command]
pub async fn delete_event(state: State<'_, AppState>, target: EventTarget) -> Result<()> {
    state.with_store(move |store, _| events::delete(store, &target).map(|_| ())).await
}

/// What the details editor shows of an event (at `occurrence`, an occurrence's
/// `recurrence_id`), with `read_only` saying why it cannot be edited when it cannot.
#[tauri::command]
pub async fn event_details(
    state: State<'_, AppState>,
    uid: String,
    occurrence: Option<String>,
) -> Result<EventDetailsView> {
    state.with_store(move |store, zone| events::details(store, zone, &uid, occurrence.as_deref(), None)).await
}
