//! The timer: Start on a block, Stop records it done with the minutes really spent. A timer
//! left running past midnight (or for days), or one whose clock went back, records nothing
//! by itself: Stop says what it saw and asks for the minutes (a suggestion when it has one).

use super::{block_name, find_block, minutes_text, record, OutcomeInput, OutcomeKind, OutcomeResult};
use crate::companion::clock_time;
use crate::error::{Result, ServiceError};
use chrono::{DateTime, Days, Duration, DurationRound, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::PlanBlockId;
use miraage_store::Store;
use serde::Serialize;
use ts_rs::TS;

/// A timer counts at most this long, and never past the midnight after it started.
pub const TIMER_CAP_HOURS: i64 = 12;

/// What Stop did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TimerStop {
    pub message: String,
    /// The outcome recorded (`None`: nothing was, see `question`).
    pub recorded: Option<OutcomeResult>,
    /// The block, when the user is asked for its minutes.
    pub block: Option<String>,
    /// What to ask the user when nothing was recorded.
    pub question: Option<String>,
    /// The minutes the timer could vouch for (up to midnight or the cap), to offer.
    pub suggested_min: Option<u32>,
}

/// The timer that runs, as the window's header and the tray show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RunningTimer {
    /// The plan block's id.
    pub block: String,
    /// The UID of the block's calendar event (the block as the grid shows it), if it has one.
    pub event_uid: Option<String>,
    pub title: String,
    /// RFC 3339.
    pub since: String,
    /// Minutes counted so far (0 when the clock reads before the start).
    pub minutes: u32,
    /// "Timer on “Write report”: 25 min, since 09:12".
    pub text: String,
}

/// The timer running at `now`, if any (a timer whose block is gone is not shown).
///
/// # Errors
/// Store failures.
pub fn running(store: &Store, zone: Tz, now: DateTime<Utc>) -> Result<Option<RunningTimer>> {
    let Some((id, since)) = store.running_timer()? else { return Ok(None) };
    let Ok(block) = store.plan_block(&PlanBlockId::from_string(id.clone())) else { return Ok(None) };
    let title = store.task(&block.task_id).map(|t| t.title).unwrap_or_else(|_| "a task".into());
    let event_uid = block.event_id.as_ref().and_then(|e| store.event(e).ok()).map(|e| e.uid);
    let minutes = u32::try_from((now - since).num_minutes()).unwrap_or(0);
    let text = format!(
        "Timer on “{}”: {}, since {}",
        crate::companion::short_title(&title),
        minutes_text(minutes),
        clock_time(since, now, zone)
    );
    Ok(Some(RunningTimer { block: id, event_uid, title, since: since.to_rfc3339(), minutes, text }))
}

/// Starts the timer on the block named `block` at `now`.
///
/// # Errors
/// [`ServiceError::NotFound`] when no accepted block is named so; [`ServiceError::Refused`]
/// when another timer runs (the sentence names its block) or the block has an outcome.
pub fn start(store: &mut Store, zone: Tz, now: DateTime<Utc>, block: &str) -> Result<String> {
    let now = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    let (b, title) = find_block(store, zone, block)?;
    let name = block_name(&title, &b, now, zone);
    if let Some((Some(_), _)) = store.block_outcome(b.id.as_str())? {
        return Err(ServiceError::Refused(format!("{name} is already recorded; start the timer on another block.")));
    }
    if let Some((running, since)) = store.start_timer(&b.id, now)? {
        let other = match store.plan_block(&PlanBlockId::from_string(running.clone())) {
            Ok(o) => block_name(&store.task(&o.task_id)?.title, &o, now, zone),
            Err(_) => "a block that is gone".to_string(),
        };
        if running == b.id.as_str() {
            return Err(ServiceError::Refused(format!(
                "The timer of {name} already runs (since {}).",
                clock_time(since, now, zone)
            )));
        }
        return Err(ServiceError::Refused(format!(
            "The timer of {other} runs since {}: stop it first.",
            clock_time(since, now, zone)
        )));
    }
    Ok(format!("Timer started on {name} at {}.", clock_time(now, now, zone)))
}

/// Stops the running timer at `now` and records its block done with the minutes counted,
/// unless the timer ran past midnight or over [`TIMER_CAP_HOURS`], or the clock now reads
/// before it started: then nothing is recorded and the user is asked.
///
/// # Errors
/// [`ServiceError::NotFound`] when no timer runs; recording failures (see [`record`]).
pub fn stop(store: &mut Store, zone: Tz, now: DateTime<Utc>) -> Result<TimerStop> {
    let now = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    let Some((id, since)) = store.running_timer()? else {
        return Err(ServiceError::NotFound("No timer is running: start one on a block first.".into()));
    };
    let (block, title) = match find_block(store, zone, &id) {
        Ok(found) => found,
        Err(_) => {
            store.clear_timer(&id)?;
            return Ok(TimerStop {
                message: "The block the timer ran on is gone (moved or deleted): nothing was recorded.".into(),
                recorded: None,
                block: None,
                question: None,
                suggested_min: None,
            });
        }
    };
    let name = block_name(&title, &block, now, zone);
    let asked = |message: String, suggested: Option<u32>| TimerStop {
        question: Some(format!("How long did you work on {name}? Record it as done or partly done with the minutes.")),
        message,
        recorded: None,
        block: Some(block.id.to_string()),
        suggested_min: suggested,
    };
    if now < since {
        store.clear_timer(&id)?;
        return Ok(asked(
            format!(
                "The clock now reads earlier than when the timer of {name} started ({}): nothing was recorded.",
                clock_time(since, since, zone)
            ),
            None,
        ));
    }
    let day = since.with_timezone(&zone).date_naive();
    let midnight = local_midnight(day.checked_add_days(Days::new(1)).unwrap_or(day), zone);
    let cap = midnight.min(since + Duration::hours(TIMER_CAP_HOURS));
    if now > cap {
        let counted = u32::try_from((cap - since).num_minutes()).unwrap_or(0);
        store.clear_timer(&id)?;
        let why = if cap == midnight { "past midnight" } else { "for more than 12 hours" };
        return Ok(asked(
            format!(
                "The timer of {name} ran {why} (since {}); nothing was recorded. It can vouch for {}.",
                clock_time(since, now, zone),
                minutes_text(counted)
            ),
            Some(counted),
        ));
    }
    // Recording stops the timer; a refusal (the block has not started) leaves it running.
    let minutes = u32::try_from((now - since).num_minutes()).unwrap_or(0).max(1);
    let recorded =
        record(store, zone, now, block.id.as_str(), OutcomeInput { kind: OutcomeKind::Done, minutes: Some(minutes) })?;
    Ok(TimerStop {
        message: recorded.message.clone(),
        recorded: Some(recorded),
        block: None,
        question: None,
        suggested_min: None,
    })
}
