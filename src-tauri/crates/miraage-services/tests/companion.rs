//! The companion's use cases over a real SQLite file at a given `now`: Now / Next, Plan
//! today, and Start / Done / Snooze / Skip of an accepted block with their history rows.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{
    Attendee, BlockState, Event, EventOrigin, EventTime, HistoryKind, Organizer, Participation, People, PlanBlock,
    Provider, TimeRange,
};
use miraage_services::companion::{self, notices, settings, BlockAction, CompanionSettings};
use miraage_services::events::{self, EventInput};
use miraage_services::tasks::{self, TaskInput};
use miraage_services::{planning, ErrorCode};
use miraage_store::{CalendarScope, Store};

const ZONE: Tz = chrono_tz::Europe::Berlin;

/// Monday 2026-11-23 at `hour:minute` in Berlin.
fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, 23, hour, minute, 0).unwrap().with_timezone(&Utc)
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
}

/// A new database file with one task, "Write report" (1 h), planned and accepted from 08:00
/// on Monday; returns its accepted block.
fn planned() -> (Fixture, PlanBlock) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let input = TaskInput { title: "Write report".into(), estimate_min: Some(60), ..TaskInput::default() };
    tasks::add(&mut store, input).unwrap();
    planning::plan_range(&mut store, ZONE, at(8, 0), at(8, 0), at(20, 0)).unwrap();
    planning::accept_all(&mut store, ZONE).unwrap();
    let block = only_block(&store);
    (Fixture { _dir: dir, store }, block)
}

fn only_block(store: &Store) -> PlanBlock {
    let mut blocks = store.blocks_in_state(BlockState::Accepted).unwrap();
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    blocks.remove(0)
}

fn event(store: &mut Store, title: &str, start: DateTime<Utc>, minutes: i64) {
    let time = EventTime::timed(start, start + Duration::minutes(minutes), ZONE).unwrap();
    events::create(store, EventInput { title: title.into(), time, calendar: None, rrule: None }).unwrap();
}

fn kinds(store: &Store, block: &PlanBlock) -> Vec<HistoryKind> {
    store.history(&block.task_id).unwrap().into_iter().map(|h| h.kind).collect()
}

fn plan_events(store: &Store) -> Vec<(String, String, String)> {
    let day = TimeRange::new(at(0, 0), at(23, 59)).unwrap();
    store
        .occurrences(&day, ZONE, CalendarScope::All)
        .unwrap()
        .into_iter()
        .filter(|o| o.plan.is_some())
        .map(|o| (o.summary, o.start, o.end))
        .collect()
}

fn rfc(t: DateTime<Utc>) -> String {
    miraage_domain::time::format_instant(t)
}

#[test]
fn now_next_names_the_block_under_way_and_the_next_event_by_title() {
    let (mut f, block) = planned();
    event(&mut f.store, "Standup", block.end + Duration::minutes(30), 15);
    let view = companion::now_next(&f.store, ZONE, block.start + Duration::minutes(10)).unwrap();
    let local = |t: DateTime<Utc>| t.with_timezone(&ZONE).format("%H:%M").to_string();
    assert_eq!(view.now_line, format!("Now: Write report, {}–{}", local(block.start), local(block.end)));
    assert!(view.next_line.starts_with("Next: Standup, "), "{}", view.next_line);
    assert_eq!(view.target.as_ref().and_then(|t| t.block_id.clone()), Some(block.id.to_string()));
    assert_eq!(view.sync_line, "Sync now (no accounts yet)");
    assert!(
        view.tooltip.contains("Write report until") && view.tooltip.contains("next Standup at"),
        "{}",
        view.tooltip
    );

    // Before the block: nothing now, the block is next and is what the actions act on.
    let early = companion::now_next(&f.store, ZONE, block.start - Duration::minutes(30)).unwrap();
    assert_eq!(early.now_line, "Now: free");
    assert!(early.next_line.starts_with("Next: Write report"), "{}", early.next_line);
    assert_eq!(early.target.and_then(|t| t.block_id), Some(block.id.to_string()));

    // After the standup: the next text moves on as time passes.
    let late = companion::now_next(&f.store, ZONE, block.end + Duration::hours(2)).unwrap();
    assert!(late.now.is_none() && late.next.is_none() && late.target.is_none(), "{late:?}");
    assert_ne!(late.next_line, early.next_line);
}

