//! What an edit or delete of one occurrence does to the rows of its item (a one-off event,
//! or a series master with its overrides), with the three recurring choices. Pure: it gets
//! the stored rows and returns the rows to write, so it is tested without a database.
//!
//! - *This*: an override (RECURRENCE-ID) for the instance; a delete adds an EXDATE.
//! - *Following*: the series ends before the instance (UNTIL, or a smaller COUNT) and a new
//!   series (new UID) starts there, taking the EXDATEs, RDATEs and overrides from there on.
//! - *All*: the master changes; overrides follow it (see [`follow_master`]).

use crate::error::{Result, ServiceError};
use chrono::{Duration, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use miraage_domain::time::local_to_utc;
use miraage_domain::{
    CalendarId, Event, EventId, EventKind, EventOrigin, EventTime, Recurrence, RecurrenceId, TimeRange,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which occurrences of a series an edit or delete covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Scope {
    /// The one occurrence.
    This,
    /// The occurrence and every later one.
    Following,
    /// The whole series.
    All,
}

/// A change with everything resolved: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub title: Option<String>,
    /// The new time of the occurrence edited.
    pub time: Option<EventTime>,
    pub location: Option<Option<String>>,
    pub description: Option<Option<String>>,
    /// A new rule (`Some(None)`: no longer repeats).
    pub rrule: Option<Option<String>>,
    pub calendar: Option<CalendarId>,
}

/// The rows to write: whole items (calendar and UID) to put, items to delete, and where the
/// occurrence edited is afterwards (its UID and recurrence id).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub put: Vec<Event>,
    pub delete: Vec<(CalendarId, String)>,
    pub focus: Option<(String, Option<RecurrenceId>)>,
}

/// One item's stored rows: its one-off event or master (if stored) and its overrides.
pub struct Item {
    pub main: Option<Event>,
    pub overrides: Vec<Event>,
}

impl Item {
    /// Splits the rows of one calendar and UID.
    pub fn new(rows: Vec<Event>) -> Self {
        let (overrides, mains): (Vec<Event>, Vec<Event>) = rows.into_iter().partition(|e| e.recurrence_id().is_some());
        Item { main: mains.into_iter().next(), overrides }
    }

    fn master(&self) -> Option<(&Event, &Recurrence)> {
        self.main.as_ref().and_then(|m| m.recurrence().map(|r| (m, r)))
    }

    fn override_at(&self, rid: RecurrenceId) -> Option<&Event> {
        self.overrides.iter().find(|o| o.recurrence_id() == Some(rid))
    }

    /// Every row, main first.
    pub fn rows(&self) -> Vec<Event> {
        self.main.iter().chain(&self.overrides).cloned().collect()
    }

    /// `rid` in the master's terms (a date for an all-day series, an instant for a timed one).
    pub fn normalize(&self, rid: RecurrenceId) -> RecurrenceId {
        match (rid, self.main.as_ref().map(|m| m.time)) {
            (RecurrenceId::Instant(t), Some(EventTime::AllDay { .. })) => RecurrenceId::Date(t.date_naive()),
            (RecurrenceId::Date(d), Some(EventTime::Timed { start, zone, .. })) => {
                RecurrenceId::Instant(local_to_utc(d.and_time(start.with_timezone(&zone).time()), zone))
            }
            (rid, _) => rid,
        }
    }

