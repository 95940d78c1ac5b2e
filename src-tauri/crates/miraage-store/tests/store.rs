use chrono::{Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use miraage_domain::recurrence::at_local;
use miraage_domain::*;
use miraage_store::{CalendarScope, Store, StoreError, TaskFilter};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const BERLIN: Tz = Tz::Europe__Berlin;

#[allow(clippy::too_many_arguments)]
fn meeting(cal: &CalendarId, uid: &str, summary: &str, y: i32, m: u32, d: u32, h: u32, minutes: i64) -> Event {
    let start = at_local(BERLIN, y, m, d, h, 0);
    let mut e = Event::single(
        cal.clone(),
        summary,
        EventTime::timed(start, start + Duration::minutes(minutes), BERLIN).unwrap(),
    );
    e.uid = uid.into();
    e
}

fn week(store: &Store, from: &str, to: &str) -> Vec<OccurrenceView> {
    let range = TimeRange::local_days(date(from), date(to), BERLIN).unwrap();
    store.occurrences(&range, BERLIN, CalendarScope::All).unwrap()
}

#[test]
fn a_new_database_is_migrated_and_has_the_local_account() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/miraage.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), miraage_store::migrations::LATEST_VERSION);
    let cals = store.calendars().unwrap();
    assert_eq!(cals.len(), 1);
    assert_eq!(
        (cals[0].account_name.as_str(), cals[0].name.as_str(), cals[0].provider.as_str()),
        ("Local", "Personal", "local")
    );
    drop(store);
    // Reopening migrates nothing and duplicates nothing.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.calendars().unwrap().len(), 1);
    assert_eq!(store.local_defaults().unwrap().calendar.as_str(), "local-calendar");
    store.check_integrity().unwrap();
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 99;").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "file must not change");
}

#[test]
fn a_file_that_is_not_a_database_is_reported_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, b"these are my notes, not a database\n".repeat(100)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert!(err.to_string().contains("notes.db"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_database_with_a_damaged_body_is_reported_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.db");
    {
        let mut store = Store::open(&path).unwrap();
        store.seed_demo(date("2026-11-23"), BERLIN).unwrap();
    }
    // Keep the header, scribble over the schema page.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().skip(100).take(3000) {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    let _ = std::fs::remove_file(dir.path().join("damaged.db-wal"));
    let _ = std::fs::remove_file(dir.path().join("damaged.db-shm"));
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotADatabase { .. } | StoreError::Sqlite(_) | StoreError::Migration(_)), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "a damaged file is never rewritten");
}

#[test]
fn events_round_trip_and_upserts_never_duplicate() {
    let mut store = Store::open_in_memory().unwrap();
    let cal = store.local_defaults().unwrap().calendar;
    let mut series = meeting(&cal, "series-1", "Standup", 2026, 11, 23, 9, 15);
    series.kind = EventKind::Master {
        recurrence: Recurrence {
            rules: vec!["FREQ=DAILY;COUNT=5".into()],
            rdates: vec![],
            exdates: vec![RecurrenceId::Instant(at_local(BERLIN, 2026, 11, 25, 9, 0))],
        },
    };
    series.description = Some("Daily sync".into());
    let mut lunch = meeting(&cal, "lunch-1", "Lunch", 2026, 11, 24, 12, 60);
    lunch.location = Some("Café".into());
    let outcome = store.upsert_events(&[series.clone(), lunch.clone()]).unwrap();
    assert_eq!((outcome.events_inserted, outcome.events_updated), (2, 0));
    assert_eq!(store.event(&series.id).unwrap(), series);
    assert_eq!(store.event(&lunch.id).unwrap(), lunch);

    // The same UIDs again (as a re-import makes them, with fresh ids) update in place.
    let mut again = meeting(&cal, "lunch-1", "Lunch (moved)", 2026, 11, 24, 13, 60);
    again.location = Some("Canteen".into());
    let outcome = store.upsert_events(&[again.clone()]).unwrap();
    assert_eq!((outcome.events_inserted, outcome.events_updated), (0, 1));
    assert_eq!(store.count_events().unwrap(), 2);
    let stored = store.event(&lunch.id).unwrap();
    assert_eq!(stored.summary, "Lunch (moved)");
    assert_eq!(stored.id, lunch.id, "the stored id is kept");
}

