use crate::args::PlanArgs;
use crate::error::Result;

/// Plans (or re-plans) a problem file. The plan goes to `--out` or standard output; a one-line
/// JSON summary (score terms, planning time) goes to standard error for scripts and benchmarks.
pub fn run(args: PlanArgs) -> Result<()> {
    let summary = match &args.replan {
        Some(previous) => {
            miraage_planner::replan_file_command(&args.problem, previous, args.out.as_deref(), args.time_budget_ms)?
        }
        None => miraage_planner::plan_file_command(&args.problem, args.out.as_deref(), args.time_budget_ms)?,
    };
    eprintln!("{}", serde_json::to_string(&summary).unwrap_or_default());
    Ok(())
}
