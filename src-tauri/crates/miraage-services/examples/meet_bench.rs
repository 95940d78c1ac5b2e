//! Find a time for 10 attendees over 4 weeks of dense calendars, in a real SQLite file: the
//! user's own calendar holds 6 meetings a working day, each attendee 6 to 8 busy intervals a
//! working day (as a provider's free/busy would answer). Prints the time per query (the whole
//! use case: reading the store, building the query, ranking) and of the slot finder alone.
//! Prints numbers and asserts nothing:
//!
//! ```sh
//! cargo run --release -p miraage-services --example meet_bench
//! ```

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use miraage_domain::{Event, EventTime, TimeRange};
use miraage_services::meetings::{self, FindAsk, Person};
use miraage_store::Store;
use std::time::Instant;

const ZONE: Tz = chrono_tz::Europe::Berlin;
const DAYS: i64 = 28;
const PEOPLE: usize = 10;
const RUNS: usize = 20;

/// A small deterministic generator, so every run measures the same calendars.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: i64) -> i64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as i64
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("store");
    let calendar = store.local_defaults().expect("defaults").calendar;
    let monday: DateTime<Utc> = ZONE.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap().with_timezone(&Utc);
    let now = monday - Duration::hours(1);
    let mut rng = Lcg(7);
    let mut own = Vec::new();
    let mut people: Vec<Person> =
        (0..PEOPLE).map(|i| Person { email: format!("p{i}@example.com"), ..Person::default() }).collect();
    for d in 0..DAYS {
        let day = monday + Duration::days(d);
        if matches!(day.with_timezone(&ZONE).weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let at = |q: i64| day + Duration::hours(7) + Duration::minutes(q * 15);
        for _ in 0..6 {
            let start = at(rng.next(40));
            let time = EventTime::timed(start, start + Duration::minutes(15 * (1 + rng.next(4))), ZONE).unwrap();
            own.push(Event::single(calendar.clone(), "Meeting", time));
        }
        for p in &mut people {
            for _ in 0..(6 + rng.next(3)) {
                let start = at(rng.next(40));
                p.busy.push(TimeRange::new(start, start + Duration::minutes(15 * (1 + rng.next(6)))).unwrap());
            }
        }
    }
    store.upsert_events(&own).expect("events");
    let ask = FindAsk {
        duration_min: Some(30),
        from: monday.to_rfc3339(),
        to: (monday + Duration::days(DAYS)).to_rfc3339(),
        attendees: people.iter().map(|p| p.email.clone()).collect(),
        ..FindAsk::default()
    };
    let busy: usize = people.iter().map(|p| p.busy.len()).sum();
    println!("{} own meetings, {PEOPLE} attendees with {busy} busy intervals, {DAYS} days", own.len());

    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        found = meetings::find(&store, ZONE, now, &ask, &people).expect("find").slots.len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("find a time (store + ranking)", &mut times, found);

    let checked = meetings::find::check(&store, now, &ask).expect("check");
    let (query, _) = meetings::find::query(&store, ZONE, &checked, &people, None).expect("query");
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        found = meetings::slots::find(&query).len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    report("the slot finder alone", &mut times, found);
}

fn report(what: &str, times: &mut [f64], found: usize) {
    times.sort_by(f64::total_cmp);
    println!(
        "{what}: median {:.2} ms, min {:.2}, max {:.2} over {} runs ({found} slots)",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
        times.len()
    );
}
