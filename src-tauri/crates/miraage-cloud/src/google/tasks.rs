//! Google Tasks ↔ domain tasks. Google keeps a title, notes, a due *date* (the time part of
//! `due` is discarded by the API), completion and a parent (subtasks); Miraage's planning
//! fields (estimate, priority…) have no place there and stay local.

use super::wire;
use chrono::{DateTime, NaiveDate, Utc};
use miraage_domain::time::format_instant;
use miraage_domain::{Due, Task, TaskListId, TaskStatus};

/// Starts the line a create adds to a task's notes: Google Tasks takes no client-chosen id
/// and has no hidden field, so this is how a retried create finds what an earlier try made.
/// Reading drops it; the next update from Miraage writes the notes without it.
pub const MARKER: &str = "miraage-id: ";

/// `notes` with the marker line naming `uid` added.
pub fn with_marker(notes: &str, uid: &str) -> String {
    if notes.is_empty() {
        format!("{MARKER}{uid}")
    } else {
        format!("{notes}\n\n{MARKER}{uid}")
    }
}

/// The notes without a marker line, and the UID it names.
pub fn split_marker(notes: &str) -> (&str, Option<&str>) {
    let (rest, last) = notes.rsplit_once('\n').unwrap_or(("", notes));
    match last.strip_prefix(MARKER) {
        Some(uid) if !uid.is_empty() => (rest.trim_end_matches('\n'), Some(uid)),
        _ => (notes, None),
    }
}

/// The domain task of a Google task, in `list`; its Google id is its UID.
///
/// # Errors
///
/// A short reason when its due date or completion time does not parse; the caller skips it.
pub fn read(g: &wire::Task, list: &TaskListId) -> Result<Task, String> {
    let mut t = Task::new(list.clone(), g.title.clone().unwrap_or_default());
    // Google task ids are the only stable name a task has there.
    t.uid = g.id.clone();
    t.notes = g.notes.as_deref().map(|n| split_marker(n).0).filter(|n| !n.is_empty()).map(str::to_string);
    t.due = g.due.as_deref().map(due_date).transpose()?.map(Due::Date);
    t.status = match g.status.as_deref() {
        Some("completed") => TaskStatus::Completed,
        _ => TaskStatus::NeedsAction,
    };
    t.completed_at = g.completed.as_deref().map(instant).transpose()?;
    Ok(t)
}

fn instant(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).map_err(|_| format!("invalid time {s:?}"))
}

/// The date of a `due` value (`2026-11-27T00:00:00.000Z`): its date part, not the date of
/// the instant in some zone.
fn due_date(s: &str) -> Result<NaiveDate, String> {
    s.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).ok_or_else(|| format!("invalid due {s:?}"))
}

/// The fields Miraage owns; a PATCH leaves the parent, position and links alone.
pub fn write(t: &Task) -> wire::Task {
    let completed = !t.status.is_open();
    wire::Task {
        title: Some(t.title.clone()),
        notes: Some(t.notes.clone().unwrap_or_default()),
        // Google has no "cancelled": a cancelled task is done with.
        status: Some(if completed { "completed" } else { "needsAction" }.into()),
        due: t.due.map(|d| {
            let date = match d {
                Due::Date(d) => d,
                Due::Instant(i) => i.date_naive(),
            };
            format!("{date}T00:00:00.000Z")
        }),
        completed: completed.then(|| format_instant(t.completed_at.unwrap_or_else(Utc::now))),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_dates_and_completion_reads() {
        let g: wire::Task = serde_json::from_value(serde_json::json!({
            "id": "t1", "title": "Pay rent", "status": "completed", "due": "2026-11-27T00:00:00.000Z",
            "completed": "2026-11-26T18:00:00.000Z", "hidden": true
        }))
        .unwrap();
        let t = read(&g, &TaskListId::from_string("l")).unwrap();
        assert_eq!(t.due, Some(Due::Date("2026-11-27".parse().unwrap())));
        assert_eq!(t.status, TaskStatus::Completed);
        assert_eq!(t.uid, "t1");
        let back = write(&t);
        assert_eq!(back.due.as_deref(), Some("2026-11-27T00:00:00.000Z"));
        assert_eq!(back.completed.as_deref(), Some("2026-11-26T18:00:00Z"));
    }

    #[test]
    fn the_create_marker_is_added_found_and_never_read_as_notes() {
        let marked = with_marker("Window seat\n", "abc@miraage");
        assert_eq!(split_marker(&marked), ("Window seat", Some("abc@miraage")));
        assert_eq!(split_marker(&with_marker("", "abc@miraage")), ("", Some("abc@miraage")));
        assert_eq!(split_marker("Call miraage-id: back"), ("Call miraage-id: back", None));
        let g: wire::Task =
            serde_json::from_value(serde_json::json!({"id": "t1", "title": "Pay rent", "notes": with_marker("", "x")}))
                .unwrap();
        assert_eq!(read(&g, &TaskListId::from_string("l")).unwrap().notes, None);
    }
}
