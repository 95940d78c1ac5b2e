//! `miraage-cli lock|unlock ID` on a real SQLite file, under the test clock: a task's block
//! and a habit's session, named by the block's id or its event's.

use assert_cmd::Command;
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, HabitPeriod};
use miraage_services::habits::{self, HabitDraft};
use miraage_services::tasks::{self, TaskInput};
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const ZONE: Tz = chrono_tz::Europe::Berlin;

fn at(hour: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, 23, hour, 0, 0).unwrap().with_timezone(&Utc)
}

/// A database with "Write report" (1 h) and the daily habit "Piano" (1 h, 18:00-20:00)
/// accepted on Monday 2026-11-23, and the test clock at 08:00 that day.
fn db(dir: &Path) -> (PathBuf, PathBuf) {
    let path = dir.join("m.db");
    let mut store = miraage_store::Store::open(&path).unwrap();
    let input = TaskInput { title: "Write report".into(), estimate_min: Some(60), ..TaskInput::default() };
    tasks::add(&mut store, input).unwrap();
    let piano = HabitDraft {
        title: "Piano".into(),
        minutes: 60,
        per: Some(HabitPeriod::Day),
        windows: vec!["daily 18:00-20:00".into()],
        ..HabitDraft::default()
    };
    habits::add(&mut store, ZONE, at(8), &piano).unwrap();
    miraage_services::planning::plan_range(&mut store, ZONE, at(8), at(8), at(23)).unwrap();
    miraage_services::planning::accept_all(&mut store, ZONE).unwrap();
    let now = dir.join("now");
    std::fs::write(&now, at(8).to_rfc3339()).unwrap();
    (path, now)
}

fn cli(db: &Path, now: &Path) -> Command {
    let mut cmd = Command::cargo_bin("miraage-cli").unwrap();
    cmd.env_remove("MIRAAGE_DB").env("MIRAAGE_NOW_FILE", now).arg("--db").arg(db).args(["--tz", "Europe/Berlin"]);
    cmd
}

#[test]
fn lock_and_unlock_a_habit_session_and_a_task_block_by_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (db, now) = db(dir.path());
    let store = miraage_store::Store::open(&db).unwrap();
    let session = store.habit_blocks_in_state(BlockState::Accepted).unwrap().remove(0);
    let block = store.blocks_in_state(BlockState::Accepted).unwrap().remove(0);
    drop(store);

    let event = session.event_id.clone().unwrap().to_string();
    cli(&db, &now)
        .args(["lock", &event])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Locked “Piano” at Mon 18:00: re-plans keep it there"));
    cli(&db, &now)
        .args(["lock", block.id.as_str()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Locked “Write report”"));
    let store = miraage_store::Store::open(&db).unwrap();
    assert_eq!(store.habit_block(&session.id).unwrap().unwrap().state, BlockState::Locked);
    assert_eq!(store.plan_block(&block.id).unwrap().state, BlockState::Locked);
    drop(store);

    cli(&db, &now)
        .args(["unlock", session.id.as_str()])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Unlocked “Piano” at Mon 18:00"));
    let store = miraage_store::Store::open(&db).unwrap();
    assert_eq!(store.habit_block(&session.id).unwrap().unwrap().state, BlockState::Accepted);
    drop(store);
    cli(&db, &now)
        .args(["lock", "no-such-block"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no longer in your plan"));
}
