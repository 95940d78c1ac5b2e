//! Locking an accepted block over a real SQLite file: it stays when a meeting lands next to
//! it, moves only when one lands on it (the move ghost says so and accepting it removes the
//! locked block), a lock where an event already is is refused naming the event, the window
//! sees the lock mark, and lock and unlock are undone like other edits. A habit's accepted
//! session is locked the same way.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, EventTime, HabitBlock, HabitPeriod, PlanBlock, TimeRange};
use miraage_services::events::{self, EventInput};
use miraage_services::habits::{self, HabitDraft};
use miraage_services::tasks::{self, TaskInput};
use miraage_services::{locks, planning, undo, ErrorCode};
use miraage_store::{CalendarScope, Store};

const ZONE: Tz = chrono_tz::Europe::Berlin;

/// Monday 2026-11-23 at `hour:minute` in Berlin.
fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, 23, hour, minute, 0).unwrap().with_timezone(&Utc)
}

/// A database file with "Write report" (1 h) planned and accepted from 08:00 on Monday.
fn planned() -> (tempfile::TempDir, Store, PlanBlock) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let input = TaskInput { title: "Write report".into(), estimate_min: Some(60), ..TaskInput::default() };
    tasks::add(&mut store, input).unwrap();
    planning::plan_range(&mut store, ZONE, at(8, 0), at(8, 0), at(20, 0)).unwrap();
    planning::accept_all(&mut store, ZONE).unwrap();
    let block = store.blocks_in_state(BlockState::Accepted).unwrap().remove(0);
    (dir, store, block)
}

fn event(store: &mut Store, title: &str, start: DateTime<Utc>, minutes: i64) {
    let time = EventTime::timed(start, start + Duration::minutes(minutes), ZONE).unwrap();
    events::create(store, EventInput { title: title.into(), time, calendar: None, rrule: None }).unwrap();
}

fn state(store: &Store, block: &PlanBlock) -> Option<BlockState> {
    store.plan_block(&block.id).ok().map(|b| b.state)
}

#[test]
fn a_locked_block_stays_when_a_meeting_lands_next_to_it_and_moves_only_on_collision() {
    let (_dir, mut store, block) = planned();
    let event_id = block.event_id.clone().unwrap().to_string();
    let said = locks::set_locked(&mut store, ZONE, at(8, 0), &event_id, true).unwrap();
    assert!(said.starts_with("Locked “Write report” at Mon "), "{said}");
    assert_eq!(state(&store, &block), Some(BlockState::Locked));

    // A meeting ending where the block starts (inside the buffer): nothing moves.
    event(&mut store, "Standup", block.start - Duration::minutes(30), 30);
    assert!(planning::check(&mut store, ZONE, at(8, 0), None).unwrap().is_none());
    assert_eq!(store.plan_block(&block.id).unwrap().start, block.start);

    // A meeting on it: the move ghost names it and says the block was locked.
    event(&mut store, "Design review", block.start + Duration::minutes(15), 30);
    let check = planning::check(&mut store, ZONE, at(8, 0), None).unwrap().expect("a move");
    let ghost = &check.ghosts[0];
    let reason = ghost.reason.clone().unwrap_or_default();
    assert!(reason.contains("“Design review”") && reason.contains("this locked block"), "{reason}");
    assert_eq!(state(&store, &block), Some(BlockState::Locked), "nothing moves until the user accepts");

    // Accepting the move replaces the locked block (and its event) like any other.
    planning::accept(&mut store, ZONE, at(8, 0), &ghost.id, None).unwrap();
    assert_eq!(state(&store, &block), None, "the old block is gone");
    let blocks = store.blocks_in_state(BlockState::Accepted).unwrap();
    assert_eq!(blocks.len(), 1, "{blocks:?}");
    let week = TimeRange::new(at(0, 0), at(23, 59)).unwrap();
    let reports =
        store.occurrences(&week, ZONE, CalendarScope::All).unwrap().into_iter().filter(|o| o.summary == "Write report");
    assert_eq!(reports.count(), 1, "one event for the moved block");
}

