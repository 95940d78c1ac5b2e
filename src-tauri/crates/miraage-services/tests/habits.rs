//! Habits and hour sets through the use cases, over a real SQLite file: pausing drops a
//! habit's ghosts, an hour set in use by a habit is not deleted, focus time is checked
//! against its hour set, names of work and personal are reserved.

#[allow(dead_code)] // the helpers of synced lists are for other test files
mod common;

use chrono::{TimeZone, Utc};
use common::db;
use miraage_domain::{BlockState, HabitKind, HabitPeriod};
use miraage_services::habits::{self, HabitDraft, HourSetDraft};
use miraage_services::{planning, ErrorCode};

const ZONE: chrono_tz::Tz = chrono_tz::Europe::Berlin;

fn study() -> HabitDraft {
    HabitDraft {
        title: "Study Spanish".into(),
        minutes: 300,
        per: Some(HabitPeriod::Week),
        session: Some((60, 90)),
        windows: vec!["mon-fri 18:00-22:00".into()],
        ..HabitDraft::default()
    }
}

#[test]
fn pausing_a_habit_drops_its_ghosts_and_resuming_plans_it_again() {
    let mut db = db();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0).unwrap();
    habits::add(&mut db.store, ZONE, now, &study()).unwrap();
    let plan = planning::plan(&mut db.store, ZONE, now).unwrap();
    assert!(plan.ghosts.iter().any(|g| g.title == "Study Spanish"));
    let paused = habits::set_paused(&mut db.store, ZONE, now, "Study Spanish", true).unwrap();
    assert!(paused.paused);
    assert!(db.store.habit_blocks_in_state(BlockState::Proposed).unwrap().is_empty());
    assert!(!planning::plan(&mut db.store, ZONE, now).unwrap().ghosts.iter().any(|g| g.title == "Study Spanish"));
    habits::set_paused(&mut db.store, ZONE, now, "study spanish", false).unwrap();
    assert!(planning::plan(&mut db.store, ZONE, now).unwrap().ghosts.iter().any(|g| g.title == "Study Spanish"));
}

#[test]
fn an_hour_set_used_by_a_habit_is_not_deleted_and_work_and_personal_are_reserved() {
    let mut db = db();
    let now = Utc::now();
    let deep = HourSetDraft { name: "Deep work".into(), windows: vec!["mon-thu 08:00-11:00".into()] };
    habits::save_hour_set(&mut db.store, &deep).unwrap();
    let focus = HabitDraft {
        title: "Focus".into(),
        kind: Some(HabitKind::Focus),
        minutes: 600,
        per: Some(HabitPeriod::Week),
        session: Some((60, 120)),
        hour_set: Some("deep work".into()),
        ..HabitDraft::default()
    };
    let view = habits::add(&mut db.store, ZONE, now, &focus).unwrap();
    assert_eq!(view.hour_set.as_deref(), Some("Deep work"));
    let used = habits::delete_hour_set(&mut db.store, "Deep work").unwrap_err();
    assert_eq!(used.code(), ErrorCode::Invalid);
    assert!(used.to_string().contains("used by “Focus”"), "{used}");

    let too_much = HabitDraft { minutes: 900, ..focus.clone() };
    let e = habits::add(&mut db.store, ZONE, now, &HabitDraft { title: "More focus".into(), ..too_much }).unwrap_err();
    assert!(e.to_string().contains("hour set “Deep work” holds only 720 min a week"), "{e}");

    let work = HourSetDraft { name: "Work".into(), windows: vec!["mon 08:00-09:00".into()] };
    assert!(habits::save_hour_set(&mut db.store, &work).unwrap_err().to_string().contains("planning settings"));
    let same = habits::add(&mut db.store, ZONE, now, &focus).unwrap_err();
    assert!(same.to_string().contains("already a habit called “Focus”"), "{same}");
    habits::delete(&mut db.store, now, "Focus").unwrap();
    habits::delete_hour_set(&mut db.store, "deep work").unwrap();
    assert_eq!(habits::hour_sets(&db.store).unwrap().len(), 2);
}

#[test]
fn editing_pausing_and_resuming_a_habit_keeps_its_accepted_sessions() {
    let mut db = db();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0).unwrap();
    accept_a_study_session(&mut db, now);
    assert_eq!(db_accepted(&db.store), 1);
    habits::edit(&mut db.store, ZONE, now, "Study Spanish", &HabitDraft { priority: Some(1), ..study() }).unwrap();
    assert_eq!(db_accepted(&db.store), 1, "an edit keeps the accepted session");
    habits::set_paused(&mut db.store, ZONE, now, "Study Spanish", true).unwrap();
    habits::set_paused(&mut db.store, ZONE, now, "Study Spanish", false).unwrap();
    assert_eq!(db_accepted(&db.store), 1, "a pause and a resume keep the accepted session");
    let later = now + chrono::Duration::days(4);
    let view = habits::list(&db.store, ZONE, later).unwrap().into_iter().find(|h| h.title == "Study Spanish").unwrap();
    assert_ne!(view.done_min, 0, "the session counts in the progress: {}", view.progress);
}