#[test]
fn occurrences_apply_overrides_cancellations_and_exdates() {
    let mut store = Store::open_in_memory().unwrap();
    let cal = store.local_defaults().unwrap().calendar;
    let mut series = meeting(&cal, "s", "Standup", 2026, 11, 23, 9, 15);
    series.kind = EventKind::Master {
        recurrence: Recurrence {
            rules: vec!["FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR".into()],
            rdates: vec![],
            exdates: vec![RecurrenceId::Instant(at_local(BERLIN, 2026, 11, 27, 9, 0))],
        },
    };
    // Tuesday's instance moves to 10:00; Wednesday's is cancelled; Monday of next week moves
    // back into this week (Sunday 11:00).
    let mut moved = meeting(&cal, "s", "Standup (moved)", 2026, 11, 24, 10, 15);
    moved.kind = EventKind::Override { recurrence_id: RecurrenceId::Instant(at_local(BERLIN, 2026, 11, 24, 9, 0)) };
    let mut cancelled = meeting(&cal, "s", "Standup", 2026, 11, 25, 9, 15);
    cancelled.kind = EventKind::Override { recurrence_id: RecurrenceId::Instant(at_local(BERLIN, 2026, 11, 25, 9, 0)) };
    cancelled.status = EventStatus::Cancelled;
    let mut pulled = meeting(&cal, "s", "Standup (Sunday)", 2026, 11, 29, 11, 15);
    pulled.kind = EventKind::Override { recurrence_id: RecurrenceId::Instant(at_local(BERLIN, 2026, 11, 30, 9, 0)) };
    store.upsert_events(&[series, moved, cancelled, pulled]).unwrap();

    let got = week(&store, "2026-11-23", "2026-11-30");
    let summary: Vec<(String, String, Option<String>)> =
        got.iter().map(|o| (o.start.clone(), o.summary.clone(), o.recurrence_id.clone())).collect();
    assert_eq!(
        summary,
        vec![
            ("2026-11-23T08:00:00Z".into(), "Standup".into(), Some("2026-11-23T08:00:00Z".into())),
            ("2026-11-24T09:00:00Z".into(), "Standup (moved)".into(), Some("2026-11-24T08:00:00Z".into())),
            ("2026-11-26T08:00:00Z".into(), "Standup".into(), Some("2026-11-26T08:00:00Z".into())),
            ("2026-11-29T10:00:00Z".into(), "Standup (Sunday)".into(), Some("2026-11-30T08:00:00Z".into())),
        ]
    );
    // Next week: Monday's instance was pulled into this week, so it starts on Tuesday.
    let next = week(&store, "2026-11-30", "2026-12-02");
    assert_eq!(next.iter().map(|o| o.start.as_str()).collect::<Vec<_>>(), ["2026-12-01T08:00:00Z"]);
}

#[test]
fn all_day_events_use_dates_and_end_exclusive() {
    let mut store = Store::open_in_memory().unwrap();
    let cal = store.local_defaults().unwrap().calendar;
    let mut trip =
        Event::single(cal.clone(), "Trip", EventTime::all_day(date("2026-11-27"), date("2026-11-30")).unwrap());
    trip.uid = "trip".into();
    let mut before = Event::single(cal, "Before", EventTime::all_day(date("2026-11-22"), date("2026-11-23")).unwrap());
    before.uid = "before".into();
    store.upsert_events(&[trip, before]).unwrap();
    let got = week(&store, "2026-11-23", "2026-11-30");
    assert_eq!(got.len(), 1, "an all-day event that ends when the week starts is not in it");
    assert_eq!((got[0].start.as_str(), got[0].end.as_str(), got[0].all_day), ("2026-11-27", "2026-11-30", true));
    assert_eq!(got[0].time_zone, None);
}

