//! Import of real-world-shaped exports (Google, Outlook, Apple), bad input, and the export
//! round trip, checked through the store's occurrence query.

use chrono::NaiveDate;
use chrono_tz::Tz;
use miraage_domain::{EventKind, EventTime, OccurrenceView, Priority, TaskStatus, TimeRange};
use miraage_ical::{export_ics, parse_ics, IcalError, ImportOptions, Parsed};
use miraage_store::{CalendarScope, Store, TaskFilter};

const GOOGLE: &str = include_str!("fixtures/google.ics");
const OUTLOOK: &str = include_str!("fixtures/outlook.ics");
const APPLE: &str = include_str!("fixtures/apple.ics");

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn import_into(store: &mut Store, text: &str, name: &str) -> Parsed {
    let d = store.local_defaults().unwrap();
    let opts = ImportOptions { calendar_id: d.calendar, task_list_id: d.task_list, default_zone: Tz::UTC };
    let parsed = parse_ics(text, name, &opts).unwrap();
    store.import(&parsed.events, &parsed.tasks).unwrap();
    parsed
}

fn occurrences(store: &Store, from: &str, to: &str, zone: Tz) -> Vec<OccurrenceView> {
    let range = TimeRange::local_days(date(from), date(to), zone).unwrap();
    store.occurrences(&range, zone, CalendarScope::All).unwrap()
}

fn brief(o: &[OccurrenceView]) -> Vec<String> {
    o.iter().map(|o| format!("{} {} {}", o.start, o.end, o.summary)).collect()
}

#[test]
fn google_export_with_series_exceptions_cancellations_and_dst() {
    let mut store = Store::open_in_memory().unwrap();
    let parsed = import_into(&mut store, GOOGLE, "google.ics");
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    assert_eq!(parsed.calendar_name.as_deref(), Some("Team Calendar"));
    assert_eq!(parsed.events.len(), 5);
    let master = parsed.events.iter().find(|e| matches!(e.kind, EventKind::Master { .. })).unwrap();
    assert_eq!(master.time.zone(), Some(Tz::Europe__Berlin));
    // Folded, escaped text comes back as written.
    assert_eq!(
        master.description.as_deref(),
        Some("Daily sync. Agenda:\n1) blockers, 2) plans; 3) anything else that needs the whole team")
    );
    assert_eq!(master.location.as_deref(), Some("Room 4.12, Building A"));

    // The week of the European DST change (Sunday 2026-10-25): 09:30 Berlin is 07:30 UTC
    // before and 08:30 UTC after.
    let week = occurrences(&store, "2026-10-19", "2026-11-02", Tz::Europe__Berlin);
    assert_eq!(
        brief(&week),
        [
            "2026-10-19T07:30:00Z 2026-10-19T07:45:00Z Standup",
            "2026-10-21T07:30:00Z 2026-10-21T07:45:00Z Standup",
            "2026-10-23T07:30:00Z 2026-10-23T07:45:00Z Standup",
            // Monday 26th is cancelled; Wednesday 28th moved to 11:00.
            "2026-10-27T15:00:00Z 2026-10-27T16:00:00Z Call with Tokyo office",
            "2026-10-28T10:00:00Z 2026-10-28T10:15:00Z Standup (late: all-hands)",
            // Friday 30th is excluded (EXDATE); the all-day offsite is there.
            "2026-10-30 2026-10-31 Team offsite",
        ]
    );
    let moved = week.iter().find(|o| o.summary.starts_with("Standup (late")).unwrap();
    assert_eq!(moved.recurrence_id.as_deref(), Some("2026-10-28T08:30:00Z"));
    // UNTIL ends the series on 2026-12-14 (the last Monday before it).
    let december = occurrences(&store, "2026-12-07", "2026-12-21", Tz::Europe__Berlin);
    assert_eq!(december.last().unwrap().start, "2026-12-14T08:30:00Z");
    assert_eq!(december.len(), 4);
}

