//! Graph events ↔ domain events.
//!
//! Requests ask for times in UTC (`Prefer: outlook.timezone="UTC"`); the event's own zone
//! comes from `originalStartTimeZone`, which Outlook often spells as a Windows zone name
//! (`W. Europe Standard Time`), resolved to IANA through CLDR. The origin mark and the UID of
//! events Miraage writes travel in single-value extended properties ([`ORIGIN_PROPERTY`],
//! [`UID_PROPERTY`]): Graph assigns its own `iCalUId` to every event it stores.

use super::recurrence;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::zone::resolve_zone;
use miraage_domain::{
    Attendee, AttendeeRole, CalendarId, Event, EventId, EventKind, EventOrigin, EventStatus, EventTime, Organizer,
    Participation, People, Recurrence, RecurrenceId,
};
use serde_json::{json, Value};

/// A named string property in Miraage's own property set (a fixed GUID), holding the
/// `X-MIRAAGE-ORIGIN` value.
pub const ORIGIN_PROPERTY: &str = "String {6d1f7a3e-2b4c-4e8a-9c1d-5a7b3e9f0c21} Name miraageOrigin";

/// The UID of an event Miraage wrote, in the same property set.
pub const UID_PROPERTY: &str = "String {6d1f7a3e-2b4c-4e8a-9c1d-5a7b3e9f0c21} Name miraageUid";

/// The `$expand` that brings both properties along with an event.
pub fn expand_properties() -> String {
    format!("singleValueExtendedProperties($filter=id eq '{ORIGIN_PROPERTY}' or id eq '{UID_PROPERTY}')")
}

fn property<'a>(g: &'a Value, name: &str) -> Option<&'a str> {
    g["singleValueExtendedProperties"]
        .as_array()?
        .iter()
        .find(|p| p["id"].as_str().is_some_and(|id| id.eq_ignore_ascii_case(name)))?["value"]
        .as_str()
}

/// The UID Miraage gave the event, if Miraage wrote it.
pub fn miraage_uid(g: &Value) -> Option<&str> {
    property(g, UID_PROPERTY).filter(|u| !u.is_empty())
}

fn zone(name: Option<&str>) -> Option<Tz> {
    name.filter(|n| !n.is_empty()).and_then(|n| resolve_zone(n).ok())
}

/// A Graph `dateTimeTimeZone` as an instant.
fn instant(v: &Value) -> Result<DateTime<Utc>, String> {
    let text = v["dateTime"].as_str().ok_or("a time without dateTime")?;
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .map_err(|_| format!("invalid dateTime {text:?}"))?;
    let tz = zone(v["timeZone"].as_str()).unwrap_or(Tz::UTC);
    Ok(miraage_domain::time::local_to_utc(naive, tz))
}

fn date(v: &Value) -> Result<NaiveDate, String> {
    let text = v["dateTime"].as_str().ok_or("a time without dateTime")?;
    text.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or_else(|| format!("invalid date {text:?}"))
}

/// The event's own zone: where it was made, else the zone its times are given in.
pub fn event_zone(g: &Value) -> Tz {
    zone(g["originalStartTimeZone"].as_str()).or_else(|| zone(g["start"]["timeZone"].as_str())).unwrap_or(Tz::UTC)
}

pub fn origin(g: &Value) -> EventOrigin {
    property(g, ORIGIN_PROPERTY).map(EventOrigin::from_property).unwrap_or_default()
}

fn time(g: &Value) -> Result<EventTime, String> {
    if g["isAllDay"].as_bool() == Some(true) {
        EventTime::all_day(date(&g["start"])?, date(&g["end"])?).map_err(|e| e.to_string())
    } else {
        EventTime::timed(instant(&g["start"])?, instant(&g["end"])?, event_zone(g)).map_err(|e| e.to_string())
    }
}