/// Adds the study goal, plans it and accepts its first session.
fn accept_a_study_session(db: &mut common::Db, now: chrono::DateTime<Utc>) {
    habits::add(&mut db.store, ZONE, now, &study()).unwrap();
    let plan = planning::plan(&mut db.store, ZONE, now).unwrap();
    let ghost = plan.ghosts.iter().find(|g| g.title == "Study Spanish").unwrap().id.clone();
    planning::accept(&mut db.store, ZONE, now, &ghost, None).unwrap();
}

fn db_accepted(store: &miraage_store::Store) -> usize {
    store.habit_blocks_in_state(BlockState::Accepted).unwrap().len()
}

fn habit_titles(db: &common::Db) -> Vec<String> {
    db.store.habits().unwrap().into_iter().map(|h| h.title).collect()
}

#[test]
fn adding_editing_pausing_and_deleting_a_habit_are_undone_and_redone() {
    use miraage_services::undo;
    let mut db = db();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0).unwrap();
    habits::add(&mut db.store, ZONE, now, &study()).unwrap();
    assert_eq!(undo::state(&db.store).unwrap().undo.as_deref(), Some("Undo: added the habit “Study Spanish”"));
    undo::undo(&mut db.store).unwrap();
    assert!(habit_titles(&db).is_empty(), "undoing the add removes it");
    let redone = undo::redo(&mut db.store).unwrap();
    assert_eq!(redone.message, "Redone: added the habit “Study Spanish”");
    assert_eq!(habit_titles(&db), ["Study Spanish"]);

    habits::edit(&mut db.store, ZONE, now, "Study Spanish", &HabitDraft { minutes: 120, ..study() }).unwrap();
    undo::undo(&mut db.store).unwrap();
    assert_eq!(habits::find(&db.store, "Study Spanish").unwrap().minutes, 300, "the edit is undone");

    let plan = planning::plan(&mut db.store, ZONE, now).unwrap();
    assert!(plan.ghosts.iter().any(|g| g.title == "Study Spanish"));
    habits::set_paused(&mut db.store, ZONE, now, "Study Spanish", true).unwrap();
    let out = undo::undo(&mut db.store).unwrap();
    assert_eq!(out.message, "Undone: paused the habit “Study Spanish”");
    assert!(!habits::find(&db.store, "Study Spanish").unwrap().paused, "the pause is undone");
}

#[test]
fn undoing_a_habit_delete_brings_back_its_accepted_session_and_its_event() {
    use miraage_services::undo;
    let mut db = db();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 7, 0, 0).unwrap();
    accept_a_study_session(&mut db, now);
    let session = db.store.habit_blocks_in_state(BlockState::Accepted).unwrap().pop().unwrap();
    let events = db.store.count_events().unwrap();

    habits::delete(&mut db.store, now, "Study Spanish").unwrap();
    assert!(habit_titles(&db).is_empty());
    assert_eq!(db.store.count_events().unwrap(), events - 1, "the session ahead went with its event");
    let out = undo::undo(&mut db.store).unwrap();
    assert_eq!(out.message, "Undone: deleted the habit “Study Spanish”");
    assert_eq!(habit_titles(&db), ["Study Spanish"]);
    assert_eq!(db.store.habit_blocks_in_state(BlockState::Accepted).unwrap(), vec![session], "the session is back");
    assert_eq!(db.store.count_events().unwrap(), events, "and its event");
    undo::redo(&mut db.store).unwrap();
    assert!(habit_titles(&db).is_empty(), "redo deletes it again");
}

#[test]
fn saving_and_deleting_an_hour_set_are_undone_and_an_undo_after_a_change_elsewhere_is_refused() {
    use miraage_services::undo;
    let mut db = db();
    let names = |db: &common::Db| -> Vec<String> {
        habits::hour_sets(&db.store).unwrap().into_iter().filter(|s| !s.built_in).map(|s| s.name).collect()
    };
    let deep = HourSetDraft { name: "Deep work".into(), windows: vec!["mon-thu 08:00-11:00".into()] };
    habits::save_hour_set(&mut db.store, &deep).unwrap();
    habits::save_hour_set(&mut db.store, &HourSetDraft { windows: vec!["fri 08:00-10:00".into()], ..deep.clone() })
        .unwrap();
    undo::undo(&mut db.store).unwrap();
    let windows = habits::hour_sets(&db.store).unwrap().into_iter().find(|s| s.name == "Deep work").unwrap().windows;
    assert_eq!(windows, ["mon-thu 08:00-11:00"], "the change of windows is undone");
    habits::delete_hour_set(&mut db.store, "deep work").unwrap();
    assert!(names(&db).is_empty());
    assert_eq!(undo::undo(&mut db.store).unwrap().message, "Undone: deleted the hour set “Deep work”");
    assert_eq!(names(&db), ["Deep work"]);

    // Changed since by another window: the redo (deleting it again) is refused, nothing changes.
    db.store
        .save_hour_set(&miraage_domain::HourSet {
            name: "Deep work".into(),
            windows: miraage_domain::WeekWindows::parse(&["sat 10:00-12:00"]).unwrap(),
        })
        .unwrap();
    let e = undo::redo(&mut db.store).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("“Deep work” changed since"), "{e}");
    assert_eq!(names(&db), ["Deep work"]);
}

