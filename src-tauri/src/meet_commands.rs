//! The window's meetings (issue 16): the Meetings panel (find a time, book a slot, share
//! availability, meeting types), Extend on an event's details, Reschedule a day.

use crate::state::AppState;
use miraage_services::meetings::{
    self, gather, holds, types, BookAsk, BookView, DayProposal, DeclineAsk, DeclineView, ExtendAsk, ExtendView,
    FindAnswer, FindAsk, HoldAsk, HoldView, MeetingTypeView, PersonSuggestion, ShareView,
};
use miraage_services::{Result, ServiceError};
use tauri::State;

/// Ranked slots for a meeting, the attendees' free/busy asked of the accounts first.
#[tauri::command]
pub async fn find_meeting_slots(state: State<'_, AppState>, ask: FindAsk) -> Result<FindAnswer> {
    let store = state.store_handle()?;
    gather::find_asking(&store, state.zone, crate::clock::now(), &ask).await
}

/// Books a slot: the event with its attendees, then the re-plan of what it displaced.
#[tauri::command]
pub async fn book_meeting(state: State<'_, AppState>, ask: BookAsk) -> Result<BookView> {
    state.with_store(move |store, zone| meetings::book(store, zone, crate::clock::now(), &ask)).await
}

/// Extends a meeting by some minutes, or refuses naming who is busy.
#[tauri::command]
pub async fn extend_meeting(state: State<'_, AppState>, ask: ExtendAsk) -> Result<ExtendView> {
    let store = state.store_handle()?;
    gather::extend_asking(&store, state.zone, crate::clock::now(), &ask).await
}

/// The proposal for clearing `day` (YYYY-MM-DD); with `accept`, applied.
#[tauri::command]
pub async fn reschedule_day(
    state: State<'_, AppState>,
    day: String,
    within: Option<u32>,
    accept: bool,
) -> Result<DayProposal> {
    let date = chrono::NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| ServiceError::Invalid {
        what: "day",
        value: day.clone(),
        expected: "a date YYYY-MM-DD",
    })?;
    let store = state.store_handle()?;
    gather::reschedule_asking(&store, state.zone, crate::clock::now(), date, within.unwrap_or(3), accept).await
}

/// The user's free times as text in `recipient_zone` (default: theirs); with `hold`, held on
/// the calendar as tentative busy events until a meeting is booked in one.
#[tauri::command]
pub async fn share_availability(
    state: State<'_, AppState>,
    ask: FindAsk,
    recipient_zone: Option<String>,
    hold: Option<HoldAsk>,
) -> Result<ShareView> {
    state
        .with_store(move |store, zone| {
            let to = match recipient_zone.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
                Some(name) => miraage_domain::zone::resolve_zone(name)?,
                None => zone,
            };
            meetings::share_holding(store, zone, crate::clock::now(), &ask, to, hold.as_ref())
        })
        .await
}

/// Every meeting type.
#[tauri::command]
pub async fn list_meeting_types(state: State<'_, AppState>) -> Result<Vec<MeetingTypeView>> {
    state.with_store(|store, _| types::list(store)).await
}

/// Adds or replaces a meeting type; answers every type.
#[tauri::command]
pub async fn save_meeting_type(state: State<'_, AppState>, draft: MeetingTypeView) -> Result<Vec<MeetingTypeView>> {
    state.with_store(move |store, _| types::save(store, &draft)).await
}

/// Deletes a meeting type; answers every type left.
#[tauri::command]
pub async fn delete_meeting_type(state: State<'_, AppState>, name: String) -> Result<Vec<MeetingTypeView>> {
    state.with_store(move |store, _| types::delete(store, &name)).await
}

/// Every time held by a share.
#[tauri::command]
pub async fn list_meeting_holds(state: State<'_, AppState>) -> Result<Vec<HoldView>> {
    state.with_store(|store, _| holds::list(store)).await
}

/// Releases every held time; answers how many.
#[tauri::command]
pub async fn release_meeting_holds(state: State<'_, AppState>) -> Result<u32> {
    state.with_store(|store, _| holds::release(store).map(|n| u32::try_from(n).unwrap_or(u32::MAX))).await
}

/// Declines someone else's meeting (the user's answer, sent at the next sync).
#[tauri::command]
pub async fn decline_meeting(state: State<'_, AppState>, ask: DeclineAsk) -> Result<DeclineView> {
    state.with_store(move |store, _| meetings::respond::decline(store, &ask)).await
}

/// How many attendee suggestions the Meetings panel shows under its Attendees input.
const SUGGESTIONS: usize = 6;

/// The people of past meetings whose address or name starts with `typed`, most met first.
#[tauri::command]
pub async fn suggest_attendees(state: State<'_, AppState>, typed: String) -> Result<Vec<PersonSuggestion>> {
    state.with_store(move |store, _| meetings::people::suggest(store, &typed, SUGGESTIONS)).await
}
