//! `miraage-cli history` on a real SQLite file, under the test clock (`MIRAAGE_NOW_FILE`):
//! the exact forms scripts rely on.

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use chrono_tz::Tz;
use miraage_services::tasks::{self, TaskInput};
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const ZONE: Tz = chrono_tz::Europe::Berlin;

struct Db {
    dir: tempfile::TempDir,
    path: PathBuf,
    now: PathBuf,
}

/// A database with "Write report" and "Email" (30 min each) accepted from 08:00 on Monday
/// 2026-11-23, and the test clock at 12:00 that day.
fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = miraage_store::Store::open(&path).unwrap();
    for title in ["Write report", "Email"] {
        let input = TaskInput { title: title.into(), estimate_min: Some(30), ..TaskInput::default() };
        tasks::add(&mut store, input).unwrap();
    }
    let at = |h| ZONE.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap().with_timezone(&Utc);
    miraage_services::planning::plan_range(&mut store, ZONE, at(8), at(8), at(20)).unwrap();
    miraage_services::planning::accept_all(&mut store, ZONE).unwrap();
    let now = dir.path().join("now");
    std::fs::write(&now, "2026-11-23T11:00:00Z").unwrap();
    Db { dir, path, now }
}

fn cli(db: &Db) -> Command {
    let mut cmd = Command::cargo_bin("miraage-cli").unwrap();
    cmd.env_remove("MIRAAGE_DB")
        .env("MIRAAGE_NOW_FILE", &db.now)
        .arg("--db")
        .arg(&db.path)
        .args(["--tz", "Europe/Berlin"]);
    cmd
}

