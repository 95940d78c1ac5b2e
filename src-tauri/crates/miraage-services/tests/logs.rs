//! The log after real work: a CalDAV account added with its password (kept in the real
//! keyring: run under `.ci/keyring-session.sh`), a sync from a real Radicale that brings an
//! event, a sync that fails for an account whose URL carries credentials, an ICS feed that
//! needs repairs, and a plan. The log file then records each of them (the feed's repairs with
//! their lines), and holds neither the password, nor the credentials of the URL, nor the
//! event's title; the Diagnostics view reads the syncs back and its report holds none of
//! them either.

#[path = "../../miraage-caldav/tests/support/mod.rs"]
#[allow(unused_imports)]
mod support;

use chrono_tz::Tz;
use miraage_secrets::Secret;
use miraage_services::{accounts, diagnostics, logging, planning, sync};
use miraage_store::Store;
use std::sync::Mutex;
use support::{event_ics, Radicale, PASSWORD, USER};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const TITLE: &str = "Dentist with Dr Quillfeather";
const URL_SECRET: &str = "hunter2-in-the-url";

/// A feed with an empty RRULE line (dropped, as other calendar apps do) on 127.0.0.1.
async fn broken_feed() -> String {
    let body = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Holidays//EN\r\nBEGIN:VEVENT\r\nUID:h1@example.com\r\n\
        DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nRRULE:\r\nSUMMARY:Holiday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://127.0.0.1:{}/holidays.ics", listener.local_addr().unwrap().port());
    tokio::spawn(async move {
        while let Ok((mut tcp, _)) = listener.accept().await {
            let mut buf = vec![0u8; 8192];
            let _ = tcp.read(&mut buf).await;
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = tcp.write_all(format!("{head}{body}").as_bytes()).await;
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sync_with_a_password_leaves_a_log_without_secrets_or_titles() {
    let logs = tempfile::tempdir().unwrap();
    logging::init(logs.path(), tracing::Level::DEBUG).unwrap();
    let server = Radicale::start();
    server.make_calendar("/alice/home/", "Home", "#3366ffff").await;
    server.put_raw("/alice/home/dentist.ics", &event_ics("dentist@example.com", TITLE)).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Mutex::new(Store::open(&dir.path().join("miraage.db")).unwrap());
    let zone = Tz::Europe__Berlin;

    accounts::add_caldav(&store, zone, "Home server", &server.url, USER, &Secret::new(PASSWORD), None).await.unwrap();
    let broken = format!("http://alice:{URL_SECRET}@127.0.0.1:{}/dav/", support::free_port());
    store
        .lock()
        .unwrap()
        .add_account("Old server", miraage_domain::Provider::CalDav, Some(&broken), Some(USER))
        .unwrap();
    accounts::add_ics(&store, zone, "Holidays", &broken_feed().await).await.unwrap();
    sync::sync_accounts(&store, zone, None, true, &|_, _| {}, &|_| {}).await.unwrap();
    planning::plan(&mut store.lock().unwrap(), zone, chrono::Utc::now()).unwrap();

    let text = std::fs::read_to_string(logs.path().join(logging::FILE_NAME)).unwrap();
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("one JSON object a line");
    }
    for needle in [
        "account added",
        "sync finished",
        "plan made",
        "Home server",
        "Old server",
        "up to date",
        "failed",
        "subscription read",
    ] {
        assert!(text.contains(needle), "{needle:?} in the log:\n{text}");
    }
    for secret in [PASSWORD, URL_SECRET, TITLE, "Quillfeather"] {
        assert!(!text.contains(secret), "{secret:?} leaked into the log:\n{text}");
    }
    assert!(
        text.lines().any(|l| l.contains("subscription line") && l.contains("repaired") && l.contains("line 8")),
        "the feed's repair is logged with its line:\n{text}"
    );

    let view = diagnostics::view(&store.lock().unwrap(), logs.path(), "debug").unwrap();
    let home = view.accounts.iter().find(|a| a.name == "Home server").unwrap();
    assert_eq!(home.syncs[0].outcome, "up to date", "{view:?}");
    assert_eq!(home.syncs[0].pulled, 1);
    let old = view.accounts.iter().find(|a| a.name == "Old server").unwrap();
    assert!(old.syncs[0].outcome.starts_with("failed: "), "{view:?}");
    assert!(view.report.contains("Account Home server (caldav)") && view.report.contains("Last log lines:"));
    for secret in [PASSWORD, URL_SECRET, TITLE] {
        assert!(!view.report.contains(secret), "{secret:?} leaked into the report:\n{}", view.report);
    }
}
