//! The history of blocks (issue 17): every outcome's transition, the review's notes, the
//! timer, and what a deleted task leaves behind. Real SQLite files.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::recurrence::at_local;
use miraage_domain::*;
use miraage_store::{Outcome, Store, StoreError};

const BERLIN: Tz = Tz::Europe__Berlin;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    task: Task,
}

/// A store file with one task ("Write", 3 h, #writing, +book) and no blocks yet.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("history.db")).unwrap();
    let list = store.local_defaults().unwrap().task_list;
    let mut task = Task::new(list, "Write");
    task.estimate_min = Some(180);
    task.tags = vec!["writing".into()];
    task.project = Some("book".into());
    store.save_task(&task).unwrap();
    Fixture { _dir: dir, store, task }
}

fn nine() -> DateTime<Utc> {
    at_local(BERLIN, 2026, 11, 24, 9, 0)
}

/// An accepted hour block of the task starting `h` hours after 09:00, with its event.
fn accepted(f: &mut Fixture, h: i64) -> PlanBlock {
    let start = nine() + Duration::hours(h);
    let ghost = PlanBlock {
        id: PlanBlockId::new(),
        task_id: f.task.id.clone(),
        start,
        end: start + Duration::hours(1),
        state: BlockState::Proposed,
        event_id: None,
    };
    f.store.add_proposed_block(&ghost).unwrap();
    let calendar = f.store.local_defaults().unwrap().calendar;
    f.store.accept_plan_block(&ghost.id, ghost.start, ghost.end, &calendar, BERLIN, &[]).unwrap();
    f.store.plan_block(&ghost.id).unwrap()
}

fn day() -> (DateTime<Utc>, DateTime<Utc>) {
    (nine() - Duration::days(1), nine() + Duration::days(1))
}

#[test]
fn a_done_block_keeps_its_time_and_is_recorded_once() {
    let mut f = fixture();
    let b = accepted(&mut f, 0);
    let later = nine() + Duration::hours(2);
    let r = f.store.record_outcome(&b.id, Outcome::Done, None, later).unwrap();
    assert_eq!((r.title.as_str(), r.returned_min), ("Write", 0));
    assert_eq!(f.store.plan_block(&b.id).unwrap().end, b.end, "a done block stays as planned");
    // Done twice: refused, one row.
    let err = f.store.record_outcome(&b.id, Outcome::Done, None, later).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(ref m) if m.contains("already recorded as done")), "{err}");
    let (from, to) = day();
    let rows = f.store.history_records(from, to).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].outcome, rows[0].actual_min), (Some(Outcome::Done), Some(60)));
    // Another outcome over a recorded one is refused too.
    assert!(f.store.record_outcome(&b.id, Outcome::Skipped, None, later).is_err());
    assert_eq!(f.store.history_records(from, to).unwrap()[0].outcome, Some(Outcome::Done));
}

#[test]
fn a_done_block_with_the_minutes_spent_records_them() {
    let mut f = fixture();
    let b = accepted(&mut f, 0);
    f.store.record_outcome(&b.id, Outcome::Done, Some(95), nine() + Duration::hours(2)).unwrap();
    let (from, to) = day();
    assert_eq!(f.store.history_records(from, to).unwrap()[0].actual_min, Some(95));
}

#[test]
fn a_partly_done_block_is_cut_to_the_minutes_spent_and_gives_the_rest_back() {
    let mut f = fixture();
    let b = accepted(&mut f, 0);
    let r = f.store.record_outcome(&b.id, Outcome::Partly, Some(20), nine() + Duration::hours(2)).unwrap();
    assert_eq!(r.returned_min, 40);
    let kept = f.store.plan_block(&b.id).unwrap();
    assert_eq!(kept.end, b.start + Duration::minutes(20));
    let event = f.store.event(b.event_id.as_ref().unwrap()).unwrap();
    assert_eq!(event.time.instants_in(BERLIN).1, kept.end, "its calendar event is cut too");
    let (from, to) = day();
    let row = &f.store.history_records(from, to).unwrap()[0];
    assert_eq!((row.outcome, row.actual_min, row.end), (Some(Outcome::Partly), Some(20), b.end), "planned end kept");
}

#[test]
fn partly_done_needs_minutes_under_the_planned_length() {
    let mut f = fixture();
    let b = accepted(&mut f, 0);
    for minutes in [None, Some(60), Some(90)] {
        let err = f.store.record_outcome(&b.id, Outcome::Partly, minutes, nine() + Duration::hours(2)).unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    }
    assert_eq!(f.store.plan_block(&b.id).unwrap(), b, "nothing changed");
    let (from, to) = day();
    assert!(f.store.history_records(from, to).unwrap()[0].outcome.is_none());
}

#[test]
fn skipped_and_missed_blocks_are_removed_with_their_events_and_give_all_their_time_back() {
    for outcome in [Outcome::Skipped, Outcome::Missed] {
        let mut f = fixture();
        let b = accepted(&mut f, 0);
        let r = f.store.record_outcome(&b.id, outcome, Some(30), nine() + Duration::hours(2)).unwrap();
        assert_eq!(r.returned_min, 60, "{outcome:?}");
        assert!(f.store.plan_block(&b.id).is_err());
        assert!(f.store.event(b.event_id.as_ref().unwrap()).is_err());
        let (from, to) = day();
        let rows = f.store.history_records(from, to).unwrap();
        assert_eq!((rows.len(), rows[0].outcome, rows[0].actual_min), (1, Some(outcome), Some(0)));
    }
}

#[test]
fn a_block_that_is_not_accepted_has_no_outcome() {
    let mut f = fixture();
    let err = f.store.record_outcome(&PlanBlockId::new(), Outcome::Done, None, nine()).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
}

