//! The plan: blocks, unscheduled minutes with reasons, tasks at risk of finishing late.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::problem::Problem;
use crate::time::format_time;

/// One block of a task, on the 5-minute grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub task: String,
    pub start: DateTime<FixedOffset>,
    pub end: DateTime<FixedOffset>,
    /// Extension: a block the user accepted or placed; plans and re-plans keep it where it
    /// is unless an event now covers it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub locked: bool,
}

impl Block {
    /// A block from epoch seconds, rendered in the problem's zone.
    pub fn from_epoch(p: &Problem, task: &str, start: i64, end: i64) -> Block {
        let parse = |e: i64| {
            DateTime::parse_from_rfc3339(&format_time(p.timezone, e))
                .unwrap_or_else(|_| DateTime::<FixedOffset>::from(DateTime::from_timestamp(e, 0).unwrap_or_default()))
        };
        Block { task: task.to_owned(), start: parse(start), end: parse(end), locked: false }
    }
    pub fn start_s(&self) -> i64 {
        self.start.timestamp()
    }
    pub fn end_s(&self) -> i64 {
        self.end.timestamp()
    }
}

/// Minutes of a task left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unscheduled {
    pub task: String,
    pub minutes: u32,
    pub reason: String,
}

/// A task that will finish after its due date (or not at all before it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AtRisk {
    pub task: String,
    /// Minutes the last block ends after the due date; for a task not fully placed, the
    /// lateness of what is placed (0 when nothing is).
    pub late_min: i64,
    pub fully_placed: bool,
    /// One line for the user: how late or what is missing, and what they can do.
    #[serde(default)]
    pub reason: String,
}

/// A task placed in more blocks than it needs (`ceil(duration / max_chunk)`), or in several
/// where the previous plan had one block, and why (one line for the user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub task: String,
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub planner: String,
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub unscheduled: Vec<Unscheduled>,
    #[serde(default)]
    pub at_risk: Vec<AtRisk>,
    /// Things the user should know that are not per-task minutes (e.g. a block they placed
    /// that had to move because an event now covers it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Tasks cut into more blocks than they need, with the reason (ignored by the scorer).
    #[serde(default)]
    pub split: Vec<Split>,
    /// How the planner got there (for benchmarks and curiosity; ignored by the scorer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<PlanStats>,
}

/// Construction and search figures of one planning run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanStats {
    /// Score of the best greedy construction.
    pub construction_score: f64,
    /// Score after the search (never above `construction_score`).
    pub final_score: f64,
    pub iterations: u64,
    /// Blocks of the previous plan kept as they were (re-plans and locked blocks).
    pub kept_blocks: usize,
    /// Minutes of the previous plan's blocks (clipped to now and the horizon) that the plan
    /// does not keep where they were: the churn in minutes.
    #[serde(default)]
    pub moved_min: u32,
}

impl Plan {
    /// The blocks as (task, start, end) in epoch seconds, the form the checkers read.
    pub(crate) fn spans(&self) -> Vec<(&str, i64, i64)> {
        self.blocks.iter().map(|b| (b.task.as_str(), b.start_s(), b.end_s())).collect()
    }

    /// Per block, whether the user placed it (`locked`).
    pub(crate) fn user_placed(&self) -> Vec<bool> {
        self.blocks.iter().map(|b| b.locked).collect()
    }

    /// Reads a plan as the planner writes it (FORMAT.md), e.g. the previous plan of a re-plan.
    ///
    /// # Errors
    ///
    /// [`PlannerError::Json`](crate::PlannerError::Json) when `text` is not JSON;
    /// [`PlannerError::Invalid`](crate::PlannerError::Invalid) when `blocks` is not a list or a
    /// block is malformed.
    pub fn from_json_str(text: &str) -> crate::Result<Plan> {
        let v: serde_json::Value = serde_json::from_str(text)?;
        if !v.get("blocks").is_some_and(serde_json::Value::is_array) {
            return Err(crate::PlannerError::invalid("plan: \"blocks\" must be a list"));
        }
        serde_json::from_value(v).map_err(|e| crate::PlannerError::invalid(format!("plan: {e}")))
    }
}