#[test]
fn hidden_calendars_are_left_out_only_when_asked() {
    let mut store = Store::open_in_memory().unwrap();
    let work = store.ensure_local_calendar("Work").unwrap();
    store.upsert_events(&[meeting(&work.id, "w", "Work thing", 2026, 11, 24, 10, 30)]).unwrap();
    store.set_calendar_visible(&work.id, false).unwrap();
    let range = TimeRange::local_days(date("2026-11-23"), date("2026-11-30"), BERLIN).unwrap();
    assert_eq!(store.occurrences(&range, BERLIN, CalendarScope::All).unwrap().len(), 1);
    assert!(store.occurrences(&range, BERLIN, CalendarScope::VisibleOnly).unwrap().is_empty());
    assert_eq!(store.ensure_local_calendar("work").unwrap().id, work.id, "names match case-insensitively");
}

#[test]
fn tasks_round_trip_with_dependencies_and_status() {
    let mut store = Store::open_in_memory().unwrap();
    let list = store.local_defaults().unwrap().task_list;
    let mut a = Task::new(list.clone(), "Review");
    a.estimate_min = Some(45);
    a.due = Some(Due::Date(date("2026-11-24")));
    a.priority = Priority::new(2).unwrap();
    a.tags = vec!["code".into()];
    a.chunking = Some(Chunking::new(15, 45).unwrap());
    let mut b = Task::new(list, "Demo");
    b.due = Some(Due::Instant("2026-11-27T14:00:00Z".parse().unwrap()));
    b.hard_due = true;
    b.depends_on = vec![a.id.clone()];
    b.project = Some("eng".into());
    // Dependent first: a batch may name tasks in any order.
    store.import(&[], &[b.clone(), a.clone()]).unwrap();
    assert_eq!(store.task(&a.id).unwrap(), a);
    assert_eq!(store.task(&b.id).unwrap(), b);

    let done = store.set_task_status(&a.id, TaskStatus::Completed).unwrap();
    assert!(done.completed_at.is_some());
    let open: Vec<String> = store.tasks(TaskFilter::Open).unwrap().into_iter().map(|t| t.title).collect();
    assert_eq!(open, ["Demo"]);
    assert_eq!(store.tasks(TaskFilter::All).unwrap().len(), 2);
    assert_eq!(store.find_task("demo").unwrap().id, b.id);
    assert!(matches!(store.find_task("nothing"), Err(StoreError::NotFound { .. })));
}

#[test]
fn a_batch_with_one_bad_row_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let defaults = store.local_defaults().unwrap();
    let good = meeting(&defaults.calendar, "good", "Good", 2026, 11, 24, 10, 30);
    let mut t = Task::new(defaults.task_list, "Orphan");
    t.depends_on = vec![TaskId::from_string("no-such-task")];
    let err = store.import(&[good], &[t]).unwrap_err();
    assert!(err.to_string().contains("unknown task"), "{err}");
    assert_eq!(store.count_events().unwrap(), 0, "the good event was rolled back too");
    assert!(store.tasks(TaskFilter::All).unwrap().is_empty());
}

#[test]
fn plan_blocks_and_history_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let list = store.local_defaults().unwrap().task_list;
    let task = Task::new(list, "Write");
    store.save_task(&task).unwrap();
    let start = at_local(BERLIN, 2026, 11, 24, 13, 0);
    let block = |h: i64| PlanBlock {
        id: PlanBlockId::new(),
        task_id: task.id.clone(),
        start: start + Duration::hours(h),
        end: start + Duration::hours(h + 1),
        state: BlockState::Proposed,
        event_id: None,
    };
    let (b1, b2) = (block(0), block(2));
    store.replace_proposed_blocks(&[b1.clone(), b2.clone()]).unwrap();
    store.set_block_state(&b1.id, BlockState::Accepted, None).unwrap();
    // A new proposal replaces the ghosts but keeps the accepted block.
    let b3 = block(4);
    store.replace_proposed_blocks(std::slice::from_ref(&b3)).unwrap();
    let range = TimeRange::new(start - Duration::days(1), start + Duration::days(1)).unwrap();
    let blocks = store.plan_blocks(&range).unwrap();
    assert_eq!(
        blocks.iter().map(|b| (b.id.clone(), b.state)).collect::<Vec<_>>(),
        vec![(b1.id.clone(), BlockState::Accepted), (b3.id, BlockState::Proposed)]
    );
    let history = store.history(&task.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!((history[0].kind, history[0].start), (HistoryKind::Planned, b1.start));
    store
        .record_history(&HistoryEntry {
            task_id: task.id.clone(),
            kind: HistoryKind::Done,
            start: b1.start,
            end: b1.end,
            actual_min: Some(70),
            recorded_at: Utc::now(),
        })
        .unwrap();
    assert_eq!(store.history(&task.id).unwrap()[1].actual_min, Some(70));
}

