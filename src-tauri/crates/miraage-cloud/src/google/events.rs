//! Google Calendar events ↔ domain events.
//!
//! Google keeps a recurring series as a master (with `recurrence` lines: RRULE, EXDATE,
//! RDATE) and each changed or cancelled instance as an event of its own that names the
//! master (`recurringEventId`) and its original start (`originalStartTime`). A cancelled
//! instance carries little more than that.

use super::wire;
use crate::origin::ORIGIN_KEY;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::time::{format_instant, local_to_utc};
use miraage_domain::zone::resolve_zone;
use miraage_domain::{
    Attendee, AttendeeRole, CalendarId, Event, EventId, EventKind, EventOrigin, EventStatus, EventTime, Organizer,
    Participation, People, Recurrence, RecurrenceId,
};
use std::collections::BTreeMap;

/// The domain event of a Google event (master, one-off, exception or cancelled instance).
/// `calendar_zone` reads times without a zone; `calendar` fills `Event::calendar_id`.
///
/// # Errors
///
/// A short reason when the event cannot be read (an instance without its original start, a time or
/// zone that does not parse, a bad rule); the caller skips it.
pub fn read(g: &wire::Event, calendar: &CalendarId, calendar_zone: Tz) -> Result<Event, String> {
    let status = match g.status.as_deref() {
        Some("cancelled") => EventStatus::Cancelled,
        Some("tentative") => EventStatus::Tentative,
        _ => EventStatus::Confirmed,
    };
    let kind = match (&g.recurring_event_id, &g.recurrence) {
        (Some(_), _) => {
            let original = g.original_start_time.as_ref().ok_or("an instance without originalStartTime")?;
            EventKind::Override { recurrence_id: recurrence_id(original)? }
        }
        (None, Some(lines)) if !lines.is_empty() => {
            let zone = g
                .start
                .as_ref()
                .and_then(|s| s.time_zone.as_deref())
                .map(zone_of)
                .transpose()?
                .unwrap_or(calendar_zone);
            EventKind::Master { recurrence: recurrence(lines, zone)? }
        }
        _ => EventKind::Single,
    };
    let time = match (&g.start, &g.end, &kind) {
        (Some(s), Some(e), _) => event_time(s, e, calendar_zone)?,
        // A cancelled instance has only its original start.
        (None, _, EventKind::Override { recurrence_id }) => match *recurrence_id {
            RecurrenceId::Instant(t) => EventTime::timed(t, t, calendar_zone).map_err(|e| e.to_string())?,
            RecurrenceId::Date(d) => {
                EventTime::all_day(d, d.succ_opt().ok_or("date out of range")?).map_err(|e| e.to_string())?
            }
        },
        _ => return Err("an event without start and end".into()),
    };
    let origin = g
        .extended_properties
        .as_ref()
        .and_then(|p| p.private.get(ORIGIN_KEY))
        .map(|v| EventOrigin::from_property(v))
        .unwrap_or_default();
    Ok(Event {
        id: EventId::new(),
        calendar_id: calendar.clone(),
        uid: g.ical_uid.clone().or_else(|| g.recurring_event_id.clone()).unwrap_or_else(|| g.id.clone()),
        kind,
        time,
        summary: g.summary.clone().unwrap_or_default(),
        description: g.description.clone().filter(|d| !d.is_empty()),
        location: g.location.clone().filter(|l| !l.is_empty()),
        status,
        busy: g.transparency.as_deref() != Some("transparent"),
        origin,
        people: people(g),
    })
}

/// Organizer and attendees. Google lets a guest change the event only when the organizer
/// allows it (`guestsCanModify`); `organizer.self` says this calendar is the organizer's.
fn people(g: &wire::Event) -> People {
    let organizer = g.organizer.as_ref().filter(|o| !o.email.is_empty()).map(|o| Organizer {
        name: o.display_name.clone().filter(|n| !n.is_empty()),
        email: o.email.clone(),
        is_self: o.is_self,
    });
    let attendees = g
        .attendees
        .iter()
        .filter(|a| !a.email.is_empty())
        .map(|a| Attendee {
            name: a.display_name.clone().filter(|n| !n.is_empty()),
            email: a.email.clone(),
            role: if a.resource {
                AttendeeRole::Resource
            } else if a.optional {
                AttendeeRole::Optional
            } else {
                AttendeeRole::Required
            },
            status: match a.response_status.as_deref() {
                Some("accepted") => Participation::Accepted,
                Some("declined") => Participation::Declined,
                Some("tentative") => Participation::Tentative,
                _ => Participation::NeedsAction,
            },
            is_self: a.is_self,
        })
        .collect();
    let guest_copy = organizer.as_ref().is_some_and(|o| !o.is_self) && !g.guests_can_modify.unwrap_or(false);
    People { organizer, attendees, guest_copy }
}

