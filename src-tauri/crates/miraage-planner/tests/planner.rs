//! Planner behaviour on hand-made problems: what goes first, why minutes stay out, locked
//! blocks, habits, re-plans, determinism and the file command.

mod common;

use std::time::Duration;

use common::{base, block, problem};
use miraage_planner::{plan, replan, score, validate, Options, Plan, Problem};
use serde_json::json;

fn opts() -> Options {
    Options {
        time_budget: Duration::from_secs(20),
        time_per_task: Duration::MAX,
        replan_time_budget: Duration::from_secs(20),
        min_iterations: 300,
        ..Options::default()
    }
}

fn blocks_of<'a>(plan: &'a Plan, task: &str) -> Vec<&'a miraage_planner::Block> {
    plan.blocks.iter().filter(|b| b.task == task).collect()
}

fn reason<'a>(plan: &'a Plan, task: &str) -> &'a str {
    plan.unscheduled
        .iter()
        .find(|u| u.task == task)
        .map(|u| u.reason.as_str())
        .unwrap_or("")
}

#[test]
fn an_easy_week_is_placed_in_full_and_early() {
    let p = problem(&base());
    let result = plan(&p, &opts());
    assert!(validate(&p, &result).is_empty());
    assert!(result.unscheduled.is_empty(), "{:?}", result.unscheduled);
    // The priority-1 task comes first, at the start of work on Monday.
    let t2 = blocks_of(&result, "t2");
    assert_eq!(t2[0].start.to_rfc3339(), "2026-11-23T09:00:00+01:00");
    // t1 (due Tuesday 17:00) is done on time.
    let due = miraage_planner::time::parse_time("2026-11-24T17:00:00+01:00", "due").expect("time");
    assert!(blocks_of(&result, "t1").iter().all(|b| b.end_s() <= due));
    assert!(result.at_risk.is_empty());
}

#[test]
fn the_same_problem_and_options_give_the_same_plan() {
    let v = common::random::problem(
        11,
        &common::random::Size {
            tasks: 40,
            days: 7,
            events_per_day: 3,
        },
    );
    let p = problem(&v);
    let a = plan(&p, &opts());
    let b = plan(&p, &opts());
    assert_eq!(a.blocks, b.blocks);
    assert_eq!(a.unscheduled, b.unscheduled);
}

#[test]
fn overload_leaves_out_the_least_valuable_minutes() {
    let mut v = base();
    // Two weeks of work in one: the priority-4 task must be what stays out.
    v["tasks"] = json!([
        {"id": "big1", "duration_min": 900, "min_chunk_min": 30, "max_chunk_min": 180, "priority": 1},
        {"id": "big2", "duration_min": 900, "min_chunk_min": 30, "max_chunk_min": 180, "priority": 2},
        {"id": "low", "duration_min": 900, "min_chunk_min": 30, "max_chunk_min": 180, "priority": 4}
    ]);
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(validate(&p, &result).is_empty());
    let missing = |t: &str| {
        result
            .unscheduled
            .iter()
            .find(|u| u.task == t)
            .map_or(0, |u| u.minutes)
    };
    assert_eq!(missing("big1"), 0);
    assert_eq!(missing("big2"), 0);
    assert!(missing("low") > 0);
    assert!(
        reason(&result, "low").contains("horizon full"),
        "{}",
        reason(&result, "low")
    );
}

#[test]
fn every_unscheduled_minute_has_a_concrete_reason() {
    let mut v = base();
    v["settings"]["max_task_min_per_day"] = json!(120);
    v["tasks"] = json!([
        // Hard due before any work hours.
        {"id": "early", "duration_min": 30, "due": "2026-11-23T08:30:00+01:00", "hard_due": true},
        // Depends on the impossible one.
        {"id": "after", "duration_min": 30, "depends_on": ["early"]},
        // More than the cap allows in the week's personal hours (cap 2 h a day, personal
        // time on Monday evening and Saturday only).
        {"id": "hobby", "duration_min": 600, "min_chunk_min": 60, "max_chunk_min": 120, "hours": "personal"}
    ]);
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(validate(&p, &result).is_empty());
    assert!(
        reason(&result, "early").contains("no free work hours"),
        "{}",
        reason(&result, "early")
    );
    assert!(
        reason(&result, "early").contains("hard due"),
        "{}",
        reason(&result, "early")
    );
    assert_eq!(
        reason(&result, "after"),
        "prerequisite early not fully placed"
    );
    assert!(
        reason(&result, "hobby").contains("daily cap"),
        "{}",
        reason(&result, "hobby")
    );
}

