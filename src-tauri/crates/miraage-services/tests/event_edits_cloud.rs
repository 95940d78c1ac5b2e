//! Each recurring-edit choice made through `miraage_services::events` and sent by the sync
//! engine to the Google Calendar and Microsoft Graph fakes (miraage-cloud's test support,
//! shaped after the documented wire formats); what the fake server stored is checked:
//! Google instances with `recurringEventId` / `originalStartTime`, an EXDATE and an UNTIL in
//! the master's `recurrence`, a new series after a split; Graph exceptions, cancelled
//! occurrences and the series master's range. Run under `.ci/keyring-session.sh`.

#[path = "../../miraage-cloud/tests/support/mod.rs"]
mod support;

use chrono_tz::Tz;
use miraage_cloud::google::{ids, GoogleProvider};
use miraage_cloud::graph::GraphProvider;
use miraage_oauth::fake::FakeAuth;
use miraage_oauth::ProviderKind;
use miraage_services::events::{self, EventChanges, EventDraft, EventTarget, Scope};
use miraage_store::Store;
use miraage_sync::engine::Engine;
use miraage_sync::Provider;
use std::sync::Mutex;
use support::google::FakeGoogle;
use support::graph::FakeGraph;

const BERLIN: Tz = chrono_tz::Europe::Berlin;
const GCAL: &str = "primary.user@example.com";
const MCAL: &str = "AAMkAGI2CAL=";

struct Env {
    _dir: tempfile::TempDir,
    store: Mutex<Store>,
    account: miraage_domain::Account,
}

impl Env {
    fn new(provider: miraage_domain::Provider) -> Env {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
        let account = store.add_account("Cloud", provider, None, None).unwrap();
        Env { _dir: dir, store: Mutex::new(store), account }
    }

    async fn sync(&self, provider: &impl Provider) {
        let report = Engine::new(&self.store, provider, self.account.clone()).forced(true).run().await.expect("sync");
        assert!(report.collections.iter().all(|c| c.error.is_none()), "{report:?}");
        assert_eq!(self.store.lock().unwrap().outbox_len().unwrap(), 0, "everything sent: {report:?}");
    }

    fn create_weekly(&self, calendar: &str) -> String {
        let draft = EventDraft {
            title: "Standup".into(),
            start: "2026-11-02T09:00".into(),
            end: Some("2026-11-02T09:15".into()),
            time_zone: Some("Europe/Berlin".into()),
            calendar: Some(calendar.into()),
            rrule: Some("FREQ=WEEKLY;BYDAY=MO;COUNT=8".into()),
            ..EventDraft::default()
        };
        events::create_event(&mut self.store.lock().unwrap(), BERLIN, draft).unwrap().uid
    }

    fn edit(&self, uid: &str, occurrence: &str, scope: Scope, changes: EventChanges) -> String {
        let target = target(uid, occurrence, scope);
        let applied = events::edit(&mut self.store.lock().unwrap(), BERLIN, &target, &changes).unwrap();
        applied.focus.unwrap().0
    }

    fn delete_one(&self, uid: &str, occurrence: &str) {
        events::delete(&mut self.store.lock().unwrap(), &target(uid, occurrence, Scope::This)).unwrap();
    }
}

fn target(uid: &str, occurrence: &str, scope: Scope) -> EventTarget {
    EventTarget { uid: uid.into(), occurrence: Some(occurrence.into()), scope: Some(scope), calendar_id: None }
}

fn late() -> EventChanges {
    EventChanges {
        title: Some("Standup (late)".into()),
        start: Some("2026-11-09T10:00".into()),
        ..EventChanges::default()
    }
}

fn renamed() -> EventChanges {
    EventChanges { title: Some("Sync".into()), ..EventChanges::default() }
}

