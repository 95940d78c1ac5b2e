//! Locking an accepted block over a real SQLite file: it stays when a meeting lands next to
//! it, moves only when one lands on it (the move ghost says so and accepting it removes the
//! locked block), a lock where an event already is is refused naming the event, the window
//! sees the lock mark, and lock and unlock are undone like other edits.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, EventTime, PlanBlock, TimeRange};
use miraage_services::events::{self, EventInput};
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