    /// The occurrence `rid` as it is now (its override, else the instance of the series);
    /// with no `rid`, the one-off event or the master's first occurrence.
    ///
    /// # Errors
    /// [`ServiceError::NotFound`] when the series has no such occurrence.
    pub fn occurrence(&self, rid: Option<RecurrenceId>) -> Result<Event> {
        let missing = |title: &str, rid: RecurrenceId| {
            ServiceError::NotFound(format!(
                "“{title}” has no occurrence at {rid}; reload the week and choose it again."
            ))
        };
        match (rid, &self.main) {
            (None, Some(main)) => Ok(main.clone()),
            (None, None) => Ok(self.overrides[0].clone()),
            (Some(rid), main) => {
                if let Some(o) = self.override_at(rid) {
                    return Ok(o.clone());
                }
                let Some((master, recurrence)) = main.as_ref().and_then(|m| m.recurrence().map(|r| (m, r))) else {
                    return match main {
                        Some(single) => Ok(single.clone()),
                        None => Err(missing(&self.overrides[0].summary, rid)),
                    };
                };
                if !is_instance(recurrence, &master.time, rid)? {
                    return Err(missing(&master.summary, rid));
                }
                Ok(Event {
                    id: EventId::new(),
                    kind: EventKind::Override { recurrence_id: rid },
                    time: instance_of(&master.time, rid),
                    ..master.clone()
                })
            }
        }
    }
}

/// Applies `change` to the occurrence `rid` of `item` (no `rid`: the event or whole series).
///
/// # Errors
/// [`ServiceError::Refused`] for a change the scope cannot carry (a rule or calendar for one
/// occurrence) and rules the recurrence library refuses; [`ServiceError::NotFound`] for an
/// occurrence the series does not have.
pub fn edit(item: &Item, rid: Option<RecurrenceId>, scope: Scope, change: &Change) -> Result<Outcome> {
    let Some((master, _)) = item.master() else {
        return match &item.main {
            Some(single) => edit_whole(item, single, None, change),
            // Only instances of a series are stored (an invitation to one of them): those
            // can change one at a time.
            None => {
                edit_this(item, rid.unwrap_or_else(|| item.overrides[0].recurrence_id().expect("override")), change)
            }
        };
    };
    let Some(rid) = rid else { return edit_whole(item, master, None, change) };
    match scope {
        Scope::This => edit_this(item, rid, change),
        Scope::All => edit_whole(item, master, Some(rid), change),
        Scope::Following if rid == first_instance(&master.time) => edit_whole(item, master, Some(rid), change),
        Scope::Following => edit_following(item, rid, change),
    }
}

/// Deletes the occurrence `rid` of `item` with `scope` (no `rid`: the event or series).
///
/// # Errors
/// [`ServiceError::NotFound`] for an occurrence the series does not have.
pub fn delete(item: &Item, rid: Option<RecurrenceId>, scope: Scope) -> Result<Outcome> {
    let whole = |e: &Event| Outcome { delete: vec![(e.calendar_id.clone(), e.uid.clone())], ..Outcome::default() };
    let any = item.main.as_ref().or(item.overrides.first()).expect("an item has rows");
    let (Some(rid), Some((master, recurrence))) = (rid, item.master()) else {
        return match (rid, &item.main) {
            // An instance stored without its series: that instance goes.
            (Some(rid), None) => {
                item.occurrence(Some(rid))?;
                let rest: Vec<Event> =
                    item.overrides.iter().filter(|o| o.recurrence_id() != Some(rid)).cloned().collect();
                Ok(if rest.is_empty() { whole(any) } else { Outcome { put: rest, ..Outcome::default() } })
            }
            _ => Ok(whole(any)),
        };
    };
    item.occurrence(Some(rid))?;
    match scope {
        Scope::All => Ok(whole(master)),
        Scope::Following if rid == first_instance(&master.time) => Ok(whole(master)),
        Scope::Following => Ok(Outcome { put: ended_before(item, rid)?.0, ..Outcome::default() }),
        Scope::This => {
            let mut r = recurrence.clone();
            if !r.exdates.contains(&rid) {
                r.exdates.push(rid);
                r.exdates.sort();
            }
            let mut m = master.clone();
            m.kind = EventKind::Master { recurrence: r };
            let mut put = vec![m];
            put.extend(item.overrides.iter().filter(|o| o.recurrence_id() != Some(rid)).cloned());
            Ok(Outcome { put, ..Outcome::default() })
        }
    }
}

fn refuse(what: &str) -> ServiceError {
    ServiceError::Refused(what.to_string())
}

