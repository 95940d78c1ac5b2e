//! Planning over a real store: ghosts, accepting (in place and dropped elsewhere), rejecting,
//! and the re-plan preview after an event moves onto an accepted block.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, Event, EventOrigin, EventTime, PlanBlockId, Task, TimeRange};
use miraage_scheduling::{accept_all, accept_ghost, check_changes, preview, reject_all, GhostKind, PlanPreview};
use miraage_store::{CalendarScope, Store};

const ZONE: Tz = chrono_tz::Europe::Berlin;

fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, day, hour, minute, 0).unwrap().with_timezone(&Utc)
}

/// The demo week of Monday 2026-11-23, at 08:00 that Monday, planned up to Saturday.
fn setup() -> (Store, DateTime<Utc>, DateTime<Utc>, DateTime<Utc>) {
    let mut store = Store::open_in_memory().unwrap();
    store.seed_demo(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), ZONE).unwrap();
    (store, at(23, 8, 0), at(23, 0, 0), at(28, 0, 0))
}

fn plan(store: &mut Store, now: DateTime<Utc>, from: DateTime<Utc>, to: DateTime<Utc>) -> PlanPreview {
    preview(store, ZONE, now, from, to).unwrap()
}

fn parse(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn ghosts_avoid_busy_time_and_stay_in_work_hours() {
    let (mut store, now, from, to) = setup();
    let p = plan(&mut store, now, from, to);
    assert!(!p.ghosts.is_empty(), "the demo tasks should be planned: {p:?}");
    let busy = store.busy_spans(&TimeRange::new(now, to).unwrap()).unwrap();
    for g in &p.ghosts {
        let (s, e) = (parse(&g.start), parse(&g.end));
        assert!(s >= now && e <= to && s < e, "{g:?}");
        assert!(busy.iter().all(|b| e <= b.start || s >= b.end), "{g:?} overlaps a busy event");
        let local = s.with_timezone(&ZONE);
        assert!(local.format("%H:%M").to_string().as_str() >= "09:00", "{g:?} starts before work hours");
        assert_eq!(g.kind, GhostKind::New);
    }
    assert_eq!(store.blocks_in_state(BlockState::Proposed).unwrap().len(), p.ghosts.len());
}

#[test]
fn reject_all_leaves_the_calendar_untouched() {
    let (mut store, now, from, to) = setup();
    let week = TimeRange::new(from, to).unwrap();
    let before = store.occurrences(&week, ZONE, CalendarScope::All).unwrap();
    let p = plan(&mut store, now, from, to);
    assert!(!p.ghosts.is_empty());
    reject_all(&mut store).unwrap();
    assert!(store.blocks_in_state(BlockState::Proposed).unwrap().is_empty());
    assert_eq!(store.occurrences(&week, ZONE, CalendarScope::All).unwrap(), before);
}

#[test]
fn a_dropped_ghost_becomes_a_plan_block_event_there_and_the_rest_is_replanned_around_it() {
    let (mut store, now, from, to) = setup();
    let p = plan(&mut store, now, from, to);
    let ghost = p.ghosts[0].clone();
    let len = parse(&ghost.end) - parse(&ghost.start);
    // Friday 15:00 local: free in the demo week?  Find a start that no busy event covers.
    let busy = store.busy_spans(&TimeRange::new(now, to).unwrap()).unwrap();
    let drop = (0..40)
        .map(|i| at(27, 9, 0) + Duration::minutes(15 * i))
        .find(|s| busy.iter().all(|b| *s + len + Duration::minutes(10) <= b.start || *s >= b.end + Duration::minutes(10)))
        .expect("a free slot on Friday");
    let event_id = accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(ghost.id.clone()), Some(drop)).unwrap();

    let event = store.event(&event_id).unwrap();
    let task = store.task(&miraage_domain::TaskId::from_string(ghost.task_id.clone())).unwrap();
    assert_eq!(event.origin, EventOrigin::PlanBlock { task_uid: task.uid.clone() });
    assert_eq!(event.summary, task.title);
    assert_eq!(event.time.instants_in(ZONE), (drop, drop + len));
    assert_eq!(event.calendar_id, store.local_defaults().unwrap().calendar);
    let accepted = store.blocks_in_state(BlockState::Accepted).unwrap();
    assert_eq!(accepted.len(), 1);
    assert_eq!((accepted[0].start, accepted[0].end), (drop, drop + len));

    // Re-planning keeps the accepted block and places nothing on top of it.
    let again = plan(&mut store, now, from, to);
    assert_eq!(again.moved, 0, "{again:?}");
    for g in &again.ghosts {
        let (s, e) = (parse(&g.start), parse(&g.end));
        assert!(e <= drop || s >= drop + len, "{g:?} overlaps the accepted block");
    }
    // The accepted minutes are not planned twice.
    let planned_for_task: i64 =
        again.ghosts.iter().filter(|g| g.task_id == ghost.task_id).map(|g| (parse(&g.end) - parse(&g.start)).num_minutes()).sum();
    assert!(planned_for_task + len.num_minutes() <= i64::from(task.estimate_min.unwrap()));
}

