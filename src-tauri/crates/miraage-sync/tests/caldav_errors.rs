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

/// Reads one HTTP request (headers, then the body by Content-Length); returns the body.
fn read_request(stream: &mut std::net::TcpStream) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            return String::new();
        }
        data.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&data).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap()))
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return String::from_utf8_lossy(&data[end + 4..end + 4 + length]).into_owned();
            }
        }
    }
}

fn reply(status: &str, body: &str) -> String {
    format!("HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
}

#[tokio::test]
async fn a_server_refusing_sync_collection_is_read_by_etag_listing() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let body = read_request(&mut stream);
            let response = if body.contains("sync-collection") {
                reply("501 Not Implemented", "")
            } else if body.contains("calendar-query") {
                reply("207 Multi-Status", r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/bob/work/</d:href><d:propstat><d:prop><d:getetag>"c"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response><d:response><d:href>/bob/work/a.ics</d:href><d:propstat><d:prop><d:getetag>"e1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#)
            } else if body.contains("calendar-multiget") && body.contains("/bob/work/a.ics") {
                reply("207 Multi-Status", r#"<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/bob/work/a.ics</d:href><d:propstat><d:prop><d:getetag>"e1"</d:getetag><c:calendar-data>BEGIN:VCALENDAR&#13;
END:VCALENDAR&#13;
</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#)
            } else {
                reply("400 Bad Request", "")
            };
            let _ = stream.write_all(response.as_bytes());
        }
    });
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    let cal = RemoteCalendar { sync_token: Some("tok".into()), ..calendar() };
    let set = client.changes_since(&cal, None).await.unwrap();
    assert!(set.full);
    let [miraage_sync::Change::Upsert(item)] = set.changes.as_slice() else { panic!("{:?}", set.changes) };
    assert_eq!((item.href.as_str(), item.etag.as_str()), ("/bob/work/a.ics", "\"e1\""));
    assert_eq!(item.ics, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    let Cursor::Etags { etags, .. } = &set.cursor else { panic!("{:?}", set.cursor) };
    // The collection's own response is not an item.
    assert_eq!(etags.keys().collect::<Vec<_>>(), vec!["/bob/work/a.ics"]);
}