/// An override for one occurrence.
fn edit_this(item: &Item, rid: RecurrenceId, change: &Change) -> Result<Outcome> {
    if change.rrule.is_some() {
        return Err(refuse(
            "One occurrence cannot repeat on its own; choose “this and following” or “all events” to change the repeat rule.",
        ));
    }
    if change.calendar.as_ref().is_some_and(|c| item.main.as_ref().is_some_and(|m| m.calendar_id != *c)) {
        return Err(refuse("One occurrence cannot move to another calendar; choose “all events” to move the series."));
    }
    let mut o = item.occurrence(Some(rid))?;
    apply_fields(&mut o, change);
    if let Some(time) = change.time {
        o.time = time;
    }
    let mut put: Vec<Event> = item.main.iter().cloned().collect();
    put.extend(item.overrides.iter().filter(|x| x.recurrence_id() != Some(rid)).cloned());
    put.push(o);
    Ok(Outcome { focus: Some((put[0].uid.clone(), Some(rid))), put, delete: Vec::new() })
}

/// The one-off event or the whole series (edited from occurrence `rid`).
fn edit_whole(item: &Item, main: &Event, rid: Option<RecurrenceId>, change: &Change) -> Result<Outcome> {
    let seen = item.occurrence(rid)?;
    let (mut new, overrides) = follow_master(main, &item.overrides, &seen, change)?;
    let mut out = Outcome::default();
    if let Some(calendar) = &change.calendar {
        if *calendar != main.calendar_id {
            // A move is a delete there and a create here, both through the outbox.
            out.delete.push((main.calendar_id.clone(), main.uid.clone()));
            new.calendar_id = calendar.clone();
        }
    }
    let focus_rid = match (rid, &new.kind) {
        (Some(rid), EventKind::Master { .. }) => Some(shift_of(&seen, main, change).rid(rid)),
        _ => None,
    };
    out.focus = Some((new.uid.clone(), focus_rid));
    let calendar = new.calendar_id.clone();
    out.put.push(new);
    out.put.extend(overrides.into_iter().map(|o| Event { calendar_id: calendar.clone(), ..o }));
    Ok(out)
}

fn new_time(seen: &Event, change: &Change) -> EventTime {
    change.time.unwrap_or(seen.time)
}

/// How a change moves the series: none unless the time changes; then from where the
/// series puts the occurrence (not where an override had moved it) to its new time.
fn shift_of(seen: &Event, main: &Event, change: &Change) -> Shift {
    let Some(target) = change.time else { return Shift::between(&seen.time, &seen.time) };
    let base = match (seen.recurrence_id(), main.recurrence()) {
        (Some(rid), Some(_)) => instance_of(&main.time, rid),
        _ => seen.time,
    };
    Shift::between(&base, &target)
}

