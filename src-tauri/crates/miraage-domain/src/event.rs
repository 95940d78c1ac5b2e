use crate::ids::{CalendarId, EventId};
use crate::recurrence::Recurrence;
use crate::time::{EventTime, RecurrenceId};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    #[default]
    Confirmed,
    Tentative,
    Cancelled,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Confirmed => "confirmed",
            EventStatus::Tentative => "tentative",
            EventStatus::Cancelled => "cancelled",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_lowercase().as_str() {
            "confirmed" => EventStatus::Confirmed,
            "tentative" => EventStatus::Tentative,
            "cancelled" | "canceled" => EventStatus::Cancelled,
            _ => return None,
        })
    }
}

/// What role a stored event plays in a series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// A one-off event.
    Single,
    /// The master of a recurring series.
    Master { recurrence: Recurrence },
    /// One instance of a series, changed (moved, renamed) or cancelled
    /// (`status == Cancelled`). It shares the master's `uid`.
    Override { recurrence_id: RecurrenceId },
}

/// A stored event. Overrides are events of their own that name their instance; the master's
/// expansion skips every instance that has an override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub calendar_id: CalendarId,
    /// The iCalendar UID, shared by a master and its overrides.
    pub uid: String,
    pub kind: EventKind,
    pub time: EventTime,
    pub summary: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub status: EventStatus,
    /// Transparent events (TRANSP:TRANSPARENT) do not block time for planning.
    pub busy: bool,
}

impl Event {
    /// A one-off event with a fresh id and UID.
    pub fn single(calendar_id: CalendarId, summary: impl Into<String>, time: EventTime) -> Self {
        let id = EventId::new();
        Event {
            uid: format!("{id}@miraage"),
            id,
            calendar_id,
            kind: EventKind::Single,
            time,
            summary: summary.into(),
            description: None,
            location: None,
            status: EventStatus::Confirmed,
            busy: true,
        }
    }

    pub fn recurrence(&self) -> Option<&Recurrence> {
        match &self.kind {
            EventKind::Master { recurrence } => Some(recurrence),
            _ => None,
        }
    }

    pub fn recurrence_id(&self) -> Option<RecurrenceId> {
        match &self.kind {
            EventKind::Override { recurrence_id } => Some(*recurrence_id),
            _ => None,
        }
    }
}
