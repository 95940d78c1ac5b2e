//! Storage benchmark: prints numbers, asserts nothing.
//!
//! 1. Import of 50,000 events from an iCalendar file (parse + one transaction), on a real
//!    SQLite file.
//! 2. One week of expanded occurrences from a 100,000-event database: the median and p95 over
//!    52 different weeks, each queried 5 times.
//!
//! The calendar is realistic in shape: one-off meetings over eight years in a few zones (about
//! 240 a week, a heavy user's several calendars), 0.3% recurring series (daily standups,
//! weekly 1:1s, monthly reviews; half of them finite) with a moved and a cancelled instance
//! each, 3% all-day events. A stress line repeats the query with 2% recurring series packed
//! into two years (about 1,000 endless series active every week).
//!
//! Run: `cargo bench -p miraage-cli --bench storage` (add `-- --events N` to change the size).

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use miraage_domain::{CalendarId, Event, EventKind, EventTime, Recurrence, RecurrenceId, TimeRange};
use miraage_ical::{export_ics, import::parse_ics, ImportOptions};
use miraage_store::{CalendarScope, Store};
use std::time::Instant;

/// A small deterministic generator (SplitMix64), so every run builds the same calendar.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const ZONES: [Tz; 4] = [Tz::Europe__Berlin, Tz::America__New_York, Tz::Europe__London, Tz::Asia__Tokyo];

/// `days`: the span the events are spread over; `recurring`: series per 1,000 events.
fn calendar(n: usize, cal: &CalendarId, seed: u64, days: u64, recurring: u64) -> Vec<Event> {
    let mut rng = Rng(seed);
    let origin = NaiveDate::from_ymd_opt(2021, 1, 4).unwrap();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let i = out.len();
        let zone = ZONES[rng.below(4) as usize];
        let day = origin + Duration::days(rng.below(days) as i64);
        let roll = rng.below(1000);
        let mut e = if roll < 30 {
            let days = 1 + rng.below(3) as i64;
            Event::single(
                cal.clone(),
                format!("Holiday {i}"),
                EventTime::all_day(day, day + Duration::days(days)).unwrap(),
            )
        } else {
            let hour = 8 + rng.below(10) as u32;
            let minute = [0, 15, 30, 45][rng.below(4) as usize];
            let local = day.and_hms_opt(hour, minute, 0).unwrap();
            let start = miraage_domain::time::local_to_utc(local, zone);
            let minutes = [15, 30, 45, 60, 90][rng.below(5) as usize];
            Event::single(
                cal.clone(),
                format!("Meeting {i}"),
                EventTime::timed(start, start + Duration::minutes(minutes), zone).unwrap(),
            )
        };
        e.uid = format!("bench-{seed}-{i}@miraage");
        if (30..30 + recurring).contains(&roll) {
            let rule = match rng.below(4) {
                0 => "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR".to_string(),
                1 => "FREQ=WEEKLY".to_string(),
                2 => format!("FREQ=WEEKLY;COUNT={}", 4 + rng.below(40)),
                _ => "FREQ=MONTHLY;BYDAY=1TU".to_string(),
            };
            let mut recurrence = Recurrence { rules: vec![rule], ..Default::default() };
            if let EventTime::Timed { start, end, zone } = e.time {
                // Move one instance two hours later and cancel another.
                let week = Duration::weeks(1 + rng.below(8) as i64);
                recurrence.exdates.push(RecurrenceId::Instant(start + week + Duration::weeks(1)));
                let mut moved = e.clone();
                moved.id = miraage_domain::EventId::new();
                moved.kind = EventKind::Override { recurrence_id: RecurrenceId::Instant(start + week) };
                moved.time =
                    EventTime::timed(start + week + Duration::hours(2), end + week + Duration::hours(2), zone).unwrap();
                e.kind = EventKind::Master { recurrence };
                out.push(e);
                out.push(moved);
                continue;
            }
        }
        out.push(e);
    }
    out.truncate(n);
    out
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let size = |flag: &str, default: usize| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let import_n = size("--events", 50_000);
    let query_n = size("--query-events", 100_000);
    let dir = tempfile::tempdir().expect("temp dir");

    // 1. ICS import.
    let mut store = Store::open(&dir.path().join("import.db")).unwrap();
    let d = store.local_defaults().unwrap();
    let events = calendar(import_n, &d.calendar, 1, 8 * 365, 3);
    let text = export_ics("Bench", &events, &[]);
    let opts = ImportOptions {
        calendar_id: d.calendar.clone(),
        task_list_id: d.task_list.clone(),
        default_zone: Tz::Europe__Berlin,
    };
    let t = Instant::now();
    let parsed = parse_ics(&text, "bench.ics", &opts).unwrap();
    let parse_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    store.import(&parsed.events, &parsed.tasks).unwrap();
    let write_s = t.elapsed().as_secs_f64();
    assert!(parsed.skipped.is_empty());
    println!(
        "import {import_n} events from ICS ({:.1} MB): parse {:.2} s + write {:.2} s = {:.2} s ({:.0} events/s)",
        text.len() as f64 / 1e6,
        parse_s,
        write_s,
        parse_s + write_s,
        import_n as f64 / (parse_s + write_s)
    );
    drop(store);

    // 2. Week queries on a larger database: the realistic calendar, then the stress one.
    for (label, days, recurring, first_monday) in [
        ("", 8 * 365, 3, NaiveDate::from_ymd_opt(2023, 1, 2).unwrap()),
        (" [stress: 2% recurring in 2 years]", 2 * 365, 20, NaiveDate::from_ymd_opt(2022, 1, 3).unwrap()),
    ] {
        query_weeks(dir.path(), query_n, days, recurring, first_monday, label);
    }
}

fn query_weeks(dir: &std::path::Path, n: usize, days: u64, recurring: u64, first_monday: NaiveDate, label: &str) {
    let path = dir.join(format!("query-{recurring}.db"));
    let mut store = Store::open(&path).unwrap();
    let cal = store.local_defaults().unwrap().calendar;
    let events = calendar(n, &cal, 2, days, recurring);
    let t = Instant::now();
    store.upsert_events(&events).unwrap();
    println!("write {n} events in one transaction{label}: {:.2} s", t.elapsed().as_secs_f64());
    drop(store);
    // A fresh connection, as the app has after a restart.
    let store = Store::open(&path).unwrap();
    let zone = Tz::Europe__Berlin;
    let mut times = Vec::new();
    let mut counts = Vec::new();
    for week in 0..52 {
        let monday = first_monday + Duration::weeks(week);
        let range = TimeRange::local_days(monday, monday + Duration::days(7), zone).unwrap();
        for _ in 0..5 {
            let t = Instant::now();
            let occ = store.occurrences(&range, zone, CalendarScope::All).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1e3);
            counts.push(occ.len() as f64);
        }
    }
    let mut sorted = times.clone();
    let med = median(&mut sorted);
    let p95 = sorted[(sorted.len() as f64 * 0.95) as usize];
    println!(
        "query one week of expanded occurrences from {n} events{label}: median {med:.2} ms, p95 {p95:.2} ms, max {:.2} ms, {:.0} occurrences a week (target: median < 5 ms)",
        sorted.last().unwrap(),
        median(&mut counts)
    );
}
