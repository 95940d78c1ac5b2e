//! The flat shapes that leave the core: returned by the app's commands (TypeScript types are
//! generated from these by ts-rs into `ui/src/bindings/`) and printed by the CLI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::DomainError;
use crate::ids::TaskListId;
use crate::people::{Attendee, Organizer};
pub use crate::task::TaskStatus;
use crate::task::{Due, Priority, Task};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CalendarView {
    pub id: String,
    pub account_id: String,
    pub account_name: String,
    pub provider: String,
    pub name: String,
    pub color: String,
    pub visible: bool,
    pub read_only: bool,
}

/// One occurrence of an event in a range: a one-off event, an instance of a series, or an
/// override. Timed occurrences give RFC 3339 UTC instants; all-day ones give dates
/// (`YYYY-MM-DD`), end exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OccurrenceView {
    pub event_id: String,
    pub uid: String,
    /// The original start of an instance of a series (an RFC 3339 instant, or a date for
    /// all-day series); null for a one-off event.
    pub recurrence_id: Option<String>,
    pub calendar_id: String,
    pub calendar: String,
    pub color: String,
    pub start: String,
    pub end: String,
    pub all_day: bool,
    pub summary: String,
    pub location: Option<String>,
    /// The IANA zone of a timed event; null for all-day events.
    pub time_zone: Option<String>,
    /// Set when the event is a block Miraage planned for a task (drawn with its own look).
    pub plan: Option<PlanMark>,
    /// Null when the occurrence may be edited (moved, resized, deleted); else the sentence
    /// saying why not, naming the calendar by its title.
    pub read_only: Option<String>,
}

/// What a plan block or ghost is for: a task, a habit (or study goal) session, or focus time.
/// The week view draws each kind with its own look.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanItemKind {
    #[default]
    Task,
    Habit,
    Focus,
}

impl PlanItemKind {
    /// The kind of a plan block's event by its mark (`habit:ID` and `focus:ID` for habits).
    pub fn of_mark(task_uid: &str) -> Self {
        if task_uid.starts_with("habit:") {
            PlanItemKind::Habit
        } else if task_uid.starts_with("focus:") {
            PlanItemKind::Focus
        } else {
            PlanItemKind::Task
        }
    }
}

/// What marks an occurrence as a plan block: the task (or habit) it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanMark {
    /// The task's UID; for a habit session `habit:ID`, for focus time `focus:ID`.
    pub task_uid: String,
    pub kind: PlanItemKind,
    /// The task's project, which picks the block's colour; null if none (or the task is gone).
    pub project: Option<String>,
    /// The user locked the block where it is (re-plans move it only when an event lands on it).
    #[serde(default)]
    pub locked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskView {
    pub id: String,
    pub list_id: String,
    pub list_name: String,
    pub title: String,
    pub notes: Option<String>,
    pub estimate_min: Option<u32>,
    /// A date `YYYY-MM-DD` or an RFC 3339 instant.
    pub due: Option<String>,
    pub priority: u8,
    pub status: TaskStatus,
    pub project: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub time_zone: String,
}

/// A task typed into the quick-add field (the UI parses "Write report 1h30m !1 #ops").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewTask {
    pub title: String,
    pub estimate_min: Option<u32>,
    /// A date `YYYY-MM-DD` or an RFC 3339 instant.
    pub due: Option<String>,
    /// 1 (highest) to 4; null: the default (3).
    pub priority: Option<u8>,
    pub project: Option<String>,
}

impl NewTask {
    /// The task it describes, in `list`; refuses an empty title, a zero estimate, a priority
    /// off the scale and a due date that cannot be read.
    ///
    /// # Errors
    ///
    /// [`DomainError::InvalidValue`] for an empty title, an estimate of 0 or over 100 hours, or an
    /// unreadable due date; [`DomainError::InvalidPriority`] for a priority other than 1 to 4.
    pub fn into_task(self, list: TaskListId) -> Result<Task, DomainError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(DomainError::InvalidValue { what: "task title", value: self.title });
        }
        let mut task = Task::new(list, title);
        task.estimate_min = self.estimate_min.map(crate::task::check_estimate).transpose()?;
        task.due = self.due.as_deref().map(Due::parse).transpose()?;
        if let Some(p) = self.priority {
            task.priority = Priority::new(p)?;
        }
        task.project = self.project.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        Ok(task)
    }
}

/// A remote account with its sync status, for the sidebar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AccountView {
    pub id: String,
    pub name: String,
    /// `caldav`, `ics`, `google` or `microsoft`.
    pub provider: String,
    /// The server or subscription URL (never with credentials).
    pub url: Option<String>,
    pub username: Option<String>,
    pub collections: u32,
    /// When every collection last synced without error (RFC 3339); null if one never did.
    pub last_sync_at: Option<String>,
    /// Local edits waiting to be sent.
    pub pending: u32,
    /// The last error of each collection that has one ("calendar: error").
    pub errors: Vec<String>,
    /// Set when this account's password or token is kept only until the user logs out (no
    /// keyring service on this system): what that means and what to do.
    pub keyring_note: Option<String>,
}

/// What a sync run reports to the window as it goes (event `sync://progress`) and when it
/// ends (event `sync://finished`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncEvent {
    pub account: String,
    /// A short line for a status display ("Work: 12 change(s) fetched").
    pub message: String,
    /// Set on `sync://finished`: the run ended (with `error` if it failed).
    pub finished: bool,
    pub error: Option<String>,
    /// Something changed locally: the view should reload.
    pub changed: bool,
    /// A plan block was changed on another device: the plan needs another look.
    pub replan_needed: bool,
}

/// One event as the details editor shows it: the occurrence chosen, with what its series
/// says. Times as in [`OccurrenceView`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EventDetailsView {
    pub uid: String,
    /// The occurrence shown (its original start), for an instance of a series; else null.
    pub occurrence: Option<String>,
    pub title: String,
    pub start: String,
    pub end: String,
    pub all_day: bool,
    /// The IANA zone of a timed event; null for all-day events.
    pub time_zone: Option<String>,
    pub calendar_id: String,
    pub calendar: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// The series' RRULE value (without `RRULE:`); null for a one-off event.
    pub rrule: Option<String>,
    /// An instance of a recurring series: an edit asks this / following / all.
    pub recurring: bool,
    /// Null when the event may be edited, else the sentence saying why not.
    pub read_only: Option<String>,
    /// Who organises the meeting; null for an event without guests.
    pub organizer: Option<Organizer>,
    /// Who is invited, with their answers (shown, not edited).
    pub attendees: Vec<Attendee>,
}

impl CalendarView {
    /// Null when events of this calendar may be edited; else the sentence that says why not.
    pub fn read_only_reason(&self) -> Option<String> {
        self.read_only.then(|| read_only_sentence(&self.name, &self.provider))
    }
}

/// Why the events of the calendar titled `calendar` (of a `provider` account: `ics`,
/// `google`, …) cannot be changed, and what to do.
pub fn read_only_sentence(calendar: &str, provider: &str) -> String {
    match provider {
        "ics" => format!("“{calendar}” is a subscription: Miraage can show its events but not change them."),
        "google" | "microsoft" | "caldav" => {
            let service = match provider {
                "google" => "Google",
                "microsoft" => "Outlook",
                _ => "its server",
            };
            format!(
                "“{calendar}” is read-only in {service}: ask its owner for permission to edit, or add the event to one of your own calendars."
            )
        }
        _ => format!("“{calendar}” is read-only: its events cannot be changed."),
    }
}
