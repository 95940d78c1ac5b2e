//! The CalDAV client against a real Radicale 3 server; each test starts its own.

mod support;

use miraage_caldav::{CalDavClient, Change, ChangeSet, Credentials, Cursor, Precondition, RemoteCalendar};
use miraage_sync::SyncError;
use std::collections::BTreeMap;
use support::{event_ics, Radicale, PASSWORD, USER};

const CAL: &str = "/alice/cal/";

fn client(server: &Radicale) -> CalDavClient {
    CalDavClient::new(&server.url, Credentials::new(USER, PASSWORD)).unwrap()
}

/// A server with one calendar, a client, and the calendar as the client lists it.
async fn setup() -> (Radicale, CalDavClient, RemoteCalendar) {
    let server = Radicale::start();
    server.make_calendar(CAL, "Work", "#3366ffff").await;
    let client = client(&server);
    let cal = calendar(&client).await;
    (server, client, cal)
}

async fn calendar(client: &CalDavClient) -> RemoteCalendar {
    let calendars = client.list_calendars().await.unwrap();
    calendars.into_iter().find(|c| c.href == CAL).expect("the work calendar is listed")
}

/// The sync-side reading of an item: its UID and events (master first), with no notes.
fn read_events(item: &miraage_caldav::RemoteItem) -> (String, Vec<miraage_domain::Event>) {
    let (uid, body, notes) = miraage_caldav::incoming::read_object(&item.ics, &item.href, chrono_tz::UTC).unwrap();
    assert!(notes.is_empty(), "{notes:?}");
    match body {
        miraage_sync::ItemBody::Events(events) => (uid, events),
        other => panic!("not events: {other:?}"),
    }
}

fn upserted(set: &ChangeSet) -> Vec<&str> {
    set.changes.iter().filter_map(|c| if let Change::Upsert(i) = c { Some(i.href.as_str()) } else { None }).collect()
}

fn deleted(set: &ChangeSet) -> Vec<&str> {
    set.changes.iter().filter_map(|c| if let Change::Deleted(h) = c { Some(h.as_str()) } else { None }).collect()
}

#[tokio::test]
async fn discovers_the_home_and_lists_calendars() {
    let server = Radicale::start();
    server.make_calendar(CAL, "Work", "#3366ffff").await;
    let client = client(&server);
    assert_eq!(client.calendar_home().await.unwrap().path(), "/alice/");
    let calendars = client.list_calendars().await.unwrap();
    // The home itself is a plain collection, not a calendar.
    assert_eq!(calendars.len(), 1, "{calendars:?}");
    let cal = &calendars[0];
    assert_eq!(cal.href, CAL);
    assert_eq!(cal.name.as_deref(), Some("Work"));
    assert_eq!(cal.color.as_deref(), Some("#3366ffff"));
    assert_eq!(cal.css_color().as_deref(), Some("#3366ff"));
    assert_eq!(cal.components, vec!["VEVENT"]);
    assert!(cal.supports_events());
    assert!(cal.sync_token.is_some() && cal.ctag.is_some(), "{cal:?}");
}

#[tokio::test]
async fn a_second_create_of_the_same_href_is_a_conflict_not_a_duplicate() {
    let (_server, client, cal) = setup().await;
    let href = cal.item_href("dup@miraage");
    let etag = client.put(&href, &event_ics("dup@miraage", "First"), &Precondition::Create).await.unwrap();
    assert!(etag.is_some());
    let err = client.put(&href, &event_ics("dup@miraage", "Second"), &Precondition::Create).await.unwrap_err();
    assert!(matches!(&err, SyncError::Conflict { href: h } if *h == href), "{err:?}");
    let all = client.changes_since(&cal, None).await.unwrap();
    assert_eq!(upserted(&all), vec![href.as_str()]);
    let Change::Upsert(item) = &all.changes[0] else { unreachable!() };
    assert!(item.ics.contains("SUMMARY:First"), "{}", item.ics);
    assert_eq!(Some(&item.etag), etag.as_ref());
}

