//! Sync benchmark against a local Radicale: the initial sync of 10,000 events into a fresh
//! SQLite store, then an incremental sync after 10 changes by another client. Prints times;
//! asserts nothing about them.
//!
//!     cargo bench -p miraage-sync --bench sync_radicale [-- EVENTS]

#[path = "../tests/support/mod.rs"]
mod support;

use miraage_caldav::{CalDavClient, CalDavProvider, Credentials};
use miraage_store::Store;
use miraage_sync::engine::Engine;
use std::sync::Mutex;
use std::time::Instant;
use support::{event_ics, Radicale, PASSWORD, USER};

const WORK: &str = "/alice/work/";

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let server = Radicale::start();
        server.make_calendar(WORK, "Work", "#3366ff").await;
        // Seed the collection's folder directly (as if another client had written them): a
        // PUT per event would make the set-up the benchmark.
        let t = Instant::now();
        let folder = server.storage(WORK);
        for i in 0..n {
            let day = 1 + (i % 28);
            let ics = event_ics(&format!("bench-{i}@other"), &format!("Event {i}"))
                .replace("20260302T09", &format!("202603{day:02}T{:02}", 6 + i % 12))
                .replace("20260302T10", &format!("202603{day:02}T{:02}", 7 + i % 12));
            std::fs::write(folder.join(format!("bench-{i}.ics")), ics).unwrap();
        }
        println!("seeded {n} events into Radicale's storage in {:.2} s", t.elapsed().as_secs_f64());

        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
        let account =
            store.add_account("Bench", miraage_domain::Provider::CalDav, Some(&server.url), Some(USER)).unwrap();
        let store = Mutex::new(store);
        let provider = CalDavProvider::new(
            CalDavClient::new(&server.url, Credentials::new(USER, PASSWORD)).unwrap(),
            chrono_tz::UTC,
        );
        let engine = Engine::new(&store, &provider, account);

        // The server's and the client's share: the same fetch without storing anything.
        use miraage_sync::Provider;
        let collections = provider.collections().await.unwrap();
        let t = Instant::now();
        let fetched = provider.changes(&collections[0], None).await.unwrap();
        println!(
            "fetch and parse only (Radicale + HTTP + iCalendar): {:.2} s for {} items",
            t.elapsed().as_secs_f64(),
            fetched.changes.len()
        );

        let t = Instant::now();
        let report = engine.run().await.unwrap();
        let initial = t.elapsed();
        assert_eq!(report.collections[0].pulled, n, "{report:?}");
        println!(
            "initial sync of {n} events: {:.2} s ({:.0} events/s)",
            initial.as_secs_f64(),
            n as f64 / initial.as_secs_f64()
        );

        for i in 0..10 {
            server
                .put_raw(
                    &format!("{WORK}bench-{i}.ics"),
                    &event_ics(&format!("bench-{i}@other"), &format!("Changed {i}")),
                )
                .await;
        }
        let t = Instant::now();
        let report = engine.run().await.unwrap();
        let incremental = t.elapsed();
        assert_eq!(report.collections[0].pulled, 10, "{report:?}");
        println!("incremental sync with 10 changes: {:.1} ms", incremental.as_secs_f64() * 1000.0);

        let t = Instant::now();
        engine.run().await.unwrap();
        println!("sync with nothing changed: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    });
}