#[test]
fn outlook_export_with_windows_and_display_name_zones() {
    let mut store = Store::open_in_memory().unwrap();
    let parsed = import_into(&mut store, OUTLOOK, "outlook.ics");
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    let zone_of = |summary: &str| parsed.events.iter().find(|e| e.summary == summary).unwrap().time.zone();
    assert_eq!(zone_of("Quarterly planning"), Some(Tz::Europe__Berlin));
    assert_eq!(zone_of("Sync with New York"), Some(Tz::America__New_York));
    assert_eq!(zone_of("Vendor demo (Seattle)"), Some(Tz::America__Los_Angeles));

    let week = occurrences(&store, "2026-11-02", "2026-11-09", Tz::Europe__Berlin);
    assert_eq!(
        brief(&week),
        [
            "2026-11-03T09:00:00Z 2026-11-03T11:00:00Z Quarterly planning",
            // New York has left DST on Nov 1: 09:00 EST is 14:00 UTC.
            "2026-11-04T14:00:00Z 2026-11-04T14:30:00Z Sync with New York",
            "2026-11-05T16:00:00Z 2026-11-05T17:00:00Z Vendor demo (Seattle)",
            "2026-11-06 2026-11-07 Out of office",
        ]
    );
    // First Tuesday monthly, six times, December excluded: five instances.
    let half_year = occurrences(&store, "2026-11-01", "2027-06-01", Tz::Europe__Berlin);
    let planning: Vec<_> =
        half_year.iter().filter(|o| o.summary == "Quarterly planning").map(|o| o.start.as_str()).collect();
    assert_eq!(
        planning,
        [
            "2026-11-03T09:00:00Z",
            "2027-01-05T09:00:00Z",
            "2027-02-02T09:00:00Z",
            "2027-03-02T09:00:00Z",
            "2027-04-06T08:00:00Z"
        ]
    );
}

#[test]
fn apple_export_with_tasks_and_new_york_fall_back() {
    let mut store = Store::open_in_memory().unwrap();
    let parsed = import_into(&mut store, APPLE, "apple.ics");
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    assert!(parsed.notes.iter().all(|n| !n.contains("depends")), "{:?}", parsed.notes);
    let runs: Vec<_> = occurrences(&store, "2026-10-29", "2026-11-04", Tz::America__New_York)
        .into_iter()
        .filter(|o| o.summary == "Morning run")
        .map(|o| o.start)
        .collect();
    // 07:45 local all week: EDT (UTC-4) until Nov 1, then EST (UTC-5).
    assert_eq!(
        runs,
        [
            "2026-10-30T11:45:00Z",
            "2026-10-31T11:45:00Z",
            "2026-11-01T12:45:00Z",
            "2026-11-02T12:45:00Z",
            "2026-11-03T12:45:00Z"
        ]
    );
    let thanksgiving = parsed.events.iter().find(|e| e.summary == "Thanksgiving at Mom's").unwrap();
    assert_eq!(thanksgiving.time, EventTime::all_day(date("2026-11-26"), date("2026-11-28")).unwrap());

    let tasks = store.tasks(TaskFilter::All).unwrap();
    let by_title = |t: &str| tasks.iter().find(|x| x.title == t).unwrap();
    let flights = by_title("Book flights");
    assert_eq!(flights.priority, Priority::new(1).unwrap());
    assert_eq!(flights.tags, ["travel", "family"]);
    assert_eq!(flights.due.unwrap().to_string(), "2026-11-10");
    let pack = by_title("Pack bags");
    assert_eq!(pack.depends_on, vec![flights.id.clone()]);
    assert_eq!(pack.due.unwrap().to_string(), "2026-11-26T01:00:00Z");
    assert_eq!(pack.notes.as_deref(), Some("Warm clothes, charger"));
    let passport = by_title("Renew passport");
    assert_eq!(passport.status, TaskStatus::Completed);
    assert_eq!(passport.priority, Priority::new(4).unwrap());
}

