//! Learned estimates in planning (issue 17): with "use learned estimates when planning" on, a
//! task is planned for its estimate times what the learner knows of its tag; off (the
//! default), for its estimate. The task's own estimate is never changed.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::BlockState;
use miraage_scheduling::{load_settings, save_settings, PlanPreview, PlanSettings};
use miraage_services::history::learn::{self, EstimateQuery};
use miraage_services::history::{self, OutcomeInput, OutcomeKind};
use miraage_services::planning;
use miraage_services::tasks::{self, TaskInput};
use miraage_store::Store;

const ZONE: Tz = chrono_tz::Europe::Berlin;

/// 2026-11-23 (a Monday) plus `day` days at `hour`:00 in Berlin.
fn at(day: i64, hour: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, 23, hour, 0, 0).unwrap().with_timezone(&Utc) + Duration::days(day)
}

fn writing(title: &str) -> TaskInput {
    TaskInput { title: title.into(), estimate_min: Some(60), tags: vec!["writing".into()], ..TaskInput::default() }
}

/// Four #writing tasks estimated at 1 h, each done in 2 h on Monday: the learner's factor
/// for #writing is exp(4 ln 2 / (4 + 4)) = 1.41.
fn store_that_learned(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    for i in 0..4 {
        tasks::add(&mut store, writing(&format!("Draft {i}"))).unwrap();
    }
    planning::plan_range(&mut store, ZONE, at(0, 8), at(0, 8), at(0, 20)).unwrap();
    planning::accept_all(&mut store, ZONE).unwrap();
    for b in store.blocks_in_state(BlockState::Accepted).unwrap() {
        let done = OutcomeInput { kind: OutcomeKind::Done, minutes: Some(120) };
        history::record(&mut store, ZONE, at(0, 20), b.id.as_str(), done).unwrap();
    }
    for i in 0..4 {
        tasks::set_done(&mut store, &format!("Draft {i}"), true).unwrap();
    }
    store
}

fn planned_minutes(preview: &PlanPreview, title: &str) -> i64 {
    let parse = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    preview.ghosts.iter().filter(|g| g.title == title).map(|g| (parse(&g.end) - parse(&g.start)).num_minutes()).sum()
}

#[test]
fn learned_estimates_change_the_planned_minutes_only_when_the_setting_is_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_that_learned(&dir);
    tasks::add(&mut store, writing("Write chapter")).unwrap();
    assert!(!load_settings(&store).unwrap().use_learned_estimates, "off by default");
    let off = planning::plan_range(&mut store, ZONE, at(1, 8), at(1, 8), at(3, 20)).unwrap();
    assert_eq!(planned_minutes(&off, "Write chapter"), 60, "{off:?}");

    planning::reject_all(&mut store).unwrap();
    let on = PlanSettings { use_learned_estimates: true, ..load_settings(&store).unwrap() };
    save_settings(&mut store, &on).unwrap();
    let learned = planning::plan_range(&mut store, ZONE, at(1, 8), at(1, 8), at(3, 20)).unwrap();
    assert_eq!(planned_minutes(&learned, "Write chapter"), 85, "60 min × 1.41, to 5 min: {learned:?}");
    assert_eq!(store.find_task("Write chapter").unwrap().estimate_min, Some(60), "the estimate is the user's");
}

#[test]
fn a_task_whose_tag_the_learner_does_not_know_is_planned_for_its_estimate() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_that_learned(&dir);
    let input = TaskInput { title: "Call bank".into(), estimate_min: Some(45), ..TaskInput::default() };
    tasks::add(&mut store, input).unwrap();
    let on = PlanSettings { use_learned_estimates: true, ..load_settings(&store).unwrap() };
    save_settings(&mut store, &on).unwrap();
    let p = planning::plan_range(&mut store, ZONE, at(1, 8), at(1, 8), at(3, 20)).unwrap();
    assert_eq!(planned_minutes(&p, "Call bank"), 45, "{p:?}");
}

#[test]
fn the_editor_hint_suggests_the_learned_minutes_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_that_learned(&dir);
    let query = |tags: &[&str], estimate_min| EstimateQuery {
        tags: tags.iter().map(|t| t.to_string()).collect(),
        project: None,
        estimate_min,
    };
    let hint = learn::hint_for(&store, &query(&["writing"], 60)).unwrap().expect("#writing is known");
    assert_eq!(hint.text, "#writing usually takes you 1.4× longer: plan 1 h 25 min?");
    assert_eq!(hint.suggested_min, 85);
    assert_eq!(learn::hint_for(&store, &query(&["email"], 60)).unwrap(), None, "an unknown tag has no hint");
    assert!(store.find_task("Draft 0").unwrap().estimate_min == Some(60), "estimates stay the user's");
}
