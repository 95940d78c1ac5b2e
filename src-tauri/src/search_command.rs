//! Search for the window's `/` box.

use crate::state::AppState;
use miraage_services::search::{self, SearchResult};
use miraage_services::Result;
use tauri::State;

/// Events and tasks whose title, location, description or notes match `text` as typed (each
/// word a prefix, accents ignored), best first; each event with the occurrence to jump to.
#[tauri::command]
pub async fn search(state: State<'_, AppState>, text: String, limit: Option<u32>) -> Result<Vec<SearchResult>> {
    let limit = limit.unwrap_or(20) as usize;
    state.with_store(move |store, zone| search::search(store, zone, crate::clock::now(), &text, limit)).await
}
