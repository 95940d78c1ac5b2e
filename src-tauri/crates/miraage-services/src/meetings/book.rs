//! Booking a slot: the event with its attendees on the chosen calendar (a synced calendar
//! sends it at the next sync, and the provider invites the attendees), the holds of a share it
//! lands in released, then the re-plan of the blocks it displaced, as ghosts.

use super::find::{addresses, is_address};
use super::types::{self, check_duration};
use crate::error::{Result, ServiceError};
use crate::events::{self, EventInput};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::{Attendee, EventDetailsView, EventTime, Organizer, TimeRange};
use miraage_scheduling::PlanPreview;
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A slot chosen, as the Meetings panel and `miraage-cli meet book` give it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct BookAsk {
    pub title: String,
    /// An RFC 3339 instant (a slot's `start`).
    pub start: String,
    /// Minutes; null: the meeting type's.
    pub duration_min: Option<u32>,
    pub attendees: Vec<String>,
    pub meeting_type: Option<String>,
    /// A calendar by id or title; null: the calendar for new items.
    pub calendar: Option<String>,
}

/// The meeting made and the re-plan it caused.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BookView {
    pub event: EventDetailsView,
    /// The blocks it displaced, planned again as ghosts; null when nothing moves.
    pub replan: Option<PlanPreview>,
    /// Held times released: those of the share it was booked in (0 if none).
    pub holds_released: u32,
}

/// Creates the meeting `ask` describes and re-plans around it.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] for a bad address, duration, time or title, a start in the
/// past; [`crate::ErrorCode::NotFound`] / [`crate::ErrorCode::ReadOnly`] for the calendar.
/// Nothing is written then.
pub fn book(store: &mut Store, zone: Tz, now: DateTime<Utc>, ask: &BookAsk) -> Result<BookView> {
    let kind = ask.meeting_type.as_deref().map(|n| types::find(store, n)).transpose()?;
    let minutes = ask
        .duration_min
        .or(kind.as_ref().map(|k| k.duration_min))
        .ok_or_else(|| ServiceError::Refused("Say how long the meeting is: a duration in minutes, like 30.".into()))?;
    let duration = Duration::minutes(check_duration(minutes)?.into());
    let start = events::instant("start", &ask.start)?;
    if start < now {
        return Err(ServiceError::Refused("That time has passed: choose a slot still ahead.".into()));
    }
    let attendees: Vec<Attendee> = addresses(&ask.attendees)?.into_iter().map(Attendee::new).collect();
    let time = EventTime::timed(start, start + duration, zone)?;
    let input = EventInput { title: ask.title.clone(), time, calendar: ask.calendar.clone(), rrule: None };
    let mut event = events::new_event(store, input)?;
    event.location = kind.and_then(|k| k.location);
    if !attendees.is_empty() {
        // The organizer is the calendar's account (its address), as the provider will see it.
        let account = store.calendar(&event.calendar_id).ok().and_then(|c| store.account(&c.account_id).ok());
        let email = account.and_then(|a| a.username).filter(|u| is_address(u));
        event.people.organizer = email.map(|email| Organizer { name: None, email, is_self: true });
        event.people.attendees = attendees;
    }
    events::store_new(store, &event)?;
    let released = super::holds::taken(store, &TimeRange { start, end: start + duration })?;
    let view = events::details(store, zone, &event.uid, None, Some(event.calendar_id.as_str()))?;
    let replan = crate::planning::check(store, zone, now, None)?;
    Ok(BookView { event: view, replan, holds_released: u32::try_from(released).unwrap_or(u32::MAX) })
}