/// The master (or one-off event) `main` changed as the user changed the occurrence `seen`,
/// with `overrides` following it. How overrides follow:
///
/// - A time change moves the series by the same wall-clock shift as the occurrence (moved
///   from 10:00 to 11:00: every instance an hour later in local time, across DST), so each
///   override's RECURRENCE-ID moves by that shift to keep naming its instance; EXDATEs and
///   RDATEs move the same way.
/// - An override whose time the user had moved keeps that time; one still at its instance's
///   time goes with the instance.
/// - A field the edit changes is changed on an override that had the series' value, and
///   kept where the user had set that occurrence's own (the occurrence edited takes it
///   anyway).
/// - Overrides whose instance the changed series no longer has (a new rule) are dropped, as
///   are all when the event stops repeating.
fn follow_master(main: &Event, overrides: &[Event], seen: &Event, change: &Change) -> Result<(Event, Vec<Event>)> {
    let target = new_time(seen, change);
    let shift = shift_of(seen, main, change);
    let mut new = main.clone();
    apply_fields(&mut new, change);
    new.time = match main.kind {
        EventKind::Master { .. } => shift.time(&main.time, &target),
        _ => target,
    };
    let old_recurrence = main.recurrence().cloned();
    let recurrence = match (&change.rrule, old_recurrence) {
        (Some(None), _) => None,
        (Some(Some(rule)), old) => Some(Recurrence {
            rules: vec![rule.clone()],
            rdates: old.as_ref().map(|r| r.rdates.iter().map(|d| shift.rid(*d)).collect()).unwrap_or_default(),
            exdates: old.as_ref().map(|r| r.exdates.iter().map(|d| shift.rid(*d)).collect()).unwrap_or_default(),
        }),
        (None, Some(old)) => Some(Recurrence {
            rules: old.rules.iter().map(|r| shift.rule(r, &main.time)).collect(),
            rdates: old.rdates.iter().map(|d| shift.rid(*d)).collect(),
            exdates: old.exdates.iter().map(|d| shift.rid(*d)).collect(),
        }),
        (None, None) => None,
    };
    let Some(recurrence) = recurrence else {
        new.kind = EventKind::Single;
        return Ok((new, Vec::new()));
    };
    recurrence.validate(&new.time)?;
    let mut kept = Vec::new();
    for o in overrides {
        let Some(rid) = o.recurrence_id() else { continue };
        let new_rid = shift.rid(rid);
        if !is_instance(&Recurrence { exdates: Vec::new(), ..recurrence.clone() }, &new.time, new_rid)? {
            continue;
        }
        let mut x = o.clone();
        if Some(rid) == seen.recurrence_id() {
            apply_fields(&mut x, change);
            x.time = target;
        } else {
            follow_fields(&mut x, main, change);
            if main.recurrence().is_some() && o.time == instance_of(&main.time, rid) {
                x.time = instance_of(&new.time, new_rid);
            }
        }
        x.kind = EventKind::Override { recurrence_id: new_rid };
        kept.push(x);
    }
    new.kind = EventKind::Master { recurrence };
    Ok((new, kept))
}

/// "This and following": the series ends before `rid`; a new one starts there.
fn edit_following(item: &Item, rid: RecurrenceId, change: &Change) -> Result<Outcome> {
    let (master, recurrence) = item.master().expect("a series");
    let seen = item.occurrence(Some(rid))?;
    if let Some(next) = after_gap(recurrence, &master.time, rid)? {
        // The instance fell into a DST gap (02:30 on the night the clocks go forward): a
        // series starting there would keep its shifted wall time (03:30) every day after.
        // It is changed on its own, and the new series starts at the next instance.
        let this = Change { rrule: None, calendar: None, ..change.clone() };
        let with_this = Item::new(edit_this(item, rid, &this)?.put);
        let shift = shift_of(&seen, master, change);
        let later = Change { time: change.time.map(|target| instance_of(&target, shift.rid(next))), ..change.clone() };
        return edit_following(&with_this, next, &later);
    }
    let (mut put, after) = ended_before(item, rid)?;

    // The new series: the old one as it was from `rid` on, under a new UID.
    let id = EventId::new();
    let uid = format!("{id}@miraage");
    let later = |d: &RecurrenceId| *d >= rid;
    let tail = Event {
        id,
        uid: uid.clone(),
        time: instance_of(&master.time, rid),
        kind: EventKind::Master {
            recurrence: Recurrence {
                rules: after,
                rdates: recurrence.rdates.iter().copied().filter(later).collect(),
                exdates: recurrence.exdates.iter().copied().filter(later).collect(),
            },
        },
        origin: match master.origin {
            EventOrigin::External => EventOrigin::Miraage,
            ref o => o.clone(),
        },
        ..master.clone()
    };
    let tail_overrides: Vec<Event> = item
        .overrides
        .iter()
        .filter(|o| o.recurrence_id() >= Some(rid))
        .map(|o| Event { id: EventId::new(), uid: uid.clone(), ..o.clone() })
        .collect();
    let seen = Event { uid: uid.clone(), ..seen };
    let (mut new, overrides) = follow_master(&tail, &tail_overrides, &seen, change)?;
    if let Some(calendar) = &change.calendar {
        new.calendar_id = calendar.clone();
    }
    let focus = Some((uid, new.recurrence().map(|_| first_instance(&new.time))));
    let calendar = new.calendar_id.clone();
    put.push(new);
    put.extend(overrides.into_iter().map(|o| Event { calendar_id: calendar.clone(), ..o }));
    Ok(Outcome { put, delete: Vec::new(), focus })
}

