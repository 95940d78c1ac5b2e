//! Property tests: on random problems (DST-crossing horizons, dependencies, hard dues, caps,
//! buffers, breaks, locked and pinned blocks, habits) every plan and re-plan obeys every hard
//! rule apart from what the user placed, blocks the user placed stay unless an event covers
//! them, the search never ends worse than construction, and the fast internal score equals
//! the referee's.

mod common;

use common::planner_faults;
use common::random::{problem, Size, R};
use miraage_planner::{plan, replan, score, Block, Options, Plan, Problem};
use proptest::prelude::*;
use std::time::Duration;

fn options() -> Options {
    Options {
        time_budget: Duration::from_secs(30),
        time_per_task: Duration::MAX,
        replan_time_budget: Duration::from_secs(30),
        seed: 7,
        iterations_per_task: 3,
        min_iterations: 60,
        ..Options::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_plan_obeys_every_hard_rule(seed in any::<u64>(), tasks in 1u64..30, days in 2i64..10) {
        let v = problem(seed, &Size { tasks, days, events_per_day: 3 });
        let p = Problem::from_value(&v).expect("generated problems are readable");
        let result = plan(&p, &options());
        let violations = planner_faults(&p, &result);
        prop_assert!(violations.is_empty(), "violations: {:?}", violations);
        prop_assert!(too_close(&p, &result).is_empty(), "{:?}", too_close(&p, &result));
        let again = plan(&p, &options());
        prop_assert_eq!(&again.blocks, &result.blocks, "same problem and options, same plan");
        let stats = result.stats.clone().expect("plan has stats");
        prop_assert!(stats.final_score <= stats.construction_score + 1e-6);
        let referee = score(&p, &result).total;
        prop_assert!((referee - stats.final_score).abs() < 1e-6 * referee.max(1.0),
            "internal score {} vs scorer {}", stats.final_score, referee);
        // Every unscheduled minute has a reason and the minutes add up.
        let expanded = p.expanded();
        for t in &expanded.tasks {
            let placed: i64 = result.blocks.iter().filter(|b| b.task == t.id).map(|b| (b.end_s() - b.start_s()) / 60).sum();
            let listed: u32 = result.unscheduled.iter().filter(|u| u.task == t.id).map(|u| u.minutes).sum();
            prop_assert_eq!(i64::from(listed), (i64::from(t.duration_min) - placed).max(0), "pins may exceed a task");
            prop_assert!(result.unscheduled.iter().filter(|u| u.task == t.id).all(|u| !u.reason.is_empty()));
        }
    }

    #[test]
    fn replans_after_a_new_meeting_stay_valid_and_move_only_what_it_displaced(seed in any::<u64>(), tasks in 1u64..25) {
        let mut v = problem(seed, &Size { tasks, days: 5, events_per_day: 2 });
        let p = Problem::from_value(&v).expect("readable");
        let first = plan(&p, &options());
        prop_assume!(!first.blocks.is_empty());
        let hit: &Block = &first.blocks[(seed % first.blocks.len() as u64) as usize];
        let meeting = (hit.start_s(), hit.start_s() + 3600);
        v["busy"].as_array_mut().expect("busy list").push(serde_json::json!({
            "id": "new", "start": hit.start.to_rfc3339(), "end": (hit.start + chrono::Duration::hours(1)).to_rfc3339()}));
        let changed = Problem::from_value(&v).expect("readable");
        let second = replan(&changed, &first, &options());
        let violations = planner_faults(&changed, &second);
        prop_assert!(violations.is_empty(), "violations: {:?}", violations);
        prop_assert!(too_close(&changed, &second).is_empty());
        // Blocks untouched by the meeting (and its buffer) stay exactly where they were,
        // unless a prerequisite moved or the block is no longer valid for another reason.
        let pad = i64::from(changed.settings.buffer_min) * 60;
        // A locked block moves only for the meeting itself, not for its buffer.
        let displaced: Vec<&Block> = first.blocks.iter().filter(|b| {
            let pad = if b.locked { 0 } else { pad };
            b.start_s() < meeting.1 + pad && meeting.0 - pad < b.end_s()
        }).collect();
        let displaced_min: i64 = displaced.iter().map(|b| (b.end_s() - b.start_s()) / 60).sum();
        let kept = first.blocks.iter().filter(|b| second.blocks.contains(b)).count();
        let has_deps = changed.tasks.iter().any(|t| !t.depends_on.is_empty());
        if !has_deps && changed.pinned.is_empty() {
            prop_assert_eq!(kept + displaced.len(), first.blocks.len());
            let mut with_prev = changed.clone();
            with_prev.previous_plan = Some(first.blocks.iter().map(|b| miraage_planner::PrevBlock {
                task: b.task.clone(), start: b.start_s(), end: b.end_s(), locked: false }).collect());
            let churn_min = score(&with_prev.expanded(), &second).churn * 2.0;
            prop_assert!(churn_min <= displaced_min as f64 + 1e-9, "churn {} > displaced {}", churn_min, displaced_min);
        }
    }
}

/// Pairs of blocks of one task closer than the break, unless the user placed both.
fn too_close(p: &Problem, plan: &Plan) -> Vec<(String, i64, i64)> {
    let brk = i64::from(p.settings.task_break_min) * 60;
    let mut by: std::collections::BTreeMap<&str, Vec<&Block>> = Default::default();
    for b in &plan.blocks {
        by.entry(b.task.as_str()).or_default().push(b);
    }
    let mut out = Vec::new();
    for (task, mut list) in by {
        list.sort_by_key(|b| (b.start_s(), b.end_s()));
        for (i, x) in list.iter().enumerate() {
            for y in &list[i + 1..] {
                let gap = y.start_s() - x.end_s();
                if gap < brk && !(x.locked && y.locked) {
                    out.push((task.to_string(), x.start_s(), y.start_s()));
                }
            }
        }
    }
    out
}

/// The locked blocks a (re-)plan must keep: those of `blocks` (task, start, end) that no
/// busy event overlaps, taken in time order (ties in task order), each unless it overlaps
/// one kept before it.
fn must_keep(p: &Problem, blocks: &[(String, i64, i64)]) -> Vec<(String, i64, i64)> {
    // What is past is done: blocks are clipped to the grid from now on.
    let origin = (p.now + 299).div_euclid(300) * 300;
    let mut sorted: Vec<_> = blocks
        .iter()
        .map(|b| (b.0.clone(), b.1.max(origin), b.2.min(p.horizon_end)))
        .filter(|b| b.2 > b.1)
        .filter(|b| p.tasks.iter().any(|t| t.id == b.0))
        .collect();
    let rank = |id: &str| p.tasks.iter().position(|t| t.id == id);
    sorted.sort_by_key(|b| (b.1, b.2, rank(&b.0)));
    sorted.dedup();
    let mut kept: Vec<(String, i64, i64)> = Vec::new();
    for b in sorted {
        // A zero-length event covers nothing (FORMAT.md note 1).
        let on_event = p.busy.iter().any(|e| e.start < e.end && e.start < b.2 && b.1 < e.end);
        let on_kept = kept.iter().any(|k| k.1 < b.2 && b.1 < k.2);
        if !on_event && !on_kept {
            kept.push(b);
        }
    }
    kept
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_locked_block_moves_only_when_a_busy_event_covers_it(seed in any::<u64>(), tasks in 1u64..20) {
        let mut v = problem(seed, &Size { tasks, days: 5, events_per_day: 2 });
        v.as_object_mut().expect("object").remove("habits");
        let p = Problem::from_value(&v).expect("readable");
        let span = |b: &Block| (b.task.clone(), b.start_s(), b.end_s());
        let mut asked: Vec<(String, i64, i64)> = p.pinned.iter()
            .chain(p.previous_plan.iter().flatten().filter(|b| b.locked))
            .map(|b| (b.task.clone(), b.start, b.end)).collect();
        let mut current = plan(&p, &options());
        let mut r = R::new(seed ^ 0x5eed);
        let mut problem_now = p;
        for step in 0..4 {
            let expected = must_keep(&problem_now, &asked);
            for b in &expected {
                prop_assert!(current.blocks.iter().any(|x| x.locked && span(x) == *b),
                    "step {}: locked {:?} was moved: {:?}", step, b, current.blocks);
            }
            prop_assert!(planner_faults(&problem_now, &current).is_empty(), "{:?}", planner_faults(&problem_now, &current));
            prop_assert!(too_close(&problem_now, &current).is_empty());
            // The user accepts a random half of the plan, then an event arrives: on a
            // locked block, on any block, or anywhere.
            for b in &mut current.blocks {
                if !b.locked && r.chance(50) {
                    b.locked = true;
                }
            }
            // A re-plan is offered the plan's locked blocks and the problem's pins again.
            asked = current.blocks.iter().filter(|b| b.locked).map(span)
                .chain(problem_now.pinned.iter().map(|b| (b.task.clone(), b.start, b.end)))
                .collect();
            let start = match (current.blocks.len(), r.below(3)) {
                (0, _) | (_, 2) => problem_now.now + 300 * r.below(5 * 288) as i64,
                (n, _) => current.blocks[r.below(n as u64) as usize].start_s() + 300 * r.below(6) as i64,
            };
            let len = 300 * (1 + r.below(18)) as i64;
            let fmt = |t: i64| chrono::DateTime::from_timestamp(t, 0).expect("time").to_rfc3339();
            v["busy"].as_array_mut().expect("busy").push(serde_json::json!({
                "id": format!("new{step}"), "title": "New", "start": fmt(start), "end": fmt(start + len)}));
            problem_now = Problem::from_value(&v).expect("readable");
            current = replan(&problem_now, &current, &options());
        }
        let expected = must_keep(&problem_now, &asked);
        for b in &expected {
            prop_assert!(current.blocks.iter().any(|x| x.locked && span(x) == *b), "locked {:?} was moved", b);
        }
    }
}
