//! The Google provider against the fake Calendar and Tasks APIs and the fake authorization
//! server over real HTTP on 127.0.0.1, with refresh tokens in the real keyring (run under
//! `.ci/keyring-session.sh`).

mod support;

use miraage_cloud::google::{ids, GoogleProvider};
use miraage_domain::{
    AttendeeRole, CalendarId, Due, Event, EventKind, EventOrigin, EventStatus, EventTime, Participation, Recurrence,
    RecurrenceId, Task, TaskListId, TaskStatus,
};
use miraage_oauth::fake::FakeAuth;
use miraage_oauth::ProviderKind;
use miraage_sync::{
    Changes, ItemBody, ItemKind, ItemScope, OutgoingItem, Provider, RemoteChange, RemoteCollection, SyncError,
};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;
use support::google::FakeGoogle;
use support::{assert_no_secret, Fault};

const CAL: &str = "primary.user@example.com";

async fn setup(test: &str) -> (FakeAuth, FakeGoogle, GoogleProvider) {
    let auth = FakeAuth::start().await;
    let fake = FakeGoogle::start(auth.clone()).await;
    fake.add_calendar(CAL, "Work", "#9FE1E7", "owner");
    fake.add_calendar("en.german#holiday@group.v.calendar.google.com", "Holidays", "#16a765", "reader");
    fake.add_task_list("MDQ0NjQ3NTg", "My Tasks");
    let session = support::session(&auth, ProviderKind::Google, test);
    let mut provider = GoogleProvider::with_endpoints(session, &fake.calendar_api, &fake.tasks_api).unwrap();
    provider.api_mut().retry.default_wait = Duration::from_millis(50);
    (auth, fake, provider)
}

fn calendar(provider_collections: &[RemoteCollection], id: &str) -> RemoteCollection {
    provider_collections.iter().find(|c| c.remote_id == id).cloned().unwrap()
}