#[test]
fn pending_blocks_are_the_past_ones_without_an_answer_and_asked_ones_are_not_listed_again() {
    let mut f = fixture();
    let (a, b, c) = (accepted(&mut f, 0), accepted(&mut f, 2), accepted(&mut f, 6));
    let now = nine() + Duration::hours(4);
    let pending = f.store.pending_blocks(now).unwrap();
    assert_eq!(pending.iter().map(|p| p.block_id.as_str()).collect::<Vec<_>>(), vec![a.id.as_str(), b.id.as_str()]);
    assert_eq!(pending[0].title, "Write");
    f.store.mark_asked(&pending, now).unwrap();
    f.store.mark_asked(&pending, now).unwrap();
    assert!(f.store.pending_blocks(now).unwrap().is_empty(), "never asked twice");
    assert_eq!(f.store.asked_unanswered().unwrap(), vec![a.id.to_string(), b.id.to_string()]);
    // An answer records over the note.
    f.store.record_outcome(&a.id, Outcome::Done, None, now).unwrap();
    assert_eq!(f.store.asked_unanswered().unwrap(), vec![b.id.to_string()]);
    let later = nine() + Duration::hours(8);
    assert_eq!(f.store.pending_blocks(later).unwrap()[0].block_id, c.id.as_str());
}

#[test]
fn deleting_a_task_keeps_its_history_under_its_title_until_forgotten() {
    let mut f = fixture();
    let b = accepted(&mut f, 0);
    f.store.record_outcome(&b.id, Outcome::Done, Some(50), nine() + Duration::hours(2)).unwrap();
    f.store.delete_task(&f.task.id).unwrap();
    let (from, to) = day();
    let rows = f.store.history_records(from, to).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].task.title.as_str(), rows[0].task.project.as_deref()), ("Write", Some("book")));
    assert_eq!(rows[0].task.tags, vec!["writing".to_string()]);
    assert_eq!(f.store.forget_task_history(&f.task.uid).unwrap(), 1);
    assert!(f.store.history_records(from, to).unwrap().is_empty());
}

#[test]
fn ticking_a_task_done_records_its_begun_blocks_done_and_makes_it_a_sample() {
    let mut f = fixture();
    // The store ticks at the real clock, so these blocks lie years before it.
    let base = at_local(BERLIN, 2020, 1, 7, 9, 0) - nine();
    let (mut a, mut b) = (accepted(&mut f, 0), accepted(&mut f, 2));
    for block in [&mut a, &mut b] {
        let ghost =
            PlanBlock { id: PlanBlockId::new(), start: block.start + base, end: block.end + base, ..block.clone() };
        let ghost = PlanBlock { state: BlockState::Proposed, event_id: None, ..ghost };
        f.store.add_proposed_block(&ghost).unwrap();
        let calendar = f.store.local_defaults().unwrap().calendar;
        f.store
            .accept_plan_block(&ghost.id, ghost.start, ghost.end, &calendar, BERLIN, std::slice::from_ref(&block.id))
            .unwrap();
        *block = f.store.plan_block(&ghost.id).unwrap();
    }
    f.store.record_outcome(&b.id, Outcome::Partly, Some(30), b.end).unwrap();
    f.store.set_task_status(&f.task.id, TaskStatus::Completed).unwrap();
    let rows = f.store.history_records(a.start - Duration::days(1), a.start + Duration::days(1)).unwrap();
    let outcome_of = |id: &PlanBlockId| rows.iter().find(|r| r.block_id == id.as_str()).unwrap().outcome;
    assert_eq!(outcome_of(&a.id), Some(Outcome::Done));
    assert_eq!(outcome_of(&b.id), Some(Outcome::Partly), "a recorded outcome stays");
    let samples = f.store.estimate_samples().unwrap();
    assert_eq!(samples.len(), 1);
    assert_eq!((samples[0].task.estimate_min, samples[0].actual_min), (Some(180), 90));
}

#[test]
fn the_tray_done_and_skip_record_outcomes_once() {
    let mut f = fixture();
    let (a, b) = (accepted(&mut f, 0), accepted(&mut f, 2));
    f.store.end_plan_block(&a.id, nine() + Duration::minutes(40), HistoryKind::Done).unwrap();
    f.store.end_plan_block(&b.id, nine() + Duration::minutes(40), HistoryKind::Skipped).unwrap();
    let (from, to) = day();
    let rows = f.store.history_records(from, to).unwrap();
    let got: Vec<_> = rows.iter().map(|r| (r.outcome, r.actual_min, r.planned_min())).collect();
    assert_eq!(got, vec![(Some(Outcome::Done), Some(40), 60), (Some(Outcome::Skipped), Some(0), 60)]);
    assert!(f.store.record_outcome(&a.id, Outcome::Done, None, nine() + Duration::hours(3)).is_err());
}

#[test]
fn one_timer_runs_at_a_time_and_an_outcome_stops_it() {
    let mut f = fixture();
    let (a, b) = (accepted(&mut f, 0), accepted(&mut f, 2));
    assert_eq!(f.store.start_timer(&a.id, nine()).unwrap(), None);
    assert_eq!(f.store.start_timer(&b.id, nine()).unwrap(), Some((a.id.to_string(), nine())));
    assert_eq!(f.store.running_timer().unwrap(), Some((a.id.to_string(), nine())));
    f.store.record_outcome(&a.id, Outcome::Done, Some(45), nine() + Duration::hours(1)).unwrap();
    assert_eq!(f.store.running_timer().unwrap(), None);
    assert_eq!(f.store.clear_timer(a.id.as_str()).unwrap(), None);
}