#[test]
fn settings_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.setting::<u32>("daily_cap").unwrap(), None);
    store.set_setting("daily_cap", &240u32).unwrap();
    store.set_setting("daily_cap", &300u32).unwrap();
    assert_eq!(store.setting::<u32>("daily_cap").unwrap(), Some(300));
}

#[test]
fn the_demo_fills_the_week_once_and_reseeding_moves_it() {
    let mut store = Store::open_in_memory().unwrap();
    let today = date("2026-11-25"); // a Wednesday
    let first = store.seed_demo_on_first_run(today, BERLIN).unwrap().expect("seeded");
    assert!(first.events >= 10 && first.tasks >= 6, "{first:?}");
    assert_eq!(store.seed_demo_on_first_run(today, BERLIN).unwrap(), None, "only on the first run");

    let got = week(&store, "2026-11-23", "2026-11-30");
    let standups: Vec<_> = got.iter().filter(|o| o.summary == "Team standup").collect();
    assert_eq!(standups.len(), 5, "one standup per weekday");
    assert!(got.iter().any(|o| o.all_day && o.summary == "Mum's birthday"));
    assert_eq!(got.iter().filter(|o| o.summary == "Gym").count(), 2);
    let calendars: std::collections::BTreeSet<_> = got.iter().map(|o| o.calendar.as_str()).collect();
    assert_eq!(calendars.into_iter().collect::<Vec<_>>(), ["Personal", "Work"]);
    // Next week: one standup moved, one cancelled.
    let next = week(&store, "2026-11-30", "2026-12-07");
    assert_eq!(next.iter().filter(|o| o.summary.starts_with("Team standup")).count(), 4);

    // Seeding again a week later moves the demo instead of duplicating it.
    let events = store.count_events().unwrap();
    store.seed_demo(date("2026-12-02"), BERLIN).unwrap();
    assert_eq!(store.count_events().unwrap(), events);
    assert_eq!(store.tasks(TaskFilter::All).unwrap().len(), first.tasks);
}

#[test]
fn a_database_that_is_not_new_gets_no_demo() {
    let mut store = Store::open_in_memory().unwrap();
    let cal = store.local_defaults().unwrap().calendar;
    store.upsert_events(&[meeting(&cal, "mine", "Mine", 2026, 11, 24, 10, 30)]).unwrap();
    assert_eq!(store.seed_demo_on_first_run(date("2026-11-25"), BERLIN).unwrap(), None);
    assert_eq!(store.count_events().unwrap(), 1);
}

