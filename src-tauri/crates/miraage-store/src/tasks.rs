//! Tasks and their dependencies.

use crate::batch::Batch;
use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::outbox::{enqueue_task, OutboxOp};
use crate::rows::{from_epoch, now_epoch, to_epoch};
use miraage_domain::{Chunking, Due, Priority, Task, TaskId, TaskListId, TaskStatus, TaskView};
use rusqlite::{params, OptionalExtension, Row, Transaction};

/// Which tasks a listing shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskFilter {
    /// Not completed and not cancelled.
    Open,
    All,
}

pub(crate) const TASK_COLUMNS: &str = "t.id, t.list_id, t.uid, t.title, t.notes, t.estimate_min, t.due, t.hard_due, \
     t.earliest_start, t.priority, t.min_chunk_min, t.max_chunk_min, t.project, t.tags, t.status, t.completed_at";

impl Store {
    /// Adds a task (or updates the one with the same list and UID).
    ///
    /// # Errors
    ///
    /// [`StoreError::Invalid`] when the task depends on a task that does not exist;
    /// [`StoreError::Sqlite`] when the database cannot be written (also when the task names a list
    /// that does not exist). Nothing is written then.
    pub fn save_task(&mut self, task: &Task) -> Result<()> {
        let tx = self.conn.transaction()?;
        upsert_tasks(&tx, std::slice::from_ref(task))?;
        enqueue_task(&tx, &task.list_id, &task.uid, OutboxOp::Put)?;
        tx.commit()?;
        Ok(())
    }

