//! The crate's validator and scorer on hand-made plans, one test per hard rule and per
//! reading of FORMAT.md's notes.

mod common;

use common::{base, block, plan_of, problem, rules};
use serde_json::json;

#[test]
fn a_good_plan_breaks_no_rule() {
    let p = problem(&base());
    let plan = plan_of(vec![
        block("t1", "2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00+01:00"),
        block("t1", "2026-11-23T11:00:00+01:00", "2026-11-23T12:00:00+01:00"),
        block("t2", "2026-11-23T12:00:00+01:00", "2026-11-23T12:30:00+01:00"),
        block("t3", "2026-11-23T19:00:00+01:00", "2026-11-23T20:30:00+01:00"),
    ]);
    assert_eq!(rules(&p, &plan), Vec::<u8>::new());
}

#[test]
fn rule1_unknown_task_before_now_off_grid_empty_after_horizon() {
    let p = problem(&base());
    let cases = [
        block("nope", "2026-11-23T09:00:00+01:00", "2026-11-23T09:30:00+01:00"),
        block("t2", "2026-11-23T07:30:00+01:00", "2026-11-23T08:00:00+01:00"),
        block("t2", "2026-11-23T09:02:00+01:00", "2026-11-23T09:32:00+01:00"),
        block("t2", "2026-11-23T09:30:00+01:00", "2026-11-23T09:30:00+01:00"),
        block("t3", "2026-11-29T23:30:00+01:00", "2026-11-30T01:00:00+01:00"),
    ];
    for b in cases {
        assert!(rules(&p, &plan_of(vec![b.clone()])).contains(&1), "{b:?} must break rule 1");
    }
}

#[test]
fn rule1_earliest_start() {
    let mut v = base();
    v["tasks"][1]["earliest_start"] = json!("2026-11-24T09:00:00+01:00");
    let p = problem(&v);
    let early = plan_of(vec![block("t2", "2026-11-23T09:00:00+01:00", "2026-11-23T09:30:00+01:00")]);
    let ok = plan_of(vec![block("t2", "2026-11-24T09:00:00+01:00", "2026-11-24T09:30:00+01:00")]);
    assert_eq!(rules(&p, &early), vec![1]);
    assert!(rules(&p, &ok).is_empty());
}

#[test]
fn rule2_one_window_of_the_right_set() {
    let p = problem(&base());
    let across_lunch = plan_of(vec![block("t2", "2026-11-23T12:15:00+01:00", "2026-11-23T12:45:00+01:00")]);
    let wrong_set = plan_of(vec![block("t3", "2026-11-24T09:00:00+01:00", "2026-11-24T10:30:00+01:00")]);
    assert_eq!(rules(&p, &across_lunch), vec![2]);
    assert_eq!(rules(&p, &wrong_set), vec![2]);
}

#[test]
fn rule2_touching_windows_merge_across_midnight() {
    let mut v = base();
    v["hours"]["personal"] = json!({"sat": [["20:00", "24:00"]], "sun": [["00:00", "02:00"]]});
    let p = problem(&v);
    let plan = plan_of(vec![block("t3", "2026-11-28T23:00:00+01:00", "2026-11-29T00:30:00+01:00")]);
    assert!(rules(&p, &plan).is_empty());
}

#[test]
fn rule3_busy_blocks_and_touching() {
    let p = problem(&base());
    let over_busy = plan_of(vec![block("t2", "2026-11-23T09:45:00+01:00", "2026-11-23T10:15:00+01:00")]);
    let touching = plan_of(vec![
        block("t2", "2026-11-23T09:30:00+01:00", "2026-11-23T10:00:00+01:00"),
        block("t1", "2026-11-23T11:00:00+01:00", "2026-11-23T12:00:00+01:00"),
    ]);
    let overlapping = plan_of(vec![
        block("t2", "2026-11-23T09:00:00+01:00", "2026-11-23T09:30:00+01:00"),
        block("t1", "2026-11-23T08:59:59+01:00", "2026-11-23T09:59:59+01:00"),
    ]);
    assert_eq!(rules(&p, &over_busy), vec![3]);
    assert!(rules(&p, &touching).is_empty());
    assert!(rules(&p, &overlapping).contains(&3));
}

