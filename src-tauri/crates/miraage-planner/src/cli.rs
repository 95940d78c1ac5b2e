//! The headless command behind `miraage-cli plan`: read a problem file, plan, write JSON.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::error::{PlannerError, Result};
use crate::plan::Plan;
use crate::planner::{plan, replan, Options};
use crate::problem::{PrevBlock, Problem};
use crate::score::{score, ScoreBreakdown};
use crate::validate::validate;

/// What the command reports besides the plan it writes.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    pub blocks: usize,
    pub placed_min: u64,
    pub unscheduled_min: u64,
    pub at_risk: usize,
    /// Hard-rule violations found by the crate's own validator (0 unless there is a bug),
    /// not counting those of blocks the user placed.
    pub violations: usize,
    /// Rules broken only by blocks the user placed (kept where they put them on purpose).
    pub user_placed_violations: usize,
    pub score: ScoreBreakdown,
    pub elapsed_ms: f64,
}

/// Reads `problem_path`, plans it, writes the plan as JSON to `out` (or stdout). Without
/// `time_budget_ms` the default [`Options`] apply (an iteration limit scaled to the problem,
/// capped at 300 µs per task and 400 ms); with it, the search runs for that long.
///
/// # Errors
///
/// [`PlannerError::Io`] when the problem cannot be read or the plan cannot be written;
/// [`PlannerError::Invalid`] (naming the file and the field) when the problem is not valid JSON or
/// breaks the format.
pub fn plan_file_command(problem_path: &Path, out: Option<&Path>, time_budget_ms: Option<u64>) -> Result<PlanSummary> {
    let problem = read_problem(problem_path)?;
    let mut options = Options::default();
    if let Some(ms) = time_budget_ms {
        // An explicit budget means "search this long": no iteration limit.
        options.time_budget = Duration::from_millis(ms);
        options.time_per_task = Duration::MAX;
        options.iterations_per_task = u64::MAX;
    }
    let started = Instant::now();
    let result = plan(&problem, &options);
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    finish(&problem, &result, out, elapsed_ms)
}

/// Reads a problem and the plan shown before the change, re-plans with as little movement
/// as the change requires ([`crate::replan`]), writes the new plan to `out` (or stdout).
///
/// # Errors
///
/// [`PlannerError::Io`] when a file cannot be read or the plan cannot be written;
/// [`PlannerError::Invalid`] (naming the file and the field) when the problem or the previous plan
/// is not valid JSON or breaks the format.
pub fn replan_file_command(
    problem_path: &Path,
    previous_plan_path: &Path,
    out: Option<&Path>,
    time_budget_ms: Option<u64>,
) -> Result<PlanSummary> {
    let problem = read_problem(problem_path)?;
    let text = std::fs::read_to_string(previous_plan_path)
        .map_err(|source| PlannerError::Io { path: previous_plan_path.to_owned(), source })?;
    let previous = Plan::from_json_str(&text)
        .map_err(|e| PlannerError::invalid(format!("plan {}: {e}", previous_plan_path.display())))?;
    let mut options = Options::default();
    if let Some(ms) = time_budget_ms {
        options.replan_time_budget = Duration::from_millis(ms);
    }
    let started = Instant::now();
    let result = replan(&problem, &previous, &options);
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    // Churn is measured against the plan we re-planned from.
    let mut scored = problem.clone();
    scored.previous_plan = Some(
        previous
            .blocks
            .iter()
            .map(|b| PrevBlock { task: b.task.clone(), start: b.start_s(), end: b.end_s(), locked: b.locked })
            .collect(),
    );
    finish(&scored, &result, out, elapsed_ms)
}

fn read_problem(path: &Path) -> Result<Problem> {
    let text = std::fs::read_to_string(path).map_err(|source| PlannerError::Io { path: path.to_owned(), source })?;
    Problem::from_json_str(&text).map_err(|e| PlannerError::invalid(format!("problem {}: {e}", path.display())))
}

fn finish(problem: &Problem, result: &Plan, out: Option<&Path>, elapsed_ms: f64) -> Result<PlanSummary> {
    let json = serde_json::to_string_pretty(result)?;
    match out {
        Some(path) => {
            std::fs::write(path, json + "\n").map_err(|source| PlannerError::Io { path: path.to_owned(), source })?
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{json}").map_err(|source| PlannerError::Io { path: "<stdout>".into(), source })?;
        }
    }
    let expanded = problem.expanded();
    let placed_min: u64 = result.blocks.iter().map(|b| ((b.end_s() - b.start_s()) / 60) as u64).sum();
    let total: u64 = expanded.tasks.iter().map(|t| u64::from(t.duration_min)).sum();
    let found = validate(problem, result);
    let by_user = found.iter().filter(|v| v.user_placed).count();
    Ok(PlanSummary {
        blocks: result.blocks.len(),
        placed_min,
        unscheduled_min: total.saturating_sub(placed_min),
        at_risk: result.at_risk.len(),
        violations: found.len() - by_user,
        user_placed_violations: by_user,
        score: score(problem, result),
        elapsed_ms,
    })
}
