//! The Microsoft Graph provider against a fake Graph v1.0 and the fake authorization server
//! over real HTTP on 127.0.0.1, refresh tokens in the real keyring (run under
//! `.ci/keyring-session.sh`).

mod support;

use miraage_cloud::graph::GraphProvider;
use miraage_domain::{
    AttendeeRole, CalendarId, Due, Event, EventKind, EventOrigin, EventStatus, EventTime, Participation, Recurrence,
    RecurrenceId, Task, TaskListId, TaskStatus,
};
use miraage_oauth::fake::FakeAuth;
use miraage_oauth::ProviderKind;
use miraage_sync::{
    Changes, IncomingItem, ItemBody, ItemKind, ItemScope, OutgoingItem, Provider, RemoteChange, RemoteCollection,
    SyncError,
};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;
use support::graph::FakeGraph;
use support::{assert_no_secret, Fault};

const CAL: &str = "AAMkAGI2TGuLAAA=";
const LIST: &str = "AQMkADAwATM0MDAAMS0yMDkyLWVjMzYtMDACLTAwCgAuAAAD";

async fn setup(test: &str) -> (FakeAuth, FakeGraph, GraphProvider) {
    let auth = FakeAuth::start().await;
    let fake = FakeGraph::start(auth.clone()).await;
    fake.add_calendar(CAL, "Calendar", "auto", "#E3008C", true);
    fake.add_calendar("AAMkAGI2SHARED=", "Team (shared)", "lightGreen", "", false);
    fake.add_list(LIST, "Tasks");
    let session = support::session(&auth, ProviderKind::Microsoft, test);
    let mut provider = GraphProvider::with_endpoint(session, &fake.api).unwrap();
    provider.api_mut().retry.default_wait = Duration::from_millis(50);
    (auth, fake, provider)
}

fn collection(all: &[RemoteCollection], id: &str) -> RemoteCollection {
    all.iter().find(|c| c.remote_id == id).cloned().unwrap()
}

/// Shaped like the Graph reference's examples: a meeting made in Outlook on Windows (Windows
/// zone name), an all-day event, a daily series in Berlin with one moved and one cancelled
/// occurrence, and a Miraage plan block with its extended property.
fn seed(fake: &FakeGraph) {
    fake.put_event(
        CAL,
        json!({"id": "AAMkAGI2THVSAAA=", "subject": "Quarterly review", "isAllDay": false, "showAs": "busy",
        "start": {"dateTime": "2026-11-23T14:00:00.0000000", "timeZone": "W. Europe Standard Time"},
        "end": {"dateTime": "2026-11-23T15:00:00.0000000", "timeZone": "W. Europe Standard Time"},
        "location": {"displayName": "Conf Room 2"}, "body": {"contentType": "text", "content": "Agenda attached"}}),
    );
    fake.put_event(
        CAL,
        json!({"id": "AAMkAGI2ALLDAY=", "subject": "Company holiday", "isAllDay": true, "showAs": "free",
        "start": {"dateTime": "2026-11-26T00:00:00.0000000", "timeZone": "UTC"},
        "end": {"dateTime": "2026-11-27T00:00:00.0000000", "timeZone": "UTC"}}),
    );
    fake.put_event(CAL, json!({"id": "AAMkAGI2SERIES=", "subject": "Standup", "isAllDay": false, "showAs": "busy",
        "start": {"dateTime": "2026-11-23T09:00:00.0000000", "timeZone": "W. Europe Standard Time"},
        "end": {"dateTime": "2026-11-23T09:15:00.0000000", "timeZone": "W. Europe Standard Time"},
        "recurrence": {"pattern": {"type": "daily", "interval": 1}, "range": {"type": "numbered", "startDate": "2026-11-23", "numberOfOccurrences": 5}},
        "cancelledOccurrences": ["OID.AAMkAGI2SERIES=.2026-11-25"]}));
    fake.put_event(
        CAL,
        json!({"id": "AAMkAGI2SERIES=_occ_20261124", "type": "exception", "seriesMasterId": "AAMkAGI2SERIES=",
        "subject": "Standup (moved)", "isAllDay": false, "originalStart": "2026-11-24T08:00:00Z",
        "start": {"dateTime": "2026-11-24T10:00:00.0000000", "timeZone": "W. Europe Standard Time"},
        "end": {"dateTime": "2026-11-24T10:15:00.0000000", "timeZone": "W. Europe Standard Time"}}),
    );
    fake.put_event(CAL, json!({"id": "AAMkAGI2PLAN=", "subject": "Write report", "isAllDay": false,
        "start": {"dateTime": "2026-11-23T11:00:00.0000000", "timeZone": "UTC"},
        "end": {"dateTime": "2026-11-23T12:00:00.0000000", "timeZone": "UTC"},
        "singleValueExtendedProperties": [{"id": miraage_cloud::graph::events::UID_PROPERTY, "value": "block-1@miraage"},
            {"id": miraage_cloud::graph::events::ORIGIN_PROPERTY, "value": "plan:task-7@miraage"}]}));
}

