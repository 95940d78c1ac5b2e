//! Find a time: the ask checked, the organiser's side and the attendees' free/busy merged
//! into a slot query, and the ranked slots with a note for each attendee nothing is known of.

use super::organiser::{expand, hour_set, own_times};
use super::slots::{self, Person, Query, Slot};
use super::types::{self, check_duration, MeetingTypeView};
use crate::error::{Result, ServiceError};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::TimeRange;
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest range asked at once: Graph's `getSchedule` answers 62 days per call (asks are
/// split), and two months is as far as a meeting is usually planned.
pub const MAX_RANGE_DAYS: i64 = 62;

/// What the window's Meetings panel and `miraage-cli meet find` ask.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct FindAsk {
    /// Minutes; null: the meeting type's.
    pub duration_min: Option<u32>,
    /// RFC 3339 instants: the first moment and the end of the range.
    pub from: String,
    pub to: String,
    /// E-mail addresses.
    pub attendees: Vec<String>,
    /// A meeting type by name.
    pub meeting_type: Option<String>,
    /// At most this many slots (default 10).
    pub limit: Option<u32>,
}

/// Slots found, best first, and sentences about what could not be known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FindAnswer {
    pub slots: Vec<Slot>,
    /// "Nothing is known of bo@example.com's calendar: …" — one per attendee not answered.
    pub notes: Vec<String>,
}

/// An ask checked: its range (from now on), duration and meeting type.
#[derive(Debug, Clone)]
pub struct Checked {
    pub range: TimeRange,
    pub duration: Duration,
    pub kind: MeetingTypeView,
    pub attendees: Vec<String>,
}

fn refused(s: String) -> ServiceError {
    ServiceError::Refused(s)
}

/// Whether `s` reads as an e-mail address (one `@`, a dotted domain, no spaces).
pub fn is_address(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\"[]\\".contains(c))
}

/// Attendees' addresses checked, lower case, each once.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] naming the first that is not an address.
pub fn addresses(given: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for a in given {
        let a = a.trim().trim_start_matches("mailto:").to_ascii_lowercase();
        if !is_address(&a) {
            return Err(refused(format!("“{a}” is not an e-mail address: write attendees like ana@example.com.")));
        }
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

/// Checks an ask: addresses, duration (or the type's), a range ahead and not too long.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] with a sentence naming what is wrong;
/// [`crate::ErrorCode::NotFound`] for an unknown meeting type.
pub fn check(store: &Store, now: DateTime<Utc>, ask: &FindAsk) -> Result<Checked> {
    let attendees = addresses(&ask.attendees)?;
    let kind = match &ask.meeting_type {
        Some(name) => types::find(store, name)?,
        None => MeetingTypeView { duration_min: 30, ..MeetingTypeView::default() },
    };
    let minutes = match (ask.duration_min, &ask.meeting_type) {
        (Some(m), _) => m,
        (None, Some(_)) => kind.duration_min,
        (None, None) => return Err(refused("Say how long the meeting is: a duration in minutes, like 30.".into())),
    };
    let duration = Duration::minutes(check_duration(minutes)?.into());
    let from = crate::events::instant("range start", &ask.from)?;
    let to = crate::events::instant("range end", &ask.to)?;
    if to <= from {
        return Err(refused("The range ends before it starts: give an end after the start.".into()));
    }
    if to <= now + duration {
        return Err(refused("That range is over: give a range that is still ahead.".into()));
    }
    if to - from > Duration::days(MAX_RANGE_DAYS) {
        return Err(refused(format!(
            "That range is {} days long: look at most {MAX_RANGE_DAYS} days ahead at once.",
            (to - from).num_days()
        )));
    }
    Ok(Checked { range: TimeRange { start: from.max(now), end: to }, duration, kind, attendees })
}

/// The slot query for a checked ask, with the attendees' free/busy from `answered` (the
/// providers' answers by address; anyone missing is unknown, except where the user's own
/// calendars show them in a meeting).
///
/// # Errors
///
/// Store failures; an unknown hour set in the meeting type.
pub fn query(
    store: &Store,
    zone: Tz,
    c: &Checked,
    answered: &[Person],
    skip: Option<&str>,
) -> Result<(Query, Vec<String>)> {
    let set = hour_set(store, c.kind.hour_set.as_deref())?;
    let own = own_times(store, &c.range, c.kind.may_use_focus, skip)?;
    let mut notes = Vec::new();
    let people = c
        .attendees
        .iter()
        .map(|email| {
            let mut p = answered.iter().find(|p| p.email.eq_ignore_ascii_case(email)).cloned().unwrap_or_else(|| {
                Person {
                    email: email.clone(),
                    unknown: Some("no account of yours can see their calendar".into()),
                    ..Person::default()
                }
            });
            if let Some(why) = &p.unknown {
                notes.push(format!(
                    "Nothing is known of {email}'s calendar ({why}): slots list them as unknown, except where your calendars show them in a meeting."
                ));
            }
            // Their meetings on the user's calendars are known even when the rest is not.
            p.busy.extend(own.attending.get(email).into_iter().flatten().copied());
            p
        })
        .collect();
    let q = Query {
        range: c.range,
        duration: c.duration,
        buffer_before: Duration::minutes(c.kind.buffer_before_min.into()),
        buffer_after: Duration::minutes(c.kind.buffer_after_min.into()),
        step: Duration::minutes(15),
        allowed: expand(&set.windows, zone, &c.range),
        never: own.never,
        avoid: own.avoid,
        people,
        zone,
        limit: 10,
    };
    Ok((q, notes))
}

/// Finds slots for `ask` (see [`slots`] for the ranking).
///
/// # Errors
///
/// As [`check`] and [`query`].
pub fn find(store: &Store, zone: Tz, now: DateTime<Utc>, ask: &FindAsk, answered: &[Person]) -> Result<FindAnswer> {
    let c = check(store, now, ask)?;
    let (mut q, notes) = query(store, zone, &c, answered, None)?;
    q.limit = ask.limit.map_or(10, |l| l.clamp(1, 100) as usize);
    Ok(FindAnswer { slots: slots::find(&q), notes })
}