/// The series of `item` ended before `rid` (its master and earlier overrides), and the rules
/// of a series that would continue it from `rid`.
fn ended_before(item: &Item, rid: RecurrenceId) -> Result<(Vec<Event>, Vec<String>)> {
    let (master, recurrence) = item.master().expect("a series");
    let (before, after) = split_rules(recurrence, &master.time, rid)?;
    let mut old = master.clone();
    old.kind = EventKind::Master { recurrence: before };
    let mut rows = vec![old];
    rows.extend(item.overrides.iter().filter(|o| o.recurrence_id() < Some(rid)).cloned());
    Ok((rows, after))
}

fn apply_fields(e: &mut Event, change: &Change) {
    if let Some(t) = &change.title {
        e.summary = t.clone();
    }
    if let Some(l) = &change.location {
        e.location = l.clone();
    }
    if let Some(d) = &change.description {
        e.description = d.clone();
    }
}

/// Fields of an override that had the master's value take the changed value.
fn follow_fields(o: &mut Event, master: &Event, change: &Change) {
    if change.title.is_some() && o.summary == master.summary {
        o.summary = change.title.clone().unwrap_or_default();
    }
    if change.location.is_some() && o.location == master.location {
        o.location = change.location.clone().flatten();
    }
    if change.description.is_some() && o.description == master.description {
        o.description = change.description.clone().flatten();
    }
}

/// The series' rules split at `rid`: those of the part before it (ending with UNTIL just
/// before `rid`, or with COUNT the number of instances before it) and those of the part from
/// it on (COUNT what remains; UNTIL as it was), with the RDATEs and EXDATEs of each part.
fn split_rules(r: &Recurrence, master: &EventTime, rid: RecurrenceId) -> Result<(Recurrence, Vec<String>)> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    for rule in &r.rules {
        let parts: Vec<&str> = rule.trim_start_matches("RRULE:").split(';').filter(|p| !p.is_empty()).collect();
        let kept: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| !p.to_ascii_uppercase().starts_with("COUNT=") && !p.to_ascii_uppercase().starts_with("UNTIL="))
            .collect();
        let count = parts.iter().find_map(|p| p.to_ascii_uppercase().strip_prefix("COUNT=").map(str::to_string));
        match count.and_then(|c| c.parse::<i64>().ok()) {
            Some(total) => {
                let one = Recurrence { rules: vec![rule.clone()], ..Recurrence::default() };
                let n = instances_before(&one, master, rid)?;
                before.push(format!("{};COUNT={n}", kept.join(";")));
                after.push(format!("{};COUNT={}", kept.join(";"), (total - n as i64).max(1)));
            }
            None => {
                let until = match rid {
                    RecurrenceId::Instant(t) => (t - Duration::seconds(1)).format("%Y%m%dT%H%M%SZ").to_string(),
                    RecurrenceId::Date(d) => (d - Duration::days(1)).format("%Y%m%d").to_string(),
                };
                before.push(format!("{};UNTIL={until}", kept.join(";")));
                after.push(rule.clone());
            }
        }
    }
    let earlier = |d: &RecurrenceId| *d < rid;
    let before = Recurrence {
        rules: before,
        rdates: r.rdates.iter().copied().filter(earlier).collect(),
        exdates: r.exdates.iter().copied().filter(earlier).collect(),
    };
    Ok((before, after))
}

