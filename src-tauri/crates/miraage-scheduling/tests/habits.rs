//! Habits, focus time and hour sets planned over a real store: sessions in their window as
//! habit ghosts, carry-over of a missed session, progress, focus time yielding to a task when
//! meetings crowd the week, a task in its own hour set.

use chrono::{DateTime, Duration, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use miraage_domain::{
    BlockState, Event, EventTime, Habit, HabitKind, HabitPeriod, HabitPlace, HourSet, PlanBlockId, PlanItemKind, Task,
    TimeRange, WeekWindows,
};
use miraage_scheduling::{accept_ghost, habit_views, preview, GhostView, PlanPreview};
use miraage_store::{CalendarScope, Store};

const ZONE: Tz = chrono_tz::Europe::Berlin;

fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, day, hour, minute, 0).unwrap().with_timezone(&Utc)
}

fn parse(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn minutes(g: &GhostView) -> i64 {
    (parse(&g.end) - parse(&g.start)).num_minutes()
}

fn study(store: &mut Store) -> Habit {
    let window = WeekWindows::parse(&["mon-fri 18:00-22:00"]).unwrap();
    let mut h = Habit::new("Study Spanish", 300, HabitPeriod::Week, HabitPlace::Window(window));
    h.session_min = 60;
    h.session_max = 90;
    store.save_habit(&h).unwrap();
    h
}

fn habit_ghosts(p: &PlanPreview, title: &str) -> Vec<GhostView> {
    p.ghosts.iter().filter(|g| g.title == title).cloned().collect()
}

/// Monday 23 Nov 2026 08:00 in Berlin, planning that week (to Monday 30 Nov).
fn week(store: &mut Store, now: DateTime<Utc>) -> PlanPreview {
    preview(store, ZONE, now, at(23, 0, 0), at(30, 0, 0)).unwrap()
}

#[test]
fn a_weekly_study_goal_is_planned_in_its_window_as_habit_ghosts_with_its_title() {
    let mut store = Store::open_in_memory().unwrap();
    store.local_defaults().unwrap();
    study(&mut store);
    let p = week(&mut store, at(23, 8, 0));
    let ghosts = habit_ghosts(&p, "Study Spanish");
    assert_eq!(ghosts.iter().map(minutes).sum::<i64>(), 300, "{p:?}");
    for g in &ghosts {
        assert_eq!(g.item, PlanItemKind::Habit);
        assert!((60..=90).contains(&minutes(g)), "{g:?}");
        let (s, e) = (parse(&g.start).with_timezone(&ZONE), parse(&g.end).with_timezone(&ZONE));
        assert!(s.hour() >= 18 && (e.hour() < 22 || (e.hour() == 22 && e.minute() == 0)), "{g:?} outside 18-22");
        assert!(s.date_naive() < at(28, 0, 0).with_timezone(&ZONE).date_naive(), "{g:?} on a weekend");
    }
    assert!(p.unscheduled.is_empty(), "{:?}", p.unscheduled);
}

#[test]
fn a_missed_session_is_carried_over_later_in_the_same_week_and_progress_counts_the_accepted_one() {
    let mut store = Store::open_in_memory().unwrap();
    store.local_defaults().unwrap();
    let habit = study(&mut store);
    let p = week(&mut store, at(23, 8, 0));
    let mut ghosts = habit_ghosts(&p, "Study Spanish");
    ghosts.sort_by_key(|g| g.start.clone());
    let (first, missed) = (ghosts[0].clone(), ghosts[1].clone());
    let event = accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(first.id.clone()), None).unwrap();
    let mark = store
        .occurrences(&TimeRange::new(at(23, 0, 0), at(30, 0, 0)).unwrap(), ZONE, CalendarScope::All)
        .unwrap()
        .into_iter()
        .find(|o| o.event_id == event.as_str())
        .and_then(|o| o.plan)
        .expect("the accepted session is a plan block");
    assert_eq!(mark.kind, PlanItemKind::Habit);

    // Time passes beyond the second session, which nobody accepted.
    let later = parse(&missed.end) + Duration::minutes(5);
    let p = week(&mut store, later);
    let again = habit_ghosts(&p, "Study Spanish");
    let owed = 300 - minutes(&first);
    assert_eq!(again.iter().map(minutes).sum::<i64>(), owed, "the missed minutes are planned again: {p:?}");
    assert!(again.iter().all(|g| parse(&g.start) >= later && parse(&g.end) <= at(30, 0, 0)));

    let views = habit_views(&store, ZONE, later).unwrap();
    let v = views.iter().find(|v| v.id == habit.id).unwrap();
    assert_eq!((v.done_min, v.accepted_ahead_min), (u32::try_from(minutes(&first)).unwrap(), 0));
    assert_eq!(v.period, "2026-W48");
    assert!(v.progress.ends_with("of 5 h this week"), "{}", v.progress);
}

