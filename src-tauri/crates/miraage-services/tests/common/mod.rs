//! What the task, undo and search tests share: a store in a real SQLite file, and a task
//! list of a CalDAV account as a sync would have attached it.

use miraage_domain::{Provider, Task, TaskListId};
use miraage_store::{CollectionId, CollectionInfo, Store};

pub struct Db {
    _dir: tempfile::TempDir,
    pub store: Store,
}

pub fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("miraage.db")).unwrap();
    Db { _dir: dir, store }
}

/// A task of a synced list, as a sync brought it (nothing queued for it yet).
pub fn synced_task(db: &mut Db, title: &str) -> (CollectionId, TaskListId, Task) {
    let account = db.store.add_account("Work", Provider::CalDav, Some("https://dav.example.com/"), None).unwrap();
    let info = CollectionInfo {
        remote_id: "/alice/tasks/".into(),
        name: "Work tasks".into(),
        color: None,
        holds_events: false,
        holds_tasks: true,
        read_only: false,
    };
    let collection = db.store.attach_collection(&account.id, &info).unwrap();
    let list = collection.task_list_id.clone().unwrap();
    let mut task = Task::new(list.clone(), title);
    task.uid = "server-task@example.com".into();
    let tx = db.store.sync_tx().unwrap();
    tx.upsert_task(&task).unwrap();
    tx.commit().unwrap();
    (collection.id, list, task)
}
