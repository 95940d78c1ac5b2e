//! The CLI against input it should not choke on (issue 19): a closed pipe, absurd values,
//! terminal escape sequences in titles.

mod support;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use support::{cli, db};

#[test]
fn a_reader_that_stops_early_does_not_make_the_cli_panic() {
    let (_dir, db) = db();
    cli(&db).args(["demo", "--today", "2026-11-25"]).assert().success();
    // Decades of a weekly series: far more than a pipe buffer holds.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("miraage-cli"))
        .env_remove("MIRAAGE_DB")
        .arg("--db")
        .arg(&db)
        .args(["events", "--from", "2026-01-01", "--to", "2060-01-01"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is gone (like `| head -1`).
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!first.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "exit 101 is a panic: {stderr}");
}

#[test]
fn absurd_estimates_and_due_dates_are_refused_by_name() {
    let (_dir, db) = db();
    for (args, named) in [
        (vec!["tasks", "add", "Eternal", "-e", "4294967295"], "estimate"),
        (vec!["tasks", "add", "Eternal", "-e", "99999999h"], "duration"),
        (vec!["tasks", "add", "Ancient", "-d", "0000-01-01"], "due"),
        (vec!["tasks", "add", "Far", "-d", "9999-12-31"], "due"),
    ] {
        let out = cli(&db).args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} was accepted");
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {stderr}");
        assert!(stderr.contains(named), "{args:?}: {stderr}");
    }
    assert!(String::from_utf8_lossy(&cli(&db).args(["tasks", "list", "--all"]).output().unwrap().stdout)
        .contains("No tasks"));
}

#[test]
fn escape_sequences_in_titles_are_not_sent_raw_to_the_terminal() {
    let (_dir, db) = db();
    cli(&db).args(["tasks", "add", "Pay \u{1b}[31mrent\u{1b}[0m\u{7}", "--literal"]).assert().success();
    let out = cli(&db).args(["tasks", "list"]).output().unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.iter().any(|b| *b == 0x1b || *b == 0x07), "{:?}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Pay"));
    // JSON keeps the title exactly (escaped as JSON does).
    let json = cli(&db).args(["tasks", "list", "--json"]).output().unwrap();
    assert!(String::from_utf8_lossy(&json.stdout).contains("\\u001b[31mrent"));
}

/// Writes `body` (content lines) inside a VCALENDAR next to the database and returns its path.
fn ics_file(dir: &std::path::Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{body}END:VCALENDAR\r\n")).unwrap();
    path
}

#[test]
fn a_series_too_dense_for_the_week_is_shown_cut_with_a_note_naming_it() {
    let (dir, db) = db();
    let file = ics_file(
        dir.path(),
        "tick.ics",
        "BEGIN:VEVENT\r\nUID:t\r\nSUMMARY:Tick\r\nDTSTART:19970101T000000Z\r\nDURATION:PT1S\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n",
    );
    cli(&db).arg("import").arg(&file).assert().success();
    let out = cli(&db).args(["events", "--from", "2025-06-02", "--to", "2025-06-09"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 10_000);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim(), "note: \"Tick\": series too dense, showing the first 10000");
}

#[test]
fn repairs_are_listed_with_their_lines_and_a_failed_import_prints_no_imported_line() {
    let (dir, db) = db();
    let file = ics_file(
        dir.path(),
        "holidays.ics",
        "X-WR-CALNAME:Holidays\r\nBEGIN:VEVENT\r\nUID:h\r\nSUMMARY:Feast\r\nDTSTART;VALUE=DATE:20250603\r\nRRULE:\r\nEND:VEVENT\r\n",
    );
    let out = cli(&db).arg("import").arg(&file).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("Repaired 1 thing(s)") && stdout.contains("line 8: VEVENT \"h\": empty RRULE dropped"),
        "{stdout}"
    );

    // A write-protected database: the import fails before anything is reported as imported.
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    let out = cli(&db).arg("import").arg(&file).output().unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Imported"), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("write-protected"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Reading still works.
    cli(&db).args(["calendars"]).assert().success();
}