#[test]
fn rule3_buffer_widens_busy_time_on_both_sides() {
    let mut v = base();
    v["settings"]["buffer_min"] = json!(10);
    let p = problem(&v);
    let before = plan_of(vec![block("t2", "2026-11-23T09:25:00+01:00", "2026-11-23T09:55:00+01:00")]);
    let after = plan_of(vec![block("t2", "2026-11-23T11:05:00+01:00", "2026-11-23T11:35:00+01:00")]);
    let touch = plan_of(vec![block("t2", "2026-11-23T09:20:00+01:00", "2026-11-23T09:50:00+01:00")]);
    assert_eq!(rules(&p, &before), vec![3]);
    assert_eq!(rules(&p, &after), vec![3]);
    assert!(rules(&p, &touch).is_empty());
}

#[test]
fn rule3_compares_instants_across_offsets() {
    let p = problem(&base());
    // 09:15Z is 10:15 in Berlin: inside the standup.
    let plan = plan_of(vec![block("t2", "2026-11-23T09:15:00Z", "2026-11-23T09:45:00Z")]);
    assert_eq!(rules(&p, &plan), vec![3]);
}

#[test]
fn rule4_chunk_sizes() {
    let p = problem(&base());
    let too_long = plan_of(vec![block("t1", "2026-11-23T13:30:00+01:00", "2026-11-23T15:30:00+01:00")]);
    let too_short = plan_of(vec![block("t1", "2026-11-23T13:30:00+01:00", "2026-11-23T14:00:00+01:00")]);
    assert_eq!(rules(&p, &too_long), vec![4]);
    assert_eq!(rules(&p, &too_short), vec![4]);
}

#[test]
fn rule4_a_task_below_its_min_chunk_is_one_whole_block() {
    let mut v = base();
    v["tasks"][1]["min_chunk_min"] = json!(60);
    v["tasks"][1]["max_chunk_min"] = json!(60);
    let p = problem(&v);
    let whole = plan_of(vec![block("t2", "2026-11-23T09:00:00+01:00", "2026-11-23T09:30:00+01:00")]);
    let part = plan_of(vec![block("t2", "2026-11-23T09:00:00+01:00", "2026-11-23T09:15:00+01:00")]);
    assert!(rules(&p, &whole).is_empty());
    assert_eq!(rules(&p, &part), vec![4]);
}

#[test]
fn rule5_no_more_than_the_duration() {
    let p = problem(&base());
    let plan = plan_of(vec![
        block("t2", "2026-11-23T09:00:00+01:00", "2026-11-23T09:30:00+01:00"),
        block("t2", "2026-11-23T11:00:00+01:00", "2026-11-23T11:30:00+01:00"),
    ]);
    assert_eq!(rules(&p, &plan), vec![5]);
}

#[test]
fn rule6_dependencies() {
    let mut v = base();
    v["tasks"][1]["depends_on"] = json!(["t1"]);
    let p = problem(&v);
    let t1 = [
        block("t1", "2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00+01:00"),
        block("t1", "2026-11-23T11:00:00+01:00", "2026-11-23T12:00:00+01:00"),
    ];
    let before =
        plan_of(vec![t1[0].clone(), t1[1].clone(), block("t2", "2026-11-23T10:30:00Z", "2026-11-23T11:00:00Z")]);
    let partial = plan_of(vec![t1[0].clone(), block("t2", "2026-11-23T13:30:00+01:00", "2026-11-23T14:00:00+01:00")]);
    let after = plan_of(vec![
        t1[0].clone(),
        t1[1].clone(),
        block("t2", "2026-11-23T12:00:00+01:00", "2026-11-23T12:30:00+01:00"),
    ]);
    assert!(rules(&p, &before).contains(&6));
    assert_eq!(rules(&p, &partial), vec![6]);
    assert!(rules(&p, &after).is_empty());
}

#[test]
fn rule7_hard_due_allows_ending_exactly_at_due() {
    let mut v = base();
    v["tasks"][1]["due"] = json!("2026-11-23T09:30:00+01:00");
    v["tasks"][1]["hard_due"] = json!(true);
    let p = problem(&v);
    let on_time = plan_of(vec![block("t2", "2026-11-23T09:00:00+01:00", "2026-11-23T09:30:00+01:00")]);
    let late = plan_of(vec![block("t2", "2026-11-23T09:05:00+01:00", "2026-11-23T09:35:00+01:00")]);
    assert!(rules(&p, &on_time).is_empty());
    assert_eq!(rules(&p, &late), vec![7]);
}

