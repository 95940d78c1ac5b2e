//! Planner behaviour on hand-made problems: what goes first, why minutes stay out, locked
//! blocks, habits, re-plans, determinism and the file command.

mod common;

use std::time::Duration;

use common::{base, block, planner_faults, problem};
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
    plan.unscheduled.iter().find(|u| u.task == task).map(|u| u.reason.as_str()).unwrap_or("")
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
    let v = common::random::problem(11, &common::random::Size { tasks: 40, days: 7, events_per_day: 3 });
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
    let missing = |t: &str| result.unscheduled.iter().find(|u| u.task == t).map_or(0, |u| u.minutes);
    assert_eq!(missing("big1"), 0);
    assert_eq!(missing("big2"), 0);
    assert!(missing("low") > 0);
    assert!(
        reason(&result, "low").contains("went to more urgent or more important tasks"),
        "{}",
        reason(&result, "low")
    );
}

#[test]
fn every_unscheduled_minute_has_a_concrete_reason_in_the_users_words() {
    let mut v = base();
    v["settings"]["max_task_min_per_day"] = json!(120);
    v["tasks"] = json!([
        // Hard due before any work hours.
        {"id": "early-id", "title": "Early call", "duration_min": 30,
         "due": "2026-11-23T08:30:00+01:00", "hard_due": true},
        // Depends on the impossible one.
        {"id": "after-id", "title": "Send minutes", "duration_min": 30, "depends_on": ["early-id"]},
        // More than the cap allows in the week's personal hours (cap 2 h a day, personal
        // time on Monday evening and Saturday only).
        {"id": "hobby-id", "title": "Paint the shed", "duration_min": 600, "min_chunk_min": 60,
         "max_chunk_min": 120, "hours": "personal"}
    ]);
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(validate(&p, &result).is_empty());
    let early = reason(&result, "early-id");
    assert!(early.contains("no free work hours before its due date Mon 08:30"), "{early}");
    assert!(early.contains("move the due date or add hours"), "{early}");
    assert_eq!(reason(&result, "after-id"), "waits for “Early call”, which is not fully planned yet");
    let hobby = reason(&result, "hobby-id");
    assert!(hobby.contains("raise the daily limit in Settings"), "{hobby}");
    // Sentences name tasks by title, never by id, and fit on one line.
    let sentences = result
        .unscheduled
        .iter()
        .map(|u| u.reason.as_str())
        .chain(result.at_risk.iter().map(|r| r.reason.as_str()))
        .chain(result.notes.iter().map(String::as_str));
    for line in sentences {
        assert!(!line.contains("-id") && !line.contains('\n'), "{line}");
    }
    let risk = result.at_risk.iter().find(|r| r.task == "early-id").expect("at risk");
    assert!(risk.reason.contains("due date"), "{}", risk.reason);
}

#[test]
fn overdue_tasks_are_flagged_at_risk_with_their_lateness() {
    let mut v = base();
    v["tasks"][0]["due"] = json!("2026-11-20T17:00:00+01:00");
    let p = problem(&v);
    let result = plan(&p, &opts());
    let risk = result.at_risk.iter().find(|r| r.task == "t1").expect("t1 is late");
    let finish = blocks_of(&result, "t1").iter().map(|b| b.end_s()).max().expect("t1 placed");
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
    assert!(reason(&result, "stale").starts_with("it was due Tue 20 Oct 18:00; "), "{}", reason(&result, "stale"));
    assert!(result.at_risk.iter().any(|r| r.task == "stale" && !r.fully_placed));
}

