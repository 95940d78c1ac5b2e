//! `miraage-cli habits …`, `hours …` and a task's `--hours SET`, end to end: the real binary
//! on a real SQLite file.

mod support;

use chrono::{Datelike, Duration, Timelike, Utc};
use serde_json::Value;
use support::{db, fails, ok};

fn json(args: &[&str], db: &std::path::Path) -> Value {
    serde_json::from_str(&ok(args, db)).unwrap()
}

/// Next week, Monday to Monday, as `--from` and `--to` days.
fn next_week() -> (String, String) {
    let today = Utc::now().with_timezone(&chrono_tz::Europe::Berlin).date_naive();
    let monday = today + Duration::days(7 - i64::from(today.weekday().num_days_from_monday()));
    (monday.to_string(), (monday + Duration::days(7)).to_string())
}

fn berlin(s: &str) -> chrono::DateTime<chrono_tz::Tz> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&chrono_tz::Europe::Berlin)
}

#[test]
fn a_study_goal_added_with_the_cli_shows_in_preview_as_ghosts_titled_after_it() {
    let (_dir, db) = db();
    let added = json(
        &[
            "habits",
            "add",
            "Study Spanish",
            "--minutes",
            "300",
            "--per",
            "week",
            "--session",
            "60-90",
            "--window",
            "mon-fri 18:00-22:00",
            "--json",
        ],
        &db,
    );
    assert_eq!(added["title"], "Study Spanish");
    assert_eq!(added["windows"], serde_json::json!(["mon-fri 18:00-22:00"]));
    assert_eq!(added["progress"], "0 min of 5 h this week");

    let (from, to) = next_week();
    let preview = json(&["preview", "--from", &from, "--to", &to], &db);
    let ghosts: Vec<&Value> =
        preview["ghosts"].as_array().unwrap().iter().filter(|g| g["title"] == "Study Spanish").collect();
    let total: i64 = ghosts
        .iter()
        .map(|g| (berlin(g["end"].as_str().unwrap()) - berlin(g["start"].as_str().unwrap())).num_minutes())
        .sum();
    assert_eq!(total, 300, "{preview}");
    for g in &ghosts {
        assert_eq!(g["item"], "habit");
        let start = berlin(g["start"].as_str().unwrap());
        assert!(start.hour() >= 18 && start.weekday().num_days_from_monday() < 5, "{g}");
    }

    let list = json(&["habits", "list", "--json"], &db);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(ok(&["habits", "list"], &db).contains("Study Spanish  300 min a week  mon-fri 18:00-22:00"));

    let paused = json(&["habits", "pause", "study spanish", "--json"], &db);
    assert_eq!(paused["paused"], true);
    let preview = json(&["preview", "--from", &from, "--to", &to], &db);
    assert!(!preview["ghosts"].as_array().unwrap().iter().any(|g| g["title"] == "Study Spanish"));
    assert_eq!(json(&["habits", "resume", "Study Spanish", "--json"], &db)["paused"], false);
    assert!(ok(&["habits", "delete", "Study Spanish"], &db).contains("deleted “Study Spanish”"));
    assert_eq!(json(&["habits", "list", "--json"], &db), serde_json::json!([]));
}

#[test]
fn bad_habits_and_hour_sets_are_refused_naming_what_is_wrong_and_nothing_is_stored() {
    let (_dir, db) = db();
    let too_much =
        fails(&["habits", "add", "Piano", "--minutes", "600", "--per", "week", "--window", "sat 10:00-12:00"], &db);
    assert!(too_much.contains("“Piano” asks for 600 min a week but its window holds only 120 min"), "{too_much}");
    let inverted = fails(
        &[
            "habits",
            "add",
            "Piano",
            "--minutes",
            "60",
            "--per",
            "week",
            "--session",
            "90-30",
            "--window",
            "sat 10:00-12:00",
        ],
        &db,
    );
    assert!(inverted.contains("shortest above its longest"), "{inverted}");
    let unknown = fails(&["habits", "add", "Piano", "--minutes", "60", "--per", "week", "--hours", "Studio"], &db);
    assert!(unknown.contains("There is no hour set “Studio”: use one of work, personal."), "{unknown}");
    let overlap =
        fails(&["hours", "add", "Deep work", "--window", "mon-thu 08:00-11:00", "--window", "wed 10:00-12:00"], &db);
    assert!(overlap.contains("wed 08:00-11:00 and 10:00-12:00 overlap"), "{overlap}");
    let backwards = fails(&["hours", "add", "Deep work", "--window", "mon 11:00-08:00"], &db);
    assert!(backwards.contains("ends before it starts"), "{backwards}");
    assert_eq!(json(&["habits", "list", "--json"], &db), serde_json::json!([]));
    assert_eq!(json(&["hours", "list", "--json"], &db).as_array().unwrap().len(), 2);
}

