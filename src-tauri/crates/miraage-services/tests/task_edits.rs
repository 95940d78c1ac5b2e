//! Editing tasks field by field over a real SQLite file: every field, the rules an add uses,
//! dependency cycles named by title, a task deleted meanwhile, and the outbox of a synced list.

mod common;

use common::{db, synced_task, Db};
use miraage_services::tasks::{self, TaskChanges, TaskInput};
use miraage_services::ErrorCode;
use miraage_store::ItemKind;

fn add(db: &mut Db, title: &str) -> String {
    tasks::add(&mut db.store, TaskInput { title: title.into(), ..TaskInput::default() }).unwrap().id.to_string()
}

fn changes(json: &str) -> TaskChanges {
    serde_json::from_str(json).unwrap()
}

#[test]
fn every_field_of_a_task_can_be_edited_and_cleared() {
    let mut db = db();
    let before = add(&mut db, "Write report");
    let review = add(&mut db, "Review");
    let edit = changes(
        r##"{"title": "Write the report", "notes": "two pages", "estimate_min": 90, "due": "2026-11-27",
            "hard_due": true, "earliest_start": "2026-11-23T08:00:00Z", "priority": 1, "hours": "personal",
            "chunks": [30, 60], "depends_on": ["Review"], "project": "#ops", "tags": ["writing", " #writing", ""]}"##,
    );
    tasks::edit(&mut db.store, "Write report", edit).unwrap();
    let d = tasks::details(&db.store, &before).unwrap();
    assert_eq!(d.task.title, "Write the report");
    assert_eq!(d.task.notes.as_deref(), Some("two pages"));
    assert_eq!(d.task.estimate_min, Some(90));
    assert_eq!(d.task.due.as_deref(), Some("2026-11-27"));
    assert!(d.hard_due);
    assert_eq!(d.earliest_start.as_deref(), Some("2026-11-23T08:00:00Z"));
    assert_eq!(d.task.priority, 1);
    assert_eq!(d.hours, "personal");
    assert_eq!(d.chunks, Some((30, 60)));
    assert_eq!(
        d.depends_on.iter().map(|r| (r.id.as_str(), r.title.as_str())).collect::<Vec<_>>(),
        [(review.as_str(), "Review")]
    );
    assert_eq!(d.task.project.as_deref(), Some("ops"));
    assert_eq!(d.task.tags, ["writing", "personal"]);

    // null clears; a field left out stays.
    let clear = changes(
        r#"{"notes": null, "estimate_min": null, "due": null, "earliest_start": null, "chunks": null,
            "depends_on": [], "project": null, "hours": "work"}"#,
    );
    tasks::edit(&mut db.store, &before, clear).unwrap();
    let d = tasks::details(&db.store, &before).unwrap();
    assert_eq!((d.task.notes, d.task.estimate_min, d.task.due, d.hard_due), (None, None, None, false));
    assert_eq!((d.earliest_start, d.chunks, d.task.project), (None, None, None));
    assert!(d.depends_on.is_empty());
    assert_eq!(d.hours, "work");
    assert_eq!(d.task.tags, ["writing"]);
    assert_eq!((d.task.title.as_str(), d.task.priority), ("Write the report", 1));
}

