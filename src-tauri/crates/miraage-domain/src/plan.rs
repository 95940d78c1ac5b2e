use crate::ids::{EventId, PlanBlockId, TaskId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How firmly a block is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockState {
    /// Shown as a ghost; the planner may move it freely.
    Proposed,
    /// Accepted by the user and written to a calendar; moved only if an event now collides.
    Accepted,
    /// Pinned by the user; never moved by the planner.
    Locked,
}

impl BlockState {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockState::Proposed => "proposed",
            BlockState::Accepted => "accepted",
            BlockState::Locked => "locked",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "proposed" => BlockState::Proposed,
            "accepted" => BlockState::Accepted,
            "locked" => BlockState::Locked,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanBlock {
    pub id: PlanBlockId,
    pub task_id: TaskId,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub state: BlockState,
    /// The calendar event that represents an accepted block.
    pub event_id: Option<EventId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    /// A block was planned (accepted) for this time.
    Planned,
    /// Work on the task was done in this time.
    Done,
    /// A planned block was missed.
    Missed,
    /// The user started a block (from the tray or a reminder): `start` is when.
    Started,
    /// The user skipped a block: its time was given back (`start..end` as it was planned).
    Skipped,
    /// The user put a block off by a few minutes (`start..end` where it was).
    Snoozed,
}

impl HistoryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryKind::Planned => "planned",
            HistoryKind::Done => "done",
            HistoryKind::Missed => "missed",
            HistoryKind::Started => "started",
            HistoryKind::Skipped => "skipped",
            HistoryKind::Snoozed => "snoozed",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "planned" => HistoryKind::Planned,
            "done" => HistoryKind::Done,
            "missed" => HistoryKind::Missed,
            "started" => HistoryKind::Started,
            "skipped" => HistoryKind::Skipped,
            "snoozed" => HistoryKind::Snoozed,
            _ => return None,
        })
    }
}

/// What was planned, what was done, and how long it really took: the record the planner
/// learns estimates from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub task_id: TaskId,
    pub kind: HistoryKind,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// For `Done`: the minutes really spent, when the user said so.
    pub actual_min: Option<u32>,
    pub recorded_at: DateTime<Utc>,
}
