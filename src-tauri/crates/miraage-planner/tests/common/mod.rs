//! Shared builders for the integration tests: small hand-made problems and plans.
#![allow(dead_code)]

pub mod random;

use miraage_planner::{Block, Plan, Problem};
use serde_json::{json, Value};

/// A one-week Berlin problem starting Monday 2026-11-23 08:00 with work hours 09-12:30 and
/// 13:30-17 on weekdays, personal hours in the evening, and one standup Monday 10-11.
pub fn base() -> Value {
    json!({
        "version": 1,
        "timezone": "Europe/Berlin",
        "now": "2026-11-23T08:00:00+01:00",
        "horizon_end": "2026-11-30T00:00:00+01:00",
        "hours": {
            "work": {"mon": [["09:00","12:30"],["13:30","17:00"]], "tue": [["09:00","12:30"],["13:30","17:00"]],
                     "wed": [["09:00","12:30"],["13:30","17:00"]], "thu": [["09:00","12:30"],["13:30","17:00"]],
                     "fri": [["09:00","12:30"],["13:30","17:00"]]},
            "personal": {"mon": [["19:00","22:00"]], "sat": [["10:00","16:00"]]}
        },
        "busy": [{"id": "e1", "start": "2026-11-23T10:00:00+01:00", "end": "2026-11-23T11:00:00+01:00", "title": "Standup"}],
        "tasks": [
            {"id": "t1", "title": "Write report", "duration_min": 120, "min_chunk_min": 60, "max_chunk_min": 60, "priority": 2, "project": "ops",
             "due": "2026-11-24T17:00:00+01:00"},
            {"id": "t2", "title": "Call the bank", "duration_min": 30, "priority": 1, "project": "web"},
            {"id": "t3", "title": "Plan weekend trip", "duration_min": 90, "hours": "personal", "priority": 3, "project": "home"}
        ],
        "settings": {"buffer_min": 0, "max_task_min_per_day": null}
    })
}

pub fn problem(v: &Value) -> Problem {
    Problem::from_value(v).expect("test problem is valid")
}

pub fn block(task: &str, start: &str, end: &str) -> Block {
    Block {
        task: task.into(),
        start: chrono::DateTime::parse_from_rfc3339(start).expect("test time"),
        end: chrono::DateTime::parse_from_rfc3339(end).expect("test time"),
        locked: false,
    }
}

pub fn plan_of(blocks: Vec<Block>) -> Plan {
    Plan { blocks, ..Plan::default() }
}

/// Rules broken by `plan`, sorted and deduplicated.
pub fn rules(p: &Problem, plan: &Plan) -> Vec<u8> {
    let mut r: Vec<u8> = miraage_planner::validate(p, plan).iter().map(|v| v.rule).collect();
    r.dedup();
    r
}

/// Violations the planner is answerable for: all but those of blocks the user placed.
pub fn planner_faults(p: &Problem, plan: &Plan) -> Vec<miraage_planner::Violation> {
    miraage_planner::validate(p, plan).into_iter().filter(|v| !v.user_placed).collect()
}
