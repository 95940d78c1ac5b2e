//! `miraage-cli` accounts and sync, end to end: the real binary, a real Radicale server, the
//! real keyring (run under `.ci/keyring-session.sh`), a real SQLite file, and a sync killed
//! with SIGKILL in the middle of sending.

#[path = "../../miraage-caldav/tests/support/mod.rs"]
mod support;

use assert_cmd::cargo::cargo_bin;
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::{event_ics, Radicale, PASSWORD, USER};

const WORK: &str = "/alice/work/";

/// The CLI on `db`, with secrets filed under a keyring service of this test's own.
fn cli(db: &Path, service: &str) -> Command {
    let mut cmd = Command::new(cargo_bin("miraage-cli"));
    cmd.arg("--db").arg(db).args(["--tz", "UTC"]).env("MIRAAGE_KEYRING_SERVICE", service);
    cmd
}

fn run(cmd: &mut Command, stdin: &str) -> Output {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn accounts(db: &Path, service: &str) -> Vec<Value> {
    serde_json::from_str(&ok(run(cli(db, service).args(["accounts", "--json"]), ""))).unwrap()
}

#[tokio::test]
async fn caldav_account_sync_and_a_killed_sync_resumed() {
    let server = Radicale::start();
    server.make_calendar(WORK, "Work", "#3366ff").await;
    server.put_raw("/alice/work/standup.ics", &event_ics("standup@other", "Standup")).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("miraage.db");
    let service = format!("app.miraage.test.cli.{}", std::process::id());

    // A wrong password is refused, not echoed, and adds nothing.
    let out = run(
        cli(&db, &service).args(["account", "add", "caldav", &server.url, "--user", USER, "--name", "Home"]),
        "wrong-password-123\n",
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("refused the user name or password") && !err.contains("wrong-password-123"), "{err}");
    assert!(accounts(&db, &service).is_empty());

    // The right one: discovered, listed, synced; the password is in the keyring only.
    let added = ok(run(
        cli(&db, &service).args(["account", "add", "caldav", &server.url, "--user", USER, "--name", "Home"]),
        &format!("{PASSWORD}\n"),
    ));
    assert!(added.contains("Home / Work: 1 fetched"), "{added}");
    let list = accounts(&db, &service);
    assert_eq!(
        (list[0]["name"].as_str(), list[0]["collections"].as_u64(), list[0]["pending"].as_u64()),
        (Some("Home"), Some(1), Some(0))
    );
    let events: Vec<Value> = serde_json::from_str(&ok(run(
        cli(&db, &service).args(["events", "--from", "2026-03-01", "--to", "2026-03-08", "--json"]),
        "",
    )))
    .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!((events[0]["summary"].as_str(), events[0]["calendar"].as_str()), (Some("Standup"), Some("Work")));
    drop(run(cli(&db, &service).args(["sync"]), ""));
    let bytes = std::fs::read(&db).unwrap();
    let wal = std::fs::read(db.with_extension("db-wal")).unwrap_or_default();
    for file in [&bytes, &wal] {
        assert!(!file.windows(PASSWORD.len()).any(|w| w == PASSWORD.as_bytes()), "the password is not in the database");
    }

    // 150 events imported into the synced calendar are queued; a sync is killed while
    // sending them; the next sync sends the rest: no duplicate, nothing lost.
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n");
    for i in 0..150 {
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:bulk-{i}@test\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260304T{:02}{:02}00Z\r\nDURATION:PT10M\r\nSUMMARY:Bulk {i:03}\r\nEND:VEVENT\r\n",
            8 + i / 60,
            i % 60
        ));
    }
    ics.push_str("END:VCALENDAR\r\n");
    let file = dir.path().join("bulk.ics");
    std::fs::write(&file, ics).unwrap();
    ok(run(cli(&db, &service).arg("import").arg(&file).args(["--calendar", "Work"]), ""));
    assert_eq!(accounts(&db, &service)[0]["pending"].as_u64(), Some(150));
    let mut child = cli(&db, &service).arg("sync").stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let n = std::fs::read_dir(server.storage(WORK))
            .map(|d| d.filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "ics")).count())
            .unwrap_or(0);
        if n >= 40 {
            break;
        }
        assert!(Instant::now() < deadline, "the sync did not get going");
        assert!(child.try_wait().unwrap().is_none(), "the sync finished before it could be killed");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let pending = accounts(&db, &service)[0]["pending"].as_u64().unwrap();
    assert!(pending > 0 && pending < 150, "{pending} edits left after the kill");
    ok(run(cli(&db, &service).arg("sync"), ""));
    assert_eq!(accounts(&db, &service)[0]["pending"].as_u64(), Some(0));
    let on_server = server.items(WORK).await;
    assert_eq!(on_server.len(), 151, "150 imported + the standup, each once");
    let events: Vec<Value> = serde_json::from_str(&ok(run(
        cli(&db, &service).args(["events", "--from", "2026-03-01", "--to", "2026-03-08", "--json"]),
        "",
    )))
    .unwrap();
    assert_eq!(events.len(), 151);

    // Removing the account removes its data and its password.
    let id = accounts(&db, &service)[0]["id"].as_str().unwrap().to_string();
    let keyring = miraage_secrets::Keyring::with_service(&service);
    let stored =
        keyring.get(&id, miraage_secrets::SecretKind::Password).unwrap().expect("the password is in the keyring");
    assert_eq!(stored.expose(), PASSWORD);
    ok(run(cli(&db, &service).args(["account", "remove", "Home"]), ""));
    assert!(accounts(&db, &service).is_empty());
    assert_eq!(keyring.get(&id, miraage_secrets::SecretKind::Password).unwrap(), None);
}
