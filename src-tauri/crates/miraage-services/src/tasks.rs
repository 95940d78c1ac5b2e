//! Tasks: listing, adding, editing, finishing and deleting, for every face.

use crate::error::{Result, ServiceError};
pub use crate::task_changes::TaskChanges;
use crate::task_changes::{check_title, hours_of};
use chrono::{DateTime, Utc};
use miraage_domain::{Due, NewTask, Task, TaskStatus, TaskView};
use miraage_store::{Store, TaskFilter};
use serde::Serialize;
use ts_rs::TS;

/// A task as a face describes it, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskInput {
    pub title: String,
    pub notes: Option<String>,
    pub estimate_min: Option<u32>,
    pub due: Option<Due>,
    pub hard_due: bool,
    pub earliest_start: Option<DateTime<Utc>>,
    /// 1 (highest) to 4; `None`: the default (3).
    pub priority: Option<u8>,
    pub project: Option<String>,
    pub tags: Vec<String>,
    /// Smallest and largest block, in minutes.
    pub chunks: Option<(u32, u32)>,
    /// Tasks this one waits for, by id, id prefix or exact title.
    pub depends_on: Vec<String>,
    /// `work`, `personal` or one of the user's hour sets; `None`: by its tags, as before.
    pub hours: Option<String>,
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

    /// The same task as changes of a new one, so that adding and editing share each rule.
    fn into_changes(self) -> TaskChanges {
        TaskChanges {
            title: Some(self.title),
            notes: Some(self.notes),
            estimate_min: Some(self.estimate_min),
            due: Some(self.due.map(|d| d.to_string())),
            hard_due: Some(self.hard_due && self.due.is_some()),
            earliest_start: Some(self.earliest_start.map(|t| t.to_rfc3339())),
            priority: self.priority,
            hours: self.hours,
            chunks: Some(self.chunks),
            depends_on: Some(self.depends_on),
            project: Some(self.project),
            tags: Some(self.tags),
        }
    }
}

/// Everything the task editor shows of one task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TaskDetails {
    pub task: TaskView,
    pub hard_due: bool,
    /// RFC 3339; null: any time.
    pub earliest_start: Option<String>,
    /// `work`, `personal` or the name of one of the user's hour sets.
    pub hours: String,
    /// Smallest and largest block in minutes; null: the settings' defaults.
    pub chunks: Option<(u32, u32)>,
    /// The tasks this one waits for.
    pub depends_on: Vec<TaskRef>,
    /// RFC 3339, when the task was marked done.
    pub completed_at: Option<String>,
}

/// Another task, named for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TaskRef {
    pub id: String,
    pub title: String,
}

/// Open tasks (or all, `all`), ordered as a to-do list reads best.
///
/// # Errors
/// When the store cannot be read.
pub fn list(store: &Store, all: bool) -> Result<Vec<TaskView>> {
    Ok(store.task_views(if all { TaskFilter::All } else { TaskFilter::Open })?)
}

/// One task with everything the editor shows, by id, id prefix or exact title.
///
/// # Errors
/// Not found when `key` names no task.
pub fn details(store: &Store, key: &str) -> Result<TaskDetails> {
    let task = store.find_task(key)?;
    let view = store
        .task_views(TaskFilter::All)?
        .into_iter()
        .find(|v| v.id == task.id.as_str())
        .ok_or_else(|| ServiceError::NotFound(format!("The task “{}” was deleted.", task.title)))?;
    let mut depends_on = Vec::with_capacity(task.depends_on.len());
    for id in &task.depends_on {
        depends_on.push(TaskRef { id: id.to_string(), title: store.task(id)?.title });
    }
    Ok(TaskDetails {
        task: view,
        hard_due: task.hard_due,
        earliest_start: task.earliest_start.map(miraage_domain::time::format_instant),
        hours: store.task_hour_set(&task.id)?.unwrap_or_else(|| hours_of(&task).to_string()),
        chunks: task.chunking.map(|c| (c.min_minutes(), c.max_minutes())),
        depends_on,
        completed_at: task.completed_at.map(miraage_domain::time::format_instant),
    })
}

/// Adds a task to the local task list, every field checked by the rule an edit uses.
///
/// # Errors
/// [`ServiceError::Invalid`] or the domain's error naming the field (empty title, estimate
/// out of range, priority off the scale, bad block sizes); not found when a dependency is
/// unknown.
pub fn add(store: &mut Store, input: TaskInput) -> Result<Task> {
    let title = check_title(&input.title)?;
    let list = store.local_defaults()?.task_list;
    let changes = input.into_changes();
    let own = changes.own_hour_set(store)?;
    let task = changes.apply(store, Task::new(list, title))?;
    crate::undo::record(
        store,
        crate::undo::Label::named("added", &task.title),
        &[crate::undo::Key::task(&task.id)],
        |store| {
            store.save_task(&task)?;
            Ok(())
        },
    )?;
    if let Some(set) = own {
        store.set_task_hour_set(&task.id, set.as_deref())?;
    }
    Ok(task)
}

/// Changes a task: each field given in `changes` is checked by the rule [`add`] uses, then
/// all are written at once (and queued for the task's server), or none.
///
/// # Errors
/// As [`add`]; not found when `key` names no task (or it was deleted meanwhile); a
/// dependency cycle, naming its tasks.
pub fn edit(store: &mut Store, key: &str, changes: TaskChanges) -> Result<Task> {
    let before = store.find_task(key)?;
    let own = changes.own_hour_set(store)?;
    let after = changes.apply(store, before.clone())?;
    if let Some(set) = &own {
        store.set_task_hour_set(&after.id, set.as_deref())?;
    }
    if after == before {
        return Ok(after);
    }
    let label = crate::undo::Label::named("edited", &after.title);
    crate::undo::record(store, label, &[crate::undo::Key::task(&after.id)], |store| {
        store.update_task(&after)?;
        Ok(())
    })?;
    Ok(after)
}

/// Changes a task's estimate (`None` clears it: the default estimate is planned) and
/// priority.
///
/// # Errors
/// As [`edit`].
pub fn set_estimate_and_priority(
    store: &mut Store,
    key: &str,
    estimate_min: Option<u32>,
    priority: u8,
) -> Result<Task> {
    edit(
        store,
        key,
        TaskChanges { estimate_min: Some(estimate_min), priority: Some(priority), ..TaskChanges::default() },
    )
}

/// Marks a task done (or open again). Done frees its future plan blocks.
///
/// # Errors
/// Not found when `key` names no task.
pub fn set_done(store: &mut Store, key: &str, done: bool) -> Result<Task> {
    let task = store.find_task(key)?;
    let label = crate::undo::Label::named(if done { "completed" } else { "reopened" }, &task.title);
    let status = if done { TaskStatus::Completed } else { TaskStatus::NeedsAction };
    crate::undo::record(store, label, &[crate::undo::Key::task(&task.id)], |store| {
        Ok(store.set_task_status(&task.id, status)?)
    })
}

/// Deletes a task; its future plan blocks go with it.
///
/// # Errors
/// Not found when `key` names no task.
pub fn delete(store: &mut Store, key: &str) -> Result<Task> {
    let task = store.find_task(key)?;
    crate::undo::record(
        store,
        crate::undo::Label::named("deleted", &task.title),
        &[crate::undo::Key::task(&task.id)],
        |store| {
            store.delete_task(&task.id)?;
            Ok(())
        },
    )?;
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
