//! Google and Microsoft accounts end to end: signed in through the loopback OAuth flow (the
//! test plays the browser) against a local fake authorization server, synced by the engine
//! from fake Calendar/Tasks and Graph APIs into a real SQLite file, side by side with local
//! events; a plan block accepted into the Google calendar is written there; no token reaches
//! the database. Secrets go to the real keyring (run under `.ci/keyring-session.sh`).

#[path = "../../miraage-cloud/tests/support/mod.rs"]
mod support;

use chrono::{TimeZone, Utc};
use miraage_accounts::{Browser, CloudSettings, ProviderKind, SyncContext};
use miraage_domain::{BlockState, Event, EventTime, PlanBlock, PlanBlockId, Task, TimeRange};
use miraage_oauth::fake::FakeAuth;
use miraage_secrets::{Keyring, SecretKind};
use miraage_store::{CalendarScope, Store};
use serde_json::json;
use std::sync::Mutex;
use support::google::FakeGoogle;
use support::graph::FakeGraph;

/// Follows the consent page's redirect back to the loopback listener, as a browser would
/// after the user agreed.
struct PlayBrowser;

impl Browser for PlayBrowser {
    fn open(&self, url: &url::Url) -> Result<(), String> {
        let url = url.clone();
        tokio::spawn(async move {
            let _ = reqwest::get(url).await;
        });
        Ok(())
    }
}

const GCAL: &str = "primary.user@example.com";
const MCAL: &str = "AAMkAGI2CAL=";

