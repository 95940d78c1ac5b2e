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
        .find(|s| {
            busy.iter().all(|b| *s + len + Duration::minutes(10) <= b.start || *s >= b.end + Duration::minutes(10))
        })
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
    let planned_for_task: i64 = again
        .ghosts
        .iter()
        .filter(|g| g.task_id == ghost.task_id)
        .map(|g| (parse(&g.end) - parse(&g.start)).num_minutes())
        .sum();
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
    assert!(
        !check.ghosts.is_empty()
            && check.ghosts.iter().all(|g| g.kind == GhostKind::Move && g.task_id == ghost.task_id),
        "{check:?}"
    );
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
fn a_task_without_an_estimate_is_planned_with_the_default_estimate() {
    let (mut store, now, from, to) = setup();
    let list = store.local_defaults().unwrap().task_list;
    let mut t = Task::new(list.clone(), "Buy milk");
    t.priority = miraage_domain::Priority::HIGHEST;
    store.save_task(&t).unwrap();
    let minutes = |p: &PlanPreview| -> i64 {
        p.ghosts
            .iter()
            .filter(|g| g.task_id == t.id.to_string())
            .map(|g| (parse(&g.end) - parse(&g.start)).num_minutes())
            .sum()
    };
    let p = plan(&mut store, now, from, to);
    assert_eq!(minutes(&p), 30, "the default estimate is planned: {p:?}");
    t.estimate_min = Some(45);
    store.save_task(&t).unwrap();
    assert_eq!(minutes(&plan(&mut store, now, from, to)), 45);
}

#[test]
fn a_block_dragged_outside_its_hours_stays_and_is_not_proposed_back() {
    let (mut store, now, from, to) = setup();
    let p = plan(&mut store, now, from, to);
    let ghost = p.ghosts.iter().find(|g| g.task_id == "demo-review-pr").expect("the PR review is planned").clone();
    // Saturday 10:00: outside work hours, where the user chose to do it.
    let saturday = at(28, 10, 0);
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(ghost.id.clone()), Some(saturday)).unwrap();
    let to = at(30, 0, 0);
    for _ in 0..3 {
        let again = plan(&mut store, now, from, to);
        assert_eq!(again.moved, 0, "{again:?}");
        assert!(
            again.ghosts.iter().all(|g| g.task_id != ghost.task_id),
            "the dragged task is not planned again: {again:?}"
        );
        assert!(check_changes(&mut store, ZONE, now, from, to).unwrap().is_none(), "a check proposes no move");
        accept_all(&mut store, ZONE).unwrap();
    }
    let kept: Vec<_> = store
        .blocks_in_state(BlockState::Accepted)
        .unwrap()
        .into_iter()
        .filter(|b| b.task_id.as_str() == ghost.task_id)
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].start, saturday);

    // It moves only when an event collides with it, and then says why.
    let personal = store.local_defaults().unwrap().calendar;
    let clash = EventTime::timed(saturday, saturday + Duration::minutes(30), ZONE).unwrap();
    store.upsert_events(&[Event::single(personal, "Brunch with Ana", clash)]).unwrap();
    let check = check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a move");
    let mover = check.ghosts.iter().find(|g| g.task_id == ghost.task_id).expect("the block moves");
    let reason = mover.reason.as_deref().unwrap_or_default();
    assert!(reason.contains("Brunch with Ana") && reason.contains("Sat"), "{reason}");
}

#[test]
fn a_finished_task_frees_its_future_blocks_and_cuts_the_one_under_way() {
    let (mut store, now, from, to) = setup();
    let p = plan(&mut store, now, from, to);
    accept_all(&mut store, ZONE).unwrap();
    let roadmap: Vec<_> = p.ghosts.iter().filter(|g| g.task_id == "demo-roadmap").collect();
    assert!(roadmap.len() >= 2, "the roadmap is planned in several blocks: {roadmap:?}");
    let first = (parse(&roadmap[0].start), parse(&roadmap[0].end));
    // Done ten minutes into its first block.
    let done_at = first.0 + Duration::minutes(10);
    let task = miraage_domain::TaskId::from_string("demo-roadmap".to_string());
    store.release_task_blocks(&task, done_at).unwrap();
    let left: Vec<_> =
        store.blocks_in_state(BlockState::Accepted).unwrap().into_iter().filter(|b| b.task_id == task).collect();
    assert_eq!(left.len(), 1, "only the block under way stays: {left:?}");
    assert_eq!((left[0].start, left[0].end), (first.0, done_at));
    let events: Vec<_> = store
        .occurrences(&TimeRange::new(from, to).unwrap(), ZONE, CalendarScope::All)
        .unwrap()
        .into_iter()
        .filter(|o| o.summary == "Write Q1 roadmap")
        .collect();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(parse(&events[0].end), done_at, "its event is cut at the moment it was done");

    // Done through the store's status change: the rest goes, and nothing is planned over it.
    store.set_task_status(&task, miraage_domain::TaskStatus::Completed).unwrap();
    let again = plan(&mut store, now, from, to);
    assert!(again.ghosts.iter().all(|g| g.task_id != "demo-roadmap"));
    assert!(
        again.ghosts.iter().all(|g| parse(&g.end) <= first.0 || parse(&g.start) >= done_at),
        "nothing over the time spent: {again:?}"
    );
}

