//! The entry points: [`plan`] from scratch and [`replan`] after a change.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use crate::construct::{decode, initial_orders, State};
use crate::displaced::place_whole;
use crate::eval::{self, eval};
use crate::explain::to_plan;
use crate::keep::{keep_blocks, Dropped};
use crate::model::{Model, Slot};
use crate::plan::{Plan, PlanStats, Unscheduled};
use crate::problem::{PrevBlock, Problem};
use crate::repair::eject_repair;
use crate::rng::Rng;
use crate::search::{improve, Limits, Outcome};

/// How hard to search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Wall-clock cap on [`plan`] (search and repair; construction always runs in full).
    pub time_budget: Duration,
    /// A second wall-clock cap that scales with the problem: this much per task, at least
    /// 20 ms (300 µs by default: 45 ms for 150 tasks, 300 ms for 1,000). It only binds on
    /// a slow or busy machine; `Duration::MAX` turns it off.
    pub time_per_task: Duration,
    /// Wall-clock cap on the search of [`replan`], which should feel instant.
    pub replan_time_budget: Duration,
    /// Seed of the search's random moves.
    pub seed: u64,
    /// Search moves per task (so the work scales with the problem). Whichever of this and
    /// the time budget runs out first ends the search; when the iteration limit binds, the
    /// plan depends only on the problem and the options, not on the machine's speed.
    pub iterations_per_task: u64,
    /// Floor of the iteration limit, so small problems (where a move costs microseconds)
    /// are searched thoroughly.
    pub min_iterations: u64,
    /// In [`replan`], whether a task whose blocks the change displaced may take time from
    /// lighter tasks' blocks when no free time suits it. Off by default, so a new meeting
    /// moves only what it covers; new tasks may always do so.
    pub replan_displace_lighter: bool,
    /// Rounds of ejection repair after the search (0 turns it off).
    pub repair_passes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            time_budget: Duration::from_millis(400),
            time_per_task: Duration::from_micros(300),
            replan_time_budget: Duration::from_millis(6),
            seed: 1,
            iterations_per_task: 16,
            min_iterations: 2000,
            replan_displace_lighter: false,
            repair_passes: 2,
        }
    }
}

/// Plans from scratch. Locked previous blocks and pinned blocks stay where they are unless
/// an event now covers them (see the crate docs); with a `previous_plan`, keeping its
/// still-valid blocks is one of the starting points considered (it wins when churn
/// outweighs what moving would gain).
pub fn plan(problem: &Problem, options: &Options) -> Plan {
    if let Err(e) = problem.check() {
        return refused(problem, &e);
    }
    let start = Instant::now();
    let p = problem.expanded();
    let m = Model::new(&p);
    let hold = frozen_until(&p);
    // Every start keeps the locked blocks and the ordinary ones inside the frozen horizon.
    let mut locked: Vec<PrevBlock> = p.pinned.iter().map(|b| PrevBlock { locked: true, ..b.clone() }).collect();
    locked.extend(p.previous_plan.iter().flatten().filter(|b| b.locked || b.start < hold).cloned());
    let fixed = keep_blocks(&m, &locked, hold);
    let mut user_locked = fixed.locked.clone();
    let mut protected: BTreeSet<_> = fixed.locked.union(&fixed.held).copied().collect();
    let mut bases = vec![(fixed.state, fixed.dropped)];
    if let Some(prev) = p.previous_plan.as_ref().filter(|v| !v.is_empty()) {
        let all: Vec<PrevBlock> =
            p.pinned.iter().map(|b| PrevBlock { locked: true, ..b.clone() }).chain(prev.iter().cloned()).collect();
        let kept = keep_blocks(&m, &all, hold);
        user_locked.extend(kept.locked.iter().copied());
        protected.extend(kept.locked.iter().chain(&kept.held).copied());
        bases.push((kept.state, kept.dropped));
    }
    let (base, order, compact, dropped, construction_score) = best_start(&m, bases);
    let kept_blocks = base.blocks.len();
    // The search gets most of the budget; ejection repair polishes with the rest.
    let budget = effective_budget(&m, options);
    let limits =
        Limits { deadline: after(start, budget.mul_f64(0.85)), max_iterations: budget_iterations(&m, options) };
    let mut rng = Rng::new(options.seed);
    let out = improve(&m, &base, order, compact, &mut rng, &limits);
    let (state, score) =
        eject_repair(&m, out.state, &protected, None, &|_| true, after(start, budget), options.repair_passes);
    let out = Outcome { state, score, iterations: out.iterations };
    let moved_min = moved_minutes(&m, &out.state);
    let stats =
        PlanStats { construction_score, final_score: out.score, iterations: out.iterations, kept_blocks, moved_min };
    to_plan(&m, &out.state, &user_locked, &dropped, stats)
}

