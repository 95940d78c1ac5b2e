//! Property tests: on random problems (DST-crossing horizons, dependencies, hard dues, caps,
//! buffers, locked blocks, habits) every plan and re-plan obeys every hard rule, the search
//! never ends worse than construction, and the fast internal score equals the referee's.

mod common;

use common::random::{problem, Size};
use miraage_planner::{plan, replan, score, validate, Block, Options, Problem};
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
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_plan_obeys_every_hard_rule(seed in any::<u64>(), tasks in 1u64..30, days in 2i64..10) {
        let v = problem(seed, &Size { tasks, days, events_per_day: 3 });
        let p = Problem::from_value(&v).expect("generated problems are readable");
        let result = plan(&p, &options());
        let violations = validate(&p, &result);
        prop_assert!(violations.is_empty(), "violations: {:?}", violations);
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
            prop_assert_eq!(i64::from(listed), i64::from(t.duration_min) - placed);
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
        let violations = validate(&changed, &second);
        prop_assert!(violations.is_empty(), "violations: {:?}", violations);
        // Blocks untouched by the meeting (and its buffer) stay exactly where they were,
        // unless a prerequisite moved or the block is no longer valid for another reason.
        let pad = i64::from(changed.settings.buffer_min) * 60;
        let displaced: Vec<&Block> = first.blocks.iter().filter(|b| b.start_s() < meeting.1 + pad && meeting.0 - pad < b.end_s()).collect();
        let displaced_min: i64 = displaced.iter().map(|b| (b.end_s() - b.start_s()) / 60).sum();
        let kept = first.blocks.iter().filter(|b| second.blocks.contains(b)).count();
        let has_deps = changed.tasks.iter().any(|t| !t.depends_on.is_empty());
        if !has_deps {
            prop_assert_eq!(kept + displaced.len(), first.blocks.len());
            let mut with_prev = changed.clone();
            with_prev.previous_plan = Some(first.blocks.iter().map(|b| miraage_planner::PrevBlock {
                task: b.task.clone(), start: b.start_s(), end: b.end_s(), locked: false }).collect());
            let churn_min = score(&with_prev.expanded(), &second).churn * 2.0;
            prop_assert!(churn_min <= displaced_min as f64 + 1e-9, "churn {} > displaced {}", churn_min, displaced_min);
        }
    }
}
