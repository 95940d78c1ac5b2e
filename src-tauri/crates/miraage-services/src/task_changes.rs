//! What an edit of a task may change, and the one set of rules every change of a task (an
//! add is a change of a new task) is checked by.

use crate::error::{Result, ServiceError};
use chrono::{DateTime, Utc};
use miraage_domain::{check_estimate, Chunking, Due, Priority, Task, TaskId};
use miraage_store::{Store, TaskFilter};
use serde::{Deserialize, Deserializer};
use std::collections::HashMap;
use ts_rs::TS;

/// Longest task title kept: a title is a line, not a document (the same bound as events).
const MAX_TITLE_CHARS: usize = 1000;

/// Due dates Miraage plans for: a year of a human life's calendar, not 0000 or 9999.
const DUE_YEARS: std::ops::RangeInclusive<i32> = 1970..=2200;

/// The hours sets a task may be planned in (the settings' work and personal hours).
pub const HOURS_SETS: [&str; 2] = ["work", "personal"];

/// Changes to a task; a field left out keeps its value, `null` clears a field that may be
/// empty. Each is checked by the same rule as when the task is added.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct TaskChanges {
    #[ts(optional)]
    pub title: Option<String>,
    #[serde(deserialize_with = "present")]
    #[ts(optional)]
    pub notes: Option<Option<String>>,
    /// Minutes, 1 to 6000; null: plan with the default estimate.
    #[serde(deserialize_with = "present")]
    #[ts(optional)]
    pub estimate_min: Option<Option<u32>>,
    /// A date `YYYY-MM-DD` or an RFC 3339 instant; null: no due date (and so no hard one).
    #[serde(deserialize_with = "present")]
    #[ts(optional)]
    pub due: Option<Option<String>>,
    /// The due date must not be missed (needs a due date).
    #[ts(optional)]
    pub hard_due: Option<bool>,
    /// An RFC 3339 instant before which no block is planned; null: any time.
    #[serde(deserialize_with = "present")]
    #[ts(optional)]
    pub earliest_start: Option<Option<String>>,
    /// 1 (highest) to 4.
    #[ts(optional)]
    pub priority: Option<u8>,
    /// `work` or `personal` (the settings' hours), or the name of one of the user's hour sets.
    #[ts(optional)]
    pub hours: Option<String>,
    /// Smallest and largest block in minutes; null: the settings' defaults.
    #[serde(deserialize_with = "present")]
    #[ts(optional)]
    pub chunks: Option<Option<(u32, u32)>>,
    /// The tasks this one waits for, by id or exact title; the list replaces the old one.
    #[ts(optional)]
    pub depends_on: Option<Vec<String>>,
    #[serde(deserialize_with = "present")]
    #[ts(optional)]
    pub project: Option<Option<String>>,
    #[ts(optional)]
    pub tags: Option<Vec<String>>,
}

/// A field that is present (even as `null`) is a change; a missing one is left alone.
fn present<'de, T: Deserialize<'de>, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

impl TaskChanges {
    /// Whether the edit changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == TaskChanges::default()
    }

    /// `task` with these changes, every changed field checked; nothing is written.
    ///
    /// # Errors
    /// [`ServiceError::Invalid`] or the domain's error naming the field and what to give;
    /// not found when a dependency names no task; [`ServiceError::Invalid`] naming the tasks
    /// of a dependency cycle.
    pub fn apply(self, store: &Store, mut task: Task) -> Result<Task> {
        if let Some(title) = self.title {
            task.title = check_title(&title)?;
        }
        if let Some(notes) = self.notes {
            task.notes = notes.filter(|n| !n.trim().is_empty());
        }
        if let Some(estimate) = self.estimate_min {
            task.estimate_min = estimate.map(check_estimate).transpose()?;
        }
        if let Some(due) = self.due {
            task.due = due
                .filter(|d| !d.trim().is_empty())
                .map(|d| Due::parse(d.trim()))
                .transpose()?
                .map(check_due)
                .transpose()?;
            if task.due.is_none() {
                task.hard_due = false;
            }
        }
        if let Some(hard) = self.hard_due {
            if hard && task.due.is_none() {
                return Err(ServiceError::Invalid {
                    what: "hard due date",
                    value: task.title.clone(),
                    expected: "a due date first: a hard due date is a due date that must not be missed",
                });
            }
            task.hard_due = hard;
        }
        if let Some(start) = self.earliest_start {
            task.earliest_start = start.filter(|s| !s.trim().is_empty()).map(|s| earliest(&s)).transpose()?;
        }
        if let Some(p) = self.priority {
            task.priority = Priority::new(p)?;
        }
        if let Some(chunks) = self.chunks {
            task.chunking = chunks.map(|(min, max)| Chunking::new(min, max)).transpose()?;
        }
        if let Some(project) = self.project {
            task.project = project.map(|p| p.trim().trim_start_matches('#').to_string()).filter(|p| !p.is_empty());
        }
        if let Some(tags) = self.tags {
            task.tags = clean_tags(tags);
        }
        if let Some(hours) = self.hours {
            set_hours(&mut task, &hours)?;
        }
        if let Some(deps) = self.depends_on {
            let mut ids = Vec::with_capacity(deps.len());
            for key in deps.iter().filter(|k| !k.trim().is_empty()) {
                let id = store.find_task(key.trim())?.id;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            check_no_cycle(store, &task, &ids)?;
            task.depends_on = ids;
        }
        Ok(task)
    }
}

