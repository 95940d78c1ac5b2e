//! Two years of history, 20,000 blocks with outcomes and 3,000 meetings, in a real SQLite
//! file; prints how long the analytics view's queries take (target: under 50 ms each).
//! Prints numbers and asserts nothing:
//!
//! ```sh
//! cargo run --release -p miraage-services --example history_bench
//! ```

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, Event, EventTime, PlanBlock, PlanBlockId, Task};
use miraage_services::history::analytics::{analytics, Period};
use miraage_services::history::{export, learn, review};
use miraage_store::{Outcome, Store};
use std::time::Instant;

const ZONE: Tz = chrono_tz::Europe::Berlin;
const BLOCKS: i64 = 20_000;
const MEETINGS: i64 = 3_000;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    // HISTORY_BENCH_DB keeps the database at that path, to look at its queries afterwards.
    let path = std::env::var_os("HISTORY_BENCH_DB").map_or_else(|| dir.path().join("bench.db"), Into::into);
    let mut store = Store::open(&path).expect("store");
    let defaults = store.local_defaults().expect("defaults");
    let now: DateTime<Utc> = ZONE.with_ymd_and_hms(2026, 11, 30, 18, 0, 0).unwrap().with_timezone(&Utc);
    let first = now - Duration::days(730);
    let started = Instant::now();

    // 400 tasks over 6 projects and 5 tags, 50 blocks each, spread over two years of workdays.
    let (projects, tags) =
        (["book", "ops", "study", "home", "sales", "web"], ["writing", "email", "deep", "review", "admin"]);
    let mut tasks = Vec::new();
    for i in 0..400 {
        let mut t = Task::new(defaults.task_list.clone(), format!("Task {i}"));
        t.estimate_min = Some(60 + (i % 8) * 30);
        t.project = Some(projects[i as usize % projects.len()].into());
        t.tags = vec![tags[i as usize % tags.len()].into()];
        store.save_task(&t).expect("task");
        tasks.push(t);
    }
    let per_day = BLOCKS / 730 + 1;
    let blocks: Vec<PlanBlock> = (0..BLOCKS)
        .map(|i| {
            let start = first + Duration::days(i / per_day) + Duration::hours(8 + (i % per_day) * 2 % 10);
            PlanBlock {
                id: PlanBlockId::new(),
                task_id: tasks[(i % 400) as usize].id.clone(),
                start,
                end: start + Duration::minutes(30 + (i % 4) * 15),
                state: BlockState::Proposed,
                event_id: None,
            }
        })
        .collect();
    store.replace_proposed_blocks(&blocks).expect("blocks");
    for (i, b) in blocks.iter().enumerate() {
        store.set_block_state(&b.id, BlockState::Accepted, None).expect("accept");
        let (outcome, minutes) = match i % 10 {
            0 => (Outcome::Missed, None),
            1 => (Outcome::Skipped, None),
            2 | 3 => (Outcome::Partly, Some(20)),
            _ => (Outcome::Done, Some(25 + (i as u32 % 7) * 10)),
        };
        if b.end < now - Duration::days(2) {
            store.record_outcome(&b.id, outcome, minutes, now).expect("outcome");
        }
    }
    let meetings: Vec<Event> = (0..MEETINGS)
        .map(|i| {
            let start = first + Duration::days(i * 730 / MEETINGS) + Duration::hours(10);
            Event::single(
                defaults.calendar.clone(),
                format!("Meeting {i}"),
                EventTime::timed(start, start + Duration::minutes(45), ZONE).expect("time"),
            )
        })
        .collect();
    store.upsert_events(&meetings).expect("meetings");
    for t in tasks.iter().take(300) {
        store.set_task_status(&t.id, miraage_domain::TaskStatus::Completed).expect("done");
    }
    println!("seeded {BLOCKS} blocks, {MEETINGS} meetings, 400 tasks in {:.1} s", started.elapsed().as_secs_f64());

    // Wall time, and the time this thread was on a CPU (Linux: /proc/thread-self/schedstat),
    // which the other builds on a shared machine do not inflate.
    let time = |what: &str, f: &mut dyn FnMut() -> usize| {
        let (mut wall, mut cpu) = (Vec::new(), Vec::new());
        let mut size = 0;
        for _ in 0..9 {
            let (t, c) = (Instant::now(), on_cpu_ms());
            size = f();
            wall.push(t.elapsed().as_secs_f64() * 1000.0);
            cpu.push(on_cpu_ms() - c);
        }
        wall.sort_by(f64::total_cmp);
        cpu.sort_by(f64::total_cmp);
        println!(
            "{what:<42} median {:>6.1} ms  max {:>6.1} ms  on CPU median {:>5.1} ms  ({size} rows)",
            wall[4], wall[8], cpu[4]
        );
    };
    time("analytics, 12 weeks", &mut || analytics(&store, ZONE, now, Period::Week, 12).unwrap().rows.len());
    time("analytics, 104 weeks (two years)", &mut || {
        analytics(&store, ZONE, now, Period::Week, 104).unwrap().rows.len()
    });
    time("analytics, 24 months", &mut || analytics(&store, ZONE, now, Period::Month, 24).unwrap().by_key.len());
    let range = miraage_domain::TimeRange::new(first, now).expect("range");
    time("  of which: every block visited (store)", &mut || {
        let mut n = 0;
        store.each_history_block(first, now, |_| n += 1).unwrap();
        n
    });
    time("  of which: two years of meetings (store)", &mut || store.busy_spans(&range).unwrap().len());
    time("history table (every block)", &mut || export::rows(&store, None).unwrap().len());
    time("estimate learner (fit)", &mut || learn::learner(&store).unwrap().factors().len());
    let mut store = store;
    time("review", &mut || review::review(&mut store, ZONE, now).unwrap().items.len());
}

/// Milliseconds this thread has run on a CPU (0 where the kernel does not say).
fn on_cpu_ms() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e6)
}
