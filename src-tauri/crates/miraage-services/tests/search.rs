//! Search over a real SQLite file: prefixes as the user types, diacritics folded, FTS5
//! syntax typed by the user read as text, series once at their next occurrence, and the
//! index kept in step by edits, deletes and imports.

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{CalendarId, Event, EventKind, EventTime, Recurrence};
use miraage_services::search::{self, SearchKind, SearchResult};
use miraage_services::tasks::{self, TaskChanges, TaskInput};
use miraage_store::Store;

const BERLIN: Tz = chrono_tz::Europe::Berlin;

struct Db {
    _dir: tempfile::TempDir,
    store: Store,
    personal: CalendarId,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let personal = store.local_defaults().unwrap().calendar;
    Db { _dir: dir, store, personal }
}

fn event(db: &Db, title: &str, start: chrono::DateTime<Utc>) -> Event {
    Event::single(db.personal.clone(), title, EventTime::timed(start, start + Duration::hours(1), BERLIN).unwrap())
}

fn find(db: &Db, text: &str) -> Vec<SearchResult> {
    search::search(&db.store, BERLIN, Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap(), text, 20).unwrap()
}

fn titles(results: &[SearchResult]) -> Vec<&str> {
    results.iter().map(|r| r.title.as_str()).collect()
}

#[test]
fn words_match_as_prefixes_with_diacritics_folded_in_titles_places_and_notes() {
    let mut db = db();
    let t = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let mut lunch = event(&db, "Lunch with Zoë", t);
    lunch.location = Some("Café Münster".into());
    let mut review = event(&db, "Quarterly review", t + Duration::days(1));
    review.description = Some("Bring the naïve forecast".into());
    db.store.upsert_events(&[lunch, review]).unwrap();
    let input = TaskInput {
        title: "Book flights".into(),
        notes: Some("Ask about the café voucher".into()),
        ..TaskInput::default()
    };
    tasks::add(&mut db.store, input).unwrap();

    assert_eq!(titles(&find(&db, "zoe")), ["Lunch with Zoë"]);
    assert_eq!(titles(&find(&db, "quart")), ["Quarterly review"]);
    assert_eq!(titles(&find(&db, "naive fore")), ["Quarterly review"]);
    let cafe = find(&db, "cafe");
    assert_eq!(titles(&cafe), ["Lunch with Zoë", "Book flights"], "a location weighs more than a task's notes");
    assert_eq!(cafe[0].snippet, "«Café» Münster");
    assert_eq!((cafe[0].kind, cafe[0].source.as_str()), (SearchKind::Event, "Personal"));
    assert_eq!(cafe[0].when.as_deref(), Some("2026-11-26T09:00:00Z"));
    assert_eq!((cafe[1].kind, cafe[1].source.as_str()), (SearchKind::Task, "Tasks"));
    assert!(find(&db, "lunch zzz").is_empty(), "every word must match");
}

#[test]
fn fts_syntax_typed_by_the_user_is_read_as_text_and_never_fails() {
    let mut db = db();
    let t = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    db.store.upsert_events(&[event(&db, "NEAR the \"big\" launch - phase 2*", t)]).unwrap();
    for typed in [
        "\"",
        "\"big",
        "big\"",
        "*",
        "launch*",
        "-",
        "- phase",
        "NEAR",
        "NEAR(",
        "NEAR(launch big)",
        "a OR",
        "AND",
        "NOT launch",
        "(",
        ")",
        "^launch",
        "phase:2",
        "{summary}: big",
        "''",
        "\u{0}",
        "  ",
    ] {
        let found = search::search(&db.store, BERLIN, t, typed, 20);
        assert!(found.is_ok(), "{typed:?}: {found:?}");
    }
    assert_eq!(find(&db, "NEAR(launch big)").len(), 1);
    assert_eq!(find(&db, "\"big\" -phase").len(), 1, "a minus is not a NOT");
    assert!(find(&db, "NOT launch").is_empty(), "NOT is a word to find, and no title has it");
    assert!(find(&db, "* - (").is_empty());
}

#[test]
fn a_series_is_found_once_at_its_next_occurrence() {
    let mut db = db();
    let first = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    let mut standup = event(&db, "Standup", first);
    standup.kind =
        EventKind::Master { recurrence: Recurrence { rules: vec!["FREQ=WEEKLY".into()], ..Recurrence::default() } };
    let mut moved = event(&db, "Standup (moved)", first + Duration::weeks(5) + Duration::hours(2));
    moved.uid = standup.uid.clone();
    moved.kind =
        EventKind::Override { recurrence_id: miraage_domain::RecurrenceId::Instant(first + Duration::weeks(5)) };
    let mut past = event(&db, "Standup retro", first - Duration::weeks(10));
    past.kind = EventKind::Master {
        recurrence: Recurrence { rules: vec!["FREQ=WEEKLY;COUNT=3".into()], ..Recurrence::default() },
    };
    db.store.upsert_events(&[standup, moved, past]).unwrap();

    let found = find(&db, "standup");
    assert_eq!(titles(&found), ["Standup", "Standup retro"], "{found:#?}");
    // "now" is Wed 25 Nov: the next Monday is 30 Nov.
    assert_eq!(found[0].when.as_deref(), Some("2026-11-30T09:00:00Z"));
    assert_eq!(found[0].recurrence_id.as_deref(), Some("2026-11-30T09:00:00Z"));
    // All past: its most recent occurrence.
    assert_eq!(found[1].when.as_deref(), Some("2026-09-07T09:00:00Z"));
    // The moved instance, found by its own title, shows where it was moved to.
    let moved = find(&db, "moved");
    assert_eq!(moved[0].when.as_deref(), Some("2026-12-07T11:00:00Z"));
}

#[test]
fn the_index_follows_edits_deletes_and_imports() {
    let mut db = db();
    let t = Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap();
    let mut e = event(&db, "Dentist", t);
    db.store.upsert_events(std::slice::from_ref(&e)).unwrap();
    assert_eq!(find(&db, "dent").len(), 1);
    e.summary = "Orthodontist".into();
    db.store.upsert_events(std::slice::from_ref(&e)).unwrap();
    assert!(find(&db, "dent").is_empty());
    assert_eq!(titles(&find(&db, "ortho")), ["Orthodontist"]);
    db.store.delete_event(&db.store.events_of_uid(&db.personal, &e.uid).unwrap()[0].id).unwrap();
    assert!(find(&db, "ortho").is_empty());

    let task = tasks::add(&mut db.store, TaskInput { title: "Renew passport".into(), ..TaskInput::default() }).unwrap();
    let rename = TaskChanges { title: Some("Renew ID card".into()), ..TaskChanges::default() };
    tasks::edit(&mut db.store, task.id.as_str(), rename).unwrap();
    assert!(find(&db, "passport").is_empty());
    assert_eq!(titles(&find(&db, "renew card")), ["Renew ID card"]);
    tasks::delete(&mut db.store, task.id.as_str()).unwrap();
    assert!(find(&db, "renew").is_empty());

    let batch: Vec<Event> = (0..300).map(|i| event(&db, &format!("Imported {i}"), t + Duration::hours(i))).collect();
    db.store.import(&batch, &[]).unwrap();
    db.store.import(&batch, &[]).unwrap();
    assert_eq!(search::search(&db.store, BERLIN, t, "imported", 200).unwrap().len(), 200);
    assert_eq!(titles(&find(&db, "imported 299")), ["Imported 299"]);
    db.store.check_integrity().unwrap();
}
