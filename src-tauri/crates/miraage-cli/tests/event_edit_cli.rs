//! `events add`, `events edit` and `events delete` with the recurring choices, as scripts
//! use them: uids and recurrence ids from `--json`, the week from `events --json`.

mod support;

use serde_json::Value;
use support::{cli, db};

fn json(cmd: &mut assert_cmd::Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// "start summary" of each occurrence in November 2026 (starts in UTC).
fn november(db: &std::path::Path) -> Vec<String> {
    let rows = json(cli(db).args(["events", "--from", "2026-11-01", "--to", "2026-12-01", "--json"]));
    rows.as_array()
        .unwrap()
        .iter()
        .map(|o| format!("{} {}", o["start"].as_str().unwrap(), o["summary"].as_str().unwrap()))
        .collect()
}

#[test]
fn a_series_is_added_edited_per_occurrence_split_and_deleted_from_the_cli() {
    let (_dir, db) = db();
    let added = json(cli(&db).args([
        "events",
        "add",
        "Standup",
        "--start",
        "2026-11-02T09:00",
        "--end",
        "2026-11-02T09:15",
        "--rrule",
        "FREQ=WEEKLY;COUNT=4",
        "--tz",
        "Europe/Berlin",
        "--json",
    ]));
    let uid = added["uid"].as_str().unwrap().to_string();
    assert_eq!(added["start"], "2026-11-02T08:00:00Z");

    // One occurrence moved, by the recurrence id `events --json` gives.
    let week = json(cli(&db).args(["events", "--from", "2026-11-09", "--to", "2026-11-10", "--json"]));
    let rid = week[0]["recurrence_id"].as_str().unwrap().to_string();
    cli(&db)
        .args(["events", "edit", &uid, "--occurrence", &rid, "--scope", "this", "--start", "2026-11-09T10:00"])
        .args(["--title", "Standup (late)"])
        .assert()
        .success();
    // This and following from the third: a new series with a new title.
    let edited = json(cli(&db).args([
        "events",
        "edit",
        &uid,
        "--occurrence",
        "2026-11-16T08:00:00Z",
        "--scope",
        "following",
        "--title",
        "Sync",
        "--json",
    ]));
    assert_ne!(edited["uid"].as_str().unwrap(), uid);
    // One occurrence of the new series deleted.
    let new_uid = edited["uid"].as_str().unwrap().to_string();
    cli(&db).args(["events", "delete", &new_uid, "--occurrence", "2026-11-23T08:00:00Z"]).assert().success();
    assert_eq!(
        november(&db),
        ["2026-11-02T08:00:00Z Standup", "2026-11-09T09:00:00Z Standup (late)", "2026-11-16T08:00:00Z Sync"]
    );
    // All of the first series.
    cli(&db).args(["events", "edit", &uid, "--scope", "all", "--title", "Daily"]).assert().success();
    cli(&db).args(["events", "delete", &new_uid, "--scope", "all"]).assert().success();
    assert_eq!(november(&db), ["2026-11-02T08:00:00Z Daily", "2026-11-09T09:00:00Z Standup (late)"]);
}

#[test]
fn bad_edits_are_refused_by_name_and_change_nothing() {
    let (_dir, db) = db();
    let added = json(cli(&db).args([
        "events",
        "add",
        "Call",
        "--start",
        "2027-03-27T02:30",
        "--end",
        "2027-03-27T03:00",
        "--json",
    ]));
    let uid = added["uid"].as_str().unwrap();
    for (args, says) in [
        (vec!["--start", "2027-03-28T02:30"], "02:30 does not exist on 2027-03-28 in Europe/Berlin"),
        (vec!["--end", "2027-03-26T10:00"], "before the start"),
        (vec!["--rrule", "FREQ=NEVER"], "FREQ=NEVER"),
        (vec!["--calendar", "Nowhere"], "no calendar named “Nowhere”"),
    ] {
        let out = cli(&db).args(["events", "edit", uid]).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} was accepted");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    let out = cli(&db)
        .args(["events", "add", "Gap", "--start", "2027-03-28T02:30", "--end", "2027-03-28T04:00"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("the next valid time is 03:00"));
    let week = json(cli(&db).args(["events", "--from", "2027-03-27", "--to", "2027-03-29", "--json"]));
    assert_eq!(week.as_array().unwrap().len(), 1, "{week}");
    assert_eq!(week[0]["summary"], "Call");
    let out = cli(&db).args(["events", "delete", "no-such-uid"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no longer exists"));
}
