//! Reschedule a day (a sick day, a trip): every movable item on it gets a proposed new time
//! within the next working days. Own meetings get a slot from the slot finder (with the
//! attendees' free/busy); meetings someone else organises get "decline / ask to move"; plan
//! blocks, habit sessions and focus time are planned again by the planner once the day is
//! blocked (its move ghosts carry their reason). Accepting writes a busy "Away" event over the
//! day, moves the own meetings (a synced calendar's provider tells the attendees at the next
//! sync) and returns the re-plan as ghosts to accept all or one by one.

use super::find::{check, FindAsk};
use super::slots::{self, Person};
use crate::error::{Result, ServiceError};
use crate::events::{self, EventChanges, EventInput, EventTarget, EventUpdate};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::{EventTime, PlanItemKind, TimeRange};
use miraage_scheduling::PlanPreview;
use miraage_store::{CalendarScope, Store};
use serde::Serialize;
use ts_rs::TS;

/// What happens to one item of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DayAction {
    /// An own meeting moved to `proposed_start`.
    Move,
    /// A plan block, habit session or focus time: planned again (ghosts) once accepted.
    Replan,
    /// Someone else's meeting: decline it or ask the organiser to move it.
    DeclineOrAsk,
    /// An own meeting for which no time fits in the days looked at.
    NoTime,
}

/// One item of the day and what is proposed for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayItem {
    pub title: String,
    pub uid: String,
    pub occurrence: Option<String>,
    /// `meeting`, `task`, `habit` or `focus`.
    pub kind: String,
    pub start: String,
    pub end: String,
    pub action: DayAction,
    pub proposed_start: Option<String>,
    pub proposed_end: Option<String>,
    /// Why, in a sentence ("First time free for you and ana@example.com").
    pub reason: String,
}

/// The proposal for a day, and after accepting it the re-plan of its blocks.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DayProposal {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    pub items: Vec<DayItem>,
    /// After accepting: the plan's move ghosts for the day's blocks; null before.
    pub replan: Option<PlanPreview>,
}

