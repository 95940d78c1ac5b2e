//! Failure mapping against servers that misbehave on purpose (a few lines of TCP each).

mod support;

use miraage_sync::caldav::{CalDavClient, Credentials, Timeouts};
use miraage_sync::{CalendarProvider, Cursor, RemoteCalendar, SyncError};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

/// Answers every connection with `response` (a whole HTTP response) until the test ends.
fn canned_server(response: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut buf = [0u8; 8192];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(response.as_bytes());
        }
    });
    url
}

fn calendar() -> RemoteCalendar {
    RemoteCalendar { href: "/bob/work/".into(), name: None, color: None, components: vec![], ctag: None, sync_token: None }
}

fn etag_cursor() -> Cursor {
    Cursor::Etags { ctag: None, etags: Default::default() }
}

#[tokio::test]
async fn xml_that_is_not_multistatus_is_a_bad_response_naming_the_calendar() {
    let url = canned_server("HTTP/1.1 207 Multi-Status\r\nContent-Type: text/html\r\nContent-Length: 20\r\nConnection: close\r\n\r\n<html>login</html>\r\n");
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw-secret")).unwrap();
    let err = client.changes_since(&calendar(), Some(&etag_cursor())).await.unwrap_err();
    let SyncError::BadResponse { url: named, reason } = &err else { panic!("{err:?}") };
    assert!(named.ends_with("/bob/work/"), "{named}");
    assert!(reason.contains("multistatus"), "{reason}");
    assert!(!err.to_string().contains("pw-secret"));
}

#[tokio::test]
async fn a_server_error_is_transient() {
    let url = canned_server("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    let err = client.changes_since(&calendar(), Some(&etag_cursor())).await.unwrap_err();
    assert!(matches!(err, SyncError::Transient { .. }) && err.is_retryable(), "{err:?}");
}

#[tokio::test]
async fn a_closed_port_is_transient() {
    let url = format!("http://127.0.0.1:{}/", support::free_port());
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    let err = client.list_calendars().await.unwrap_err();
    assert!(matches!(&err, SyncError::Transient { reason, .. } if reason == "cannot connect"), "{err:?}");
}

#[tokio::test]
async fn a_silent_server_times_out_as_transient() {
    // Accepts and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let timeouts = Timeouts { connect: Duration::from_secs(2), request: Duration::from_millis(300) };
    let client = CalDavClient::with_timeouts(&url, Credentials::new("bob", "pw"), &timeouts).unwrap();
    let err = client.changes_since(&calendar(), Some(&etag_cursor())).await.unwrap_err();
    assert!(matches!(&err, SyncError::Transient { reason, .. } if reason == "timed out"), "{err:?}");
    drop(listener);
}
