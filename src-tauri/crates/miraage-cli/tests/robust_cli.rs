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