#[test]
fn overdue_tasks_are_flagged_at_risk_with_their_lateness() {
    let mut v = base();
    v["tasks"][0]["due"] = json!("2026-11-20T17:00:00+01:00");
    let p = problem(&v);
    let result = plan(&p, &opts());
    let risk = result
        .at_risk
        .iter()
        .find(|r| r.task == "t1")
        .expect("t1 is late");
    let finish = blocks_of(&result, "t1")
        .iter()
        .map(|b| b.end_s())
        .max()
        .expect("t1 placed");
    let due = miraage_planner::time::parse_time("2026-11-20T17:00:00+01:00", "due").expect("time");
    assert_eq!(risk.late_min, (finish - due) / 60);
    assert!(risk.fully_placed);
}

#[test]
fn a_task_not_worth_placing_that_late_is_left_out_with_a_reason() {
    let mut v = base();
    // Due a month ago: any placement costs over 43,000 weighted minutes of lateness, far
    // more than the 15 minutes left unscheduled (1 x 100 x 15).
    v["tasks"] = json!([{"id": "stale", "duration_min": 15, "priority": 4, "due": "2026-10-20T17:00:00+01:00"}]);
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(result.blocks.is_empty());
    assert!(
        reason(&result, "stale").contains("lateness"),
        "{}",
        reason(&result, "stale")
    );
    assert!(result
        .at_risk
        .iter()
        .any(|r| r.task == "stale" && !r.fully_placed));
}

#[test]
fn locked_blocks_stay_unless_an_event_now_covers_them() {
    let mut v = base();
    v["previous_plan"] = json!([
        {"task": "t2", "start": "2026-11-26T15:00:00+01:00", "end": "2026-11-26T15:30:00+01:00", "locked": true},
        {"task": "t3", "start": "2026-11-28T12:00:00+01:00", "end": "2026-11-28T13:30:00+01:00", "locked": true}
    ]);
    v["busy"].as_array_mut().expect("list").push(json!({"id": "e2", "start": "2026-11-28T12:00:00+01:00", "end": "2026-11-28T13:00:00+01:00"}));
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(validate(&p, &result).is_empty());
    // Left alone, t2 would go first thing Monday; locked, it stays on Thursday, and the
    // plan marks it locked so that the next re-plan keeps it as well.
    assert_eq!(
        blocks_of(&result, "t2")[0].start.to_rfc3339(),
        "2026-11-26T15:00:00+01:00"
    );
    assert!(blocks_of(&result, "t2")[0].locked);
    assert!(result
        .blocks
        .iter()
        .filter(|b| b.task != "t2")
        .all(|b| !b.locked));
    // t3's locked block now collides with e2: it moves, and the plan says so.
    assert_ne!(
        blocks_of(&result, "t3")[0].start.to_rfc3339(),
        "2026-11-28T12:00:00+01:00"
    );
    assert!(
        result.notes.iter().any(|n| n.contains("t3")),
        "{:?}",
        result.notes
    );
}

#[test]
fn pinned_blocks_behave_like_locked_ones() {
    let mut v = base();
    v["pinned"] = json!([{"task": "t1", "start": "2026-11-24T14:00:00+01:00", "end": "2026-11-24T15:00:00+01:00"}]);
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(validate(&p, &result).is_empty());
    assert!(blocks_of(&result, "t1")
        .iter()
        .any(|b| b.start.to_rfc3339() == "2026-11-24T14:00:00+01:00"));
}

