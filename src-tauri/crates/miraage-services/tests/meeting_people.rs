//! Attendee suggestions over a real SQLite file: the people of stored events, most met first,
//! found by the start of their address or of a word of their name, never the user.

#[allow(dead_code)] // the helpers of synced lists are for other test files
mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::db;
use miraage_domain::{Attendee, AttendeeRole, EventTime, Organizer, People, Provider};
use miraage_services::events::{self, EventInput};
use miraage_services::meetings::people::suggest;
use miraage_store::Store;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn at(day: u32, h: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, day, h, 0, 0).unwrap().with_timezone(&Utc)
}

fn person(name: Option<&str>, email: &str) -> Attendee {
    Attendee { name: name.map(str::to_string), ..Attendee::new(email) }
}

/// A meeting on the local calendar with these guests.
fn meeting(store: &mut Store, title: &str, start: DateTime<Utc>, organizer: Option<Organizer>, guests: Vec<Attendee>) {
    let time = EventTime::timed(start, start + Duration::minutes(30), ZONE).unwrap();
    let uid = events::create(store, EventInput { title: title.into(), time, calendar: None, rrule: None }).unwrap().uid;
    let mut rows = store.events_by_uid(&uid).unwrap();
    rows[0].people = People { organizer, attendees: guests, guest_copy: false };
    store.upsert_events(&rows).unwrap();
}

fn emails(store: &Store, typed: &str, limit: usize) -> Vec<String> {
    suggest(store, typed, limit).unwrap().into_iter().map(|p| p.email).collect()
}

#[test]
fn suggestions_rank_by_meetings_then_recency_and_leave_out_the_user_and_rooms() {
    let mut db = db();
    let store = &mut db.store;
    store.add_account("Work", Provider::CalDav, Some("https://dav.example.com/"), Some("Me@Work.example")).unwrap();
    let me = Some(Organizer { name: Some("Me".into()), email: "boss-of-me@example.com".into(), is_self: true });
    let room = Attendee { role: AttendeeRole::Resource, ..person(Some("Room 4"), "room4@example.com") };
    meeting(store, "Kick-off", at(2, 10), me.clone(), vec![person(None, "ana@example.com"), room]);
    meeting(
        store,
        "Design",
        at(9, 10),
        None,
        vec![person(Some("Ana"), "ANA@example.com"), person(None, "me@work.example")],
    );
    meeting(
        store,
        "Review",
        at(16, 10),
        None,
        vec![person(Some("Ana Lima"), "ana@example.com"), person(None, "bo@example.com")],
    );
    let self_marked = Attendee { is_self: true, ..person(None, "alias@example.com") };
    meeting(store, "Retro", at(20, 10), None, vec![person(Some("Carl"), "carl@example.com"), self_marked]);
    meeting(store, "1:1", at(21, 10), None, vec![person(None, "alias@example.com")]);

    let all = suggest(store, "", 10).unwrap();
    assert_eq!(
        all.iter().map(|p| p.email.as_str()).collect::<Vec<_>>(),
        ["ana@example.com", "carl@example.com", "bo@example.com"]
    );
    assert_eq!(all[0].name.as_deref(), Some("Ana Lima"), "the name of the latest meeting that gives one");
    assert_eq!(all[0].meetings, 3, "addresses differing in case are one person");
    assert_eq!(all[0].last, at(16, 10));
    assert_eq!(emails(store, "", 1), ["ana@example.com"]);
}

#[test]
fn typed_text_matches_the_start_of_the_address_or_of_a_name_word_ignoring_case_and_accents() {
    let mut db = db();
    let store = &mut db.store;
    meeting(
        store,
        "Planning",
        at(3, 9),
        Some(Organizer { name: Some("José Łukasz".into()), email: "jl@example.com".into(), is_self: false }),
        vec![person(Some("Ana María Lima"), "ana@example.com"), person(None, "marco@example.com")],
    );

    assert_eq!(emails(store, "JOSE", 5), ["jl@example.com"]);
    assert_eq!(emails(store, "lukasz", 5), ["jl@example.com"]);
    assert_eq!(emails(store, "maria", 5), ["ana@example.com"]);
    assert_eq!(emails(store, "Ana M", 5), ["ana@example.com"], "the start of the whole name");
    assert_eq!(emails(store, "mar", 5), ["ana@example.com", "marco@example.com"]);
    assert!(emails(store, "ima", 5).is_empty(), "not inside a word");
    assert!(emails(store, "example", 5).is_empty(), "not inside an address");
}