/// The one rule for a task's title: not empty, at most a line of 1000 characters.
///
/// # Errors
/// [`ServiceError::Invalid`] naming the title.
pub fn check_title(title: &str) -> Result<String> {
    let t = title.trim();
    if t.is_empty() || t.chars().count() > MAX_TITLE_CHARS {
        return Err(ServiceError::Invalid {
            what: "task title",
            value: t.chars().take(60).collect(),
            expected: "a title of 1 to 1000 characters",
        });
    }
    Ok(t.to_string())
}

/// The one rule for a due date, wherever it is typed.
///
/// # Errors
/// [`ServiceError::Invalid`] for a year outside 1970–2200.
pub fn check_due(due: Due) -> Result<Due> {
    use chrono::Datelike;
    let year = match due {
        Due::Date(d) => d.year(),
        Due::Instant(t) => t.year(),
    };
    if DUE_YEARS.contains(&year) {
        Ok(due)
    } else {
        Err(ServiceError::Invalid {
            what: "due date",
            value: due.to_string(),
            expected: "a date between 1970 and 2200",
        })
    }
}

fn earliest(s: &str) -> Result<DateTime<Utc>> {
    let t = crate::events::instant("earliest start", s.trim())?;
    check_due(Due::Instant(t)).map_err(|_| ServiceError::Invalid {
        what: "earliest start",
        value: s.to_string(),
        expected: "an instant between 1970 and 2200",
    })?;
    Ok(t)
}

fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim().trim_start_matches('#').to_string();
        if !tag.is_empty() && !out.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(tag);
        }
    }
    out
}

/// The planner picks personal hours for a task tagged (or filed under) `personal`; the hours
/// set is that tag, so that it travels with the task to every server.
fn set_hours(task: &mut Task, hours: &str) -> Result<()> {
    let personal = |s: &str| s.eq_ignore_ascii_case("personal");
    match hours.trim().to_ascii_lowercase().as_str() {
        "personal" if !task.tags.iter().any(|t| personal(t)) => task.tags.push("personal".into()),
        "work" => {
            if task.project.as_deref().is_some_and(personal) {
                return Err(ServiceError::Invalid {
                    what: "hours",
                    value: hours.to_string(),
                    expected: "another project first: tasks of the project “personal” are planned in personal hours",
                });
            }
            task.tags.retain(|t| !personal(t));
        }
        // Personal and tagged so already, or one of the user's own hour sets: kept beside the
        // task (see `own_hour_set`).
        _ => {}
    }
    Ok(())
}

impl TaskChanges {
    /// The user's hour set these changes give the task: `None` when they leave it alone,
    /// `Some(None)` when the task goes back to work or personal hours, `Some(Some(name))` for
    /// a set of the user's (its name as stored).
    ///
    /// # Errors
    /// [`ServiceError::Invalid`] naming the hour sets there are, when `hours` names none.
    pub fn own_hour_set(&self, store: &Store) -> Result<Option<Option<String>>> {
        let Some(hours) = self.hours.as_deref() else { return Ok(None) };
        if HOURS_SETS.iter().any(|h| h.eq_ignore_ascii_case(hours.trim())) {
            return Ok(Some(None));
        }
        let settings = miraage_scheduling::load_settings(store)?;
        let sets = miraage_scheduling::hour_sets(store, &settings)?;
        match miraage_scheduling::habits::find_set(&sets, hours) {
            Some(set) => Ok(Some(Some(set.name.clone()))),
            None => Err(miraage_scheduling::habits::unknown_set(hours, &sets).into()),
        }
    }
}

/// Which hours set the planner uses for `task`.
pub fn hours_of(task: &Task) -> &'static str {
    if miraage_scheduling::is_personal(task) {
        HOURS_SETS[1]
    } else {
        HOURS_SETS[0]
    }
}

/// Refuses dependencies that would make `task` wait for itself, naming the tasks of the
/// cycle in order ("“A” waits for “B”, which waits for “A”").
fn check_no_cycle(store: &Store, task: &Task, deps: &[TaskId]) -> Result<()> {
    let all = store.tasks(TaskFilter::All)?;
    let titles: HashMap<&TaskId, &str> = all.iter().map(|t| (&t.id, t.title.as_str())).collect();
    let mut graph: HashMap<&TaskId, &[TaskId]> = all.iter().map(|t| (&t.id, t.depends_on.as_slice())).collect();
    graph.insert(&task.id, deps);
    // Depth-first from the task: a path back to it is the cycle.
    let mut path = vec![&task.id];
    let mut seen = std::collections::HashSet::new();
    if let Some(cycle) = find_back(&graph, &task.id, &mut path, &mut seen) {
        let title =
            |id: &TaskId| if *id == task.id { task.title.as_str() } else { titles.get(id).copied().unwrap_or("?") };
        let chain: Vec<String> = cycle.iter().map(|id| format!("“{}”", title(id))).collect();
        return Err(ServiceError::Store(miraage_store::StoreError::Invalid(format!(
            "These tasks would wait for each other in a circle: {} (each waits for the next). Remove one of these dependencies.",
            chain.join(" → ")
        ))));
    }
    Ok(())
}

fn find_back<'a>(
    graph: &HashMap<&'a TaskId, &'a [TaskId]>,
    target: &TaskId,
    path: &mut Vec<&'a TaskId>,
    seen: &mut std::collections::HashSet<&'a TaskId>,
) -> Option<Vec<&'a TaskId>> {
    let here = *path.last().expect("the path starts at the task");
    for next in graph.get(here).copied().unwrap_or_default() {
        if next == target {
            let mut cycle = path.clone();
            cycle.push(next);
            return Some(cycle);
        }
        if seen.insert(next) {
            path.push(next);
            if let Some(c) = find_back(graph, target, path, seen) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}
