//! Hostile and messy files: the reader never panics or overflows its stack, bounds what one
//! component may cost, and repairs what other calendar apps read, listing each repair or skip
//! with its line.

use chrono_tz::Tz;
use miraage_domain::{CalendarId, EventKind, EventTime, TaskListId};
use miraage_ical::import::parse_ics_bytes;
use miraage_ical::limits::{MAX_NESTING, MAX_RULES_PER_EVENT, MAX_SUMMARY_BYTES};
use miraage_ical::{parse_ics, IcalError, ImportOptions, Parsed};

fn opts() -> ImportOptions {
    ImportOptions { calendar_id: CalendarId::new(), task_list_id: TaskListId::new(), default_zone: Tz::Europe__Berlin }
}

/// A calendar holding `components` (each a list of lines), CRLF-joined.
fn calendar(components: &[Vec<String>]) -> String {
    let mut lines = vec!["BEGIN:VCALENDAR".to_string(), "VERSION:2.0".to_string()];
    for c in components {
        lines.extend(c.iter().cloned());
    }
    lines.push("END:VCALENDAR".into());
    lines.join("\r\n") + "\r\n"
}

fn event(uid: &str, body: &[&str]) -> Vec<String> {
    let mut lines = vec!["BEGIN:VEVENT".to_string(), format!("UID:{uid}")];
    lines.extend(body.iter().map(|s| s.to_string()));
    lines.push("END:VEVENT".into());
    lines
}

fn parse(text: &str) -> Parsed {
    parse_ics(text, "f.ics", &opts()).unwrap()
}

fn uids(p: &Parsed) -> Vec<&str> {
    p.events.iter().map(|e| e.uid.as_str()).collect()
}

fn skipped_uids(p: &Parsed) -> Vec<&str> {
    p.skipped.iter().filter_map(|s| s.uid.as_deref()).collect()
}

fn time(p: &Parsed, uid: &str) -> EventTime {
    p.events.iter().find(|e| e.uid == uid).unwrap().time
}

#[test]
fn durations_out_of_range_skip_their_event_instead_of_panicking() {
    let text = calendar(&[
        event("weeks", &["DTSTART:20261123T090000Z", "DURATION:P999999999999999999W"]),
        event("hours", &["DTSTART:20261123T090000Z", "DURATION:PT9999999999999H"]),
        event("days", &["DTSTART;VALUE=DATE:20261123", "DURATION:P999999999D"]),
        event("at-the-end-of-time", &["DTSTART:99991231T230000Z", "DURATION:PT2H"]),
        event("all-day-at-the-end", &["DTSTART;VALUE=DATE:99991231", "DURATION:P3D"]),
        event("good", &["DTSTART:20261123T090000Z", "DURATION:PT1H"]),
    ]);
    let p = parse(&text);
    assert_eq!(uids(&p), ["good"]);
    assert_eq!(skipped_uids(&p), ["weeks", "hours", "days", "at-the-end-of-time", "all-day-at-the-end"]);
    assert!(p.skipped.iter().all(|s| s.reason.contains("out of range")), "{:?}", p.skipped);
}

#[test]
fn six_thousand_nested_events_are_skipped_without_overflowing_the_stack() {
    let mut nested = Vec::new();
    for _ in 0..6000 {
        nested.push("BEGIN:VEVENT".to_string());
        nested.push("DTSTART:20261123T090000Z".to_string());
    }
    for _ in 0..6000 {
        nested.push("END:VEVENT".to_string());
    }
    let text = calendar(&[nested, event("good", &["DTSTART:20261123T090000Z"])]);
    let p = parse(&text);
    assert_eq!(uids(&p), ["good"]);
    assert_eq!(p.skipped.len(), 1);
    assert_eq!(p.skipped[0].line, 3);
    assert!(p.skipped[0].reason.contains(&format!("nested more than {MAX_NESTING} deep")), "{:?}", p.skipped);
}

#[test]
fn an_oversized_summary_is_cut_with_a_repair_naming_its_line() {
    let long = format!("SUMMARY:{}", "é".repeat(MAX_SUMMARY_BYTES));
    let text = calendar(&[event("long", &["DTSTART:20261123T090000Z", &long])]);
    let p = parse(&text);
    let summary = &p.events[0].summary;
    assert!(summary.len() <= MAX_SUMMARY_BYTES && summary.len() > MAX_SUMMARY_BYTES - 4, "{}", summary.len());
    assert_eq!(p.repaired.len(), 1, "{:?}", p.repaired);
    assert_eq!(p.repaired[0].line, 6);
    assert!(p.repaired[0].reason.contains("SUMMARY cut"), "{}", p.repaired[0]);
}

