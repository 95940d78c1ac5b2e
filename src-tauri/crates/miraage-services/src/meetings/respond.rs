//! Declining someone else's meeting, on the user's request only: their own answer (the
//! attendee that is the user) set to declined on the calendar's copy, one occurrence or the
//! whole meeting, and sent at the next sync as each provider takes an answer (CalDAV: the
//! object with PARTSTAT=DECLINED; Google: the attendees with the user's `responseStatus`;
//! Graph: the event's `decline` action). Nothing else of the meeting changes.

use crate::error::{Result, ServiceError};
use crate::events::edit::{self, EventTarget};
use crate::events::series::Outcome;
use crate::events::Scope;
use crate::undo::{short, Label};
use miraage_domain::{Event, Participation, Provider, RecurrenceId};
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The meeting to decline, as a day's proposal (`DayItem`) or `events --json` names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct DeclineAsk {
    pub uid: String,
    /// The occurrence's recurrence id, to decline one meeting of a series; null: all of it.
    pub occurrence: Option<String>,
    /// The calendar's id, when the same UID is in several calendars.
    pub calendar_id: Option<String>,
}

/// What was done, as a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DeclineView {
    /// "Declined “Budget” on Tue 24 Nov: Ana Lima is told at the next sync."
    pub message: String,
}

fn refused(s: String) -> ServiceError {
    ServiceError::Refused(s)
}

/// Declines the meeting `ask` names for the user.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] for the user's own meeting, one they are not invited to or
/// have declined already; [`crate::ErrorCode::NotFound`] for a meeting or occurrence that is
/// gone; [`crate::ErrorCode::ReadOnly`] for a read-only calendar. Nothing is written then.
pub fn decline(store: &mut Store, ask: &DeclineAsk) -> Result<DeclineView> {
    let target = EventTarget {
        uid: ask.uid.clone(),
        occurrence: ask.occurrence.clone(),
        scope: ask.occurrence.as_ref().map(|_| Scope::This),
        calendar_id: ask.calendar_id.clone(),
    };
    let item = edit::load(store, &target)?;
    let rid = edit::occurrence(&item, &target)?;
    let mut seen = item.occurrence(rid)?;
    edit::check_writable(store, &seen.calendar_id)?;
    let title = short(&seen.summary);
    let account = store.calendar(&seen.calendar_id).ok().and_then(|c| store.account(&c.account_id).ok());
    let own = crate::accounts::own_addresses(store)?;
    if seen.people.organized_by_user(&own) {
        return Err(refused(format!("You organise “{title}”: move it or cancel it instead.")));
    }
    let Some(me) = seen.people.user_attendee(&own) else {
        return Err(refused(format!(
            "You are not among the attendees of “{title}”: there is no answer of yours to send. Delete it from your calendar if you will not go."
        )));
    };
    if seen.people.attendees[me].status == Participation::Declined {
        return Err(refused(format!("You have declined “{title}” already.")));
    }
    let email = seen.people.attendees[me].email.clone();
    let put: Vec<Event> = match rid.filter(|_| edit::is_series(&item)) {
        // One occurrence: its override says no; the series and other occurrences keep theirs.
        Some(rid) => {
            seen.people.attendees[me].status = Participation::Declined;
            seen.people.attendees[me].is_self = true;
            let others = item.overrides.iter().filter(|o| o.recurrence_id() != Some(rid)).cloned();
            item.main.iter().cloned().chain(others).chain([seen.clone()]).collect()
        }
        // The meeting: every row of it says no.
        None => item.rows().into_iter().map(|e| declined(e, &email)).collect(),
    };
    let when = occurrence_day(rid, &seen);
    let applied = Outcome { put, delete: Vec::new(), focus: None };
    edit::apply(store, item, applied, Label::named("declined", &seen.summary))?;
    let who = seen.people.organizer.as_ref().map_or("the organiser", |o| o.shown_name()).to_string();
    let synced = account.is_some_and(|a| !matches!(a.provider, Provider::Local | Provider::IcsSubscription));
    let told = if synced {
        format!(": {who} is told at the next sync.")
    } else {
        format!(". Your calendar here is not synced: tell {who} yourself.")
    };
    Ok(DeclineView { message: format!("Declined “{title}”{when}{told}") })
}

/// `e` with the attendee `email` (the user) declined, marked as the user's own.
fn declined(mut e: Event, email: &str) -> Event {
    for a in e.people.attendees.iter_mut().filter(|a| a.email.eq_ignore_ascii_case(email)) {
        a.status = Participation::Declined;
        a.is_self = true;
    }
    e
}

/// " on Mon 30 Nov" for one occurrence, in the event's own zone; nothing for the whole.
fn occurrence_day(rid: Option<RecurrenceId>, seen: &Event) -> String {
    match (rid, seen.time) {
        (Some(_), miraage_domain::EventTime::Timed { start, zone, .. }) => {
            format!(" on {}", start.with_timezone(&zone).format("%a %-d %b"))
        }
        (Some(_), miraage_domain::EventTime::AllDay { start, .. }) => format!(" on {}", start.format("%a %-d %b")),
        (None, _) => String::new(),
    }
}
