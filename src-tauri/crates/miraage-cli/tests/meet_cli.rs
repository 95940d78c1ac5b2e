//! `meet find|book|extend|share|reschedule-day|types|people` in the exact forms scripts rely on, on a
//! real SQLite file, with the test clock at Monday 23 November 2026 07:00 in Berlin.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

struct Env {
    _dir: tempfile::TempDir,
    db: PathBuf,
    clock: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().unwrap();
    let clock = dir.path().join("now");
    std::fs::write(&clock, "2026-11-23T06:00:00Z").unwrap();
    Env { db: dir.path().join("m.db"), clock, _dir: dir }
}

fn cli(e: &Env) -> Command {
    let mut cmd = Command::cargo_bin("miraage-cli").unwrap();
    cmd.env_remove("MIRAAGE_DB").env("MIRAAGE_NOW_FILE", &e.clock).env("MIRAAGE_TZ", "Europe/Berlin");
    cmd.arg("--db").arg(&e.db);
    cmd
}

fn json(e: &Env, args: &[&str]) -> Value {
    let out = cli(e).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn uid_of(e: &Env, title: &str) -> String {
    let events = json(e, &["events", "--from", "2026-11-23", "--to", "2026-11-30", "--json"]);
    let found = events.as_array().unwrap().iter().find(|o| o["summary"] == title).expect(title);
    found["uid"].as_str().unwrap().to_string()
}

fn add_event(e: &Env, title: &str, start: &str, end: &str) {
    cli(e).args(["events", "add", title, "--start", start, "--end", end]).assert().success();
}

#[test]
fn find_prints_slots_with_start_end_and_who_is_busy_or_unknown() {
    let e = env();
    add_event(&e, "Design review", "2026-11-23T09:00", "2026-11-23T11:00");
    let out = cli(&e)
        .args(["meet", "find", "--duration", "60", "--from", "2026-11-23", "--to", "2026-11-24"])
        .args(["--attendee", "ana@example.com", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nothing is known of ana@example.com's calendar"));
    let slots: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(slots[0]["start"], "2026-11-23T10:00:00Z", "11:00 Berlin, right after the review");
    assert_eq!(slots[0]["end"], "2026-11-23T11:00:00Z");
    assert_eq!(slots[0]["busy"], serde_json::json!([{"email": "ana@example.com", "state": "unknown"}]));
    cli(&e)
        .args(["meet", "find", "--duration", "60", "--from", "2026-11-23", "--to", "2026-11-24"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("1. Mon 23 Nov 11:00–12:00  everyone free"));
}

#[test]
fn book_then_extend_refused_naming_what_is_in_the_way_with_a_non_zero_exit() {
    let e = env();
    cli(&e)
        .args(["meet", "book", "--start", "2026-11-23T10:00", "--title", "Sync with Ana", "--duration", "60"])
        .args(["--attendee", "ana@example.com"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("booked “Sync with Ana”"));
    add_event(&e, "Design review", "2026-11-23T11:20", "2026-11-23T12:00");
    let uid = uid_of(&e, "Sync with Ana");
    cli(&e).args(["meet", "extend", &uid, "--minutes", "30"]).assert().failure().stderr(predicate::str::contains(
        "“Sync with Ana” cannot be extended by 30 min: “Design review” on your calendar from 11:20. \
             The nearest extension that fits: 20 min (to 11:20).",
    ));
    cli(&e)
        .args(["meet", "extend", &uid, "--minutes", "15"])
        .assert()
        .success()
        .stdout(predicate::str::contains("“Sync with Ana” now ends at 11:15."));
}

#[test]
fn share_prints_a_line_per_day_in_the_recipients_zone_and_writes_a_vfreebusy() {
    let e = env();
    add_event(&e, "Busy morning", "2026-11-23T09:00", "2026-11-23T12:00");
    let ics = e.db.with_file_name("free.ics");
    cli(&e)
        .args(["meet", "share", "--duration", "60", "--from", "2026-11-23", "--to", "2026-11-24"])
        .args(["--tz", "America/New_York", "--ics"])
        .arg(&ics)
        .assert()
        .success()
        .stdout("Mon 23 Nov: 07:00–11:30 (America/New_York)\n");
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("BEGIN:VFREEBUSY\r\n"), "{text}");
    assert!(text.contains("FREEBUSY;FBTYPE=FREE:20261123T120000Z/20261123T163000Z\r\n"), "{text}");
}

#[test]
fn share_hold_writes_tentative_events_that_a_booking_in_one_releases() {
    let e = env();
    add_event(&e, "Busy morning", "2026-11-23T09:00", "2026-11-23T12:00");
    let ics = e.db.with_file_name("holds.ics");
    cli(&e)
        .args(["meet", "share", "--duration", "60", "--from", "2026-11-23", "--to", "2026-11-25"])
        .args(["--hold", "--title", "Intro call", "--holds", "--ics"])
        .arg(&ics)
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "Held 3 time(s) on “Personal” as “Held: Intro call” until a meeting is booked in one; \
             free them with `meet holds release`.\n",
        ));
    // The file offers the times as tentative events, not free/busy.
    let text = std::fs::read_to_string(&ics).unwrap();
    assert_eq!(text.matches("BEGIN:VEVENT\r\n").count(), 3, "{text}");
    assert_eq!(text.matches("STATUS:TENTATIVE\r\n").count(), 3, "{text}");
    assert!(text.contains("SUMMARY:Intro call\r\n") && !text.contains("VFREEBUSY"), "{text}");
    let held = json(&e, &["meet", "holds", "list", "--json"]);
    assert_eq!(held.as_array().unwrap().len(), 3, "{held}");
    assert_eq!(held[0]["start"], "2026-11-23T12:00:00Z");
    assert_eq!(held[0]["title"], "Held: Intro call");
    cli(&e)
        .args(["meet", "holds", "list"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Mon 23 Nov 13:00–17:30  Held: Intro call  (Personal)\n"));
    // Another share finds nothing free: held times are the user's own busy time.
    cli(&e)
        .args(["meet", "share", "--duration", "60", "--from", "2026-11-23", "--to", "2026-11-25", "--hold"])
        .assert()
        .success()
        .stdout("No free time of that length in that range: nothing held.\n");
    cli(&e)
        .args(["meet", "book", "--start", "2026-11-24T10:00", "--title", "Intro call", "--duration", "30"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Released the 3 time(s) held with it.\n"));
    assert_eq!(json(&e, &["meet", "holds", "list", "--json"]), serde_json::json!([]));
    // Held again, then released by hand.
    cli(&e)
        .args(["meet", "share", "--duration", "60", "--from", "2026-11-25", "--to", "2026-11-26", "--hold"])
        .assert()
        .success();
    cli(&e).args(["meet", "holds", "release"]).assert().success().stdout("Released 2 held time(s).\n");
    cli(&e)
        .args(["meet", "holds", "release"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("No shared times are held"));
    // Tentative holds in a file need a file.
    cli(&e)
        .args(["meet", "share", "--duration", "60", "--from", "2026-11-25", "--to", "2026-11-26", "--holds"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--ics"));
}

#[test]
fn decline_refuses_meetings_without_an_answer_of_the_users() {
    let e = env();
    let ics = e.db.with_file_name("budget.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Another client//EN\r\nBEGIN:VEVENT\r\nUID:budget-1@example.com\r\n\
         DTSTAMP:20261101T090000Z\r\nDTSTART:20261124T090000Z\r\nDTEND:20261124T100000Z\r\nSUMMARY:Budget\r\n\
         ORGANIZER;CN=Bruno Lima:mailto:bruno@example.com\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:ana@example.com\r\n\
         END:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    cli(&e).arg("import").arg(&ics).assert().success();
    // No account says which attendee is the user here.
    cli(&e).args(["meet", "decline", "budget-1@example.com"]).assert().failure().stderr(predicate::str::contains(
        "You are not among the attendees of “Budget”: there is no answer of yours to send.",
    ));
    cli(&e)
        .args(["meet", "book", "--start", "2026-11-23T10:00", "--title", "Sync with Ana", "--duration", "30"])
        .args(["--attendee", "ana@example.com"])
        .assert()
        .success();
    cli(&e)
        .args(["meet", "decline", &uid_of(&e, "Sync with Ana")])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not among the attendees of “Sync with Ana”"));
    cli(&e)
        .args(["meet", "decline", "gone@example.com"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("This event no longer exists"));
}

#[test]
fn meeting_types_are_added_listed_used_and_deleted() {
    let e = env();
    cli(&e)
        .args(["meet", "types", "add", "Intro", "--duration", "30", "--buffer-before", "15", "--location", "Room 2"])
        .assert()
        .success()
        .stdout("Intro  30 min  buffers 15/0 min  work hours  Room 2\n");
    let slots = json(&e, &["meet", "find", "--type", "intro", "--from", "2026-11-23", "--to", "2026-11-24", "--json"]);
    assert_eq!(slots[0]["end"], "2026-11-23T08:30:00Z", "30 minutes from 09:00 Berlin");
    cli(&e).args(["meet", "types", "delete", "Intro"]).assert().success();
    cli(&e)
        .args(["meet", "find", "--type", "Intro", "--from", "2026-11-23", "--to", "2026-11-24"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("There is no meeting type called “Intro”"));
}

#[test]
fn reschedule_day_prints_the_proposal_and_accept_moves_the_meeting() {
    let e = env();
    add_event(&e, "Planning", "2026-11-24T10:00", "2026-11-24T11:00");
    let proposal = json(&e, &["meet", "reschedule-day", "2026-11-24", "--json"]);
    let item = &proposal["items"][0];
    assert_eq!((item["title"].as_str(), item["action"].as_str()), (Some("Planning"), Some("move")));
    assert_eq!(item["proposed_start"], "2026-11-25T08:00:00Z");
    assert!(proposal["replan"].is_null());
    cli(&e).args(["meet", "reschedule-day", "2026-11-24", "--accept"]).assert().success();
    let moved = json(&e, &["events", "--from", "2026-11-25", "--to", "2026-11-26", "--json"]);
    assert_eq!(moved[0]["summary"], "Planning");
    assert_eq!(moved[0]["start"], "2026-11-25T08:00:00Z");
}

#[test]
fn bad_input_exits_non_zero_with_a_sentence() {
    let e = env();
    for (args, said) in [
        (vec!["--duration", "0", "--from", "2026-11-23", "--to", "2026-11-24"], "A meeting needs a duration"),
        (vec!["--duration", "2880", "--from", "2026-11-23", "--to", "2026-11-24"], "longer than a meeting can be"),
        (vec!["--duration", "30", "--from", "2026-11-01", "--to", "2026-11-02"], "That range is over"),
        (vec!["--duration", "30", "--from", "2026-11-23", "--to", "2027-03-01"], "at most 62 days"),
        (
            vec!["--duration", "30", "--from", "2026-11-23", "--to", "2026-11-24", "--attendee", "ana"],
            "not an e-mail address",
        ),
    ] {
        cli(&e).args(["meet", "find"]).args(&args).assert().failure().stderr(predicate::str::contains(said));
    }
    cli(&e)
        .args(["meet", "reschedule-day", "2026-11-29"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Nothing on Sun 29 Nov can be moved"));
    let events = json(&e, &["events", "--from", "2026-11-23", "--to", "2026-12-01", "--json"]);
    assert_eq!(events, serde_json::json!([]), "nothing written");
}

#[test]
fn people_lists_past_meetings_attendees_most_met_first_one_line_each() {
    let e = env();
    for (start, title, who) in [
        ("2026-11-23T10:00", "Kick-off", &["ana@example.com", "bo@example.com"][..]),
        ("2026-11-24T10:00", "Sync", &["Ana@example.com"]),
    ] {
        let mut cmd = cli(&e);
        cmd.args(["meet", "book", "--start", start, "--title", title, "--duration", "30"]);
        for w in who {
            cmd.args(["--attendee", w]);
        }
        cmd.assert().success();
    }
    cli(&e)
        .args(["meet", "people"])
        .assert()
        .success()
        .stdout("ana@example.com · 2 meetings · last 24 Nov 2026\nbo@example.com · 1 meeting · last 23 Nov 2026\n");
    let found = json(&e, &["meet", "people", "BO", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["email"], "bo@example.com");
    assert_eq!(found[0]["meetings"], 1);
    cli(&e)
        .args(["meet", "people", "carl"])
        .assert()
        .success()
        .stdout("No one in your past meetings matches “carl”.\n");
}
