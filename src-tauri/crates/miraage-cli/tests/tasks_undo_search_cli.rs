//! `miraage-cli tasks edit/delete`, `undo`, `redo` and `search`, end to end: the real binary
//! on a real SQLite file.

mod support;

use serde_json::Value;
use support::{db, fails, ok};

#[test]
fn a_task_is_edited_deleted_and_brought_back_with_undo() {
    let (_dir, db) = db();
    ok(&["tasks", "add", "Write report", "--literal"], &db);
    ok(&["tasks", "add", "Review", "--literal"], &db);
    let edited: Value = serde_json::from_str(&ok(
        &[
            "tasks",
            "edit",
            "Write report",
            "--title",
            "Write the report",
            "--due",
            "2026-12-10",
            "--hard",
            "--estimate",
            "1h30m",
            "--priority",
            "1",
            "--notes",
            "two pages",
            "--project",
            "ops",
            "--tag",
            "writing",
            "--after",
            "Review",
            "--not-before",
            "2026-12-01",
            "--hours",
            "personal",
            "--chunks",
            "30-60",
            "--json",
        ],
        &db,
    ))
    .unwrap();
    assert_eq!(edited["task"]["title"], "Write the report");
    assert_eq!(edited["task"]["estimate_min"], 90);
    assert_eq!(edited["hard_due"], true);
    assert_eq!(edited["earliest_start"], "2026-11-30T23:00:00Z", "a day is its local midnight");
    assert_eq!(edited["chunks"], serde_json::json!([30, 60]));
    assert_eq!(edited["depends_on"][0]["title"], "Review");
    assert_eq!(edited["task"]["tags"], serde_json::json!(["writing", "personal"]));

    let cycle = fails(&["tasks", "edit", "Review", "--after", "Write the report"], &db);
    assert!(cycle.contains("“Review” → “Write the report” → “Review”"), "{cycle}");
    assert!(fails(&["tasks", "edit", "Review"], &db).contains("nothing to change"));

    let grouped = ok(&["tasks", "list", "--group", "project"], &db);
    assert!(grouped.starts_with("#ops:\n") && grouped.contains("No project:\n"), "{grouped}");

    ok(&["tasks", "delete", "Write the report"], &db);
    assert!(!ok(&["tasks", "list"], &db).contains("Write the report"));
    assert_eq!(ok(&["undo"], &db), "Undone: deleted “Write the report”\n");
    assert!(ok(&["tasks", "list"], &db).contains("Write the report"));
    assert_eq!(ok(&["redo"], &db), "Redone: deleted “Write the report”\n");
    ok(&["undo"], &db);
    assert_eq!(ok(&["undo"], &db), "Undone: edited “Write the report”\n");
    let back: Value = serde_json::from_str(&ok(&["tasks", "list", "--json"], &db)).unwrap();
    assert!(back.as_array().unwrap().iter().any(|t| t["title"] == "Write report" && t["due"].is_null()));

    ok(&["tasks", "done", "Review"], &db);
    let all = ok(&["tasks", "list", "--all", "--group", "due"], &db);
    assert!(all.contains("Done:\n[x] P3"), "{all}");
}

#[test]
fn search_finds_events_and_tasks_as_typed() {
    let (_dir, db) = db();
    ok(&["events", "add", "Café with Zoë", "--start", "2026-12-08T10:00", "--end", "2026-12-08T11:00"], &db);
    ok(&["tasks", "add", "Book the cafe", "--literal"], &db);
    let found: Value = serde_json::from_str(&ok(&["search", "cafe", "--json"], &db)).unwrap();
    let event = found.as_array().unwrap().iter().find(|r| r["kind"] == "event").unwrap();
    let task = found.as_array().unwrap().iter().find(|r| r["kind"] == "task").unwrap();
    assert_eq!(
        (event["title"].as_str(), event["when"].as_str()),
        (Some("Café with Zoë"), Some("2026-12-08T09:00:00Z"))
    );
    assert_eq!((task["title"].as_str(), task["source"].as_str()), (Some("Book the cafe"), Some("Tasks")));
    let text = ok(&["search", "zo"], &db);
    assert!(text.contains("Tue 2026-12-08 10:00  Café with Zoë  [Personal]  Café with «Zoë»"), "{text}");
    assert_eq!(ok(&["search", "\"NEAR(*", "--json"], &db).trim(), "[]");
    assert!(ok(&["search", "-"], &db).contains("Nothing found"));
}
