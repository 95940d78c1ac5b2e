//! Initial sync of 10,000 Google-shaped and 10,000 Graph-shaped events from the local fake
//! servers: at the provider level (HTTP over 127.0.0.1, JSON parsing and the mapping into
//! domain events), then through the sync engine into a new SQLite store (what an account's
//! first sync costs). Prints the numbers.
//!
//!     bash .ci/keyring-session.sh cargo bench -p miraage-cloud --bench initial_sync
//!
//! Each calendar holds one-off events, all-day events and weekly series (a tenth of the
//! events), in zones named the way each provider names them.

#[path = "../tests/support/mod.rs"]
mod support;

use miraage_cloud::google::GoogleProvider;
use miraage_cloud::graph::GraphProvider;
use miraage_oauth::fake::FakeAuth;
use miraage_oauth::ProviderKind;
use miraage_sync::{Provider, RemoteChange, RemoteCollection};
use serde_json::json;
use std::time::{Duration, Instant};
use support::google::FakeGoogle;
use support::graph::FakeGraph;

const EVENTS: usize = 10_000;

fn day(i: usize) -> (String, String) {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days((i % 700) as i64);
    (d.to_string(), (d + chrono::Duration::days(1)).to_string())
}

fn seed_google(fake: &FakeGoogle, cal: &str) {
    for i in 0..EVENTS {
        let (d, next) = day(i);
        let id = format!("bench{i:06}");
        let ev = match i % 10 {
            0 => json!({"id": id, "summary": format!("Series {i}"),
                "start": {"dateTime": format!("{d}T09:00:00+01:00"), "timeZone": "Europe/Berlin"},
                "end": {"dateTime": format!("{d}T09:30:00+01:00"), "timeZone": "Europe/Berlin"},
                "recurrence": ["RRULE:FREQ=WEEKLY;COUNT=10"]}),
            1 => json!({"id": id, "summary": format!("All day {i}"), "start": {"date": d}, "end": {"date": next}}),
            _ => {
                json!({"id": id, "summary": format!("Meeting {i}"), "description": "Agenda: status, risks, next steps",
                "location": "Room 1", "start": {"dateTime": format!("{d}T{:02}:00:00Z", 8 + i % 9), "timeZone": "America/New_York"},
                "end": {"dateTime": format!("{d}T{:02}:45:00Z", 8 + i % 9), "timeZone": "America/New_York"}})
            }
        };
        fake.put_event(cal, ev);
    }
}

fn seed_graph(fake: &FakeGraph, cal: &str) {
    for i in 0..EVENTS {
        let (d, next) = day(i);
        let id = format!("AAMkBench{i:06}=");
        let ev = match i % 10 {
            0 => json!({"id": id, "subject": format!("Series {i}"), "isAllDay": false,
                "start": {"dateTime": format!("{d}T09:00:00.0000000"), "timeZone": "W. Europe Standard Time"},
                "end": {"dateTime": format!("{d}T09:30:00.0000000"), "timeZone": "W. Europe Standard Time"},
                "recurrence": {"pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["monday"]},
                    "range": {"type": "numbered", "startDate": d, "numberOfOccurrences": 3}}}),
            1 => json!({"id": id, "subject": format!("All day {i}"), "isAllDay": true,
                "start": {"dateTime": format!("{d}T00:00:00.0000000"), "timeZone": "UTC"},
                "end": {"dateTime": format!("{next}T00:00:00.0000000"), "timeZone": "UTC"}}),
            _ => json!({"id": id, "subject": format!("Meeting {i}"), "isAllDay": false, "showAs": "busy",
                "body": {"contentType": "text", "content": "Agenda: status, risks, next steps"}, "location": {"displayName": "Room 1"},
                "start": {"dateTime": format!("{d}T{:02}:00:00.0000000", 8 + i % 9), "timeZone": "Eastern Standard Time"},
                "end": {"dateTime": format!("{d}T{:02}:45:00.0000000", 8 + i % 9), "timeZone": "Eastern Standard Time"}}),
        };
        fake.put_event(cal, ev);
    }
}

struct Run {
    pages: usize,
    upserts: usize,
    unreadable: usize,
    took: Duration,
}

