//! The domain model of Miraage, free of storage, network and UI concerns.
//!
//! - [`ids`]: typed identifiers, so that a task id can never be passed where an event id is due.
//! - [`time`]: when an event happens: timed (UTC instants plus the zone it lives in) or all-day
//!   (local dates, end exclusive), and how zone names from the wild are resolved ([`zone`]).
//! - [`event`], [`recurrence`]: one-off events, recurring masters (RRULE, RDATE, EXDATE) and
//!   their overridden or cancelled instances, and the expansion of a series into occurrences
//!   in the event's own zone; [`people`]: a meeting's organizer and attendees.
//! - [`task`], [`plan`]: task lists and tasks, plan blocks and the history of what was planned
//!   and done.
//! - [`habit`]: habits, study goals and focus time, and named hour sets with windows per weekday.
//! - [`views`]: the flat shapes the UI and the CLI show, exported to TypeScript with ts-rs.

pub mod account;
pub mod error;
pub mod event;
pub mod habit;
pub mod ids;
pub mod people;
pub mod plan;
pub mod recurrence;
pub mod task;
pub mod time;
pub mod views;
pub mod zone;

pub use account::{Account, Calendar, Provider};
pub use error::DomainError;
pub use event::{Event, EventKind, EventOrigin, EventStatus};
pub use habit::{Habit, HabitBlock, HabitKind, HabitPeriod, HabitPlace, HourSet, TimeOfDay, WeekWindows};
pub use ids::{AccountId, CalendarId, EventId, PlanBlockId, TaskId, TaskListId};
pub use people::{Attendee, AttendeeRole, Organizer, Participation, People};
pub use plan::{BlockState, HistoryEntry, HistoryKind, PlanBlock};
pub use recurrence::{Expansion, Instance, Recurrence, SeriesCut};
pub use task::{check_estimate, Chunking, Due, Priority, Task, TaskList, TaskStatus};
pub use time::{EventTime, RecurrenceId, TimeRange};
pub use views::{
    AccountView, AppInfo, CalendarView, EventDetailsView, NewTask, OccurrenceView, PlanItemKind, PlanMark, SyncEvent,
    TaskView,
};

/// Results of domain operations.
pub type Result<T, E = DomainError> = std::result::Result<T, E>;
