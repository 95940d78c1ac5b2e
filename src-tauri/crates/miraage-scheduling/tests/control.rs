//! The user's control over re-plans, over a real store: every moved ghost says why in one
//! line naming things by title, an automatic re-plan that would move a locked block (a task's or
//! a habit's session) or more than the churn budget is left for review, and ghosts inside the
//! frozen horizon stay.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{
    BlockState, Due, Event, EventTime, Habit, HabitPeriod, HabitPlace, PlanBlockId, Priority, Task, WeekWindows,
};
use miraage_scheduling::{
    accept_ghost, check_changes, load_settings, preview, reject_all, save_settings, GhostKind, GhostView, PlanPreview,
    PlanSettings,
};
use miraage_store::Store;

const ZONE: Tz = chrono_tz::Europe::Berlin;

fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, day, hour, minute, 0).unwrap().with_timezone(&Utc)
}

/// The demo week of Monday 2026-11-23, at 08:00 that Monday, planned up to Saturday.
fn setup(settings: impl FnOnce(&mut PlanSettings)) -> (Store, DateTime<Utc>, DateTime<Utc>, DateTime<Utc>) {
    let mut store = Store::open_in_memory().unwrap();
    store.seed_demo(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), ZONE).unwrap();
    let mut s = load_settings(&store).unwrap();
    settings(&mut s);
    save_settings(&mut store, &s).unwrap();
    (store, at(23, 8, 0), at(23, 0, 0), at(28, 0, 0))
}

fn plan(store: &mut Store, now: DateTime<Utc>, from: DateTime<Utc>, to: DateTime<Utc>) -> PlanPreview {
    preview(store, ZONE, now, from, to).unwrap()
}

fn parse(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Accepts the first ghost, clears the rest, and puts `meeting` exactly on it.
fn accept_then_cover(store: &mut Store, p: &PlanPreview, meeting: &str) -> GhostView {
    let ghost = p.ghosts[0].clone();
    accept_ghost(store, ZONE, &PlanBlockId::from_string(ghost.id.clone()), None).unwrap();
    reject_all(store).unwrap();
    let (s, e) = (parse(&ghost.start), parse(&ghost.end));
    let personal = store.local_defaults().unwrap().calendar;
    store.upsert_events(&[Event::single(personal, meeting, EventTime::timed(s, e, ZONE).unwrap())]).unwrap();
    ghost
}

#[test]
fn a_move_ghost_names_the_event_that_now_overlaps_its_block_and_where_it_went() {
    let (mut store, now, from, to) = setup(|_| {});
    let p = plan(&mut store, now, from, to);
    let ghost = accept_then_cover(&mut store, &p, "Design review");
    let check = check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a re-plan");
    let moved: Vec<&GhostView> = check.ghosts.iter().filter(|g| g.kind == GhostKind::Move).collect();
    assert!(!moved.is_empty(), "{check:?}");
    for g in moved {
        let reason = g.reason.as_deref().unwrap_or_default();
        let at = parse(&ghost.start).with_timezone(&ZONE).format("%a %H:%M").to_string();
        assert!(reason.starts_with(&format!("“Design review” at {at} now overlaps this block")), "{reason}");
        assert!(reason.contains("placed at "), "says where it went: {reason}");
        assert!(!reason.contains('\n') && !reason.contains(&g.task_id), "one line, no ids: {reason}");
    }
}

#[test]
fn an_automatic_re_plan_that_would_move_a_locked_block_is_left_for_review() {
    let (mut store, now, from, to) = setup(|s| s.apply_replans_automatically = true);
    let p = plan(&mut store, now, from, to);
    let ghost = p.ghosts[0].clone();
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(ghost.id.clone()), None).unwrap();
    let block = store.blocks_in_state(BlockState::Accepted).unwrap().remove(0);
    store.set_block_locked(&block.id, true).unwrap();
    reject_all(&mut store).unwrap();
    let (s, e) = (parse(&ghost.start), parse(&ghost.end));
    let personal = store.local_defaults().unwrap().calendar;
    store.upsert_events(&[Event::single(personal, "Board call", EventTime::timed(s, e, ZONE).unwrap())]).unwrap();

    let check = check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a re-plan");
    assert!(!check.ghosts.is_empty(), "the move is shown, not applied: {check:?}");
    assert!(check.notes.iter().any(|n| n.contains("is locked") && n.contains(&ghost.title)), "{:?}", check.notes);
    assert!(check.ghosts[0].reason.as_deref().unwrap_or_default().contains("“Board call”"), "{check:?}");
    assert!(check.ghosts[0].reason.as_deref().unwrap_or_default().contains("this locked block"), "{check:?}");
    assert_eq!(store.plan_block(&block.id).unwrap().state, BlockState::Locked, "still where the user locked it");
}