/// A week of a calendar, shaped like the API reference's examples: a one-off meeting, a
/// weekly series (Berlin) with an EXDATE, one moved and one cancelled instance, an all-day
/// event, and an event marked as a Miraage plan block.
fn seed(fake: &FakeGoogle) {
    fake.put_event(
        CAL,
        json!({"id": "1on1x7p2c4b8", "summary": "1:1 with Ana", "location": "Room 4",
        "start": {"dateTime": "2026-11-23T14:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-23T14:30:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    fake.put_event(
        CAL,
        json!({"id": "standup0series", "summary": "Standup",
        "start": {"dateTime": "2026-11-23T09:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-23T09:15:00+01:00", "timeZone": "Europe/Berlin"},
        "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "EXDATE;TZID=Europe/Berlin:20261127T090000"]}),
    );
    fake.put_event(
        CAL,
        json!({"id": "standup0series_20261124T080000Z", "summary": "Standup (moved)",
        "recurringEventId": "standup0series", "iCalUID": "standup0series@google.com",
        "originalStartTime": {"dateTime": "2026-11-24T09:00:00+01:00", "timeZone": "Europe/Berlin"},
        "start": {"dateTime": "2026-11-24T10:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-24T10:15:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    fake.put_event(
        CAL,
        json!({"id": "standup0series_20261125T080000Z", "status": "cancelled",
        "recurringEventId": "standup0series", "iCalUID": "standup0series@google.com",
        "originalStartTime": {"dateTime": "2026-11-25T09:00:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    fake.put_event(
        CAL,
        json!({"id": "offsite2026", "summary": "Team offsite", "transparency": "transparent",
        "start": {"date": "2026-11-26"}, "end": {"date": "2026-11-28"}}),
    );
    fake.put_event(CAL, json!({"id": "planblock001", "summary": "Write report",
        "start": {"dateTime": "2026-11-23T10:00:00Z", "timeZone": "UTC"}, "end": {"dateTime": "2026-11-23T11:00:00Z", "timeZone": "UTC"},
        "extendedProperties": {"private": {"miraageOrigin": "plan:task-7@miraage"}}}));
}

/// Calls `changes` until `more` is false; returns the pages.
async fn sync_all(p: &GoogleProvider, c: &RemoteCollection, cursor: Option<String>) -> (Vec<Changes>, String) {
    let mut pages = Vec::new();
    let mut cursor = cursor;
    loop {
        let page = p.changes(c, cursor.as_deref()).await.unwrap();
        cursor = Some(page.cursor.clone());
        let more = page.more;
        pages.push(page);
        if !more {
            return (pages, cursor.unwrap());
        }
    }
}

fn upserts(pages: &[Changes]) -> BTreeMap<String, miraage_sync::IncomingItem> {
    pages
        .iter()
        .flat_map(|p| &p.changes)
        .filter_map(|c| match c {
            RemoteChange::Upsert(i) => Some((i.remote_id.clone(), i.clone())),
            _ => None,
        })
        .collect()
}

fn event(item: &miraage_sync::IncomingItem) -> &Event {
    match &item.body {
        ItemBody::Events(e) => &e[0],
        _ => panic!("not an event"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn collections_have_colours_and_access() {
    let (_auth, _fake, p) = setup("collections").await;
    let all = p.collections().await.unwrap();
    let work = calendar(&all, CAL);
    assert_eq!(
        (work.name.as_str(), work.color.as_deref(), work.read_only, work.holds_events),
        ("Work", Some("#9fe1e7"), false, true)
    );
    let holidays = calendar(&all, "en.german#holiday@group.v.calendar.google.com");
    assert!(holidays.read_only);
    let tasks = calendar(&all, "MDQ0NjQ3NTg");
    assert!(tasks.holds_tasks && !tasks.holds_events);
}

#[tokio::test(flavor = "multi_thread")]
async fn initial_sync_pages_through_series_exceptions_and_all_day_events() {
    let (_auth, fake, mut p) = setup("initial").await;
    seed(&fake);
    p.event_page_size = 2;
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let (pages, _) = sync_all(&p, &c, None).await;
    assert_eq!(pages.len(), 3, "6 events in pages of 2");
    assert!(pages.iter().all(|p| p.full));
    assert!(pages[..2].iter().all(|p| p.more) && !pages[2].more);
    let items = upserts(&pages);
    assert_eq!(items.len(), 6);

    let master = &items["standup0series"];
    assert_eq!(master.scope, ItemScope::Master);
    assert_eq!(master.uid, "standup0series@google.com");
    let r = event(master).recurrence().unwrap();
    assert_eq!(r.rules, ["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"]);
    assert_eq!(r.exdates, [RecurrenceId::Instant("2026-11-27T08:00:00Z".parse().unwrap())]);

    let moved = &items["standup0series_20261124T080000Z"];
    let moved_id = RecurrenceId::Instant("2026-11-24T08:00:00Z".parse().unwrap());
    assert_eq!(moved.scope, ItemScope::Instance(moved_id));
    assert_eq!(moved.uid, master.uid);
    assert_eq!(event(moved).summary, "Standup (moved)");
    assert!(
        matches!(event(moved).time, EventTime::Timed { start, .. } if start.to_rfc3339() == "2026-11-24T09:00:00+00:00")
    );

    let cancelled = event(&items["standup0series_20261125T080000Z"]);
    assert_eq!(cancelled.status, EventStatus::Cancelled);
    assert!(matches!(cancelled.kind, EventKind::Override { .. }));

    let offsite = event(&items["offsite2026"]);
    assert_eq!(offsite.time, EventTime::all_day("2026-11-26".parse().unwrap(), "2026-11-28".parse().unwrap()).unwrap());
    assert!(!offsite.busy);
    assert_eq!(items["offsite2026"].scope, ItemScope::Whole);

    assert_eq!(event(&items["planblock001"]).origin, EventOrigin::PlanBlock { task_uid: "task-7@miraage".into() });
    assert_eq!(event(&items["1on1x7p2c4b8"]).origin, EventOrigin::External);
    assert!(items.values().all(|i| i.etag.as_deref().is_some_and(|e| e.starts_with('"'))));
}

#[tokio::test(flavor = "multi_thread")]
async fn incremental_sync_brings_changes_and_deletions_only() {
    let (_auth, fake, p) = setup("incremental").await;
    seed(&fake);
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let (_, cursor) = sync_all(&p, &c, None).await;

    // Nothing changed: nothing comes.
    let (pages, cursor) = sync_all(&p, &c, Some(cursor)).await;
    assert!(pages.iter().all(|p| p.changes.is_empty() && !p.full));

    fake.put_event(
        CAL,
        json!({"id": "1on1x7p2c4b8", "summary": "1:1 with Ana (new room)",
        "start": {"dateTime": "2026-11-23T15:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-23T15:30:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    fake.remove_event(CAL, "offsite2026");
    fake.put_event(
        CAL,
        json!({"id": "standup0series_20261126T080000Z", "status": "cancelled",
        "recurringEventId": "standup0series", "iCalUID": "standup0series@google.com",
        "originalStartTime": {"dateTime": "2026-11-26T09:00:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    let (pages, _) = sync_all(&p, &c, Some(cursor)).await;
    let changes: Vec<&RemoteChange> = pages.iter().flat_map(|p| &p.changes).collect();
    assert_eq!(changes.len(), 3);
    assert!(!pages[0].full);
    assert!(changes.iter().any(|c| matches!(c, RemoteChange::Removed { remote_id } if remote_id == "offsite2026")));
    let items = upserts(&pages);
    assert_eq!(event(&items["1on1x7p2c4b8"]).summary, "1:1 with Ana (new room)");
    assert_eq!(event(&items["standup0series_20261126T080000Z"]).status, EventStatus::Cancelled);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_sync_token_gives_a_full_resync() {
    let (_auth, fake, p) = setup("gone").await;
    seed(&fake);
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let (_, cursor) = sync_all(&p, &c, None).await;
    fake.remove_event(CAL, "offsite2026");
    fake.expire_sync_tokens();
    let (pages, cursor) = sync_all(&p, &c, Some(cursor)).await;
    assert!(pages[0].full, "a full listing after 410 Gone");
    let items = upserts(&pages);
    assert_eq!(items.len(), 5);
    assert!(!items.contains_key("offsite2026"));
    // The new cursor works incrementally again.
    let (pages, _) = sync_all(&p, &c, Some(cursor)).await;
    assert!(!pages[0].full && pages[0].changes.is_empty());
}

fn new_event(summary: &str) -> Event {
    let start = "2026-11-30T08:00:00Z".parse().unwrap();
    let end = "2026-11-30T09:00:00Z".parse().unwrap();
    Event::created_in_miraage(
        CalendarId::new(),
        summary,
        EventTime::timed(start, end, chrono_tz::Tz::Europe__Berlin).unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn create_update_delete_round_trip_with_conflicts() {
    let (_auth, fake, p) = setup("writes").await;
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let mut e = new_event("Plan: write report");
    e.origin = EventOrigin::PlanBlock { task_uid: "task-9@miraage".into() };
    let body = ItemBody::Events(vec![e.clone()]);
    let create = OutgoingItem { uid: &e.uid, body: &body, remote_id: None, etag: None };
    let written = p.write(&c, create).await.unwrap();
    assert_eq!(written.remote_id, ids::event_id(&e.uid));
    let stored = fake.event(CAL, &written.remote_id).unwrap();
    assert_eq!(stored["iCalUID"], e.uid.as_str());
    assert_eq!(stored["extendedProperties"]["private"]["miraageOrigin"], "plan:task-9@miraage");

    // The answer was lost and the create is sent again: no second event, a Conflict.
    let again = p.write(&c, create).await.unwrap_err();
    assert!(matches!(again, SyncError::Conflict { .. }), "{again}");
    assert_eq!(fake.event_count(CAL), 1);
    // find() tells the engine what is there.
    let found = p.find(&c, ItemKind::Event, &e.uid).await.unwrap().unwrap();
    assert_eq!(found.remote_id, written.remote_id);
    assert_eq!(event(&found).origin, e.origin);

    // Update on the version read: works, new etag.
    let mut changed = e.clone();
    changed.summary = "Plan: write report (part 2)".into();
    let body2 = ItemBody::Events(vec![changed.clone()]);
    let update =
        OutgoingItem { uid: &e.uid, body: &body2, remote_id: Some(&written.remote_id), etag: written.etag.as_deref() };
    let updated = p.write(&c, update).await.unwrap();
    assert_ne!(updated.etag, written.etag);
    assert_eq!(fake.event(CAL, &written.remote_id).unwrap()["summary"], "Plan: write report (part 2)");
    // The same update on the old version: 412 → Conflict, nothing written.
    let mut stale = changed.clone();
    stale.summary = "lost update".into();
    let body3 = ItemBody::Events(vec![stale]);
    let err = p
        .write(
            &c,
            OutgoingItem {
                uid: &e.uid,
                body: &body3,
                remote_id: Some(&written.remote_id),
                etag: written.etag.as_deref(),
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, SyncError::Conflict { .. }), "{err}");
    assert_eq!(fake.event(CAL, &written.remote_id).unwrap()["summary"], "Plan: write report (part 2)");

    // Delete: a stale etag is a conflict; the current one deletes; again is fine.
    let err = p.delete(&c, ItemKind::Event, &written.remote_id, written.etag.as_deref()).await.unwrap_err();
    assert!(matches!(err, SyncError::Conflict { .. }), "{err}");
    p.delete(&c, ItemKind::Event, &written.remote_id, updated.etag.as_deref()).await.unwrap();
    assert!(fake.event(CAL, &written.remote_id).is_none());
    p.delete(&c, ItemKind::Event, &written.remote_id, None).await.unwrap();
    assert!(p.find(&c, ItemKind::Event, &e.uid).await.unwrap().is_none());

    // A read-only calendar refuses writes before any request.
    let holidays = calendar(&p.collections().await.unwrap(), "en.german#holiday@group.v.calendar.google.com");
    assert!(matches!(p.write(&holidays, create).await, Err(SyncError::NotWritable { .. })));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_series_with_overrides_is_written_and_read_back() {
    let (_auth, _fake, p) = setup("series").await;
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let mut master = new_event("Gym");
    master.kind =
        EventKind::Master { recurrence: Recurrence { rules: vec!["FREQ=DAILY;COUNT=5".into()], ..Default::default() } };
    let second = RecurrenceId::Instant("2026-12-01T08:00:00Z".parse().unwrap());
    let third = RecurrenceId::Instant("2026-12-02T08:00:00Z".parse().unwrap());
    let mut moved = master.clone();
    moved.kind = EventKind::Override { recurrence_id: second };
    moved.summary = "Gym (late)".into();
    moved.time = EventTime::timed(
        "2026-12-01T17:00:00Z".parse().unwrap(),
        "2026-12-01T18:00:00Z".parse().unwrap(),
        chrono_tz::Tz::Europe__Berlin,
    )
    .unwrap();
    let mut cancelled = master.clone();
    cancelled.kind = EventKind::Override { recurrence_id: third };
    cancelled.status = EventStatus::Cancelled;
    let body = ItemBody::Events(vec![master.clone(), moved, cancelled]);
    let written =
        p.write(&c, OutgoingItem { uid: &master.uid, body: &body, remote_id: None, etag: None }).await.unwrap();

    let (pages, _) = sync_all(&p, &c, None).await;
    let items = upserts(&pages);
    assert_eq!(items.len(), 3);
    assert_eq!(items[&written.remote_id].scope, ItemScope::Master);
    let late = &items[&ids::instance_id(&written.remote_id, &second)];
    assert_eq!(
        (late.scope.clone(), event(late).summary.as_str(), late.uid.as_str()),
        (ItemScope::Instance(second), "Gym (late)", master.uid.as_str())
    );
    assert_eq!(event(&items[&ids::instance_id(&written.remote_id, &third)]).status, EventStatus::Cancelled);
}

#[tokio::test(flavor = "multi_thread")]
async fn throttling_is_retried_after_retry_after() {
    let (_auth, fake, p) = setup("throttle").await;
    seed(&fake);
    let c = calendar(&p.collections().await.unwrap(), CAL);
    fake.push_fault(Fault::TooMany(Some(1)));
    fake.push_fault(Fault::RateLimit403);
    fake.clear_log();
    let started = std::time::Instant::now();
    let (pages, _) = sync_all(&p, &c, None).await;
    assert_eq!(upserts(&pages).len(), 6);
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was honoured");
    assert_eq!(fake.log().len(), 3, "two throttled tries and the one that worked");

    // Throttled beyond the retries: a Transient error naming the wait, worth retrying later.
    for _ in 0..4 {
        fake.push_fault(Fault::TooMany(Some(0)));
    }
    let err = p.changes(&c, None).await.unwrap_err();
    assert!(err.is_retryable() && err.to_string().contains("rate limited"), "{err}");
    // A Retry-After longer than the provider waits is left to the engine's backoff at once.
    fake.push_fault(Fault::TooMany(Some(3600)));
    let err = p.changes(&c, None).await.unwrap_err();
    assert!(err.is_retryable() && err.to_string().contains("3600"), "{err}");
    // Server errors are Transient too, a plain 403 is not.
    fake.push_fault(Fault::Status(503));
    assert!(p.changes(&c, None).await.unwrap_err().is_retryable());
    fake.push_fault(Fault::Status(403));
    assert!(matches!(p.changes(&c, None).await.unwrap_err(), SyncError::Http { status: 403, .. }));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_access_token_expiring_mid_sync_is_refreshed() {
    let (auth, fake, mut p) = setup("midsync").await;
    seed(&fake);
    p.event_page_size = 2;
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let first = p.changes(&c, None).await.unwrap();
    let refreshes = auth.refreshes();
    auth.expire_access_tokens(); // the server stops accepting the token between pages
    let (rest, _) = sync_all(&p, &c, Some(first.cursor.clone())).await;
    assert_eq!(auth.refreshes(), refreshes + 1);
    assert_eq!(upserts(&rest).len() + first.changes.len(), 6);
}

#[tokio::test(flavor = "multi_thread")]
async fn no_token_or_secret_appears_in_errors() {
    let (auth, fake, p) = setup("secrets").await;
    seed(&fake);
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let (_, cursor) = sync_all(&p, &c, None).await;
    let mut errors = Vec::new();
    fake.push_fault(Fault::Status(500));
    errors.push(p.changes(&c, Some(&cursor)).await.unwrap_err());
    fake.push_fault(Fault::Status(404));
    errors.push(p.changes(&c, Some(&cursor)).await.unwrap_err());
    errors.push(p.delete(&c, ItemKind::Event, "1on1x7p2c4b8", Some("\"stale\"")).await.unwrap_err());
    // The refresh token is revoked at the provider: sign in again, without echoing it.
    auth.revoke_all_refresh_tokens();
    auth.expire_access_tokens();
    let err = p.changes(&c, Some(&cursor)).await.unwrap_err();
    assert!(matches!(err, SyncError::Unauthorized { .. }), "{err}");
    errors.push(err);
    for e in &errors {
        assert_no_secret(&e.to_string());
        assert_no_secret(&format!("{e:?}"));
        assert!(!e.to_string().contains("st:"), "the sync token leaked into {e}");
    }
}

const LIST: &str = "MDQ0NjQ3NTg";

fn task_of(item: &miraage_sync::IncomingItem) -> &Task {
    match &item.body {
        ItemBody::Task(t) => t,
        _ => panic!("not a task"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn tasks_sync_by_updated_min_with_completed_hidden_and_deleted() {
    let (_auth, fake, mut p) = setup("tasks").await;
    p.task_page_size = 2;
    fake.put_task(LIST, json!({"id": "dGFzazE", "title": "Pay rent", "status": "needsAction", "due": "2026-11-27T00:00:00.000Z", "position": "00000000000000000001"}));
    fake.put_task(LIST, json!({"id": "dGFzazI", "title": "Call bank", "status": "completed", "completed": "2026-11-20T09:30:00.000Z", "hidden": true}));
    fake.put_task(LIST, json!({"id": "dGFzazM", "title": "Sub-step", "status": "needsAction", "parent": "dGFzazE", "notes": "first this"}));
    let list = calendar(&p.collections().await.unwrap(), LIST);
    let (pages, cursor) = sync_all(&p, &list, None).await;
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(|p| p.full));
    let items = upserts(&pages);
    assert_eq!(items.len(), 3, "completed and hidden tasks are listed too");
    assert_eq!(task_of(&items["dGFzazE"]).due, Some(Due::Date("2026-11-27".parse().unwrap())));
    let done = task_of(&items["dGFzazI"]);
    assert_eq!(done.status, TaskStatus::Completed);
    assert_eq!(done.completed_at.map(|t| t.to_rfc3339()), Some("2026-11-20T09:30:00+00:00".into()));
    assert_eq!(task_of(&items["dGFzazM"]).notes.as_deref(), Some("first this"));

    // Incremental: only what changed since, deletions included.
    fake.put_task(LIST, json!({"id": "dGFzazE", "title": "Pay rent (done)", "status": "completed", "completed": "2026-11-21T12:00:00.000Z"}));
    fake.remove_task(LIST, "dGFzazM");
    let (pages, _) = sync_all(&p, &list, Some(cursor)).await;
    assert!(!pages[0].full);
    let changes: Vec<&RemoteChange> = pages.iter().flat_map(|p| &p.changes).collect();
    assert!(changes.iter().any(|c| matches!(c, RemoteChange::Removed { remote_id } if remote_id == "dGFzazM")));
    assert!(
        !changes.iter().any(|c| matches!(c, RemoteChange::Upsert(i) if i.remote_id == "dGFzazI")),
        "unchanged tasks are not listed"
    );
    assert_eq!(task_of(&upserts(&pages)["dGFzazE"]).status, TaskStatus::Completed);
}

#[tokio::test(flavor = "multi_thread")]
async fn tasks_are_created_updated_and_deleted() {
    let (_auth, fake, p) = setup("taskwrites").await;
    let list = calendar(&p.collections().await.unwrap(), LIST);
    let mut t = Task::new(TaskListId::new(), "Write report");
    t.due = Some(Due::Date("2026-11-30".parse().unwrap()));
    t.notes = Some("2 pages".into());
    let body = ItemBody::Task(Box::new(t.clone()));
    let written = p.write(&list, OutgoingItem { uid: &t.uid, body: &body, remote_id: None, etag: None }).await.unwrap();
    let stored = fake.task(LIST, &written.remote_id).unwrap();
    assert_eq!(
        (stored["title"].as_str(), stored["due"].as_str()),
        (Some("Write report"), Some("2026-11-30T00:00:00.000Z"))
    );

    t.status = TaskStatus::Completed;
    t.completed_at = Some("2026-11-29T16:00:00Z".parse().unwrap());
    let body = ItemBody::Task(Box::new(t.clone()));
    let update =
        OutgoingItem { uid: &t.uid, body: &body, remote_id: Some(&written.remote_id), etag: written.etag.as_deref() };
    let updated = p.write(&list, update).await.unwrap();
    assert_eq!(fake.task(LIST, &written.remote_id).unwrap()["status"], "completed");
    // Written again on the old version: 412 → Conflict.
    assert!(matches!(p.write(&list, update).await, Err(SyncError::Conflict { .. })));
    let found = p.find(&list, ItemKind::Task, &written.remote_id).await.unwrap().unwrap();
    assert_eq!(task_of(&found).status, TaskStatus::Completed);
    p.delete(&list, ItemKind::Task, &written.remote_id, updated.etag.as_deref()).await.unwrap();
    assert_eq!(fake.task(LIST, &written.remote_id).unwrap()["deleted"], true);
    assert!(p.find(&list, ItemKind::Task, &written.remote_id).await.unwrap().is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_page_resumes_from_the_last_saved_cursor() {
    let (_auth, fake, mut p) = setup("partial").await;
    seed(&fake);
    p.event_page_size = 2;
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let first = p.changes(&c, None).await.unwrap();
    // The second page fails on the server's side: a retryable error, nothing lost.
    fake.push_fault(Fault::Status(500));
    let err = p.changes(&c, Some(&first.cursor)).await.unwrap_err();
    assert!(err.is_retryable(), "{err}");
    // The engine retries with the cursor it saved after the first page.
    let (rest, _) = sync_all(&p, &c, Some(first.cursor.clone())).await;
    let mut all = vec![first];
    all.extend(rest);
    assert_eq!(upserts(&all).len(), 6);
    assert!(all.iter().all(|p| p.full));
}

#[tokio::test(flavor = "multi_thread")]
async fn free_busy_reads_busy_times_only() {
    let (_auth, fake, provider) = setup("freebusy").await;
    seed(&fake);
    let week = miraage_domain::TimeRange::new(
        chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z").unwrap().into(),
        chrono::DateTime::parse_from_rfc3339("2026-11-30T00:00:00Z").unwrap().into(),
    )
    .unwrap();
    let answer = provider.free_busy(&[CAL, "nobody@example.com"], &week).await.unwrap();
    let spans: Vec<(String, String)> =
        answer[0].busy.iter().map(|r| (r.start.to_rfc3339(), r.end.to_rfc3339())).collect();
    // The standup series expanded (Tuesday's moved, Wednesday's cancelled, Friday's an
    // EXDATE), the plan block and the 1:1; not the transparent offsite.
    let at = |d: u32, h: u32, m: u32| format!("2026-11-{d}T{h:02}:{m:02}:00+00:00");
    assert_eq!(
        spans,
        [
            (at(23, 8, 0), at(23, 8, 15)),
            (at(23, 10, 0), at(23, 11, 0)),
            (at(23, 13, 0), at(23, 13, 30)),
            (at(24, 9, 0), at(24, 9, 15)),
            (at(26, 8, 0), at(26, 8, 15)),
        ]
    );
    assert_eq!((answer[0].who.as_str(), answer[0].error.as_deref()), (CAL, None));
    assert_eq!(answer[1].error.as_deref(), Some("notFound"));
    assert!(fake.log().iter().any(|l| l == "POST /calendar/v3/freeBusy"), "{:?}", fake.log());
    // More than 50 calendars in one call are refused, as Google documents.
    let many: Vec<String> = (0..51).map(|i| format!("p{i}@example.com")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert!(provider.free_busy(&many, &week).await.is_err());
}

#[tokio::test(flavor = "multi_thread")]
async fn attendees_are_read_kept_on_edit_and_sent_with_a_new_event() {
    let (_auth, fake, p) = setup("people").await;
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let guests = json!([
        {"email": "primary.user@example.com", "self": true, "organizer": true, "responseStatus": "accepted"},
        {"email": "bruno@example.com", "displayName": "Bruno Lima", "optional": true, "responseStatus": "tentative"},
        {"email": "room-4@resource.calendar.google.com", "resource": true, "responseStatus": "accepted"}
    ]);
    fake.put_event(
        CAL,
        json!({"id": "review0own", "summary": "Design review",
        "organizer": {"email": CAL, "self": true}, "attendees": guests.clone(),
        "start": {"dateTime": "2026-11-24T14:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-24T15:00:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    fake.put_event(
        CAL,
        json!({"id": "invite0ana", "summary": "Budget", "guestsCanModify": false,
        "organizer": {"email": "ana@example.com", "displayName": "Ana Lima"},
        "attendees": [{"email": "primary.user@example.com", "self": true, "responseStatus": "needsAction"}],
        "start": {"dateTime": "2026-11-25T10:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-25T11:00:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    fake.put_event(
        CAL,
        json!({"id": "invite0open", "summary": "Offsite plan", "guestsCanModify": true,
        "organizer": {"email": "ana@example.com", "displayName": "Ana Lima"},
        "start": {"dateTime": "2026-11-26T10:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-26T11:00:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    let (pages, _) = sync_all(&p, &c, None).await;
    let items = upserts(&pages);

    let own = event(&items["review0own"]).clone();
    assert!(!own.people.guest_copy && own.people.organizer.as_ref().unwrap().is_self);
    let seen: Vec<_> = own.people.attendees.iter().map(|a| (a.email.as_str(), a.role, a.status, a.is_self)).collect();
    assert_eq!(
        seen,
        [
            ("primary.user@example.com", AttendeeRole::Required, Participation::Accepted, true),
            ("bruno@example.com", AttendeeRole::Optional, Participation::Tentative, false),
            ("room-4@resource.calendar.google.com", AttendeeRole::Resource, Participation::Accepted, false),
        ]
    );
    assert_eq!(own.people.attendees[1].name.as_deref(), Some("Bruno Lima"));
    let invite = &event(&items["invite0ana"]).people;
    assert_eq!(
        invite.read_only_reason().as_deref(),
        Some("Organised by Ana Lima: ask them to change it, or copy it to your calendar.")
    );
    // The organizer lets guests change it: editable.
    assert_eq!(event(&items["invite0open"]).people.read_only_reason(), None);

    // An edit is a PATCH without attendees: the server keeps them and their answers; a new
    // event (a series split, a move from another calendar) takes its guests along.
    let copy_id =
        support::rename_then_copy(&p, &c, &items["review0own"], &own, "Design review (v2)", "copy-of-review@miraage")
            .await;
    let stored = fake.event(CAL, "review0own").unwrap();
    assert_eq!(stored["summary"], "Design review (v2)");
    assert_eq!(stored["attendees"], guests);
    let stored = fake.event(CAL, &copy_id).unwrap();
    let sent: Vec<_> = stored["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["email"].as_str().unwrap(), a["responseStatus"].as_str().unwrap(), a["optional"].as_bool()))
        .collect();
    assert_eq!(
        sent,
        [
            ("primary.user@example.com", "accepted", None),
            ("bruno@example.com", "tentative", Some(true)),
            ("room-4@resource.calendar.google.com", "accepted", None),
        ]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_of_an_event_with_attendees_ask_google_to_send_the_updates() {
    let (_auth, fake, p) = setup("send-updates").await;
    let c = calendar(&p.collections().await.unwrap(), CAL);
    let sent = |method: &str| -> Vec<Option<String>> {
        fake.log_with_queries()
            .into_iter()
            .filter(|(m, path, _)| m == method && path.contains("/events"))
            .map(|(_, _, q)| q.get("sendUpdates").cloned())
            .collect()
    };
    // A meeting: the insert, the edit and the delete each say sendUpdates=all.
    let mut meeting = new_event("Sync with Ana");
    meeting.people.attendees = vec![miraage_domain::Attendee::new("ana@example.com")];
    let body = ItemBody::Events(vec![meeting.clone()]);
    let written =
        p.write(&c, OutgoingItem { uid: &meeting.uid, body: &body, remote_id: None, etag: None }).await.unwrap();
    assert_eq!(sent("POST"), [Some("all".to_string())]);
    meeting.summary = "Sync with Ana (moved)".into();
    let body = ItemBody::Events(vec![meeting.clone()]);
    let edit = OutgoingItem { uid: &meeting.uid, body: &body, remote_id: Some(&written.remote_id), etag: None };
    p.write(&c, edit).await.unwrap();
    assert_eq!(sent("PATCH"), [Some("all".to_string())]);
    p.delete(&c, ItemKind::Event, &written.remote_id, None).await.unwrap();
    assert_eq!(sent("DELETE"), [Some("all".to_string())]);

    // An event without guests tells nobody: no sendUpdates on its insert.
    fake.clear_log();
    let alone = new_event("Focus");
    let body = ItemBody::Events(vec![alone.clone()]);
    p.write(&c, OutgoingItem { uid: &alone.uid, body: &body, remote_id: None, etag: None }).await.unwrap();
    assert_eq!(sent("POST"), [None]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guests_answer_is_sent_as_their_response_status_alone() {
    let (_auth, fake, p) = setup("answer").await;
    let c = calendar(&p.collections().await.unwrap(), CAL);
    fake.put_event(
        CAL,
        json!({"id": "invite0ana", "summary": "Budget", "guestsCanModify": false,
        "organizer": {"email": "ana@example.com", "displayName": "Ana Lima"},
        "attendees": [{"email": "ana@example.com", "organizer": true, "responseStatus": "accepted"},
                      {"email": CAL, "self": true, "responseStatus": "needsAction"}],
        "start": {"dateTime": "2026-11-25T10:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-25T11:00:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    let (pages, _) = sync_all(&p, &c, None).await;
    let items = upserts(&pages);
    let mut declined = event(&items["invite0ana"]).clone();
    assert!(declined.people.guest_copy);
    declined.people.attendees[1].status = Participation::Declined;
    let body = ItemBody::Events(vec![declined.clone()]);
    let etag = items["invite0ana"].etag.clone();
    let answer = OutgoingItem { uid: &declined.uid, body: &body, remote_id: Some("invite0ana"), etag: etag.as_deref() };
    fake.clear_log();
    p.write(&c, answer).await.expect("a guest may send their answer");

    let stored = fake.event(CAL, "invite0ana").unwrap();
    assert_eq!(stored["attendees"][1]["responseStatus"], "declined", "{stored}");
    assert_eq!(stored["attendees"][1]["self"], true, "{stored}");
    assert_eq!(stored["attendees"][0]["responseStatus"], "accepted", "the organiser's own answer stays");
    assert_eq!(stored["summary"], "Budget");
    let patches: Vec<_> = fake.log_with_queries().into_iter().filter(|(m, _, _)| m == "PATCH").collect();
    assert_eq!(patches.len(), 1, "{patches:?}");
    assert_eq!(patches[0].2.get("sendUpdates").map(String::as_str), Some("all"), "the organiser is told");
}
