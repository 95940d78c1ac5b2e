//! Tentative holds: shared free times written on the user's calendar as TENTATIVE busy events
//! ("Held: Intro call"), synced like any event, so nothing else is offered or planned there
//! until the recipient picks one. Booking a meeting in a held time releases every hold of
//! that share ([`taken`]); [`release`] frees them all.

use super::share::FreeTime;
use crate::error::{Result, ServiceError};
use crate::events::{self, EventInput};
use crate::undo::{self, Key, Label};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::{CalendarId, Event, EventId, EventStatus, EventTime, TimeRange};
use miraage_store::{MeetingHold, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How shared times are held, as the Meetings panel and `meet share --hold` give it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct HoldAsk {
    /// The meeting's title, held as "Held: TITLE"; null: the meeting type's name.
    pub title: Option<String>,
    /// A calendar by id or title; null: the calendar for new items.
    pub calendar: Option<String>,
}

/// A held time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HoldView {
    /// The share it belongs to: its holds go together.
    pub share: String,
    pub uid: String,
    /// "Held: Intro call".
    pub title: String,
    /// The calendar's title.
    pub calendar: String,
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    #[ts(type = "string")]
    pub end: DateTime<Utc>,
}

/// The free times as tentative busy events titled `title`, not stored: for a file sent to the
/// recipient (ICS of tentative holds).
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] for a free time that ends before it starts.
pub fn tentative(free: &[FreeTime], title: &str, zone: Tz) -> Result<Vec<Event>> {
    free.iter()
        .map(|f| {
            let mut e =
                Event::single(CalendarId::from_string(String::new()), title, EventTime::timed(f.start, f.end, zone)?);
            e.status = EventStatus::Tentative;
            Ok(e)
        })
        .collect()
}

/// Holds `free` on the user's calendar as "Held: `title`", one share; nothing when `free` is
/// empty. One undo step.
///
/// # Errors
///
/// [`crate::ErrorCode::NotFound`] / [`crate::ErrorCode::ReadOnly`] for the calendar; an empty
/// title. Nothing is written then.
pub fn hold(
    store: &mut Store,
    zone: Tz,
    free: &[FreeTime],
    title: &str,
    calendar: Option<&str>,
) -> Result<Vec<HoldView>> {
    let mut held = Vec::new();
    for f in free {
        let input = EventInput {
            title: format!("Held: {}", title.trim()),
            time: EventTime::timed(f.start, f.end, zone)?,
            calendar: calendar.map(str::to_string),
            rrule: None,
        };
        let mut e = events::new_event(store, input)?;
        e.status = EventStatus::Tentative;
        e.description = Some(format!(
            "Offered for “{}”: released when a meeting is booked in one of the times offered with it.",
            title.trim()
        ));
        held.push(e);
    }
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let share = EventId::new().to_string();
    let keys: Vec<Key> = held.iter().map(|e| Key::event(&e.calendar_id, &e.uid)).collect();
    let label = Label::text(format!("held {} shared time(s) for “{}”", held.len(), undo::short(title.trim())));
    undo::record(store, label, &keys, |store| Ok(store.add_meeting_holds(&share, &held)?))?;
    list(store).map(|all| all.into_iter().filter(|h| h.share == share).collect())
}

/// Every held time, oldest share first.
///
/// # Errors
///
/// Store failures.
pub fn list(store: &Store) -> Result<Vec<HoldView>> {
    let mut out = Vec::new();
    for h in store.meeting_holds()? {
        let Some(e) = store.events_by_uid(&h.uid)?.into_iter().find(|e| e.calendar_id == h.calendar_id) else {
            continue;
        };
        let EventTime::Timed { start, end, .. } = e.time else { continue };
        let calendar = store.calendar(&h.calendar_id).map(|c| c.name).unwrap_or_default();
        out.push(HoldView { share: h.share_id, uid: h.uid, title: e.summary, calendar, start, end });
    }
    Ok(out)
}

/// Releases every held time; answers how many.
///
/// # Errors
///
/// [`crate::ErrorCode::NotFound`] when nothing is held.
pub fn release(store: &mut Store) -> Result<usize> {
    let all = list(store)?;
    if all.is_empty() {
        return Err(ServiceError::NotFound("No shared times are held: there is nothing to release.".into()));
    }
    remove(store, &all, Label::text(format!("released {} held time(s)", all.len())))
}

/// A meeting booked over `range`: every hold of the shares it lands in is released (the one it
/// replaces and the others offered with it); answers how many.
///
/// # Errors
///
/// Store failures.
pub fn taken(store: &mut Store, range: &TimeRange) -> Result<usize> {
    let all = list(store)?;
    let shares: Vec<&str> =
        all.iter().filter(|h| h.start < range.end && range.start < h.end).map(|h| h.share.as_str()).collect();
    let gone: Vec<HoldView> = all.iter().filter(|h| shares.contains(&h.share.as_str())).cloned().collect();
    if gone.is_empty() {
        return Ok(0);
    }
    remove(store, &gone, Label::text(format!("released {} held time(s) of a booked share", gone.len())))
}

fn remove(store: &mut Store, holds: &[HoldView], label: Label) -> Result<usize> {
    let rows: Vec<MeetingHold> = store
        .meeting_holds()?
        .into_iter()
        .filter(|r| holds.iter().any(|h| h.uid == r.uid && h.share == r.share_id))
        .collect();
    let keys: Vec<Key> = rows.iter().map(|r| Key::event(&r.calendar_id, &r.uid)).collect();
    undo::record(store, label, &keys, |store| Ok(store.release_meeting_holds(&rows)?))?;
    Ok(rows.len())
}
