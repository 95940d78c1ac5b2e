//! A create whose answer was lost is never made twice. Google Tasks and Microsoft To Do take
//! no client-chosen id, so each task create carries a marker the provider keeps (Google: a
//! line in the notes; To Do: an open extension), and the sync engine looks for it before it
//! sends an unconfirmed create again; events were covered before (Google: an id chosen from
//! the UID; Graph: `transactionId`) and are checked here the same way. Against the fakes
//! over real HTTP, through the real engine and a real SQLite store; the fakes apply the write
//! and then break the connection.

mod support;

use miraage_domain::{Account, Event, EventTime, Task, TaskListId};
use miraage_oauth::fake::FakeAuth;
use miraage_store::{Store, TaskFilter};
use miraage_sync::engine::{Engine, SyncReport};
use miraage_sync::Provider;
use std::sync::{Mutex, MutexGuard};
use support::Fault;

const GOOGLE_LIST: &str = "MTAxNjY3OTk0NzQ4NzQ0OTg2NjU6MDow";
const TODO_LIST: &str = "AQMkADAwATM0MDAAMS0yMDkyLWVjMzYtMDACLTAwCgAuAAAD";
const GOOGLE_CAL: &str = "work@group.calendar.google.com";
const GRAPH_CAL: &str = "AAMkAGI2TGuLAAA=";

struct Env {
    _dir: tempfile::TempDir,
    store: Mutex<Store>,
    account: Account,
}

impl Env {
    fn new(provider: miraage_domain::Provider) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
        let account = store.add_account("Cloud", provider, None, None).unwrap();
        Env { _dir: dir, store: Mutex::new(store), account }
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap()
    }

    async fn sync(&self, p: &impl Provider) -> SyncReport {
        Engine::new(&self.store, p, self.account.clone()).forced(true).run().await.expect("sync runs")
    }

    fn list(&self) -> TaskListId {
        let colls = self.store().collections(&self.account.id).unwrap();
        colls.iter().find_map(|c| c.task_list_id.clone()).expect("a task list attached")
    }

    fn calendar(&self) -> miraage_domain::CalendarId {
        let colls = self.store().collections(&self.account.id).unwrap();
        colls.iter().find_map(|c| c.calendar_id.clone()).expect("a calendar attached")
    }

    fn tasks(&self) -> Vec<Task> {
        self.store().tasks(TaskFilter::All).unwrap()
    }
}

fn titles(tasks: &[Task]) -> Vec<&str> {
    tasks.iter().map(|t| t.title.as_str()).collect()
}

/// Makes a task locally, loses the answer to its create, edits its title before the retry
/// (so a match on the title would miss it), and syncs again; answers the local task.
async fn lose_a_create_then_retry(env: &Env, p: &impl Provider, lose: impl Fn()) -> Task {
    env.sync(p).await;
    let mut task = Task::new(env.list(), "Book flights");
    task.estimate_min = Some(90);
    env.store().save_task(&task).unwrap();
    lose();
    let first = env.sync(p).await;
    assert_eq!(first.collections.iter().map(|c| c.pending).sum::<usize>(), 1, "the create is unconfirmed: {first:?}");
    task.title = "Book flights to Rome".into();
    env.store().update_task(&task).unwrap();
    let second = env.sync(p).await;
    assert!(second.collections.iter().all(|c| c.error.is_none() && c.pending == 0), "{second:?}");
    task
}