#[test]
fn edits_are_checked_by_the_rules_of_add_and_a_refused_edit_changes_nothing() {
    let mut db = db();
    let id = add(&mut db, "Plan offsite");
    let saved = db.store.find_task(&id).unwrap();
    for (bad, names) in [
        (r#"{"title": "   "}"#, "title"),
        (&format!(r#"{{"title": "{}"}}"#, "x".repeat(100_000)), "title"),
        (r#"{"estimate_min": 0}"#, "estimate"),
        (r#"{"estimate_min": 6001}"#, "estimate"),
        (r#"{"due": "9999-12-31"}"#, "due date"),
        (r#"{"due": "next week"}"#, "due date"),
        (r#"{"hard_due": true}"#, "due date"),
        (r#"{"priority": 5}"#, "priority"),
        (r#"{"chunks": [60, 30]}"#, "chunk"),
        (r#"{"hours": "weekend"}"#, "no hour set “weekend”: use one of work, personal"),
        (r#"{"earliest_start": "tomorrow"}"#, "earliest start"),
        (r#"{"title": "Renamed", "priority": 9}"#, "priority"),
    ] {
        let e = tasks::edit(&mut db.store, &id, changes(bad)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::Invalid, "{bad}: {e}");
        assert!(e.to_string().contains(names), "{bad}: {e}");
        assert_eq!(db.store.find_task(&id).unwrap(), saved, "{bad} changed the task");
    }
    let unknown = tasks::edit(&mut db.store, &id, changes(r#"{"depends_on": ["No such task"]}"#)).unwrap_err();
    assert_eq!(unknown.code(), ErrorCode::NotFound, "{unknown}");
    assert!(serde_json::from_str::<TaskChanges>(r#"{"titel": "typo"}"#).is_err(), "unknown fields are refused");
}

#[test]
fn a_dependency_cycle_is_refused_naming_its_tasks_in_order() {
    let mut db = db();
    let a = add(&mut db, "Draft");
    add(&mut db, "Review");
    add(&mut db, "Publish");
    tasks::edit(&mut db.store, "Review", changes(r#"{"depends_on": ["Draft"]}"#)).unwrap();
    tasks::edit(&mut db.store, "Publish", changes(r#"{"depends_on": ["Review"]}"#)).unwrap();
    let e = tasks::edit(&mut db.store, "Draft", changes(r#"{"depends_on": ["Publish"]}"#)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    let msg = e.to_string();
    assert!(msg.contains("“Draft” → “Publish” → “Review” → “Draft”"), "{msg}");
    assert!(msg.contains("Remove one of these dependencies"), "{msg}");
    assert!(!msg.contains(&a), "no ids in the message: {msg}");
    assert!(db.store.find_task("Draft").unwrap().depends_on.is_empty());
    let itself = tasks::edit(&mut db.store, "Draft", changes(r#"{"depends_on": ["Draft"]}"#)).unwrap_err();
    assert!(itself.to_string().contains("“Draft” → “Draft”"), "{itself}");
}

#[test]
fn an_edit_of_a_task_deleted_meanwhile_is_not_found_and_does_not_bring_it_back() {
    let mut db = db();
    let id = add(&mut db, "Gone soon");
    let stale = db.store.find_task(&id).unwrap();
    tasks::delete(&mut db.store, &id).unwrap();
    let e = tasks::edit(&mut db.store, &id, changes(r#"{"title": "Still here?"}"#)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    // Also when the task went between reading and writing (another window, a sync).
    let e = db.store.update_task(&stale).unwrap_err();
    assert!(matches!(e, miraage_store::StoreError::NotFound { .. }), "{e}");
    assert!(tasks::list(&db.store, true).unwrap().is_empty());
}

#[test]
fn an_edit_of_a_synced_task_is_queued_for_its_server() {
    let mut db = db();
    let (collection, _list, task) = synced_task(&mut db, "Server task");
    assert!(db.store.outbox_entry(collection, ItemKind::Task, &task.uid).unwrap().is_none());

    tasks::edit(&mut db.store, "Server task", changes(r#"{"due": "2026-12-01", "priority": 2}"#)).unwrap();
    let queued = db.store.outbox_entry(collection, ItemKind::Task, &task.uid).unwrap().unwrap();
    assert_eq!(queued.op, miraage_store::OutboxOp::Put);
    tasks::delete(&mut db.store, "Server task").unwrap();
    let queued = db.store.outbox_entry(collection, ItemKind::Task, &task.uid).unwrap().unwrap();
    assert_eq!(queued.op, miraage_store::OutboxOp::Delete);
}