fn fmt(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The first `n` working days (Monday to Friday) after `day`, as a range in `zone`.
fn next_working_days(day: NaiveDate, n: u32, zone: Tz) -> TimeRange {
    let mut last = day;
    let mut found = 0;
    while found < n {
        last = last + Days::new(1);
        if !matches!(last.weekday(), Weekday::Sat | Weekday::Sun) {
            found += 1;
        }
    }
    TimeRange { start: local_midnight(day + Days::new(1), zone), end: local_midnight(last + Days::new(1), zone) }
}

/// The proposal for `day`: nothing is written.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] for a day that is over or has nothing movable, or `within` of
/// 0 or over 10 days; store failures.
pub fn propose(
    store: &Store,
    zone: Tz,
    now: DateTime<Utc>,
    day: NaiveDate,
    within: u32,
    answered: &[Person],
) -> Result<DayProposal> {
    if !(1..=10).contains(&within) {
        return Err(ServiceError::Refused(format!("Look 1 to 10 working days ahead, not {within}.")));
    }
    let range = TimeRange::new(local_midnight(day, zone), local_midnight(day + Days::new(1), zone))?;
    let said = day.format("%a %-d %b");
    if range.end <= now {
        return Err(ServiceError::Refused(format!("{said} is over: pick a day still ahead.")));
    }
    let ahead = next_working_days(day, within, zone);
    let (found, _) = store.occurrences_noting_cuts(&range, zone, CalendarScope::All)?;
    let mut items = Vec::new();
    let mut taken: Vec<TimeRange> = Vec::new();
    for o in found.iter().filter(|o| !o.all_day) {
        let (Ok(start), Ok(end)) = (events::instant("start", &o.start), events::instant("end", &o.end)) else {
            continue;
        };
        if end <= now.max(range.start) {
            continue; // already over
        }
        let mut item = DayItem {
            title: o.summary.clone(),
            uid: o.uid.clone(),
            occurrence: o.recurrence_id.clone(),
            kind: "meeting".into(),
            start: fmt(start),
            end: fmt(end),
            action: DayAction::Replan,
            proposed_start: None,
            proposed_end: None,
            reason: String::new(),
        };
        if let Some(mark) = &o.plan {
            item.kind = match mark.kind {
                PlanItemKind::Task => "task",
                PlanItemKind::Habit => "habit",
                PlanItemKind::Focus => "focus",
            }
            .into();
            item.reason = format!("You are away on {said}: planned again in the days after.");
            items.push(item);
            continue;
        }
        let d = events::details(store, zone, &o.uid, o.recurrence_id.as_deref(), Some(&o.calendar_id))?;
        if let Some(org) = d.organizer.as_ref().filter(|org| !org.is_self) {
            item.action = DayAction::DeclineOrAsk;
            item.reason = format!(
                "{} organises it: decline it, or ask them to move it.",
                org.name.as_deref().unwrap_or(&org.email)
            );
            items.push(item);
            continue;
        }
        if d.read_only.is_some() {
            continue; // a subscription's event: not the user's to move
        }
        let attendees: Vec<String> = d.attendees.iter().map(|a| a.email.trim().to_ascii_lowercase()).collect();
        let ask = FindAsk {
            duration_min: Some(u32::try_from((end - start).num_minutes()).unwrap_or(0).clamp(5, 720)),
            from: fmt(ahead.start),
            to: fmt(ahead.end),
            attendees: attendees.clone(),
            ..FindAsk::default()
        };
        let c = check(store, now, &ask)?;
        let (mut q, _) = super::find::query(store, zone, &c, answered, None)?;
        q.never.extend(taken.iter().copied());
        q.duration = end - start;
        q.limit = 1;
        match slots::find(&q).into_iter().next() {
            Some(s) => {
                item.action = DayAction::Move;
                item.proposed_start = Some(fmt(s.start));
                item.proposed_end = Some(fmt(s.end));
                let busy: Vec<&str> = s.busy.iter().map(|p| p.email.as_str()).collect();
                item.reason = match (attendees.is_empty(), busy.is_empty()) {
                    (true, _) => format!("You are away on {said}: the first time free for you."),
                    (false, true) => {
                        format!("You are away on {said}: the first time free for you and {}.", attendees.join(", "))
                    }
                    (false, false) => format!(
                        "You are away on {said}: the first time free for you; not known or busy then: {}.",
                        busy.join(", ")
                    ),
                };
                taken.push(TimeRange { start: s.start, end: s.end });
            }
            None => {
                item.action = DayAction::NoTime;
                item.reason = format!("No time fits in the next {within} working days: move it by hand or cancel it.");
            }
        }
        items.push(item);
    }
    if items.is_empty() {
        return Err(ServiceError::Refused(format!(
            "Nothing on {said} can be moved: there are no meetings or plan blocks on it."
        )));
    }
    Ok(DayProposal { day: day.to_string(), items, replan: None })
}

/// Accepts the proposal for `day`: a busy "Away" event over the day, the own meetings moved,
/// and the re-plan of the day's blocks as ghosts. Meetings of others are left for the user
/// to decline or ask about.
///
/// # Errors
///
/// As [`propose`]; an edit refused by the store (a meeting changed meanwhile).
pub fn accept(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    day: NaiveDate,
    within: u32,
    answered: &[Person],
) -> Result<DayProposal> {
    let mut proposal = propose(store, zone, now, day, within, answered)?;
    for item in proposal.items.iter().filter(|i| i.action == DayAction::Move) {
        let update = EventUpdate {
            target: EventTarget {
                uid: item.uid.clone(),
                occurrence: item.occurrence.clone(),
                scope: None,
                calendar_id: None,
            },
            changes: EventChanges {
                start: item.proposed_start.clone(),
                end: item.proposed_end.clone(),
                ..EventChanges::default()
            },
        };
        events::update_event(store, zone, update)?;
    }
    let start = local_midnight(day, zone).max(now);
    let time = EventTime::timed(start, local_midnight(day + Days::new(1), zone), zone)?;
    events::create(store, EventInput { title: "Away".into(), time, calendar: None, rrule: None })?;
    proposal.replan = crate::planning::check(store, zone, now, None)?;
    Ok(proposal)
}
