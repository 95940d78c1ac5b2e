//! The CalDAV client against scripted servers (a few lines of TCP each): failure mapping,
//! fallbacks and redirects that Radicale does not exercise.

mod support;

use miraage_caldav::{CalDavClient, Credentials, Cursor, RemoteCalendar, Timeouts};
use miraage_sync::SyncError;
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
    RemoteCalendar {
        href: "/bob/cal/".into(),
        name: None,
        color: None,
        components: vec![],
        ctag: None,
        sync_token: None,
    }
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
    assert!(named.ends_with("/bob/cal/"), "{named}");
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
    let timeouts =
        Timeouts { connect: Duration::from_secs(2), request: Duration::from_millis(300), ..Timeouts::default() };
    let client = CalDavClient::with_timeouts(&url, Credentials::new("bob", "pw"), &timeouts).unwrap();
    let err = client.changes_since(&calendar(), Some(&etag_cursor())).await.unwrap_err();
    assert!(matches!(&err, SyncError::Transient { reason, .. } if reason == "timed out"), "{err:?}");
    drop(listener);
}

/// Reads one HTTP request (headers, then the body by Content-Length); returns its request
/// line (`PROPFIND /dav/ HTTP/1.1`) and body.
fn read_request(stream: &mut std::net::TcpStream) -> (String, String) {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            return (String::new(), String::new());
        }
        data.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&data).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                let line = text.lines().next().unwrap_or_default().to_string();
                return (line, String::from_utf8_lossy(&data[end + 4..end + 4 + length]).into_owned());
            }
        }
    }
}

/// A server answering each request with `route(request line, body)`, until the test ends.
fn routed_server(route: impl Fn(&str, &str) -> String + Send + 'static) -> String {
    routed_server_on("127.0.0.1", route)
}

/// As [`routed_server`], on the loopback address `ip`.
fn routed_server_on(ip: &str, route: impl Fn(&str, &str) -> String + Send + 'static) -> String {
    let listener = TcpListener::bind((ip, 0)).unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let (line, body) = read_request(&mut stream);
            let _ = stream.write_all(route(&line, &body).as_bytes());
        }
    });
    url
}

