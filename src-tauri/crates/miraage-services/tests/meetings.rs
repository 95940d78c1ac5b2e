//! Meetings over a real SQLite file: find a time around the user's meetings, focus time and
//! locked blocks, naming busy and unknown attendees; meeting types; booking a slot with its
//! attendees and the re-plan; extending a meeting (refused naming who is busy and the nearest
//! extension, one occurrence of a series, the plan block after it moved as a ghost); sharing
//! free times; bad input refused with nothing written.

#[allow(dead_code)] // the helpers of synced lists are for other test files
mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use common::db;
use miraage_domain::{Attendee, BlockState, EventStatus, EventTime, HabitKind, HabitPeriod, Participation, TimeRange};
use miraage_services::events::{self, EventInput};
use miraage_services::habits::{self, HabitDraft, HourSetDraft};
use miraage_services::meetings::{
    self, types, BookAsk, Conflict, DeclineAsk, ExtendAsk, FindAsk, HoldAsk, MeetingTypeView, Person,
};
use miraage_services::tasks::{self, TaskInput};
use miraage_services::{locks, planning, ErrorCode};
use miraage_store::Store;

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Berlin;

/// `day` November 2026 at `h:m` in Berlin (23 is a Monday).
fn at(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, day, h, m, 0).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    at(23, 7, 0)
}

fn ask(minutes: u32, from: DateTime<Utc>, to: DateTime<Utc>, attendees: &[&str]) -> FindAsk {
    FindAsk {
        duration_min: Some(minutes),
        from: from.to_rfc3339(),
        to: to.to_rfc3339(),
        attendees: attendees.iter().map(|a| a.to_string()).collect(),
        ..FindAsk::default()
    }
}

fn event(store: &mut Store, title: &str, start: DateTime<Utc>, minutes: i64, rrule: Option<&str>) -> String {
    let time = EventTime::timed(start, start + Duration::minutes(minutes), ZONE).unwrap();
    let input = EventInput { title: title.into(), time, calendar: None, rrule: rrule.map(str::to_string) };
    events::create(store, input).unwrap().uid
}

