//! Criterion benchmarks: greedy construction alone, construction plus 1000 search moves,
//! the default planner (search and ejection repair), and an incremental re-plan after one
//! added 1-hour meeting, on generated problems.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use miraage_planner::{plan, replan, Options, Problem};

#[path = "../tests/common/random.rs"]
mod random;

fn problem(tasks: u64, days: i64) -> (serde_json::Value, Problem) {
    let v = random::problem(3, &random::Size { tasks, days, events_per_day: 4 });
    let p = Problem::from_value(&v).expect("generated problem");
    (v, p)
}

fn construction_only() -> Options {
    Options { iterations_per_task: 0, min_iterations: 0, repair_passes: 0, ..Options::default() }
}

fn search(iterations: u64) -> Options {
    Options {
        time_budget: Duration::from_secs(60),
        time_per_task: Duration::MAX,
        iterations_per_task: 0,
        min_iterations: iterations,
        repair_passes: 0,
        ..Options::default()
    }
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("planner");
    g.sample_size(20);
    for (tasks, days) in [(15u64, 7i64), (150, 28), (1000, 84)] {
        let (v, p) = problem(tasks, days);
        g.bench_with_input(BenchmarkId::new("construction", tasks), &p, |b, p| {
            b.iter(|| plan(p, &construction_only()))
        });
        g.bench_with_input(BenchmarkId::new("default_options", tasks), &p, |b, p| {
            b.iter(|| plan(p, &Options::default()))
        });
        if tasks <= 150 {
            g.bench_with_input(BenchmarkId::new("search_1000_moves", tasks), &p, |b, p| {
                b.iter(|| plan(p, &search(1000)))
            });
        }
        let first = plan(&p, &construction_only());
        if let Some(hit) = first.blocks.get(first.blocks.len() / 3) {
            let mut v = v.clone();
            v["busy"].as_array_mut().expect("busy").push(serde_json::json!({
                "id": "new", "start": hit.start.to_rfc3339(), "end": (hit.start + chrono::Duration::hours(1)).to_rfc3339()}));
            let changed = Problem::from_value(&v).expect("changed problem");
            let o = Options {
                replan_time_budget: Duration::from_secs(60),
                iterations_per_task: 0,
                min_iterations: 200,
                ..Options::default()
            };
            g.bench_with_input(BenchmarkId::new("replan_one_meeting", tasks), &changed, |b, p| {
                b.iter(|| replan(p, &first, &o))
            });
        }
    }
    g.finish();
}

criterion_group!(planner, benches);
criterion_main!(planner);