#[test]
fn importing_a_uid_again_replaces_it_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let cal = store.local_defaults().unwrap().calendar;
    let mut series = meeting(&cal, "s", "Standup", 2026, 11, 23, 9, 15);
    series.kind =
        EventKind::Master { recurrence: Recurrence { rules: vec!["FREQ=DAILY;COUNT=5".into()], ..Default::default() } };
    let mut moved = meeting(&cal, "s", "Standup (moved)", 2026, 11, 24, 11, 15);
    moved.kind = EventKind::Override { recurrence_id: RecurrenceId::Instant(at_local(BERLIN, 2026, 11, 24, 9, 0)) };
    let other = meeting(&cal, "other", "Other", 2026, 11, 25, 14, 30);
    store.import(&[series.clone(), moved, other], &[]).unwrap();
    assert!(week(&store, "2026-11-23", "2026-11-30").iter().any(|o| o.summary == "Standup (moved)"));

    // The file again, without the exception: Tuesday is back at 09:00, nothing else changes.
    store.import(&[series.clone()], &[]).unwrap();
    let got = week(&store, "2026-11-23", "2026-11-30");
    assert_eq!(got.iter().filter(|o| o.summary == "Standup").count(), 5);
    assert!(!got.iter().any(|o| o.summary == "Standup (moved)"));
    assert!(got.iter().any(|o| o.summary == "Other"), "other UIDs are untouched");

    // The series becomes a one-off event: the master row is replaced, not left beside it.
    let mut single = meeting(&cal, "s", "Standup (once)", 2026, 11, 23, 9, 15);
    single.kind = EventKind::Single;
    store.import(&[single], &[]).unwrap();
    let got = week(&store, "2026-11-23", "2026-11-30");
    assert_eq!(got.iter().filter(|o| o.uid == "s").map(|o| o.summary.as_str()).collect::<Vec<_>>(), ["Standup (once)"]);
}

#[test]
fn accepting_a_block_writes_its_plan_block_event_in_one_step_and_replaces_what_it_moves() {
    let mut store = Store::open_in_memory().unwrap();
    let defaults = store.local_defaults().unwrap();
    let task = Task::new(defaults.task_list.clone(), "Write");
    store.save_task(&task).unwrap();
    let start = at_local(BERLIN, 2026, 11, 24, 13, 0);
    let block = |h: i64| PlanBlock {
        id: PlanBlockId::new(),
        task_id: task.id.clone(),
        start: start + Duration::hours(h),
        end: start + Duration::hours(h + 1),
        state: BlockState::Proposed,
        event_id: None,
    };
    let (first, second) = (block(0), block(3));
    store.replace_proposed_blocks(&[first.clone(), second.clone()]).unwrap();

    // Dropped half an hour later than proposed.
    let at = first.start + Duration::minutes(30);
    let event_id =
        store.accept_plan_block(&first.id, at, at + Duration::hours(1), &defaults.calendar, BERLIN, &[]).unwrap();
    let event = store.event(&event_id).unwrap();
    assert_eq!(event.origin, EventOrigin::PlanBlock { task_uid: task.uid.clone() });
    assert_eq!((event.summary.as_str(), event.calendar_id.clone()), ("Write", defaults.calendar.clone()));
    let accepted = store.plan_block(&first.id).unwrap();
    assert_eq!((accepted.state, accepted.start, accepted.event_id), (BlockState::Accepted, at, Some(event_id.clone())));
    assert_eq!(store.history(&task.id).unwrap()[0].start, at);
    // Plan-block events are marked as such in busy time: the planner gets the ones it pins as
    // blocks and must treat any other as busy.
    let day = TimeRange::new(start - Duration::hours(5), start + Duration::hours(10)).unwrap();
    let busy = store.busy_spans(&day).unwrap();
    assert_eq!(busy.len(), 1);
    assert!(busy[0].plan_block && busy[0].event_id == event_id, "{busy:?}");

    // A block is accepted once; an accepted block is not a ghost to reject.
    assert!(store.accept_plan_block(&first.id, at, at + Duration::hours(1), &defaults.calendar, BERLIN, &[]).is_err());
    assert!(store.reject_plan_block(&first.id).is_err());
    assert!(store
        .accept_plan_block(&second.id, second.start, second.end, &CalendarId::from_string("nope"), BERLIN, &[])
        .is_err());
    assert_eq!(store.plan_block(&second.id).unwrap().state, BlockState::Proposed, "a failed accept changes nothing");

    // Accepting a move removes the block it replaces and that block's event.
    store
        .accept_plan_block(
            &second.id,
            second.start,
            second.end,
            &defaults.calendar,
            BERLIN,
            std::slice::from_ref(&first.id),
        )
        .unwrap();
    assert!(store.plan_block(&first.id).is_err());
    assert!(store.event(&event_id).is_err());
    assert_eq!(store.blocks_in_state(BlockState::Accepted).unwrap().len(), 1);
}
