//! Miraage's use cases, the one layer every face calls: the desktop window (Tauri commands),
//! the CLI, and the tray and notifications to come. A face parses its input, calls a
//! function here and presents the answer; the rules live here or below, once.
//!
//! - [`open`]: where the database is and opening it (demo week on first run).
//! - [`tasks`], [`calendars`], [`events`]: reading and editing, returning the view types the
//!   window gets and the CLI prints with `--json`.
//! - [`planning`]: plan, check, accept and reject ghosts, settings.
//! - [`habits`]: habits, study goals and focus time, and the user's own hour sets.
//! - [`accounts`] and [`sync`]: account views, adding and removing, syncing with progress
//!   in one wording, and the re-plan after a sync.
//! - [`meetings`]: find a time with others, meeting types, extend a meeting, share
//!   availability.
//! - [`companion`]: the tray's Now / Next, Plan today, Start / Done / Snooze / Skip of a
//!   block, and the companion's settings.
//! - [`history`]: what happened to each block (done, partly, skipped, missed), the timer,
//!   the gentle review, estimates that learn, analytics and export.
//! - [`logging`] and [`diagnostics`]: the structured log file (what may be in it decided
//!   once) and the Diagnostics view with its report.
//! - [`contract`]: what crosses to the window besides the view types: the error codes and
//!   the names of the events the core pushes.
//!
//! Every function returns [`ServiceError`], whose [`ErrorCode`] the UI branches on.

pub mod accounts;
pub mod calendars;
pub mod clock;
pub mod companion;
pub mod contract;
pub mod diagnostics;
mod error;
pub mod events;
pub mod habits;
pub mod history;
pub mod locks;
pub mod logging;
pub mod meetings;
pub mod open;
pub mod planning;
pub mod quick_add;
pub mod search;
pub mod sync;
mod task_changes;
pub mod tasks;
pub mod undo;

pub use error::{ErrorCode, ErrorView, Result, ServiceError};