/// The instance after `rid` when `rid` lies in a DST gap of a timed series (its wall time
/// is not the series' because the series' does not exist that day); `None` otherwise.
fn after_gap(r: &Recurrence, master: &EventTime, rid: RecurrenceId) -> Result<Option<RecurrenceId>> {
    let (EventTime::Timed { start, zone, .. }, RecurrenceId::Instant(at)) = (*master, rid) else { return Ok(None) };
    let wall = start.with_timezone(&zone).time();
    let day = at.with_timezone(&zone).date_naive();
    if !matches!(zone.from_local_datetime(&day.and_time(wall)), chrono::LocalResult::None) {
        return Ok(None);
    }
    let range = TimeRange::new(at + Duration::seconds(1), at + Duration::days(400))?;
    Ok(r.expand(master, &range, Tz::UTC)?.into_iter().map(|i| i.recurrence_id).find(|i| *i > rid))
}

/// How many instances `r` has before `rid`.
fn instances_before(r: &Recurrence, master: &EventTime, rid: RecurrenceId) -> Result<usize> {
    let (from, _) = master.instants_in(Tz::UTC);
    let (to, _) = instance_of(master, rid).instants_in(Tz::UTC);
    let range = TimeRange::new(from, to)?;
    Ok(r.expand(master, &range, Tz::UTC)?.iter().filter(|i| i.recurrence_id < rid).count())
}

/// Whether the series has an instance at `rid` (not one its EXDATEs removed).
fn is_instance(r: &Recurrence, master: &EventTime, rid: RecurrenceId) -> Result<bool> {
    let (start, end) = instance_of(master, rid).instants_in(Tz::UTC);
    let range = TimeRange::new(start, end.max(start + Duration::seconds(1)))?;
    Ok(r.expand(master, &range, Tz::UTC)?.iter().any(|i| i.recurrence_id == rid))
}

/// The instance of a series with `master`'s time that starts at `rid`.
pub fn instance_of(master: &EventTime, rid: RecurrenceId) -> EventTime {
    match (*master, rid) {
        (EventTime::Timed { start, end, zone }, RecurrenceId::Instant(t)) => {
            EventTime::Timed { start: t, end: t + (end - start), zone }
        }
        (EventTime::AllDay { start, end }, RecurrenceId::Date(d)) => {
            EventTime::AllDay { start: d, end: d + (end - start) }
        }
        (EventTime::AllDay { start, end }, RecurrenceId::Instant(t)) => {
            let d = t.date_naive();
            EventTime::AllDay { start: d, end: d + (end - start) }
        }
        (EventTime::Timed { start, end, zone }, RecurrenceId::Date(d)) => {
            let t = local_to_utc(d.and_time(start.with_timezone(&zone).time()), zone);
            EventTime::Timed { start: t, end: t + (end - start), zone }
        }
    }
}

/// The recurrence id of a series' first instance (its DTSTART).
pub fn first_instance(master: &EventTime) -> RecurrenceId {
    match *master {
        EventTime::Timed { start, .. } => RecurrenceId::Instant(start),
        EventTime::AllDay { start, .. } => RecurrenceId::Date(start),
    }
}

/// A move of a series by wall-clock time: from an occurrence's old time to its new one,
/// possibly into another zone or between all-day and timed.
struct Shift {
    delta: Duration,
    from: Option<Tz>,
    to: Option<Tz>,
}

/// Where a time starts on the wall clock (all-day: midnight of its first day).
fn wall_start(t: &EventTime) -> NaiveDateTime {
    match *t {
        EventTime::Timed { start, zone, .. } => start.with_timezone(&zone).naive_local(),
        EventTime::AllDay { start, .. } => start.and_time(NaiveTime::MIN),
    }
}

impl Shift {
    fn between(old: &EventTime, new: &EventTime) -> Self {
        Shift { delta: wall_start(new) - wall_start(old), from: old.zone(), to: new.zone() }
    }

    fn is_identity(&self) -> bool {
        self.delta.is_zero() && self.from == self.to
    }

    fn wall(&self, rid: RecurrenceId) -> NaiveDateTime {
        match (rid, self.from) {
            (RecurrenceId::Instant(t), Some(zone)) => t.with_timezone(&zone).naive_local(),
            (RecurrenceId::Instant(t), None) => t.naive_utc(),
            (RecurrenceId::Date(d), _) => d.and_time(NaiveTime::MIN),
        }
    }