#[test]
fn rrule_lines_beyond_the_limit_are_dropped_with_a_repair() {
    let rules: Vec<String> = (1..=20_000).map(|n| format!("RRULE:FREQ=DAILY;INTERVAL={n}")).collect();
    let mut body: Vec<&str> = vec!["DTSTART:20261123T090000Z"];
    body.extend(rules.iter().map(String::as_str));
    let p = parse(&calendar(&[event("many", &body)]));
    let EventKind::Master { recurrence } = &p.events[0].kind else { panic!("{:?}", p.events[0].kind) };
    assert_eq!(recurrence.rules.len(), MAX_RULES_PER_EVENT);
    assert_eq!(p.repaired.len(), 1, "{:?}", p.repaired);
    assert!(p.repaired[0].reason.contains("RRULE"), "{}", p.repaired[0]);
}

#[test]
fn an_empty_rrule_line_is_dropped_and_the_event_kept() {
    let p = parse(&calendar(&[event("holiday", &["DTSTART;VALUE=DATE:20261225", "RRULE:", "SUMMARY:Christmas"])]));
    assert_eq!(uids(&p), ["holiday"]);
    assert!(matches!(p.events[0].kind, EventKind::Single), "{:?}", p.events[0].kind);
    assert_eq!((p.repaired.len(), p.repaired[0].line), (1, 6), "{:?}", p.repaired);
    assert!(p.repaired[0].to_string().contains("empty RRULE dropped"), "{}", p.repaired[0]);
}

#[test]
fn an_unknown_tzid_is_read_in_the_files_zone_with_a_repair() {
    let p = parse(&calendar(&[event(
        "atlantis",
        &["DTSTART;TZID=Atlantis/Capital:20261123T090000", "DTEND;TZID=Atlantis/Capital:20261123T100000"],
    )]));
    assert_eq!(
        time(&p, "atlantis"),
        EventTime::timed(
            "2026-11-23T08:00:00Z".parse().unwrap(),
            "2026-11-23T09:00:00Z".parse().unwrap(),
            Tz::Europe__Berlin
        )
        .unwrap()
    );
    // One repair per zone name, on the first line that used it.
    assert_eq!(p.repaired.len(), 1, "{:?}", p.repaired);
    assert_eq!(p.repaired[0].line, 5);
    assert!(p.repaired[0].reason.contains("\"Atlantis/Capital\""), "{}", p.repaired[0]);
    assert!(p.repaired[0].reason.contains("Europe/Berlin"), "{}", p.repaired[0]);
}

#[test]
fn a_date_start_with_a_date_time_end_is_read_as_all_day() {
    let p = parse(&calendar(&[event("mixed", &["DTSTART;VALUE=DATE:20261123", "DTEND:20261125T120000Z"])]));
    let d = |s: &str| s.parse().unwrap();
    // The end's day is covered: 23rd to the end of the 25th.
    assert_eq!(time(&p, "mixed"), EventTime::all_day(d("2026-11-23"), d("2026-11-26")).unwrap());
    assert_eq!((p.repaired.len(), p.repaired[0].line), (1, 6), "{:?}", p.repaired);
}

#[test]
fn an_end_before_the_start_is_read_as_zero_length() {
    let p = parse(&calendar(&[
        event("timed", &["DTSTART:20261123T090000Z", "DTEND:20261123T080000Z"]),
        event("all-day", &["DTSTART;VALUE=DATE:20261123", "DTEND;VALUE=DATE:20261120"]),
    ]));
    let start = "2026-11-23T09:00:00Z".parse().unwrap();
    assert_eq!(time(&p, "timed"), EventTime::timed(start, start, Tz::UTC).unwrap());
    let d = |s: &str| s.parse().unwrap();
    assert_eq!(time(&p, "all-day"), EventTime::all_day(d("2026-11-23"), d("2026-11-24")).unwrap());
    let lines: Vec<usize> = p.repaired.iter().map(|r| r.line).collect();
    assert_eq!(lines, [6, 11]);
    assert!(p.repaired[0].reason.contains("before DTSTART"), "{}", p.repaired[0]);
}

#[test]
fn text_after_end_vcalendar_is_ignored_with_a_note_of_its_line() {
    let text = calendar(&[event("a", &["DTSTART:20261123T090000Z"])]) + "\r\n--boundary--\r\nEND:VCALENDAR\r\n";
    let p = parse(&text);
    assert_eq!(uids(&p), ["a"]);
    assert_eq!(p.repaired.len(), 1, "{:?}", p.repaired);
    assert_eq!(p.repaired[0].line, 9);
    assert!(p.repaired[0].reason.contains("after END:VCALENDAR"), "{}", p.repaired[0]);
}

