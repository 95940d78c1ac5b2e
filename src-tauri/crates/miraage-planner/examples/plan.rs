//! `plan PROBLEM.json [--out PLAN.json] [--time-budget-ms N] [--replan PREVIOUS_PLAN.json]`:
//! the same arguments as `miraage-cli plan` (plus `--replan`, which re-plans from an earlier
//! plan instead of planning from scratch). Prints a one-line JSON summary on stderr.
//! `--expanded-out FILE` also writes the problem with its habits expanded into tasks, which
//! is what the shared referee and baseline score.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut problem: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let mut budget: Option<u64> = None;
    let mut previous: Option<PathBuf> = None;
    let mut expanded: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--replan" => previous = args.next().map(PathBuf::from),
            "--expanded-out" => expanded = args.next().map(PathBuf::from),
            "--time-budget-ms" => match args.next().and_then(|v| v.parse().ok()) {
                Some(v) => budget = Some(v),
                None => {
                    eprintln!("plan: --time-budget-ms takes a whole number of milliseconds");
                    return ExitCode::from(2);
                }
            },
            _ if problem.is_none() && !a.starts_with("--") => problem = Some(PathBuf::from(a)),
            _ => {
                eprintln!("usage: plan PROBLEM.json [--out PLAN.json] [--time-budget-ms N]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(problem) = problem else {
        eprintln!("usage: plan PROBLEM.json [--out PLAN.json] [--time-budget-ms N]");
        return ExitCode::from(2);
    };
    if let Some(path) = &expanded {
        let written = std::fs::read_to_string(&problem)
            .map_err(|e| e.to_string())
            .and_then(|text| miraage_planner::Problem::from_json_str(&text).map_err(|e| e.to_string()))
            .and_then(|p| serde_json::to_string(&p.expanded().to_value()).map_err(|e| e.to_string()))
            .and_then(|text| std::fs::write(path, text).map_err(|e| e.to_string()));
        if let Err(e) = written {
            eprintln!("plan: --expanded-out {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let result = match &previous {
        Some(prev) => miraage_planner::replan_file_command(&problem, prev, out.as_deref(), budget),
        None => miraage_planner::plan_file_command(&problem, out.as_deref(), budget),
    };
    match result {
        Ok(summary) => {
            eprintln!("{}", serde_json::to_string(&summary).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("plan: {e}");
            ExitCode::from(2)
        }
    }
}