fn reply(status: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test]
async fn a_server_refusing_sync_collection_is_read_by_etag_listing() {
    let url = routed_server(|_, body| {
        if body.contains("sync-collection") {
            reply("501 Not Implemented", "")
        } else if body.contains("calendar-query") {
            reply(
                "207 Multi-Status",
                r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/bob/cal/</d:href><d:propstat><d:prop><d:getetag>"c"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response><d:response><d:href>/bob/cal/a.ics</d:href><d:propstat><d:prop><d:getetag>"e1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#,
            )
        } else if body.contains("calendar-multiget") && body.contains("/bob/cal/a.ics") {
            reply(
                "207 Multi-Status",
                r#"<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/bob/cal/a.ics</d:href><d:propstat><d:prop><d:getetag>"e1"</d:getetag><c:calendar-data>BEGIN:VCALENDAR&#13;
END:VCALENDAR&#13;
</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#,
            )
        } else {
            reply("400 Bad Request", "")
        }
    });
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    let cal = RemoteCalendar { sync_token: Some("tok".into()), ..calendar() };
    let set = client.changes_since(&cal, None).await.unwrap();
    assert!(set.full);
    let [miraage_caldav::Change::Upsert(item)] = set.changes.as_slice() else { panic!("{:?}", set.changes) };
    assert_eq!((item.href.as_str(), item.etag.as_str()), ("/bob/cal/a.ics", "\"e1\""));
    assert_eq!(item.ics, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    let Cursor::Etags { etags, .. } = &set.cursor else { panic!("{:?}", set.cursor) };
    // The collection's own response is not an item.
    assert_eq!(etags.keys().collect::<Vec<_>>(), vec!["/bob/cal/a.ics"]);
}

const PRINCIPAL_AT: &str = r#"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/</d:href><d:propstat><d:prop><d:current-user-principal><d:href>/dav/principals/bob/</d:href></d:current-user-principal></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;
const HOME_AT: &str = r#"<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:response><d:href>/dav/principals/bob/</d:href><d:propstat><d:prop><c:calendar-home-set><d:href>/dav/calendars/bob/</d:href></c:calendar-home-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#;

#[tokio::test]
async fn discovery_follows_a_well_known_redirect_as_propfind() {
    let url = routed_server(|line, _| {
        match line {
            l if l.starts_with("PROPFIND /.well-known/caldav ") => {
                "HTTP/1.1 301 Moved Permanently\r\nLocation: /dav/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string()
            }
            // reqwest's own redirect handling would have turned the PROPFIND into a GET.
            l if l.starts_with("PROPFIND /dav/ ") => reply("207 Multi-Status", PRINCIPAL_AT),
            l if l.starts_with("PROPFIND /dav/principals/bob/ ") => reply("207 Multi-Status", HOME_AT),
            _ => reply("405 Method Not Allowed", ""),
        }
    });
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    assert_eq!(client.calendar_home().await.unwrap().path(), "/dav/calendars/bob/");
}

#[tokio::test]
async fn discovery_falls_back_to_the_given_url_without_well_known() {
    let url = routed_server(|line, _| match line {
        l if l.starts_with("PROPFIND /dav/ ") => reply("207 Multi-Status", PRINCIPAL_AT),
        l if l.starts_with("PROPFIND /dav/principals/bob/ ") => reply("207 Multi-Status", HOME_AT),
        _ => reply("404 Not Found", ""),
    });
    let client = CalDavClient::new(&format!("{url}dav/"), Credentials::new("bob", "pw")).unwrap();
    assert_eq!(client.calendar_home().await.unwrap().path(), "/dav/calendars/bob/");
}

#[tokio::test]
async fn a_redirect_to_another_host_is_refused() {
    let url = routed_server(|_, _| {
        "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.invalid/dav/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_string()
    });
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    let err = client.list_calendars().await.unwrap_err();
    assert!(matches!(&err, SyncError::Insecure { reason, .. } if reason.contains("elsewhere.invalid")), "{err:?}");
}

#[tokio::test]
async fn discovery_never_sends_the_password_to_another_host() {
    // The account's server names a principal on another host (another loopback address):
    // that host must not receive a single request, so never the Basic password.
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = asked.clone();
    let other = routed_server_on("127.0.0.2", move |_, _| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        reply("207 Multi-Status", HOME_AT)
    });
    let principal_elsewhere = PRINCIPAL_AT.replace("/dav/principals/bob/", &format!("{other}dav/principals/bob/"));
    let url = routed_server(move |line, _| match line {
        l if l.starts_with("PROPFIND /.well-known/caldav ") => reply("207 Multi-Status", &principal_elsewhere),
        _ => reply("404 Not Found", ""),
    });
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw-secret")).unwrap();
    let err = client.calendar_home().await.unwrap_err();
    let SyncError::Insecure { reason, .. } = &err else { panic!("{err:?}") };
    assert!(reason.contains("127.0.0.2"), "the other host is named: {reason}");
    assert!(!err.to_string().contains("pw-secret"));
    assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 0, "the other host was asked nothing");
}

#[test]
fn plain_http_is_refused_for_a_server_that_is_not_on_this_computer() {
    for url in ["http://dav.example.com/", "http://192.168.1.20:5232/"] {
        let err = CalDavClient::new(url, Credentials::new("bob", "pw")).err().expect(url);
        let SyncError::Insecure { reason, .. } = &err else { panic!("{url}: {err:?}") };
        assert!(reason.contains("https://"), "says what to do: {reason}");
    }
    for url in ["http://localhost:5232/", "http://127.0.0.1:5232/", "http://[::1]:5232/", "https://dav.example.com/"] {
        assert!(CalDavClient::new(url, Credentials::new("bob", "pw")).is_ok(), "{url}");
    }
}