    fn rid(&self, rid: RecurrenceId) -> RecurrenceId {
        if self.is_identity() {
            return rid;
        }
        let wall = self.wall(rid) + self.delta;
        match self.to {
            Some(zone) => RecurrenceId::Instant(local_to_utc(wall, zone)),
            None => RecurrenceId::Date(wall.date()),
        }
    }

    /// The master's new time: its start shifted, the length of the occurrence's new time.
    fn time(&self, master: &EventTime, target: &EventTime) -> EventTime {
        instance_of(target, self.rid(first_instance(master)))
    }

    /// Whole days the shift moves by on the wall clock (a move to Thursday from Wednesday: 1).
    fn days(&self, rid: RecurrenceId) -> i64 {
        ((self.wall(rid) + self.delta).date() - self.wall(rid).date()).num_days()
    }

    /// A rule moved with its series: the weekdays (BYDAY) and days of the month (BYMONTHDAY)
    /// it names move by the days the series moved (Wednesdays moved a day are Thursdays),
    /// and UNTIL by the shift, so that a series moved later keeps its last instance.
    fn rule(&self, rule: &str, master: &EventTime) -> String {
        if self.is_identity() {
            return rule.to_string();
        }
        let days = self.days(first_instance(master));
        let parts: Vec<String> = rule
            .split(';')
            .map(|p| {
                let upper = p.to_ascii_uppercase();
                if let Some(list) = upper.strip_prefix("BYDAY=").filter(|_| days != 0) {
                    return format!("BYDAY={}", shift_weekdays(list, days));
                }
                if let Some(list) = upper.strip_prefix("BYMONTHDAY=").filter(|_| days != 0) {
                    return format!("BYMONTHDAY={}", shift_month_days(list, days));
                }
                let Some(value) = p.strip_prefix("UNTIL=").or_else(|| p.strip_prefix("until=")) else {
                    return p.to_string();
                };
                let rid = if value.len() == 8 {
                    chrono::NaiveDate::parse_from_str(value, "%Y%m%d").ok().map(RecurrenceId::Date)
                } else {
                    NaiveDateTime::parse_from_str(value.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                        .ok()
                        .map(|t| RecurrenceId::Instant(t.and_utc()))
                };
                let Some(rid) = rid.map(|r| match (r, master) {
                    (RecurrenceId::Date(d), EventTime::Timed { .. }) => RecurrenceId::Instant(local_to_utc(
                        d.and_hms_opt(23, 59, 59).expect("valid"),
                        master.zone().expect("timed"),
                    )),
                    (r, _) => r,
                }) else {
                    return p.to_string();
                };
                match self.rid(rid) {
                    RecurrenceId::Instant(t) => format!("UNTIL={}", t.format("%Y%m%dT%H%M%SZ")),
                    RecurrenceId::Date(d) => format!("UNTIL={}", d.format("%Y%m%d")),
                }
            })
            .collect();
        parts.join(";")
    }
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// `MO,WE` moved by `days` (`1`: `TU,TH`); an ordinal (`1MO`, `-1FR`) is kept.
fn shift_weekdays(list: &str, days: i64) -> String {
    let moved: Vec<String> = list
        .split(',')
        .map(|d| {
            let (ordinal, code) = d.split_at(d.len().saturating_sub(2));
            match WEEKDAYS.iter().position(|w| *w == code) {
                Some(i) => format!("{ordinal}{}", WEEKDAYS[(i as i64 + days).rem_euclid(7) as usize]),
                None => d.to_string(),
            }
        })
        .collect();
    moved.join(",")
}

/// `15` moved by `days`; a day that would leave 1..=31 (or a negative one, counted from
/// the month's end) is kept as it was.
fn shift_month_days(list: &str, days: i64) -> String {
    let moved: Vec<String> = list
        .split(',')
        .map(|d| match d.parse::<i64>() {
            Ok(n) if n > 0 && (1..=31).contains(&(n + days)) => (n + days).to_string(),
            _ => d.to_string(),
        })
        .collect();
    moved.join(",")
}