fn export_json(db: &Db) -> Vec<Value> {
    let out = cli(db).args(["history", "export", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn row<'a>(rows: &'a [Value], title: &str) -> &'a Value {
    rows.iter().find(|r| r["title"] == title).unwrap()
}

#[test]
fn history_done_records_a_block_by_title_once() {
    let db = db();
    cli(&db)
        .args(["history", "done", "Write report"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Recorded “Write report” (").and(predicate::str::contains(") as done.")));
    cli(&db)
        .args(["history", "done", "Write report"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is already recorded as done (at 12:00); nothing was changed."));
    let rows = export_json(&db);
    assert_eq!(rows.iter().filter(|r| r["title"] == "Write report").count(), 1);
    assert_eq!(row(&rows, "Write report")["outcome"], "done");
}

#[test]
fn history_missed_and_skip_take_an_id_or_title_at_time() {
    let db = db();
    let rows = export_json(&db);
    let email = row(&rows, "Email");
    let start: chrono::DateTime<Utc> = email["planned_start"].as_str().unwrap().parse().unwrap();
    let local = start.with_timezone(&ZONE).format("%Y-%m-%dT%H:%M").to_string();
    cli(&db).args(["history", "missed", &format!("Email@{local}"), "--json"]).assert().success().stdout(
        predicate::str::contains("\"message\": \"Recorded “Email” (").and(predicate::str::contains("\"replan\"")),
    );
    let id = row(&rows, "Write report")["block"].as_str().unwrap().to_string();
    cli(&db).args(["history", "skip", &id]).assert().success().stdout(predicate::str::contains("as skipped."));
    let rows = export_json(&db);
    assert_eq!(
        (row(&rows, "Email")["outcome"].as_str(), row(&rows, "Write report")["outcome"].as_str()),
        (Some("missed"), Some("skipped"))
    );
    cli(&db)
        .args(["history", "missed", "Nothing@2026-11-23T08:00"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("No accepted block is named"));
}

#[test]
fn history_export_writes_csv_to_a_file_and_refuses_a_folder_it_cannot_write() {
    let db = db();
    cli(&db).args(["history", "partly", "Write report", "--minutes", "10"]).assert().success();
    let out = db.dir.path().join("h.csv");
    cli(&db).args(["history", "export", "--format", "csv", "--out"]).arg(&out).assert().success();
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("block,task_uid,title,project,tags,estimate_min,planned_start"));
    assert!(lines.iter().any(|l| l.contains(",Write report,,,30,") && l.contains(",30,partly,10,")), "{text}");

    let bad = Path::new("/nonexistent-miraage-folder/h.csv");
    cli(&db).args(["history", "export", "--format", "json", "--out"]).arg(bad).assert().failure().stderr(
        predicate::str::contains("Cannot write the history to /nonexistent-miraage-folder/h.csv")
            .and(predicate::str::contains("nothing was written")),
    );
    assert!(!bad.exists());
    cli(&db).args(["history", "export", "--format", "xml"]).assert().failure();
}

#[test]
fn history_stats_prints_weeks_and_json() {
    let db = db();
    cli(&db).args(["history", "done", "Write report", "--minutes", "45"]).assert().success();
    cli(&db)
        .args(["history", "stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Week of 23 Nov 2026").and(predicate::str::contains("planned")));
    let out = cli(&db).args(["history", "stats", "--json", "--period", "month", "--count", "2"]).output().unwrap();
    let view: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = view["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[1]["label"].as_str(), rows[1]["done_min"].as_u64()), (Some("Nov 2026"), Some(45)));
}

#[test]
fn history_review_lists_each_block_once() {
    let db = db();
    cli(&db)
        .args(["history", "review"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Did you do these?").and(predicate::str::contains("“Write report”")));
    let out = cli(&db).args(["history", "review", "--json"]).output().unwrap();
    let view: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["items"].as_array().unwrap().len(), 2, "still waiting for an answer: {view}");
}

#[test]
fn tasks_add_and_edit_print_the_estimate_learners_hint_and_keep_the_estimate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut store = miraage_store::Store::open(&path).unwrap();
    // Three #writing tasks estimated at 30 min took an hour each: #writing takes ×1.35.
    let at = |h| ZONE.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap().with_timezone(&Utc);
    for title in ["Intro", "Method", "Results"] {
        let input = TaskInput {
            title: title.into(),
            estimate_min: Some(30),
            tags: vec!["writing".into()],
            ..TaskInput::default()
        };
        tasks::add(&mut store, input).unwrap();
    }
    miraage_services::planning::plan_range(&mut store, ZONE, at(8), at(8), at(20)).unwrap();
    miraage_services::planning::accept_all(&mut store, ZONE).unwrap();
    for b in store.blocks_in_state(miraage_domain::BlockState::Accepted).unwrap() {
        let done = miraage_services::history::OutcomeInput {
            kind: miraage_services::history::OutcomeKind::Done,
            minutes: Some(60),
        };
        miraage_services::history::record(&mut store, ZONE, at(20), b.id.as_str(), done).unwrap();
    }
    for title in ["Intro", "Method", "Results"] {
        tasks::set_done(&mut store, title, true).unwrap();
    }
    let now = dir.path().join("now");
    std::fs::write(&now, "2026-11-24T08:00:00Z").unwrap();
    let db = Db { dir, path, now };
    cli(&db)
        .args(["tasks", "add", "Discussion", "--literal", "--estimate", "30m", "--tag", "writing"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Hint: #writing usually takes you 1.3× longer: plan 40 min? (miraage-cli tasks edit ",
        ));
    cli(&db)
        .args(["tasks", "edit", "Discussion", "--estimate", "60m"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Hint: #writing usually takes you 1.3× longer: plan 1 h 20 min?"));
    let store = miraage_store::Store::open(&db.path).unwrap();
    assert_eq!(store.find_task("Discussion").unwrap().estimate_min, Some(60), "the estimate stays as given");
    cli(&db)
        .args(["tasks", "add", "Call bank", "--literal", "--estimate", "30m"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Hint:").not());
}

#[test]
fn history_prefer_saves_a_tags_part_of_the_day_for_planning_and_none_removes_it() {
    let db = db();
    cli(&db)
        .args(["history", "prefer", "#deep", "morning"])
        .assert()
        .success()
        .stdout("Tasks tagged #deep are planned in the mornings when the mornings before their due date hold them.\n");
    let store = miraage_store::Store::open(&db.path).unwrap();
    let parts = miraage_scheduling::load_settings(&store).unwrap().preferred_parts;
    assert_eq!(parts.get("deep"), Some(&miraage_domain::TimeOfDay::Morning));
    drop(store);

    cli(&db)
        .args(["history", "prefer", "deep", "noon"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("morning, afternoon, evening or none"));
    cli(&db)
        .args(["history", "prefer", "deep", "none"])
        .assert()
        .success()
        .stdout(predicate::str::contains("#deep are planned in any part of their hours again"));
    cli(&db)
        .args(["history", "prefer", "deep", "none"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("No part of the day is preferred for #deep"));
}
