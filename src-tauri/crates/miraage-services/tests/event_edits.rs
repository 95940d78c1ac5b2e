//! Editing and deleting events with the three recurring choices, over a real SQLite file:
//! the occurrences a week view would show afterwards, the rows stored (rules, EXDATEs,
//! overrides) and the outbox entries a synced calendar gets.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{Event, EventKind, Provider, RecurrenceId};
use miraage_services::events::{self, EventChanges, EventDraft, EventTarget, Scope};
use miraage_services::ErrorCode;
use miraage_store::{CollectionInfo, Store};

const BERLIN: Tz = chrono_tz::Europe::Berlin;

struct Db {
    _dir: tempfile::TempDir,
    store: Store,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("miraage.db")).unwrap();
    Db { _dir: dir, store }
}

/// Creates an event from local Berlin times and answers its UID.
fn add(db: &mut Db, title: &str, start: &str, end: &str, rrule: Option<&str>) -> String {
    let draft = EventDraft {
        title: title.into(),
        start: start.into(),
        end: Some(end.into()),
        time_zone: Some("Europe/Berlin".into()),
        rrule: rrule.map(str::to_string),
        ..EventDraft::default()
    };
    events::create_event(&mut db.store, BERLIN, draft).unwrap().uid
}

/// What a week view shows from `from` (a date) for `days` days: "MM-DD HH:MM-HH:MM Title"
/// in Berlin time ("MM-DD all day Title" for all-day ones).
fn shown(db: &Db, from: &str, days: i64) -> Vec<String> {
    let from = NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap();
    let start = BERLIN.from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap()).unwrap().with_timezone(&Utc);
    let end = start + chrono::Duration::days(days);
    events::occurrences(&db.store, BERLIN, start, end)
        .unwrap()
        .into_iter()
        .map(|o| {
            if o.all_day {
                return format!("{} all day {}", &o.start[5..], o.summary);
            }
            let local = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&BERLIN);
            let (s, e) = (local(&o.start), local(&o.end));
            format!("{}-{} {}", s.format("%m-%d %H:%M"), e.format("%H:%M"), o.summary)
        })
        .collect()
}

fn rid(local: &str) -> String {
    let t = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").unwrap();
    RecurrenceId::Instant(BERLIN.from_local_datetime(&t).unwrap().with_timezone(&Utc)).to_string()
}

fn target(uid: &str, occurrence: Option<String>, scope: Scope) -> EventTarget {
    EventTarget { uid: uid.into(), occurrence, scope: Some(scope), calendar_id: None }
}

fn master(db: &Db, uid: &str) -> Event {
    db.store.events_by_uid(uid).unwrap().into_iter().find(|e| e.recurrence_id().is_none()).unwrap()
}

fn rules(db: &Db, uid: &str) -> Vec<String> {
    master(db, uid).recurrence().map(|r| r.rules.clone()).unwrap_or_default()
}

fn other_uids(db: &Db, uid: &str, from: &str, days: i64) -> Vec<String> {
    let from = NaiveDate::parse_from_str(from, "%Y-%m-%d").unwrap();
    let start = BERLIN.from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap()).unwrap().with_timezone(&Utc);
    let mut uids: Vec<String> = events::occurrences(&db.store, BERLIN, start, start + chrono::Duration::days(days))
        .unwrap()
        .into_iter()
        .map(|o| o.uid)
        .filter(|u| u != uid)
        .collect();
    uids.dedup();
    uids
}