#[tokio::test(flavor = "multi_thread")]
async fn a_google_task_create_whose_answer_was_lost_is_made_once() {
    let auth = FakeAuth::start().await;
    let (fake, p) = support::google_provider(&auth, "retry-google").await;
    fake.add_task_list(GOOGLE_LIST, "My Tasks");
    let env = Env::new(miraage_domain::Provider::Google);

    lose_a_create_then_retry(&env, &p, || fake.push_fault(Fault::LoseAnswer)).await;
    let remote = fake.tasks(GOOGLE_LIST);
    assert_eq!(remote.len(), 1, "one task on the server: {remote:?}");
    assert_eq!(remote[0]["title"], "Book flights to Rome");
    // The marker served its purpose: the update that followed removed it from the notes.
    assert_eq!(remote[0]["notes"], "");
    let local = env.tasks();
    assert_eq!(titles(&local), ["Book flights to Rome"]);
    assert_eq!(local[0].estimate_min, Some(90), "the local planning fields stay");

    // Changed on the server later: still one local task, matched by its Google id.
    fake.patch_task(GOOGLE_LIST, remote[0]["id"].as_str().unwrap(), serde_json::json!({"title": "Book trains"}));
    env.sync(&p).await;
    assert_eq!(titles(&env.tasks()), ["Book trains"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_to_do_task_create_whose_answer_was_lost_is_made_once() {
    let auth = FakeAuth::start().await;
    let (fake, p) = support::graph_provider(&auth, "retry-graph").await;
    fake.add_list(TODO_LIST, "Tasks");
    let env = Env::new(miraage_domain::Provider::Microsoft);

    let task = lose_a_create_then_retry(&env, &p, || fake.push_fault(Fault::LoseAnswer)).await;
    let remote = fake.tasks(TODO_LIST);
    assert_eq!(remote.len(), 1, "one task on the server: {remote:?}");
    assert_eq!(remote[0]["title"], "Book flights to Rome");
    let marker = fake.extensions(TODO_LIST, remote[0]["id"].as_str().unwrap());
    assert_eq!(marker[0]["uid"], task.uid.as_str(), "the open extension names the Miraage UID");
    let local = env.tasks();
    assert_eq!(titles(&local), ["Book flights to Rome"]);
    assert_eq!(local[0].estimate_min, Some(90), "the local planning fields stay");

    fake.patch_task(TODO_LIST, remote[0]["id"].as_str().unwrap(), serde_json::json!({"title": "Book trains"}));
    env.sync(&p).await;
    assert_eq!(titles(&env.tasks()), ["Book trains"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_task_deleted_after_its_create_was_lost_is_deleted_on_the_server() {
    let auth = FakeAuth::start().await;
    let (fake, p) = support::graph_provider(&auth, "retry-graph-delete").await;
    fake.add_list(TODO_LIST, "Tasks");
    let env = Env::new(miraage_domain::Provider::Microsoft);
    env.sync(&p).await;
    let task = Task::new(env.list(), "Cancel the gym");
    env.store().save_task(&task).unwrap();
    fake.push_fault(Fault::LoseAnswer);
    env.sync(&p).await;
    assert_eq!(fake.tasks(TODO_LIST).len(), 1);
    env.store().delete_task(&task.id).unwrap();
    let report = env.sync(&p).await;
    assert!(report.collections.iter().all(|c| c.error.is_none() && c.pending == 0), "{report:?}");
    assert!(fake.tasks(TODO_LIST).is_empty(), "the task the lost create made is gone");
    assert!(env.tasks().is_empty(), "and stays gone here");
}

/// Makes an event locally, loses the answer to its create and syncs again.
async fn lose_an_event_create_then_retry(env: &Env, p: &impl Provider, lose: impl Fn()) {
    env.sync(p).await;
    let start = "2026-11-30T08:00:00Z".parse().unwrap();
    let end = "2026-11-30T09:00:00Z".parse().unwrap();
    let time = EventTime::timed(start, end, chrono_tz::Tz::Europe__Berlin).unwrap();
    let event = Event::created_in_miraage(env.calendar(), "Dentist", time);
    env.store().upsert_events(&[event]).unwrap();
    lose();
    env.sync(p).await;
    let second = env.sync(p).await;
    assert!(second.collections.iter().all(|c| c.error.is_none() && c.pending == 0), "{second:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn event_creates_whose_answer_was_lost_are_made_once_at_google_and_graph() {
    let auth = FakeAuth::start().await;
    let (google, p) = support::google_provider(&auth, "retry-google-event").await;
    google.add_calendar(GOOGLE_CAL, "Work", "#16a765", "owner");
    let env = Env::new(miraage_domain::Provider::Google);
    lose_an_event_create_then_retry(&env, &p, || google.push_fault(Fault::LoseAnswer)).await;
    assert_eq!(google.event_count(GOOGLE_CAL), 1);

    let (graph, p) = support::graph_provider(&auth, "retry-graph-event").await;
    graph.add_calendar(GRAPH_CAL, "Calendar", "auto", "#E3008C", true);
    let env = Env::new(miraage_domain::Provider::Microsoft);
    lose_an_event_create_then_retry(&env, &p, || graph.push_fault(Fault::LoseAnswer)).await;
    assert_eq!(graph.events_where(GRAPH_CAL, |_| true).len(), 1);
}
