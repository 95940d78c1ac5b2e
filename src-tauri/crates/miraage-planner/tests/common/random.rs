//! Random planning problems for property tests and benches: several zones, horizons that
//! cross DST changes, hours sets with night windows inside DST gaps and across midnight,
//! off-grid and zero-length events, dependencies, hard dues, caps, buffers, breaks between
//! blocks of a task, locked and pinned blocks (some outside their hours, on events or on each
//! other, as a user may drag them) and habits. Deterministic in the seed.
#![allow(dead_code)]

use serde_json::{json, Value};

pub struct R(u64);

impl R {
    pub fn new(seed: u64) -> R {
        R(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407))
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

/// (zone, local start date): each start lies a few days before a DST change of its zone,
/// except the last two (no change; a half-hour offset zone).
const STARTS: [(&str, &str); 6] = [
    ("Europe/Berlin", "2027-03-25"),
    ("Europe/Berlin", "2027-10-28"),
    ("America/New_York", "2027-03-11"),
    ("America/New_York", "2027-11-04"),
    ("Australia/Sydney", "2027-04-01"),
    ("Asia/Kolkata", "2026-11-23"),
];

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn hm(m: u64) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// Local wall time `day + minutes` in the zone, as RFC 3339 (resolved like the format).
fn at(tz: &str, date: &str, minutes: i64) -> String {
    use chrono::TimeZone;
    let tz: chrono_tz::Tz = tz.parse().expect("zone");
    let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    let naive = d.and_hms_opt(0, 0, 0).expect("midnight") + chrono::Duration::minutes(minutes);
    let dt = tz.from_local_datetime(&naive).earliest().unwrap_or_else(|| {
        tz.from_local_datetime(&(naive + chrono::Duration::hours(1))).earliest().expect("after gap")
    });
    dt.fixed_offset().to_rfc3339()
}

pub struct Size {
    pub tasks: u64,
    pub days: i64,
    pub events_per_day: u64,
}

pub fn problem(seed: u64, size: &Size) -> Value {
    let mut r = R::new(seed);
    let (tz, date) = *r.pick(&STARTS);
    let day_min = 24 * 60;
    let now_min = 7 * 60 + r.below(4 * 60) as i64 + if r.chance(20) { 2 } else { 0 };
    let now = at(tz, date, now_min);
    let horizon = at(tz, date, size.days * day_min);
    let mut work = serde_json::Map::new();
    let ws = 8 * 60 + 30 * r.below(3);
    for d in &DAYS[..5] {
        work.insert((*d).into(), json!([[hm(ws), "12:30"], ["13:15", hm(16 * 60 + 30 * r.below(4))]]));
    }
    let mut personal = serde_json::Map::new();
    for d in &DAYS[..5] {
        personal.insert((*d).into(), json!([["18:30", "22:00"]]));
    }
    personal.insert("sat".into(), json!([["20:00", "24:00"]]));
    personal.insert("sun".into(), json!([["00:00", "03:30"], ["10:00", "18:00"]]));
    let night = json!({"sun": [["01:00", "04:00"]], "sat": [["22:00", "24:00"]]});
    let mut busy = Vec::new();
    for day in 0..size.days {
        for _ in 0..r.below(size.events_per_day * 2 + 1) {
            let start = day * day_min + 8 * 60 + (r.below(10 * 12) * 5) as i64 + if r.chance(5) { 3 } else { 0 };
            let len = *r.pick(&[0i64, 15, 30, 60, 90, 120]);
            busy.push(json!({"id": format!("e{}", busy.len()), "start": at(tz, date, start), "end": at(tz, date, start + len)}));
        }
    }
    let mut tasks = Vec::new();
    for i in 0..size.tasks {
        let hours = *r.pick(&["work", "work", "work", "personal", "night"]);
        let dur = if r.chance(3) { 5 * (1 + r.below(40)) + 2 } else { 5 * (1 + r.below(60)) };
        let (mn, mx) = if r.chance(50) {
            let mn = 5 * (1 + r.below(12));
            (mn, mn + 5 * r.below(24))
        } else {
            (dur, dur)
        };
        let due_min = r.below((size.days * day_min) as u64 + 2 * day_min as u64) as i64 - day_min;
        let has_due = r.chance(60);
        let mut t = json!({
            "id": format!("t{i}"), "title": format!("Task {i}"), "duration_min": dur, "min_chunk_min": mn, "max_chunk_min": mx,
            "priority": 1 + r.below(4), "hours": hours, "project": format!("p{}", r.below(4)),
        });
        if has_due {
            t["due"] = json!(at(tz, date, due_min - due_min.rem_euclid(5)));
            t["hard_due"] = json!(r.chance(30));
        }
        if r.chance(15) {
            t["earliest_start"] = json!(at(tz, date, r.below((size.days * day_min) as u64) as i64 / 5 * 5));
        }
        if i > 0 && r.chance(25) {
            let mut deps = vec![format!("t{}", r.below(i))];
            if i > 1 && r.chance(30) {
                deps.push(format!("t{}", r.below(i)));
            }
            t["depends_on"] = json!(deps);
        }
        tasks.push(t);
    }
    let mut p = json!({
        "version": 1, "timezone": tz, "now": now, "horizon_end": horizon,
        "hours": {"work": work, "personal": personal, "night": night},
        "busy": busy, "tasks": tasks,
        "settings": {"buffer_min": *r.pick(&[0, 0, 5, 10, 7]),
                     "max_task_min_per_day": *r.pick(&[Value::Null, Value::Null, json!(240), json!(97)])},
    });
    if r.chance(30) {
        let mut prev = Vec::new();
        for _ in 0..r.below(6) {
            let t = r.below(size.tasks.max(1));
            let s = (r.below((size.days * day_min) as u64) as i64) / 5 * 5;
            let len = 5 * (1 + r.below(24)) as i64;
            prev.push(json!({"task": format!("t{t}"), "start": at(tz, date, s), "end": at(tz, date, s + len), "locked": r.chance(50)}));
        }
        p["previous_plan"] = json!(prev);
    }
    if r.chance(25) {
        p["habits"] = json!([
            {"id": "lunch", "minutes": 45, "per": "day", "priority": 1,
             "window": {"days": DAYS, "start": "12:00", "end": "14:00"}},
            {"id": "study", "minutes": 300, "per": "week", "min_chunk_min": 60, "max_chunk_min": 90,
             "window": {"days": &DAYS[..5], "start": "18:00", "end": "22:00"}, "project": "study"}
        ]);
    }
    // Drawn last, so the draws above give the problems they gave before these were added.
    p["settings"]["task_break_min"] = json!(*r.pick(&[0, 0, 10, 15, 30, 60]));
    if r.chance(35) && size.tasks > 0 {
        p["pinned"] = json!(pins(&mut r, tz, date, size, now_min));
    }
    p
}

/// Blocks a user placed: anywhere after now, any length, on any task.
fn pins(r: &mut R, tz: &str, date: &str, size: &Size, now_min: i64) -> Vec<Value> {
    let day_min = 24 * 60;
    let first = (now_min + 5) / 5 * 5;
    (0..1 + r.below(4))
        .map(|_| {
            let s = first + (r.below((size.days * day_min - first).max(1) as u64) as i64) / 5 * 5;
            let len = 5 * (1 + r.below(24)) as i64;
            json!({"task": format!("t{}", r.below(size.tasks)), "start": at(tz, date, s),
                   "end": at(tz, date, (s + len).min(size.days * day_min))})
        })
        .collect()
}
