//! Undo after a sync, against a real Radicale server: the undo is a new edit that the sync
//! engine sends, so the server's stored object changes back (checked on the server, not only
//! in our database); and an undo is refused, changing nothing, after the server changed the
//! event and a sync brought that change.

#[path = "../../miraage-caldav/tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use chrono_tz::Tz;
use miraage_caldav::{CalDavClient, CalDavProvider, Credentials};
use miraage_services::events::{self, EventChanges, EventDraft, EventTarget, Scope};
use miraage_services::{undo, ErrorCode};
use miraage_store::Store;
use miraage_sync::engine::Engine;
use std::sync::Mutex;
use support::{Radicale, PASSWORD, USER};

const WORK: &str = "/alice/work/";
const BERLIN: Tz = chrono_tz::Europe::Berlin;

struct Env {
    server: Radicale,
    _dir: tempfile::TempDir,
    store: Mutex<Store>,
    account: miraage_domain::Account,
}

impl Env {
    async fn new() -> Env {
        let server = Radicale::start();
        server.make_calendar(WORK, "Work", "#3366ffff").await;
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
        let account =
            store.add_account("Radicale", miraage_domain::Provider::CalDav, Some(&server.url), Some(USER)).unwrap();
        let env = Env { server, _dir: dir, store: Mutex::new(store), account };
        env.sync().await;
        env
    }

    async fn sync(&self) {
        let provider =
            CalDavProvider::new(CalDavClient::new(&self.server.url, Credentials::new(USER, PASSWORD)).unwrap(), BERLIN);
        let report = Engine::new(&self.store, &provider, self.account.clone()).forced(true).run().await.expect("sync");
        assert!(report.collections.iter().all(|c| c.error.is_none()), "{report:?}");
        assert_eq!(self.store.lock().unwrap().outbox_len().unwrap(), 0, "everything sent: {report:?}");
    }

    /// The server's objects (href, unfolded body).
    async fn stored(&self) -> Vec<(String, String)> {
        self.server.items(WORK).await.into_iter().map(|(href, body)| (href, body.replace("\r\n ", ""))).collect()
    }

    fn create(&self, title: &str, rrule: Option<&str>) -> String {
        let draft = EventDraft {
            title: title.into(),
            start: "2026-11-02T09:00".into(),
            end: Some("2026-11-02T09:15".into()),
            time_zone: Some("Europe/Berlin".into()),
            calendar: Some("Work".into()),
            rrule: rrule.map(str::to_string),
            ..EventDraft::default()
        };
        events::create_event(&mut self.store.lock().unwrap(), BERLIN, draft).unwrap().uid
    }
}

#[tokio::test]
async fn an_undo_after_a_sync_is_sent_and_the_server_gets_the_restored_event() {
    let env = Env::new().await;
    let uid = env.create("Standup", Some("FREQ=WEEKLY"));
    env.sync().await;

    // One occurrence moved to 10:00 and synced: the server holds an override.
    let target = EventTarget {
        uid: uid.clone(),
        occurrence: Some("2026-11-09T08:00:00Z".into()),
        scope: Some(Scope::This),
        calendar_id: None,
    };
    let moved = EventChanges { start: Some("2026-11-09T10:00".into()), ..EventChanges::default() };
    events::edit(&mut env.store.lock().unwrap(), BERLIN, &target, &moved).unwrap();
    env.sync().await;
    assert!(env.stored().await[0].1.contains("RECURRENCE-ID"));
    let state = undo::state(&env.store.lock().unwrap()).unwrap();
    assert_eq!(state.undo.as_deref(), Some("Undo: moved “Standup” to Mon 10:00 (this event)"));

    // Undo is an edit like any other: queued, then sent.
    undo::undo(&mut env.store.lock().unwrap()).unwrap();
    assert_eq!(env.store.lock().unwrap().outbox_len().unwrap(), 1);
    env.sync().await;
    let stored = env.stored().await;
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].1.contains("RECURRENCE-ID"), "the server's series is whole again: {}", stored[0].1);

    // Redo sends the move again; undoing the series' creation deletes it on the server.
    undo::redo(&mut env.store.lock().unwrap()).unwrap();
    env.sync().await;
    assert!(env.stored().await[0].1.contains("RECURRENCE-ID"));
    undo::undo(&mut env.store.lock().unwrap()).unwrap();
    undo::undo(&mut env.store.lock().unwrap()).unwrap();
    env.sync().await;
    assert!(env.stored().await.is_empty(), "the created series is gone from the server");
    undo::redo(&mut env.store.lock().unwrap()).unwrap();
    env.sync().await;
    let stored = env.stored().await;
    assert_eq!(stored.len(), 1);
    assert!(stored[0].1.contains(&format!("UID:{uid}")) && stored[0].1.contains("SUMMARY:Standup"));
}

#[tokio::test]
async fn an_undo_is_refused_and_changes_nothing_after_the_server_changed_the_event() {
    let env = Env::new().await;
    let uid = env.create("Review", None);
    env.sync().await;
    let renamed = EventChanges { title: Some("Design review".into()), ..EventChanges::default() };
    let target = EventTarget { uid: uid.clone(), ..EventTarget::default() };
    events::edit(&mut env.store.lock().unwrap(), BERLIN, &target, &renamed).unwrap();
    env.sync().await;

    // Someone changes it on the server; our next sync brings that.
    let (href, body) = env.stored().await.remove(0);
    env.server.put_raw(&href, &body.replace("SUMMARY:Design review", "SUMMARY:Design review (moved to Friday)")).await;
    env.sync().await;

    let e = undo::undo(&mut env.store.lock().unwrap()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("“Design review (moved to Friday)” changed since"), "{e}");
    {
        let store = env.store.lock().unwrap();
        assert_eq!(store.outbox_len().unwrap(), 0, "nothing queued");
        assert_eq!(store.events_by_uid(&uid).unwrap()[0].summary, "Design review (moved to Friday)");
    }
    assert!(env.stored().await[0].1.contains("SUMMARY:Design review (moved to Friday)"));
}