#[test]
fn a_projects_hour_set_plans_its_tasks_without_one_and_is_refused_when_unknown() {
    use chrono::Timelike;
    use miraage_services::habits::project_hours;
    use miraage_services::tasks::{self, TaskInput};
    use miraage_services::undo;
    let mut db = db();
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 5, 0, 0).unwrap(); // Monday 06:00 in Berlin
    let early = HourSetDraft { name: "Early".into(), windows: vec!["mon-fri 06:00-08:00".into()] };
    habits::save_hour_set(&mut db.store, &early).unwrap();
    let e = project_hours::set(&mut db.store, "ops", Some("Late")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("There is no hour set “Late”: use one of work, personal, Early"), "{e}");
    let listed = project_hours::set(&mut db.store, "+ops", Some("early")).unwrap();
    assert_eq!((listed[0].project.as_str(), listed[0].hour_set.as_str()), ("ops", "Early"));
    for (title, project) in [("Rotate keys", Some("OPS")), ("Write memo", None)] {
        let input = TaskInput {
            title: title.into(),
            estimate_min: Some(60),
            project: project.map(Into::into),
            ..TaskInput::default()
        };
        tasks::add(&mut db.store, input).unwrap();
    }
    let local_hours = |db: &mut common::Db, title: &str| -> Vec<u32> {
        let plan = planning::plan(&mut db.store, ZONE, now).unwrap();
        plan.ghosts
            .iter()
            .filter(|g| g.title == title)
            .map(|g| chrono::DateTime::parse_from_rfc3339(&g.start).unwrap().with_timezone(&ZONE).hour())
            .collect()
    };
    let ops = local_hours(&mut db, "Rotate keys");
    assert!(!ops.is_empty() && ops.iter().all(|h| (6..8).contains(h)), "in the project's Early hours: {ops:?}");
    assert!(local_hours(&mut db, "Write memo").iter().all(|h| *h >= 8), "other tasks stay in work hours");
    // Quick add's forecast plans a line of the project in its hours too.
    let f = planning::forecast_text(&db.store, ZONE, now, "Audit logs 1h +ops").unwrap();
    let done = chrono::DateTime::parse_from_rfc3339(f.done_by.as_deref().unwrap()).unwrap().with_timezone(&ZONE);
    assert!(done.hour() <= 8, "done in the project's Early hours: {}", f.message);

    let used = habits::delete_hour_set(&mut db.store, "Early").unwrap_err();
    assert!(used.to_string().contains("used by the project “ops”"), "{used}");
    assert!(project_hours::set(&mut db.store, "ops", None).unwrap().is_empty());
    assert!(local_hours(&mut db, "Rotate keys").iter().all(|h| *h >= 8), "back in work hours");
    let out = undo::undo(&mut db.store).unwrap();
    assert_eq!(out.message, "Undone: planned “ops” in work or personal hours again");
    assert_eq!(project_hours::list(&db.store).unwrap().len(), 1, "the undo gives the project its set back");
}

#[test]
fn accepting_a_habit_ghost_is_undone_with_its_event() {
    use miraage_services::undo;
    let mut db = db();
    let now = Utc::now();
    habits::add(&mut db.store, ZONE, now, &study()).unwrap();
    let plan = planning::plan(&mut db.store, ZONE, now).unwrap();
    let ghost = plan.ghosts.iter().find(|g| g.title == "Study Spanish").unwrap().id.clone();
    let events = db.store.count_events().unwrap();
    planning::accept(&mut db.store, ZONE, now, &ghost, None).unwrap();
    assert_eq!(db_accepted(&db.store), 1);
    assert_eq!(db.store.count_events().unwrap(), events + 1);
    let out = undo::undo(&mut db.store).unwrap();
    assert!(out.message.starts_with("Undone: accepted a block of “Study Spanish” ("), "{}", out.message);
    assert_eq!(db_accepted(&db.store), 0, "the session is a ghost again");
    assert_eq!(db.store.count_events().unwrap(), events, "and its event is gone");
}