#[test]
fn an_automatic_re_plan_that_would_move_a_locked_habit_session_is_left_for_review() {
    let (mut store, now, from, to) = setup(|s| s.apply_replans_automatically = true);
    let window = WeekWindows::parse(&["mon-fri 18:00-21:00"]).unwrap();
    store.save_habit(&Habit::new("Piano", 60, HabitPeriod::Day, HabitPlace::Window(window))).unwrap();
    let p = plan(&mut store, now, from, to);
    let ghost = p.ghosts.iter().find(|g| g.title == "Piano").expect("a session").clone();
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(ghost.id.clone()), None).unwrap();
    store.set_habit_block_locked(&PlanBlockId::from_string(ghost.id.clone()), true).unwrap();
    reject_all(&mut store).unwrap();
    let (s, e) = (parse(&ghost.start), parse(&ghost.end));
    let personal = store.local_defaults().unwrap().calendar;
    store.upsert_events(&[Event::single(personal, "Rehearsal", EventTime::timed(s, e, ZONE).unwrap())]).unwrap();

    let check = check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a re-plan");
    assert!(check.notes.iter().any(|n| n.contains("“Piano” is locked")), "{:?}", check.notes);
    let moved = check.ghosts.iter().find(|g| g.title == "Piano").expect("the move is shown, not applied");
    assert!(moved.reason.as_deref().unwrap_or_default().contains("this locked block"), "{moved:?}");
    let kept = store.habit_block(&PlanBlockId::from_string(ghost.id)).unwrap().expect("still there");
    assert_eq!((kept.state, kept.start), (BlockState::Locked, s), "still where the user locked it");
}

#[test]
fn an_automatic_re_plan_moving_more_than_the_churn_budget_is_left_for_review() {
    let (mut store, now, from, to) = setup(|s| {
        s.apply_replans_automatically = true;
        s.churn_budget_min = Some(5);
    });
    let p = plan(&mut store, now, from, to);
    let ghost = accept_then_cover(&mut store, &p, "All hands");
    let check = check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a re-plan");
    assert!(!check.ghosts.is_empty(), "{check:?}");
    let minutes = (parse(&ghost.end) - parse(&ghost.start)).num_minutes();
    assert!(
        check.notes.iter().any(|n| n.contains("more than the 5 min you allow without asking") && n.contains("min")),
        "{minutes} min moved: {:?}",
        check.notes
    );
    assert_eq!(store.blocks_in_state(BlockState::Accepted).unwrap().len(), 1, "nothing moved yet");

    // With no budget the same move is applied at once.
    let mut s = load_settings(&store).unwrap();
    s.churn_budget_min = None;
    save_settings(&mut store, &s).unwrap();
    let applied = check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a re-plan");
    assert!(applied.ghosts.is_empty() && applied.notes.iter().any(|n| n.starts_with("Re-plan applied")), "{applied:?}");
}

#[test]
fn ghosts_inside_the_frozen_horizon_stay_when_urgent_work_arrives() {
    let (mut store, now, from, to) = setup(|s| s.frozen_horizon_min = 24 * 60);
    let first = plan(&mut store, now, from, to);
    let until = now + chrono::Duration::hours(24);
    let early: Vec<(String, String, String)> = first
        .ghosts
        .iter()
        .filter(|g| parse(&g.start) < until)
        .map(|g| (g.task_id.clone(), g.start.clone(), g.end.clone()))
        .collect();
    assert!(!early.is_empty(), "{first:?}");
    let list = store.local_defaults().unwrap().task_list;
    let mut t = Task::new(list, "Fix the outage");
    t.priority = Priority::HIGHEST;
    t.estimate_min = Some(240);
    t.due = Some(Due::Instant(at(23, 18, 0)));
    store.save_task(&t).unwrap();
    let second = plan(&mut store, now, from, to);
    for g in &early {
        assert!(
            second.ghosts.iter().any(|x| (&x.task_id, &x.start, &x.end) == (&g.0, &g.1, &g.2)),
            "{g:?} lies in the frozen horizon and moved: {second:?}"
        );
    }
}