#[test]
fn rule8_daily_cap_splits_blocks_at_local_midnight() {
    let mut v = base();
    v["settings"]["max_task_min_per_day"] = json!(60);
    v["hours"]["personal"] = json!({"sat": [["20:00", "24:00"]], "sun": [["00:00", "02:00"]]});
    v["tasks"][2]["duration_min"] = json!(120);
    v["tasks"][2]["min_chunk_min"] = json!(30);
    let p = problem(&v);
    let split_ok = plan_of(vec![block("t3", "2026-11-28T23:00:00+01:00", "2026-11-29T01:00:00+01:00")]);
    let over = plan_of(vec![block("t3", "2026-11-28T21:00:00+01:00", "2026-11-28T22:30:00+01:00")]);
    assert!(rules(&p, &split_ok).is_empty());
    assert_eq!(rules(&p, &over), vec![8]);
}

#[test]
fn dst_spring_windows_follow_the_wall_clock() {
    // Berlin springs forward on 2027-03-28 at 02:00: a 01:00-04:00 window lasts 2 h.
    let v = json!({
        "version": 1, "timezone": "Europe/Berlin",
        "now": "2027-03-27T08:00:00+01:00", "horizon_end": "2027-03-30T00:00:00+02:00",
        "hours": {"night": {"sun": [["01:00", "04:00"]]}, "gap": {"sun": [["02:15", "02:45"]]}},
        "tasks": [{"id": "a", "duration_min": 120, "hours": "night"}, {"id": "b", "duration_min": 15, "hours": "gap"}]
    });
    let p = problem(&v);
    let fits = plan_of(vec![block("a", "2027-03-28T01:00:00+01:00", "2027-03-28T04:00:00+02:00")]);
    let fixed_offset = plan_of(vec![block("a", "2027-03-28T02:00:00+01:00", "2027-03-28T04:00:00+01:00")]);
    let in_gap = plan_of(vec![block("b", "2027-03-28T01:30:00Z", "2027-03-28T01:45:00Z")]);
    assert!(rules(&p, &fits).is_empty());
    assert_eq!(rules(&p, &fixed_offset), vec![2], "04:00+01:00 is 05:00 local, past the window");
    assert_eq!(rules(&p, &in_gap), vec![2], "a window inside the gap is empty");
}

#[test]
fn dst_fall_ambiguous_end_is_the_first_pass() {
    let v = json!({
        "version": 1, "timezone": "Europe/Berlin",
        "now": "2027-10-30T08:00:00+02:00", "horizon_end": "2027-11-02T00:00:00+01:00",
        "hours": {"night": {"sun": [["01:00", "02:30"]]}},
        "tasks": [{"id": "a", "duration_min": 90, "hours": "night"}]
    });
    let p = problem(&v);
    let first = plan_of(vec![block("a", "2027-10-31T01:00:00+02:00", "2027-10-31T02:30:00+02:00")]);
    let second = plan_of(vec![block("a", "2027-10-31T01:00:00+02:00", "2027-10-31T02:30:00+01:00")]);
    assert!(rules(&p, &first).is_empty());
    assert!(rules(&p, &second).contains(&2), "the block runs to the second 02:30");
}

#[test]
fn score_terms_follow_the_table() {
    let mut v = base();
    v["previous_plan"] =
        json!([{"task": "t3", "start": "2026-11-28T10:00:00+01:00", "end": "2026-11-28T11:30:00+01:00"}]);
    let p = problem(&v);
    let plan = plan_of(vec![
        block("t2", "2026-11-23T09:00:00+01:00", "2026-11-23T09:30:00+01:00"),
        block("t1", "2026-11-25T09:00:00+01:00", "2026-11-25T10:00:00+01:00"),
    ]);
    let s = miraage_planner::score(&p, &plan);
    // t1: 60 of 120 min unscheduled, w 4; t3 nothing placed, w 2.
    assert_eq!(s.unscheduled, 4.0 * 100.0 * 60.0 + 2.0 * 100.0 * 90.0);
    // t1 finishes Wed 10:00, due Tue 17:00: 17 h late.
    assert_eq!(s.lateness, 4.0 * 17.0 * 60.0);
    // t2 finishes 1.5 h after now (w 8), t1 50 h after now (w 4).
    assert!((s.completion - (8.0 * 1.5 + 4.0 * 50.0)).abs() < 1e-9);
    assert_eq!(s.fragmentation, 0.0);
    assert_eq!(s.context_switch, 0.0, "the two blocks are on different days");
    assert_eq!(s.churn, 45.0, "90 previous minutes of t3 uncovered at 0.5");
    assert!((s.total - (s.unscheduled + s.lateness + s.completion + s.churn)).abs() < 1e-6);
}