#[test]
fn this_writes_an_override_and_leaves_the_other_occurrences() {
    let mut db = db();
    let uid = add(&mut db, "Standup", "2026-11-02T09:00", "2026-11-02T09:15", Some("FREQ=WEEKLY"));
    let changes = EventChanges {
        title: Some("Standup (moved)".into()),
        start: Some("2026-11-16T11:00".into()),
        ..EventChanges::default()
    };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-16T09:00")), Scope::This), &changes).unwrap();
    assert_eq!(
        shown(&db, "2026-11-02", 28),
        [
            "11-02 09:00-09:15 Standup",
            "11-09 09:00-09:15 Standup",
            "11-16 11:00-11:15 Standup (moved)",
            "11-23 09:00-09:15 Standup"
        ]
    );
    let rows = db.store.events_by_uid(&uid).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].recurrence_id().unwrap().to_string(), "2026-11-16T08:00:00Z");
    // Editing the override again changes it in place.
    let again = EventChanges { title: Some("Standup (late)".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-16T09:00")), Scope::This), &again).unwrap();
    assert_eq!(db.store.events_by_uid(&uid).unwrap().len(), 2);
    assert_eq!(shown(&db, "2026-11-16", 1), ["11-16 11:00-11:15 Standup (late)"]);
}

#[test]
fn following_ends_the_series_with_until_and_starts_a_new_one_with_the_later_exceptions() {
    let mut db = db();
    let uid = add(&mut db, "Gym", "2026-11-02T07:00", "2026-11-02T08:00", Some("FREQ=DAILY"));
    // An exception after the split point and one before it.
    let late = EventChanges { title: Some("Gym with Ana".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-06T07:00")), Scope::This), &late).unwrap();
    let early = EventChanges { title: Some("Gym early".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-03T07:00")), Scope::This), &early).unwrap();
    events::delete(&mut db.store, &target(&uid, Some(rid("2026-11-07T07:00")), Scope::This)).unwrap();

    let changes = EventChanges { start: Some("2026-11-05T18:00".into()), ..EventChanges::default() };
    let applied =
        events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-05T07:00")), Scope::Following), &changes)
            .unwrap();
    assert_eq!(
        shown(&db, "2026-11-02", 7),
        [
            "11-02 07:00-08:00 Gym",
            "11-03 07:00-08:00 Gym early",
            "11-04 07:00-08:00 Gym",
            "11-05 18:00-19:00 Gym",
            "11-06 18:00-19:00 Gym with Ana",
            "11-08 18:00-19:00 Gym",
        ]
    );
    assert_eq!(rules(&db, &uid), ["FREQ=DAILY;UNTIL=20261105T055959Z"]);
    let (new_uid, _) = applied.focus.unwrap();
    assert_ne!(new_uid, uid);
    let new_rows = db.store.events_by_uid(&new_uid).unwrap();
    assert_eq!(new_rows.len(), 2, "the new series and its exception: {new_rows:?}");
    let new_master = master(&db, &new_uid);
    assert_eq!(new_master.recurrence().unwrap().exdates, [RecurrenceId::parse(&rid("2026-11-07T18:00")).unwrap()]);
    assert_eq!(db.store.events_by_uid(&uid).unwrap().len(), 2, "the old series keeps its earlier exception");
}

#[test]
fn following_on_a_series_with_count_splits_the_count() {
    let mut db = db();
    let uid = add(&mut db, "Course", "2026-11-02T18:00", "2026-11-02T19:30", Some("FREQ=WEEKLY;COUNT=5"));
    let changes = EventChanges { title: Some("Course (room 2)".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-16T18:00")), Scope::Following), &changes)
        .unwrap();
    assert_eq!(rules(&db, &uid), ["FREQ=WEEKLY;COUNT=2"]);
    assert_eq!(
        shown(&db, "2026-11-01", 60),
        [
            "11-02 18:00-19:30 Course",
            "11-09 18:00-19:30 Course",
            "11-16 18:00-19:30 Course (room 2)",
            "11-23 18:00-19:30 Course (room 2)",
            "11-30 18:00-19:30 Course (room 2)",
        ]
    );
    let new_uid = other_uids(&db, &uid, "2026-11-16", 1).remove(0);
    assert_eq!(rules(&db, &new_uid), ["FREQ=WEEKLY;COUNT=3"]);
}

#[test]
fn a_series_across_the_dst_change_keeps_its_wall_time_when_split_and_moved() {
    let mut db = db();
    // Daily at 09:00 over the night Berlin goes to summer time (2027-03-28).
    let uid = add(&mut db, "Walk", "2027-03-25T09:00", "2027-03-25T09:30", Some("FREQ=DAILY;COUNT=6"));
    let changes = EventChanges { start: Some("2027-03-27T10:00".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2027-03-27T09:00")), Scope::Following), &changes)
        .unwrap();
    assert_eq!(
        shown(&db, "2027-03-25", 7),
        [
            "03-25 09:00-09:30 Walk",
            "03-26 09:00-09:30 Walk",
            "03-27 10:00-10:30 Walk",
            "03-28 10:00-10:30 Walk",
            "03-29 10:00-10:30 Walk",
            "03-30 10:00-10:30 Walk",
        ]
    );
    // "All" moves every instance by the same wall-clock shift, across the change too.
    let back = EventChanges { start: Some("2027-03-29T08:00".into()), ..EventChanges::default() };
    let new_uid = other_uids(&db, &uid, "2027-03-27", 1).remove(0);
    events::edit(&mut db.store, BERLIN, &target(&new_uid, Some(rid("2027-03-29T10:00")), Scope::All), &back).unwrap();
    assert_eq!(
        shown(&db, "2027-03-27", 4),
        ["03-27 08:00-08:30 Walk", "03-28 08:00-08:30 Walk", "03-29 08:00-08:30 Walk", "03-30 08:00-08:30 Walk"]
    );
}

#[test]
fn all_moves_the_series_keeps_overrides_the_user_moved_and_takes_the_others_along() {
    let mut db = db();
    let uid = add(&mut db, "Review", "2026-11-02T09:00", "2026-11-02T10:00", Some("FREQ=WEEKLY;COUNT=4"));
    let moved = EventChanges { start: Some("2026-11-09T14:00".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-09T09:00")), Scope::This), &moved).unwrap();
    let renamed = EventChanges { title: Some("Review with Bo".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-16T09:00")), Scope::This), &renamed).unwrap();

    let all = EventChanges {
        title: Some("Design review".into()),
        start: Some("2026-11-23T10:00".into()),
        ..EventChanges::default()
    };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-23T09:00")), Scope::All), &all).unwrap();
    assert_eq!(
        shown(&db, "2026-11-02", 28),
        [
            "11-02 10:00-11:00 Design review",
            // Moved by the user: stays at 14:00, and takes the series' new title.
            "11-09 14:00-15:00 Design review",
            // Renamed by the user: keeps its title, moves with the series.
            "11-16 10:00-11:00 Review with Bo",
            "11-23 10:00-11:00 Design review",
        ]
    );
    let overrides: Vec<String> =
        db.store.events_by_uid(&uid).unwrap().iter().filter_map(|e| e.recurrence_id()).map(|r| r.to_string()).collect();
    assert_eq!(overrides, [rid("2026-11-09T10:00"), rid("2026-11-16T10:00")]);
}

#[test]
fn all_day_series_take_this_following_and_all_on_dates() {
    let mut db = db();
    let uid = add(&mut db, "Trash day", "2026-11-03", "2026-11-04", Some("FREQ=WEEKLY"));
    events::delete(&mut db.store, &target(&uid, Some("2026-11-10".into()), Scope::This)).unwrap();
    let two_days = EventChanges { end: Some("2026-11-19".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some("2026-11-17".into()), Scope::Following), &two_days).unwrap();
    assert_eq!(rules(&db, &uid), ["FREQ=WEEKLY;UNTIL=20261116"]);
    assert_eq!(
        shown(&db, "2026-11-02", 28),
        ["11-03 all day Trash day", "11-17 all day Trash day", "11-24 all day Trash day"]
    );
    let new_uid = other_uids(&db, &uid, "2026-11-17", 1).remove(0);
    let all = EventChanges { start: Some("2026-11-19".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&new_uid, Some("2026-11-24".into()), Scope::All), &all).unwrap();
    assert_eq!(shown(&db, "2026-11-16", 14), ["11-19 all day Trash day", "11-26 all day Trash day"]);
    match &master(&db, &new_uid).time {
        miraage_domain::EventTime::AllDay { start, end } => assert_eq!((*end - *start).num_days(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn deleting_one_occurrence_adds_an_exdate_and_drops_its_override() {
    let mut db = db();
    let uid = add(&mut db, "Standup", "2026-11-02T09:00", "2026-11-02T09:15", Some("FREQ=DAILY;COUNT=3"));
    let renamed = EventChanges { title: Some("Standup!".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-03T09:00")), Scope::This), &renamed).unwrap();
    events::delete(&mut db.store, &target(&uid, Some(rid("2026-11-03T09:00")), Scope::This)).unwrap();
    assert_eq!(shown(&db, "2026-11-02", 3), ["11-02 09:00-09:15 Standup", "11-04 09:00-09:15 Standup"]);
    let rows = db.store.events_by_uid(&uid).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].recurrence().unwrap().exdates, [RecurrenceId::parse(&rid("2026-11-03T09:00")).unwrap()]);

    events::delete(&mut db.store, &target(&uid, Some(rid("2026-11-04T09:00")), Scope::Following)).unwrap();
    assert_eq!(shown(&db, "2026-11-02", 3), ["11-02 09:00-09:15 Standup"]);
    assert_eq!(rules(&db, &uid), ["FREQ=DAILY;COUNT=2"]);
    events::delete(&mut db.store, &target(&uid, Some(rid("2026-11-02T09:00")), Scope::All)).unwrap();
    assert!(db.store.events_by_uid(&uid).unwrap().is_empty());
}

#[test]
fn a_one_off_event_is_edited_moved_to_another_calendar_and_made_recurring() {
    let mut db = db();
    let uid = add(&mut db, "Dentist", "2026-11-04T15:00", "2026-11-04T16:00", None);
    db.store.ensure_local_calendar("Health").unwrap();
    let changes = EventChanges {
        calendar: Some("Health".into()),
        location: Some("Main St 1".into()),
        rrule: Some("FREQ=MONTHLY;COUNT=2".into()),
        ..EventChanges::default()
    };
    events::edit(&mut db.store, BERLIN, &target(&uid, None, Scope::All), &changes).unwrap();
    let d = events::details(&db.store, BERLIN, &uid, None, None).unwrap();
    assert_eq!((d.calendar.as_str(), d.location.as_deref()), ("Health", Some("Main St 1")));
    assert_eq!(d.rrule.as_deref(), Some("FREQ=MONTHLY;COUNT=2"));
    assert!(d.recurring && d.read_only.is_none());
    assert_eq!(shown(&db, "2026-12-04", 1), ["12-04 15:00-16:00 Dentist"]);
    assert_eq!(db.store.events_by_uid(&uid).unwrap().len(), 1, "moved, not copied");
    // No longer repeating: back to a one-off event.
    let once = EventChanges { rrule: Some(String::new()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, None, Scope::All), &once).unwrap();
    assert!(matches!(master(&db, &uid).kind, EventKind::Single));
}

#[test]
fn an_event_changes_zone_and_becomes_all_day_and_timed_again() {
    let mut db = db();
    let uid = add(&mut db, "Call", "2026-11-04T15:00", "2026-11-04T16:00", None);
    // A local time in the new zone: 09:00 in New York is 15:00 in Berlin.
    let ny = EventChanges {
        time_zone: Some("America/New_York".into()),
        start: Some("2026-11-04T09:00".into()),
        ..EventChanges::default()
    };
    let d = events::update_event(
        &mut db.store,
        BERLIN,
        events::EventUpdate { target: target(&uid, None, Scope::All), changes: ny },
    )
    .unwrap();
    assert_eq!((d.start.as_str(), d.end.as_str()), ("2026-11-04T14:00:00Z", "2026-11-04T15:00:00Z"));
    assert_eq!(d.time_zone.as_deref(), Some("America/New_York"));
    let all_day = EventChanges { all_day: Some(true), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, None, Scope::All), &all_day).unwrap();
    assert_eq!(shown(&db, "2026-11-04", 1), ["11-04 all day Call"]);
    // Back to a time, an hour long, read in the user's zone (an all-day event has none).
    let timed = EventChanges { start: Some("2026-11-05T10:00".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, None, Scope::All), &timed).unwrap();
    let d = events::details(&db.store, BERLIN, &uid, None, None).unwrap();
    assert!(!d.all_day);
    assert_eq!((d.start.as_str(), d.end.as_str()), ("2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z"));
}

fn refused(db: &mut Db, uid: &str, changes: EventChanges) -> (ErrorCode, String) {
    let before = db.store.events_by_uid(uid).unwrap();
    let e = events::edit(&mut db.store, BERLIN, &target(uid, None, Scope::All), &changes).unwrap_err();
    assert_eq!(db.store.events_by_uid(uid).unwrap(), before, "nothing changed");
    (e.code(), e.to_string())
}

#[test]
fn bad_edits_are_refused_with_a_sentence_and_change_nothing() {
    let mut db = db();
    let uid = add(&mut db, "Call", "2027-03-20T02:30", "2027-03-20T03:00", Some("FREQ=DAILY;COUNT=3"));
    let end_first = EventChanges { end: Some("2027-03-20T01:00".into()), ..EventChanges::default() };
    let (code, message) = refused(&mut db, &uid, end_first);
    assert_eq!(code, ErrorCode::Invalid);
    assert!(message.contains("before the start"), "{message}");

    let gap = EventChanges { start: Some("2027-03-28T02:30".into()), ..EventChanges::default() };
    let (code, message) = refused(&mut db, &uid, gap);
    assert_eq!(code, ErrorCode::Invalid);
    assert!(message.contains("02:30 does not exist on 2027-03-28") && message.contains("03:00"), "{message}");

    let rule = EventChanges { rrule: Some("FREQ=SOMETIMES".into()), ..EventChanges::default() };
    let (code, message) = refused(&mut db, &uid, rule);
    assert_eq!(code, ErrorCode::Invalid);
    assert!(message.contains("FREQ=SOMETIMES"), "{message}");

    let long = EventChanges { title: Some("x".repeat(100_000)), ..EventChanges::default() };
    assert_eq!(refused(&mut db, &uid, long).0, ErrorCode::Invalid);

    let nowhere = EventChanges { calendar: Some("Nowhere".into()), ..EventChanges::default() };
    assert_eq!(refused(&mut db, &uid, nowhere).0, ErrorCode::NotFound);

    let this_rule = EventChanges { rrule: Some("FREQ=WEEKLY".into()), ..EventChanges::default() };
    let e = events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2027-03-21T02:30")), Scope::This), &this_rule)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);

    let no_such = events::delete(&mut db.store, &target(&uid, Some(rid("2027-03-21T05:00")), Scope::This)).unwrap_err();
    assert_eq!(no_such.code(), ErrorCode::NotFound);
    assert!(no_such.to_string().contains("“Call” has no occurrence"), "{no_such}");

    events::delete(&mut db.store, &target(&uid, None, Scope::All)).unwrap();
    let gone =
        events::edit(&mut db.store, BERLIN, &target(&uid, None, Scope::All), &EventChanges::default()).unwrap_err();
    assert_eq!(gone.code(), ErrorCode::NotFound);
    assert!(gone.to_string().contains("no longer exists"), "{gone}");
}

#[test]
fn an_edit_based_on_rows_a_sync_changed_meanwhile_is_refused() {
    let mut db = db();
    let uid = add(&mut db, "Call", "2026-11-04T15:00", "2026-11-04T16:00", None);
    let stale = db.store.events_by_uid(&uid).unwrap();
    // Someone else's change lands first.
    let mut theirs = stale[0].clone();
    theirs.summary = "Call (theirs)".into();
    db.store.upsert_events(&[theirs]).unwrap();
    let mut mine = stale[0].clone();
    mine.summary = "Call (mine)".into();
    let edit = miraage_store::EventEdit { based_on: stale, put: vec![mine], delete: Vec::new() };
    assert!(matches!(db.store.apply_event_edit(&edit), Err(miraage_store::StoreError::NotFound { .. })));
    assert_eq!(db.store.events_by_uid(&uid).unwrap()[0].summary, "Call (theirs)");
}

/// A calendar of a remote account, as a sync would have attached it.
fn remote_calendar(db: &mut Db, provider: Provider, name: &str, read_only: bool) -> String {
    let account =
        db.store.add_account(&format!("{name} account"), provider, Some("https://example.com/"), None).unwrap();
    let info = CollectionInfo {
        remote_id: format!("/{name}/"),
        name: name.into(),
        color: None,
        holds_events: true,
        holds_tasks: false,
        read_only,
    };
    db.store.attach_collection(&account.id, &info).unwrap().calendar_id.unwrap().to_string()
}

#[test]
fn read_only_calendars_refuse_edits_and_say_why_by_title() {
    let mut db = db();
    let holidays = remote_calendar(&mut db, Provider::IcsSubscription, "Holidays", true);
    let event = Event::single(
        miraage_domain::CalendarId::from_string(holidays.clone()),
        "Boxing Day",
        miraage_domain::EventTime::all_day("2026-12-26".parse().unwrap(), "2026-12-27".parse().unwrap()).unwrap(),
    );
    // A subscription is written by its sync only.
    let tx = db.store.sync_tx().unwrap();
    tx.replace_uid(std::slice::from_ref(&event)).unwrap();
    tx.commit().unwrap();
    let (code, message) =
        refused(&mut db, &event.uid.clone(), EventChanges { title: Some("x".into()), ..Default::default() });
    assert_eq!(code, ErrorCode::ReadOnly);
    assert_eq!(message, "“Holidays” is a subscription: Miraage can show its events but not change them.");
    let d = events::details(&db.store, BERLIN, &event.uid, None, None).unwrap();
    assert_eq!(d.read_only.as_deref(), Some(message.as_str()));
    let shown = events::occurrences(
        &db.store,
        BERLIN,
        "2026-12-25T00:00:00Z".parse().unwrap(),
        "2026-12-28T00:00:00Z".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(shown[0].read_only.as_deref(), Some(message.as_str()));
    let del = events::delete(&mut db.store, &target(&event.uid, None, Scope::All)).unwrap_err();
    assert_eq!(del.code(), ErrorCode::ReadOnly);
    // Nor may an event move into it.
    let uid = add(&mut db, "Party", "2026-12-26T20:00", "2026-12-26T23:00", None);
    let into = EventChanges { calendar: Some("Holidays".into()), ..EventChanges::default() };
    assert_eq!(refused(&mut db, &uid, into).0, ErrorCode::ReadOnly);
}

#[test]
fn edits_of_a_synced_calendar_queue_one_entry_per_item_and_a_move_queues_delete_and_create() {
    let mut db = db();
    let work = remote_calendar(&mut db, Provider::CalDav, "Work", false);
    let draft = EventDraft {
        title: "Sync".into(),
        start: "2026-11-02T09:00".into(),
        end: Some("2026-11-02T09:30".into()),
        calendar: Some("Work".into()),
        rrule: Some("FREQ=DAILY".into()),
        ..EventDraft::default()
    };
    let uid = events::create_event(&mut db.store, BERLIN, draft).unwrap().uid;
    assert_eq!(db.store.outbox_len().unwrap(), 1);
    let changes = EventChanges { title: Some("Sync!".into()), ..EventChanges::default() };
    for _ in 0..2 {
        events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-03T09:00")), Scope::This), &changes)
            .unwrap();
    }
    assert_eq!(db.store.outbox_len().unwrap(), 1, "edits of one item are one pending send");
    events::edit(&mut db.store, BERLIN, &target(&uid, Some(rid("2026-11-05T09:00")), Scope::Following), &changes)
        .unwrap();
    assert_eq!(db.store.outbox_len().unwrap(), 2, "the ended series and the new one");
    let collection = db.store.collection_of_calendar(&miraage_domain::CalendarId::from_string(work)).unwrap().unwrap();
    let local = EventChanges { calendar: Some("Personal".into()), ..EventChanges::default() };
    events::edit(&mut db.store, BERLIN, &target(&uid, None, Scope::All), &local).unwrap();
    let entry = db.store.outbox_entry(collection, miraage_store::ItemKind::Event, &uid).unwrap().unwrap();
    assert_eq!(entry.op, miraage_store::OutboxOp::Delete);
}

#[test]
fn a_meeting_organised_by_someone_else_is_read_only_and_names_the_organizer() {
    use miraage_domain::{Attendee, Organizer, Participation, People};
    let mut db = db();
    let work = remote_calendar(&mut db, Provider::Google, "Work", false);
    let mut event = Event::single(
        miraage_domain::CalendarId::from_string(work),
        "Budget",
        miraage_domain::EventTime::timed(
            "2026-11-25T09:00:00Z".parse().unwrap(),
            "2026-11-25T10:00:00Z".parse().unwrap(),
            BERLIN,
        )
        .unwrap(),
    );
    // As the Google sync reads an invitation whose organizer does not let guests edit it.
    event.people = People {
        organizer: Some(Organizer { name: Some("Ana Lima".into()), email: "ana@example.com".into(), is_self: false }),
        attendees: vec![
            Attendee { is_self: true, ..Attendee::new("me@example.com") },
            Attendee {
                name: Some("Bruno Lima".into()),
                status: Participation::Accepted,
                ..Attendee::new("bruno@example.com")
            },
        ],
        guest_copy: true,
    };
    let tx = db.store.sync_tx().unwrap();
    tx.replace_uid(std::slice::from_ref(&event)).unwrap();
    tx.commit().unwrap();

    let sentence = "Organised by Ana Lima: ask them to change it, or copy it to your calendar.";
    let (code, message) =
        refused(&mut db, &event.uid.clone(), EventChanges { title: Some("x".into()), ..Default::default() });
    assert_eq!((code, message.as_str()), (ErrorCode::ReadOnly, sentence));
    let del = events::delete(&mut db.store, &target(&event.uid, None, Scope::All)).unwrap_err();
    assert_eq!(del.code(), ErrorCode::ReadOnly);
    assert_eq!(db.store.outbox_len().unwrap(), 0, "nothing queued");

    let d = events::details(&db.store, BERLIN, &event.uid, None, None).unwrap();
    assert_eq!(d.read_only.as_deref(), Some(sentence));
    assert_eq!(d.organizer, event.people.organizer);
    assert_eq!(d.attendees, event.people.attendees);
    let shown = events::occurrences(
        &db.store,
        BERLIN,
        "2026-11-25T00:00:00Z".parse().unwrap(),
        "2026-11-26T00:00:00Z".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(shown[0].read_only.as_deref(), Some(sentence));
}
