//! `tasks add` and `events add` read their text as quick add does; options win.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use support::{cli, db};

fn json(cmd: &mut Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn tasks_add_reads_the_text_and_options_win() {
    let (_dir, db) = db();
    cli(&db).args(["tasks", "add", "Report by 2030-05-17 3h !1 #work"]).assert().success();
    cli(&db).args(["tasks", "add", "Slides 2h !2 #talk", "--estimate", "45m", "--priority", "4"]).assert().success();
    cli(&db).args(["tasks", "add", "Read 2h of Proust", "--literal"]).assert().success();
    let tasks = json(cli(&db).args(["tasks", "list", "--json"]));
    let by = |title: &str| {
        tasks
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["title"] == title)
            .unwrap_or_else(|| panic!("{title} in {tasks}"))
            .clone()
    };
    let report = by("Report");
    assert_eq!(
        (report["estimate_min"].as_u64(), report["priority"].as_u64(), report["project"].as_str()),
        (Some(180), Some(1), Some("work"))
    );
    assert_eq!(report["due"], "2030-05-17");
    let slides = by("Slides");
    assert_eq!((slides["estimate_min"].as_u64(), slides["priority"].as_u64()), (Some(45), Some(4)));
    assert_eq!(by("Read 2h of Proust")["estimate_min"], Value::Null);
    cli(&db).args(["tasks", "add", "tomorrow 5pm"]).assert().failure().stderr(predicates::str::contains("no title"));
}

#[test]
fn events_add_makes_one_off_timed_all_day_and_recurring_events() {
    let (_dir, db) = db();
    let gym = json(cli(&db).args(["events", "add", "Gym every Monday 7am 1h", "--json"]));
    assert_eq!(gym["title"], "Gym");
    assert_eq!(gym["rrule"], "FREQ=WEEKLY;BYDAY=MO");
    let dentist = json(cli(&db).args([
        "events",
        "add",
        "Dentist",
        "--start",
        "2030-05-16T15:00",
        "--end",
        "2030-05-16T15:45",
        "--calendar",
        "personal",
        "--json",
    ]));
    assert_eq!(
        (dentist["start"].as_str(), dentist["end"].as_str()),
        (Some("2030-05-16T13:00:00Z"), Some("2030-05-16T13:45:00Z"))
    );
    let trip = json(cli(&db).args(["events", "add", "Trip", "--start", "2030-05-20", "--end", "2030-05-23", "--json"]));
    assert_eq!((trip["all_day"].as_bool(), trip["start"].as_str()), (Some(true), Some("2030-05-19T22:00:00Z")));

    let events = json(cli(&db).args(["events", "--from", "2030-05-13", "--to", "2030-05-27", "--json"]));
    let summaries: Vec<&str> = events.as_array().unwrap().iter().filter_map(|e| e["summary"].as_str()).collect();
    assert_eq!(summaries.iter().filter(|s| **s == "Gym").count(), 2, "{summaries:?}");
    assert!(summaries.contains(&"Dentist") && summaries.contains(&"Trip"), "{summaries:?}");
    let gym_uid = gym["uid"].as_str().unwrap();
    assert!(events.as_array().unwrap().iter().any(|e| e["uid"] == gym_uid));
}

#[test]
fn events_add_refuses_bad_input_and_stores_nothing() {
    let (_dir, db) = db();
    for args in [
        vec!["events", "add", "Standup", "--start", "2030-05-16T09:00", "--rrule", "FREQ=SOMETIMES"],
        vec!["events", "add", "Standup", "--start", "2030-05-16T09:00", "--end", "2030-05-16T08:00"],
        vec!["events", "add", "Standup", "--start", "2030-05-16T09:00", "--calendar", "No such calendar"],
        vec!["events", "add", "Standup"],
    ] {
        let out = cli(&db).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?} was accepted");
        assert!(!String::from_utf8_lossy(&out.stderr).trim().is_empty());
    }
    let events = json(cli(&db).args(["events", "--from", "2030-05-13", "--to", "2030-05-27", "--json"]));
    assert_eq!(events, serde_json::json!([]));
}