#[test]
fn a_ghost_that_moves_when_planning_again_says_what_it_made_room_for() {
    let (mut store, now, from, to) = setup(|s| s.frozen_horizon_min = 0);
    let first = plan(&mut store, now, from, to);
    let list = store.local_defaults().unwrap().task_list;
    let mut t = Task::new(list, "Fix the outage");
    t.priority = Priority::HIGHEST;
    t.estimate_min = Some(300);
    t.due = Some(Due::Instant(at(23, 18, 0)));
    store.save_task(&t).unwrap();
    let second = plan(&mut store, now, from, to);
    let was =
        |g: &GhostView| first.ghosts.iter().any(|x| (&x.task_id, &x.start, &x.end) == (&g.task_id, &g.start, &g.end));
    let moved: Vec<&GhostView> =
        second.ghosts.iter().filter(|g| !was(g) && first.ghosts.iter().any(|x| x.task_id == g.task_id)).collect();
    assert!(!moved.is_empty(), "an urgent task moves something: {second:?}");
    for g in moved {
        let reason = g.reason.as_deref().unwrap_or_default();
        assert!(!reason.is_empty(), "{g:?} moved without a reason");
    }
    assert!(
        second.ghosts.iter().filter_map(|g| g.reason.as_deref()).any(|r| r.contains("made room for “Fix the outage”")),
        "{second:?}"
    );
}

fn draft(title: &str, minutes: u32, due: Option<Due>) -> miraage_scheduling::Draft {
    miraage_scheduling::Draft {
        title: title.into(),
        estimate_min: Some(minutes),
        due,
        priority: 2,
        personal: false,
        project: None,
    }
}

#[test]
fn a_forecast_says_when_a_new_task_would_be_done_and_writes_nothing() {
    let (mut store, now, from, to) = setup(|_| {});
    plan(&mut store, now, from, to);
    let ghosts = store.blocks_in_state(BlockState::Proposed).unwrap();
    let tasks = store.tasks(miraage_store::TaskFilter::All).unwrap().len();
    let f = miraage_scheduling::forecast_draft(&store, ZONE, now, &draft("Write report", 60, None)).unwrap();
    let done = parse(f.done_by.as_deref().expect("it fits"));
    assert!(done > now, "{f:?}");
    assert_eq!(f.message, format!("done by {}", done.with_timezone(&ZONE).format("%a %H:%M")));
    assert_eq!((f.planned_min, f.needed_min, f.at_risk), (60, 60, false));
    assert_eq!(store.blocks_in_state(BlockState::Proposed).unwrap(), ghosts, "the ghosts are untouched");
    assert_eq!(store.tasks(miraage_store::TaskFilter::All).unwrap().len(), tasks, "no task was added");
}

#[test]
fn a_forecast_of_more_work_than_fits_before_the_due_date_is_at_risk_with_what_is_short() {
    let (store, now, _, _) = setup(|_| {});
    // Ten hours due at noon today, two hours after work starts.
    let f = miraage_scheduling::forecast_draft(
        &store,
        ZONE,
        now,
        &draft("Quarterly report", 600, Some(Due::Instant(at(23, 12, 0)))),
    )
    .unwrap();
    assert!(f.at_risk, "{f:?}");
    assert!(f.message.starts_with("at risk: "), "{}", f.message);
    assert!(f.message.ends_with("its due date Mon 12:00"), "{}", f.message);

    // An open task of the store, by its id.
    let task = store.tasks(miraage_store::TaskFilter::Open).unwrap().remove(0);
    let f = miraage_scheduling::forecast_task(&store, ZONE, now, &task.id).unwrap();
    assert_eq!(f.title, task.title);
    assert!(!f.message.is_empty() && f.needed_min > 0, "{f:?}");
}

#[test]
fn the_week_load_counts_accepted_blocks_and_ghosts_against_free_hours() {
    let (mut store, now, from, to) = setup(|_| {});
    let before = miraage_scheduling::week_load(&store, ZONE, now).unwrap();
    assert_eq!(before.planned_min, 0);
    assert!(before.free_min > 20 * 60, "a work week less the demo's meetings: {before:?}");
    let p = plan(&mut store, now, from, to);
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(p.ghosts[0].id.clone()), None).unwrap();
    let after = miraage_scheduling::week_load(&store, ZONE, now).unwrap();
    assert!(after.planned_min > 0 && after.planned_min <= after.free_min, "{after:?}");
    assert!(after.message.ends_with("free this week") && after.message.contains(" planned of "), "{}", after.message);
}