async fn initial_sync(p: &impl Provider, c: &RemoteCollection) -> Run {
    let started = Instant::now();
    let (mut pages, mut upserts, mut unreadable) = (0, 0, 0);
    let mut cursor: Option<String> = None;
    loop {
        let page = p.changes(c, cursor.as_deref()).await.expect("sync");
        pages += 1;
        for change in &page.changes {
            match change {
                RemoteChange::Upsert(_) => upserts += 1,
                RemoteChange::Unreadable { .. } => unreadable += 1,
                RemoteChange::Removed { .. } => {}
            }
        }
        cursor = Some(page.cursor);
        if !page.more {
            break;
        }
    }
    Run { pages, upserts, unreadable, took: started.elapsed() }
}

fn report(name: &str, page_size: u32, seed: Duration, run: &Run) {
    println!(
        "{name:<26} {EVENTS} events, {page_size} per page: seeded in {:>6.0} ms; initial sync {:>6.0} ms over {} pages \
         ({:.0} events/s), {} items read, {} unreadable",
        seed.as_secs_f64() * 1e3,
        run.took.as_secs_f64() * 1e3,
        run.pages,
        EVENTS as f64 / run.took.as_secs_f64(),
        run.upserts,
        run.unreadable
    );
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let auth = FakeAuth::start().await;

    let google = FakeGoogle::start(auth.clone()).await;
    google.add_calendar("bench@example.com", "Bench", "#9fe1e7", "owner");
    let t = Instant::now();
    seed_google(&google, "bench@example.com");
    let seeded = t.elapsed();
    let mut gp = GoogleProvider::with_endpoints(
        support::session(&auth, ProviderKind::Google, "bench-google"),
        &google.calendar_api,
        &google.tasks_api,
    )
    .unwrap();
    gp.event_page_size = 2500;
    let cal = gp.collections().await.unwrap().into_iter().find(|c| c.holds_events && !c.read_only).unwrap();
    let run = initial_sync(&gp, &cal).await;
    assert_eq!(run.upserts, EVENTS);
    report("Google Calendar v3", gp.event_page_size, seeded, &run);
    engine_sync("Google, engine + store", &gp, miraage_domain::Provider::Google, "bench@example.com").await;

    let graph = FakeGraph::start(auth.clone()).await;
    graph.add_calendar("AAMkBenchCal=", "Bench", "auto", "#e3008c", true);
    let t = Instant::now();
    seed_graph(&graph, "AAMkBenchCal=");
    let seeded = t.elapsed();
    let mut mp =
        GraphProvider::with_endpoint(support::session(&auth, ProviderKind::Microsoft, "bench-graph"), &graph.api)
            .unwrap();
    mp.window_past_days = 2000;
    mp.window_future_days = 2000;
    for page_size in [100, 1000] {
        mp.page_size = page_size;
        let cal = mp.collections().await.unwrap().into_iter().find(|c| c.holds_events).unwrap();
        let run = initial_sync(&mp, &cal).await;
        // A series whose occurrences straddle two pages has its master read on both.
        assert!(run.upserts >= EVENTS, "singles, all-day events and one master per series");
        report("Microsoft Graph v1.0", page_size, seeded, &run);
    }
    engine_sync("Graph, engine + store", &mp, miraage_domain::Provider::Microsoft, "AAMkBenchCal=").await;
}

/// The account's first sync through the engine into a fresh SQLite file: the fetch above
/// plus storing every event with its remote reference, page by page with its cursor.
async fn engine_sync(name: &str, p: &impl Provider, kind: miraage_domain::Provider, calendar: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = miraage_store::Store::open(&dir.path().join("bench.db")).unwrap();
    let account = store.add_account(name, kind, None, None).unwrap();
    let store = std::sync::Mutex::new(store);
    let started = Instant::now();
    let report = miraage_sync::engine::Engine::new(&store, p, account).run().await.expect("engine sync");
    let took = started.elapsed();
    let pulled: usize = report.collections.iter().map(|c| c.pulled).sum();
    let stored = store.lock().unwrap().count_events().unwrap();
    let calendars = report.collections.len();
    println!(
        "{name:<26} initial sync of {calendars} collection(s) incl. {calendar}: {:>6.0} ms, {pulled} items applied, {stored} event rows stored ({:.0} items/s)",
        took.as_secs_f64() * 1e3,
        pulled as f64 / took.as_secs_f64()
    );
}
