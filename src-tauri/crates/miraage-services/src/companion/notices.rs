//! What to tell the user, decided without IO: reminders before plan blocks and events, "your
//! plan changed" after a sync moved accepted blocks, tasks newly at risk, accounts that need
//! a sign-in. Never a storm: one notice per thing, several at once become one summary, what
//! was missed while the computer slept becomes one line, nothing under Do not disturb or
//! during a focus event.

use super::settings::CompanionSettings;
use super::today::Timed;
use super::{clock_time, BlockAction};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_scheduling::PlanPreview;
use serde::Serialize;
use std::collections::BTreeSet;
use ts_rs::TS;

/// At most this many reminders are sent one by one in a check; more become one summary.
const MAX_SINGLE: usize = 2;
/// Lines a summary lists before "and N more".
const MAX_LINES: usize = 3;

/// A button on a notice, where the platform shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NoticeAction {
    Start,
    Snooze,
    Open,
}

impl NoticeAction {
    pub fn label(self) -> &'static str {
        match self {
            NoticeAction::Start => "Start",
            NoticeAction::Snooze => "Snooze 15 min",
            NoticeAction::Open => "Open",
        }
    }

    /// The block action a button stands for (`Open` has none).
    pub fn block_action(self) -> Option<BlockAction> {
        match self {
            NoticeAction::Start => Some(BlockAction::Start),
            NoticeAction::Snooze => Some(BlockAction::Snooze),
            NoticeAction::Open => None,
        }
    }
}

/// One notification to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Notice {
    pub summary: String,
    pub body: String,
    pub actions: Vec<NoticeAction>,
    /// The plan block Start and Snooze act on.
    pub block_id: Option<String>,
}

impl Notice {
    fn plain(summary: impl Into<String>, body: impl Into<String>) -> Self {
        Notice { summary: summary.into(), body: body.into(), actions: vec![NoticeAction::Open], block_id: None }
    }
}

/// Whether notices may be sent at `now`: not under Do not disturb, not during focus time (a
/// focus habit's block, or an event whose title starts with "Focus", as calendars name the
/// focus time they block).
pub fn quiet(settings: &CompanionSettings, agenda: &[Timed], now: DateTime<Utc>) -> bool {
    settings.do_not_disturb
        || agenda
            .iter()
            .any(|(s, e, i)| *s <= now && now < *e && (i.focus || i.title.to_lowercase().starts_with("focus")))
}

/// Reminders due in `(since, now]`: for each item whose reminder time (its start less its
/// calendar's lead) falls in that span. One that still lies ahead is sent on its own (with
/// Start and Snooze for a plan block); more than a few at once become one summary; those
/// already started (the computer slept through them) become one "missed" line.
pub fn reminders(
    settings: &CompanionSettings,
    agenda: &[Timed],
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    zone: Tz,
) -> Vec<Notice> {
    if quiet(settings, agenda, now) {
        return Vec::new();
    }
    let due = agenda.iter().filter(|(start, _, item)| {
        let lead = settings.reminder_for(&item.calendar_id);
        let at = *start - Duration::minutes(i64::from(lead));
        lead > 0 && since < at && at <= now
    });
    let (ahead, missed): (Vec<_>, Vec<_>) = due.partition(|(start, _, _)| *start >= now);
    let mut out = Vec::new();
    if ahead.len() <= MAX_SINGLE {
        for (start, _, item) in &ahead {
            let minutes = (*start - now).num_minutes();
            let when = if minutes < 1 { "now".to_string() } else { format!("in {minutes} min") };
            let body = format!("{} · {}", item.label, item.calendar);
            let is_block = item.block_id.is_some();
            out.push(Notice {
                summary: format!("{} starts {when}", item.title),
                body,
                actions: if is_block {
                    vec![NoticeAction::Start, NoticeAction::Snooze, NoticeAction::Open]
                } else {
                    vec![NoticeAction::Open]
                },
                block_id: item.block_id.clone(),
            });
        }
    } else {
        let lines = ahead.iter().map(|(s, _, i)| format!("{} at {}", i.title, clock_time(*s, now, zone)));
        out.push(Notice::plain(format!("{} things start soon", ahead.len()), summary_lines(lines)));
    }
    if !missed.is_empty() {
        let lines = missed.iter().map(|(s, _, i)| format!("{} at {}", i.title, clock_time(*s, now, zone)));
        out.push(Notice::plain(
            format!("While you were away: {} reminder(s) missed", missed.len()),
            summary_lines(lines),
        ));
    }
    out
}

/// "Your plan changed" after a sync whose re-plan moves accepted blocks: one notice for the
/// whole run, naming what moves where and why.
pub fn plan_changed(preview: &PlanPreview, zone: Tz, now: DateTime<Utc>) -> Option<Notice> {
    if preview.moved == 0 {
        return None;
    }
    let lines = preview.ghosts.iter().filter(|g| !g.replaces.is_empty()).map(|g| {
        let to = DateTime::parse_from_rfc3339(&g.start).map(|t| clock_time(t.with_timezone(&Utc), now, zone));
        let why = g.reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
        format!("“{}” moves to {}{why}", g.title, to.unwrap_or_default())
    });
    let mut body = summary_lines(lines);
    if body.is_empty() {
        body = format!("{} block(s) you accepted no longer fit.", preview.moved);
    }
    let applied = preview.ghosts.is_empty();
    let summary = if applied {
        "Your plan changed: blocks were moved"
    } else {
        "Your plan changed: open Miraage to accept the moves"
    };
    Some(Notice::plain(summary, body))
}

/// Tasks at risk of missing their due date that were not at risk before (`known`, by task
/// id, is updated): one notice for all of them.
pub fn newly_at_risk(preview: &PlanPreview, known: &mut BTreeSet<String>) -> Option<Notice> {
    let new: Vec<_> = preview.at_risk.iter().filter(|r| !known.contains(&r.task_id)).collect();
    *known = preview.at_risk.iter().map(|r| r.task_id.clone()).collect();
    if new.is_empty() {
        return None;
    }
    let summary = match new.as_slice() {
        [one] => format!("“{}” may miss its due date", one.title),
        many => format!("{} tasks may miss their due dates", many.len()),
    };
    Some(Notice::plain(summary, summary_lines(new.iter().map(|r| format!("“{}”: {}", r.title, r.reason)))))
}

/// Accounts whose sign-in expired or password was refused, each told once until it syncs
/// again (`told` is updated: accounts that synced are forgotten).
pub fn needs_sign_in(failing: &[String], synced: &[String], told: &mut BTreeSet<String>) -> Vec<Notice> {
    for name in synced {
        told.remove(name);
    }
    failing
        .iter()
        .filter(|name| told.insert((*name).clone()))
        .map(|name| {
            Notice::plain(
                format!("“{name}” needs you to sign in again"),
                format!("Miraage cannot sync “{name}” until you sign in: open Accounts in Miraage and choose Sign in."),
            )
        })
        .collect()
}

fn summary_lines(lines: impl Iterator<Item = String>) -> String {
    let all: Vec<String> = lines.collect();
    let mut shown: Vec<String> = all.iter().take(MAX_LINES).cloned().collect();
    if all.len() > MAX_LINES {
        shown.push(format!("and {} more", all.len() - MAX_LINES));
    }
    shown.join("\n")
}
