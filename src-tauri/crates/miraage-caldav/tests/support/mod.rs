//! Test helpers: a real Radicale server per test, and a raw HTTP client playing "another
//! client" that edits the server behind the sync engine's back.

#![allow(dead_code)] // Each test file uses a different subset.

pub mod proxy;

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const USER: &str = "alice";
pub const PASSWORD: &str = "correct horse battery staple";

/// A Radicale 3 server on 127.0.0.1 with its own storage and htpasswd (plain) auth; killed on
/// drop. Needs Radicale 3 importable by Python (see [`python_with_radicale`]).
pub struct Radicale {
    child: Child,
    pub url: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Radicale {
    pub fn start() -> Radicale {
        let python = python_with_radicale();
        let dir = tempfile::tempdir().expect("temp dir");
        let htpasswd = dir.path().join("users");
        std::fs::write(&htpasswd, format!("{USER}:{PASSWORD}\n")).unwrap();
        // An explicit empty config file keeps /etc/radicale and ~/.config out of the test.
        let config = dir.path().join("config");
        std::fs::write(&config, "").unwrap();
        let log = dir.path().join("radicale.log");
        // The port is free when picked but another process may take it before Radicale binds
        // it (tests run in parallel): then Radicale exits and another port is tried.
        for _ in 0..5 {
            let port = free_port();
            let mut child = Command::new(&python)
                .arg("-m")
                .arg("radicale")
                .arg("--config")
                .arg(&config)
                .args(["--server-hosts", &format!("127.0.0.1:{port}")])
                .args(["--auth-type", "htpasswd", "--auth-htpasswd-encryption", "plain"])
                .arg("--auth-htpasswd-filename")
                .arg(&htpasswd)
                .arg("--storage-filesystem-folder")
                .arg(dir.path().join("collections"))
                // No delay after a wrong password: one test sends one on purpose.
                // Info, for the "server ready" line that `wait_until_listening` waits for.
                .args(["--auth-delay", "0", "--logging-level", "info"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).unwrap())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {python}: {e}"));
            match wait_until_listening(&mut child, port, &log) {
                Ok(()) => return Radicale { child, url: format!("http://127.0.0.1:{port}/"), log, _dir: dir },
                Err(log_text) if log_text.contains("Address already in use") => continue,
                Err(log_text) => panic!("Radicale exited before answering:\n{log_text}"),
            }
        }
        panic!("Radicale found no free port in 5 tries");
    }

    pub fn log_text(&self) -> String {
        read_log(&self.log)
    }

    /// "Another client": a raw authenticated request; returns the status, ETag and body.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, Option<String>, String) {
        let url = format!("{}{}", self.url.trim_end_matches('/'), path);
        let mut rb = reqwest::Client::new()
            .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url)
            .basic_auth(USER, Some(PASSWORD))
            .body(body.to_string());
        for (k, v) in headers {
            rb = rb.header(*k, *v);
        }
        let resp = rb.send().await.expect("raw request");
        let status = resp.status().as_u16();
        let etag = resp.headers().get("etag").map(|v| v.to_str().unwrap().to_string());
        (status, etag, resp.text().await.unwrap())
    }

    /// Creates a calendar collection with a name and colour (MKCALENDAR, RFC 4791 §5.3.1).
    pub async fn make_calendar(&self, path: &str, name: &str, color: &str) {
        self.make_collection(path, name, color, &["VEVENT"]).await
    }

    /// Creates a calendar collection for these component kinds (VEVENT, VTODO).
    pub async fn make_collection(&self, path: &str, name: &str, color: &str, comps: &[&str]) {
        let comps: String = comps.iter().map(|c| format!(r#"<C:comp name="{c}"/>"#)).collect();
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/">
<D:set><D:prop><D:displayname>{name}</D:displayname><A:calendar-color>{color}</A:calendar-color>
<C:supported-calendar-component-set>{comps}</C:supported-calendar-component-set></D:prop></D:set>
</C:mkcalendar>"#
        );
        let (status, _, text) = self.raw("MKCALENDAR", path, &[("Content-Type", "application/xml")], &body).await;
        assert_eq!(status, 201, "MKCALENDAR {path} failed: {text}\n{}", self.log_text());
    }

    /// The body of an item, or `None` if it does not exist.
    pub async fn get(&self, path: &str) -> Option<String> {
        let (status, _, text) = self.raw("GET", path, &[], "").await;
        match status {
            200 => Some(text),
            404 => None,
            other => panic!("GET {path}: {other} {text}"),
        }
    }

    /// The item hrefs in a collection and their bodies (PROPFIND Depth 1, then GET each).
    pub async fn items(&self, collection: &str) -> Vec<(String, String)> {
        let body = r#"<?xml version="1.0"?><D:propfind xmlns:D="DAV:"><D:prop><D:getetag/></D:prop></D:propfind>"#;
        let (status, _, text) =
            self.raw("PROPFIND", collection, &[("Depth", "1"), ("Content-Type", "application/xml")], body).await;
        assert_eq!(status, 207, "PROPFIND {collection}: {text}");
        let mut out = Vec::new();
        for part in text.split("<D:href>").skip(1).chain(text.split("<href>").skip(1)) {
            let href = part.split('<').next().unwrap().to_string();
            if href.ends_with(".ics") {
                let body = self.get(&href).await.unwrap_or_default();
                out.push((href, body));
            }
        }
        out.sort();
        out
    }

    /// Writes an item as another client would (no precondition); returns its etag.
    pub async fn put_raw(&self, path: &str, ics: &str) -> String {
        let (status, etag, text) =
            self.raw("PUT", path, &[("Content-Type", "text/calendar; charset=utf-8")], ics).await;
        assert!(status == 201 || status == 204, "PUT {path}: {status} {text}");
        etag.expect("Radicale returns an ETag on PUT")
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `$MIRAAGE_PYTHON` if set, else the first of `python3` (pip installs) and `/usr/bin/python3`
/// (Debian's `python3-radicale`, when `python3` is another Python) that imports Radicale.
fn python_with_radicale() -> String {
    let candidates: Vec<String> = match std::env::var("MIRAAGE_PYTHON") {
        Ok(p) => vec![p],
        Err(_) => vec!["python3".into(), "/usr/bin/python3".into()],
    };
    let imports = |python: &String| {
        Command::new(python).args(["-c", "import radicale"]).output().is_ok_and(|o| o.status.success())
    };
    match candidates.iter().find(|p| imports(p)) {
        Some(p) => p.clone(),
        None => panic!(
            "these tests need a real Radicale 3 server, but none of {candidates:?} can import radicale; install it with \
             `python3 -m pip install 'radicale>=3.1,<4'` or `apt-get install python3-radicale` (or set MIRAAGE_PYTHON)"
        ),
    }
}

/// Waits until this Radicale says it is ready and the port accepts connections; `Err(log)`
/// if it exited first. A connection alone is not enough: when two tests were handed the same
/// free port, the other test's server answered it, this one exited with "Address already in
/// use" a moment later, and the test failed with "connection refused" once the other test
/// ended and stopped its server.
fn wait_until_listening(child: &mut Child, port: u16, log: &Path) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if child.try_wait().unwrap().is_some() {
            return Err(read_log(log));
        }
        if read_log(log).contains("Radicale server ready") && TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("Radicale did not answer on port {port} within 30 s:\n{}", read_log(log));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn read_log(path: &Path) -> String {
    let mut s = String::new();
    if let Ok(mut f) = std::fs::File::open(path) {
        let _ = f.read_to_string(&mut s);
    }
    s
}

/// A port nothing listens on right now (the OS picks it; the listener is closed at once).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The folder Radicale keeps a user's collection in, for seeding many items fast.
impl Radicale {
    pub fn storage(&self, collection: &str) -> PathBuf {
        self._dir.path().join("collections").join("collection-root").join(collection.trim_matches('/'))
    }
}

/// A one-event calendar object.
pub fn event_ics(uid: &str, summary: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Miraage tests//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260301T090000Z\r\n\
         DTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}
