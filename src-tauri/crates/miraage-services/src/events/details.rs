//! The details editor's view of one event or occurrence.

use super::edit::{is_series, load, occurrence, EventTarget};
use crate::error::Result;
use chrono_tz::Tz;
use miraage_domain::time::format_instant;
use miraage_domain::{EventDetailsView, EventTime};
use miraage_store::Store;

/// The event with `uid` (in the calendar `calendar_id` when given), at the occurrence
/// `occurrence` (its original start) for an instance of a series: title, time, calendar,
/// location, description, the series' rule, organizer and attendees, and why it cannot be
/// edited if it cannot.
/// `_zone` is the viewer's zone (times are given as instants and dates, zone-free).
///
/// # Errors
/// [`crate::ServiceError::NotFound`] when the event or occurrence does not exist.
pub fn details(
    store: &Store,
    _zone: Tz,
    uid: &str,
    occurrence_id: Option<&str>,
    calendar_id: Option<&str>,
) -> Result<EventDetailsView> {
    let target = EventTarget {
        uid: uid.to_string(),
        occurrence: occurrence_id.map(str::to_string),
        scope: None,
        calendar_id: calendar_id.map(str::to_string),
    };
    let item = load(store, &target)?;
    let rid = occurrence(&item, &target)?;
    let event = item.occurrence(rid)?;
    let calendar = store.calendars()?.into_iter().find(|c| c.id == event.calendar_id.as_str());
    let (start, end, all_day, time_zone) = match event.time {
        EventTime::Timed { start, end, zone } => {
            (format_instant(start), format_instant(end), false, Some(zone.name().to_string()))
        }
        EventTime::AllDay { start, end } => (start.to_string(), end.to_string(), true, None),
    };
    let series = item.main.as_ref().and_then(|m| m.recurrence());
    Ok(EventDetailsView {
        uid: event.uid.clone(),
        occurrence: event.recurrence_id().map(|r| r.to_string()),
        title: event.summary.clone(),
        start,
        end,
        all_day,
        time_zone,
        calendar_id: event.calendar_id.to_string(),
        calendar: calendar.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
        location: event.location.clone(),
        description: event.description.clone(),
        rrule: series.and_then(|r| r.rules.first().cloned()),
        recurring: is_series(&item),
        read_only: calendar.and_then(|c| c.read_only_reason()).or_else(|| event.people.read_only_reason()),
        organizer: event.people.organizer.clone(),
        attendees: event.people.attendees.clone(),
    })
}