#[test]
fn a_lock_where_an_event_already_is_is_refused_naming_it_and_nothing_changes() {
    let (_dir, mut store, block) = planned();
    event(&mut store, "Dentist", block.start, 20);
    let err = locks::set_locked(&mut store, ZONE, at(8, 0), block.id.as_str(), true).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    let message = err.to_string();
    assert!(
        message.contains("“Write report” cannot be locked") && message.contains("“Dentist” overlaps it"),
        "{message}"
    );
    assert_eq!(state(&store, &block), Some(BlockState::Accepted));

    let gone = locks::set_locked(&mut store, ZONE, at(8, 0), "no-such-block", true).unwrap_err();
    assert_eq!(gone.code(), ErrorCode::NotFound);
    let over = locks::set_locked(&mut store, ZONE, block.end + Duration::minutes(1), block.id.as_str(), true);
    assert!(over.unwrap_err().to_string().contains("already over"));
}

#[test]
fn the_window_sees_the_lock_mark_and_lock_and_unlock_are_undone() {
    let (_dir, mut store, block) = planned();
    let marked = |store: &Store| {
        let day = TimeRange::new(at(0, 0), at(23, 59)).unwrap();
        store
            .occurrences(&day, ZONE, CalendarScope::All)
            .unwrap()
            .into_iter()
            .find_map(|o| o.plan.filter(|_| o.summary == "Write report"))
            .map(|m| m.locked)
    };
    assert_eq!(marked(&store), Some(false));
    locks::set_locked(&mut store, ZONE, at(8, 0), block.id.as_str(), true).unwrap();
    assert_eq!(marked(&store), Some(true));
    assert!(locks::is_locked(&store, block.id.as_str()).unwrap());

    let undone = undo::undo(&mut store).unwrap();
    assert!(undone.message.contains("locked “Write report”"), "{}", undone.message);
    assert_eq!(state(&store, &block), Some(BlockState::Accepted));
    undo::redo(&mut store).unwrap();
    assert_eq!(state(&store, &block), Some(BlockState::Locked));

    let said = locks::toggle(&mut store, ZONE, at(8, 0), block.id.as_str()).unwrap();
    assert!(said.starts_with("Unlocked “Write report”"), "{said}");
    assert_eq!(marked(&store), Some(false));
}

/// A database file with the daily habit "Piano" (60 min, 18:00-20:00) planned and its Monday
/// session accepted.
fn piano() -> (tempfile::TempDir, Store, HabitBlock) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let draft = HabitDraft {
        title: "Piano".into(),
        minutes: 60,
        per: Some(HabitPeriod::Day),
        windows: vec!["daily 18:00-20:00".into()],
        ..HabitDraft::default()
    };
    habits::add(&mut store, ZONE, at(8, 0), &draft).unwrap();
    planning::plan_range(&mut store, ZONE, at(8, 0), at(8, 0), at(23, 0)).unwrap();
    planning::accept_all(&mut store, ZONE).unwrap();
    let session = store.habit_blocks_in_state(BlockState::Accepted).unwrap().remove(0);
    (dir, store, session)
}

fn session_state(store: &Store, session: &HabitBlock) -> Option<BlockState> {
    store.habit_block(&session.id).unwrap().map(|b| b.state)
}

/// The lock mark of the window's "Piano" event on Monday, if there is one.
fn piano_mark(store: &Store) -> Option<bool> {
    let day = TimeRange::new(at(0, 0), at(23, 59)).unwrap();
    let all = store.occurrences(&day, ZONE, CalendarScope::All).unwrap();
    all.into_iter().find_map(|o| o.plan.filter(|_| o.summary == "Piano")).map(|m| m.locked)
}

