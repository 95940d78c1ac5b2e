//! Share availability: the organiser's free times for a meeting type (or a duration) in a
//! range, as text in the recipient's zone and as an iCalendar VFREEBUSY, held on the
//! calendar when asked ([`super::holds`]).

use super::find::{check, FindAsk};
use super::holds::{self, HoldAsk, HoldView};
use super::slots::free_pieces;
use crate::error::Result;
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::TimeRange;
use miraage_store::Store;
use serde::Serialize;
use ts_rs::TS;

/// A free time offered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FreeTime {
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    #[ts(type = "string")]
    pub end: DateTime<Utc>,
}

/// Free times and the text to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ShareView {
    pub free: Vec<FreeTime>,
    /// One line per day in the recipient's zone: "Tue 8 Dec: 10:00–11:30, 14:00–15:00 (Europe/Berlin)".
    pub text: String,
    /// The recipient's zone.
    pub zone: String,
    /// The times held on the calendar (empty unless asked).
    pub held: Vec<HoldView>,
}

/// The organiser's free times (work hours or the type's hour set, less their busy events,
/// focus time, locked and accepted blocks, buffers kept) of at least the duration, with the
/// text in `recipient`'s zone. Attendees in the ask are ignored: this is the user's own.
///
/// # Errors
///
/// As [`super::find::check`].
pub fn share(store: &Store, zone: Tz, now: DateTime<Utc>, ask: &FindAsk, recipient: Tz) -> Result<ShareView> {
    let c = check(store, now, &FindAsk { attendees: Vec::new(), ..ask.clone() })?;
    let (q, _) = super::find::query(store, zone, &c, &[], None)?;
    let free = free_pieces(&q);
    Ok(ShareView {
        text: text(&free, recipient),
        free: free.iter().map(|r| FreeTime { start: r.start, end: r.end }).collect(),
        zone: recipient.name().to_string(),
        held: Vec::new(),
    })
}

/// As [`share`], and with `hold` the free times held on the calendar as tentative busy events
/// ("Held: TITLE", see [`hold_title`]), released together when a meeting is booked in one.
///
/// # Errors
///
/// As [`share`]; for the hold, an unknown or read-only calendar (nothing is held then).
pub fn share_holding(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    ask: &FindAsk,
    recipient: Tz,
    hold: Option<&HoldAsk>,
) -> Result<ShareView> {
    let mut view = share(store, zone, now, ask, recipient)?;
    if let Some(h) = hold {
        let title = hold_title(store, ask, h.title.as_deref())?;
        view.held = holds::hold(store, zone, &view.free, &title, h.calendar.as_deref())?;
    }
    Ok(view)
}

/// What shared times are held as: the title given, else the meeting type's name, else
/// "Meeting".
///
/// # Errors
///
/// [`crate::ErrorCode::NotFound`] for an unknown meeting type.
pub fn hold_title(store: &Store, ask: &FindAsk, given: Option<&str>) -> Result<String> {
    if let Some(t) = given.map(str::trim).filter(|t| !t.is_empty()) {
        return Ok(t.to_string());
    }
    Ok(match &ask.meeting_type {
        Some(name) => super::types::find(store, name)?.name,
        None => "Meeting".to_string(),
    })
}

/// "Tue 8 Dec: 10:00–11:30, 14:00–15:00 (Europe/Berlin)", a line per day of `zone`; a free
/// time across midnight is cut there.
pub fn text(free: &[TimeRange], zone: Tz) -> String {
    let mut days: Vec<(chrono::NaiveDate, Vec<String>)> = Vec::new();
    for r in free {
        let mut start = r.start;
        while start < r.end {
            let day = start.with_timezone(&zone).date_naive();
            let midnight = local_midnight(day + Days::new(1), zone);
            let end = r.end.min(midnight);
            let hm = |t: DateTime<Utc>| {
                if t == midnight {
                    "24:00".to_string()
                } else {
                    t.with_timezone(&zone).format("%H:%M").to_string()
                }
            };
            let piece = format!("{}–{}", hm(start), hm(end));
            match days.last_mut() {
                Some((d, pieces)) if *d == day => pieces.push(piece),
                _ => days.push((day, vec![piece])),
            }
            start = end;
        }
    }
    days.iter()
        .map(|(d, pieces)| format!("{}: {} ({})", d.format("%a %-d %b"), pieces.join(", "), zone.name()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// An iCalendar VFREEBUSY (RFC 5545 §3.6.4) of the free times over `range`, FBTYPE=FREE.
pub fn ics(view: &ShareView, range: &TimeRange, now: DateTime<Utc>) -> String {
    let utc = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Miraage//Meetings//EN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VFREEBUSY".into(),
        format!("UID:free-{}@miraage", now.timestamp()),
        format!("DTSTAMP:{}", utc(now)),
        format!("DTSTART:{}", utc(range.start)),
        format!("DTEND:{}", utc(range.end)),
    ];
    lines.extend(view.free.iter().map(|f| format!("FREEBUSY;FBTYPE=FREE:{}/{}", utc(f.start), utc(f.end))));
    lines.extend(["END:VFREEBUSY".to_string(), "END:VCALENDAR".into()]);
    lines.iter().map(|l| format!("{l}\r\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn text_is_one_line_per_day_in_the_recipients_zone() {
        let t = |d, h, m| Utc.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap();
        let free = [
            TimeRange { start: t(8, 9, 0), end: t(8, 10, 30) },
            TimeRange { start: t(8, 13, 0), end: t(8, 14, 0) },
            TimeRange { start: t(9, 22, 0), end: t(10, 0, 0) },
        ];
        assert_eq!(
            text(&free, Tz::Europe__Berlin),
            "Tue 8 Dec: 10:00–11:30, 14:00–15:00 (Europe/Berlin)\nWed 9 Dec: 23:00–24:00 (Europe/Berlin)\nThu 10 Dec: 00:00–01:00 (Europe/Berlin)"
        );
    }
}