async fn sync_all(p: &GraphProvider, c: &RemoteCollection, cursor: Option<String>) -> (Vec<Changes>, String) {
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

fn upserts(pages: &[Changes]) -> BTreeMap<String, IncomingItem> {
    pages
        .iter()
        .flat_map(|p| &p.changes)
        .filter_map(|c| match c {
            RemoteChange::Upsert(i) => Some((i.remote_id.clone(), i.clone())),
            _ => None,
        })
        .collect()
}

fn event(item: &IncomingItem) -> &Event {
    match &item.body {
        ItemBody::Events(e) => &e[0],
        _ => panic!("not an event"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn calendars_and_lists_with_colours() {
    let (_auth, _fake, p) = setup("g-collections").await;
    let all = p.collections().await.unwrap();
    let cal = collection(&all, CAL);
    assert_eq!((cal.color.as_deref(), cal.read_only), (Some("#e3008c"), false));
    let shared = collection(&all, "AAMkAGI2SHARED=");
    assert_eq!((shared.color.as_deref(), shared.read_only), (Some("#87d28e"), true));
    assert!(collection(&all, LIST).holds_tasks);
}

#[tokio::test(flavor = "multi_thread")]
async fn initial_delta_sync_reads_series_exceptions_zones_and_origins() {
    let (_auth, fake, mut p) = setup("g-initial").await;
    seed(&fake);
    p.page_size = 2;
    let c = collection(&p.collections().await.unwrap(), CAL);
    let (pages, _) = sync_all(&p, &c, None).await;
    assert!(pages.len() >= 3, "paged with @odata.nextLink: {} pages", pages.len());
    assert!(pages.iter().all(|p| p.full));
    let items = upserts(&pages);

    let review = event(&items["AAMkAGI2THVSAAA="]);
    assert_eq!(review.time.zone(), Some(chrono_tz::Tz::Europe__Berlin), "Windows zone mapped to IANA");
    assert!(matches!(review.time, EventTime::Timed { start, .. } if start.to_rfc3339() == "2026-11-23T13:00:00+00:00"));
    assert_eq!(review.location.as_deref(), Some("Conf Room 2"));

    let holiday = event(&items["AAMkAGI2ALLDAY="]);
    assert_eq!(holiday.time, EventTime::all_day("2026-11-26".parse().unwrap(), "2026-11-27".parse().unwrap()).unwrap());
    assert!(!holiday.busy);

    let master = &items["AAMkAGI2SERIES="];
    assert_eq!(master.scope, ItemScope::Master);
    let r = event(master).recurrence().unwrap();
    assert_eq!(r.rules, ["FREQ=DAILY;INTERVAL=1;COUNT=5"]);
    assert_eq!(r.exdates, [RecurrenceId::Instant("2026-11-25T08:00:00Z".parse().unwrap())], "cancelled occurrence");

    let moved = &items["AAMkAGI2SERIES=_occ_20261124"];
    assert_eq!(moved.scope, ItemScope::Instance(RecurrenceId::Instant("2026-11-24T08:00:00Z".parse().unwrap())));
    assert_eq!(moved.uid, master.uid, "an exception carries its series' UID");
    assert_eq!(event(moved).summary, "Standup (moved)");

    assert_eq!(event(&items["AAMkAGI2PLAN="]).origin, EventOrigin::PlanBlock { task_uid: "task-7@miraage".into() });
    assert_eq!(items["AAMkAGI2PLAN="].uid, "block-1@miraage", "Miraage's UID, not Graph's iCalUId");
    // Plain occurrences are the master's expansion, not items of their own.
    assert!(!items.keys().any(|k| k.contains("_occ_20261123")));
    assert_eq!(items.len(), 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn incremental_delta_and_expired_delta_tokens() {
    let (_auth, fake, p) = setup("g-incremental").await;
    seed(&fake);
    let c = collection(&p.collections().await.unwrap(), CAL);
    let (_, cursor) = sync_all(&p, &c, None).await;
    let (pages, cursor) = sync_all(&p, &c, Some(cursor)).await;
    assert!(pages.iter().all(|p| p.changes.is_empty() && !p.full));

    fake.put_event(
        CAL,
        json!({"id": "AAMkAGI2THVSAAA=", "subject": "Quarterly review (moved)", "isAllDay": false,
        "start": {"dateTime": "2026-11-24T14:00:00.0000000", "timeZone": "W. Europe Standard Time"},
        "end": {"dateTime": "2026-11-24T15:00:00.0000000", "timeZone": "W. Europe Standard Time"}}),
    );
    fake.remove_event(CAL, "AAMkAGI2ALLDAY=");
    let (pages, cursor) = sync_all(&p, &c, Some(cursor)).await;
    assert!(!pages[0].full);
    let changes: Vec<&RemoteChange> = pages.iter().flat_map(|p| &p.changes).collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(changes.iter().any(|c| matches!(c, RemoteChange::Removed { remote_id } if remote_id == "AAMkAGI2ALLDAY=")));
    assert_eq!(event(&upserts(&pages)["AAMkAGI2THVSAAA="]).summary, "Quarterly review (moved)");

    // A deleted series shows in the view only as removed occurrences: the master is
    // reported removed all the same.
    fake.remove_event(CAL, "AAMkAGI2SERIES=");
    let (pages, cursor) = sync_all(&p, &c, Some(cursor)).await;
    let removed: Vec<&str> = pages
        .iter()
        .flat_map(|p| &p.changes)
        .filter_map(|c| match c {
            RemoteChange::Removed { remote_id } => Some(remote_id.as_str()),
            _ => None,
        })
        .collect();
    assert!(removed.contains(&"AAMkAGI2SERIES="), "{removed:?}");
    fake.put_event(CAL, json!({"id": "AAMkAGI2SERIES=", "subject": "Standup", "isAllDay": false,
        "start": {"dateTime": "2026-11-23T09:00:00.0000000", "timeZone": "W. Europe Standard Time"},
        "end": {"dateTime": "2026-11-23T09:15:00.0000000", "timeZone": "W. Europe Standard Time"},
        "recurrence": {"pattern": {"type": "daily", "interval": 1}, "range": {"type": "numbered", "startDate": "2026-11-23", "numberOfOccurrences": 5}}}));
    let (pages, cursor) = sync_all(&p, &c, Some(cursor)).await;
    assert_eq!(upserts(&pages)["AAMkAGI2SERIES="].scope, ItemScope::Master, "a series made again comes back");

    // The delta token expires (410 SyncStateNotFound): everything again, marked full.
    fake.expire_delta_tokens();
    let (pages, cursor) = sync_all(&p, &c, Some(cursor)).await;
    assert!(pages[0].full);
    assert_eq!(upserts(&pages).len(), 4);
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
async fn writes_are_idempotent_and_conditional() {
    let (_auth, fake, p) = setup("g-writes").await;
    let c = collection(&p.collections().await.unwrap(), CAL);
    let mut e = new_event("Plan: slides");
    e.origin = EventOrigin::PlanBlock { task_uid: "task-3@miraage".into() };
    let body = ItemBody::Events(vec![e.clone()]);
    let create = OutgoingItem { uid: &e.uid, body: &body, remote_id: None, etag: None };
    let written = p.write(&c, create).await.unwrap();
    let stored = fake.event(CAL, &written.remote_id).unwrap();
    assert_eq!(stored["originalStartTimeZone"], "Europe/Berlin");
    assert_eq!(stored["start"]["dateTime"], "2026-11-30T08:00:00.0000000");
    // Retried after a lost answer: the same event comes back, none is added.
    let again = p.write(&c, create).await.unwrap();
    assert_eq!(again.remote_id, written.remote_id);
    assert_eq!(fake.events_where(CAL, |v| v["subject"] == "Plan: slides").len(), 1);
    let found = p.find(&c, ItemKind::Event, &e.uid).await.unwrap().unwrap();
    assert_eq!((found.remote_id.as_str(), found.uid.as_str()), (written.remote_id.as_str(), e.uid.as_str()));
    assert_eq!(event(&found).origin, e.origin);
    // Graph gave it an iCalUId of its own; a sync still reads Miraage's UID and origin.
    assert_ne!(stored["iCalUId"], e.uid.as_str());
    let (pages, _) = sync_all(&p, &c, None).await;
    let synced = &upserts(&pages)[&written.remote_id];
    assert_eq!((synced.uid.as_str(), &event(synced).origin), (e.uid.as_str(), &e.origin));
    // An event made elsewhere is found by its iCalUId.
    fake.put_event(CAL, json!({"id": "AAMkAGI2OTHER=", "subject": "Theirs", "isAllDay": false, "iCalUId": "0400000082-theirs",
        "start": {"dateTime": "2026-12-01T10:00:00.0000000", "timeZone": "UTC"}, "end": {"dateTime": "2026-12-01T11:00:00.0000000", "timeZone": "UTC"}}));
    assert_eq!(p.find(&c, ItemKind::Event, "0400000082-theirs").await.unwrap().unwrap().remote_id, "AAMkAGI2OTHER=");
    assert!(p.find(&c, ItemKind::Event, "nobody's uid").await.unwrap().is_none());

    let mut changed = e.clone();
    changed.summary = "Plan: slides (v2)".into();
    let body2 = ItemBody::Events(vec![changed]);
    let update =
        OutgoingItem { uid: &e.uid, body: &body2, remote_id: Some(&written.remote_id), etag: written.etag.as_deref() };
    let updated = p.write(&c, update).await.unwrap();
    assert_ne!(updated.etag, written.etag);
    let err = p.write(&c, update).await.unwrap_err();
    assert!(matches!(err, SyncError::Conflict { .. }), "{err}");
    let err = p.delete(&c, ItemKind::Event, &written.remote_id, written.etag.as_deref()).await.unwrap_err();
    assert!(matches!(err, SyncError::Conflict { .. }), "{err}");
    p.delete(&c, ItemKind::Event, &written.remote_id, updated.etag.as_deref()).await.unwrap();
    p.delete(&c, ItemKind::Event, &written.remote_id, None).await.unwrap();
    assert!(fake.event(CAL, &written.remote_id).is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_series_with_a_moved_and_a_cancelled_instance_is_written() {
    let (_auth, fake, p) = setup("g-series").await;
    let c = collection(&p.collections().await.unwrap(), CAL);
    let mut master = new_event("Gym");
    master.kind =
        EventKind::Master { recurrence: Recurrence { rules: vec!["FREQ=DAILY;COUNT=5".into()], ..Default::default() } };
    let second = RecurrenceId::Instant("2026-12-01T08:00:00Z".parse().unwrap());
    let third = RecurrenceId::Instant("2026-12-02T08:00:00Z".parse().unwrap());
    let mut moved = master.clone();
    moved.kind = EventKind::Override { recurrence_id: second };
    moved.summary = "Gym (late)".into();
    let mut cancelled = master.clone();
    cancelled.kind = EventKind::Override { recurrence_id: third };
    cancelled.status = EventStatus::Cancelled;
    let body = ItemBody::Events(vec![master.clone(), moved, cancelled]);
    let written =
        p.write(&c, OutgoingItem { uid: &master.uid, body: &body, remote_id: None, etag: None }).await.unwrap();
    let stored = fake.event(CAL, &written.remote_id).unwrap();
    assert_eq!(stored["recurrence"]["pattern"]["type"], "daily");
    assert_eq!(stored["cancelledOccurrences"], json!([format!("OID.{}.2026-12-02", written.remote_id)]));
    let exceptions = fake.events_where(CAL, |v| v["type"] == "exception");
    assert_eq!(exceptions.len(), 1);
    assert_eq!(exceptions[0]["subject"], "Gym (late)");

    // Read back: master with the EXDATE, and the exception as its override.
    let (pages, _) = sync_all(&p, &c, None).await;
    let items = upserts(&pages);
    let r = event(&items[&written.remote_id]).recurrence().unwrap().clone();
    assert_eq!(r.exdates, [third]);
    let late = items.values().find(|i| i.scope == ItemScope::Instance(second)).unwrap();
    assert_eq!(event(late).summary, "Gym (late)");
}

#[tokio::test(flavor = "multi_thread")]
async fn throttling_and_token_expiry_mid_sync() {
    let (auth, fake, mut p) = setup("g-throttle").await;
    seed(&fake);
    p.page_size = 2;
    let c = collection(&p.collections().await.unwrap(), CAL);
    fake.push_fault(Fault::TooMany(Some(1)));
    let started = std::time::Instant::now();
    let first = p.changes(&c, None).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After honoured");
    auth.expire_access_tokens();
    let before = auth.refreshes();
    let (rest, _) = sync_all(&p, &c, Some(first.cursor.clone())).await;
    assert_eq!(auth.refreshes(), before + 1);
    let mut all = vec![first];
    all.extend(rest);
    assert_eq!(upserts(&all).len(), 5);
    fake.push_fault(Fault::Status(503));
    assert!(p.changes(&c, None).await.unwrap_err().is_retryable());
}

fn task_of(item: &IncomingItem) -> &Task {
    match &item.body {
        ItemBody::Task(t) => t,
        _ => panic!("not a task"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn to_do_tasks_sync_by_delta_and_write_back() {
    let (_auth, fake, p) = setup("g-todo").await;
    fake.put_task(LIST, json!({"id": "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AAAAA1", "title": "Buy milk", "status": "notStarted", "importance": "normal",
        "dueDateTime": {"dateTime": "2026-11-27T00:00:00.0000000", "timeZone": "UTC"}}));
    fake.put_task(
        LIST,
        json!({"id": "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AAAAA2", "title": "File taxes", "status": "completed",
        "completedDateTime": {"dateTime": "2026-11-20T00:00:00.0000000", "timeZone": "UTC"}}),
    );
    let list = collection(&p.collections().await.unwrap(), LIST);
    let (pages, cursor) = sync_all(&p, &list, None).await;
    let items = upserts(&pages);
    assert_eq!(items.len(), 2);
    assert_eq!(
        task_of(&items["AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AAAAA1"]).due,
        Some(Due::Date("2026-11-27".parse().unwrap()))
    );
    assert_eq!(task_of(&items["AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AAAAA2"]).status, TaskStatus::Completed);

    let mut t = Task::new(TaskListId::new(), "Book flights");
    t.priority = miraage_domain::Priority::HIGHEST;
    let body = ItemBody::Task(Box::new(t.clone()));
    let written = p.write(&list, OutgoingItem { uid: &t.uid, body: &body, remote_id: None, etag: None }).await.unwrap();
    assert_eq!(fake.task(LIST, &written.remote_id).unwrap()["importance"], "high");
    t.status = TaskStatus::Completed;
    let body = ItemBody::Task(Box::new(t.clone()));
    let update =
        OutgoingItem { uid: &t.uid, body: &body, remote_id: Some(&written.remote_id), etag: written.etag.as_deref() };
    p.write(&list, update).await.unwrap();
    assert!(matches!(p.write(&list, update).await, Err(SyncError::Conflict { .. })));
    fake.remove_task(LIST, "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AAAAA1");

    let (pages, _) = sync_all(&p, &list, Some(cursor)).await;
    let changes: Vec<&RemoteChange> = pages.iter().flat_map(|p| &p.changes).collect();
    assert!(changes.iter().any(|c| matches!(c, RemoteChange::Removed { remote_id } if remote_id.ends_with("AAAAA1"))));
    assert_eq!(task_of(&upserts(&pages)[&written.remote_id]).status, TaskStatus::Completed);
    assert_eq!(changes.len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn no_token_or_link_appears_in_errors() {
    let (auth, fake, p) = setup("g-secrets").await;
    seed(&fake);
    let c = collection(&p.collections().await.unwrap(), CAL);
    let (_, cursor) = sync_all(&p, &c, None).await;
    let mut errors = Vec::new();
    fake.push_fault(Fault::Status(500));
    errors.push(p.changes(&c, Some(&cursor)).await.unwrap_err());
    errors.push(p.delete(&c, ItemKind::Event, "AAMkAGI2THVSAAA=", Some("W/\"stale\"")).await.unwrap_err());
    auth.revoke_all_refresh_tokens();
    auth.expire_access_tokens();
    let err = p.changes(&c, Some(&cursor)).await.unwrap_err();
    assert!(matches!(err, SyncError::Unauthorized { .. }), "{err}");
    errors.push(err);
    for e in &errors {
        assert_no_secret(&e.to_string());
        assert_no_secret(&format!("{e:?}"));
        assert!(!e.to_string().contains("deltatoken") && !e.to_string().contains("skiptoken"), "{e}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failed_page_resumes_from_the_last_saved_link() {
    let (_auth, fake, mut p) = setup("g-partial").await;
    seed(&fake);
    p.page_size = 2;
    let c = collection(&p.collections().await.unwrap(), CAL);
    let first = p.changes(&c, None).await.unwrap();
    assert!(first.more);
    fake.push_fault(Fault::Status(502));
    assert!(p.changes(&c, Some(&first.cursor)).await.unwrap_err().is_retryable());
    let (rest, _) = sync_all(&p, &c, Some(first.cursor.clone())).await;
    let mut all = vec![first];
    all.extend(rest);
    assert_eq!(upserts(&all).len(), 5);
    // A saved link pointing elsewhere is refused, not followed with the token.
    let forged = serde_json::json!({"link": "http://127.0.0.1:9/v1.0/me/calendars/x/calendarView/delta?$deltatoken=x", "full": false}).to_string();
    let err = p.changes(&c, Some(&forged)).await.unwrap_err();
    assert!(matches!(err, SyncError::BadResponse { .. }), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn get_schedule_reads_busy_times_in_utc() {
    let (_auth, fake, provider) = setup("schedule").await;
    seed(&fake);
    fake.add_person("adele@contoso.com", CAL);
    let week = miraage_domain::TimeRange::new(
        chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z").unwrap().into(),
        chrono::DateTime::parse_from_rfc3339("2026-11-30T00:00:00Z").unwrap().into(),
    )
    .unwrap();
    let answer = provider.get_schedule(&["adele@contoso.com", "nobody@contoso.com"], &week).await.unwrap();
    let spans: Vec<(String, String)> =
        answer[0].busy.iter().map(|r| (r.start.to_rfc3339(), r.end.to_rfc3339())).collect();
    // The standup series expanded (09:00 W. Europe; Tuesday's moved to 10:00, Wednesday's
    // cancelled), the plan block (UTC) and the review (14:00 W. Europe = 13:00 UTC); the
    // all-day holiday is shown as free.
    let at = |d: u32, h: u32, m: u32| format!("2026-11-{d}T{h:02}:{m:02}:00+00:00");
    assert_eq!(
        spans,
        [
            (at(23, 8, 0), at(23, 8, 15)),
            (at(23, 11, 0), at(23, 12, 0)),
            (at(23, 13, 0), at(23, 14, 0)),
            (at(24, 9, 0), at(24, 9, 15)),
            (at(26, 8, 0), at(26, 8, 15)),
            (at(27, 8, 0), at(27, 8, 15)),
        ]
    );
    assert!(answer[0].error.is_none());
    // Working hours, Monday to Friday 08:00-17:00 W. Europe, as instants.
    let working = answer[0].working.as_ref().expect("working hours");
    assert_eq!(working.len(), 5);
    assert_eq!((working[0].start.to_rfc3339(), working[0].end.to_rfc3339()), (at(23, 7, 0), at(23, 16, 0)));
    assert!(answer[1].error.as_deref().is_some_and(|e| e.contains("not found")), "{:?}", answer[1]);
}

#[tokio::test(flavor = "multi_thread")]
async fn get_schedule_splits_asks_at_20_people_and_62_days_and_merges_the_answers() {
    let (_auth, fake, provider) = setup("schedule-split").await;
    seed(&fake);
    fake.add_person("adele@contoso.com", CAL);
    fake.put_event(
        CAL,
        json!({"id": "AAMkLATE=", "subject": "Offsite", "isAllDay": false, "showAs": "oof",
        "start": {"dateTime": "2027-02-15T09:00:00.0000000", "timeZone": "UTC"},
        "end": {"dateTime": "2027-02-15T17:00:00.0000000", "timeZone": "UTC"}}),
    );
    let mut people: Vec<String> = (0..44).map(|i| format!("p{i}@contoso.com")).collect();
    people.insert(30, "adele@contoso.com".into());
    let asked: Vec<&str> = people.iter().map(String::as_str).collect();
    let range = miraage_domain::TimeRange::new(
        chrono::DateTime::parse_from_rfc3339("2026-11-23T00:00:00Z").unwrap().into(),
        chrono::DateTime::parse_from_rfc3339("2027-03-03T00:00:00Z").unwrap().into(),
    )
    .unwrap();
    fake.clear_log();
    let answer = provider.get_schedule(&asked, &range).await.unwrap();
    // 45 people in 3 calls of at most 20, over 100 days in 2 windows of at most 62: 6 calls, each
    // inside the limits (the fake answers 400 beyond them).
    let calls = fake.log().iter().filter(|l| l.ends_with("/getSchedule")).count();
    assert_eq!(calls, 6, "{:?}", fake.log());
    assert_eq!(answer.len(), 45);
    assert!(answer.iter().zip(&people).all(|(b, p)| &b.who == p));
    let adele = &answer[30];
    assert!(adele.error.is_none());
    assert_eq!(adele.busy.first().unwrap().start.to_rfc3339(), "2026-11-23T08:00:00+00:00");
    assert_eq!(adele.busy.last().unwrap().start.to_rfc3339(), "2027-02-15T09:00:00+00:00", "from the second window");
    assert!(answer[0].error.is_some());
}

/// Ana's meeting in the user's calendar: an invitation they have not answered.
fn budget_invite() -> serde_json::Value {
    json!({"id": "AAMkAGI2INV=", "subject": "Budget", "isAllDay": false, "showAs": "tentative",
    "isOrganizer": false, "organizer": {"emailAddress": {"name": "Ana Lima", "address": "ana@example.com"}},
    "attendees": [{"type": "required", "status": {"response": "notResponded"},
                   "emailAddress": {"name": "Me", "address": "me@example.com"}}],
    "start": {"dateTime": "2026-11-25T10:00:00.0000000", "timeZone": "Europe/Berlin"},
    "end": {"dateTime": "2026-11-25T11:00:00.0000000", "timeZone": "Europe/Berlin"}})
}

#[tokio::test(flavor = "multi_thread")]
async fn attendees_are_read_kept_on_edit_and_sent_with_a_new_event() {
    let (_auth, fake, p) = setup("g-people").await;
    let c = collection(&p.collections().await.unwrap(), CAL);
    let guests = json!([
        {"type": "required", "status": {"response": "accepted", "time": "2026-11-20T09:00:00Z"},
         "emailAddress": {"name": "Bruno Lima", "address": "bruno@example.com"}},
        {"type": "optional", "status": {"response": "tentativelyAccepted", "time": "2026-11-20T09:00:00Z"},
         "emailAddress": {"name": "cai@example.com", "address": "cai@example.com"}},
        {"type": "resource", "status": {"response": "none", "time": "0001-01-01T00:00:00Z"},
         "emailAddress": {"name": "Room 4", "address": "room-4@example.com"}}
    ]);
    fake.put_event(
        CAL,
        json!({"id": "AAMkAGI2OWN=", "subject": "Design review", "isAllDay": false, "showAs": "busy",
        "isOrganizer": true, "organizer": {"emailAddress": {"name": "Me", "address": "me@example.com"}},
        "attendees": guests.clone(),
        "start": {"dateTime": "2026-11-24T14:00:00.0000000", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-24T15:00:00.0000000", "timeZone": "Europe/Berlin"}}),
    );
    fake.put_event(CAL, budget_invite());
    let (pages, _) = sync_all(&p, &c, None).await;
    let items = upserts(&pages);

    let own = event(&items["AAMkAGI2OWN="]).clone();
    assert_eq!(own.people.read_only_reason(), None);
    let seen: Vec<_> =
        own.people.attendees.iter().map(|a| (a.name.as_deref(), a.email.as_str(), a.role, a.status)).collect();
    assert_eq!(
        seen,
        [
            (Some("Bruno Lima"), "bruno@example.com", AttendeeRole::Required, Participation::Accepted),
            // Outlook repeats the address as the name when it knows none.
            (None, "cai@example.com", AttendeeRole::Optional, Participation::Tentative),
            (Some("Room 4"), "room-4@example.com", AttendeeRole::Resource, Participation::NeedsAction),
        ]
    );
    let invite = &event(&items["AAMkAGI2INV="]).people;
    assert_eq!(
        invite.read_only_reason().as_deref(),
        Some("Organised by Ana Lima: ask them to change it, or copy it to your calendar.")
    );

    // An edit is a PATCH without attendees: the server keeps them and their answers; a new
    // event (a series split, a move from another calendar) takes its guests along.
    let copy_id =
        support::rename_then_copy(&p, &c, &items["AAMkAGI2OWN="], &own, "Design review (v2)", "copy-of-review@miraage")
            .await;
    let stored = fake.event(CAL, "AAMkAGI2OWN=").unwrap();
    assert_eq!(stored["subject"], "Design review (v2)");
    assert_eq!(stored["attendees"], guests);
    let stored = fake.event(CAL, &copy_id).unwrap();
    let sent: Vec<_> = stored["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["emailAddress"]["address"].as_str().unwrap(), a["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        sent,
        [("bruno@example.com", "required"), ("cai@example.com", "optional"), ("room-4@example.com", "resource")]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_declined_invitation_is_sent_as_the_decline_action() {
    let (_auth, fake, p) = setup("g-decline").await;
    let c = collection(&p.collections().await.unwrap(), CAL);
    fake.put_event(CAL, budget_invite());
    let (pages, _) = sync_all(&p, &c, None).await;
    let items = upserts(&pages);
    let invite = &items["AAMkAGI2INV="];

    // Outlook lets a guest answer, not edit: a copy with no new answer of the user's is not sent.
    let unanswered = event(invite).clone();
    let body = ItemBody::Events(vec![unanswered.clone()]);
    let same = OutgoingItem { uid: &unanswered.uid, body: &body, remote_id: Some("AAMkAGI2INV="), etag: None };
    let err = p.write(&c, same).await.unwrap_err();
    assert!(matches!(err, SyncError::NotWritable { .. }), "{err}");

    let mut declined = unanswered.clone();
    declined.people.attendees[0].status = Participation::Declined;
    declined.people.attendees[0].is_self = true;
    let body = ItemBody::Events(vec![declined.clone()]);
    let answer = OutgoingItem { uid: &declined.uid, body: &body, remote_id: Some("AAMkAGI2INV="), etag: None };
    fake.clear_log();
    let written = p.write(&c, answer).await.expect("the decline is sent");
    assert_eq!(written.remote_id, "AAMkAGI2INV=");
    assert_eq!(fake.log(), ["POST /v1.0/me/events/AAMkAGI2INV=/decline"]);
    assert_eq!(fake.responses(), [("AAMkAGI2INV=".to_string(), "decline".to_string(), true)], "the organiser is told");
    // Outlook takes a declined meeting off the calendar.
    assert!(fake.event(CAL, "AAMkAGI2INV=").is_none());
}