#[test]
fn snooze_moves_the_block_fifteen_minutes_later_through_an_accepted_move() {
    let (mut f, block) = planned();
    let now = block.start - Duration::minutes(30);
    let out = companion::act(&mut f.store, ZONE, now, BlockAction::Snooze, block.id.as_str()).unwrap();
    let moved = only_block(&f.store);
    assert_ne!(moved.id, block.id, "the old block is replaced, as an accepted move replaces it");
    assert_eq!((moved.start, moved.end), (block.start + Duration::minutes(15), block.end + Duration::minutes(15)));
    assert_eq!(plan_events(&f.store), vec![("Write report".into(), rfc(moved.start), rfc(moved.end))]);
    assert!(out.message.starts_with("“Write report” moved to "), "{}", out.message);
    assert_eq!(kinds(&f.store, &block), vec![HistoryKind::Planned, HistoryKind::Snoozed, HistoryKind::Planned]);
}

#[test]
fn snooze_of_a_block_under_way_puts_it_fifteen_minutes_after_now() {
    let (mut f, block) = planned();
    let now = block.start + Duration::minutes(20);
    companion::act(&mut f.store, ZONE, now, BlockAction::Snooze, block.id.as_str()).unwrap();
    let moved = only_block(&f.store);
    assert_eq!(moved.start, now + Duration::minutes(15));
    assert_eq!(moved.end - moved.start, block.end - block.start);
}

#[test]
fn done_keeps_the_time_spent_and_frees_the_rest() {
    let (mut f, block) = planned();
    let now = block.start + Duration::minutes(20);
    let out = companion::act(&mut f.store, ZONE, now, BlockAction::Done, block.id.as_str()).unwrap();
    assert_eq!(out.message, "“Write report” done after 20 min; the rest of its time is free.");
    let cut = f.store.plan_block(&block.id).unwrap();
    assert_eq!((cut.start, cut.end), (block.start, now));
    assert_eq!(plan_events(&f.store), vec![("Write report".into(), rfc(block.start), rfc(now))]);
    let done = f.store.history(&block.task_id).unwrap().pop().unwrap();
    assert_eq!((done.kind, done.start, done.end, done.actual_min), (HistoryKind::Done, block.start, now, Some(20)));
}

#[test]
fn done_before_the_block_starts_is_refused_and_changes_nothing() {
    let (mut f, block) = planned();
    let err =
        companion::act(&mut f.store, ZONE, block.start - Duration::minutes(5), BlockAction::Done, block.id.as_str())
            .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().starts_with("“Write report” has not started yet"), "{err}");
    assert_eq!(only_block(&f.store), block);
    assert_eq!(kinds(&f.store, &block), vec![HistoryKind::Planned]);
}

#[test]
fn skip_of_a_block_not_started_gives_its_time_back() {
    let (mut f, block) = planned();
    let out =
        companion::act(&mut f.store, ZONE, block.start - Duration::minutes(5), BlockAction::Skip, block.id.as_str())
            .unwrap();
    assert_eq!(out.message, "Skipped “Write report”; its time is free.");
    assert!(f.store.blocks_in_state(BlockState::Accepted).unwrap().is_empty());
    assert!(plan_events(&f.store).is_empty());
    assert_eq!(kinds(&f.store, &block), vec![HistoryKind::Planned, HistoryKind::Skipped]);
}

#[test]
fn start_of_a_later_block_moves_it_to_begin_now() {
    let (mut f, block) = planned();
    let now = block.start - Duration::minutes(40);
    let out = companion::act(&mut f.store, ZONE, now, BlockAction::Start, block.id.as_str()).unwrap();
    let started = only_block(&f.store);
    assert_eq!((started.start, started.end), (now, now + (block.end - block.start)));
    assert!(out.message.starts_with("Started “Write report”, until "), "{}", out.message);
    assert!(kinds(&f.store, &block).contains(&HistoryKind::Started));
}