#[test]
fn context_switch_counts_project_changes_within_a_day() {
    let p = problem(&base());
    let plan = plan_of(vec![
        block("t1", "2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00+01:00"),
        block("t2", "2026-11-23T11:00:00+01:00", "2026-11-23T11:30:00+01:00"),
        block("t1", "2026-11-23T13:30:00+01:00", "2026-11-23T14:30:00+01:00"),
    ]);
    assert_eq!(miraage_planner::score(&p, &plan).context_switch, 20.0);
}

#[test]
fn unreadable_problems_name_the_field() {
    type Edit = fn(&mut serde_json::Value);
    let cases: Vec<(Edit, &str)> = vec![
        (|v| v["version"] = json!(2), "version"),
        (|v| v["timezone"] = json!("Mars/Base"), "timezone"),
        (|v| v["now"] = json!("yesterday"), "now"),
        (|v| v["horizon_end"] = json!("2026-11-01T00:00:00+01:00"), "horizon_end"),
        (|v| v["horizon_end"] = json!("2046-11-01T00:00:00+01:00"), "horizon_end"),
        (|v| v["tasks"][1]["id"] = json!("t1"), "duplicate"),
        (|v| v["tasks"][0]["duration_min"] = json!(0), "duration_min"),
        (|v| v["tasks"][0]["priority"] = json!(5), "priority"),
        (|v| v["tasks"][0]["hours"] = json!("gym"), "hours"),
        (|v| v["tasks"][0]["depends_on"] = json!(["zz"]), "depends_on"),
        (
            |v| {
                v["tasks"][0]["depends_on"] = json!(["t2"]);
                v["tasks"][1]["depends_on"] = json!(["t1"]);
            },
            "cycle",
        ),
        (|v| v["tasks"][1]["hard_due"] = json!(true), "hard_due"),
        (
            |v| {
                v["tasks"][0]["min_chunk_min"] = json!(60);
                v["tasks"][0]["max_chunk_min"] = json!(30);
            },
            "max_chunk_min",
        ),
        (|v| v["busy"][0]["end"] = json!("2026-11-23T09:00:00+01:00"), "busy[0]"),
    ];
    for (edit, needle) in cases {
        let mut v = base();
        edit(&mut v);
        let e = miraage_planner::Problem::from_value(&v).expect_err(needle).to_string();
        assert!(e.contains(needle), "error {e:?} should name {needle:?}");
    }
}

#[test]
fn null_optional_fields_take_their_defaults() {
    let mut v = base();
    v["tasks"][1]["min_chunk_min"] = json!(null);
    v["tasks"][1]["priority"] = json!(null);
    v["tasks"][1]["hours"] = json!(null);
    let p = problem(&v);
    assert_eq!(p.tasks[1].min_chunk_min, 30);
    assert_eq!(p.tasks[1].priority.get(), 3);
    assert_eq!(p.tasks[1].hours, "work");
}

