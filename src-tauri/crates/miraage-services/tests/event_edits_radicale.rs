//! Each recurring-edit choice made through `miraage_services::events` and sent by the sync
//! engine to a real Radicale server; what the server stores is checked, not only our
//! database: an override with RECURRENCE-ID, an EXDATE, a series ended with UNTIL beside a
//! new series, a moved series.

#[path = "../../miraage-caldav/tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use chrono_tz::Tz;
use miraage_caldav::{CalDavClient, CalDavProvider, Credentials};
use miraage_services::events::{self, EventChanges, EventDraft, EventTarget, Scope};
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

    /// The server's objects, unfolded, by UID.
    async fn stored(&self) -> Vec<String> {
        let mut v: Vec<String> =
            self.server.items(WORK).await.into_iter().map(|(_, body)| body.replace("\r\n ", "")).collect();
        v.sort();
        v
    }

    fn edit(&self, uid: &str, occurrence: &str, scope: Scope, changes: EventChanges) -> Option<String> {
        let target =
            EventTarget { uid: uid.into(), occurrence: Some(occurrence.into()), scope: Some(scope), calendar_id: None };
        let applied = events::edit(&mut self.store.lock().unwrap(), BERLIN, &target, &changes).unwrap();
        applied.focus.map(|(uid, _)| uid)
    }
}

fn object_of<'a>(stored: &'a [String], uid: &str) -> &'a str {
    stored.iter().find(|b| b.contains(&format!("UID:{uid}"))).unwrap_or_else(|| panic!("no {uid} in {stored:?}"))
}

#[tokio::test]
async fn this_following_all_and_a_deleted_occurrence_reach_radicale_as_icalendar_says() {
    let env = Env::new().await;
    let draft = EventDraft {
        title: "Standup".into(),
        start: "2026-11-02T09:00".into(),
        end: Some("2026-11-02T09:15".into()),
        time_zone: Some("Europe/Berlin".into()),
        calendar: Some("Work".into()),
        rrule: Some("FREQ=WEEKLY".into()),
        ..EventDraft::default()
    };
    let uid = events::create_event(&mut env.store.lock().unwrap(), BERLIN, draft).unwrap().uid;
    env.sync().await;
    assert_eq!(env.stored().await.len(), 1);

    // This: an override of the second Monday, moved to 10:00.
    let moved = EventChanges {
        title: Some("Standup (late)".into()),
        start: Some("2026-11-09T10:00".into()),
        ..EventChanges::default()
    };
    env.edit(&uid, "2026-11-09T08:00:00Z", Scope::This, moved);
    // Delete one occurrence: an EXDATE.
    let target = EventTarget {
        uid: uid.clone(),
        occurrence: Some("2026-11-16T08:00:00Z".into()),
        scope: Some(Scope::This),
        calendar_id: None,
    };
    events::delete(&mut env.store.lock().unwrap(), &target).unwrap();
    env.sync().await;
    let stored = env.stored().await;
    let object = object_of(&stored, &uid);
    assert!(object.contains("RECURRENCE-ID;TZID=Europe/Berlin:20261109T090000"), "{object}");
    assert!(object.contains("SUMMARY:Standup (late)"), "{object}");
    assert!(object.contains("EXDATE;TZID=Europe/Berlin:20261116T090000"), "{object}");

    // This and following from 30 November: the series ends with UNTIL, a new one starts.
    let renamed = EventChanges { title: Some("Sync".into()), ..EventChanges::default() };
    let new_uid = env.edit(&uid, "2026-11-30T08:00:00Z", Scope::Following, renamed).unwrap();
    env.sync().await;
    let stored = env.stored().await;
    assert_eq!(stored.len(), 2, "{stored:?}");
    let old = object_of(&stored, &uid);
    assert!(old.contains("RRULE:FREQ=WEEKLY;UNTIL=20261130T075959Z"), "{old}");
    assert!(old.contains("RECURRENCE-ID"), "the earlier override stays with the old series: {old}");
    let new = object_of(&stored, &new_uid);
    assert!(new.contains("DTSTART;TZID=Europe/Berlin:20261130T090000"), "{new}");
    assert!(new.contains("RRULE:FREQ=WEEKLY") && new.contains("SUMMARY:Sync"), "{new}");

    // All of the new series: an hour later, every Monday.
    let later = EventChanges { start: Some("2026-12-07T10:00".into()), ..EventChanges::default() };
    env.edit(&new_uid, "2026-12-07T08:00:00Z", Scope::All, later);
    env.sync().await;
    let stored = env.stored().await;
    let new = object_of(&stored, &new_uid);
    assert!(new.contains("DTSTART;TZID=Europe/Berlin:20261130T100000"), "{new}");
    assert!(new.contains("DTEND;TZID=Europe/Berlin:20261130T101500"), "{new}");
}

#[tokio::test]
async fn an_edited_meeting_keeps_its_organizer_and_attendees_on_radicale() {
    let env = Env::new().await;
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:review-1@example.com\r\n\
DTSTAMP:20261101T000000Z\r\nDTSTART:20261124T130000Z\r\nDTEND:20261124T140000Z\r\nSUMMARY:Design review\r\n\
ORGANIZER;CN=Ana Lima:mailto:ana@example.com\r\n\
ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED;CN=Ana Lima:mailto:ana@example.com\r\n\
ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=TENTATIVE;CN=\"Lima, Bruno\":mailto:bruno@example.com\r\n\
ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:alice@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    env.server.put_raw(&format!("{WORK}review-1.ics"), ics).await;
    env.sync().await;
    let d = events::details(&env.store.lock().unwrap(), BERLIN, "review-1@example.com", None, None).unwrap();
    assert_eq!(d.organizer.as_ref().map(|o| o.email.as_str()), Some("ana@example.com"));
    assert_eq!(d.attendees.len(), 3);
    // CalDAV servers let the user's client write the meeting: it stays editable.
    assert_eq!(d.read_only, None);

    let target = EventTarget { uid: "review-1@example.com".into(), occurrence: None, scope: None, calendar_id: None };
    let changes = EventChanges { title: Some("Design review (v2)".into()), ..EventChanges::default() };
    events::edit(&mut env.store.lock().unwrap(), BERLIN, &target, &changes).unwrap();
    env.sync().await;
    let stored = env.stored().await;
    let object = object_of(&stored, "review-1@example.com");
    assert!(object.contains("SUMMARY:Design review (v2)"), "{object}");
    // Each property as Radicale stores it (its parameters in any order).
    let line = |name: &str, address: &str| {
        object.lines().find(|l| l.starts_with(name) && l.ends_with(address)).unwrap_or_else(|| panic!("{object}"))
    };
    assert!(line("ORGANIZER", "mailto:ana@example.com").contains("CN=Ana Lima"), "{object}");
    for (address, params) in [
        ("mailto:ana@example.com", ["CN=Ana Lima", "PARTSTAT=ACCEPTED", "ROLE=CHAIR"]),
        ("mailto:bruno@example.com", ["CN=\"Lima, Bruno\"", "PARTSTAT=TENTATIVE", "ROLE=OPT-PARTICIPANT"]),
        ("mailto:alice@example.com", ["ATTENDEE", "PARTSTAT=NEEDS-ACTION", "ROLE=REQ-PARTICIPANT"]),
    ] {
        let l = line("ATTENDEE", address);
        assert!(params.iter().all(|p| l.contains(p)), "{l}");
    }
}