/// The domain event of a Graph event: a `singleInstance`, a `seriesMaster` (its cancelled
/// occurrences become EXDATEs) or an `exception` (an override; `uid` is the master's, since
/// Graph gives each instance an iCalUId of its own).
///
/// # Errors
///
/// A short reason when the event cannot be read (a time, zone or recurrence that does not parse);
/// the caller skips it.
pub fn read(g: &Value, uid: &str, calendar: &CalendarId, origin_value: EventOrigin) -> Result<Event, String> {
    let time = time(g)?;
    let kind = match g["type"].as_str() {
        Some("seriesMaster") => {
            let zone = event_zone(g);
            let rule = recurrence::to_rrule(&g["recurrence"], zone, time.is_all_day())?;
            let exdates = g["cancelledOccurrences"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o.as_str())
                .filter_map(|o| cancelled_occurrence(o, &time))
                .collect();
            EventKind::Master { recurrence: Recurrence { rules: vec![rule], rdates: Vec::new(), exdates } }
        }
        Some("exception") | Some("occurrence") => {
            let original = g["originalStart"].as_str().ok_or("an instance without originalStart")?;
            let t = DateTime::parse_from_rfc3339(original)
                .map_err(|_| format!("invalid originalStart {original:?}"))?
                .with_timezone(&Utc);
            let recurrence_id =
                if time.is_all_day() { RecurrenceId::Date(t.date_naive()) } else { RecurrenceId::Instant(t) };
            EventKind::Override { recurrence_id }
        }
        _ => EventKind::Single,
    };
    let status = if g["isCancelled"].as_bool() == Some(true) {
        EventStatus::Cancelled
    } else if g["showAs"].as_str() == Some("tentative") {
        EventStatus::Tentative
    } else {
        EventStatus::Confirmed
    };
    Ok(Event {
        id: EventId::new(),
        calendar_id: calendar.clone(),
        uid: uid.to_string(),
        kind,
        time,
        summary: g["subject"].as_str().unwrap_or_default().to_string(),
        description: g["body"]["content"].as_str().filter(|c| !c.trim().is_empty()).map(str::to_string),
        location: g["location"]["displayName"].as_str().filter(|l| !l.is_empty()).map(str::to_string),
        status,
        busy: !matches!(g["showAs"].as_str(), Some("free" | "workingElsewhere")),
        origin: origin_value,
        people: people(g),
    })
}

/// Organizer and attendees. Outlook lets only the organizer change a meeting: a copy in an
/// attendee's calendar (`isOrganizer` false) is read-only.
fn people(g: &Value) -> People {
    let named = |v: &Value| {
        let address = v["emailAddress"]["address"].as_str().unwrap_or_default().to_string();
        let name = v["emailAddress"]["name"].as_str().filter(|n| !n.is_empty() && *n != address).map(str::to_string);
        (name, address)
    };
    let is_organizer = g["isOrganizer"].as_bool().unwrap_or(true);
    let organizer = Some(named(&g["organizer"]))
        .filter(|(_, email)| !email.is_empty())
        .map(|(name, email)| Organizer { name, email, is_self: is_organizer });
    let attendees = g["attendees"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let (name, email) = named(a);
            let role = match a["type"].as_str() {
                Some("optional") => AttendeeRole::Optional,
                Some("resource") => AttendeeRole::Resource,
                _ => AttendeeRole::Required,
            };
            let status = match a["status"]["response"].as_str() {
                Some("accepted" | "organizer") => Participation::Accepted,
                Some("declined") => Participation::Declined,
                Some("tentativelyAccepted") => Participation::Tentative,
                _ => Participation::NeedsAction,
            };
            Attendee { name, email, role, status, is_self: false }
        })
        .filter(|a| !a.email.is_empty())
        .collect();
    People { organizer, attendees, guest_copy: !is_organizer }
}