#[test]
fn locked_blocks_stay_unless_an_event_now_covers_them() {
    let mut v = base();
    v["previous_plan"] = json!([
        {"task": "t2", "start": "2026-11-26T15:00:00+01:00", "end": "2026-11-26T15:30:00+01:00", "locked": true},
        {"task": "t3", "start": "2026-11-28T12:00:00+01:00", "end": "2026-11-28T13:30:00+01:00", "locked": true}
    ]);
    v["busy"].as_array_mut().expect("list").push(json!({"id": "e2", "start": "2026-11-28T12:00:00+01:00", "end": "2026-11-28T13:00:00+01:00", "title": "Dentist"}));
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(validate(&p, &result).is_empty());
    // Left alone, t2 would go first thing Monday; locked, it stays on Thursday, and the
    // plan marks it locked so that the next re-plan keeps it as well.
    assert_eq!(blocks_of(&result, "t2")[0].start.to_rfc3339(), "2026-11-26T15:00:00+01:00");
    assert!(blocks_of(&result, "t2")[0].locked);
    assert!(result.blocks.iter().filter(|b| b.task != "t2").all(|b| !b.locked));
    // t3's locked block now collides with e2: it moves, and the plan says so.
    assert_ne!(blocks_of(&result, "t3")[0].start.to_rfc3339(), "2026-11-28T12:00:00+01:00");
    assert!(
        result
            .notes
            .iter()
            .any(|n| n.starts_with("“Plan weekend trip” at Sat 12:00 now overlaps “Dentist”; it was moved")),
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
    assert!(blocks_of(&result, "t1").iter().any(|b| b.start.to_rfc3339() == "2026-11-24T14:00:00+01:00"));
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
    assert!(validate(&p, &result).is_empty(), "{:?}", validate(&p, &result));
    let lunches: Vec<_> = result.blocks.iter().filter(|b| b.task.starts_with("lunch@")).collect();
    assert_eq!(lunches.len(), 5, "one lunch per weekday");
    for l in &lunches {
        let local = l.start.format("%H:%M").to_string();
        assert!(("12:00".to_string()..="13:15".to_string()).contains(&local), "lunch at {local}");
        assert_eq!(l.end_s() - l.start_s(), 45 * 60);
    }
    let study: i64 =
        result.blocks.iter().filter(|b| b.task.starts_with("study@")).map(|b| (b.end_s() - b.start_s()) / 60).sum();
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
    assert_eq!(second.stats.as_ref().map(|s| s.kept_blocks), Some(first.blocks.len() - 1));
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
        let v = common::random::problem(seed, &common::random::Size { tasks: 30, days: 7, events_per_day: 4 });
        let p = problem(&v);
        let result = plan(&p, &opts());
        let stats = result.stats.clone().expect("stats");
        assert!(stats.final_score <= stats.construction_score);
        assert!((score(&p, &result).total - stats.final_score).abs() < 1e-6 * stats.final_score.max(1.0));
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
    let written = Plan::from_json_str(&std::fs::read_to_string(&out).expect("read")).expect("plan json");
    assert_eq!(written.blocks.len(), summary.blocks);
    let missing = dir.join("nope.json");
    let err = miraage_planner::plan_file_command(&missing, None, None).expect_err("missing file").to_string();
    assert!(err.contains("nope.json"), "{err}");
    std::fs::write(&prob, "{\"version\": 1, \"timezone\": \"Europe/Berlin\"}").expect("write");
    let err = miraage_planner::plan_file_command(&prob, None, None).expect_err("bad problem").to_string();
    assert!(err.contains("now"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_problem_parses_through_serde_too() {
    let p: Problem = serde_json::from_value(base()).expect("serde");
    assert_eq!(p.tasks.len(), 3);
    let _ = block("t1", "2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00+01:00");
}

#[test]
fn replan_makes_room_for_a_new_urgent_task_in_a_full_week() {
    let mut v = base();
    v["tasks"] =
        json!([{"id": "filler", "duration_min": 2040, "min_chunk_min": 30, "max_chunk_min": 120, "priority": 4}]);
    let p = problem(&v);
    let first = plan(&p, &opts());
    assert!(first.unscheduled.is_empty(), "the filler takes every work minute: {:?}", first.unscheduled);
    v["tasks"].as_array_mut().expect("list").push(json!(
        {"id": "urgent", "duration_min": 60, "priority": 1, "due": "2026-11-24T12:00:00+01:00", "hard_due": true}));
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    assert!(validate(&changed, &second).is_empty(), "{:?}", validate(&changed, &second));
    assert_eq!(blocks_of(&second, "urgent").len(), 1, "the urgent task takes a lighter block's time");
    // Only about an hour of the filler moves or drops out: everything else stays.
    let moved = first.blocks.iter().filter(|b| !second.blocks.contains(b)).count();
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
    let missed = first.blocks.iter().min_by_key(|b| b.start_s()).expect("something planned").clone();
    // Time moves on past the first block without it being done: the task still needs all
    // its minutes.
    let mut v = base();
    v["now"] = json!(missed.end.to_rfc3339());
    let later = problem(&v);
    let second = replan(&later, &first, &opts());
    assert!(validate(&later, &second).is_empty(), "{:?}", validate(&later, &second));
    let placed: i64 = blocks_of(&second, &missed.task).iter().map(|b| (b.end_s() - b.start_s()) / 60).sum();
    let duration = later.tasks.iter().find(|t| t.id == missed.task).map(|t| i64::from(t.duration_min)).expect("task");
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
    let hit = first.blocks.iter().find(|b| b.task == "t3").expect("t3 planned").clone();
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

/// Minutes between consecutive blocks of each task (end to start), in time order.
fn gaps(plan: &Plan) -> Vec<(String, i64)> {
    let mut by: std::collections::BTreeMap<&str, Vec<(i64, i64)>> = Default::default();
    for b in &plan.blocks {
        by.entry(b.task.as_str()).or_default().push((b.start_s(), b.end_s()));
    }
    let mut out = Vec::new();
    for (t, mut list) in by {
        list.sort_unstable();
        for w in list.windows(2) {
            out.push((t.to_string(), (w[1].0 - w[0].1) / 60));
        }
    }
    out
}

#[test]
fn with_a_break_the_blocks_of_a_task_are_apart_and_as_long_as_allowed() {
    let mut v = base();
    v["settings"]["task_break_min"] = json!(30);
    // Saturday's six free personal hours could hold 90 + 90 back to back; with the break
    // the second block starts 30 minutes after the first ends.
    v["tasks"] = json!([
        {"id": "shed", "title": "Paint the shed", "duration_min": 180, "min_chunk_min": 30,
         "max_chunk_min": 90, "hours": "personal", "earliest_start": "2026-11-28T00:00:00+01:00"},
        {"id": "report", "title": "Write report", "duration_min": 240, "min_chunk_min": 30,
         "max_chunk_min": 120, "priority": 2}
    ]);
    let p = problem(&v);
    let result = plan(&p, &opts());
    assert!(validate(&p, &result).is_empty(), "{:?}", validate(&p, &result));
    assert!(result.unscheduled.is_empty(), "{:?}", result.unscheduled);
    for (task, gap) in gaps(&result) {
        assert!(gap >= 30, "{task}: {gap} min between blocks");
    }
    let shed = blocks_of(&result, "shed");
    assert_eq!(shed.len(), 2, "two 90-minute sittings, not smaller pieces");
    assert_eq!(shed[0].start.to_rfc3339(), "2026-11-28T10:00:00+01:00");
    assert_eq!(shed[1].start.to_rfc3339(), "2026-11-28T12:00:00+01:00");
}

#[test]
fn with_a_break_a_replan_keeps_it_from_the_blocks_that_stay() {
    let mut v = base();
    v["settings"]["task_break_min"] = json!(45);
    v["tasks"] = json!([
        {"id": "a", "title": "Draft proposal", "duration_min": 240, "min_chunk_min": 30,
         "max_chunk_min": 60, "priority": 1}
    ]);
    let p = problem(&v);
    let first = plan(&p, &opts());
    assert!(validate(&p, &first).is_empty());
    let hit = first.blocks[1].clone();
    v["busy"]
        .as_array_mut()
        .expect("list")
        .push(json!({"id": "new", "title": "Review", "start": hit.start.to_rfc3339(), "end": hit.end.to_rfc3339()}));
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    assert!(validate(&changed, &second).is_empty(), "{:?}", validate(&changed, &second));
    for (task, gap) in gaps(&second) {
        assert!(gap >= 45, "{task}: {gap} min between blocks");
    }
}

#[test]
fn a_block_the_user_placed_outside_its_hours_stays_and_others_go_around_it() {
    let mut v = base();
    // "Call the bank" (work hours) dragged to Saturday 10:00; "Plan weekend trip" may only
    // start on Saturday and must not land on top of it.
    v["pinned"] = json!([{"task": "t2", "start": "2026-11-28T10:00:00+01:00", "end": "2026-11-28T10:30:00+01:00"}]);
    v["tasks"][2]["earliest_start"] = json!("2026-11-28T00:00:00+01:00");
    let p = problem(&v);
    let result = plan(&p, &opts());
    let t2 = blocks_of(&result, "t2");
    assert_eq!(t2.len(), 1, "its minutes count: it is not placed again");
    assert_eq!(t2[0].start.to_rfc3339(), "2026-11-28T10:00:00+01:00");
    assert!(t2[0].locked);
    assert!(result.notes.is_empty(), "{:?}", result.notes);
    let t3 = blocks_of(&result, "t3");
    assert!(t3.iter().all(|b| b.start_s() >= t2[0].end_s() || b.end_s() <= t2[0].start_s()));
    let found = validate(&p, &result);
    assert!(!found.is_empty() && found.iter().all(|x| x.user_placed && x.rule == 2), "{found:?}");
    // A re-plan with nothing changed keeps it too.
    let again = replan(&p, &result, &opts());
    assert_eq!(again.blocks, result.blocks);
}

#[test]
fn user_placed_blocks_stay_over_the_cap_after_a_hard_due_near_an_event_and_too_close() {
    let mut v = base();
    v["settings"]["max_task_min_per_day"] = json!(60);
    v["settings"]["buffer_min"] = json!(15);
    v["settings"]["task_break_min"] = json!(60);
    v["tasks"][0]["hard_due"] = json!(true);
    v["tasks"][1]["depends_on"] = json!(["t1"]);
    v["pinned"] = json!([
        // After t1's hard due (Tue 17:00), two blocks 15 min apart (break 60), 120 min on
        // one day (cap 60).
        {"task": "t1", "start": "2026-11-25T09:00:00+01:00", "end": "2026-11-25T10:00:00+01:00"},
        {"task": "t1", "start": "2026-11-25T10:15:00+01:00", "end": "2026-11-25T11:15:00+01:00"},
        // Ends right where the standup starts (inside the 15-minute buffer), and before its
        // prerequisite t1.
        {"task": "t2", "start": "2026-11-23T09:30:00+01:00", "end": "2026-11-23T10:00:00+01:00"}
    ]);
    let p = problem(&v);
    let result = plan(&p, &opts());
    let pins: Vec<_> = result.blocks.iter().filter(|b| b.locked).collect();
    assert_eq!(pins.len(), 3, "{:?}", result.blocks);
    assert!(result.notes.is_empty(), "{:?}", result.notes);
    assert_eq!(result.blocks.len(), 3, "t3 (90 min) does not fit a 60-minute cap: {:?}", result.blocks);
    let found = validate(&p, &result);
    assert!(found.iter().all(|x| x.user_placed), "{found:?}");
    let mut broken: Vec<u8> = found.iter().map(|x| x.rule).collect();
    broken.dedup();
    assert_eq!(broken, vec![3, 6, 7, 8, 9]);
}

#[test]
fn a_locked_block_moves_only_when_an_event_itself_covers_it() {
    let mut v = base();
    let p = problem(&v);
    let mut first = plan(&p, &opts());
    for b in &mut first.blocks {
        b.locked = true;
    }
    // One event covers t3's block; another ends 5 minutes before t2's block (inside a
    // buffer, not on the block).
    let t3 = blocks_of(&first, "t3")[0].clone();
    let t2 = blocks_of(&first, "t2")[0].clone();
    v["settings"]["buffer_min"] = json!(15);
    v["busy"].as_array_mut().expect("list").extend([
        json!({"id": "x", "title": "Dentist", "start": t3.start.to_rfc3339(), "end": (t3.start + chrono::Duration::minutes(30)).to_rfc3339()}),
        json!({"id": "y", "title": "Coffee", "start": (t2.start - chrono::Duration::minutes(35)).to_rfc3339(), "end": (t2.start - chrono::Duration::minutes(5)).to_rfc3339()}),
    ]);
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    for b in first.blocks.iter().filter(|b| b.task != "t3") {
        assert!(second.blocks.contains(b), "{b:?} should stay");
    }
    assert!(!second.blocks.contains(&t3));
    assert_eq!(second.notes, vec!["“Plan weekend trip” at Mon 19:00 now overlaps “Dentist”; it was moved".to_string()]);
    assert!(planner_faults(&changed, &second).is_empty(), "{:?}", validate(&changed, &second));
}

#[test]
fn replan_places_a_displaced_block_whole_when_a_later_gap_holds_it() {
    let mut v = base();
    v["busy"].as_array_mut().expect("list").push(
        json!({"id": "pm", "title": "Workshop", "start": "2026-11-23T13:30:00+01:00", "end": "2026-11-23T17:00:00+01:00"}),
    );
    v["tasks"] = json!([
        {"id": "a", "title": "Review budget", "duration_min": 90, "min_chunk_min": 30,
         "max_chunk_min": 90, "priority": 1}
    ]);
    let p = problem(&v);
    let first = plan(&p, &opts());
    assert_eq!(blocks_of(&first, "a").len(), 1, "{:?}", first.blocks);
    let hit = blocks_of(&first, "a")[0].clone();
    v["busy"].as_array_mut().expect("list").push(json!({"id": "new", "title": "Call",
        "start": hit.start.to_rfc3339(), "end": (hit.start + chrono::Duration::minutes(60)).to_rfc3339()}));
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    assert!(validate(&changed, &second).is_empty());
    // Monday still has 60 + 30 free minutes, but the 90 minutes fit whole on Tuesday.
    let a = blocks_of(&second, "a");
    assert_eq!(a.len(), 1, "{:?}", second.blocks);
    assert_eq!(a[0].start.to_rfc3339(), "2026-11-24T09:00:00+01:00");
    assert!(second.split.is_empty(), "{:?}", second.split);
}

#[test]
fn replan_splits_a_displaced_block_only_when_no_gap_fits_before_the_due_and_says_why() {
    let mut v = base();
    v["busy"].as_array_mut().expect("list").push(
        json!({"id": "pm", "title": "Workshop", "start": "2026-11-23T13:30:00+01:00", "end": "2026-11-23T17:00:00+01:00"}),
    );
    v["tasks"] = json!([
        {"id": "a", "title": "Review budget", "duration_min": 90, "min_chunk_min": 30,
         "max_chunk_min": 90, "priority": 1, "due": "2026-11-23T17:00:00+01:00"}
    ]);
    let p = problem(&v);
    let first = plan(&p, &opts());
    let hit = blocks_of(&first, "a")[0].clone();
    v["busy"].as_array_mut().expect("list").push(json!({"id": "new", "title": "Call",
        "start": hit.start.to_rfc3339(), "end": (hit.start + chrono::Duration::minutes(60)).to_rfc3339()}));
    let changed = problem(&v);
    let second = replan(&changed, &first, &opts());
    assert!(validate(&changed, &second).is_empty());
    assert_eq!(blocks_of(&second, "a").len(), 2, "{:?}", second.blocks);
    assert_eq!(second.split.len(), 1, "{:?}", second.split);
    assert_eq!(second.split[0].task, "a");
    assert_eq!(second.split[0].reason, "no free 90 minutes before its due date Mon 17:00, so it is split in two");
    let json = serde_json::to_value(&second).expect("plan json");
    assert_eq!(json["split"][0]["task"], "a");
}