/// The attendees as Google takes them on insert (a PATCH leaves the stored ones as they are).
pub fn write_attendees(e: &Event) -> Vec<wire::Attendee> {
    e.people
        .attendees
        .iter()
        .map(|a| wire::Attendee {
            email: a.email.clone(),
            display_name: a.name.clone(),
            optional: a.role == AttendeeRole::Optional,
            resource: a.role == AttendeeRole::Resource,
            response_status: Some(
                match a.status {
                    Participation::Accepted => "accepted",
                    Participation::Declined => "declined",
                    Participation::Tentative => "tentative",
                    Participation::NeedsAction | Participation::Delegated => "needsAction",
                }
                .into(),
            ),
            is_self: false,
        })
        .collect()
}

fn zone_of(name: &str) -> Result<Tz, String> {
    resolve_zone(name).map_err(|e| e.to_string())
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("invalid date {s:?}"))
}

fn parse_instant(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|_| format!("invalid dateTime {s:?}"))
}

fn event_time(start: &wire::EventTime, end: &wire::EventTime, calendar_zone: Tz) -> Result<EventTime, String> {
    match (&start.date, &start.date_time, &end.date, &end.date_time) {
        (Some(s), _, Some(e), _) => EventTime::all_day(parse_date(s)?, parse_date(e)?).map_err(|e| e.to_string()),
        (_, Some(s), _, Some(e)) => {
            let zone = start.time_zone.as_deref().map(zone_of).transpose()?.unwrap_or(calendar_zone);
            EventTime::timed(parse_instant(s)?, parse_instant(e)?, zone).map_err(|e| e.to_string())
        }
        _ => Err("start and end are neither both dates nor both dateTimes".into()),
    }
}

fn recurrence_id(original: &wire::EventTime) -> Result<RecurrenceId, String> {
    match (&original.date, &original.date_time) {
        (Some(d), _) => Ok(RecurrenceId::Date(parse_date(d)?)),
        (_, Some(t)) => Ok(RecurrenceId::Instant(parse_instant(t)?)),
        _ => Err("originalStartTime without date or dateTime".into()),
    }
}

/// RRULE, EXDATE and RDATE lines (RFC 5545 syntax, as Google stores them).
fn recurrence(lines: &[String], zone: Tz) -> Result<Recurrence, String> {
    let mut r = Recurrence::default();
    for line in lines {
        let (head, value) = line.split_once(':').ok_or_else(|| format!("invalid recurrence line {line:?}"))?;
        let mut params = head.split(';');
        let name = params.next().unwrap_or_default().to_ascii_uppercase();
        let mut tzid = None;
        for p in params {
            if let Some(z) = p.strip_prefix("TZID=") {
                tzid = Some(zone_of(z)?);
            }
        }
        match name.as_str() {
            "RRULE" => r.rules.push(value.to_string()),
            "EXDATE" | "RDATE" => {
                for v in value.split(',') {
                    let id = ical_value(v.trim(), tzid.unwrap_or(zone))?;
                    if name == "EXDATE" {
                        r.exdates.push(id)
                    } else {
                        r.rdates.push(id)
                    }
                }
            }
            // EXRULE is deprecated; unknown lines are not Miraage's to keep.
            _ => {}
        }
    }
    Ok(r)
}

/// An iCalendar DATE or DATE-TIME (UTC with `Z`, else local in `zone`).
fn ical_value(v: &str, zone: Tz) -> Result<RecurrenceId, String> {
    if v.len() == 8 {
        return NaiveDate::parse_from_str(v, "%Y%m%d")
            .map(RecurrenceId::Date)
            .map_err(|_| format!("invalid date {v:?}"));
    }
    if let Some(utc) = v.strip_suffix('Z') {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| format!("invalid date-time {v:?}"))?;
        return Ok(RecurrenceId::Instant(t.and_utc()));
    }
    let t = NaiveDateTime::parse_from_str(v, "%Y%m%dT%H%M%S").map_err(|_| format!("invalid date-time {v:?}"))?;
    Ok(RecurrenceId::Instant(local_to_utc(t, zone)))
}

fn wire_time(time: &EventTime) -> (wire::EventTime, wire::EventTime) {
    match *time {
        EventTime::AllDay { start, end } => (
            wire::EventTime { date: Some(start.to_string()), ..Default::default() },
            wire::EventTime { date: Some(end.to_string()), ..Default::default() },
        ),
        EventTime::Timed { start, end, zone } => (
            wire::EventTime {
                date_time: Some(format_instant(start)),
                time_zone: Some(zone.name().into()),
                ..Default::default()
            },
            wire::EventTime {
                date_time: Some(format_instant(end)),
                time_zone: Some(zone.name().into()),
                ..Default::default()
            },
        ),
    }
}