#[test]
fn a_calendar_nested_in_a_calendar_is_read_as_part_of_it() {
    let inner = calendar(&[event("inner", &["DTSTART:20261123T090000Z"])]);
    let inner: Vec<String> = inner.trim_end().split("\r\n").map(str::to_string).collect();
    let p = parse(&calendar(&[inner, event("outer", &["DTSTART:20261124T090000Z"])]));
    assert_eq!(uids(&p), ["inner", "outer"]);
    assert_eq!((p.repaired.len(), p.repaired[0].line), (1, 3), "{:?}", p.repaired);
    assert!(p.repaired[0].reason.contains("nested"), "{}", p.repaired[0]);
}

#[test]
fn an_unreadable_rdate_or_exdate_value_is_left_out_and_the_event_kept() {
    // A fuzzed RDATE (libical's issue 252 file): the series is still right without it.
    let text = calendar(&[event(
        "rdates",
        &[
            "DTSTART:20261123T090000Z",
            "RRULE:FREQ=DAILY;COUNT=3",
            "RDATE:20261130T090000Z,18640509T07014\"",
            "EXDATE:2026112",
        ],
    )]);
    let p = parse(&text);
    assert_eq!(uids(&p), ["rdates"], "{:?}", p.skipped);
    let EventKind::Master { recurrence } = &p.events[0].kind else { panic!("a series: {:?}", p.events[0].kind) };
    assert_eq!((recurrence.rdates.len(), recurrence.exdates.len()), (1, 0));
    let lines: Vec<usize> = p.repaired.iter().map(|f| f.line).collect();
    assert_eq!(lines, [7, 8], "{:?}", p.repaired);
    assert!(p.repaired.iter().all(|f| f.reason.contains("value left out")), "{:?}", p.repaired);
}

#[test]
fn a_line_that_is_not_name_value_is_left_out_and_the_event_kept() {
    let text = calendar(&[event("garbled", &["DTSTART:20261123T090000Z", "RRULD\u{fffd} FREQ=MO2MO", "SUMMARY:Kept"])]);
    let p = parse(&text);
    assert_eq!(uids(&p), ["garbled"], "{:?}", p.skipped);
    assert_eq!(p.events[0].summary, "Kept");
    assert_eq!(
        p.repaired.iter().map(|f| (f.line, f.reason.as_str())).collect::<Vec<_>>(),
        [(6, "a line that is not NAME:value left out")]
    );
}

#[test]
fn events_after_a_garbled_end_are_read_not_swallowed_by_the_component_left_open() {
    // libical's crash file: END:VTIMEZONE ran into the next line, so the VTIMEZONE never ends.
    let zone = [
        "BEGIN:VTIMEZONE",
        "TZID:Custom",
        "BEGIN:STANDARD",
        "DTSTART:19701025T030000",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "END:VTIMEZONLUE=DATE-TIME:19970317T133000Z",
    ]
    .map(String::from)
    .to_vec();
    let text = calendar(&[zone, event("after", &["DTSTART:20261123T090000Z"])]);
    let p = parse(&text);
    assert_eq!(uids(&p), ["after"], "{:?}", p.skipped);
    let reasons: Vec<&str> = p.repaired.iter().map(|f| f.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "BEGIN/END: not closed before BEGIN:VEVENT of line 11: closed there",
            "BEGIN/END: END:VTIMEZONLUE=DATE-TIME:19970317T133000Z closes nothing open: ignored"
        ]
    );
}

#[test]
fn a_cut_off_file_is_refused_for_sync_and_read_as_far_as_it_goes_for_an_import() {
    // A download that stopped mid-event: a subscription mirroring it would lose events.
    let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20261123T090000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\n";
    let err = parse_ics(text, "feed.ics", &opts()).unwrap_err();
    assert!(
        matches!(&err, IcalError::Syntax { line: 1, reason, .. } if reason.contains("never closed: the file looks cut off")),
        "{err}"
    );
    let p = parse_ics_bytes(text.as_bytes(), "file.ics", &opts()).unwrap();
    assert_eq!(uids(&p), ["a"], "b has no start: {:?}", p.skipped);
    let reasons: Vec<&str> = p.repaired.iter().map(|f| f.reason.as_str()).collect();
    assert_eq!(reasons, ["BEGIN:VCALENDAR is never closed: the file looks cut off; what it holds was read"]);
}