#[test]
fn a_locked_habit_session_stays_when_a_meeting_lands_next_to_it_and_moves_only_on_collision() {
    let (_dir, mut store, session) = piano();
    let monday = Some((at(8, 0), at(23, 0)));
    let event_id = session.event_id.clone().unwrap().to_string();
    let said = locks::set_locked(&mut store, ZONE, at(8, 0), &event_id, true).unwrap();
    assert!(said.starts_with("Locked “Piano” at Mon 18:00"), "{said}");
    assert_eq!(session_state(&store, &session), Some(BlockState::Locked));
    assert_eq!(piano_mark(&store), Some(true), "the window shows the lock");

    // A meeting ending where the session starts: nothing moves.
    event(&mut store, "Call home", session.start - Duration::minutes(30), 30);
    assert!(planning::check(&mut store, ZONE, at(8, 0), monday).unwrap().is_none());
    assert_eq!(store.habit_block(&session.id).unwrap().unwrap().start, session.start);

    // A meeting on it: the move ghost names it and says the session was locked.
    event(&mut store, "Rehearsal", session.start + Duration::minutes(15), 30);
    let check = planning::check(&mut store, ZONE, at(8, 0), monday).unwrap().expect("a move");
    let ghost = check.ghosts.iter().find(|g| g.title == "Piano").expect("the session's move");
    let reason = ghost.reason.clone().unwrap_or_default();
    assert!(reason.contains("“Rehearsal”") && reason.contains("this locked block"), "{reason}");
    assert_eq!(session_state(&store, &session), Some(BlockState::Locked), "nothing moves until the user accepts");

    // Accepting the move replaces the locked session (and its event) like any other.
    planning::accept(&mut store, ZONE, at(8, 0), &ghost.id, None).unwrap();
    assert_eq!(session_state(&store, &session), None, "the old session is gone");
    assert_eq!(store.habit_blocks_in_state(BlockState::Accepted).unwrap().len(), 1);
    let day = TimeRange::new(at(0, 0), at(23, 59)).unwrap();
    let all = store.occurrences(&day, ZONE, CalendarScope::All).unwrap();
    assert_eq!(all.iter().filter(|o| o.summary == "Piano").count(), 1, "one event for the moved session");
}

#[test]
fn a_habit_session_is_unlocked_undone_and_goes_with_its_habit_when_deleted() {
    let (_dir, mut store, session) = piano();
    locks::set_locked(&mut store, ZONE, at(8, 0), session.id.as_str(), true).unwrap();
    assert!(locks::is_locked(&store, session.id.as_str()).unwrap());

    let undone = undo::undo(&mut store).unwrap();
    assert!(undone.message.contains("locked “Piano”"), "{}", undone.message);
    assert_eq!(session_state(&store, &session), Some(BlockState::Accepted));
    undo::redo(&mut store).unwrap();
    assert_eq!(session_state(&store, &session), Some(BlockState::Locked));

    let said = locks::toggle(&mut store, ZONE, at(8, 0), session.id.as_str()).unwrap();
    assert!(said.starts_with("Unlocked “Piano” at Mon 18:00"), "{said}");
    assert_eq!(piano_mark(&store), Some(false));

    // Locked again, then its habit deleted: the session ahead goes with its event.
    locks::set_locked(&mut store, ZONE, at(8, 0), session.id.as_str(), true).unwrap();
    habits::delete(&mut store, at(8, 0), "Piano").unwrap();
    assert_eq!(session_state(&store, &session), None);
    assert_eq!(piano_mark(&store), None, "no event left behind");
}

#[test]
fn a_lock_on_a_habit_session_something_overlaps_is_refused_naming_it() {
    let (_dir, mut store, session) = piano();
    event(&mut store, "Dinner", session.start, 20);
    let err = locks::set_locked(&mut store, ZONE, at(8, 0), session.id.as_str(), true).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().contains("“Piano” cannot be locked") && err.to_string().contains("“Dinner” overlaps it"));
    assert_eq!(session_state(&store, &session), Some(BlockState::Accepted));
}