#[test]
fn a_plan_block_event_miraage_does_not_pin_counts_as_busy() {
    let (mut store, now, from, to) = setup();
    // A block of a task another device planned: an event marked as a plan block, no block row.
    let personal = store.local_defaults().unwrap().calendar;
    let (s, e) = (at(23, 9, 0), at(23, 17, 0));
    let mut ev = Event::single(personal, "Somebody's block", EventTime::timed(s, e, ZONE).unwrap());
    ev.origin = EventOrigin::PlanBlock { task_uid: "elsewhere@example.com".into() };
    store.upsert_events(&[ev]).unwrap();
    let p = plan(&mut store, now, from, to);
    assert!(p.ghosts.iter().all(|g| parse(&g.end) <= s || parse(&g.start) >= e), "{p:?}");
}

#[test]
fn personal_tasks_by_tag_or_project_go_to_personal_hours() {
    let (mut store, now, from, to) = setup();
    let list = store.local_defaults().unwrap().task_list;
    let mut by_project = Task::new(list.clone(), "Call the plumber");
    by_project.project = Some("personal".into());
    by_project.estimate_min = Some(30);
    let mut by_tag = Task::new(list, "Book a haircut");
    by_tag.tags = vec!["Personal".into()];
    by_tag.estimate_min = Some(30);
    store.save_task(&by_project).unwrap();
    store.save_task(&by_tag).unwrap();
    let p = plan(&mut store, now, from, to);
    for t in [&by_project, &by_tag] {
        let ghosts: Vec<_> = p.ghosts.iter().filter(|g| g.task_id == t.id.to_string()).collect();
        assert!(!ghosts.is_empty(), "{} is planned", t.title);
        for g in ghosts {
            let local = parse(&g.start).with_timezone(&ZONE).format("%H:%M").to_string();
            assert!(local.as_str() >= "18:00", "{} at {local} is outside personal hours", t.title);
        }
    }
}

#[test]
fn blocks_of_one_task_keep_the_break_and_lunch_stays_free() {
    let (mut store, now, from, to) = setup();
    let p = plan(&mut store, now, from, to);
    let brk = Duration::minutes(15);
    type Span = (DateTime<Utc>, DateTime<Utc>);
    let mut by_task: std::collections::BTreeMap<&str, Vec<Span>> = Default::default();
    for g in &p.ghosts {
        by_task.entry(g.task_id.as_str()).or_default().push((parse(&g.start), parse(&g.end)));
        let (s, e) = (parse(&g.start).with_timezone(&ZONE), parse(&g.end).with_timezone(&ZONE));
        let lunch = (
            ZONE.from_local_datetime(&s.date_naive().and_hms_opt(12, 0, 0).unwrap()).unwrap(),
            ZONE.from_local_datetime(&s.date_naive().and_hms_opt(13, 0, 0).unwrap()).unwrap(),
        );
        assert!(e <= lunch.0 || s >= lunch.1, "{g:?} is in the lunch break");
    }
    for (task, mut blocks) in by_task {
        blocks.sort();
        for w in blocks.windows(2) {
            assert!(w[1].0 - w[0].1 >= brk, "two blocks of {task} closer than the break: {w:?}");
        }
    }
}