fn etag_response(href: &str, etag: &str) -> String {
    format!(
        r#"<d:response><d:href>{href}</d:href><d:propstat><d:prop><d:getetag>"{etag}"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"#
    )
}

fn data_response(href: &str, etag: &str) -> String {
    format!(
        r#"<d:response><d:href>{href}</d:href><d:propstat><d:prop><d:getetag>"{etag}"</d:getetag><c:calendar-data>BEGIN:VCALENDAR
END:VCALENDAR
</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"#
    )
}

fn multistatus(inner: &str) -> String {
    reply(
        "207 Multi-Status",
        &format!(r#"<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">{inner}</d:multistatus>"#),
    )
}

#[tokio::test]
async fn a_truncated_sync_report_is_continued_until_complete() {
    let url = routed_server(|_, body| {
        if body.contains("<d:sync-token/>") {
            // First page: one member, and a 507 on the collection saying there is more.
            let truncated = r#"<d:response><d:href>/bob/cal/</d:href><d:status>HTTP/1.1 507 Insufficient Storage</d:status></d:response>"#;
            multistatus(&format!("{}{truncated}<d:sync-token>t1</d:sync-token>", etag_response("/bob/cal/a.ics", "a1")))
        } else if body.contains("<d:sync-token>t1</d:sync-token>") {
            let gone = r#"<d:response><d:href>/bob/cal/old.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>"#;
            multistatus(&format!("{}{gone}<d:sync-token>t2</d:sync-token>", etag_response("/bob/cal/b.ics", "b1")))
        } else if body.contains("calendar-multiget") && body.contains("a.ics") && body.contains("b.ics") {
            multistatus(&format!("{}{}", data_response("/bob/cal/a.ics", "a1"), data_response("/bob/cal/b.ics", "b1")))
        } else {
            reply("400 Bad Request", "")
        }
    });
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    let cal = RemoteCalendar { sync_token: Some("t0".into()), ..calendar() };
    let set = client.changes_since(&cal, None).await.unwrap();
    assert_eq!(set.cursor, Cursor::SyncToken("t2".into()));
    let mut hrefs: Vec<String> = set
        .changes
        .iter()
        .map(|c| match c {
            miraage_caldav::Change::Upsert(i) => format!("upsert {}", i.href),
            miraage_caldav::Change::Deleted(h) => format!("deleted {h}"),
        })
        .collect();
    hrefs.sort();
    assert_eq!(hrefs, vec!["deleted /bob/cal/old.ics", "upsert /bob/cal/a.ics", "upsert /bob/cal/b.ics"]);
}

#[tokio::test]
async fn a_multiget_that_leaves_a_member_out_is_a_bad_response() {
    let url = routed_server(|_, body| {
        if body.contains("calendar-query") {
            multistatus(&format!("{}{}", etag_response("/bob/cal/a.ics", "a1"), etag_response("/bob/cal/b.ics", "b1")))
        } else if body.contains("calendar-multiget") {
            multistatus(&data_response("/bob/cal/a.ics", "a1"))
        } else {
            reply("400 Bad Request", "")
        }
    });
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    let err = client.changes_since(&calendar(), Some(&etag_cursor())).await.unwrap_err();
    assert!(matches!(&err, SyncError::BadResponse { reason, .. } if reason.contains("/bob/cal/b.ics")), "{err:?}");
}

#[tokio::test]
async fn an_etag_that_cannot_be_a_header_is_not_retried() {
    let url = canned_server("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    let client = CalDavClient::new(&url, Credentials::new("bob", "pw")).unwrap();
    let err = client.delete("/bob/cal/a.ics", Some("\"bad\netag\"")).await.unwrap_err();
    assert!(matches!(err, SyncError::BadResponse { .. }) && !err.is_retryable(), "{err:?}");
}
