//! Bad servers and bad content, through the sync engine with ICS subscriptions: each gives a
//! clear error for its own calendar, the others keep syncing, nothing local is lost.

use miraage_accounts::SyncContext;
use miraage_secrets::Keyring;
use miraage_store::Store;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const GOOD: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Feed//EN\r\nX-WR-CALNAME:Holidays\r\n\
    BEGIN:VEVENT\r\nUID:h1@feed\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260501\r\nDTEND;VALUE=DATE:20260502\r\nSUMMARY:Labour Day\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nUID:h2@feed\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261226\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n\
    END:VCALENDAR\r\n";

/// A feed server: `/good.ics` (with ETag and 304), `/flip.ics` (good until `broken` is
/// set, then garbage), `/garbage.ics`, `/huge.ics`, `/loop` (redirects to itself), and it
/// counts full answers of /good.ics.
struct Feeds {
    url: String,
    port: u16,
    broken: Arc<AtomicBool>,
    good_bodies: Arc<std::sync::atomic::AtomicUsize>,
}

async fn feeds() -> Feeds {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let broken = Arc::new(AtomicBool::new(false));
    let good_bodies = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (b, g) = (broken.clone(), good_bodies.clone());
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else { return };
            let (b, g) = (b.clone(), g.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let n = sock.read(&mut buf).await.unwrap_or(0);
                let req = String::from_utf8_lossy(&buf[..n]).to_string();
                let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
                let conditional = req.lines().any(|l| l.to_ascii_lowercase().starts_with("if-none-match: \"v1\""));
                let answer = |status: &str, extra: &str, body: &str| {
                    format!(
                        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
                        body.len()
                    )
                };
                let text = match path.as_str() {
                    "/good.ics" if conditional => answer("304 Not Modified", "ETag: \"v1\"\r\n", ""),
                    "/good.ics" => {
                        g.fetch_add(1, Ordering::SeqCst);
                        answer("200 OK", "Content-Type: text/calendar\r\nETag: \"v1\"\r\n", GOOD)
                    }
                    "/flip.ics" if b.load(Ordering::SeqCst) => {
                        answer("200 OK", "", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n")
                    }
                    "/flip.ics" => answer("200 OK", "", GOOD),
                    "/garbage.ics" => answer(
                        "200 OK",
                        "Content-Type: text/html\r\n",
                        "<html><body>Sign in to see this calendar</body></html>",
                    ),
                    "/huge.ics" => {
                        "HTTP/1.1 200 OK\r\nContent-Length: 900000000\r\nConnection: close\r\n\r\nBEGIN:VCALENDAR\r\n"
                            .to_string()
                    }
                    "/loop" => answer("302 Found", "Location: /loop\r\n", ""),
                    _ => answer("404 Not Found", "", ""),
                };
                let _ = sock.write_all(text.as_bytes()).await;
                let _ = sock.shutdown().await;
            });
        }
    });
    Feeds { url: format!("http://127.0.0.1:{port}"), port, broken, good_bodies }
}

fn context() -> SyncContext {
    SyncContext {
        keyring: Keyring::with_service("app.miraage.test.unused"),
        zone: chrono_tz::UTC,
        cloud: Default::default(),
        pins: Default::default(),
    }
}

fn count(store: &Mutex<Store>, calendar: &str) -> usize {
    let s = store.lock().unwrap();
    let cal = s.calendar_by_name(calendar).unwrap().unwrap_or_else(|| panic!("no calendar {calendar}"));
    s.events_of_calendar(&cal.id).unwrap().len()
}

#[tokio::test]
async fn adding_a_subscription_checks_it_first_and_refuses_what_is_not_a_calendar() {
    let f = feeds().await;
    let store = Mutex::new(Store::open_in_memory().unwrap());
    let ctx = context();
    for (path, expect) in [
        ("/garbage.ics", "not an iCalendar file"),
        ("/huge.ics", "larger than the 32 MB limit"),
        ("/loop", "too many redirects"),
        ("/missing.ics", "HTTP 404"),
    ] {
        let err = ctx.add_ics(&store, path, &format!("{}{path}", f.url)).await.unwrap_err();
        assert!(err.to_string().contains(expect), "{path}: {err}");
        assert!(err.to_string().contains(&format!("127.0.0.1:{}", f.port)), "names the server: {err}");
    }
    let err = ctx.add_ics(&store, "tls", &format!("https://127.0.0.1:{}/good.ics", f.port)).await.unwrap_err();
    assert!(err.to_string().contains("secure connection failed"), "{err}");
    assert!(store.lock().unwrap().remote_accounts().unwrap().is_empty(), "nothing was added");

    let account = ctx.add_ics(&store, "Holidays", &format!("{}/good.ics", f.url)).await.unwrap();
    let report = ctx.sync(&store, &account, true, &|_| {}).await.unwrap();
    assert_eq!(report.collections[0].pulled, 2, "{report:?}");
    let cal = store.lock().unwrap().calendar_by_name("Holidays").unwrap().unwrap();
    assert!(cal.read_only);
    // A read-only calendar refuses local edits instead of queueing what can never be sent.
    let mut e = store.lock().unwrap().events_of_calendar(&cal.id).unwrap().remove(0);
    e.summary = "mine".into();
    let err = store.lock().unwrap().upsert_events(&[e]).unwrap_err();
    assert!(err.to_string().contains("read-only"), "{err}");
}

#[tokio::test]
async fn a_refresh_is_conditional_and_a_broken_feed_keeps_what_was_synced() {
    let f = feeds().await;
    let store = Mutex::new(Store::open_in_memory().unwrap());
    let ctx = context();
    let good = ctx.add_ics(&store, "Holidays", &format!("{}/good.ics", f.url)).await.unwrap();
    let flip = ctx.add_ics(&store, "Flip", &format!("{}/flip.ics", f.url)).await.unwrap();
    for a in [&good, &flip] {
        ctx.sync(&store, a, true, &|_| {}).await.unwrap();
    }
    assert_eq!((count(&store, "Holidays"), count(&store, "Flip")), (2, 2));
    let fetched = f.good_bodies.load(Ordering::SeqCst);
    // Unchanged feed: a 304, no body, nothing rewritten.
    let again = ctx.sync(&store, &good, true, &|_| {}).await.unwrap();
    assert_eq!(f.good_bodies.load(Ordering::SeqCst), fetched, "the refresh used If-None-Match");
    assert_eq!(again.collections[0].pulled, 0);

    // The flip feed turns to garbage: its calendar reports it and keeps its events; the
    // other subscription syncs on.
    f.broken.store(true, Ordering::SeqCst);
    let broken = ctx.sync(&store, &flip, true, &|_| {}).await.unwrap();
    let error = broken.collections[0].error.clone().expect("an error for the broken feed");
    assert!(error.contains("flip.ics") && error.contains("iCalendar"), "{error}");
    assert_eq!(count(&store, "Flip"), 2, "nothing local lost");
    let statuses = store.lock().unwrap().account_statuses().unwrap();
    let flip_status = statuses.iter().find(|s| s.account.name == "Flip").unwrap();
    assert_eq!(flip_status.errors.len(), 1, "{statuses:?}");
    assert!(ctx.sync(&store, &good, true, &|_| {}).await.unwrap().is_clean());
    // Healed: the error clears.
    f.broken.store(false, Ordering::SeqCst);
    assert!(ctx.sync(&store, &flip, true, &|_| {}).await.unwrap().is_clean());
    assert!(store.lock().unwrap().account_statuses().unwrap().iter().all(|s| s.errors.is_empty()));
}