#[test]
fn rule9_blocks_of_one_task_keep_the_break_end_to_start() {
    let mut v = base();
    v["settings"]["task_break_min"] = json!(60);
    let p = problem(&v);
    let t1 = |a: &str, b: &str| block("t1", a, b);
    let exact = plan_of(vec![
        t1("2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00+01:00"),
        t1("2026-11-23T11:00:00+01:00", "2026-11-23T12:00:00+01:00"),
    ]);
    let short = plan_of(vec![
        t1("2026-11-23T13:30:00+01:00", "2026-11-23T14:30:00+01:00"),
        t1("2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00+01:00"),
        t1("2026-11-23T14:45:00+01:00", "2026-11-23T15:45:00+01:00"),
    ]);
    // Other tasks may touch: the break is between blocks of one task only.
    let others = plan_of(vec![
        t1("2026-11-23T11:00:00+01:00", "2026-11-23T12:00:00+01:00"),
        block("t2", "2026-11-23T12:00:00+01:00", "2026-11-23T12:30:00+01:00"),
    ]);
    assert!(rules(&p, &exact).is_empty());
    let v9 = miraage_planner::validate(&p, &short);
    assert_eq!(rules(&p, &short), vec![5, 9], "{v9:?}");
    let nine: Vec<_> = v9.iter().filter(|x| x.rule == 9).collect();
    assert_eq!(nine.len(), 1, "{v9:?}");
    assert_eq!(nine[0].block, Some(2), "reported at the later block of the pair");
    assert!(rules(&p, &others).is_empty());
    // Without a break (the default) touching blocks of one task are fine.
    let p0 = problem(&base());
    let touching = plan_of(vec![
        t1("2026-11-23T11:00:00+01:00", "2026-11-23T12:00:00+01:00"),
        t1("2026-11-23T13:30:00+01:00", "2026-11-23T14:30:00+01:00"),
    ]);
    assert!(rules(&p0, &touching).is_empty());
}

#[test]
fn task_break_min_defaults_to_zero_and_must_be_a_whole_number() {
    let p = problem(&base());
    assert_eq!(p.settings.task_break_min, 0);
    assert_eq!(miraage_planner::Settings::default().task_break_min, 0);
    let mut v = base();
    v["settings"]["task_break_min"] = json!(null);
    assert_eq!(problem(&v).settings.task_break_min, 0);
    v["settings"]["task_break_min"] = json!(15);
    assert_eq!(problem(&v).settings.task_break_min, 15);
    for bad in [json!(1.5), json!(-5), json!("15"), json!(true)] {
        v["settings"]["task_break_min"] = bad.clone();
        let e = miraage_planner::Problem::from_value(&v).expect_err("not a whole number").to_string();
        assert!(e.contains("settings.task_break_min"), "{bad}: {e}");
    }
}

#[test]
fn violations_of_blocks_the_user_placed_are_marked_as_such() {
    let mut v = base();
    v["settings"]["task_break_min"] = json!(60);
    v["settings"]["max_task_min_per_day"] = json!(90);
    let p = problem(&v);
    let locked = |task: &str, a: &str, b: &str| miraage_planner::Block { locked: true, ..block(task, a, b) };
    // A work task dragged to Saturday, and two blocks of t1 closer than the break, all by
    // the user: every violation is theirs.
    let users = plan_of(vec![
        locked("t2", "2026-11-28T10:00:00+01:00", "2026-11-28T10:30:00+01:00"),
        locked("t1", "2026-11-24T09:00:00+01:00", "2026-11-24T10:00:00+01:00"),
        locked("t1", "2026-11-24T10:30:00+01:00", "2026-11-24T11:30:00+01:00"),
    ]);
    let found = miraage_planner::validate(&p, &users);
    let mut broken: Vec<u8> = found.iter().map(|x| x.rule).collect();
    broken.dedup();
    assert_eq!(broken, vec![2, 8, 9], "{found:?}");
    assert!(found.iter().all(|x| x.user_placed), "{found:?}");
    // The same blocks placed by the planner are the planner's fault.
    let planners =
        plan_of(users.blocks.iter().map(|b| miraage_planner::Block { locked: false, ..b.clone() }).collect());
    assert!(miraage_planner::validate(&p, &planners).iter().all(|x| !x.user_placed));
    // A planner block too close to a user's block of the same task, or adding minutes to
    // a day the user already filled, is the planner's fault.
    let mixed = plan_of(vec![
        locked("t1", "2026-11-24T09:00:00+01:00", "2026-11-24T10:00:00+01:00"),
        block("t1", "2026-11-24T10:30:00+01:00", "2026-11-24T11:30:00+01:00"),
    ]);
    let found = miraage_planner::validate(&p, &mixed);
    assert!(found.iter().any(|x| x.rule == 9 && !x.user_placed), "{found:?}");
    assert!(found.iter().any(|x| x.rule == 8 && !x.user_placed), "{found:?}");
}