#[tokio::test]
async fn initial_then_incremental_sync_sees_only_the_other_clients_change() {
    let (server, client, cal) = setup().await;
    let mine = cal.item_href("mine@miraage");
    client.put(&mine, &event_ics("mine@miraage", "Mine"), &Precondition::Create).await.unwrap();

    let initial = client.changes_since(&cal, None).await.unwrap();
    assert!(initial.full);
    assert_eq!(upserted(&initial), vec![mine.as_str()]);
    assert!(matches!(initial.cursor, Cursor::SyncToken(_)));

    let theirs = "/alice/cal/theirs.ics";
    let their_etag = server.put_raw(theirs, &event_ics("theirs", "Theirs")).await;
    let next = client.changes_since(&cal, Some(&initial.cursor)).await.unwrap();
    assert!(!next.full);
    assert_eq!(next.changes.len(), 1, "{:?}", next.changes);
    let Change::Upsert(item) = &next.changes[0] else { panic!("{:?}", next.changes) };
    assert_eq!((item.href.as_str(), item.etag.as_str()), (theirs, their_etag.as_str()));
    assert!(item.ics.contains("UID:theirs"));

    let quiet = client.changes_since(&cal, Some(&next.cursor)).await.unwrap();
    assert!(quiet.changes.is_empty(), "{:?}", quiet.changes);
}

#[tokio::test]
async fn an_update_with_a_stale_etag_is_a_conflict() {
    let (server, client, cal) = setup().await;
    let href = cal.item_href("edit@miraage");
    let old = client.put(&href, &event_ics("edit@miraage", "v1"), &Precondition::Create).await.unwrap().unwrap();
    let current = server.put_raw(&href, &event_ics("edit@miraage", "v2 elsewhere")).await;
    assert_ne!(old, current);

    let err = client.put(&href, &event_ics("edit@miraage", "v2 here"), &Precondition::Match(old)).await.unwrap_err();
    assert!(matches!(err, SyncError::Conflict { .. }), "{err:?}");
    assert!(!err.is_retryable());
    // Against the current version the update goes through.
    let newer =
        client.put(&href, &event_ics("edit@miraage", "v3"), &Precondition::Match(current.clone())).await.unwrap();
    assert!(newer.is_some_and(|e| e != current));
}

#[tokio::test]
async fn delete_needs_the_current_etag_and_sync_reports_it() {
    let (_server, client, cal) = setup().await;
    let href = cal.item_href("gone@miraage");
    let etag =
        client.put(&href, &event_ics("gone@miraage", "Soon gone"), &Precondition::Create).await.unwrap().unwrap();
    let before = client.changes_since(&cal, None).await.unwrap();

    let err = client.delete(&href, Some("\"not-the-etag\"")).await.unwrap_err();
    assert!(matches!(err, SyncError::Conflict { .. }), "{err:?}");
    client.delete(&href, Some(&etag)).await.unwrap();
    // Deleting what is already gone is not an error.
    client.delete(&href, Some(&etag)).await.unwrap();

    let after = client.changes_since(&cal, Some(&before.cursor)).await.unwrap();
    assert_eq!(deleted(&after), vec![href.as_str()]);
    assert!(upserted(&after).is_empty());
}

#[tokio::test]
async fn etag_listing_sync_works_without_sync_tokens() {
    let (server, client, cal) = setup().await;
    let a = "/alice/cal/a.ics";
    let b = "/alice/cal/b.ics";
    server.put_raw(a, &event_ics("a", "A")).await;
    server.put_raw(b, &event_ics("b", "B")).await;
    let start = Cursor::Etags { ctag: None, etags: BTreeMap::new() };

    let first = client.changes_since(&cal, Some(&start)).await.unwrap();
    let mut hrefs = upserted(&first);
    hrefs.sort();
    assert_eq!(hrefs, vec![a, b]);
    let Cursor::Etags { etags, .. } = &first.cursor else { panic!("{:?}", first.cursor) };
    assert_eq!(etags.len(), 2);

    server.put_raw(a, &event_ics("a", "A changed")).await;
    let (status, _, _) = server.raw("DELETE", b, &[], "").await;
    assert_eq!(status, 200);
    let cal_now = calendar(&client).await;
    let second = client.changes_since(&cal_now, Some(&first.cursor)).await.unwrap();
    assert_eq!(upserted(&second), vec![a]);
    assert_eq!(deleted(&second), vec![b]);

    // Unchanged ctag: nothing is listed or fetched.
    let third = client.changes_since(&cal_now, Some(&second.cursor)).await.unwrap();
    assert!(third.changes.is_empty());
    assert_eq!(third.cursor, second.cursor);
}