#[test]
fn an_action_on_a_block_deleted_meanwhile_says_so_and_changes_nothing() {
    let (mut f, block) = planned();
    tasks::delete(&mut f.store, "Write report").unwrap();
    for action in [BlockAction::Start, BlockAction::Done, BlockAction::Snooze, BlockAction::Skip] {
        let err = companion::act(&mut f.store, ZONE, block.start, action, block.id.as_str()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NotFound);
        assert!(err.to_string().starts_with("That plan block is gone"), "{err}");
    }
}

#[test]
fn a_snooze_onto_the_next_block_replans_what_follows() {
    let (mut f, block) = planned();
    // A meeting right after the block: snoozing pushes the block into it.
    event(&mut f.store, "Review", block.end, 15);
    let out =
        companion::act(&mut f.store, ZONE, block.start - Duration::minutes(30), BlockAction::Snooze, block.id.as_str())
            .unwrap();
    let replan = out.replan.expect("the snoozed block now overlaps “Review”: a move is proposed");
    assert_eq!(replan.moved, 1);
    assert!(replan.ghosts[0].reason.as_deref().unwrap_or("").contains("“Review”"), "{replan:?}");
}

#[test]
fn plan_today_leaves_a_preview_unless_the_setting_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let input = TaskInput { title: "Write report".into(), estimate_min: Some(60), ..TaskInput::default() };
    tasks::add(&mut store, input).unwrap();
    let out = companion::plan_today(&mut store, ZONE, at(9, 0)).unwrap();
    assert_eq!(out.accepted, 0);
    assert!(!out.preview.ghosts.is_empty());
    assert!(out.message.ends_with("proposed for the rest of today: open Miraage to accept them."), "{}", out.message);
    assert!(store.blocks_in_state(BlockState::Accepted).unwrap().is_empty());
    let to = DateTime::parse_from_rfc3339(&out.preview.to).unwrap();
    assert_eq!(to.with_timezone(&ZONE).format("%d %H:%M").to_string(), "24 00:00", "the rest of today only");

    let accept = CompanionSettings { plan_today_accepts: true, ..CompanionSettings::default() };
    settings::save(&mut store, &accept).unwrap();
    let out = companion::plan_today(&mut store, ZONE, at(9, 0)).unwrap();
    assert!(out.accepted >= 1 && out.preview.ghosts.is_empty(), "{out:?}");
    assert!(!store.blocks_in_state(BlockState::Accepted).unwrap().is_empty());
    assert!(store.blocks_in_state(BlockState::Proposed).unwrap().is_empty());

    // Late at night nothing fits any more today: the message says so by the task's title.
    let late = companion::plan_today(&mut store, ZONE, at(23, 50)).unwrap();
    assert_eq!(late.accepted, 0);
}

#[test]
fn companion_settings_refuse_a_reminder_lead_over_a_day_and_keep_the_old_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    assert_eq!(settings::load(&store).unwrap(), CompanionSettings::default());
    let bad = CompanionSettings { reminder_min: 2000, ..CompanionSettings::default() };
    let err = settings::save(&mut store, &bad).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().contains("reminder lead"), "{err}");
    assert_eq!(settings::load(&store).unwrap(), CompanionSettings::default());
}

/// An invitation on the local calendar at `start` whose attendee `me` answered `status`.
fn invitation(store: &mut Store, title: &str, start: DateTime<Utc>, me: Attendee) {
    let calendar = store.local_defaults().unwrap().calendar;
    let time = EventTime::timed(start, start + Duration::minutes(30), ZONE).unwrap();
    let mut event = Event::single(calendar, title, time);
    event.people = People {
        organizer: Some(Organizer { name: Some("Ana Lima".into()), email: "ana@example.com".into(), is_self: false }),
        attendees: vec![me],
        guest_copy: false,
    };
    store.upsert_events(&[event]).unwrap();
}

