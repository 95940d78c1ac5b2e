//! Tasks: listing, adding, editing, finishing and deleting, for every face.

use crate::error::{Result, ServiceError};
use miraage_domain::{check_estimate, Chunking, Due, NewTask, Priority, Task, TaskStatus, TaskView};
use miraage_store::{Store, TaskFilter};

/// A task as a face describes it, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskInput {
    pub title: String,
    pub notes: Option<String>,
    pub estimate_min: Option<u32>,
    pub due: Option<Due>,
    pub hard_due: bool,
    /// 1 (highest) to 4; `None`: the default (3).
    pub priority: Option<u8>,
    pub project: Option<String>,
    pub tags: Vec<String>,
    /// Smallest and largest block, in minutes.
    pub chunks: Option<(u32, u32)>,
    /// Tasks this one waits for, by id, id prefix or exact title.
    pub depends_on: Vec<String>,
}

impl TaskInput {
    /// The window's quick form of a task.
    ///
    /// # Errors
    /// [`ServiceError::Domain`] when the due date cannot be read.
    pub fn from_new(t: NewTask) -> Result<Self> {
        Ok(TaskInput {
            title: t.title,
            estimate_min: t.estimate_min,
            due: t.due.as_deref().map(Due::parse).transpose()?,
            priority: t.priority,
            project: t.project,
            ..TaskInput::default()
        })
    }
}

/// Due dates Miraage plans for: a year of a human life's calendar, not 0000 or 9999.
const DUE_YEARS: std::ops::RangeInclusive<i32> = 1970..=2200;

/// The one rule for a due date, wherever it is typed.
fn check_due(due: Due) -> Result<Due> {
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

/// Open tasks (or all, `all`), ordered as a to-do list reads best.
///
/// # Errors
/// When the store cannot be read.
pub fn list(store: &Store, all: bool) -> Result<Vec<TaskView>> {
    Ok(store.task_views(if all { TaskFilter::All } else { TaskFilter::Open })?)
}

/// Adds a task to the local task list, every field checked by the domain's one rule for it.
///
/// # Errors
/// [`ServiceError::Domain`] naming the field (empty title, estimate out of range, priority
/// off the scale, bad block sizes); [`ServiceError::Store`] when a dependency is unknown.
pub fn add(store: &mut Store, input: TaskInput) -> Result<Task> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(ServiceError::Invalid {
            what: "task title",
            value: input.title.clone(),
            expected: "a title (it cannot be empty)",
        });
    }
    let list = store.local_defaults()?.task_list;
    let mut task = Task::new(list, title);
    task.notes = input.notes.filter(|n| !n.trim().is_empty());
    task.estimate_min = input.estimate_min.map(check_estimate).transpose()?;
    task.due = input.due.map(check_due).transpose()?;
    task.hard_due = input.hard_due && task.due.is_some();
    if let Some(p) = input.priority {
        task.priority = Priority::new(p)?;
    }
    task.project = input.project.map(|p| p.trim().trim_start_matches('#').to_string()).filter(|p| !p.is_empty());
    task.tags = input.tags;
    task.chunking = input.chunks.map(|(min, max)| Chunking::new(min, max)).transpose()?;
    for dep in &input.depends_on {
        task.depends_on.push(store.find_task(dep)?.id);
    }
    store.save_task(&task)?;
    Ok(task)
}

/// Changes a task's estimate (`None` clears it: the default estimate is planned) and
/// priority.
///
/// # Errors
/// As [`add`]; [`ServiceError::Store`] (not found) when `key` names no task.
pub fn set_estimate_and_priority(
    store: &mut Store,
    key: &str,
    estimate_min: Option<u32>,
    priority: u8,
) -> Result<Task> {
    let priority = Priority::new(priority)?;
    let estimate_min = estimate_min.map(check_estimate).transpose()?;
    let mut task = store.find_task(key)?;
    task.estimate_min = estimate_min;
    task.priority = priority;
    store.save_task(&task)?;
    Ok(task)
}

/// Marks a task done (or open again). Done frees its future plan blocks.
///
/// # Errors
/// [`ServiceError::Store`] (not found) when `key` names no task.
pub fn set_done(store: &mut Store, key: &str, done: bool) -> Result<Task> {
    let task = store.find_task(key)?;
    Ok(store.set_task_status(&task.id, if done { TaskStatus::Completed } else { TaskStatus::NeedsAction })?)
}

/// Deletes a task; its future plan blocks go with it.
///
/// # Errors
/// [`ServiceError::Store`] (not found) when `key` names no task.
pub fn delete(store: &mut Store, key: &str) -> Result<Task> {
    let task = store.find_task(key)?;
    store.delete_task(&task.id)?;
    Ok(task)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_the_estimate_in_every_path() {
        let mut store = Store::open_in_memory().unwrap();
        let input = |m| TaskInput { title: "Write".into(), estimate_min: Some(m), ..TaskInput::default() };
        for bad in [0, 100 * 60 + 1, u32::MAX] {
            let e = add(&mut store, input(bad)).unwrap_err();
            assert_eq!(e.code(), crate::ErrorCode::Invalid, "{e}");
            assert!(e.to_string().contains("estimate"), "{e}");
        }
        let t = add(&mut store, input(90)).unwrap();
        assert!(set_estimate_and_priority(&mut store, t.id.as_str(), Some(0), 2).is_err());
        assert_eq!(set_estimate_and_priority(&mut store, t.id.as_str(), Some(45), 2).unwrap().estimate_min, Some(45));
        let e = NewTask { title: "x".into(), estimate_min: Some(0), due: None, priority: None, project: None }
            .into_task(store.local_defaults().unwrap().task_list)
            .unwrap_err();
        assert!(e.to_string().contains("estimate"), "{e}");
    }

    #[test]
    fn absurd_due_dates_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        for bad in ["0000-01-01", "9999-12-31"] {
            let input = TaskInput { title: "Far".into(), due: Some(Due::parse(bad).unwrap()), ..TaskInput::default() };
            let e = add(&mut store, input).unwrap_err();
            assert!(e.to_string().contains("due date"), "{e}");
        }
        assert!(add(
            &mut store,
            TaskInput { title: "Soon".into(), due: Some(Due::parse("2030-01-01").unwrap()), ..TaskInput::default() }
        )
        .is_ok());
    }

    #[test]
    fn an_empty_title_or_unknown_dependency_is_refused_and_nothing_is_saved() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(
            add(&mut store, TaskInput { title: "  ".into(), ..TaskInput::default() }).unwrap_err().code(),
            crate::ErrorCode::Invalid
        );
        let e = add(
            &mut store,
            TaskInput { title: "B".into(), depends_on: vec!["nothing like it".into()], ..TaskInput::default() },
        )
        .unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::NotFound, "{e}");
        assert!(list(&store, true).unwrap().is_empty());
    }
}