#[test]
fn a_task_in_a_custom_hour_set_is_planned_there_and_the_set_cannot_be_deleted_while_used() {
    let (_dir, db) = db();
    let sets = json(&["hours", "add", "Deep work", "--window", "mon-thu 08:00-11:00", "--json"], &db);
    let names: Vec<&str> = sets.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["work", "personal", "Deep work"]);
    assert!(ok(&["hours", "list"], &db).contains("Deep work  mon-thu 08:00-11:00"));
    ok(&["tasks", "add", "Write chapter", "--literal", "--estimate", "3h", "--hours", "deep work"], &db);
    let details = json(&["tasks", "edit", "Write chapter", "--priority", "2", "--json"], &db);
    assert_eq!(details["hours"], "Deep work");

    let (from, to) = next_week();
    let preview = json(&["preview", "--from", &from, "--to", &to], &db);
    let ghosts: Vec<&Value> =
        preview["ghosts"].as_array().unwrap().iter().filter(|g| g["title"] == "Write chapter").collect();
    assert!(!ghosts.is_empty(), "{preview}");
    for g in &ghosts {
        let (s, e) = (berlin(g["start"].as_str().unwrap()), berlin(g["end"].as_str().unwrap()));
        assert!(s.hour() >= 8 && e.hour() * 60 + e.minute() <= 11 * 60, "{g}");
        assert!(s.weekday().num_days_from_monday() < 4, "{g}");
    }
    let used = fails(&["hours", "delete", "Deep work"], &db);
    assert!(used.contains("used by “Write chapter”"), "{used}");
    ok(&["tasks", "edit", "Write chapter", "--hours", "work"], &db);
    ok(&["hours", "delete", "Deep work"], &db);
    assert_eq!(json(&["hours", "list", "--json"], &db).as_array().unwrap().len(), 2);
}

#[test]
fn habits_add_reads_a_quick_add_line_and_tasks_add_sends_such_a_line_there() {
    let (_dir, db) = db();
    let e = fails(&["tasks", "add", "Read 20 minutes daily"], &db);
    assert!(e.contains("reads as a habit (20 min a day") && e.contains("habits add"), "{e}");
    assert_eq!(json(&["tasks", "list", "--json"], &db), serde_json::json!([]), "no task was made");
    ok(&["tasks", "add", "Read 20 minutes daily", "--literal"], &db);

    let read = json(&["habits", "add", "Read 20 minutes daily", "--json"], &db);
    assert_eq!((&read["title"], &read["minutes"], &read["per"]), (&"Read".into(), &20.into(), &"day".into()));
    assert_eq!(read["hour_set"], "personal");
    let spanish = json(&["habits", "add", "Study Spanish 5h a week on weekday evenings", "--json"], &db);
    assert_eq!(spanish["windows"], serde_json::json!(["mon-fri 17:00-22:00"]));
    assert_eq!(
        (&spanish["minutes"], &spanish["per"], &spanish["preferred"]),
        (&300.into(), &"week".into(), &"evening".into())
    );
    // Options given win over what the line says.
    let walk =
        json(&["habits", "add", "Walk 30m a day", "--window", "daily 12:00-14:00", "--priority", "1", "--json"], &db);
    assert_eq!((&walk["windows"], &walk["priority"]), (&serde_json::json!(["mon-sun 12:00-14:00"]), &1.into()));

    let e = fails(&["habits", "add", "Piano"], &db);
    assert!(e.contains("says no minutes per day or week"), "{e}");
    let e = fails(&["habits", "add", "Piano", "--minutes", "30"], &db);
    assert!(e.contains("--per"), "{e}");
    assert_eq!(json(&["habits", "list", "--json"], &db).as_array().unwrap().len(), 3);
}

#[test]
fn hours_project_sets_lists_and_clears_a_projects_hour_set() {
    let (_dir, db) = db();
    ok(&["hours", "add", "Deep work", "--window", "mon-thu 08:00-11:00"], &db);
    assert_eq!(ok(&["hours", "project", "ops", "deep work"], &db), "ops  Deep work\n");
    let listed = json(&["hours", "project", "--json"], &db);
    assert_eq!(listed, serde_json::json!([{"project": "ops", "hour_set": "Deep work"}]));
    let e = fails(&["hours", "project", "ops", "Nope"], &db);
    assert!(e.contains("There is no hour set “Nope”: use one of work, personal, Deep work"), "{e}");
    let e = fails(&["hours", "delete", "Deep work"], &db);
    assert!(e.contains("used by the project “ops”"), "{e}");
    ok(&["hours", "project", "ops", "none"], &db);
    assert_eq!(json(&["hours", "project", "--json"], &db), serde_json::json!([]));
    ok(&["hours", "delete", "Deep work"], &db);
}