#[tokio::test]
async fn a_recurring_event_with_an_exception_round_trips_into_the_ical_parser() {
    use chrono::{TimeZone, Utc};
    use miraage_domain::{EventKind, EventTime, RecurrenceId};

    let (server, client, cal) = setup().await;
    let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other client//EN\r\n\
BEGIN:VEVENT\r\nUID:standup\r\nDTSTAMP:20260301T090000Z\r\nDTSTART;TZID=Europe/Berlin:20260302T093000\r\n\
DTEND;TZID=Europe/Berlin:20260302T094500\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=10\r\nSUMMARY:Standup\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:standup\r\nDTSTAMP:20260301T090000Z\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260309T093000\r\n\
DTSTART;TZID=Europe/Berlin:20260310T110000\r\nDTEND;TZID=Europe/Berlin:20260310T111500\r\nSUMMARY:Standup (moved)\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    server.put_raw("/alice/cal/standup.ics", ics).await;

    let set = client.changes_since(&cal, None).await.unwrap();
    let [Change::Upsert(item)] = set.changes.as_slice() else { panic!("{:?}", set.changes) };
    let opts = miraage_ical::ImportOptions {
        calendar_id: miraage_domain::CalendarId::new(),
        task_list_id: miraage_domain::TaskListId::new(),
        default_zone: chrono_tz::UTC,
    };
    let parsed = miraage_ical::parse_ics(&item.ics, &item.href, &opts).unwrap();
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    assert_eq!(parsed.events.len(), 2);
    let master = parsed.events.iter().find(|e| matches!(e.kind, EventKind::Master { .. })).expect("master");
    assert_eq!(master.recurrence().unwrap().rules, vec!["FREQ=WEEKLY;BYDAY=MO;COUNT=10"]);
    let over = parsed.events.iter().find(|e| matches!(e.kind, EventKind::Override { .. })).expect("override");
    assert_eq!(over.uid, "standup");
    assert_eq!(over.summary, "Standup (moved)");
    // 09:30 and 11:00 in Berlin (CET, UTC+1) on 9 and 10 March 2026.
    assert_eq!(over.recurrence_id(), Some(RecurrenceId::Instant(Utc.with_ymd_and_hms(2026, 3, 9, 8, 30, 0).unwrap())));
    let EventTime::Timed { start, zone, .. } = over.time else { panic!("{:?}", over.time) };
    assert_eq!(start, Utc.with_ymd_and_hms(2026, 3, 10, 10, 0, 0).unwrap());
    assert_eq!(zone, chrono_tz::Europe::Berlin);

    // The sync-side reader gives the same series, master first, ready to replace the UID.
    let (uid, events) = read_events(item);
    assert_eq!(uid, "standup");
    assert_eq!(events.len(), 2);
    assert!(matches!(events[0].kind, EventKind::Master { .. }));
    assert_eq!(events[1].recurrence_id(), over.recurrence_id());
}

#[tokio::test]
async fn a_wrong_password_is_unauthorized_and_not_echoed() {
    let server = Radicale::start();
    let client = CalDavClient::new(&server.url, Credentials::new(USER, "wrong-password-xyz")).unwrap();
    let err = client.list_calendars().await.unwrap_err();
    assert!(matches!(err, SyncError::Unauthorized { .. }), "{err:?}");
    assert!(!err.to_string().contains("wrong-password-xyz"));
    assert!(!format!("{err:?}").contains("wrong-password-xyz"));
}