#[tokio::test(flavor = "multi_thread")]
async fn google_and_microsoft_sign_in_sync_and_take_plan_blocks() {
    let auth = FakeAuth::start().await;
    let google = FakeGoogle::start(auth.clone()).await;
    google.add_calendar(GCAL, "Work", "#9FE1E7", "owner");
    google.add_task_list("MDQ0NjQ3NTg", "My Tasks");
    google.put_event(
        GCAL,
        json!({"id": "1on1x7p2c4b8", "summary": "1:1 with Ana",
        "start": {"dateTime": "2026-11-23T14:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-23T14:30:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    google.put_task(
        "MDQ0NjQ3NTg",
        json!({"id": "dGFzazE", "title": "Book flights", "status": "needsAction", "due": "2026-11-25T00:00:00.000Z"}),
    );
    let graph = FakeGraph::start(auth.clone()).await;
    graph.add_calendar(MCAL, "Calendar", "auto", "#E3008C", true);
    graph.add_list("AAMkTASKS=", "Tasks");
    graph.put_event(
        MCAL,
        json!({"id": "AAMkAGI2THVSAAA=", "subject": "Quarterly review", "isAllDay": false, "showAs": "busy",
        "start": {"dateTime": "2026-11-23T16:00:00.0000000", "timeZone": "W. Europe Standard Time"},
        "end": {"dateTime": "2026-11-23T17:00:00.0000000", "timeZone": "W. Europe Standard Time"}}),
    );

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("miraage.db");
    let store = Mutex::new(Store::open(&db).unwrap());
    let service = format!("app.miraage.test.accounts.{}", std::process::id());
    let ctx = SyncContext {
        keyring: Keyring::with_service(&service),
        zone: chrono_tz::Europe::Berlin,
        cloud: CloudSettings {
            google: Some(auth.config(ProviderKind::Google)),
            microsoft: Some(auth.config(ProviderKind::Microsoft)),
            google_calendar_api: Some(google.calendar_api.clone()),
            google_tasks_api: Some(google.tasks_api.clone()),
            graph_api: Some(graph.api.clone()),
        },
        pins: Default::default(),
    };

    // A local event the same afternoon.
    let local = {
        let mut s = store.lock().unwrap();
        let d = s.local_defaults().unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
        let e = Event::single(
            d.calendar.clone(),
            "Dentist",
            EventTime::timed(start, start + chrono::Duration::hours(1), chrono_tz::Europe::Berlin).unwrap(),
        );
        s.upsert_events(&[e]).unwrap();
        d
    };

    let g = ctx.add_oauth(&store, ProviderKind::Google, "Google", &PlayBrowser).await.expect("Google sign-in");
    let m = ctx.add_oauth(&store, ProviderKind::Microsoft, "Outlook", &PlayBrowser).await.expect("Microsoft sign-in");
    for a in [&g, &m] {
        let report = ctx.sync(&store, a, true, &|_| {}).await.unwrap();
        assert!(report.is_clean(), "{report:?}");
    }

    // Side by side in one week.
    let week = TimeRange::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 30, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let occ = store.lock().unwrap().occurrences(&week, chrono_tz::Europe::Berlin, CalendarScope::All).unwrap();
    let mut seen: Vec<(String, String)> = occ.iter().map(|o| (o.summary.clone(), o.start.clone())).collect();
    seen.sort();
    assert_eq!(
        seen,
        [
            ("1:1 with Ana".to_string(), "2026-11-23T13:00:00Z".to_string()),
            ("Dentist".to_string(), "2026-11-23T08:00:00Z".to_string()),
            // "W. Europe Standard Time" read as Europe/Berlin.
            ("Quarterly review".to_string(), "2026-11-23T15:00:00Z".to_string()),
        ]
    );
    let tasks = store.lock().unwrap().task_views(miraage_store::TaskFilter::Open).unwrap();
    assert!(tasks.iter().any(|t| t.title == "Book flights" && t.due.as_deref() == Some("2026-11-25")), "{tasks:?}");

    // A plan block accepted into the Google calendar goes there, marked as Miraage's.
    let gcal = store
        .lock()
        .unwrap()
        .calendars()
        .unwrap()
        .into_iter()
        .find(|c| c.account_name == "Google" && c.name == "Work")
        .unwrap();
    {
        let mut s = store.lock().unwrap();
        let mut task = Task::new(local.task_list.clone(), "Write report");
        task.uid = "report@miraage".into();
        task.estimate_min = Some(60);
        s.save_task(&task).unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        let block = PlanBlock {
            id: PlanBlockId::new(),
            task_id: task.id.clone(),
            start,
            end: start + chrono::Duration::hours(1),
            state: BlockState::Proposed,
            event_id: None,
        };
        s.replace_proposed_blocks(std::slice::from_ref(&block)).unwrap();
        s.accept_plan_block(
            &block.id,
            block.start,
            block.end,
            &miraage_domain::CalendarId::from_string(gcal.id.clone()),
            chrono_tz::Europe::Berlin,
            &[],
        )
        .unwrap();
        assert_eq!(s.outbox_len().unwrap(), 1);
    }
    let report = ctx.sync(&store, &g, true, &|_| {}).await.unwrap();
    assert_eq!(report.collections.iter().map(|c| c.pushed).sum::<usize>(), 1, "{report:?}");
    let block_event = store
        .lock()
        .unwrap()
        .events_of_calendar(&miraage_domain::CalendarId::from_string(gcal.id.clone()))
        .unwrap()
        .into_iter()
        .find(|e| e.summary == "Write report")
        .unwrap();
    let remote =
        google.event(GCAL, &miraage_cloud::google::ids::event_id(&block_event.uid)).expect("the block is on Google");
    assert_eq!(remote["extendedProperties"]["private"]["miraageOrigin"], "plan:report@miraage", "{remote}");
    assert_eq!(store.lock().unwrap().outbox_len().unwrap(), 0);

    // The task is done before its block starts: the block leaves Google too.
    {
        let mut s = store.lock().unwrap();
        let task = s.find_task("Write report").unwrap();
        s.release_task_blocks(&task.id, Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap()).unwrap();
        assert_eq!(s.outbox_len().unwrap(), 1, "the deletion is queued");
    }
    ctx.sync(&store, &g, true, &|_| {}).await.unwrap();
    assert!(
        google.event(GCAL, &miraage_cloud::google::ids::event_id(&block_event.uid)).is_none(),
        "the finished task's block is gone from Google"
    );
    assert_eq!(store.lock().unwrap().outbox_len().unwrap(), 0);

    // No token or code in the database file (or its WAL).
    drop(store.lock().unwrap());
    for path in [db.clone(), db.with_extension("db-wal")] {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for needle in ["fake-access-", "fake-refresh-", "fake-code-"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} found in {}",
                path.display()
            );
        }
    }
    // The refresh tokens are in the keyring; removing the accounts forgets them.
    for a in [&g, &m] {
        assert!(ctx.keyring.get(a.id.as_str(), SecretKind::RefreshToken).unwrap().is_some());
        ctx.remove(&store, &a.id).await.unwrap();
        assert_eq!(ctx.keyring.get(a.id.as_str(), SecretKind::RefreshToken).unwrap(), None);
    }
    assert!(store.lock().unwrap().remote_accounts().unwrap().is_empty());
}
