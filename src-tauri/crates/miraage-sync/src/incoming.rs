//! Reading a fetched calendar object into domain events, ready for the store.
//!
//! A CalDAV resource holds one UID: a one-off event, or a master with its overrides
//! (RFC 4791 §4.1). The engine replaces every local row of that UID with what is read here,
//! so overrides removed on the server disappear locally too. Event ids are fresh: rows are
//! matched by (calendar, UID, recurrence id), not by id.

use crate::error::{Result, SyncError};
use crate::caldav::RemoteItem;
use chrono_tz::Tz;
use miraage_domain::{CalendarId, Event, TaskListId};
use miraage_ical::{parse_ics, ImportOptions};

/// The events of one remote item.
#[derive(Debug, Clone)]
pub struct IncomingItem {
    pub href: String,
    pub etag: String,
    pub uid: String,
    /// The master or one-off event first, then overrides.
    pub events: Vec<Event>,
    /// What was read but not kept (a component that could not be mapped, tasks).
    pub notes: Vec<String>,
}

/// Parses `item` for `calendar`; floating times are read in `default_zone`. An item without
/// any usable event, or with more than one UID, is a `BadItem`.
pub fn read_item(item: &RemoteItem, calendar: &CalendarId, default_zone: Tz) -> Result<IncomingItem> {
    let bad = |reason: String| SyncError::BadItem { href: item.href.clone(), reason };
    // Tasks are not synced yet; they are parsed (and dropped) against a throwaway list.
    let opts = ImportOptions { calendar_id: calendar.clone(), task_list_id: TaskListId::new(), default_zone };
    let parsed = parse_ics(&item.ics, &item.href, &opts).map_err(|e| bad(e.to_string()))?;
    let mut notes: Vec<String> = parsed.skipped.iter().map(ToString::to_string).collect();
    notes.extend(parsed.notes);
    if !parsed.tasks.is_empty() {
        notes.push(format!("{} task(s) not synced", parsed.tasks.len()));
    }
    let mut events = parsed.events;
    let Some(first) = events.first() else {
        let why = if notes.is_empty() { "no event in it".to_string() } else { notes.join("; ") };
        return Err(bad(format!("no usable event: {why}")));
    };
    let uid = first.uid.clone();
    if let Some(other) = events.iter().find(|e| e.uid != uid) {
        return Err(bad(format!("holds two UIDs ({uid:?} and {:?}); a CalDAV item must hold one", other.uid)));
    }
    // Overrides after their master, so that a store writing in order sees the series first.
    events.sort_by_key(|e| e.recurrence_id().is_some());
    Ok(IncomingItem { href: item.href.clone(), etag: item.etag.clone(), uid, events, notes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use miraage_domain::EventKind;

    fn item(ics: &str) -> RemoteItem {
        RemoteItem { href: "/c/x.ics".into(), etag: "\"1\"".into(), ics: ics.into() }
    }

    fn vevent(uid: &str, extra: &str) -> String {
        format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\nSUMMARY:S\r\n{extra}END:VEVENT\r\n")
    }

    fn calendar(body: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n")
    }

    #[test]
    fn a_series_is_read_master_first() {
        let ics = calendar(&format!(
            "{}{}",
            vevent("s", "RECURRENCE-ID:20260309T090000Z\r\n"),
            vevent("s", "RRULE:FREQ=WEEKLY;COUNT=3\r\n")
        ));
        let cal = CalendarId::new();
        let read = read_item(&item(&ics), &cal, chrono_tz::UTC).unwrap();
        assert_eq!(read.uid, "s");
        assert_eq!((read.href.as_str(), read.etag.as_str()), ("/c/x.ics", "\"1\""));
        assert!(matches!(read.events[0].kind, EventKind::Master { .. }));
        assert!(matches!(read.events[1].kind, EventKind::Override { .. }));
        assert!(read.events.iter().all(|e| e.calendar_id == cal));
        assert!(read.notes.is_empty(), "{:?}", read.notes);
    }

    #[test]
    fn two_uids_or_no_event_are_bad_items() {
        let two = calendar(&format!("{}{}", vevent("a", ""), vevent("b", "")));
        let err = read_item(&item(&two), &CalendarId::new(), chrono_tz::UTC).unwrap_err();
        assert!(matches!(&err, SyncError::BadItem { href, reason } if href == "/c/x.ics" && reason.contains("two UIDs")), "{err:?}");

        let todo = calendar("BEGIN:VTODO\r\nUID:t\r\nDTSTAMP:20260301T000000Z\r\nSUMMARY:T\r\nEND:VTODO\r\n");
        let err = read_item(&item(&todo), &CalendarId::new(), chrono_tz::UTC).unwrap_err();
        assert!(err.to_string().contains("task(s) not synced"), "{err}");

        let err = read_item(&item("not a calendar"), &CalendarId::new(), chrono_tz::UTC).unwrap_err();
        assert!(matches!(err, SyncError::BadItem { .. }), "{err:?}");
    }

    #[test]
    fn an_unreadable_component_is_noted_when_others_remain() {
        let ics = calendar(&format!("{}{}", vevent("s", "RRULE:FREQ=WEEKLY;COUNT=3\r\n"), vevent("s", "RECURRENCE-ID:garbage\r\n")));
        let read = read_item(&item(&ics), &CalendarId::new(), chrono_tz::UTC).unwrap();
        assert_eq!(read.events.len(), 1);
        assert_eq!(read.notes.len(), 1, "{:?}", read.notes);
    }
}
