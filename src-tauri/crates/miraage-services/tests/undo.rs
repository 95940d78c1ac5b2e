//! Undo and redo over a real SQLite file: each kind of edit, the redo stack, the bound on the
//! journal, an undo refused after a change elsewhere, and undo going through the outbox.

mod common;

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use common::{db, synced_task, Db};
use miraage_domain::{EventTime, TaskStatus};
use miraage_services::events::{self, EventInput};
use miraage_services::tasks::{self, TaskChanges, TaskInput};
use miraage_services::{planning, undo, ErrorCode};
use miraage_store::{ItemKind, OutboxOp, TaskFilter};

const BERLIN: Tz = chrono_tz::Europe::Berlin;

fn add(db: &mut Db, title: &str) -> String {
    let input = TaskInput { title: title.into(), estimate_min: Some(60), ..TaskInput::default() };
    tasks::add(&mut db.store, input).unwrap().id.to_string()
}

fn changes(json: &str) -> TaskChanges {
    serde_json::from_str(json).unwrap()
}

fn titles(db: &Db) -> Vec<String> {
    db.store.tasks(TaskFilter::All).unwrap().into_iter().map(|t| t.title).collect()
}

#[test]
fn a_task_edit_is_undone_field_by_field_and_redone() {
    let mut db = db();
    let id = add(&mut db, "Write report");
    let saved = db.store.find_task(&id).unwrap();
    tasks::edit(
        &mut db.store,
        &id,
        changes(r#"{"title": "Write the report", "due": "2026-11-27", "priority": 1, "tags": ["ops"]}"#),
    )
    .unwrap();
    let edited = db.store.find_task(&id).unwrap();
    assert_eq!(undo::state(&db.store).unwrap().undo.as_deref(), Some("Undo: edited “Write the report”"));

    let outcome = undo::undo(&mut db.store).unwrap();
    assert_eq!(outcome.message, "Undone: edited “Write the report”");
    assert_eq!(db.store.find_task(&id).unwrap(), saved);
    assert_eq!(outcome.state.redo.as_deref(), Some("Redo: edited “Write the report”"));
    assert_eq!(outcome.state.undo.as_deref(), Some("Undo: added “Write report”"));

    undo::redo(&mut db.store).unwrap();
    assert_eq!(db.store.find_task(&id).unwrap(), edited);
    assert_eq!(undo::state(&db.store).unwrap().redo, None);
}

#[test]
fn a_deleted_task_comes_back_with_the_tasks_that_waited_for_it() {
    let mut db = db();
    let draft = add(&mut db, "Draft");
    add(&mut db, "Publish");
    tasks::edit(&mut db.store, "Publish", changes(r#"{"depends_on": ["Draft"]}"#)).unwrap();
    let publish = db.store.find_task("Publish").unwrap();
    tasks::delete(&mut db.store, "Draft").unwrap();
    assert!(db.store.find_task("Publish").unwrap().depends_on.is_empty());

    undo::undo(&mut db.store).unwrap();
    assert_eq!(db.store.find_task(&draft).unwrap().title, "Draft");
    assert_eq!(db.store.find_task("Publish").unwrap(), publish, "the dependency is back");
    undo::redo(&mut db.store).unwrap();
    assert_eq!(titles(&db), ["Publish"]);
}

#[test]
fn undoing_an_add_removes_the_task_and_undoing_done_reopens_it() {
    let mut db = db();
    add(&mut db, "Call the bank");
    tasks::set_done(&mut db.store, "Call the bank", true).unwrap();
    assert_eq!(undo::state(&db.store).unwrap().undo.as_deref(), Some("Undo: completed “Call the bank”"));
    undo::undo(&mut db.store).unwrap();
    let task = db.store.find_task("Call the bank").unwrap();
    assert_eq!((task.status, task.completed_at), (TaskStatus::NeedsAction, None));
    undo::undo(&mut db.store).unwrap();
    assert!(titles(&db).is_empty());
    let e = undo::undo(&mut db.store).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert_eq!(e.to_string(), "There is nothing to undo.");
}

#[test]
fn a_new_edit_clears_the_redo_stack() {
    let mut db = db();
    add(&mut db, "One");
    undo::undo(&mut db.store).unwrap();
    assert!(undo::state(&db.store).unwrap().redo.is_some());
    add(&mut db, "Two");
    assert_eq!(undo::state(&db.store).unwrap().redo, None);
    assert_eq!(undo::redo(&mut db.store).unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn the_journal_keeps_the_last_hundred_edits() {
    let mut db = db();
    for i in 0..105 {
        add(&mut db, &format!("Task {i:03}"));
    }
    for _ in 0..100 {
        undo::undo(&mut db.store).unwrap();
    }
    assert_eq!(titles(&db), ["Task 000", "Task 001", "Task 002", "Task 003", "Task 004"]);
    assert_eq!(undo::undo(&mut db.store).unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn undo_is_refused_and_changes_nothing_after_the_task_changed_elsewhere() {
    let mut db = db();
    let id = add(&mut db, "Shared");
    tasks::edit(&mut db.store, &id, changes(r#"{"priority": 1}"#)).unwrap();
    // Another face (or a sync bringing a server's version) changes it afterwards, without
    // going through these use cases.
    let mut theirs = db.store.find_task(&id).unwrap();
    theirs.title = "Shared (renamed on the phone)".into();
    db.store.save_task(&theirs).unwrap();

    let e = undo::undo(&mut db.store).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    let msg = e.to_string();
    assert!(
        msg.contains("“Shared (renamed on the phone)” changed since") && msg.contains("Nothing was changed"),
        "{msg}"
    );
    assert_eq!(db.store.find_task(&id).unwrap(), theirs);
    assert!(undo::state(&db.store).unwrap().undo.is_some(), "the entry stays");
}

#[test]
fn undoing_an_event_create_deletes_it_and_redo_brings_it_back() {
    let mut db = db();
    let start = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let input = EventInput {
        title: "Standup".into(),
        time: EventTime::timed(start, start + Duration::minutes(15), BERLIN).unwrap(),
        calendar: Some("Personal".into()),
        rrule: Some("FREQ=DAILY;COUNT=5".into()),
    };
    let event = events::create(&mut db.store, input).unwrap();
    assert_eq!(undo::state(&db.store).unwrap().undo.as_deref(), Some("Undo: created “Standup”"));
    undo::undo(&mut db.store).unwrap();
    assert!(db.store.events_of_uid(&event.calendar_id, &event.uid).unwrap().is_empty());
    undo::redo(&mut db.store).unwrap();
    let back = db.store.events_of_uid(&event.calendar_id, &event.uid).unwrap();
    assert_eq!(back, [event]);
}

#[test]
fn undoing_an_accept_puts_the_ghost_back_and_removes_its_event() {
    let mut db = db();
    add(&mut db, "Deep work");
    let now = Utc::now();
    let preview = planning::plan(&mut db.store, BERLIN, now).unwrap();
    let ghost = preview.ghosts.first().expect("a ghost for the task").id.clone();
    let events_before = db.store.count_events().unwrap();
    planning::accept(&mut db.store, BERLIN, now, &ghost, None).unwrap();
    assert_eq!(db.store.count_events().unwrap(), events_before + 1);
    let label = undo::state(&db.store).unwrap().undo.unwrap();
    assert!(label.starts_with("Undo: accepted a block of “Deep work” ("), "{label}");

    undo::undo(&mut db.store).unwrap();
    assert_eq!(db.store.count_events().unwrap(), events_before);
    let back = db.store.plan_block(&miraage_domain::PlanBlockId::from_string(ghost.clone())).unwrap();
    assert_eq!(back.state, miraage_domain::BlockState::Proposed);
    // The ghost is there to accept again.
    planning::accept(&mut db.store, BERLIN, now, &ghost, None).unwrap();
    assert_eq!(db.store.count_events().unwrap(), events_before + 1);
}

#[test]
fn undoing_a_reject_brings_the_ghost_back() {
    let mut db = db();
    add(&mut db, "Inbox zero");
    let preview = planning::plan(&mut db.store, BERLIN, Utc::now()).unwrap();
    let ghost = preview.ghosts.first().unwrap().id.clone();
    planning::reject(&mut db.store, &ghost).unwrap();
    assert!(planning::current(&db.store).unwrap().is_none_or(|p| p.ghosts.iter().all(|g| g.id != ghost)));
    undo::undo(&mut db.store).unwrap();
    let current = planning::current(&db.store).unwrap().unwrap();
    assert!(current.ghosts.iter().any(|g| g.id == ghost));
}

#[test]
fn an_undo_of_a_synced_task_is_queued_like_any_edit() {
    let mut db = db();
    let (collection, list, task) = synced_task(&mut db, "Server task");

    tasks::delete(&mut db.store, "Server task").unwrap();
    let entry = db.store.outbox_entry(collection, ItemKind::Task, &task.uid).unwrap().unwrap();
    assert_eq!(entry.op, OutboxOp::Delete);
    undo::undo(&mut db.store).unwrap();
    let entry = db.store.outbox_entry(collection, ItemKind::Task, &task.uid).unwrap().unwrap();
    assert_eq!(entry.op, OutboxOp::Put, "the task is sent again, not only restored here");
    assert_eq!(db.store.task_of_uid(&list, &task.uid).unwrap().unwrap().title, "Server task");
}
