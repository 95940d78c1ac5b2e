use crate::error::DomainError;
use crate::ids::{AccountId, TaskId, TaskListId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskList {
    pub id: TaskListId,
    pub account_id: AccountId,
    pub name: String,
    pub color: String,
}

/// 1 is the highest priority, 4 the lowest (the planner weighs them 8, 4, 2, 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Priority(u8);

impl Priority {
    pub const HIGHEST: Priority = Priority(1);
    pub const DEFAULT: Priority = Priority(3);
    /// A priority from 1 (highest) to 4 (lowest).
    ///
    /// # Errors
    ///
    /// [`DomainError::InvalidPriority`] when `p` is not 1 to 4.
    pub fn new(p: u8) -> Result<Self, DomainError> {
        if (1..=4).contains(&p) {
            Ok(Priority(p))
        } else {
            Err(DomainError::InvalidPriority(p))
        }
    }
    pub fn get(self) -> u8 {
        self.0
    }
    /// From iCalendar's PRIORITY (0 undefined, 1 highest … 9 lowest).
    pub fn from_ical(p: u8) -> Self {
        Priority(match p {
            0 => 3,
            1..=2 => 1,
            3..=4 => 2,
            5..=6 => 3,
            _ => 4,
        })
    }
    pub fn to_ical(self) -> u8 {
        match self.0 {
            1 => 1,
            2 => 3,
            3 => 5,
            _ => 9,
        }
    }
}

impl Default for Priority {
    fn default() -> Self {
        Priority::DEFAULT
    }
}

impl TryFrom<u8> for Priority {
    type Error = DomainError;
    fn try_from(p: u8) -> Result<Self, Self::Error> {
        Priority::new(p)
    }
}

impl From<Priority> for u8 {
    fn from(p: Priority) -> u8 {
        p.0
    }
}

/// How a task may be split into blocks: every block lasts between `min` and `max` minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chunking {
    min_minutes: u32,
    max_minutes: u32,
}

impl Chunking {
    /// Blocks of `min_minutes` to `max_minutes` minutes.
    ///
    /// # Errors
    ///
    /// [`DomainError::InvalidChunking`] unless 5 <= `min_minutes` <= `max_minutes`.
    pub fn new(min_minutes: u32, max_minutes: u32) -> Result<Self, DomainError> {
        if min_minutes < 5 || min_minutes > max_minutes {
            return Err(DomainError::InvalidChunking { min: min_minutes, max: max_minutes });
        }
        Ok(Chunking { min_minutes, max_minutes })
    }
    pub fn min_minutes(self) -> u32 {
        self.min_minutes
    }
    pub fn max_minutes(self) -> u32 {
        self.max_minutes
    }
}

/// A due date: a day (as Google Tasks and most VTODOs give it) or an exact instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Due {
    Instant(DateTime<Utc>),
    Date(NaiveDate),
}

impl std::fmt::Display for Due {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Due::Instant(t) => f.write_str(&crate::time::format_instant(*t)),
            Due::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Due {
    /// Reads a `YYYY-MM-DD` date or an RFC 3339 instant (what [`Display`](std::fmt::Display)
    /// writes).
    ///
    /// # Errors
    ///
    /// [`DomainError::InvalidValue`] when `s` is neither.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Due::Date(d));
        }
        DateTime::parse_from_rfc3339(s)
            .map(|t| Due::Instant(t.with_timezone(&Utc)))
            .map_err(|_| DomainError::InvalidValue { what: "due date", value: s.into() })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TaskStatus {
    #[default]
    NeedsAction,
    InProgress,
    Completed,
    Cancelled,
}

impl TaskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::NeedsAction => "needs_action",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Completed => "completed",
            TaskStatus::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().replace('-', "_").as_str() {
            "needs_action" => TaskStatus::NeedsAction,
            "in_progress" | "in_process" => TaskStatus::InProgress,
            "completed" => TaskStatus::Completed,
            "cancelled" | "canceled" => TaskStatus::Cancelled,
            _ => return None,
        })
    }
    pub fn is_open(self) -> bool {
        matches!(self, TaskStatus::NeedsAction | TaskStatus::InProgress)
    }
}

/// The longest estimate a task may have: 100 hours (a longer piece of work is a project;
/// split it into tasks).
pub const MAX_ESTIMATE_MIN: u32 = 100 * 60;

/// The one rule for a task's estimate, wherever it is typed: 1 minute to 100 hours.
///
/// # Errors
/// [`DomainError::InvalidValue`] naming the estimate.
pub fn check_estimate(minutes: u32) -> Result<u32, DomainError> {
    if minutes == 0 || minutes > MAX_ESTIMATE_MIN {
        return Err(DomainError::InvalidValue {
            what: "estimate (1 minute to 100 hours)",
            value: format!("{minutes} min"),
        });
    }
    Ok(minutes)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    pub list_id: TaskListId,
    /// The iCalendar UID (VTODO) or the provider's id.
    pub uid: String,
    pub title: String,
    pub notes: Option<String>,
    /// How long the task will take, in minutes; the planner needs it to place the task.
    pub estimate_min: Option<u32>,
    pub due: Option<Due>,
    /// A due date that must not be missed (the planner never places work after it).
    pub hard_due: bool,
    pub earliest_start: Option<DateTime<Utc>>,
    pub priority: Priority,
    /// `None`: the planner's defaults.
    pub chunking: Option<Chunking>,
    pub depends_on: Vec<TaskId>,
    pub project: Option<String>,
    pub tags: Vec<String>,
    pub status: TaskStatus,
    pub completed_at: Option<DateTime<Utc>>,
}

impl Task {
    pub fn new(list_id: TaskListId, title: impl Into<String>) -> Self {
        let id = TaskId::new();
        Task {
            uid: format!("{id}@miraage"),
            id,
            list_id,
            title: title.into(),
            notes: None,
            estimate_min: None,
            due: None,
            hard_due: false,
            earliest_start: None,
            priority: Priority::DEFAULT,
            chunking: None,
            depends_on: Vec::new(),
            project: None,
            tags: Vec::new(),
            status: TaskStatus::NeedsAction,
            completed_at: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_priorities_and_chunks_are_refused() {
        assert!(Priority::new(0).is_err());
        assert!(Priority::new(5).is_err());
        assert_eq!(Priority::new(2).unwrap().get(), 2);
        assert!(serde_json::from_str::<Priority>("7").is_err());
        assert!(Chunking::new(60, 30).is_err());
        assert!(Chunking::new(0, 30).is_err());
        assert_eq!(Chunking::new(30, 90).unwrap().max_minutes(), 90);
    }

    #[test]
    fn ical_priorities_map_onto_four_levels() {
        assert_eq!(Priority::from_ical(1).get(), 1);
        assert_eq!(Priority::from_ical(5).get(), 3);
        assert_eq!(Priority::from_ical(9).get(), 4);
        assert_eq!(Priority::from_ical(0), Priority::DEFAULT);
        for p in 1..=4 {
            let p = Priority::new(p).unwrap();
            assert_eq!(Priority::from_ical(p.to_ical()), p);
        }
    }
}
