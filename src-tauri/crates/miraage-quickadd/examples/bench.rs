//! Parser timing, without criterion:
//! `cargo run --release -p miraage-quickadd --example bench`
//!
//! Prints the time per line over 10,000 generated lines (mixtures of titles, dates, times,
//! durations, recurrences, priorities and tags) and the time for single lines of 10,000
//! characters (a typical line repeated; plain prose; one unbroken word; emoji).

use chrono::{TimeZone, Utc};
use miraage_quickadd::parse;
use std::hint::black_box;
use std::time::{Duration, Instant};

const TITLES: &[&str] = &[
    "Call mom",
    "Write report",
    "Standup",
    "Pay rent",
    "Gym",
    "Review PR 1234",
    "Buy milk and eggs",
    "1:1 with Anna",
    "Fix C# build",
    "Plan trip to Lisbon",
];
const WHEN: &[&str] = &[
    "",
    "tomorrow 5pm",
    "by Friday",
    "every weekday 9:30",
    "due in 3 days",
    "next Monday at 10",
    "this weekend",
    "in 20 minutes",
    "on March 31",
    "every other Friday 4pm until June 30",
    "tonight",
    "10-11am",
    "at noon",
    "every last Friday",
    "3pm GMT",
    "deadline 2025-04-15",
    "within 2 weeks",
    "Daily",
    "every day for 10 days",
];
const REST: &[&str] =
    &["", "30m", "3h", "1h30m", "for 45 minutes", "!1", "p2", "!!", "#work", "+home @phone", "high priority", "urgent"];

/// A small deterministic generator (xorshift), so runs compare.
struct Rng(u64);
impl Rng {
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        from[(self.0 % from.len() as u64) as usize]
    }
}

fn time<F: FnMut()>(runs: u32, mut f: F) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t0 = Instant::now();
        f();
        best = best.min(t0.elapsed());
    }
    best
}

fn main() {
    let now = Utc.with_ymd_and_hms(2025, 3, 6, 14, 15, 0).unwrap();
    let tz = chrono_tz::America::New_York;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let lines: Vec<String> = (0..10_000)
        .map(|_| {
            let parts = [rng.pick(TITLES), rng.pick(WHEN), rng.pick(REST), rng.pick(REST)];
            parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ")
        })
        .collect();
    let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
    // Warm up (the word table is built on first use).
    black_box(parse("warm up tomorrow", now, tz));
    let total = time(5, || {
        for line in &lines {
            black_box(parse(black_box(line), now, tz));
        }
    });
    println!(
        "10,000 generated lines (mean {} chars): {:.2} µs per line ({:.1} ms in all, best of 5)",
        chars / lines.len(),
        total.as_secs_f64() * 1e6 / lines.len() as f64,
        total.as_secs_f64() * 1e3
    );

    let long_lines = [
        ("a typical line repeated", "Call mom tomorrow 5pm 30m !1 #work ".repeat(286)),
        ("prose without dates", "the quick brown fox jumps over the lazy dog ".repeat(228)),
        ("one unbroken word", "x".repeat(10_000)),
        ("numbers and dashes", "10-11-12:13/14.15 ".repeat(556)),
        ("emoji", "🎉".repeat(10_000)),
        // Ten times longer: the time should grow ten times (linear), not a hundred.
        ("a typical line repeated, 10x", "Call mom tomorrow 5pm 30m !1 #work ".repeat(2860)),
    ];
    for (what, line) in &long_lines {
        let t = time(20, || {
            black_box(parse(black_box(line), now, tz));
        });
        println!("one line of {} chars, {what}: {:.3} ms (best of 20)", line.chars().count(), t.as_secs_f64() * 1e3);
    }
}