    /// Writes an edit of a stored task (queued for its server like any edit); a task deleted
    /// meanwhile is not brought back but reported as not found.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no task has this id (nothing is written then);
    /// [`StoreError::Sqlite`] when the database cannot be written.
    pub fn update_task(&mut self, task: &Task) -> Result<()> {
        let tx = self.conn.transaction()?;
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM tasks WHERE id = ?1)", [task.id.as_str()], |r| r.get(0))?;
        if !exists {
            return Err(StoreError::NotFound { what: "task", id: task.title.clone() });
        }
        upsert_tasks(&tx, std::slice::from_ref(task))?;
        enqueue_task(&tx, &task.list_id, &task.uid, OutboxOp::Put)?;
        tx.commit()?;
        Ok(())
    }

    /// The task with this id, with its dependencies.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no task has this id; [`StoreError::Sqlite`] when the database
    /// cannot be read; [`StoreError::Corrupt`] or [`StoreError::Domain`] when the stored row no
    /// longer reads as a task.
    pub fn task(&self, id: &TaskId) -> Result<Task> {
        let task = self
            .conn
            .query_row(&format!("SELECT {TASK_COLUMNS} FROM tasks t WHERE t.id = ?1"), [id.as_str()], |r| {
                Ok(read_task(r))
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound { what: "task", id: id.to_string() })??;
        self.with_dependencies(vec![task]).map(|mut v| v.remove(0))
    }

    /// Tasks ordered as a to-do list reads best: open ones first, by due date (undated
    /// last), then priority, then title.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] or
    /// [`StoreError::Domain`] when a stored row no longer reads as a task.
    pub fn tasks(&self, filter: TaskFilter) -> Result<Vec<Task>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TASK_COLUMNS} FROM tasks t
             WHERE (?1 = 0 OR t.status IN ('needs_action', 'in_progress'))
             ORDER BY t.status IN ('completed', 'cancelled'), t.due IS NULL, t.due, t.priority, t.title COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([filter == TaskFilter::Open], |r| Ok(read_task(r)))?;
        let tasks = rows.map(|r| r?).collect::<Result<Vec<_>>>()?;
        self.with_dependencies(tasks)
    }

    /// The tasks of [`Store::tasks`] as the views show them, each with its list's name.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`] when the database cannot be read; [`StoreError::Corrupt`] or
    /// [`StoreError::Domain`] when a stored row no longer reads as a task.
    pub fn task_views(&self, filter: TaskFilter) -> Result<Vec<TaskView>> {
        let names: std::collections::HashMap<String, String> =
            self.task_lists()?.into_iter().map(|l| (l.id.to_string(), l.name)).collect();
        Ok(self
            .tasks(filter)?
            .into_iter()
            .map(|t| TaskView {
                id: t.id.to_string(),
                list_name: names.get(t.list_id.as_str()).cloned().unwrap_or_default(),
                list_id: t.list_id.to_string(),
                title: t.title,
                notes: t.notes,
                estimate_min: t.estimate_min,
                due: t.due.map(|d| d.to_string()),
                priority: t.priority.get(),
                status: t.status,
                project: t.project,
                tags: t.tags,
            })
            .collect())
    }

    /// Marks a task done (or reopens it), recording when. A task that is done or cancelled
    /// frees its time as [`Store::release_task_blocks`] does: its future plan blocks go, with
    /// their calendar events.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no task has this id; [`StoreError::ReadOnly`] when one of the
    /// plan blocks to release is in a read-only calendar; [`StoreError::Sqlite`] when the database
    /// cannot be written. Nothing is changed then.
    pub fn set_task_status(&mut self, id: &TaskId, status: TaskStatus) -> Result<Task> {
        let completed_at = (status == TaskStatus::Completed).then(now_epoch);
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE tasks SET status = ?2, completed_at = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.as_str(), status.as_str(), completed_at, now_epoch()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "task", id: id.to_string() });
        }
        if status == TaskStatus::Completed {
            // Its blocks that began count as done (the history and the estimate learner).
            crate::history::task_completed_in(&tx, id, chrono::Utc::now())?;
        }
        if matches!(status, TaskStatus::Completed | TaskStatus::Cancelled) {
            crate::plan::release_blocks_in(&tx, id, chrono::Utc::now())?;
        }
        let (list, uid): (String, String) =
            tx.query_row("SELECT list_id, uid FROM tasks WHERE id = ?1", [id.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        enqueue_task(&tx, &TaskListId::from_string(list), &uid, OutboxOp::Put)?;
        tx.commit()?;
        self.task(id)
    }

    /// Deletes a task (and, for a synced list, queues its deletion on the server); its
    /// future plan blocks go with their calendar events.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when no task has this id; [`StoreError::ReadOnly`] when one of the
    /// plan blocks to release is in a read-only calendar; [`StoreError::Sqlite`] when the database
    /// cannot be written. Nothing is deleted then.
    pub fn delete_task(&mut self, id: &TaskId) -> Result<()> {
        let tx = self.conn.transaction()?;
        crate::plan::release_blocks_in(&tx, id, chrono::Utc::now())?;
        let found: Option<(String, String)> = tx
            .query_row("SELECT list_id, uid FROM tasks WHERE id = ?1", [id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((list, uid)) = found else {
            return Err(StoreError::NotFound { what: "task", id: id.to_string() });
        };
        tx.execute("DELETE FROM tasks WHERE id = ?1", [id.as_str()])?;
        enqueue_task(&tx, &TaskListId::from_string(list), &uid, OutboxOp::Delete)?;
        tx.commit()?;
        Ok(())
    }

    /// Finds a task by its id, a unique prefix of its id, or its exact title.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`] when nothing matches `key`; [`StoreError::Invalid`] when several
    /// tasks match; [`StoreError::Sqlite`] when the database cannot be read.
    pub fn find_task(&self, key: &str) -> Result<Task> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM tasks WHERE id = ?1 OR id LIKE ?1 || '%' OR title = ?1 COLLATE NOCASE LIMIT 3",
            )?
            .query_map([key], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        match ids.as_slice() {
            [one] => self.task(&TaskId::from_string(one.clone())),
            [] => Err(StoreError::NotFound { what: "task", id: key.to_string() }),
            _ => Err(StoreError::Invalid(format!("{key:?} matches several tasks; give more of the id"))),
        }
    }

    fn with_dependencies(&self, mut tasks: Vec<Task>) -> Result<Vec<Task>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT depends_on FROM task_dependencies WHERE task_id = ?1 ORDER BY depends_on")?;
        for t in &mut tasks {
            t.depends_on = stmt
                .query_map([t.id.as_str()], |r| Ok(TaskId::from_string(r.get::<_, String>(0)?)))?
                .collect::<Result<_, _>>()?;
        }
        Ok(tasks)
    }
}

