//! `score PROBLEM.json PLAN.json`: the crate's own validator and scorer on a plan file.
//! Prints one JSON object (`valid`, `rules` broken, `violations`, `terms`) and exits like
//! the shared referee: 0 valid, 1 a hard rule broken, 2 an input cannot be read.

use std::process::ExitCode;

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [problem, plan] = args.as_slice() else {
        eprintln!("usage: score PROBLEM.json PLAN.json");
        return ExitCode::from(2);
    };
    let problem =
        match read(problem).and_then(|t| miraage_planner::Problem::from_json_str(&t).map_err(|e| e.to_string())) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("score: problem: {e}");
                return ExitCode::from(2);
            }
        };
    let plan = match read(plan).and_then(|t| miraage_planner::Plan::from_json_str(&t).map_err(|e| e.to_string())) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("score: plan: {e}");
            return ExitCode::from(2);
        }
    };
    let violations = miraage_planner::validate(&problem, &plan);
    let mut rules: Vec<u8> = violations.iter().map(|v| v.rule).collect();
    rules.dedup();
    let terms = miraage_planner::score(&problem, &plan);
    let out =
        serde_json::json!({"valid": violations.is_empty(), "rules": rules, "violations": violations, "terms": terms});
    println!("{out}");
    if violations.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