fn overlaps(a: (DateTime<Utc>, DateTime<Utc>), b: (DateTime<Utc>, DateTime<Utc>)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

#[test]
fn slots_avoid_the_users_meetings_focus_time_and_locked_blocks() {
    let mut db = db();
    let store = &mut db.store;
    event(store, "Design review", at(23, 9, 0), 120, None);
    // A locked task block and accepted focus time.
    tasks::add(store, TaskInput { title: "Write report".into(), estimate_min: Some(60), ..TaskInput::default() })
        .unwrap();
    let focus = HabitDraft {
        title: "Deep focus".into(),
        kind: Some(HabitKind::Focus),
        minutes: 90,
        per: Some(HabitPeriod::Day),
        hour_set: Some("work".into()),
        ..HabitDraft::default()
    };
    habits::add(store, ZONE, now(), &focus).unwrap();
    planning::plan_range(store, ZONE, now(), at(23, 0, 0), at(24, 0, 0)).unwrap();
    planning::accept_all(store, ZONE).unwrap();
    let block = store.blocks_in_state(BlockState::Accepted).unwrap().remove(0);
    locks::set_locked(store, ZONE, now(), block.id.as_str(), true).unwrap();
    let focus_block = store.habit_blocks_in_state(BlockState::Accepted).unwrap().remove(0);

    let answer = meetings::find(store, ZONE, now(), &ask(60, at(23, 0, 0), at(24, 0, 0), &[]), &[]).unwrap();
    assert!(!answer.slots.is_empty());
    for s in &answer.slots {
        let slot = (s.start, s.end);
        assert!(!overlaps(slot, (at(23, 9, 0), at(23, 11, 0))), "on the meeting: {s:?}");
        assert!(!overlaps(slot, (block.start, block.end)), "on the locked block: {s:?}");
        assert!(!overlaps(slot, (focus_block.start, focus_block.end)), "on focus time: {s:?}");
        assert!(s.start >= at(23, 9, 0) && s.end <= at(23, 17, 30), "outside work hours: {s:?}");
        assert!(!overlaps(slot, (at(23, 12, 0), at(23, 13, 0))), "on the lunch break: {s:?}");
    }
    // A meeting type that may use focus time gets it offered.
    let kind = MeetingTypeView { name: "Urgent".into(), duration_min: 60, may_use_focus: true, ..Default::default() };
    types::save(store, &kind).unwrap();
    let mut urgent = ask(60, at(23, 0, 0), at(24, 0, 0), &[]);
    urgent.meeting_type = Some("urgent".into());
    urgent.limit = Some(50);
    let answer = meetings::find(store, ZONE, now(), &urgent, &[]).unwrap();
    assert!(answer.slots.iter().any(|s| overlaps((s.start, s.end), (focus_block.start, focus_block.end))));
}

#[test]
fn each_slot_names_the_attendees_busy_or_unknown_then() {
    let db = db();
    let ana = Person {
        email: "ana@example.com".into(),
        // Busy all Monday morning, so the best slot is after lunch.
        busy: vec![TimeRange::new(at(23, 9, 0), at(23, 12, 0)).unwrap()],
        ..Person::default()
    };
    let asked = ask(60, at(23, 0, 0), at(24, 0, 0), &["Ana@Example.com", "bo@example.com"]);
    let answer = meetings::find(&db.store, ZONE, now(), &asked, &[ana]).unwrap();
    let first = &answer.slots[0];
    assert_eq!(first.start, at(23, 13, 0));
    assert_eq!(first.busy.len(), 1);
    assert_eq!((first.busy[0].email.as_str(), first.busy[0].state), ("bo@example.com", Conflict::Unknown));
    assert_eq!(answer.notes.len(), 1);
    assert!(answer.notes[0].contains("bo@example.com"), "{:?}", answer.notes);

    // Only the morning: every slot has Ana busy, and says so.
    let morning = ask(60, at(23, 9, 0), at(23, 12, 0), &["ana@example.com"]);
    let ana = Person {
        email: "ana@example.com".into(),
        busy: vec![TimeRange::new(at(23, 9, 0), at(23, 12, 0)).unwrap()],
        ..Person::default()
    };
    let answer = meetings::find(&db.store, ZONE, now(), &morning, &[ana]).unwrap();
    assert!(!answer.slots.is_empty());
    assert!(answer.slots.iter().all(|s| s.busy[0].state == Conflict::Busy));
}

#[test]
fn meeting_types_give_duration_buffers_hours_and_location() {
    let mut db = db();
    let store = &mut db.store;
    habits::save_hour_set(
        store,
        &HourSetDraft { name: "Afternoons".into(), windows: vec!["mon-fri 14:00-16:00".into()] },
    )
    .unwrap();
    let kind = MeetingTypeView {
        name: "Intro call".into(),
        duration_min: 30,
        buffer_before_min: 15,
        hour_set: Some("afternoons".into()),
        location: Some("https://meet.example.com/intro".into()),
        ..MeetingTypeView::default()
    };
    let list = types::save(store, &kind).unwrap();
    assert_eq!(list[0].hour_set.as_deref(), Some("Afternoons"));
    event(store, "Call", at(23, 14, 0), 30, None);
    let mut asked = ask(0, at(23, 0, 0), at(24, 0, 0), &[]);
    asked.duration_min = None;
    asked.meeting_type = Some("Intro call".into());
    let answer = meetings::find(store, ZONE, now(), &asked, &[]).unwrap();
    // 14:30 would touch the call: the 15-minute buffer puts the first slot at 14:45.
    assert_eq!(answer.slots[0].start, at(23, 14, 45));
    assert_eq!(answer.slots[0].end, at(23, 15, 15));
    assert!(answer.slots.iter().all(|s| s.start >= at(23, 14, 0) && s.end <= at(23, 16, 0)));

    let booked = meetings::book(
        store,
        ZONE,
        now(),
        &BookAsk {
            title: "Intro with Ana".into(),
            start: answer.slots[0].start.to_rfc3339(),
            attendees: vec!["ana@example.com".into()],
            meeting_type: Some("Intro call".into()),
            ..BookAsk::default()
        },
    )
    .unwrap();
    assert_eq!(booked.event.location.as_deref(), Some("https://meet.example.com/intro"));
    assert_eq!(booked.event.attendees, vec![Attendee::new("ana@example.com")]);

    let refused = types::save(
        store,
        &MeetingTypeView { name: "X".into(), duration_min: 30, hour_set: Some("nope".into()), ..Default::default() },
    );
    assert_eq!(refused.unwrap_err().code(), ErrorCode::Invalid);
    types::delete(store, "intro call").unwrap();
    assert!(types::list(store).unwrap().is_empty());
    assert_eq!(types::delete(store, "intro call").unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn booking_a_slot_on_a_plan_block_re_plans_it_as_a_ghost() {
    let mut db = db();
    let store = &mut db.store;
    tasks::add(store, TaskInput { title: "Write report".into(), estimate_min: Some(60), ..TaskInput::default() })
        .unwrap();
    planning::plan_range(store, ZONE, now(), at(23, 0, 0), at(24, 0, 0)).unwrap();
    planning::accept_all(store, ZONE).unwrap();
    let block = store.blocks_in_state(BlockState::Accepted).unwrap().remove(0);
    let asked = BookAsk {
        title: "Sync with Ana".into(),
        start: block.start.to_rfc3339(),
        duration_min: Some(30),
        attendees: vec!["ana@example.com".into()],
        ..BookAsk::default()
    };
    let booked = meetings::book(store, ZONE, now(), &asked).unwrap();
    let replan = booked.replan.expect("the block it landed on moves");
    assert!(replan.ghosts.iter().any(|g| g.title == "Write report" && g.start != block.start.to_rfc3339()));
}

#[test]
fn extending_is_refused_naming_who_is_busy_and_the_nearest_extension_that_fits() {
    let mut db = db();
    let store = &mut db.store;
    let uid = event(store, "Weekly sync", at(23, 10, 0), 60, None);
    event(store, "Design review", at(23, 11, 20), 40, None);
    let mut asked = ExtendAsk { uid: uid.clone(), occurrence: None, minutes: 30 };
    let err = meetings::extend(store, ZONE, now(), &asked, &[]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    let said = err.to_string();
    assert!(said.contains("“Design review” on your calendar from 11:20"), "{said}");
    assert!(said.contains("The nearest extension that fits: 20 min (to 11:20)"), "{said}");

    // An attendee busy from 11:10 (per the provider's free/busy) is named.
    add_attendee(store, &uid, "ana@example.com");
    let ana = Person {
        email: "ana@example.com".into(),
        busy: vec![TimeRange::new(at(23, 11, 10), at(23, 11, 30)).unwrap()],
        ..Person::default()
    };
    asked.minutes = 15;
    let said = meetings::extend(store, ZONE, now(), &asked, std::slice::from_ref(&ana)).unwrap_err().to_string();
    assert!(said.contains("ana@example.com is busy from 11:10"), "{said}");
    assert!(said.contains("10 min (to 11:10)"), "{said}");
    let details = events::details(store, ZONE, &uid, None, None).unwrap();
    assert_eq!(details.end, "2026-11-23T10:00:00Z", "nothing written");

    // Ana invited to the review too: her name is given with it.
    let review = store.busy_spans(&TimeRange::new(at(23, 11, 20), at(23, 12, 0)).unwrap()).unwrap().remove(0);
    let review_uid = store.find_event(&review.event_id).unwrap().unwrap().uid;
    add_attendee(store, &review_uid, "ana@example.com");
    asked.minutes = 30;
    let said = meetings::extend(store, ZONE, now(), &asked, &[]).unwrap_err().to_string();
    assert!(said.contains("“Design review” on your calendar from 11:20, with ana@example.com busy in it"), "{said}");
    asked.minutes = 15;

    asked.minutes = 10;
    let done = meetings::extend(store, ZONE, now(), &asked, &[ana]).unwrap();
    assert_eq!(done.message, "“Weekly sync” now ends at 11:10.");
    assert_eq!(events::details(store, ZONE, &uid, None, None).unwrap().end, "2026-11-23T10:10:00Z");
}

fn add_attendee(store: &mut Store, uid: &str, email: &str) {
    let mut rows = store.events_by_uid(uid).unwrap();
    rows[0].people.attendees.push(Attendee::new(email));
    store.upsert_events(&rows).unwrap();
}

#[test]
fn one_meeting_of_a_series_is_extended_and_the_plan_block_after_it_moves_as_a_ghost() {
    let mut db = db();
    let store = &mut db.store;
    let uid = event(store, "Standup", at(23, 9, 0), 15, Some("FREQ=DAILY;COUNT=5"));
    tasks::add(store, TaskInput { title: "Write report".into(), estimate_min: Some(60), ..TaskInput::default() })
        .unwrap();
    planning::plan_range(store, ZONE, now(), at(24, 9, 30), at(24, 10, 30)).unwrap();
    planning::accept_all(store, ZONE).unwrap();
    let block = store.blocks_in_state(BlockState::Accepted).unwrap().remove(0);
    assert_eq!(block.start, at(24, 9, 30));
    let tuesday = at(24, 9, 0).to_rfc3339();
    let asked = ExtendAsk { uid: uid.clone(), occurrence: Some(tuesday.clone()), minutes: 30 };
    let done = meetings::extend(store, ZONE, now(), &asked, &[]).unwrap();
    assert_eq!(done.message, "“Standup” now ends at 09:45.");
    let replan = done.replan.expect("the block after it moves");
    assert!(replan.ghosts.iter().any(|g| g.title == "Write report"), "{replan:?}");
    let tue = events::details(store, ZONE, &uid, Some(&tuesday), None).unwrap();
    assert_eq!(tue.end, "2026-11-24T08:45:00Z");
    let wed = events::details(store, ZONE, &uid, Some(&at(25, 9, 0).to_rfc3339()), None).unwrap();
    assert_eq!(wed.end, "2026-11-25T08:15:00Z", "the rest of the series is unchanged");
}

#[test]
fn share_lists_free_times_per_day_in_the_recipients_zone() {
    let mut db = db();
    event(&mut db.store, "Busy morning", at(23, 9, 0), 180, None);
    let view = meetings::share(
        &db.store,
        ZONE,
        now(),
        &ask(60, at(23, 0, 0), at(24, 0, 0), &[]),
        chrono_tz::America::New_York,
    )
    .unwrap();
    assert_eq!(view.text, "Mon 23 Nov: 07:00–11:30 (America/New_York)");
}

#[test]
fn bad_input_gets_a_sentence_and_nothing_is_written() {
    let mut db = db();
    let store = &mut db.store;
    let cases = [
        (ask(30, at(23, 0, 0), at(24, 0, 0), &["ana at example"]), "“ana at example” is not an e-mail address"),
        (ask(0, at(23, 0, 0), at(24, 0, 0), &[]), "A meeting needs a duration"),
        (ask(3 * 1440, at(23, 0, 0), at(28, 0, 0), &[]), "longer than a meeting can be"),
        (ask(30, at(20, 0, 0), at(21, 0, 0), &[]), "That range is over"),
        (ask(30, at(23, 0, 0), at(22, 0, 0), &[]), "ends before it starts"),
        (
            FindAsk {
                to: (at(23, 0, 0) + Duration::days(90)).to_rfc3339(),
                ..ask(30, at(23, 0, 0), at(24, 0, 0), &[])
            },
            "at most 62 days",
        ),
    ];
    for (asked, expected) in cases {
        let err = meetings::find(store, ZONE, now(), &asked, &[]).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Invalid, "{asked:?}");
        assert!(err.to_string().contains(expected), "{err} / {expected}");
    }
    let bad_book = BookAsk {
        title: "Sync".into(),
        start: at(23, 10, 0).to_rfc3339(),
        duration_min: Some(30),
        attendees: vec!["nobody".into()],
        ..BookAsk::default()
    };
    assert_eq!(meetings::book(store, ZONE, now(), &bad_book).unwrap_err().code(), ErrorCode::Invalid);
    let past = BookAsk { start: at(20, 10, 0).to_rfc3339(), attendees: vec![], ..bad_book };
    assert!(meetings::book(store, ZONE, now(), &past).unwrap_err().to_string().contains("has passed"));
    let uid = event(store, "Sync", at(23, 10, 0), 30, None);
    let zero = ExtendAsk { uid: uid.clone(), occurrence: None, minutes: 0 };
    assert_eq!(meetings::extend(store, ZONE, now(), &zero, &[]).unwrap_err().code(), ErrorCode::Invalid);
    let day = TimeRange::new(at(23, 0, 0), at(24, 0, 0)).unwrap();
    let titles: Vec<String> = store.busy_spans(&day).unwrap().into_iter().map(|s| s.summary).collect();
    assert_eq!(titles, vec!["Sync"], "only the event the test made");
    assert_eq!(events::details(store, ZONE, &uid, None, None).unwrap().end, "2026-11-23T09:30:00Z");
}

#[test]
fn a_day_is_rescheduled_with_own_meetings_moved_others_asked_and_blocks_planned_again() {
    let mut db = db();
    let store = &mut db.store;
    // Tuesday: an own meeting with Ana, a meeting Bruno organises, a task block and a habit.
    let own = event(store, "Sync with Ana", at(24, 10, 0), 60, None);
    add_attendee(store, &own, "ana@example.com");
    let theirs = event(store, "Bruno's review", at(24, 14, 0), 60, None);
    let mut rows = store.events_by_uid(&theirs).unwrap();
    rows[0].people.organizer = Some(miraage_domain::Organizer {
        name: Some("Bruno Lima".into()),
        email: "bruno@example.com".into(),
        is_self: false,
    });
    store.upsert_events(&rows).unwrap();
    tasks::add(store, TaskInput { title: "Write report".into(), estimate_min: Some(60), ..TaskInput::default() })
        .unwrap();
    let walk = HabitDraft {
        title: "Walk".into(),
        minutes: 30,
        per: Some(HabitPeriod::Week),
        windows: vec!["mon-fri 17:00-18:00".into()],
        ..HabitDraft::default()
    };
    habits::add(store, ZONE, now(), &walk).unwrap();
    planning::plan_range(store, ZONE, now(), at(24, 11, 0), at(24, 18, 0)).unwrap();
    planning::accept_all(store, ZONE).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();

    let proposal = meetings::reschedule::propose(store, ZONE, now(), day, 3, &[]).unwrap();
    let by_title = |p: &meetings::DayProposal, t: &str| p.items.iter().find(|i| i.title == t).cloned().unwrap();
    let sync = by_title(&proposal, "Sync with Ana");
    assert_eq!(sync.action, meetings::DayAction::Move);
    assert_eq!(sync.proposed_start.as_deref(), Some("2026-11-25T08:00:00Z"), "Wednesday 09:00, the first free hour");
    assert!(sync.reason.contains("You are away on Tue 24 Nov"), "{}", sync.reason);
    let review = by_title(&proposal, "Bruno's review");
    assert_eq!(review.action, meetings::DayAction::DeclineOrAsk);
    assert!(review.reason.starts_with("Bruno Lima organises it"), "{}", review.reason);
    assert_eq!(by_title(&proposal, "Write report").kind, "task");
    assert_eq!(by_title(&proposal, "Walk").kind, "habit");
    // Nothing written by the proposal.
    assert_eq!(events::details(store, ZONE, &own, None, None).unwrap().start, "2026-11-24T09:00:00Z");

    let done = meetings::reschedule::accept(store, ZONE, now(), day, 3, &[]).unwrap();
    assert_eq!(events::details(store, ZONE, &own, None, None).unwrap().start, "2026-11-25T08:00:00Z");
    assert_eq!(events::details(store, ZONE, &theirs, None, None).unwrap().start, "2026-11-24T13:00:00Z");
    let replan = done.replan.expect("the day's blocks are planned again");
    for title in ["Write report", "Walk"] {
        let ghost = replan.ghosts.iter().find(|g| g.title == title).unwrap_or_else(|| panic!("{title}: {replan:?}"));
        assert!(!ghost.replaces.is_empty() && ghost.reason.is_some(), "{ghost:?}");
        assert!(!ghost.start.starts_with("2026-11-24"), "{ghost:?}");
    }

    // A day with nothing movable.
    let sunday = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let err = meetings::reschedule::propose(store, ZONE, now(), sunday, 3, &[]).unwrap_err();
    assert!(err.to_string().contains("Nothing on Sun 29 Nov can be moved"), "{err}");
}

#[test]
fn shared_times_held_are_tentative_busy_events_until_a_meeting_is_booked_in_one() {
    let mut db = db();
    let store = &mut db.store;
    event(store, "Busy morning", at(23, 9, 0), 180, None);
    let asked = ask(60, at(23, 0, 0), at(25, 0, 0), &[]);
    let hold = HoldAsk { title: Some("Intro call".into()), calendar: None };
    let view = meetings::share_holding(store, ZONE, now(), &asked, ZONE, Some(&hold)).unwrap();
    // Monday afternoon, Tuesday morning and afternoon (lunch kept free).
    let times: Vec<_> = view.free.iter().map(|f| (f.start, f.end)).collect();
    assert_eq!(
        times,
        [(at(23, 13, 0), at(23, 17, 30)), (at(24, 9, 0), at(24, 12, 0)), (at(24, 13, 0), at(24, 17, 30))]
    );
    assert_eq!(view.held.len(), 3);
    for (h, f) in view.held.iter().zip(&view.free) {
        assert_eq!((h.start, h.end, h.title.as_str()), (f.start, f.end, "Held: Intro call"));
        let stored = store.events_by_uid(&h.uid).unwrap().remove(0);
        assert_eq!(stored.status, EventStatus::Tentative, "a hold is tentative");
        assert!(stored.busy, "and busy");
    }
    assert_eq!(meetings::holds::list(store).unwrap(), view.held);

    // Held times are the user's own busy time: another ask is not offered them.
    let again = meetings::share(store, ZONE, now(), &asked, ZONE).unwrap();
    assert!(again.free.is_empty(), "{again:?}");
    let found = meetings::find(store, ZONE, now(), &ask(30, at(23, 0, 0), at(25, 0, 0), &[]), &[]).unwrap();
    assert!(found.slots.iter().all(|s| view.held.iter().all(|h| !overlaps((s.start, s.end), (h.start, h.end)))));

    // The recipient takes Tuesday 10:00: the meeting is booked there and the share's holds go.
    let book = BookAsk {
        title: "Intro call".into(),
        start: at(24, 10, 0).to_rfc3339(),
        duration_min: Some(30),
        ..BookAsk::default()
    };
    let booked = meetings::book(store, ZONE, now(), &book).unwrap();
    assert_eq!(booked.holds_released, 3);
    assert!(meetings::holds::list(store).unwrap().is_empty());
    for h in &view.held {
        assert!(store.events_by_uid(&h.uid).unwrap().is_empty(), "hold {h:?} is gone");
    }
    let titles: Vec<String> =
        events::occurrences(store, ZONE, at(23, 0, 0), at(25, 0, 0)).unwrap().into_iter().map(|o| o.summary).collect();
    assert_eq!(titles, ["Busy morning", "Intro call"]);
}

#[test]
fn holds_are_released_together_and_a_booking_elsewhere_keeps_them() {
    let mut db = db();
    let store = &mut db.store;
    let kind = MeetingTypeView { name: "Coffee".into(), duration_min: 30, ..Default::default() };
    types::save(store, &kind).unwrap();
    let asked = FindAsk { meeting_type: Some("coffee".into()), ..ask(30, at(23, 0, 0), at(24, 0, 0), &[]) };
    let hold = HoldAsk::default();
    let view = meetings::share_holding(store, ZONE, now(), &asked, ZONE, Some(&hold)).unwrap();
    assert_eq!(view.held.len(), 2, "morning and afternoon: {view:?}");
    assert!(view.held.iter().all(|h| h.title == "Held: Coffee"), "named after the type: {view:?}");
    // A meeting on another day takes none of them.
    let elsewhere = BookAsk {
        title: "Other".into(),
        start: at(25, 10, 0).to_rfc3339(),
        duration_min: Some(30),
        ..BookAsk::default()
    };
    assert_eq!(meetings::book(store, ZONE, now(), &elsewhere).unwrap().holds_released, 0);
    assert_eq!(meetings::holds::list(store).unwrap().len(), 2);
    assert_eq!(meetings::holds::release(store).unwrap(), 2);
    assert!(meetings::holds::list(store).unwrap().is_empty());
    assert!(events::occurrences(store, ZONE, at(23, 0, 0), at(24, 0, 0)).unwrap().is_empty());
    // Nothing held: release says so.
    let err = meetings::holds::release(store).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(err.to_string().contains("No shared times are held"), "{err}");
}

/// Bruno's meeting on the user's calendar, the user invited (marked as the calendar's own, as
/// Google does), Ana too; a guest copy the user may not otherwise change.
fn brunos(store: &mut Store, title: &str, start: DateTime<Utc>, rrule: Option<&str>) -> String {
    let uid = event(store, title, start, 60, rrule);
    let mut rows = store.events_by_uid(&uid).unwrap();
    rows[0].people = miraage_domain::People {
        organizer: Some(miraage_domain::Organizer {
            name: Some("Bruno Lima".into()),
            email: "bruno@example.com".into(),
            is_self: false,
        }),
        attendees: vec![
            Attendee { is_self: true, ..Attendee::new("me@example.com") },
            Attendee { status: Participation::Accepted, ..Attendee::new("ana@example.com") },
        ],
        guest_copy: true,
    };
    store.upsert_events(&rows).unwrap();
    uid
}

#[test]
fn declining_someone_elses_meeting_changes_only_the_users_answer() {
    let mut db = db();
    let store = &mut db.store;
    let weekly = brunos(store, "Bruno's standup", at(23, 10, 0), Some("FREQ=WEEKLY;COUNT=4"));
    let one = DeclineAsk { uid: weekly.clone(), occurrence: Some(at(30, 10, 0).to_rfc3339()), calendar_id: None };
    let view = meetings::respond::decline(store, &one).unwrap();
    assert_eq!(
        view.message,
        "Declined “Bruno's standup” on Mon 30 Nov. Your calendar here is not synced: tell Bruno Lima yourself."
    );
    let rows = store.events_by_uid(&weekly).unwrap();
    assert_eq!(rows.len(), 2, "the series and the occurrence declined: {rows:?}");
    let answers = |e: &miraage_domain::Event| e.people.attendees.iter().map(|a| a.status).collect::<Vec<_>>();
    assert_eq!(answers(&rows[0]), [Participation::NeedsAction, Participation::Accepted], "the series is untouched");
    assert_eq!(answers(&rows[1]), [Participation::Declined, Participation::Accepted]);
    assert_eq!(rows[1].summary, "Bruno's standup");
    assert_eq!(
        rows[1].time,
        EventTime::timed(at(30, 10, 0), at(30, 11, 0), ZONE).unwrap(),
        "the occurrence keeps its time"
    );

    // A one-off meeting, declined whole; a second time is refused.
    let review = brunos(store, "Bruno's review", at(24, 14, 0), None);
    let whole = DeclineAsk { uid: review.clone(), occurrence: None, calendar_id: None };
    assert_eq!(
        meetings::respond::decline(store, &whole).unwrap().message,
        "Declined “Bruno's review”. Your calendar here is not synced: tell Bruno Lima yourself."
    );
    assert_eq!(answers(&store.events_by_uid(&review).unwrap()[0]), [Participation::Declined, Participation::Accepted]);
    let again = meetings::respond::decline(store, &whole).unwrap_err();
    assert!(again.to_string().contains("You have declined “Bruno's review” already"), "{again}");

    // The user's own meeting, and an event they are not invited to: nothing to decline.
    let own = event(store, "Sync with Ana", at(24, 9, 0), 30, None);
    add_attendee(store, &own, "ana@example.com");
    let mut rows = store.events_by_uid(&own).unwrap();
    rows[0].people.organizer =
        Some(miraage_domain::Organizer { name: None, email: "me@example.com".into(), is_self: true });
    store.upsert_events(&rows).unwrap();
    let err =
        meetings::respond::decline(store, &DeclineAsk { uid: own, occurrence: None, calendar_id: None }).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().contains("You organise “Sync with Ana”: move it or cancel it instead"), "{err}");
    let alone = event(store, "Dentist", at(24, 8, 0), 30, None);
    let err =
        meetings::respond::decline(store, &DeclineAsk { uid: alone, occurrence: None, calendar_id: None }).unwrap_err();
    assert!(err.to_string().contains("You are not among the attendees of “Dentist”"), "{err}");
}