#[test]
fn a_declined_invitation_gets_no_reminder_and_is_not_next() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    // A CalDAV account does not say which attendee is its user: its user name does.
    store.add_account("Work", Provider::CalDav, Some("https://dav.example.com/"), Some("me@example.com")).unwrap();
    let declined =
        |email: &str, is_self: bool| Attendee { status: Participation::Declined, is_self, ..Attendee::new(email) };
    invitation(&mut store, "Budget", at(10, 0), declined("me@other.example", true));
    invitation(&mut store, "Offsite", at(10, 30), declined("ME@example.com", false));
    invitation(&mut store, "Retro", at(11, 0), declined("bruno@example.com", false));

    let agenda = companion::agenda(&store, ZONE, at(9, 0), at(0, 0), at(23, 59)).unwrap();
    let titles: Vec<_> = agenda.iter().map(|(_, _, i)| i.title.as_str()).collect();
    assert_eq!(titles, vec!["Retro"], "only the meeting someone else declined stays");
    let view = companion::now_next(&store, ZONE, at(9, 0)).unwrap();
    assert!(view.next_line.starts_with("Next: Retro, "), "{}", view.next_line);
    let sent = notices::reminders(&CompanionSettings::default(), &agenda, at(9, 0), at(10, 55), ZONE);
    let summaries: Vec<_> = sent.iter().map(|n| n.summary.as_str()).collect();
    assert_eq!(summaries, vec!["Retro starts in 5 min"]);
}

#[test]
fn a_focus_habits_block_is_focus_time_in_the_agenda_and_a_habits_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let calendar = store.local_defaults().unwrap().calendar;
    for (title, mark, hour) in [("Deep work", "focus:f1", 9), ("Run", "habit:h1", 12)] {
        let time = EventTime::timed(at(hour, 0), at(hour + 1, 0), ZONE).unwrap();
        let mut event = Event::single(calendar.clone(), title, time);
        event.origin = EventOrigin::PlanBlock { task_uid: mark.into() };
        store.upsert_events(&[event]).unwrap();
    }
    let agenda = companion::agenda(&store, ZONE, at(8, 0), at(0, 0), at(23, 59)).unwrap();
    let focus: Vec<_> = agenda.iter().map(|(_, _, i)| (i.title.as_str(), i.focus)).collect();
    assert_eq!(focus, vec![("Deep work", true), ("Run", false)]);
    assert!(notices::quiet(&CompanionSettings::default(), &agenda, at(9, 30)));
    assert!(!notices::quiet(&CompanionSettings::default(), &agenda, at(12, 30)));
}

/// A new database file with one daily habit, "Stretch" (60 min a day, 08:00-20:00), planned
/// and accepted on Monday from 08:00; returns its accepted session.
fn habit_planned() -> (Fixture, miraage_domain::HabitBlock) {
    use miraage_services::habits::{self, HabitDraft};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let draft = HabitDraft {
        title: "Stretch".into(),
        minutes: 60,
        per: Some(miraage_domain::HabitPeriod::Day),
        windows: vec!["daily 08:00-20:00".into()],
        ..HabitDraft::default()
    };
    habits::add(&mut store, ZONE, at(8, 0), &draft).unwrap();
    planning::plan_range(&mut store, ZONE, at(8, 0), at(8, 0), at(20, 0)).unwrap();
    planning::accept_all(&mut store, ZONE).unwrap();
    let mut sessions = store.habit_blocks_in_state(BlockState::Accepted).unwrap();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    (Fixture { _dir: dir, store }, sessions.remove(0))
}

fn habit_done_min(store: &Store, now: DateTime<Utc>) -> u32 {
    miraage_services::habits::list(store, ZONE, now).unwrap()[0].done_min
}