fn recurrence_lines(r: &Recurrence, time: &EventTime) -> Vec<String> {
    let mut lines: Vec<String> = r.rules.iter().map(|rule| format!("RRULE:{rule}")).collect();
    let value = |id: &RecurrenceId| match (id, time.zone()) {
        (RecurrenceId::Date(d), _) => format!(";VALUE=DATE:{}", d.format("%Y%m%d")),
        (RecurrenceId::Instant(t), Some(zone)) => {
            format!(";TZID={}:{}", zone.name(), t.with_timezone(&zone).format("%Y%m%dT%H%M%S"))
        }
        (RecurrenceId::Instant(t), None) => format!(":{}", t.format("%Y%m%dT%H%M%SZ")),
    };
    lines.extend(r.exdates.iter().map(|d| format!("EXDATE{}", value(d))));
    lines.extend(r.rdates.iter().map(|d| format!("RDATE{}", value(d))));
    lines
}

/// The Google resource for a master, one-off event or exception. Fields Miraage does not
/// model (attendees, reminders, conferencing) are absent, so a PATCH leaves them as they are.
pub fn write(e: &Event) -> wire::Event {
    let (start, end) = wire_time(&e.time);
    let mut private = BTreeMap::new();
    if let Some(origin) = e.origin.to_property() {
        private.insert(ORIGIN_KEY.to_string(), origin);
    }
    wire::Event {
        status: Some(e.status.as_str().into()),
        summary: Some(e.summary.clone()),
        description: Some(e.description.clone().unwrap_or_default()),
        location: Some(e.location.clone().unwrap_or_default()),
        start: Some(start),
        end: Some(end),
        recurrence: e.recurrence().map(|r| recurrence_lines(r, &e.time)),
        transparency: Some(if e.busy { "opaque" } else { "transparent" }.into()),
        extended_properties: (!private.is_empty()).then_some(wire::ExtendedProperties { private }),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal() -> CalendarId {
        CalendarId::from_string("c")
    }

    #[test]
    fn a_recurring_master_reads_its_rule_and_zoned_exdates() {
        let g: wire::Event = serde_json::from_value(serde_json::json!({
            "id": "m1", "iCalUID": "m1@google.com", "status": "confirmed", "summary": "Standup",
            "start": {"dateTime": "2026-11-23T09:00:00+01:00", "timeZone": "Europe/Berlin"},
            "end": {"dateTime": "2026-11-23T09:15:00+01:00", "timeZone": "Europe/Berlin"},
            "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "EXDATE;TZID=Europe/Berlin:20261125T090000"]
        }))
        .unwrap();
        let e = read(&g, &cal(), Tz::UTC).unwrap();
        let r = e.recurrence().unwrap();
        assert_eq!(r.rules, ["FREQ=WEEKLY;BYDAY=MO,WE"]);
        assert_eq!(r.exdates, [RecurrenceId::Instant("2026-11-25T08:00:00Z".parse().unwrap())]);
        assert_eq!(e.time.zone(), Some(Tz::Europe__Berlin));
        // Written back, the lines say the same thing.
        let back = write(&e);
        assert_eq!(
            back.recurrence.unwrap(),
            ["RRULE:FREQ=WEEKLY;BYDAY=MO,WE", "EXDATE;TZID=Europe/Berlin:20261125T090000"]
        );
    }

    #[test]
    fn a_cancelled_instance_becomes_a_cancelled_override() {
        let g: wire::Event = serde_json::from_value(serde_json::json!({
            "id": "m1_20261130T080000Z", "status": "cancelled", "recurringEventId": "m1",
            "originalStartTime": {"dateTime": "2026-11-30T09:00:00+01:00", "timeZone": "Europe/Berlin"}
        }))
        .unwrap();
        let e = read(&g, &cal(), Tz::Europe__Berlin).unwrap();
        assert_eq!(e.status, EventStatus::Cancelled);
        assert_eq!(e.uid, "m1");
        assert_eq!(e.recurrence_id(), Some(RecurrenceId::Instant("2026-11-30T08:00:00Z".parse().unwrap())));
    }

    #[test]
    fn all_day_events_and_origins_round_trip() {
        let mut e = Event::created_in_miraage(
            cal(),
            "Offsite",
            EventTime::all_day("2026-12-01".parse().unwrap(), "2026-12-03".parse().unwrap()).unwrap(),
        );
        e.origin = EventOrigin::PlanBlock { task_uid: "t1@miraage".into() };
        e.busy = false;
        let mut g = write(&e);
        g.id = "x".into();
        g.ical_uid = Some(e.uid.clone());
        let back = read(&g, &cal(), Tz::UTC).unwrap();
        assert_eq!(back.time, e.time);
        assert_eq!(back.origin, e.origin);
        assert!(!back.busy);
        assert_eq!(back.uid, e.uid);
    }
}