#[test]
fn export_then_import_gives_back_the_same_calendar() {
    let mut original = Store::open_in_memory().unwrap();
    for (text, name) in [(GOOGLE, "google.ics"), (OUTLOOK, "outlook.ics"), (APPLE, "apple.ics")] {
        import_into(&mut original, text, name);
    }
    let cal = original.local_defaults().unwrap().calendar;
    let events = original.events_of_calendar(&cal).unwrap();
    let tasks = original.tasks(TaskFilter::All).unwrap();
    let text = export_ics("Round trip", &events, &tasks);
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"), "exports define their zones");
    assert!(text.lines().all(|l| l.len() <= 75), "lines are folded at 75 octets");

    let mut copy = Store::open_in_memory().unwrap();
    let parsed = import_into(&mut copy, &text, "roundtrip.ics");
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    for zone in [Tz::Europe__Berlin, Tz::America__New_York, Tz::Asia__Tokyo] {
        let a = occurrences(&original, "2026-10-01", "2027-06-01", zone);
        let b = occurrences(&copy, "2026-10-01", "2027-06-01", zone);
        assert_eq!(brief(&a), brief(&b), "seen from {zone}");
        assert_eq!(
            a.iter().map(|o| (&o.uid, &o.recurrence_id, &o.location, &o.time_zone)).collect::<Vec<_>>(),
            b.iter().map(|o| (&o.uid, &o.recurrence_id, &o.location, &o.time_zone)).collect::<Vec<_>>()
        );
    }
    let strip = |mut t: Vec<miraage_domain::Task>| {
        for x in &mut t {
            x.id = miraage_domain::TaskId::from_string("");
            x.depends_on = x.depends_on.iter().map(|_| miraage_domain::TaskId::from_string("dep")).collect();
        }
        t
    };
    assert_eq!(strip(copy.tasks(TaskFilter::All).unwrap()), strip(tasks));
    // Importing the export again updates in place: nothing is duplicated.
    let before = copy.count_events().unwrap();
    import_into(&mut copy, &text, "roundtrip.ics");
    assert_eq!(copy.count_events().unwrap(), before);
}

fn opts() -> ImportOptions {
    let d = Store::open_in_memory().unwrap().local_defaults().unwrap();
    ImportOptions { calendar_id: d.calendar, task_list_id: d.task_list, default_zone: Tz::Europe__Berlin }
}

#[test]
fn a_file_whose_begin_and_end_do_not_nest_is_read_with_each_mend_named_by_its_line() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261123T090000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n";
    let parsed = parse_ics(text, "broken.ics", &opts()).unwrap();
    assert_eq!(parsed.events.len(), 1, "the event is kept");
    let mends: Vec<(usize, &str)> = parsed.repaired.iter().map(|f| (f.line, f.reason.as_str())).collect();
    assert_eq!(
        mends,
        [
            (3, "BEGIN/END: not closed before END:VCALENDAR of line 7: closed there"),
            (6, "BEGIN/END: END:VTODO closes nothing open: ignored"),
        ]
    );
    let err = parse_ics("Subject: hello\r\n\r\nnot a calendar", "mail.eml", &opts()).unwrap_err();
    assert!(matches!(err, IcalError::NotICalendar { .. }), "{err}");
    assert!(err.to_string().starts_with("mail.eml: "), "{err}");
}

#[test]
fn unreadable_components_are_skipped_and_repairable_ones_repaired_each_with_its_line() {
    let text = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "UID:good",
        "DTSTART:20261123T090000Z",
        "DTEND:20261123T100000Z",
        "SUMMARY:Good",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:no-start",
        "SUMMARY:No start",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:bad-rule",
        "DTSTART:20261123T090000Z",
        "RRULE:FREQ=FORTNIGHTLY",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:bad-zone",
        "DTSTART;TZID=Atlantis/Capital:20261123T090000",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:backwards",
        "DTSTART:20261123T090000Z",
        "DTEND:20261123T080000Z",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:bad-date",
        "DTSTART:2026-11-23",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    .join("\r\n");
    let parsed = parse_ics(&text, "mixed.ics", &opts()).unwrap();
    // An unknown zone is read as floating and an inverted end as zero length: repaired, kept.
    assert_eq!(parsed.events.iter().map(|e| e.uid.as_str()).collect::<Vec<_>>(), ["good", "bad-zone", "backwards"]);
    let repaired: Vec<(usize, Option<&str>)> = parsed.repaired.iter().map(|s| (s.line, s.uid.as_deref())).collect();
    assert_eq!(repaired, [(20, Some("bad-zone")), (25, Some("backwards"))]);
    let skipped: Vec<(usize, Option<&str>)> = parsed.skipped.iter().map(|s| (s.line, s.uid.as_deref())).collect();
    assert_eq!(skipped, [(9, Some("no-start")), (13, Some("bad-rule")), (27, Some("bad-date"))]);
    let reasons: Vec<String> = parsed.skipped.iter().map(|s| s.to_string()).collect();
    assert!(reasons[0].contains("DTSTART is missing"), "{reasons:?}");
    assert!(reasons[1].contains("FREQ=FORTNIGHTLY"), "{reasons:?}");
    assert!(parsed.repaired[0].reason.contains("Atlantis/Capital"), "{:?}", parsed.repaired);
    assert!(parsed.repaired[1].reason.contains("before DTSTART"), "{:?}", parsed.repaired);
    assert!(reasons[2].contains("2026-11-23"), "{reasons:?}");
    assert!(reasons[0].starts_with("line 9: VEVENT \"no-start\": "), "{reasons:?}");
}

