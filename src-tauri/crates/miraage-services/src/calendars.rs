//! Calendars: listing them and showing or hiding one.

use crate::error::Result;
use miraage_domain::{CalendarId, CalendarView};
use miraage_store::Store;

/// Every calendar, grouped by account.
///
/// # Errors
/// When the store cannot be read.
pub fn list(store: &Store) -> Result<Vec<CalendarView>> {
    Ok(store.calendars()?)
}

/// Shows or hides a calendar; kept in the store, so it survives a restart.
///
/// # Errors
/// [`crate::ServiceError::Store`] (not found) for an unknown calendar.
pub fn set_visible(store: &mut Store, id: &str, visible: bool) -> Result<()> {
    Ok(store.set_calendar_visible(&CalendarId::from_string(id.to_string()), visible)?)
}