#[tokio::test(flavor = "multi_thread")]
async fn recurring_edits_reach_google_as_instances_exdates_and_a_new_series() {
    let auth = FakeAuth::start().await;
    let fake = FakeGoogle::start(auth.clone()).await;
    fake.add_calendar(GCAL, "Work", "#9FE1E7", "owner");
    let session = support::session(&auth, ProviderKind::Google, "event-edits");
    let provider = GoogleProvider::with_endpoints(session, &fake.calendar_api, &fake.tasks_api).unwrap();
    let env = Env::new(miraage_domain::Provider::Google);
    env.sync(&provider).await;

    let uid = env.create_weekly("Work");
    env.sync(&provider).await;
    let master_id = ids::event_id(&uid);
    assert!(fake.event(GCAL, &master_id).is_some());

    // This: the instance of 9 November, by Google's instance id.
    env.edit(&uid, "2026-11-09T08:00:00Z", Scope::This, late());
    env.delete_one(&uid, "2026-11-16T08:00:00Z");
    env.sync(&provider).await;
    let instance = fake.event(GCAL, &format!("{master_id}_20261109T080000Z")).expect("the changed instance");
    assert_eq!(instance["recurringEventId"], master_id.as_str());
    assert_eq!(instance["summary"], "Standup (late)");
    assert_eq!(instance["start"]["dateTime"], "2026-11-09T09:00:00Z");
    let original = &instance["originalStartTime"]["dateTime"];
    assert_eq!(
        original.as_str().map(|t| chrono::DateTime::parse_from_rfc3339(t).unwrap().to_utc().to_rfc3339()),
        Some("2026-11-09T08:00:00+00:00".into()),
        "{instance}"
    );
    let master = fake.event(GCAL, &master_id).unwrap();
    let lines: Vec<&str> = master["recurrence"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect();
    assert!(lines.contains(&"EXDATE;TZID=Europe/Berlin:20261116T090000"), "{lines:?}");

    // This and following from 30 November: COUNT split, a new series of its own.
    let new_uid = env.edit(&uid, "2026-11-30T08:00:00Z", Scope::Following, renamed());
    env.sync(&provider).await;
    let master = fake.event(GCAL, &master_id).unwrap();
    assert_eq!(master["recurrence"][0], "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4", "{master}");
    let new = fake.event(GCAL, &ids::event_id(&new_uid)).expect("the new series");
    assert_eq!(new["summary"], "Sync");
    assert_eq!(new["recurrence"][0], "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4", "{new}");
    assert_eq!(new["iCalUID"], new_uid.as_str());

    // All of the new series: an hour later.
    let later = EventChanges { start: Some("2026-12-07T10:00".into()), ..EventChanges::default() };
    env.edit(&new_uid, "2026-12-07T08:00:00Z", Scope::All, later);
    env.sync(&provider).await;
    let new = fake.event(GCAL, &ids::event_id(&new_uid)).unwrap();
    assert_eq!(new["start"]["dateTime"], "2026-11-30T09:00:00Z", "{new}");
}

#[tokio::test(flavor = "multi_thread")]
async fn recurring_edits_reach_graph_as_exceptions_cancelled_occurrences_and_a_new_master() {
    let auth = FakeAuth::start().await;
    let fake = FakeGraph::start(auth.clone()).await;
    fake.add_calendar(MCAL, "Calendar", "auto", "#E3008C", true);
    let session = support::session(&auth, ProviderKind::Microsoft, "event-edits");
    let provider = GraphProvider::with_endpoint(session, &fake.api).unwrap();
    let env = Env::new(miraage_domain::Provider::Microsoft);
    env.sync(&provider).await;

    let uid = env.create_weekly("Calendar");
    env.sync(&provider).await;
    let masters = fake.events_where(MCAL, |e| e["type"] == "seriesMaster");
    assert_eq!(masters.len(), 1);
    let master_id = masters[0]["id"].as_str().unwrap().to_string();

    // This: the occurrence becomes an exception; deleting one cancels it on the master.
    env.edit(&uid, "2026-11-09T08:00:00Z", Scope::This, late());
    env.delete_one(&uid, "2026-11-16T08:00:00Z");
    env.sync(&provider).await;
    let exceptions = fake.events_where(MCAL, |e| e["type"] == "exception");
    assert_eq!(exceptions.len(), 1, "{exceptions:?}");
    assert_eq!(exceptions[0]["seriesMasterId"], master_id.as_str());
    assert_eq!(exceptions[0]["subject"], "Standup (late)");
    assert_eq!(exceptions[0]["start"]["dateTime"].as_str().map(|t| &t[..16]), Some("2026-11-09T09:00"));
    let master = fake.event(MCAL, &master_id).unwrap();
    let cancelled = master["cancelledOccurrences"].as_array().cloned().unwrap_or_default();
    assert_eq!(cancelled, [serde_json::json!(format!("OID.{master_id}.2026-11-16"))], "{master}");

    // This and following from 30 November: the master's range ends, a new master starts.
    let new_uid = env.edit(&uid, "2026-11-30T08:00:00Z", Scope::Following, renamed());
    env.sync(&provider).await;
    let master = fake.event(MCAL, &master_id).unwrap();
    assert_eq!(master["recurrence"]["range"]["numberOfOccurrences"], 4, "{master}");
    let masters = fake.events_where(MCAL, |e| e["type"] == "seriesMaster" && e["subject"] == "Sync");
    assert_eq!(masters.len(), 1, "{masters:?}");
    assert_eq!(masters[0]["recurrence"]["range"]["numberOfOccurrences"], 4);
    assert_eq!(masters[0]["recurrence"]["range"]["startDate"], "2026-11-30");

    // All of the new series: an hour later.
    let later = EventChanges { start: Some("2026-12-07T10:00".into()), ..EventChanges::default() };
    env.edit(&new_uid, "2026-12-07T08:00:00Z", Scope::All, later);
    env.sync(&provider).await;
    let new = fake.events_where(MCAL, |e| e["type"] == "seriesMaster" && e["subject"] == "Sync");
    assert_eq!(new[0]["start"]["dateTime"].as_str().map(|t| &t[..16]), Some("2026-11-30T09:00"), "{new:?}");
}
