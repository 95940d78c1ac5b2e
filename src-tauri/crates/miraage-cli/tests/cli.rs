//! The CLI end to end, on real SQLite files.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const GOOGLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../miraage-ical/tests/fixtures/google.ics");

fn cli(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("miraage-cli").unwrap();
    cmd.env_remove("MIRAAGE_DB").arg("--db").arg(db).args(["--tz", "Europe/Berlin"]);
    cmd
}

fn db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    (dir, path)
}

fn events_json(db: &Path, from: &str, to: &str) -> Vec<Value> {
    let out = cli(db).args(["events", "--from", from, "--to", to, "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

#[test]
fn import_then_events_json_has_the_documented_shape() {
    let (_dir, db) = db();
    cli(&db).args(["import", GOOGLE]).assert().success().stdout(
        predicate::str::contains("Imported 5 events (5 new, 0 updated)")
            .and(predicate::str::contains("\"Team Calendar\"")),
    );
    let events = events_json(&db, "2026-10-19", "2026-10-26");
    assert_eq!(events.len(), 3);
    let first = &events[0];
    let keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["uid", "recurrence_id", "start", "end", "all_day", "summary", "calendar"] {
        assert!(keys.contains(&key), "missing {key} in {first}");
    }
    assert_eq!(first["start"], "2026-10-19T07:30:00Z");
    assert_eq!(first["recurrence_id"], "2026-10-19T07:30:00Z");
    assert_eq!(first["calendar"], "Team Calendar");
    let starts: Vec<&str> = events.iter().map(|e| e["start"].as_str().unwrap()).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "sorted by start");

    let offsite = events_json(&db, "2026-10-30", "2026-10-31");
    let all_day = offsite.iter().find(|e| e["all_day"] == true).unwrap();
    assert_eq!((all_day["start"].as_str(), all_day["end"].as_str()), (Some("2026-10-30"), Some("2026-10-31")));
    assert_eq!(all_day["recurrence_id"], Value::Null);

    // Importing again duplicates nothing.
    cli(&db).args(["import", GOOGLE]).assert().success().stdout(predicate::str::contains("(0 new, 5 updated)"));
    assert_eq!(events_json(&db, "2026-10-19", "2026-10-26").len(), 3);
}

#[test]
fn export_writes_a_file_that_imports_back_identically() {
    let (dir, db) = db();
    cli(&db).args(["import", GOOGLE, "--calendar", "Work"]).assert().success();
    let out = dir.path().join("work.ics");
    cli(&db).args(["export", "--calendar", "work", "--out"]).arg(&out).assert().success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    let other = dir.path().join("copy.db");
    cli(&other).arg("import").arg(&out).assert().success();
    let a = events_json(&db, "2026-10-01", "2027-01-01");
    let b = events_json(&other, "2026-10-01", "2027-01-01");
    let strip = |v: Vec<Value>| {
        v.into_iter()
            .map(|mut e| {
                e["calendar"] = Value::Null;
                e
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(a), strip(b));
    cli(&db)
        .args(["export", "--calendar", "Nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no calendar named \"Nope\""));
}

#[test]
fn a_cut_off_file_is_imported_as_far_as_it_goes_and_a_missing_file_is_named() {
    let (dir, db) = db();
    let cut = dir.path().join("cut.ics");
    std::fs::write(&cut, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20261123T090000Z\n").unwrap();
    cli(&db).arg("import").arg(&cut).assert().success().stdout(predicate::str::contains(
        "line 1: VCALENDAR: BEGIN:VCALENDAR is never closed: the file looks cut off; what it holds was read",
    ));
    assert_eq!(events_json(&db, "2026-11-01", "2026-12-01").len(), 1);
    cli(&db)
        .args(["import", "/no/such/file.ics"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/no/such/file.ics"));
}

#[test]
fn an_event_left_open_before_the_calendar_ends_is_imported_with_the_mend_listed() {
    let (dir, db) = db();
    let file = dir.path().join("unclosed.ics");
    std::fs::write(&file, "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART:20261123T090000Z\nEND:VCALENDAR\n").unwrap();
    cli(&db).arg("import").arg(&file).assert().success().stdout(predicate::str::contains(
        "line 2: VEVENT: BEGIN/END: not closed before END:VCALENDAR of line 5: closed there",
    ));
    assert_eq!(events_json(&db, "2026-11-01", "2026-12-01").len(), 1);
}

#[test]
fn partially_invalid_files_list_what_was_skipped() {
    let (dir, db) = db();
    let mixed = dir.path().join("mixed.ics");
    std::fs::write(
        &mixed,
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20261123T090000Z\r\nSUMMARY:Fine\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:broken\r\nSUMMARY:No start\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    cli(&db)
        .arg("import")
        .arg(&mixed)
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 1 events"))
        .stderr(predicate::str::contains("line 7: VEVENT \"broken\": DTSTART is missing"));
}

#[test]
fn tasks_add_list_and_done() {
    let (_dir, db) = db();
    cli(&db)
        .args([
            "tasks",
            "add",
            "Write report",
            "--estimate",
            "1h30m",
            "--due",
            "2026-11-27",
            "--priority",
            "1",
            "--project",
            "ops",
            "--chunks",
            "30-60",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Added: Write report"));
    cli(&db).args(["tasks", "add", "Send report", "--after", "Write report", "-e", "15"]).assert().success();
    let out = cli(&db).args(["tasks", "list", "--json"]).output().unwrap();
    let tasks: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0]["title"], "Write report");
    assert_eq!(tasks[0]["estimate_min"], 90);
    assert_eq!(tasks[0]["priority"], 1);
    cli(&db)
        .args(["tasks", "done", "write report"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Done: Write report"));
    cli(&db)
        .args(["tasks", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Send report").and(predicate::str::contains("Write report").not()));
    cli(&db).args(["tasks", "add", "Bad", "--priority", "7"]).assert().failure();
    cli(&db)
        .args(["tasks", "add", "Bad", "--estimate", "soon"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("duration \"soon\""));
}

#[test]
fn demo_fills_the_week_and_a_newer_database_is_refused() {
    let (dir, db) = db();
    cli(&db).args(["demo", "--today", "2026-11-25"]).assert().success();
    let week = events_json(&db, "2026-11-23", "2026-11-30");
    assert_eq!(week.iter().filter(|e| e["summary"] == "Team standup").count(), 5);

    let future = dir.path().join("future.db");
    rusqlite_version(&future, 42);
    cli(&future)
        .args(["events", "--from", "2026-11-23", "--to", "2026-11-30"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("newer than this Miraage supports"));
}

fn rusqlite_version(path: &Path, version: i64) {
    // A database written by a future Miraage: only its user_version matters here.
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(&format!("CREATE TABLE future (x); PRAGMA user_version = {version};")).unwrap();
}

#[test]
fn plan_writes_a_valid_plan_for_a_problem_file() {
    let dir = tempfile::tempdir().unwrap();
    let problem = dir.path().join("problem.json");
    std::fs::write(
        &problem,
        r#"{"version": 1, "timezone": "Europe/Berlin", "now": "2026-11-23T08:00:00+01:00",
            "horizon_end": "2026-11-25T00:00:00+01:00",
            "hours": {"work": {"mon": [["09:00", "12:00"]], "tue": [["09:00", "12:00"]]}},
            "busy": [{"id": "e1", "start": "2026-11-23T09:00:00+01:00", "end": "2026-11-23T10:00:00+01:00"}],
            "tasks": [{"id": "t1", "title": "Report", "duration_min": 120, "min_chunk_min": 60, "max_chunk_min": 120,
                       "priority": 1, "project": "ops"}],
            "settings": {"buffer_min": 0, "max_task_min_per_day": null}}"#,
    )
    .unwrap();
    let out = dir.path().join("plan.json");
    // No --db: planning a file needs no database.
    Command::cargo_bin("miraage-cli")
        .unwrap()
        .env_remove("MIRAAGE_DB")
        .arg("plan")
        .arg(&problem)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let blocks = plan["blocks"].as_array().unwrap();
    assert_eq!(blocks.len(), 1);
    // The only free work time on Monday is 10:00-12:00, after the event.
    assert_eq!(blocks[0]["task"], "t1");
    assert_eq!(blocks[0]["start"].as_str().unwrap().get(..16), Some("2026-11-23T10:00"));

    std::fs::write(&problem, r#"{"version": 2}"#).unwrap();
    Command::cargo_bin("miraage-cli")
        .unwrap()
        .arg("plan")
        .arg(&problem)
        .assert()
        .failure()
        .stderr(predicate::str::contains("version"));
}

#[test]
fn preview_plans_the_stores_tasks_into_the_range_like_the_app() {
    let (_dir, db) = db();
    // A week that lies ahead whenever the test runs.
    let monday = {
        let today = chrono::Utc::now().date_naive();
        today + chrono::Duration::days(7 - i64::from(chrono::Datelike::weekday(&today).num_days_from_monday()))
    };
    let next = monday + chrono::Duration::days(7);
    cli(&db).args(["tasks", "add", "Write report", "--estimate", "1h30m", "--priority", "1"]).assert().success();
    let out = cli(&db).args(["preview", "--from", &monday.to_string(), "--to", &next.to_string()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ghosts = plan["ghosts"].as_array().unwrap();
    let minutes: i64 = ghosts
        .iter()
        .map(|g| {
            let t = |k: &str| chrono::DateTime::parse_from_rfc3339(g[k].as_str().unwrap()).unwrap();
            assert_eq!(g["title"], "Write report");
            (t("end") - t("start")).num_minutes()
        })
        .sum();
    assert_eq!(minutes, 90, "{plan}");
    // Nothing accepted, so nothing can have stopped fitting.
    cli(&db)
        .args(["preview", "--check", "--from", &monday.to_string(), "--to", &next.to_string()])
        .assert()
        .success()
        .stdout("null\n");
}