#[test]
fn habits_expand_into_sessions_inside_their_windows() {
    let mut v = base();
    v["habits"] = json!([
        {"id": "lunch", "minutes": 45, "per": "day", "priority": 1,
         "window": {"days": ["mon","tue","wed","thu","fri"], "start": "12:00", "end": "14:00"}},
        {"id": "study", "minutes": 300, "per": "week", "min_chunk_min": 60, "max_chunk_min": 90, "priority": 2,
         "window": {"days": ["mon","tue","wed","thu","fri"], "start": "18:00", "end": "22:00"}, "project": "study"}
    ]);
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(
        validate(&p, &result).is_empty(),
        "{:?}",
        validate(&p, &result)
    );
    let lunches: Vec<_> = result
        .blocks
        .iter()
        .filter(|b| b.task.starts_with("lunch@"))
        .collect();
    assert_eq!(lunches.len(), 5, "one lunch per weekday");
    for l in &lunches {
        let local = l.start.format("%H:%M").to_string();
        assert!(
            ("12:00".to_string()..="13:15".to_string()).contains(&local),
            "lunch at {local}"
        );
        assert_eq!(l.end_s() - l.start_s(), 45 * 60);
    }
    let study: i64 = result
        .blocks
        .iter()
        .filter(|b| b.task.starts_with("study@"))
        .map(|b| (b.end_s() - b.start_s()) / 60)
        .sum();
    assert_eq!(study, 300);
    assert!(result
        .blocks
        .iter()
        .filter(|b| b.task.starts_with("study@"))
        .all(|b| (60..=90).contains(&((b.end_s() - b.start_s()) / 60))));
}

#[test]
fn replan_after_a_new_meeting_moves_only_the_displaced_block() {
    let mut v = base();
    v["tasks"] = json!([
        {"id": "a", "duration_min": 60, "priority": 1, "project": "x"},
        {"id": "b", "duration_min": 60, "priority": 2, "project": "x"},
        {"id": "c", "duration_min": 120, "min_chunk_min": 60, "max_chunk_min": 60, "priority": 3, "project": "y"}
    ]);
    let p = problem(&v);
    let first = plan(&p, &opts());
    assert!(first.unscheduled.is_empty());
    let hit = blocks_of(&first, "b")[0].clone();
    v["busy"]
        .as_array_mut()
        .expect("list")
        .push(json!({"id": "new", "start": hit.start.to_rfc3339(), "end": hit.end.to_rfc3339()}));
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    assert!(validate(&changed, &second).is_empty());
    for b in &first.blocks {
        if b.task != "b" {
            assert!(second.blocks.contains(b), "{b:?} should not move");
        }
    }
    assert_eq!(blocks_of(&second, "b").len(), 1, "b is placed again");
    assert!(second.unscheduled.is_empty());
    assert_eq!(
        second.stats.as_ref().map(|s| s.kept_blocks),
        Some(first.blocks.len() - 1)
    );
}

#[test]
fn replan_after_a_task_is_done_keeps_everything_else() {
    let p = problem(&base());
    let first = plan(&p, &opts());
    let mut v = base();
    v["tasks"].as_array_mut().expect("list").remove(1);
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    assert!(validate(&changed, &second).is_empty());
    for b in first.blocks.iter().filter(|b| b.task != "t2") {
        assert!(second.blocks.contains(b));
    }
}

#[test]
fn search_never_ends_worse_than_construction() {
    for seed in 0..4 {
        let v = common::random::problem(
            seed,
            &common::random::Size {
                tasks: 30,
                days: 7,
                events_per_day: 4,
            },
        );
        let p = problem(&v);
        let result = plan(&p, &opts());
        let stats = result.stats.clone().expect("stats");
        assert!(stats.final_score <= stats.construction_score);
        assert!(
            (score(&p, &result).total - stats.final_score).abs()
                < 1e-6 * stats.final_score.max(1.0)
        );
    }
}