#[test]
fn a_habit_session_is_now_and_next_and_the_target_of_the_trays_actions() {
    let (mut f, session) = habit_planned();
    let before = companion::now_next(&f.store, ZONE, session.start - Duration::minutes(30)).unwrap();
    let next = before.next.unwrap();
    assert_eq!((next.title.as_str(), next.block_id.as_deref()), ("Stretch", Some(session.id.as_str())));
    assert_eq!(before.target.and_then(|t| t.block_id).as_deref(), Some(session.id.as_str()));
    let during = companion::now_next(&f.store, ZONE, session.start + Duration::minutes(10)).unwrap();
    assert!(during.now_line.starts_with("Now: Stretch, "), "{}", during.now_line);
    let target = during.target.unwrap();
    assert_eq!((target.block_id.as_deref(), target.habit), (Some(session.id.as_str()), true));
    // The tray's Lock pins it like a task's block; Snooze then leaves it where it is.
    let locked = miraage_services::locks::toggle(&mut f.store, ZONE, session.start, session.id.as_str()).unwrap();
    assert!(locked.starts_with("Locked “Stretch”"), "{locked}");
    let now = session.start - Duration::minutes(30);
    let e = companion::act(&mut f.store, ZONE, now, BlockAction::Snooze, session.id.as_str()).unwrap_err();
    assert!(e.to_string().contains("“Stretch” is pinned where it is"), "{e}");
}

#[test]
fn snooze_moves_a_habit_session_and_its_event_fifteen_minutes_later() {
    let (mut f, session) = habit_planned();
    let now = session.start - Duration::minutes(30);
    let out = companion::act(&mut f.store, ZONE, now, BlockAction::Snooze, session.id.as_str()).unwrap();
    let (start, end) = (session.start + Duration::minutes(15), session.end + Duration::minutes(15));
    assert!(out.message.starts_with("“Stretch” moved to "), "{}", out.message);
    let moved = f.store.habit_block(&session.id).unwrap().unwrap();
    assert_eq!((moved.start, moved.end, moved.state), (start, end, BlockState::Accepted));
    assert_eq!(plan_events(&f.store), vec![("Stretch".to_string(), rfc(start), rfc(end))], "its event moved with it");
}

#[test]
fn done_on_a_habit_session_keeps_the_time_spent_and_the_rest_is_planned_again_the_same_day() {
    let (mut f, session) = habit_planned();
    let now = session.start + Duration::minutes(20);
    let out = companion::act(&mut f.store, ZONE, now, BlockAction::Done, session.id.as_str()).unwrap();
    assert_eq!(out.message, "“Stretch” done after 20 min; the rest of its time is free.");
    assert_eq!(f.store.habit_block(&session.id).unwrap().unwrap().end, now);
    assert_eq!(plan_events(&f.store), vec![("Stretch".to_string(), rfc(session.start), rfc(now))]);
    assert_eq!(habit_done_min(&f.store, now), 20);
    // Carry-over: the 40 minutes left are owed again and planned later today.
    let plan = planning::plan_range(&mut f.store, ZONE, now, now, at(20, 0)).unwrap();
    let ghost_min: i64 = plan
        .ghosts
        .iter()
        .filter(|g| g.title == "Stretch")
        .map(|g| {
            (DateTime::parse_from_rfc3339(&g.end).unwrap() - DateTime::parse_from_rfc3339(&g.start).unwrap())
                .num_minutes()
        })
        .sum();
    assert_eq!(ghost_min, 40, "{:?}", plan.ghosts);
}

#[test]
fn skip_of_a_habit_session_not_started_removes_it_with_its_event_and_done_before_it_is_refused() {
    let (mut f, session) = habit_planned();
    let now = session.start - Duration::minutes(30);
    let e = companion::act(&mut f.store, ZONE, now, BlockAction::Done, session.id.as_str()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("“Stretch” has not started yet"), "{e}");
    assert_eq!(plan_events(&f.store).len(), 1, "nothing changed");
    let out = companion::act(&mut f.store, ZONE, now, BlockAction::Skip, session.id.as_str()).unwrap();
    assert!(out.message.starts_with("Skipped “Stretch”"), "{}", out.message);
    assert!(f.store.habit_block(&session.id).unwrap().is_none());
    assert!(plan_events(&f.store).is_empty(), "its event is gone");
}