#[test]
fn the_horizon_reaches_the_furthest_due_date_and_at_least_the_setting() {
    let (mut store, now, _, _) = setup();
    let (from, to) = miraage_scheduling::horizon(&store, ZONE, now).unwrap();
    assert_eq!(from, now);
    assert!(to >= now + Duration::days(14));
    let list = store.local_defaults().unwrap().task_list;
    let mut far = Task::new(list, "Annual review");
    far.due = Some(miraage_domain::Due::Date(NaiveDate::from_ymd_opt(2027, 1, 15).unwrap()));
    store.save_task(&far).unwrap();
    let (_, to) = miraage_scheduling::horizon(&store, ZONE, now).unwrap();
    assert_eq!(to, ZONE.with_ymd_and_hms(2027, 1, 16, 0, 0, 0).unwrap().with_timezone(&Utc));
    // Planned on a Sunday evening, the plan still has blocks (the coming days).
    let sunday_evening = at(29, 20, 0);
    let p = miraage_scheduling::plan_ahead(&mut store, ZONE, sunday_evening).unwrap();
    assert!(!p.ghosts.is_empty(), "{p:?}");
}

#[test]
fn a_ghost_replaced_elsewhere_is_reported_gone_and_the_current_proposal_is_the_new_one() {
    let (mut store, now, from, to) = setup();
    let old = plan(&mut store, now, from, to);
    let new = plan(&mut store, now, from, to);
    let stale = PlanBlockId::from_string(old.ghosts[0].id.clone());
    let e = miraage_scheduling::reject_ghost(&mut store, &stale).unwrap_err();
    assert!(matches!(e, miraage_scheduling::SchedulingError::GhostGone), "{e}");
    assert!(matches!(
        accept_ghost(&mut store, ZONE, &stale, None).unwrap_err(),
        miraage_scheduling::SchedulingError::GhostGone
    ));
    let current = miraage_scheduling::current_preview(&store).unwrap().expect("a proposal");
    assert_eq!(current.ghosts, new.ghosts);
    miraage_scheduling::reject_ghost(&mut store, &PlanBlockId::from_string(new.ghosts[0].id.clone())).unwrap();
    assert_eq!(miraage_scheduling::current_preview(&store).unwrap().unwrap().ghosts.len(), new.ghosts.len() - 1);
    reject_all(&mut store).unwrap();
    assert!(miraage_scheduling::current_preview(&store).unwrap().is_none());
}

#[test]
fn a_projects_blocks_go_to_the_calendar_chosen_for_it() {
    let (mut store, now, from, to) = setup();
    let work = store.calendars().unwrap().into_iter().find(|c| c.name == "Work").expect("the demo's Work calendar");
    let mut s = miraage_scheduling::load_settings(&store).unwrap();
    s.project_calendars.insert("engineering".into(), work.id.clone());
    miraage_scheduling::save_settings(&mut store, &s).unwrap();
    let p = plan(&mut store, now, from, to);
    let g = p.ghosts.iter().find(|g| g.task_id == "demo-review-pr").expect("planned").clone();
    let event = accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(g.id), None).unwrap();
    assert_eq!(store.event(&event).unwrap().calendar_id.to_string(), work.id);
    let shown = store.occurrences(&TimeRange::new(from, to).unwrap(), ZONE, CalendarScope::All).unwrap();
    let block = shown.iter().find(|o| o.event_id == event.to_string()).unwrap();
    assert_eq!(block.plan.as_ref().and_then(|m| m.project.as_deref()), Some("engineering"));
}

#[test]
fn with_automatic_re_plans_the_move_is_applied_at_once() {
    let (mut store, now, from, to) = setup();
    let s = miraage_scheduling::PlanSettings {
        apply_replans_automatically: true,
        ..miraage_scheduling::load_settings(&store).unwrap()
    };
    miraage_scheduling::save_settings(&mut store, &s).unwrap();
    let p = plan(&mut store, now, from, to);
    let ghost = p.ghosts[0].clone();
    accept_ghost(&mut store, ZONE, &PlanBlockId::from_string(ghost.id.clone()), None).unwrap();
    reject_all(&mut store).unwrap();
    let (s, e) = (parse(&ghost.start), parse(&ghost.end));
    let personal = store.local_defaults().unwrap().calendar;
    store.upsert_events(&[Event::single(personal, "Surprise meeting", EventTime::timed(s, e, ZONE).unwrap())]).unwrap();
    let applied = check_changes(&mut store, ZONE, now, from, to).unwrap().expect("a change");
    assert!(applied.ghosts.is_empty() && applied.notes.iter().any(|n| n.contains("automatically")), "{applied:?}");
    let accepted = store.blocks_in_state(BlockState::Accepted).unwrap();
    assert!(
        accepted.iter().filter(|b| b.task_id.as_str() == ghost.task_id).all(|b| b.end <= s || b.start >= e),
        "{accepted:?}"
    );
    assert!(check_changes(&mut store, ZONE, now, from, to).unwrap().is_none());
}
