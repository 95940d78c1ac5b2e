use crate::ids::{CalendarId, EventId};
use crate::people::People;
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

/// Who made an event. Events Miraage writes carry `X-MIRAAGE-ORIGIN` (CalDAV, ICS) or a
/// private extended property (Google, Microsoft), so every device recognises them and never
/// takes a plan block for one of the user's meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(tag = "origin", rename_all = "snake_case")]
pub enum EventOrigin {
    /// From a calendar or file: the user's or someone else's event. The server's copy wins
    /// a conflict.
    #[default]
    External,
    /// Created by the user in Miraage.
    Miraage,
    /// A plan block Miraage wrote for a task (named by the task's UID, which is stable
    /// across devices, unlike its local id).
    PlanBlock { task_uid: String },
}

impl EventOrigin {
    /// The `X-MIRAAGE-ORIGIN` value: `miraage` or `plan:<task uid>`; `None` for external.
    pub fn to_property(&self) -> Option<String> {
        match self {
            EventOrigin::External => None,
            EventOrigin::Miraage => Some("miraage".into()),
            EventOrigin::PlanBlock { task_uid } => Some(format!("plan:{task_uid}")),
        }
    }

    /// Reads an `X-MIRAAGE-ORIGIN` value; anything unknown is external.
    pub fn from_property(value: &str) -> Self {
        let value = value.trim();
        if value.eq_ignore_ascii_case("miraage") {
            EventOrigin::Miraage
        } else if let Some(task_uid) = value.strip_prefix("plan:").filter(|u| !u.is_empty()) {
            EventOrigin::PlanBlock { task_uid: task_uid.to_string() }
        } else {
            EventOrigin::External
        }
    }

    pub fn is_miraage(&self) -> bool {
        !matches!(self, EventOrigin::External)
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
    pub origin: EventOrigin,
    /// Organizer and attendees (empty for an event without guests); kept and written back
    /// as the calendar gave them.
    #[serde(default)]
    pub people: People,
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
            origin: EventOrigin::External,
            people: People::default(),
        }
    }

    /// Same as [`Event::single`], marked as made in Miraage.
    pub fn created_in_miraage(calendar_id: CalendarId, summary: impl Into<String>, time: EventTime) -> Self {
        Event { origin: EventOrigin::Miraage, ..Event::single(calendar_id, summary, time) }
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

#[cfg(test)]
mod origin_tests {
    use super::EventOrigin;

    #[test]
    fn origin_round_trips_through_its_property() {
        for o in [EventOrigin::Miraage, EventOrigin::PlanBlock { task_uid: "t-1@miraage".into() }] {
            assert_eq!(EventOrigin::from_property(&o.to_property().unwrap()), o);
        }
        assert_eq!(EventOrigin::External.to_property(), None);
        assert_eq!(EventOrigin::from_property("plan:"), EventOrigin::External);
        assert_eq!(EventOrigin::from_property("something-else"), EventOrigin::External);
        assert!(!EventOrigin::External.is_miraage());
    }
}
