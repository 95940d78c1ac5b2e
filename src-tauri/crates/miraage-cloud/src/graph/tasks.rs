//! Microsoft To Do tasks (Graph `todoTask`) ↔ domain tasks.

use chrono::{NaiveDate, NaiveDateTime};
use miraage_domain::{Due, Priority, Task, TaskListId, TaskStatus};
use serde_json::{json, Value};

/// The open extension every task created from Miraage carries, naming its UID: To Do has
/// no `transactionId`, so this is how a retried create finds what an earlier try made.
pub const EXTENSION: &str = "app.miraage.desktop";

/// The extension to create with a task.
pub fn marker(uid: &str) -> Value {
    json!({"@odata.type": "microsoft.graph.openTypeExtension", "extensionName": EXTENSION, "uid": uid})
}

/// The UID the task's extension names, when it was read with `$expand=extensions`.
pub fn marker_uid(g: &Value) -> Option<&str> {
    g["extensions"].as_array()?.iter().find(|e| e["extensionName"] == EXTENSION)?["uid"].as_str()
}

fn date_time(v: &Value) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(v["dateTime"].as_str()?, "%Y-%m-%dT%H:%M:%S%.f").ok()
}

/// The domain task of a To Do task, in `list`; its Graph id is its UID.
///
/// # Errors
///
/// A short reason when it has no id; the caller skips it.
pub fn read(g: &Value, list: &TaskListId) -> Result<Task, String> {
    let mut t = Task::new(list.clone(), g["title"].as_str().unwrap_or_default());
    t.uid = g["id"].as_str().ok_or("a task without id")?.to_string();
    t.notes = g["body"]["content"].as_str().filter(|c| !c.trim().is_empty()).map(str::to_string);
    // To Do keeps due *dates*: midnight in the zone given.
    t.due = date_time(&g["dueDateTime"]).map(|d| Due::Date(d.date()));
    t.status = match g["status"].as_str() {
        Some("completed") => TaskStatus::Completed,
        Some("inProgress") | Some("waitingOnOthers") => TaskStatus::InProgress,
        _ => TaskStatus::NeedsAction,
    };
    t.completed_at = date_time(&g["completedDateTime"]).map(|d| d.and_utc());
    t.priority = match g["importance"].as_str() {
        Some("high") => Priority::HIGHEST,
        Some("low") => Priority::new(4).expect("valid"),
        _ => Priority::DEFAULT,
    };
    Ok(t)
}

pub fn write(t: &Task) -> Value {
    let due = t.due.map(|d| match d {
        Due::Date(d) => d,
        Due::Instant(i) => i.date_naive(),
    });
    let fmt = |d: NaiveDate| json!({"dateTime": format!("{d}T00:00:00"), "timeZone": "UTC"});
    let mut body = json!({
        "title": t.title,
        "body": {"contentType": "text", "content": t.notes.clone().unwrap_or_default()},
        "status": match t.status {
            TaskStatus::Completed | TaskStatus::Cancelled => "completed",
            TaskStatus::InProgress => "inProgress",
            TaskStatus::NeedsAction => "notStarted",
        },
        "importance": match t.priority.get() { 1 | 2 => "high", 3 => "normal", _ => "low" },
        "dueDateTime": due.map(fmt),
    });
    if let Some(done) = t.completed_at.filter(|_| !t.status.is_open()) {
        body["completedDateTime"] =
            json!({"dateTime": done.format("%Y-%m-%dT%H:%M:%S").to_string(), "timeZone": "UTC"});
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_do_tasks_round_trip() {
        let g = json!({"id": "AAkALgAAAAAAHYQDEapmEc2byACqAC", "title": "Buy milk", "status": "notStarted", "importance": "high",
            "body": {"content": "2 litres", "contentType": "text"},
            "dueDateTime": {"dateTime": "2026-11-27T00:00:00.0000000", "timeZone": "UTC"}});
        let t = read(&g, &TaskListId::from_string("l")).unwrap();
        assert_eq!(
            (t.due, t.priority, t.notes.as_deref()),
            (Some(Due::Date("2026-11-27".parse().unwrap())), Priority::HIGHEST, Some("2 litres"))
        );
        let back = write(&t);
        assert_eq!(back["dueDateTime"]["dateTime"], "2026-11-27T00:00:00");
        assert_eq!(back["importance"], "high");
    }
}
