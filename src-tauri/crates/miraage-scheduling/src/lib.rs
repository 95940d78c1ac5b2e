//! Planning over the store, shared by the desktop shell and the CLI.
//!
//! - [`settings`]: the user's planning settings (work and personal hours, buffers, daily cap,
//!   chunk sizes, the calendar for plan blocks), kept in the store's settings table.
//! - [`problem`]: builds the planner's [`miraage_planner::Problem`] for a horizon from open
//!   tasks, busy events and accepted blocks.
//! - [`habits`]: hour sets (work, personal, the user's own), habits' periods as planner
//!   tasks with carry-over, and progress per habit.
//! - [`project_hours`]: a project's default hour set, for its tasks without one.
//! - [`preferred`]: a preferred part of the day, one rule for a habit's and a tag's.
//! - [`learned`]: the estimate learner (actual time against estimates per tag and project),
//!   applied to planning when the user turns it on.
//! - [`preview`](mod@preview): runs the planner, keeps its proposal as ghost blocks in the store and
//!   describes it for the UI ([`PlanPreview`]); accepting and rejecting ghosts.

mod budget;
mod error;
pub mod forecast;
pub mod habits;
pub mod learned;
mod preferred;
pub mod preview;
pub mod problem;
pub mod project_hours;
mod reasons;
pub mod settings;

pub use error::{Result, SchedulingError};
pub use forecast::{forecast_draft, forecast_task, week_load, Draft, ForecastView, WeekLoadView};
pub use habits::{check_habit, habit_views, hour_set_views, hour_sets, HabitView, HourSetView};
pub use preferred::tag_key;
pub use preview::{
    accept_all, accept_ghost, check_ahead, check_changes, current_preview, horizon, plan_ahead, preview, reject_all,
    reject_ghost, GhostKind, GhostView, PlanPreview, RiskView, UnscheduledView, PROPOSAL_SETTINGS,
};
pub use problem::{build_problem, is_personal, Built};
pub use settings::{
    load_settings, plan_calendar, save_settings, settings_view, Break, Hours, PlanSettings, SettingsView, SETTINGS_KEY,
};
