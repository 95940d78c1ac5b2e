use super::*;
use crate::provider::RemoteChange;
use miraage_domain::{Task, TaskListId};

const TASKS: &str = "/tasks/";

fn server() -> FakeServer {
    let fake = FakeServer::new();
    fake.add_collection(RemoteCollection {
        remote_id: TASKS.into(),
        name: "Tasks".into(),
        color: None,
        holds_events: false,
        holds_tasks: true,
        read_only: false,
    });
    fake
}

fn task(uid: &str, title: &str) -> ItemBody {
    ItemBody::Task(Box::new(Task { uid: uid.into(), ..Task::new(TaskListId::new(), title) }))
}

fn coll(fake: &FakeServer) -> RemoteCollection {
    fake.drive(fake.collections(), |_| {}).unwrap().unwrap().remove(0)
}

fn write(fake: &FakeServer, uid: &str, body: &ItemBody, at: Option<(&str, &str)>) -> Result<Written> {
    let c = coll(fake);
    let item = OutgoingItem { uid, body, remote_id: at.map(|a| a.0), etag: at.map(|a| a.1) };
    fake.drive(fake.write(&c, item), |_| {}).expect("no crash scheduled")
}

fn changes(fake: &FakeServer, cursor: Option<&str>) -> Changes {
    let c = coll(fake);
    fake.drive(fake.changes(&c, cursor), |_| {}).unwrap().unwrap()
}

#[test]
fn etags_change_on_every_write_and_stale_ones_get_412() {
    let fake = server();
    let body = task("a", "A");
    let first = write(&fake, "a", &body, None).unwrap();
    assert!(matches!(write(&fake, "a", &body, None), Err(SyncError::Conflict { .. })), "a second create of the UID");
    let etag = first.etag.clone().unwrap();
    let second = write(&fake, "a", &task("a", "A2"), Some((&first.remote_id, &etag))).unwrap();
    assert_ne!(second.etag, first.etag);
    assert!(matches!(write(&fake, "a", &body, Some((&first.remote_id, &etag))), Err(SyncError::Conflict { .. })));
    let c = coll(&fake);
    let delete = fake.delete(&c, ItemKind::Task, &first.remote_id, Some(&etag));
    assert!(matches!(fake.drive(delete, |_| {}).unwrap(), Err(SyncError::Conflict { .. })));
    let found = fake.drive(fake.find(&c, ItemKind::Task, "a"), |_| {}).unwrap().unwrap().expect("found by UID");
    assert_eq!(found.etag, second.etag);
}

#[test]
fn tokens_list_changes_since_and_expire_into_a_full_listing() {
    let fake = server();
    fake.set_page_size(2);
    for uid in ["a", "b", "c"] {
        fake.put(TASKS, uid, task(uid, uid));
    }
    let first = changes(&fake, None);
    assert!(first.full && first.more && first.changes.len() == 2, "{first:?}");
    let rest = changes(&fake, Some(&first.cursor));
    assert!(rest.full && !rest.more && rest.changes.len() == 1, "{rest:?}");
    let quiet = changes(&fake, Some(&rest.cursor));
    assert!(!quiet.full && quiet.changes.is_empty());

    fake.remove(TASKS, "b");
    fake.put(TASKS, "c", task("c", "C2"));
    let since = changes(&fake, Some(&rest.cursor));
    assert!(!since.full && since.changes.len() == 2, "{since:?}");
    assert!(matches!(&since.changes[0], RemoteChange::Removed { remote_id } if remote_id.ends_with("x-b")));

    fake.expire_tokens();
    let again = changes(&fake, Some(&since.cursor));
    assert!(again.full, "an expired token gives a full listing: {again:?}");
    let uids: Vec<_> = changes(&fake, Some(&again.cursor)).changes.len().to_string().chars().collect();
    assert_eq!(uids, ['0']);
}

#[test]
fn faults_happen_on_their_call() {
    let fake = server();
    let body = task("a", "A");
    let next = fake.calls() + 2; // the collections call, then the write
    fake.fail_at(next, Fault::LoseAnswer);
    let err = write(&fake, "a", &body, None).unwrap_err();
    assert!(err.is_retryable(), "{err}");
    let applied = fake.history();
    assert_eq!(applied.len(), 1, "the server has the write");
    assert!(!applied[0].answered);

    fake.fail_at(fake.calls() + 2, Fault::Unavailable);
    let err = write(&fake, "b", &task("b", "B"), None).unwrap_err();
    assert!(err.to_string().contains("503"), "{err}");
    assert!(fake.item(TASKS, "b").is_none());

    fake.fail_at(fake.calls() + 2, Fault::Delayed { calls: 2 });
    assert!(write(&fake, "b", &task("b", "B"), None).is_err());
    assert!(fake.item(TASKS, "b").is_none(), "not yet");
    coll(&fake);
    coll(&fake);
    assert!(fake.item(TASKS, "b").is_some(), "landed later");

    let c = coll(&fake);
    fake.fail_at(fake.calls() + 1, Fault::CrashAfter);
    let cbody = task("c", "C");
    let crashed =
        fake.drive(fake.write(&c, OutgoingItem { uid: "c", body: &cbody, remote_id: None, etag: None }), |_| {});
    assert!(crashed.is_none() && fake.item(TASKS, "c").is_some());

    fake.fail_at(fake.calls() + 1, Fault::Pause);
    let dbody = task("d", "D");
    let mut paused = Vec::new();
    let done = fake.drive(fake.write(&c, OutgoingItem { uid: "d", body: &dbody, remote_id: None, etag: None }), |p| {
        assert_eq!(p.item, Some((TASKS.to_string(), "d".to_string())));
        paused.push(p.call);
        fake.put(TASKS, "d", task("d", "D by another client"));
    });
    assert_eq!(paused.len(), 1);
    assert!(matches!(done, Some(Err(SyncError::Conflict { .. }))), "the other client's create came first");
}