#[test]
fn an_event_moved_onto_an_accepted_block_produces_a_move_preview_and_nothing_moves_until_accepted() {
    let (mut store, now, from, to) = setup();
    let p = plan(&mut store, now, from, to);
    let ghost = p.ghosts[0].clone();
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(ghost.id.clone()), None).unwrap();
    reject_all(&mut store).unwrap();
    assert!(check_changes(&mut store, ZONE, now, from, to).unwrap().is_none(), "nothing changed yet");

    let (s, e) = (parse(&ghost.start), parse(&ghost.end));
    let personal = store.local_defaults().unwrap().calendar;
    store.upsert_events(&[Event::single(personal, "Surprise meeting", EventTime::timed(s, e, ZONE).unwrap())]).unwrap();
    let check = check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a re-plan preview");
    assert_eq!(check.moved, 1);
    assert!(!check.ghosts.is_empty() && check.ghosts.iter().all(|g| g.kind == GhostKind::Move && g.task_id == ghost.task_id), "{check:?}");
    let old = store.blocks_in_state(BlockState::Accepted).unwrap();
    assert_eq!((old[0].start, old[0].end), (s, e), "nothing moves before the user accepts");

    let mover = check.ghosts.iter().find(|g| !g.replaces.is_empty()).expect("a ghost replacing the old block");
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(mover.id.clone()), None).unwrap();
    let accepted = store.blocks_in_state(BlockState::Accepted).unwrap();
    assert!(accepted.iter().all(|b| b.end <= s || b.start >= e), "the old block is gone: {accepted:?}");
    let plan_events: Vec<_> = store
        .occurrences(&TimeRange::new(from, to).unwrap(), ZONE, CalendarScope::All)
        .unwrap()
        .into_iter()
        .filter(|o| o.summary == ghost.title)
        .collect();
    assert_eq!(plan_events.len(), 1, "one event for the moved block: {plan_events:?}");
}

#[test]
fn accept_all_writes_one_event_per_ghost_and_a_past_range_plans_nothing() {
    let (mut store, now, from, to) = setup();
    let before = store.count_events().unwrap();
    let p = plan(&mut store, now, from, to);
    assert_eq!(accept_all(&mut store, ZONE).unwrap(), p.ghosts.len());
    assert_eq!(store.count_events().unwrap(), before + p.ghosts.len() as i64);
    let past = plan(&mut store, now, from - Duration::days(7), from);
    assert!(past.ghosts.is_empty() && !past.notes.is_empty());
}

#[test]
fn a_task_added_without_estimate_is_not_planned_and_one_with_estimate_is() {
    let (mut store, now, from, to) = setup();
    let list = store.local_defaults().unwrap().task_list;
    let mut t = Task::new(list.clone(), "Unsized");
    store.save_task(&t).unwrap();
    let p = plan(&mut store, now, from, to);
    assert!(p.ghosts.iter().all(|g| g.task_id != t.id.to_string()));
    t.estimate_min = Some(45);
    t.priority = miraage_domain::Priority::HIGHEST;
    store.save_task(&t).unwrap();
    let p = plan(&mut store, now, from, to);
    let minutes: i64 = p.ghosts.iter().filter(|g| g.task_id == t.id.to_string()).map(|g| (parse(&g.end) - parse(&g.start)).num_minutes()).sum();
    assert_eq!(minutes, 45, "{p:?}");
}

#[test]
fn with_automatic_re_plans_the_move_is_applied_at_once() {
    let (mut store, now, from, to) = setup();
    let s = miraage_scheduling::PlanSettings { apply_replans_automatically: true, ..miraage_scheduling::load_settings(&store).unwrap() };
    miraage_scheduling::save_settings(&mut store, &s).unwrap();
    let p = plan(&mut store, now, from, to);
    let ghost = p.ghosts[0].clone();
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(ghost.id.clone()), None).unwrap();
    reject_all(&mut store).unwrap();
    let (s, e) = (parse(&ghost.start), parse(&ghost.end));
    let personal = store.local_defaults().unwrap().calendar;
    store.upsert_events(&[Event::single(personal, "Surprise meeting", EventTime::timed(s, e, ZONE).unwrap())]).unwrap();
    let applied = miraage_scheduling::check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a change");
    assert!(applied.ghosts.is_empty() && applied.notes.iter().any(|n| n.contains("automatically")), "{applied:?}");
    let accepted = store.blocks_in_state(BlockState::Accepted).unwrap();
    assert!(accepted.iter().filter(|b| b.task_id.as_str() == ghost.task_id).all(|b| b.end <= s || b.start >= e), "{accepted:?}");
    assert!(miraage_scheduling::check_changes(&mut store, ZONE, now, from, to).unwrap().is_none());
}