/// Re-plans after a change (an event added or moved, a task added or done, a block missed):
/// keeps every block of `previous` that still obeys the rules (and every locked one no event
/// covers), puts each displaced block back whole where a gap holds it, places what else is
/// missing, then improves the placement of those minutes within `replan_time_budget`.
/// Churn is scored against `previous`.
pub fn replan(problem: &Problem, previous: &Plan, options: &Options) -> Plan {
    if let Err(e) = problem.check() {
        return refused(problem, &e);
    }
    let start = Instant::now();
    let mut p = problem.expanded();
    let mut prev: Vec<PrevBlock> = previous
        .blocks
        .iter()
        .map(|b| PrevBlock { task: b.task.clone(), start: b.start_s(), end: b.end_s(), locked: b.locked })
        .collect();
    prev.extend(p.pinned.iter().map(|b| PrevBlock { locked: true, ..b.clone() }));
    p.previous_plan = Some(prev.clone());
    let m = Model::new(&p);
    let kept = keep_blocks(&m, &prev, frozen_until(&p));
    let kept_locked = kept.locked.clone();
    let protected: BTreeSet<_> = kept.locked.union(&kept.held).copied().collect();
    let kept_blocks = kept.state.blocks.len();
    let kept_state = kept.state.clone();
    let mut start_state = kept.state;
    place_whole(&m, &mut start_state, &prev);
    let (base, order, compact, dropped, construction_score) = best_start(&m, vec![(start_state, kept.dropped)]);
    let limits = Limits {
        deadline: after(start, options.replan_time_budget.mul_f64(0.7)),
        max_iterations: budget_iterations(&m, options),
    };
    let mut rng = Rng::new(options.seed);
    let out = improve(&m, &base, order, compact, &mut rng, &limits);
    // A new task may take time from lighter blocks (and, if allowed, so may a task the
    // change displaced); tasks the previous plan already left out may not, so the churn
    // stays with what the change needs. The churn caused is part of the score the repair
    // must improve.
    let index = p.task_index();
    let mut eligible = vec![true; m.tasks.len()];
    for u in &previous.unscheduled {
        if let Some(&t) = index.get(u.task.as_str()) {
            eligible[t] = false;
        }
    }
    for b in &previous.blocks {
        if let Some(&t) = index.get(b.task.as_str()) {
            eligible[t] = options.replan_displace_lighter;
        }
    }
    // The churn budget bounds what repairs may take from blocks that were still valid.
    let valid: Vec<(Slot, Slot, u32)> = eval::sorted_blocks(&kept_state);
    let budget = problem.settings.churn_budget_min.map(|b| b / 5);
    let within = |st: &State| budget.is_none_or(|b| taken_slots(&valid, st) <= b);
    let (state, score) = eject_repair(
        &m,
        out.state,
        &protected,
        Some(&eligible),
        &within,
        after(start, options.replan_time_budget),
        options.repair_passes,
    );
    let out = Outcome { state, score, iterations: out.iterations };
    let moved_min = moved_minutes(&m, &out.state);
    let stats =
        PlanStats { construction_score, final_score: out.score, iterations: out.iterations, kept_blocks, moved_min };
    to_plan(&m, &out.state, &kept_locked, &dropped, stats)
}

/// The end of the frozen horizon: ordinary previous blocks starting before it stay unless
/// they no longer obey the rules (an event or its buffer now overlaps them, say).
fn frozen_until(p: &Problem) -> i64 {
    p.now + i64::from(p.settings.frozen_min) * 60
}

/// Slots of the blocks in `valid` (sorted) that `st` no longer holds.
fn taken_slots(valid: &[(Slot, Slot, u32)], st: &State) -> Slot {
    let now = eval::sorted_blocks(st);
    valid.iter().filter(|b| now.binary_search(b).is_err()).map(|b| b.1 - b.0).sum()
}

/// Minutes of the previous plan's time (per task, as the churn term reads it) that `st` does
/// not cover.
fn moved_minutes(m: &Model, st: &State) -> u32 {
    u32::try_from((eval::churn(m, st) * 2.0).round() as i64).unwrap_or(u32::MAX)
}

/// The plan for a problem that breaks the planner's invariants: nothing placed, and why.
fn refused(problem: &Problem, e: &crate::PlannerError) -> Plan {
    Plan {
        planner: "miraage-planner".into(),
        unscheduled: problem
            .tasks
            .iter()
            .map(|t| Unscheduled {
                task: t.id.clone(),
                minutes: t.duration_min,
                reason: format!("nothing is planned because the problem is invalid: {e}"),
            })
            .collect(),
        notes: vec![format!("nothing planned: {e}")],
        ..Plan::default()
    }
}

/// `start + d`, saturating (a budget of `Duration::MAX` means "no time limit").
fn after(start: Instant, d: Duration) -> Instant {
    start.checked_add(d).unwrap_or_else(|| start + Duration::from_secs(100 * 365 * 86_400))
}

/// The smaller of the two wall-clock caps of [`Options`].
fn effective_budget(m: &Model, o: &Options) -> Duration {
    let tasks = u32::try_from(m.tasks.len()).unwrap_or(u32::MAX);
    let scaled = o.time_per_task.checked_mul(tasks).unwrap_or(Duration::MAX).max(Duration::from_millis(20));
    o.time_budget.min(scaled)
}

fn budget_iterations(m: &Model, o: &Options) -> u64 {
    o.iterations_per_task.saturating_mul(m.tasks.len() as u64).max(o.min_iterations)
}

/// The best start over every greedy order, every base and both placement modes:
/// (base, order, per-task compact flags, locked blocks that had to go, score).
type Start = (State, Vec<u32>, Vec<bool>, Vec<Dropped>, f64);

/// Decodes every greedy order on every base, with plain and with compact placement, and
/// returns the best.
fn best_start(m: &Model, bases: Vec<(State, Vec<Dropped>)>) -> Start {
    let mut best: Option<Start> = None;
    for (base, dropped) in bases {
        for order in initial_orders(m, &base) {
            for mode in [false, true] {
                let compact = vec![mode; m.tasks.len()];
                let s = eval(m, &decode(m, &base, &order, &compact));
                if best.as_ref().is_none_or(|b| s < b.4) {
                    best = Some((base.clone(), order.clone(), compact, dropped.clone(), s));
                }
            }
        }
    }
    best.unwrap_or_else(|| (State::new(m), Vec::new(), vec![false; m.tasks.len()], Vec::new(), 0.0))
}
