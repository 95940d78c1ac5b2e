//! Find a time through a signed-in account, end to end: a Google account in the store (its
//! refresh token in the real keyring) answers `freeBusy` from the fake Calendar API
//! (miraage-cloud's test support) for the attendees, and the slots say who is busy when. Run
//! under `.ci/keyring-session.sh`.

#[path = "../../miraage-cloud/tests/support/mod.rs"]
mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use miraage_accounts::{CloudSettings, ProviderKind, SyncContext};
use miraage_oauth::fake::FakeAuth;
use miraage_secrets::{Keyring, Secret, SecretKind};
use miraage_services::meetings::{gather, Conflict, FindAsk};
use miraage_store::Store;
use serde_json::json;
use std::sync::Mutex;
use support::google::FakeGoogle;

const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;
const GCAL: &str = "primary.user@example.com";

/// `day` November 2026 at `h:00` in Berlin (23 is a Monday).
fn at(day: u32, h: u32) -> DateTime<Utc> {
    BERLIN.with_ymd_and_hms(2026, 11, day, h, 0, 0).unwrap().with_timezone(&Utc)
}

#[tokio::test(flavor = "multi_thread")]
async fn find_names_an_attendee_busy_where_their_google_free_busy_says() {
    let auth = FakeAuth::start().await;
    let google = FakeGoogle::start(auth.clone()).await;
    google.add_calendar(GCAL, "Work", "#9FE1E7", "owner");
    // Ana's calendar, which the user may see as free/busy: a review 09:00–11:00, and a
    // weekly planning every Monday 14:00–15:00 (a series, expanded by the server).
    google.add_calendar("ana@example.com", "Ana", "#16a765", "freeBusyReader");
    google.put_event(
        "ana@example.com",
        json!({"id": "ana0review", "summary": "Review",
        "start": {"dateTime": "2026-11-23T09:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-23T11:00:00+01:00", "timeZone": "Europe/Berlin"}}),
    );
    google.put_event(
        "ana@example.com",
        json!({"id": "ana0planning", "summary": "Planning", "recurrence": ["RRULE:FREQ=WEEKLY;BYDAY=MO"],
        "start": {"dateTime": "2026-11-02T14:00:00+01:00", "timeZone": "Europe/Berlin"},
        "end": {"dateTime": "2026-11-02T15:00:00+01:00", "timeZone": "Europe/Berlin"}}),
    );

    let dir = tempfile::tempdir().unwrap();
    let store = Mutex::new(Store::open(&dir.path().join("miraage.db")).unwrap());
    let account =
        store.lock().unwrap().add_account("Google", miraage_domain::Provider::Google, None, Some(GCAL)).unwrap();
    let keyring = Keyring::with_service(format!("app.miraage.test.meetings-cloud.{}", std::process::id()));
    keyring.set(account.id.as_str(), SecretKind::RefreshToken, &Secret::new(auth.issue_refresh_token())).unwrap();
    let ctx = SyncContext {
        keyring,
        zone: BERLIN,
        cloud: CloudSettings {
            google: Some(auth.config(ProviderKind::Google)),
            google_calendar_api: Some(google.calendar_api.clone()),
            google_tasks_api: Some(google.tasks_api.clone()),
            ..CloudSettings::default()
        },
        pins: Default::default(),
    };

    let ask = FindAsk {
        duration_min: Some(60),
        from: at(23, 0).to_rfc3339(),
        to: at(24, 0).to_rfc3339(),
        attendees: vec!["ana@example.com".into(), "bo@example.com".into()],
        limit: Some(50),
        ..FindAsk::default()
    };
    let answer = gather::find_with(&store, &ctx, at(23, 7), &ask).await.unwrap();
    assert!(google.log().iter().any(|l| l == "POST /calendar/v3/freeBusy"), "{:?}", google.log());

    // Ana is busy exactly where her calendar is; Bo, whom Google does not know, is unknown.
    let ana_busy = |s: &miraage_services::meetings::Slot| {
        s.busy.iter().any(|p| p.email == "ana@example.com" && p.state == Conflict::Busy)
    };
    let overlaps = |s: &miraage_services::meetings::Slot, a: DateTime<Utc>, b: DateTime<Utc>| s.start < b && a < s.end;
    assert!(!answer.slots.is_empty());
    for s in &answer.slots {
        let in_her_meetings = overlaps(s, at(23, 9), at(23, 11)) || overlaps(s, at(23, 14), at(23, 15));
        assert_eq!(ana_busy(s), in_her_meetings, "{s:?}");
        assert!(s.busy.iter().any(|p| p.email == "bo@example.com" && p.state == Conflict::Unknown), "{s:?}");
    }
    assert!(answer.slots.iter().any(ana_busy), "her busy times are offered last, and named");
    assert_eq!(answer.slots[0].start, at(23, 11), "the first hour she is free: {:?}", answer.slots[0]);
    assert_eq!(answer.slots[0].end - answer.slots[0].start, Duration::minutes(60));
    assert!(answer.notes.iter().any(|n| n.contains("bo@example.com")), "{:?}", answer.notes);
    assert!(!answer.notes.iter().any(|n| n.contains("ana@example.com")), "{:?}", answer.notes);
}