#[tokio::test]
async fn an_expired_sync_token_restarts_with_a_full_listing() {
    let (server, client, cal) = setup().await;
    server.put_raw("/alice/cal/kept.ics", &event_ics("kept", "Kept")).await;
    let stale = Cursor::SyncToken("http://radicale.org/ns/sync/0000000000000000000000000000000000000000".into());
    let set = client.changes_since(&cal, Some(&stale)).await.unwrap();
    assert!(set.full, "a refused token must be reported as a full listing");
    assert_eq!(upserted(&set), vec!["/alice/cal/kept.ics"]);
    assert!(
        matches!(&set.cursor, Cursor::SyncToken(t) if *t != "http://radicale.org/ns/sync/0000000000000000000000000000000000000000")
    );
}

#[tokio::test]
async fn items_keep_one_href_through_put_sync_and_delete_whatever_their_uid() {
    let (_server, client, cal) = setup().await;
    for uid in ["team sync/2026@example.com", "plain-1@example.com"] {
        let href = cal.item_href(uid);
        let etag = client.put(&href, &event_ics(uid, "Team sync"), &Precondition::Create).await.unwrap().unwrap();
        let all = client.changes_since(&cal, None).await.unwrap();
        assert_eq!(upserted(&all), vec![href.as_str()]);
        let by_etag =
            client.changes_since(&cal, Some(&Cursor::Etags { ctag: None, etags: BTreeMap::new() })).await.unwrap();
        assert_eq!(upserted(&by_etag), vec![href.as_str()]);
        client.delete(&href, Some(&etag)).await.unwrap();
        let after = client.changes_since(&cal, Some(&all.cursor)).await.unwrap();
        assert_eq!(deleted(&after), vec![href.as_str()]);
    }
}

#[tokio::test]
async fn a_series_written_by_miraage_is_accepted_and_read_back_unchanged() {
    use chrono::{Duration, TimeZone, Utc};
    use miraage_domain::{Event, EventKind, EventTime, Recurrence, RecurrenceId};

    let (_server, client, cal) = setup().await;
    let calendar_id = miraage_domain::CalendarId::new();
    let zone = chrono_tz::Europe::Berlin;
    let start = Utc.with_ymd_and_hms(2026, 3, 30, 7, 0, 0).unwrap(); // 09:00 in Berlin (CEST)
    let master = Event {
        kind: EventKind::Master {
            recurrence: Recurrence { rules: vec!["FREQ=DAILY;COUNT=5".into()], ..Default::default() },
        },
        ..Event::single(
            calendar_id.clone(),
            "Focus",
            EventTime::timed(start, start + Duration::hours(2), zone).unwrap(),
        )
    };
    let moved = start + Duration::days(2) + Duration::hours(3);
    let over = Event {
        id: miraage_domain::EventId::new(),
        kind: EventKind::Override { recurrence_id: RecurrenceId::Instant(start + Duration::days(2)) },
        summary: "Focus (afternoon)".into(),
        time: EventTime::timed(moved, moved + Duration::hours(1), zone).unwrap(),
        ..master.clone()
    };
    let ics = miraage_caldav::outgoing::item_ics("Work", &[master.clone(), over.clone()]).unwrap();
    let href = cal.item_href(&master.uid);
    // Radicale parses what it is given and refuses invalid iCalendar.
    client.put(&href, &ics, &Precondition::Create).await.unwrap();

    let set = client.changes_since(&cal, None).await.unwrap();
    let [Change::Upsert(item)] = set.changes.as_slice() else { panic!("{:?}", set.changes) };
    assert_eq!(item.href, href);
    let (_, events) = read_events(item);
    let strip_id = |e: &Event| Event { id: master.id.clone(), calendar_id: calendar_id.clone(), ..e.clone() };
    assert_eq!(events.iter().map(strip_id).collect::<Vec<_>>(), vec![strip_id(&master), strip_id(&over)]);
}
