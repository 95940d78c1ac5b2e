//! A fuzz harness that stays: mutated real-world-shaped calendars go through the reader and
//! every series read goes through the bounded expansion, which must never panic, overflow
//! the stack, or exceed its limits. `PROPTEST_CASES` sets the number of files (256 here by
//! default; `tests/fuzz/run.sh` runs many more). Each crash found becomes a test in
//! `robust_reader.rs`.

use chrono::Duration;
use chrono_tz::Tz;
use miraage_domain::recurrence::{MAX_INSTANCES, MAX_STEPS};
use miraage_domain::{CalendarId, EventKind, TaskListId, TimeRange};
use miraage_ical::{parse_ics, ImportOptions};
use proptest::prelude::*;

const SEEDS: &[&str] =
    &[include_str!("fixtures/google.ics"), include_str!("fixtures/outlook.ics"), include_str!("fixtures/apple.ics")];

/// Lines a mutation may insert: the shapes that broke readers before (huge numbers, deep
/// nesting, dense rules, odd zones and values).
const TOKENS: &[&str] = &[
    "BEGIN:VEVENT",
    "END:VEVENT",
    "BEGIN:VALARM",
    "END:VALARM",
    "BEGIN:VCALENDAR",
    "END:VCALENDAR",
    "DTSTART:19970101T000000Z",
    "DTSTART;VALUE=DATE:99991231",
    "DTSTART;TZID=Atlantis/Capital:20261123T090000",
    "DTEND:00010101T000000Z",
    "DTEND;VALUE=DATE:20261120",
    "DURATION:P999999999999999999W",
    "DURATION:PT9999999999999H",
    "DURATION:-P1D",
    "RRULE:",
    "RRULE:FREQ=SECONDLY",
    "RRULE:FREQ=MINUTELY;COUNT=4000000000",
    "RRULE:FREQ=HOURLY;INTERVAL=0",
    "RRULE:FREQ=DAILY;UNTIL=99991231T235959Z",
    "RRULE:FREQ=YEARLY;BYSETPOS=-1;BYDAY=MO",
    "RDATE;VALUE=PERIOD:20261123T090000Z/PT1H,20261124T090000Z/",
    "EXDATE:20261123T090000Z,,",
    "RECURRENCE-ID:20261123T090000Z",
    "SUMMARY:\\n\\,\\;\\\\",
    "X-WR-TIMEZONE:Mars/Olympus",
    "TZID:",
    "TZOFFSETTO:+9999",
    " folded continuation",
    ";;;:::",
    "",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, usize),
    Delete(usize),
    Duplicate(usize, u8),
    FlipByte(usize, u8),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), 1..40u8).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::FlipByte(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(seed: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = seed.split("\r\n").map(str::to_string).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::Insert(at, t) => lines.insert(at % (lines.len() + 1), TOKENS[t].to_string()),
            Mutation::Delete(at) if !lines.is_empty() => {
                lines.remove(at % n);
            }
            Mutation::Duplicate(at, times) if !lines.is_empty() => {
                let line = lines[at % n].clone();
                for _ in 0..times {
                    lines.insert(at % n, line.clone());
                }
            }
            Mutation::FlipByte(at, b) if !lines.is_empty() => {
                let line = &mut lines[at % n];
                let mut bytes = std::mem::take(line).into_bytes();
                if !bytes.is_empty() {
                    let i = at % bytes.len();
                    bytes[i] = b;
                }
                *line = String::from_utf8_lossy(&bytes).into_owned();
            }
            Mutation::Truncate(at) if !lines.is_empty() => {
                let line = &mut lines[at % n];
                let mut end = at % (line.len() + 1);
                while !line.is_char_boundary(end) {
                    end -= 1;
                }
                line.truncate(end);
            }
            _ => {}
        }
    }
    lines.join("\r\n")
}

fn opts() -> ImportOptions {
    ImportOptions { calendar_id: CalendarId::new(), task_list_id: TaskListId::new(), default_zone: Tz::Europe__Berlin }
}

/// Reads `text` and expands every series read over a week and a year: nothing may panic,
/// and every expansion stays within its limits.
fn read_and_expand(text: &str) {
    let Ok(parsed) = parse_ics(text, "fuzz.ics", &opts()) else { return };
    let week =
        TimeRange::new("2025-06-02T00:00:00Z".parse().unwrap(), "2025-06-09T00:00:00Z".parse().unwrap()).unwrap();
    let year = TimeRange::new(week.start, week.start + Duration::days(366)).unwrap();
    for event in &parsed.events {
        if let EventKind::Master { recurrence } = &event.kind {
            for range in [&week, &year] {
                if let Ok(e) = recurrence.expand_bounded(&event.time, range, Tz::America__New_York) {
                    assert!(e.instances.len() <= MAX_INSTANCES && e.steps <= MAX_STEPS, "{:?}", e.cut);
                }
            }
        }
    }
}

/// `PROPTEST_CASES`, else 256: bounded in the test command, longer from the script.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_calendars_never_panic(seed in 0..SEEDS.len(), mutations in prop::collection::vec(mutation(), 1..12)) {
        read_and_expand(&mutate(SEEDS[seed], &mutations));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(BEGIN:V[A-Z]{0,8}|END:V[A-Z]{0,8}|[A-Z;=:\\-,0-9TZ]{0,40}|\r\n| ){0,60}") {
        read_and_expand(&text);
    }
}
