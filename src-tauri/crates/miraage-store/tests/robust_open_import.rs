//! Failures leave no traces: an import that fails leaves no calendar behind, a foreign SQLite
//! file is refused untouched, and a write-protected database opens read-only for reading.

use chrono::Duration;
use chrono_tz::Tz;
use miraage_domain::*;
use miraage_store::{CalendarScope, Store, StoreError};
use std::path::Path;

fn one_event(cal: &CalendarId) -> Event {
    let start = "2026-11-23T09:00:00Z".parse().unwrap();
    Event::single(cal.clone(), "Standup", EventTime::timed(start, start + Duration::minutes(15), Tz::UTC).unwrap())
}

fn calendar_names(store: &Store) -> Vec<String> {
    store.calendars().unwrap().into_iter().map(|c| c.name).collect()
}

#[test]
fn a_failed_import_leaves_no_new_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("m.db")).unwrap();
    let defaults = store.local_defaults().unwrap();
    let mut events = vec![one_event(&defaults.calendar)];
    let mut task = Task::new(defaults.task_list.clone(), "Write report");
    // A dependency on a task that exists nowhere fails the import.
    task.depends_on.push(TaskId::new());
    let err = store.import_into_calendar(Some("Holidays"), &mut events, &[task]).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert_eq!(calendar_names(&store), ["Personal"]);
    assert_eq!(store.count_events().unwrap(), 0);

    let (calendar, outcome) = store.import_into_calendar(Some("Holidays"), &mut events, &[]).unwrap();
    assert_eq!((calendar.name.as_str(), outcome.events_inserted), ("Holidays", 1));
    assert_eq!(events[0].calendar_id, calendar.id);
    let (again, _) = store.import_into_calendar(Some("holidays"), &mut events, &[]).unwrap();
    assert_eq!(again.id, calendar.id);
    let (default, _) = store.import_into_calendar(None, &mut [one_event(&calendar.id)], &[]).unwrap();
    assert_eq!(default.id, defaults.calendar);
}

fn journal_mode(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap()
}

#[test]
fn a_foreign_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, 'hi');",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("a foreign database must be refused");
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert!(err.to_string().contains("notes.sqlite") && err.to_string().contains("untouched"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(journal_mode(&path), "delete");
    assert!(!dir.path().join("notes.sqlite-wal").exists());
}

#[test]
fn a_write_protected_database_opens_read_only_for_reading_and_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let cal = {
        let mut store = Store::open(&path).unwrap();
        let cal = store.local_defaults().unwrap().calendar;
        store.import(&[one_event(&cal)], &[]).unwrap();
        cal
    };
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut store = Store::open(&path).unwrap();
    assert!(store.is_read_only());
    let range =
        TimeRange::new("2026-11-23T00:00:00Z".parse().unwrap(), "2026-11-24T00:00:00Z".parse().unwrap()).unwrap();
    let found = store.occurrences(&range, Tz::UTC, CalendarScope::All).unwrap();
    assert_eq!(found.iter().map(|o| o.summary.as_str()).collect::<Vec<_>>(), ["Standup"]);
    let err = store.import(&[one_event(&cal)], &[]).unwrap_err();
    assert!(err.to_string().contains("readonly"), "{err}");
    let err = store.import_into_calendar(None, &mut [one_event(&cal)], &[]).unwrap_err();
    assert!(err.to_string().contains("m.db (the file is write-protected) is read-only"), "{err}");
    drop(store);

    assert_eq!(std::fs::read(&path).unwrap(), before);
    let left: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(left, ["m.db"]);
}

#[test]
fn a_series_too_dense_for_the_window_is_cut_and_the_caller_told_which() {
    let mut store = Store::open_in_memory().unwrap();
    let cal = store.local_defaults().unwrap().calendar;
    let start = "1997-01-01T00:00:00Z".parse().unwrap();
    let mut tick = Event::single(cal, "Tick", EventTime::timed(start, start + Duration::seconds(1), Tz::UTC).unwrap());
    tick.kind =
        EventKind::Master { recurrence: Recurrence { rules: vec!["FREQ=SECONDLY".into()], ..Default::default() } };
    store.import(&[tick], &[]).unwrap();
    let week =
        TimeRange::new("2025-06-02T00:00:00Z".parse().unwrap(), "2025-06-09T00:00:00Z".parse().unwrap()).unwrap();
    let (found, cuts) = store.occurrences_noting_cuts(&week, Tz::UTC, CalendarScope::All).unwrap();
    assert_eq!(found.len(), recurrence::MAX_INSTANCES);
    assert_eq!(cuts.len(), 1);
    assert_eq!(cuts[0].to_string(), "\"Tick\": series too dense, showing the first 10000");
}