#[test]
fn floating_times_use_the_files_zone_and_nonexistent_times_move_forward() {
    let text = [
        "BEGIN:VCALENDAR",
        "X-WR-TIMEZONE:America/New_York",
        "BEGIN:VEVENT",
        "UID:floating",
        "DTSTART:20261123T090000",
        "DURATION:PT45M",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:gap",
        // 02:30 does not exist in Berlin on 2027-03-28: it is read as 03:30 CEST.
        "DTSTART;TZID=Europe/Berlin:20270328T023000",
        "DTEND;TZID=Europe/Berlin:20270328T040000",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    .join("\r\n");
    let parsed = parse_ics(&text, "f.ics", &opts()).unwrap();
    let t = |uid: &str| parsed.events.iter().find(|e| e.uid == uid).unwrap().time;
    assert_eq!(
        t("floating"),
        EventTime::timed(
            "2026-11-23T14:00:00Z".parse().unwrap(),
            "2026-11-23T14:45:00Z".parse().unwrap(),
            Tz::America__New_York
        )
        .unwrap()
    );
    assert_eq!(t("gap").instants_in(Tz::UTC).0.to_rfc3339(), "2027-03-28T01:30:00+00:00");
}

#[test]
fn organizer_and_attendees_survive_import_store_and_export() {
    use miraage_domain::{AttendeeRole, Participation};
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n\
BEGIN:VEVENT\r\nUID:review@google.com\r\nDTSTART:20261124T130000Z\r\nDTEND:20261124T140000Z\r\n\
SUMMARY:Design review\r\nORGANIZER;CN=Ana Lima:mailto:ana@example.com\r\n\
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ana Lima;X-NUM-GUESTS=0:mailto:ana@example.com\r\n\
ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=TENTATIVE;CN=\"Lima, Bruno ^'Bee^'\":MAILTO:bruno@example.com\r\n\
ATTENDEE;CUTYPE=ROOM;PARTSTAT=NEEDS-ACTION:mailto:room-4@example.com\r\n\
ATTENDEE;PARTSTAT=DECLINED:mailto:cai@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let mut store = Store::open_in_memory().unwrap();
    import_into(&mut store, text, "invite.ics");
    let cal = store.local_defaults().unwrap().calendar;
    let stored = store.events_of_calendar(&cal).unwrap();
    let people = &stored[0].people;
    let organizer = people.organizer.as_ref().unwrap();
    assert_eq!((organizer.name.as_deref(), organizer.email.as_str()), (Some("Ana Lima"), "ana@example.com"));
    let seen: Vec<_> =
        people.attendees.iter().map(|a| (a.name.as_deref(), a.email.as_str(), a.role, a.status)).collect();
    assert_eq!(
        seen,
        [
            (Some("Ana Lima"), "ana@example.com", AttendeeRole::Required, Participation::Accepted),
            (Some("Lima, Bruno \"Bee\""), "bruno@example.com", AttendeeRole::Optional, Participation::Tentative),
            (None, "room-4@example.com", AttendeeRole::Resource, Participation::NeedsAction),
            (None, "cai@example.com", AttendeeRole::Required, Participation::Declined),
        ]
    );
    // An event Miraage has not been told is a guest copy stays editable.
    assert!(!people.guest_copy);

    let exported = export_ics("Invites", &stored, &[]);
    assert!(exported.contains("ORGANIZER;CN=Ana Lima:mailto:ana@example.com"), "{exported}");
    let parsed = parse_ics(&exported, "again.ics", &opts()).unwrap();
    assert_eq!(parsed.events[0].people, stored[0].people);
}