/// Upserts tasks by (list, UID), then their dependencies, so that tasks of one batch may
/// depend on each other in any order. Returns (inserted, updated).
pub(crate) fn upsert_tasks(tx: &Transaction<'_>, tasks: &[Task]) -> Result<(usize, usize)> {
    let (mut inserted, mut updated) = (0, 0);
    let mut ids = Vec::with_capacity(tasks.len());
    for t in Batch::new(tasks).iter() {
        let existing: Option<String> = tx
            .prepare_cached("SELECT id FROM tasks WHERE list_id = ?1 AND uid = ?2")?
            .query_row(params![t.list_id.as_str(), t.uid], |r| r.get(0))
            .optional()?;
        let id = existing.clone().unwrap_or_else(|| t.id.to_string());
        let (min_chunk, max_chunk) = match t.chunking {
            Some(c) => (Some(c.min_minutes()), Some(c.max_minutes())),
            None => (None, None),
        };
        let tags = serde_json::to_string(&t.tags).expect("strings serialise");
        tx.prepare_cached(
            "INSERT INTO tasks (id, list_id, uid, title, notes, estimate_min, due, hard_due, earliest_start,
                                priority, min_chunk_min, max_chunk_min, project, tags, status, completed_at,
                                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)
             ON CONFLICT (list_id, uid) DO UPDATE SET
                 title = excluded.title, notes = excluded.notes, estimate_min = excluded.estimate_min,
                 due = excluded.due, hard_due = excluded.hard_due, earliest_start = excluded.earliest_start,
                 priority = excluded.priority, min_chunk_min = excluded.min_chunk_min,
                 max_chunk_min = excluded.max_chunk_min, project = excluded.project, tags = excluded.tags,
                 status = excluded.status, completed_at = excluded.completed_at, updated_at = excluded.updated_at",
        )?
        .execute(params![
            id,
            t.list_id.as_str(),
            t.uid,
            t.title,
            t.notes,
            t.estimate_min,
            t.due.map(|d| d.to_string()),
            t.hard_due,
            t.earliest_start.map(to_epoch),
            t.priority.get(),
            min_chunk,
            max_chunk,
            t.project,
            tags,
            t.status.as_str(),
            t.completed_at.map(to_epoch),
            now_epoch(),
        ])?;
        if existing.is_some() {
            updated += 1;
        } else {
            inserted += 1;
        }
        ids.push(id);
    }
    // A dependency may name a task of this batch by the id it was given before the upsert
    // kept an older one; resolve through the batch first.
    let batch = Batch::new(tasks);
    let in_batch = batch.positions();
    let mut clear = tx.prepare_cached("DELETE FROM task_dependencies WHERE task_id = ?1")?;
    let mut link =
        tx.prepare_cached("INSERT OR IGNORE INTO task_dependencies (task_id, depends_on) VALUES (?1, ?2)")?;
    for (t, id) in batch.iter().zip(&ids) {
        clear.execute([id])?;
        for dep in &t.depends_on {
            let target = in_batch.get(dep).map_or(dep.as_str(), |&i| ids[i].as_str());
            link.execute(params![id, target]).map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => {
                    StoreError::Invalid(format!("task {:?} depends on unknown task {dep}", t.title))
                }
                _ => StoreError::Sqlite(e),
            })?;
        }
    }
    Ok((inserted, updated))
}

pub(crate) fn read_task(r: &Row<'_>) -> Result<Task> {
    let due: Option<String> = r.get(6)?;
    let tags: String = r.get(13)?;
    let status: String = r.get(14)?;
    let chunking = match (r.get::<_, Option<u32>>(10)?, r.get::<_, Option<u32>>(11)?) {
        (Some(min), Some(max)) => Some(Chunking::new(min, max)?),
        _ => None,
    };
    Ok(Task {
        id: TaskId::from_string(r.get::<_, String>(0)?),
        list_id: TaskListId::from_string(r.get::<_, String>(1)?),
        uid: r.get(2)?,
        title: r.get(3)?,
        notes: r.get(4)?,
        estimate_min: r.get(5)?,
        due: due.map(|d| Due::parse(&d)).transpose()?,
        hard_due: r.get(7)?,
        earliest_start: r.get::<_, Option<i64>>(8)?.map(from_epoch).transpose()?,
        priority: Priority::new(r.get(9)?)?,
        chunking,
        depends_on: Vec::new(),
        project: r.get(12)?,
        tags: serde_json::from_str(&tags).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        status: TaskStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("task status {status:?}")))?,
        completed_at: r.get::<_, Option<i64>>(15)?.map(from_epoch).transpose()?,
    })
}
