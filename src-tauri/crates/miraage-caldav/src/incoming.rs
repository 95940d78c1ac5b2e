//! Reading a fetched calendar object into domain events or a task, ready for the store.
//!
//! A CalDAV resource holds one UID: a one-off event, or a master with its overrides
//! (RFC 4791 §4.1), or one VTODO. The engine replaces every local row of that UID with what
//! is read here, so overrides removed on the server disappear locally too. Ids are fresh and
//! the calendar and list ids are placeholders: the engine files the item where it belongs
//! and keeps the local ids of rows it already has (matched by UID and recurrence id).

use chrono_tz::Tz;
use miraage_domain::{CalendarId, TaskListId};
use miraage_ical::{parse_ics, ImportOptions};
use miraage_sync::{ItemBody, Result, SyncError};

/// Reads one calendar object: its UID and its events or task. An object with no usable
/// component, with more than one UID, or mixing events and tasks is an error naming `name`.
///
/// # Errors
/// [`SyncError::BadItem`] naming `name`, as said.
pub fn read_object(ics: &str, name: &str, default_zone: Tz) -> Result<(String, ItemBody, Vec<String>)> {
    let bad = |reason: String| SyncError::BadItem { href: name.to_string(), reason };
    let opts = ImportOptions { calendar_id: CalendarId::new(), task_list_id: TaskListId::new(), default_zone };
    let parsed = parse_ics(ics, name, &opts).map_err(|e| bad(e.to_string()))?;
    let mut notes: Vec<String> = parsed.skipped.iter().map(ToString::to_string).collect();
    notes.extend(parsed.notes);
    match (parsed.events.is_empty(), parsed.tasks.len()) {
        (false, 0) => {
            let mut events = parsed.events;
            let uid = events[0].uid.clone();
            if let Some(other) = events.iter().find(|e| e.uid != uid) {
                return Err(bad(format!("holds two UIDs ({uid:?} and {:?}); a CalDAV item must hold one", other.uid)));
            }
            // Overrides after their master, so that a store writing in order sees the series first.
            events.sort_by_key(|e| e.recurrence_id().is_some());
            Ok((uid, ItemBody::Events(events), notes))
        }
        (true, 1) => {
            let task = parsed.tasks.into_iter().next().expect("one task");
            Ok((task.uid.clone(), ItemBody::Task(Box::new(task)), notes))
        }
        (true, 0) => {
            let why = if notes.is_empty() { "nothing in it".to_string() } else { notes.join("; ") };
            Err(bad(format!("no usable event or task: {why}")))
        }
        (true, n) => Err(bad(format!("holds {n} tasks; a CalDAV item must hold one"))),
        (false, _) => Err(bad("holds both events and tasks; a CalDAV item must hold one kind".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miraage_domain::{Event, EventKind};

    fn vevent(uid: &str, extra: &str) -> String {
        format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\nSUMMARY:S\r\n{extra}END:VEVENT\r\n")
    }

    fn calendar(body: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n")
    }

    fn events(body: ItemBody) -> Vec<Event> {
        match body {
            ItemBody::Events(e) => e,
            ItemBody::Task(t) => panic!("a task: {t:?}"),
        }
    }

    #[test]
    fn a_series_is_read_master_first() {
        let ics = calendar(&format!(
            "{}{}",
            vevent("s", "RECURRENCE-ID:20260309T090000Z\r\n"),
            vevent("s", "RRULE:FREQ=WEEKLY;COUNT=3\r\n")
        ));
        let (uid, body, notes) = read_object(&ics, "/c/x.ics", chrono_tz::UTC).unwrap();
        let events = events(body);
        assert_eq!(uid, "s");
        assert!(matches!(events[0].kind, EventKind::Master { .. }));
        assert!(matches!(events[1].kind, EventKind::Override { .. }));
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_todo_is_a_task_and_two_uids_or_nothing_are_bad_items() {
        let todo = calendar("BEGIN:VTODO\r\nUID:t\r\nDTSTAMP:20260301T000000Z\r\nSUMMARY:T\r\nEND:VTODO\r\n");
        let (uid, body, _) = read_object(&todo, "/c/t.ics", chrono_tz::UTC).unwrap();
        assert!(matches!(body, ItemBody::Task(ref t) if t.title == "T") && uid == "t");

        let two = calendar(&format!("{}{}", vevent("a", ""), vevent("b", "")));
        let err = read_object(&two, "/c/x.ics", chrono_tz::UTC).unwrap_err();
        assert!(
            matches!(&err, SyncError::BadItem { href, reason } if href == "/c/x.ics" && reason.contains("two UIDs")),
            "{err:?}"
        );
        let err = read_object("not a calendar", "/c/x.ics", chrono_tz::UTC).unwrap_err();
        assert!(matches!(err, SyncError::BadItem { .. }), "{err:?}");
    }

    #[test]
    fn an_unreadable_component_is_noted_when_others_remain() {
        let ics = calendar(&format!(
            "{}{}",
            vevent("s", "RRULE:FREQ=WEEKLY;COUNT=3\r\n"),
            vevent("s", "RECURRENCE-ID:garbage\r\n")
        ));
        let (_, body, notes) = read_object(&ics, "/c/x.ics", chrono_tz::UTC).unwrap();
        assert_eq!(events(body).len(), 1);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }
}