/// The attendees as Graph takes them on create (a PATCH without them keeps the stored ones
/// and their answers).
pub fn write_attendees(e: &Event) -> Value {
    e.people
        .attendees
        .iter()
        .map(|a| {
            let kind = match a.role {
                AttendeeRole::Optional | AttendeeRole::NonParticipant => "optional",
                AttendeeRole::Resource => "resource",
                AttendeeRole::Required | AttendeeRole::Chair => "required",
            };
            let mut address = json!({"address": a.email});
            if let Some(name) = &a.name {
                address["name"] = name.clone().into();
            }
            json!({"emailAddress": address, "type": kind})
        })
        .collect()
}

/// An occurrence id of a cancelled instance, `OID.<master id>.<yyyy-mm-dd>`: the instance on
/// that local date at the master's time of day.
fn cancelled_occurrence(occurrence_id: &str, master: &EventTime) -> Option<RecurrenceId> {
    let day = NaiveDate::parse_from_str(occurrence_id.rsplit('.').next()?, "%Y-%m-%d").ok()?;
    Some(match *master {
        EventTime::AllDay { .. } => RecurrenceId::Date(day),
        EventTime::Timed { start, zone, .. } => {
            let local_time = start.with_timezone(&zone).time();
            RecurrenceId::Instant(miraage_domain::time::local_to_utc(day.and_time(local_time), zone))
        }
    })
}

fn wire_time(t: &EventTime) -> (Value, Value, bool) {
    match *t {
        EventTime::AllDay { start, end } => (
            json!({"dateTime": format!("{start}T00:00:00"), "timeZone": "UTC"}),
            json!({"dateTime": format!("{end}T00:00:00"), "timeZone": "UTC"}),
            true,
        ),
        EventTime::Timed { start, end, zone } => {
            let local = |t: DateTime<Utc>| t.with_timezone(&zone).format("%Y-%m-%dT%H:%M:%S").to_string();
            (
                json!({"dateTime": local(start), "timeZone": zone.name()}),
                json!({"dateTime": local(end), "timeZone": zone.name()}),
                false,
            )
        }
    }
}

/// The Graph body of a master, one-off event or exception. Only Miraage's fields: a PATCH
/// leaves attendees, reminders and online meetings as they are.
///
/// # Errors
///
/// A short reason when a series cannot be written as Graph's recurrence (more than one rule,
/// RDATEs, a rule of a shape Graph has not).
pub fn write(e: &Event) -> Result<Value, String> {
    let (start, end, all_day) = wire_time(&e.time);
    let mut body = json!({
        "subject": e.summary,
        "body": {"contentType": "text", "content": e.description.clone().unwrap_or_default()},
        "start": start, "end": end, "isAllDay": all_day,
        "location": {"displayName": e.location.clone().unwrap_or_default()},
        "showAs": if !e.busy { "free" } else if e.status == EventStatus::Tentative { "tentative" } else { "busy" },
    });
    let mut properties = vec![json!({"id": UID_PROPERTY, "value": e.uid})];
    if let Some(origin) = e.origin.to_property() {
        properties.push(json!({"id": ORIGIN_PROPERTY, "value": origin}));
    }
    body["singleValueExtendedProperties"] = properties.into();
    if let Some(r) = e.recurrence() {
        if r.rules.len() != 1 || !r.rdates.is_empty() {
            return Err("Graph series have exactly one rule and no RDATEs".into());
        }
        let (first_day, zone) = match e.time {
            EventTime::AllDay { start, .. } => (start, Tz::UTC),
            EventTime::Timed { start, zone, .. } => (start.with_timezone(&zone).date_naive(), zone),
        };
        let rule = match e.time {
            EventTime::Timed { start, zone, .. } => until_as_last_day(&r.rules[0], start, zone),
            EventTime::AllDay { .. } => r.rules[0].clone(),
        };
        body["recurrence"] = recurrence::from_rrule(&rule, first_day, zone)?;
    }
    Ok(body)
}

