//! Property tests of the user's control over re-plans: the frozen horizon (nothing starting
//! within the next N minutes moves unless an event overlaps it) and the churn budget (a
//! re-plan moves at most that many minutes of blocks that were still valid).

mod common;

use common::planner_faults;
use common::random::{problem, Size};
use miraage_planner::{plan, replan, Block, Options, Plan, Problem};
use proptest::prelude::*;
use serde_json::json;
use std::time::Duration;

fn options() -> Options {
    Options {
        time_budget: Duration::from_secs(30),
        time_per_task: Duration::MAX,
        replan_time_budget: Duration::from_secs(30),
        seed: 11,
        iterations_per_task: 3,
        min_iterations: 60,
        ..Options::default()
    }
}

fn span(b: &Block) -> (String, i64, i64) {
    (b.task.clone(), b.start_s(), b.end_s())
}

/// Minutes of `first`'s blocks that `second` does not hold exactly where they were.
fn moved_min(first: &Plan, second: &Plan) -> i64 {
    let now: Vec<_> = second.blocks.iter().map(span).collect();
    first.blocks.iter().filter(|b| !now.contains(&span(b))).map(|b| (b.end_s() - b.start_s()) / 60).sum()
}

/// New heavy tasks due soon, which want the time lighter blocks hold.
fn add_urgent_tasks(v: &mut serde_json::Value, n: u64, seed: u64) {
    let due = v["horizon_end"].clone();
    let tasks = v["tasks"].as_array_mut().expect("task list");
    for i in 0..n {
        tasks.push(json!({
            "id": format!("urgent{i}"), "title": format!("Urgent {i}"), "duration_min": 30 + 30 * ((seed + i) % 4),
            "min_chunk_min": 30, "max_chunk_min": 60, "priority": 1, "hours": "work", "project": "rush", "due": due
        }));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn nothing_inside_the_frozen_horizon_moves_unless_an_event_overlaps_it(
        seed in any::<u64>(), tasks in 1u64..25, frozen_h in 1i64..30, offset in -90i64..90, urgent in 0u64..3,
    ) {
        let mut v = problem(seed, &Size { tasks, days: 5, events_per_day: 2 });
        v["settings"]["frozen_min"] = json!(frozen_h * 60);
        let p = Problem::from_value(&v).expect("readable");
        let first = plan(&p, &options());
        prop_assume!(!first.blocks.is_empty());
        // A meeting near (or on) one block, and maybe new urgent tasks that want time.
        let hit = &first.blocks[(seed % first.blocks.len() as u64) as usize];
        let start = hit.start + chrono::Duration::minutes(offset);
        v["busy"].as_array_mut().expect("busy list").push(json!({
            "id": "new", "title": "New meeting", "start": start.to_rfc3339(),
            "end": (start + chrono::Duration::minutes(45)).to_rfc3339()}));
        add_urgent_tasks(&mut v, urgent, seed);
        let changed = Problem::from_value(&v).expect("readable");
        let second = replan(&changed, &first, &options());
        let faults = planner_faults(&changed, &second);
        prop_assert!(faults.is_empty(), "violations: {:?}", faults);
        let until = changed.now + frozen_h * 3600;
        let pad = i64::from(changed.settings.buffer_min) * 60;
        let kept: Vec<_> = second.blocks.iter().map(span).collect();
        let has_deps = |id: &str| changed.tasks.iter().any(|t| t.id == id && !t.depends_on.is_empty());
        for b in first.blocks.iter().filter(|b| b.start_s() < until && !has_deps(&b.task)) {
            let (s, e) = (b.start_s(), b.end_s());
            // Colliding: an event (a locked block: the event itself; another: with its
            // buffer) or a block the user placed.
            let pad = if b.locked { 0 } else { pad };
            let on_event = changed.busy.iter().any(|x| x.start < x.end && x.start - pad < e && s < x.end + pad);
            let on_pin = changed.pinned.iter().any(|x| x.start < e && s < x.end && (x.task.clone(), x.start, x.end) != span(b));
            prop_assert!(on_event || on_pin || kept.contains(&span(b)),
                "{:?} lies in the frozen horizon and collides with nothing, yet it moved", span(b));
        }
        // The horizon's hold is not a lock the user made: the plan does not mark it.
        for b in second.blocks.iter().filter(|b| b.locked) {
            let user = changed.pinned.iter().any(|x| x.task == b.task)
                || first.blocks.iter().any(|x| x.locked && x.task == b.task);
            prop_assert!(user, "{:?} is marked locked but only the frozen horizon held it", span(b));
        }
    }

    #[test]
    fn a_replan_moves_at_most_its_churn_budget_of_still_valid_blocks(
        seed in any::<u64>(), tasks in 2u64..25, budget in prop::sample::select(vec![0u32, 15, 30, 60, 120]),
        urgent in 1u64..4,
    ) {
        let mut v = problem(seed, &Size { tasks, days: 4, events_per_day: 2 });
        let p = Problem::from_value(&v).expect("readable");
        let first = plan(&p, &options());
        // Nothing else changes: every block of the first plan is still valid, so whatever
        // moves, moves to make room for the new tasks.
        add_urgent_tasks(&mut v, urgent, seed);
        v["settings"]["churn_budget_min"] = json!(budget);
        let changed = Problem::from_value(&v).expect("readable");
        let second = replan(&changed, &first, &options());
        let violations = planner_faults(&changed, &second);
        prop_assert!(violations.is_empty(), "violations: {:?}", violations);
        let moved = moved_min(&first, &second);
        prop_assert!(moved <= i64::from(budget), "moved {} min with a budget of {}", moved, budget);
    }
}

#[test]
fn without_a_budget_urgent_work_takes_lighter_blocks_and_with_one_it_does_not() {
    // A full Monday: one light task fills the free time; an urgent one arrives.
    let mut v = common::base();
    v["horizon_end"] = json!("2026-11-24T00:00:00+01:00");
    v["tasks"] = json!([{"id": "light", "title": "Tidy inbox", "duration_min": 360, "min_chunk_min": 30,
                         "max_chunk_min": 120, "priority": 4, "project": "a"}]);
    let first = plan(&common::problem(&v), &options());
    assert!(!first.blocks.is_empty());
    v["tasks"].as_array_mut().expect("tasks").push(json!({"id": "urgent", "title": "Fix the outage",
        "duration_min": 60, "priority": 1, "project": "b", "due": "2026-11-23T17:00:00+01:00"}));
    let free = replan(&common::problem(&v), &first, &options());
    assert!(moved_min(&first, &free) >= 60, "no budget: the urgent task takes an hour of the light one");
    v["settings"]["churn_budget_min"] = json!(30);
    let held = replan(&common::problem(&v), &first, &options());
    assert!(moved_min(&first, &held) <= 30, "{:?}", held.blocks);
    assert!(held.unscheduled.iter().any(|u| u.task == "urgent"), "the rest waits for the user");
}