#[test]
fn an_accepted_session_stays_where_it_is_when_the_week_is_planned_again() {
    let mut store = Store::open_in_memory().unwrap();
    store.local_defaults().unwrap();
    study(&mut store);
    let p = week(&mut store, at(23, 8, 0));
    let first = habit_ghosts(&p, "Study Spanish")[0].clone();
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(first.id.clone()), None).unwrap();
    let p = week(&mut store, at(23, 8, 0));
    let rest = habit_ghosts(&p, "Study Spanish");
    assert_eq!(rest.iter().map(minutes).sum::<i64>(), 300 - minutes(&first));
    assert!(rest.iter().all(|g| g.start != first.start));
    let accepted = store.habit_blocks_in_state(BlockState::Accepted).unwrap();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].start, parse(&first.start));
}

#[test]
fn focus_time_yields_first_when_meetings_crowd_the_week() {
    let mut store = Store::open_in_memory().unwrap();
    let local = store.local_defaults().unwrap();
    // Meetings fill Monday to Thursday; Friday is left.
    let meetings: Vec<Event> = (23..=26)
        .map(|d| {
            Event::single(
                local.calendar.clone(),
                "Workshop",
                EventTime::timed(at(d, 8, 0), at(d, 18, 0), ZONE).unwrap(),
            )
        })
        .collect();
    store.upsert_events(&meetings).unwrap();
    let mut focus = Habit::new("Focus time", 240, HabitPeriod::Week, HabitPlace::HourSet("work".into()));
    focus.kind = HabitKind::Focus;
    focus.session_min = 60;
    focus.session_max = 120;
    store.save_habit(&focus).unwrap();
    let mut report = Task::new(local.task_list.clone(), "Quarterly report");
    report.estimate_min = Some(300);
    report.due = Some(miraage_domain::Due::Date(at(27, 12, 0).with_timezone(&ZONE).date_naive()));
    report.hard_due = true;
    store.save_task(&report).unwrap();

    let p = week(&mut store, at(23, 7, 0));
    let placed = |title: &str| p.ghosts.iter().filter(|g| g.title == title).map(minutes).sum::<i64>();
    assert_eq!(placed("Quarterly report"), 300, "{p:?}");
    assert!(placed("Focus time") < 240, "focus time gave way: {p:?}");
    assert!(p.unscheduled.iter().any(|u| u.title == "Focus time"), "{:?}", p.unscheduled);
    assert!(p.ghosts.iter().filter(|g| g.title == "Focus time").all(|g| g.item == PlanItemKind::Focus));
}

#[test]
fn a_task_with_its_own_hour_set_is_planned_only_in_it() {
    let mut store = Store::open_in_memory().unwrap();
    let local = store.local_defaults().unwrap();
    let deep = WeekWindows::parse(&["mon-thu 08:00-11:00"]).unwrap();
    store.save_hour_set(&HourSet { name: "Deep work".into(), windows: deep }).unwrap();
    let mut task = Task::new(local.task_list.clone(), "Write chapter");
    task.estimate_min = Some(240);
    store.save_task(&task).unwrap();
    store.set_task_hour_set(&task.id, Some("Deep work")).unwrap();

    let p = week(&mut store, at(23, 7, 0));
    let ghosts = habit_ghosts(&p, "Write chapter");
    assert_eq!(ghosts.iter().map(minutes).sum::<i64>(), 240, "{p:?}");
    for g in &ghosts {
        assert_eq!(g.item, PlanItemKind::Task);
        let (s, e) = (parse(&g.start).with_timezone(&ZONE), parse(&g.end).with_timezone(&ZONE));
        assert!(s.hour() >= 8 && (e.hour() < 11 || (e.hour() == 11 && e.minute() == 0)), "{g:?} outside 08-11");
        assert!(s.date_naive() <= at(26, 0, 0).with_timezone(&ZONE).date_naive(), "{g:?} after Thursday");
    }
}

#[test]
fn a_paused_habit_is_not_planned() {
    let mut store = Store::open_in_memory().unwrap();
    store.local_defaults().unwrap();
    let mut h = study(&mut store);
    h.paused = true;
    store.save_habit(&h).unwrap();
    assert!(habit_ghosts(&week(&mut store, at(23, 8, 0)), "Study Spanish").is_empty());
}