/// A UTC UNTIL as the last local date an instance can fall on: Graph's `endDate` includes
/// the whole day, so an UNTIL just before a day's instance (a series ended at "this and
/// following") must end on the day before, not on that day.
fn until_as_last_day(rule: &str, start: DateTime<Utc>, zone: Tz) -> String {
    let parts: Vec<String> = rule
        .split(';')
        .map(|p| {
            let Some(value) = p.strip_prefix("UNTIL=").filter(|v| v.len() > 8) else { return p.to_string() };
            let Ok(until) = NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y%m%dT%H%M%S") else {
                return p.to_string();
            };
            let until = until.and_utc().with_timezone(&zone);
            let day = if until.time() < start.with_timezone(&zone).time() {
                until.date_naive() - chrono::Duration::days(1)
            } else {
                until.date_naive()
            };
            format!("UNTIL={}", day.format("%Y%m%d"))
        })
        .collect();
    parts.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_ended_just_before_an_instance_ends_on_the_day_before_in_graph() {
        let start: DateTime<Utc> = "2026-11-02T08:00:00Z".parse().unwrap();
        let time = EventTime::timed(start, start + chrono::Duration::minutes(15), Tz::Europe__Berlin).unwrap();
        let mut e = Event::created_in_miraage(CalendarId::from_string("c"), "Standup", time);
        let mut until = |rule: &str| {
            e.kind = EventKind::Master { recurrence: Recurrence { rules: vec![rule.into()], ..Recurrence::default() } };
            write(&e).unwrap()["recurrence"]["range"]["endDate"].clone()
        };
        // "This and following" from Monday 30 November 09:00 (08:00 UTC).
        assert_eq!(until("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261130T075959Z"), "2026-11-29");
        // An UNTIL at or after the day's instance keeps that day.
        assert_eq!(until("FREQ=WEEKLY;BYDAY=MO;UNTIL=20261130T225959Z"), "2026-11-30");
    }

    #[test]
    fn windows_zones_utc_times_and_origins_are_read() {
        let g = json!({"id": "AAMkAGI1", "type": "singleInstance", "subject": "Review", "isAllDay": false,
            "start": {"dateTime": "2026-11-23T08:00:00.0000000", "timeZone": "UTC"},
            "end": {"dateTime": "2026-11-23T09:00:00.0000000", "timeZone": "UTC"},
            "originalStartTimeZone": "W. Europe Standard Time", "showAs": "busy",
            "singleValueExtendedProperties": [{"id": ORIGIN_PROPERTY, "value": "miraage"}]});
        let e = read(&g, "uid-1", &CalendarId::from_string("c"), origin(&g)).unwrap();
        assert_eq!(e.time.zone(), Some(Tz::Europe__Berlin));
        assert!(matches!(e.time, EventTime::Timed { start, .. } if start.to_rfc3339() == "2026-11-23T08:00:00+00:00"));
        assert_eq!(e.origin, EventOrigin::Miraage);
        let back = write(&e).unwrap();
        assert_eq!(back["start"], json!({"dateTime": "2026-11-23T09:00:00", "timeZone": "Europe/Berlin"}));
    }

    #[test]
    fn cancelled_occurrences_become_exdates_at_the_series_time() {
        let g = json!({"id": "M", "type": "seriesMaster", "subject": "Standup", "isAllDay": false,
            "start": {"dateTime": "2026-11-23T08:00:00.0000000", "timeZone": "UTC"},
            "end": {"dateTime": "2026-11-23T08:15:00.0000000", "timeZone": "UTC"},
            "originalStartTimeZone": "W. Europe Standard Time",
            "recurrence": {"pattern": {"type": "daily", "interval": 1}, "range": {"type": "noEnd", "startDate": "2026-11-23"}},
            "cancelledOccurrences": ["OID.M.2026-11-25"]});
        let e = read(&g, "u", &CalendarId::from_string("c"), EventOrigin::External).unwrap();
        let r = e.recurrence().unwrap();
        assert_eq!(r.rules, ["FREQ=DAILY;INTERVAL=1"]);
        assert_eq!(r.exdates, [RecurrenceId::Instant("2026-11-25T08:00:00Z".parse().unwrap())]);
    }
}
