//! Extend a meeting by some minutes: allowed when neither the user's calendars nor the
//! attendees' free/busy hold anything in the added time and the user organises it; otherwise
//! refused naming who is busy and the nearest extension that fits. Plan blocks in the way are
//! not in the way: the re-plan after it moves them (as ghosts).

use super::slots::{merged, Person};
use super::types::MAX_DURATION_MIN;
use crate::error::{Result, ServiceError};
use crate::events::{self, EventChanges, EventTarget, EventUpdate};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::TimeRange;
use miraage_scheduling::PlanPreview;
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the window's Extend +15 / +30 and `miraage-cli meet extend` ask.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct ExtendAsk {
    pub uid: String,
    /// The occurrence's `recurrence_id`, for an instance of a series.
    pub occurrence: Option<String>,
    pub minutes: u32,
}

/// An extension made.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExtendView {
    /// "“Weekly sync” now ends at 11:30."
    pub message: String,
    /// The re-plan of the blocks it now overlaps, as ghosts; null when nothing moves.
    pub replan: Option<PlanPreview>,
}

/// Something in the added time.
struct InTheWay {
    start: DateTime<Utc>,
    said: String,
}

/// Extends the meeting `ask` names by `ask.minutes`; `answered` is the attendees' free/busy as
/// the providers gave it (an attendee missing there is unknown, and said so).
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] for zero or too many minutes, an all-day event, something in
/// the added time (naming who or what and the nearest extension that fits);
/// [`crate::ErrorCode::ReadOnly`] for a meeting someone else organises;
/// [`crate::ErrorCode::NotFound`] for an unknown event. Nothing is written then.
pub fn extend(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    ask: &ExtendAsk,
    answered: &[Person],
) -> Result<ExtendView> {
    let m = ask.minutes;
    if m == 0 || m > MAX_DURATION_MIN {
        return Err(ServiceError::Refused(format!(
            "Extend by 1 to {MAX_DURATION_MIN} minutes (for 15 minutes: 15); {m} cannot be used."
        )));
    }
    let d = events::details(store, zone, &ask.uid, ask.occurrence.as_deref(), None)?;
    let title = &d.title;
    if d.all_day {
        return Err(ServiceError::Refused(format!("“{title}” lasts all day: there is no end time to extend.")));
    }
    if let Some(why) = &d.read_only {
        return Err(ServiceError::ReadOnly(why.clone()));
    }
    if let Some(o) = d.organizer.as_ref().filter(|o| !o.is_self && !own_address(store, &o.email)) {
        return Err(ServiceError::ReadOnly(format!(
            "{} organises “{title}”: ask them to extend it.",
            o.name.as_deref().unwrap_or(&o.email)
        )));
    }
    let end = events::instant("end", &d.end)?;
    let added = TimeRange::new(end, end + Duration::minutes(m.into()))?;
    let invited: Vec<String> = d.attendees.iter().map(|a| a.email.trim().to_ascii_lowercase()).collect();
    let mut in_way = Vec::new();
    for span in store.busy_spans(&added)?.into_iter().filter(|s| !s.plan_block && s.start < added.end) {
        let at = span.start.max(end);
        // Guests of this meeting invited to that one too are busy then: name them.
        let both: Vec<String> =
            super::organiser::guests(store, &span.event_id)?.into_iter().filter(|g| invited.contains(g)).collect();
        let with = if both.is_empty() { String::new() } else { format!(", with {} busy in it", both.join(", ")) };
        let said = format!("“{}” on your calendar from {}{with}", span.summary, hm(at, zone));
        in_way.push(InTheWay { start: at, said });
    }
    let mut unknown = Vec::new();
    for a in &d.attendees {
        let email = a.email.trim().to_ascii_lowercase();
        match answered.iter().find(|p| p.email.eq_ignore_ascii_case(&email)) {
            Some(p) if p.unknown.is_none() => {
                if let Some(b) = merged(p.busy.clone()).into_iter().find(|b| b.start < added.end && b.end > added.start)
                {
                    let at = b.start.max(end);
                    in_way.push(InTheWay { start: at, said: format!("{email} is busy from {}", hm(at, zone)) });
                }
            }
            _ => unknown.push(email),
        }
    }
    if let Some(first) = in_way.iter().map(|w| w.start).min() {
        let said: Vec<String> = in_way.iter().map(|w| w.said.clone()).collect();
        let fits = (first - end).num_minutes() / 5 * 5;
        let nearest = if fits > 0 {
            format!("The nearest extension that fits: {fits} min (to {}).", hm(end + Duration::minutes(fits), zone))
        } else {
            "Nothing fits right after it.".to_string()
        };
        return Err(ServiceError::Refused(format!(
            "“{title}” cannot be extended by {m} min: {}. {nearest}",
            said.join("; ")
        )));
    }
    let update = EventUpdate {
        target: EventTarget {
            uid: d.uid.clone(),
            occurrence: d.occurrence.clone(),
            scope: None,
            calendar_id: Some(d.calendar_id.clone()),
        },
        changes: EventChanges { end: Some(added.end.to_rfc3339()), ..EventChanges::default() },
    };
    events::update_event(store, zone, update)?;
    let mut message = format!("“{title}” now ends at {}.", hm(added.end, zone));
    if !unknown.is_empty() {
        message.push_str(&format!(" Nothing is known of {}'s calendar: tell them.", unknown.join(", ")));
    }
    Ok(ExtendView { message, replan: crate::planning::check(store, zone, now, None)? })
}

fn hm(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%H:%M").to_string()
}

/// Whether `email` is one of the user's accounts' addresses.
fn own_address(store: &Store, email: &str) -> bool {
    store.remote_accounts().is_ok_and(|a| {
        a.iter().filter_map(|a| a.username.as_deref()).any(|u| u.trim().eq_ignore_ascii_case(email.trim()))
    })
}
