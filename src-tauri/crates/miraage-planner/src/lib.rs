//! # miraage-planner: the rescheduler
//!
//! (Model and algorithm documentation: see the module docs below.)

mod cli;
mod construct;
mod error;
mod eval;
mod explain;
pub mod habits;
mod keep;
mod model;
mod plan;
mod planner;
mod problem;
mod rng;
mod score;
mod search;
pub mod time;
mod validate;

pub use cli::{plan_file_command, replan_file_command, PlanSummary};
pub use error::{PlannerError, Result};
pub use plan::{AtRisk, Block, Plan, PlanStats, Unscheduled};
pub use planner::{plan, replan, Options};
pub use problem::{Busy, PrevBlock, Priority, Problem, Settings, Task, FORMAT_VERSION};
pub use score::{score, ScoreBreakdown};
pub use validate::{validate, Violation};