#[test]
fn the_file_command_writes_a_plan_and_names_missing_files() {
    let dir = std::env::temp_dir().join(format!("miraage-planner-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let prob = dir.join("p.json");
    let out = dir.join("plan.json");
    std::fs::write(&prob, base().to_string()).expect("write");
    let summary = miraage_planner::plan_file_command(&prob, Some(&out), Some(50)).expect("plans");
    assert_eq!(summary.violations, 0);
    let written =
        Plan::from_json_str(&std::fs::read_to_string(&out).expect("read")).expect("plan json");
    assert_eq!(written.blocks.len(), summary.blocks);
    let missing = dir.join("nope.json");
    let err = miraage_planner::plan_file_command(&missing, None, None)
        .expect_err("missing file")
        .to_string();
    assert!(err.contains("nope.json"), "{err}");
    std::fs::write(&prob, "{\"version\": 1, \"timezone\": \"Europe/Berlin\"}").expect("write");
    let err = miraage_planner::plan_file_command(&prob, None, None)
        .expect_err("bad problem")
        .to_string();
    assert!(err.contains("now"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_problem_parses_through_serde_too() {
    let p: Problem = serde_json::from_value(base()).expect("serde");
    assert_eq!(p.tasks.len(), 3);
    let _ = block(
        "t1",
        "2026-11-23T09:00:00+01:00",
        "2026-11-23T10:00:00+01:00",
    );
}

#[test]
fn replan_makes_room_for_a_new_urgent_task_in_a_full_week() {
    let mut v = base();
    v["tasks"] = json!([{"id": "filler", "duration_min": 2040, "min_chunk_min": 30, "max_chunk_min": 120, "priority": 4}]);
    let p = problem(&v);
    let first = plan(&p, &opts());
    assert!(
        first.unscheduled.is_empty(),
        "the filler takes every work minute: {:?}",
        first.unscheduled
    );
    v["tasks"].as_array_mut().expect("list").push(json!(
        {"id": "urgent", "duration_min": 60, "priority": 1, "due": "2026-11-24T12:00:00+01:00", "hard_due": true}));
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    assert!(
        validate(&changed, &second).is_empty(),
        "{:?}",
        validate(&changed, &second)
    );
    assert_eq!(
        blocks_of(&second, "urgent").len(),
        1,
        "the urgent task takes a lighter block's time"
    );
    // Only about an hour of the filler moves or drops out: everything else stays.
    let moved = first
        .blocks
        .iter()
        .filter(|b| !second.blocks.contains(b))
        .count();
    assert!(moved <= 2, "{moved} filler blocks moved");
}

#[test]
fn a_problem_built_in_code_that_breaks_an_invariant_is_refused_not_planned() {
    let mut p = problem(&base());
    p.tasks[0].max_chunk_min = 10; // below its 60-minute minimum block
    let result = plan(&p, &opts());
    assert!(result.blocks.is_empty());
    assert_eq!(result.unscheduled.len(), 3);
    assert!(result.notes[0].contains("t1"), "{:?}", result.notes);
}

#[test]
fn replan_after_a_missed_block_places_it_again_and_keeps_the_rest() {
    let p = problem(&base());
    let first = plan(&p, &opts());
    let missed = first
        .blocks
        .iter()
        .min_by_key(|b| b.start_s())
        .expect("something planned")
        .clone();
    // Time moves on past the first block without it being done: the task still needs all
    // its minutes.
    let mut v = base();
    v["now"] = json!(missed.end.to_rfc3339());
    let later = problem(&v);
    let second = replan(&later, &first, &opts());
    assert!(
        validate(&later, &second).is_empty(),
        "{:?}",
        validate(&later, &second)
    );
    let placed: i64 = blocks_of(&second, &missed.task)
        .iter()
        .map(|b| (b.end_s() - b.start_s()) / 60)
        .sum();
    let duration = later
        .tasks
        .iter()
        .find(|t| t.id == missed.task)
        .map(|t| i64::from(t.duration_min))
        .expect("task");
    assert_eq!(placed, duration, "the missed minutes are placed again");
    for b in first.blocks.iter().filter(|b| b.task != missed.task) {
        assert!(second.blocks.contains(b), "{b:?} should stay");
    }
}

#[test]
fn replan_after_an_event_moves_onto_a_block_moves_only_that_block() {
    let mut v = base();
    let p = problem(&v);
    let first = plan(&p, &opts());
    let hit = first
        .blocks
        .iter()
        .find(|b| b.task == "t3")
        .expect("t3 planned")
        .clone();
    // The standup moves from Monday 10:00 onto t3's evening block.
    v["busy"][0]["start"] = json!(hit.start.to_rfc3339());
    v["busy"][0]["end"] = json!((hit.start + chrono::Duration::minutes(30)).to_rfc3339());
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    assert!(validate(&changed, &second).is_empty());
    assert!(!second.blocks.contains(&hit));
    assert_eq!(blocks_of(&second, "t3").len(), 1);
    for b in first.blocks.iter().filter(|b| b.task != "t3") {
        assert!(second.blocks.contains(b), "{b:?} should stay");
    }
}

#[test]
fn unlimited_time_budgets_do_not_overflow() {
    let p = problem(&base());
    let o = Options {
        time_budget: Duration::MAX,
        time_per_task: Duration::MAX,
        replan_time_budget: Duration::MAX,
        min_iterations: 100,
        ..Options::default()
    };
    let first = plan(&p, &o);
    assert!(validate(&p, &first).is_empty());
    let second = replan(&p, &first, &o);
    assert_eq!(second.blocks, first.blocks, "nothing changed, nothing moves");
}
