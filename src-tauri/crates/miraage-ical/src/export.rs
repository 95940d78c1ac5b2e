//! Writing events and tasks as an iCalendar text.

use crate::vtimezone::vtimezone_text;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, EventLike, Property};
use miraage_domain::{Due, Event, EventKind, EventStatus, EventTime, RecurrenceId, Task, TaskStatus};
use std::collections::BTreeSet;

const PRODID: &str = "-//Miraage//Miraage Planner//EN";

fn utc_value(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn date_value(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A DATE-TIME in the event's own zone (UTC stays UTC with a `Z`), or a DATE.
fn time_prop(key: &str, t: DateTime<Utc>, zone: Tz) -> Property {
    if zone == Tz::UTC {
        return Property::new(key, utc_value(t));
    }
    let local = t.with_timezone(&zone).format("%Y%m%dT%H%M%S").to_string();
    Property::new(key, local).add_parameter("TZID", zone.name()).done()
}

fn date_prop(key: &str, d: NaiveDate) -> Property {
    Property::new(key, date_value(d)).add_parameter("VALUE", "DATE").done()
}

fn id_prop(key: &str, ids: &[RecurrenceId], time: &EventTime) -> Option<Property> {
    if ids.is_empty() {
        return None;
    }
    Some(match time {
        EventTime::AllDay { .. } => {
            let values: Vec<String> = ids
                .iter()
                .map(|id| match id {
                    RecurrenceId::Date(d) => date_value(*d),
                    RecurrenceId::Instant(t) => date_value(t.date_naive()),
                })
                .collect();
            Property::new(key, values.join(",")).add_parameter("VALUE", "DATE").done()
        }
        EventTime::Timed { zone, .. } => {
            let values: Vec<String> = ids
                .iter()
                .map(|id| match id {
                    RecurrenceId::Instant(t) if *zone == Tz::UTC => utc_value(*t),
                    RecurrenceId::Instant(t) => t.with_timezone(zone).format("%Y%m%dT%H%M%S").to_string(),
                    RecurrenceId::Date(d) => format!("{}T000000", date_value(*d)),
                })
                .collect();
            let mut p = Property::new(key, values.join(","));
            if *zone != Tz::UTC {
                p.add_parameter("TZID", zone.name());
            }
            p
        }
    })
}

fn event_component(e: &Event, stamp: DateTime<Utc>) -> icalendar::Event {
    let mut c = icalendar::Event::new();
    c.uid(&e.uid).summary(&e.summary).append_property(Property::new("DTSTAMP", utc_value(stamp)));
    match e.time {
        EventTime::Timed { start, end, zone } => {
            c.append_property(time_prop("DTSTART", start, zone));
            c.append_property(time_prop("DTEND", end, zone));
        }
        EventTime::AllDay { start, end } => {
            c.append_property(date_prop("DTSTART", start));
            c.append_property(date_prop("DTEND", end));
        }
    }
    match &e.kind {
        EventKind::Single => {}
        EventKind::Master { recurrence } => {
            for rule in &recurrence.rules {
                c.append_multi_property(Property::new("RRULE", rule.as_str()));
            }
            if let Some(p) = id_prop("RDATE", &recurrence.rdates, &e.time) {
                c.append_property(p);
            }
            if let Some(p) = id_prop("EXDATE", &recurrence.exdates, &e.time) {
                c.append_property(p);
            }
        }
        EventKind::Override { recurrence_id } => {
            if let Some(p) = id_prop("RECURRENCE-ID", std::slice::from_ref(recurrence_id), &e.time) {
                c.append_property(p);
            }
        }
    }
    if let Some(d) = &e.description {
        c.description(d);
    }
    if let Some(l) = &e.location {
        c.location(l);
    }
    c.status(match e.status {
        EventStatus::Confirmed => icalendar::EventStatus::Confirmed,
        EventStatus::Tentative => icalendar::EventStatus::Tentative,
        EventStatus::Cancelled => icalendar::EventStatus::Cancelled,
    });
    if let Some(origin) = e.origin.to_property() {
        c.add_property("X-MIRAAGE-ORIGIN", origin);
    }
    if !e.busy {
        c.add_property("TRANSP", "TRANSPARENT");
    }
    for p in crate::people::people_properties(&e.people) {
        c.append_multi_property(p);
    }
    c.done()
}

fn text_x(key: &str, value: &str) -> Property {
    Property::new(key, value).add_parameter("VALUE", "TEXT").done()
}

fn todo_component(
    t: &Task,
    stamp: DateTime<Utc>,
    uid_of: &dyn Fn(&miraage_domain::TaskId) -> Option<String>,
) -> icalendar::Todo {
    let mut c = icalendar::Todo::new();
    c.uid(&t.uid).summary(&t.title).append_property(Property::new("DTSTAMP", utc_value(stamp)));
    if let Some(n) = &t.notes {
        c.description(n);
    }
    match t.due {
        Some(Due::Date(d)) => {
            c.append_property(date_prop("DUE", d));
        }
        Some(Due::Instant(i)) => {
            c.append_property(Property::new("DUE", utc_value(i)));
        }
        None => {}
    }
    if let Some(s) = t.earliest_start {
        c.append_property(Property::new("DTSTART", utc_value(s)));
    }
    c.add_property("PRIORITY", t.priority.to_ical().to_string());
    c.add_property("X-MIRAAGE-PRIORITY", t.priority.get().to_string());
    c.status(match t.status {
        TaskStatus::NeedsAction => icalendar::TodoStatus::NeedsAction,
        TaskStatus::InProgress => icalendar::TodoStatus::InProcess,
        TaskStatus::Completed => icalendar::TodoStatus::Completed,
        TaskStatus::Cancelled => icalendar::TodoStatus::Cancelled,
    });
    if let Some(done) = t.completed_at {
        c.append_property(Property::new("COMPLETED", utc_value(done)));
    }
    if let Some(m) = t.estimate_min {
        c.add_property("X-MIRAAGE-ESTIMATE", m.to_string());
        c.add_property("ESTIMATED-DURATION", format!("PT{}M", m));
    }
    if let Some(p) = &t.project {
        c.append_property(text_x("X-MIRAAGE-PROJECT", p));
    }
    if t.hard_due {
        c.add_property("X-MIRAAGE-HARD-DUE", "TRUE");
    }
    if let Some(ch) = t.chunking {
        c.add_property("X-MIRAAGE-CHUNKS", format!("{}-{}", ch.min_minutes(), ch.max_minutes()));
    }
    if !t.tags.is_empty() {
        let escaped: Vec<String> =
            t.tags.iter().map(|s| s.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;")).collect();
        c.append_property(Property::new("CATEGORIES", escaped.join(",")));
    }
    for dep in &t.depends_on {
        if let Some(uid) = uid_of(dep) {
            c.append_multi_property(Property::new("RELATED-TO", uid).add_parameter("RELTYPE", "DEPENDS-ON").done());
        }
    }
    c.done()
}

/// An iCalendar text of `events` and `tasks`, with a VTIMEZONE for every zone the events use
/// (covering the years they span), named `name` (X-WR-CALNAME).
pub fn export_ics(name: &str, events: &[Event], tasks: &[Task]) -> String {
    let stamp = Utc::now();
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", PRODID));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(text_x("X-WR-CALNAME", name));

    for e in events {
        cal.push(event_component(e, stamp));
    }
    let uid_of = |id: &miraage_domain::TaskId| tasks.iter().find(|t| &t.id == id).map(|t| t.uid.clone());
    for t in tasks {
        cal.push(todo_component(t, stamp, &uid_of));
    }
    let text = cal.to_string();

    // VTIMEZONEs are spliced in as text: the builder would give them a UID and a DTSTAMP,
    // which RFC 5545 does not allow there.
    let zones: BTreeSet<&str> =
        events.iter().filter_map(|e| e.time.zone()).filter(|z| *z != Tz::UTC).map(|z| z.name()).collect();
    if zones.is_empty() {
        return text;
    }
    let years = events.iter().map(|e| e.time.index_bounds().0.date_naive().year());
    let (first, last) = years.fold((i32::MAX, i32::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    let last = last.max(Utc::now().date_naive().year()) + 1;
    let definitions: String = zones
        .iter()
        .map(|zone| vtimezone_text(zone.parse().expect("zones come from chrono-tz"), first, last))
        .collect();
    let at =
        text.find("\r\nBEGIN:").map(|i| i + 2).unwrap_or_else(|| text.rfind("END:VCALENDAR").unwrap_or(text.len()));
    format!("{}{}{}", &text[..at], definitions, &text[at..])
}
