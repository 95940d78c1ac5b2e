//! The slot finder: pure, no store, no network. Given where a meeting may go (the organiser's
//! hours), what it may never touch (their meetings, focus time, locked blocks), what it should
//! avoid (accepted plan blocks) and each attendee's busy times, it lists ranked slots.
//!
//! Ranking, best first: fewest attendees busy or outside their working hours; no plan block
//! displaced; the earliest day; the fewest crumbs (free pieces too short to use, left before
//! or after the slot in its gap); then the earliest start. The slots returned never overlap
//! one another, so a short list offers distinct times.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::TimeRange;
use serde::Serialize;
use ts_rs::TS;

/// A free piece shorter than this is a crumb: too short for a task block or another meeting.
const CRUMB: Duration = Duration::minutes(30);

/// One attendee's free/busy as the providers (or nobody) answered it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub email: String,
    /// Busy intervals, in any order.
    pub busy: Vec<TimeRange>,
    /// Why nothing more is known of this person than `busy` (no account can see their
    /// calendar; `busy` then holds only their meetings on the user's calendars); `None` when
    /// `busy` is their answer.
    pub unknown: Option<String>,
    /// Their working hours in the range, where the provider says (Graph); `None`: not known.
    pub working: Option<Vec<TimeRange>>,
}

/// What a query asks.
#[derive(Debug, Clone)]
pub struct Query {
    pub range: TimeRange,
    pub duration: Duration,
    /// Kept free of `never` before and after the meeting (a meeting type's buffers).
    pub buffer_before: Duration,
    pub buffer_after: Duration,
    /// Starts are multiples of this from the hour (15 minutes).
    pub step: Duration,
    /// Where the meeting may lie: the organiser's hours in the range.
    pub allowed: Vec<TimeRange>,
    /// Never offered: the organiser's own busy events, focus time, locked blocks.
    pub never: Vec<TimeRange>,
    /// Avoided where possible: accepted plan blocks (a slot on one re-plans it).
    pub avoid: Vec<TimeRange>,
    pub people: Vec<Person>,
    /// Days are counted in this zone (the organiser's).
    pub zone: Tz,
    /// At most this many slots.
    pub limit: usize,
}

/// Why an attendee may not come to a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Conflict {
    /// Their calendar shows something then.
    Busy,
    /// Nothing is known of their calendar.
    Unknown,
    /// Outside the working hours their calendar gives.
    OffHours,
}

/// An attendee busy, unknown or off hours during a slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SlotPerson {
    pub email: String,
    pub state: Conflict,
}

/// A slot found, with who cannot be counted on then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Slot {
    #[ts(type = "string")]
    pub start: DateTime<Utc>,
    #[ts(type = "string")]
    pub end: DateTime<Utc>,
    /// The attendees busy, unknown or outside their working hours then (empty: everyone free).
    pub busy: Vec<SlotPerson>,
    /// Minutes of accepted plan blocks it lands on (they would be planned again).
    pub displaces_min: u32,
}

/// Sorted, merged copy of `v`, empty ranges dropped.
pub fn merged(mut v: Vec<TimeRange>) -> Vec<TimeRange> {
    v.retain(|r| r.end > r.start);
    v.sort_by_key(|r| r.start);
    let mut out: Vec<TimeRange> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Whether sorted, merged `v` has anything overlapping `[s, e)`.
fn hits(v: &[TimeRange], s: DateTime<Utc>, e: DateTime<Utc>) -> bool {
    let i = v.partition_point(|r| r.end <= s);
    v.get(i).is_some_and(|r| r.start < e)
}

/// Minutes of sorted, merged `v` inside `[s, e)`.
fn overlap_min(v: &[TimeRange], s: DateTime<Utc>, e: DateTime<Utc>) -> i64 {
    let i = v.partition_point(|r| r.end <= s);
    v[i..].iter().take_while(|r| r.start < e).map(|r| (r.end.min(e) - r.start.max(s)).num_minutes()).sum()
}

/// Whether `[s, e)` lies inside one range of sorted, merged `v`.
fn inside(v: &[TimeRange], s: DateTime<Utc>, e: DateTime<Utc>) -> bool {
    let i = v.partition_point(|r| r.end <= s);
    v.get(i).is_some_and(|r| r.start <= s && e <= r.end)
}

/// `a` minus sorted, merged `cut`.
fn minus(a: &[TimeRange], cut: &[TimeRange]) -> Vec<TimeRange> {
    let mut out = Vec::new();
    for r in a {
        let mut at = r.start;
        let i = cut.partition_point(|c| c.end <= r.start);
        for c in cut[i..].iter().take_while(|c| c.start < r.end) {
            if c.start > at {
                out.push(TimeRange { start: at, end: c.start });
            }
            at = at.max(c.end);
        }
        if at < r.end {
            out.push(TimeRange { start: at, end: r.end });
        }
    }
    out
}

/// The first multiple of `step` (from the epoch, so on the quarter hour) at or after `t`.
fn ceil_to(t: DateTime<Utc>, step: Duration) -> DateTime<Utc> {
    let s = step.num_seconds().max(60);
    let secs = t.timestamp();
    let up = secs.div_euclid(s) * s + if secs.rem_euclid(s) == 0 { 0 } else { s };
    DateTime::from_timestamp(up, 0).unwrap_or(t)
}

struct Known<'a> {
    email: &'a str,
    busy: Vec<TimeRange>,
    unknown: bool,
    working: Option<Vec<TimeRange>>,
}

/// The ranked slots for `q` (see the module's ranking).
pub fn find(q: &Query) -> Vec<Slot> {
    let range = q.range;
    let allowed = merged(
        q.allowed.iter().map(|a| TimeRange { start: a.start.max(range.start), end: a.end.min(range.end) }).collect(),
    );
    let never = merged(q.never.clone());
    let avoid = merged(q.avoid.clone());
    let people: Vec<Known> = q
        .people
        .iter()
        .map(|p| Known {
            email: &p.email,
            busy: merged(p.busy.clone()),
            unknown: p.unknown.is_some(),
            working: p.working.clone().map(merged),
        })
        .collect();
    // The gaps a slot can sit in: the organiser's hours less what is never offered.
    let gaps = minus(&allowed, &never);
    if q.duration <= Duration::zero() {
        return Vec::new();
    }
    let mut ranked = Vec::new();
    for gap in &gaps {
        let mut s = ceil_to(gap.start, q.step);
        while s + q.duration <= gap.end {
            let e = s + q.duration;
            if !hits(&never, s - q.buffer_before, e + q.buffer_after) {
                let busy = conflicts(&people, s, e);
                let displaced = overlap_min(&avoid, s, e);
                // Crumbs: the pieces of the gap left before and after (buffers kept) too short to use.
                let crumbs = [s - q.buffer_before - gap.start, gap.end - e - q.buffer_after]
                    .iter()
                    .filter(|d| **d > Duration::zero() && **d < CRUMB)
                    .count();
                let day = s.with_timezone(&q.zone).date_naive();
                let hard = busy.iter().filter(|p| p.state != Conflict::Unknown).count();
                ranked.push((
                    (hard, displaced > 0, day, crumbs, s),
                    Slot { start: s, end: e, busy, displaces_min: u32::try_from(displaced).unwrap_or(u32::MAX) },
                ));
            }
            s += q.step;
        }
    }
    ranked.sort_by_key(|a| a.0);
    let mut out: Vec<Slot> = Vec::new();
    for (_, slot) in ranked {
        if out.len() >= q.limit {
            break;
        }
        if out.iter().all(|o| o.end <= slot.start || slot.end <= o.start) {
            out.push(slot);
        }
    }
    out
}

fn conflicts(people: &[Known], s: DateTime<Utc>, e: DateTime<Utc>) -> Vec<SlotPerson> {
    people
        .iter()
        .filter_map(|p| {
            let state = if hits(&p.busy, s, e) {
                Conflict::Busy
            } else if p.unknown {
                Conflict::Unknown
            } else if p.working.as_ref().is_some_and(|w| !inside(w, s, e)) {
                Conflict::OffHours
            } else {
                return None;
            };
            Some(SlotPerson { email: p.email.to_string(), state })
        })
        .collect()
}

/// The free times of `q` for sharing: the organiser's hours less what is never offered and,
/// when `keep_plan` is false, less accepted plan blocks too; each piece at least the duration
/// long (buffers taken off both ends where they touch something busy).
pub fn free_pieces(q: &Query) -> Vec<TimeRange> {
    let allowed = merged(
        q.allowed
            .iter()
            .map(|a| TimeRange { start: a.start.max(q.range.start), end: a.end.min(q.range.end) })
            .collect(),
    );
    let padded = merged(
        q.never
            .iter()
            .chain(&q.avoid)
            .map(|r| TimeRange { start: r.start - q.buffer_after, end: r.end + q.buffer_before })
            .collect(),
    );
    minus(&allowed, &padded)
        .into_iter()
        .map(|r| TimeRange { start: ceil_to(r.start, q.step), end: r.end })
        .filter(|r| r.end - r.start >= q.duration)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 8, h, m, 0).unwrap()
    }
    fn day(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).unwrap()
    }
    fn r(a: DateTime<Utc>, b: DateTime<Utc>) -> TimeRange {
        TimeRange { start: a, end: b }
    }
    fn query() -> Query {
        Query {
            range: r(day(8, 0), day(10, 0)),
            duration: Duration::minutes(60),
            buffer_before: Duration::zero(),
            buffer_after: Duration::zero(),
            step: Duration::minutes(15),
            allowed: vec![r(day(8, 9), day(8, 17)), r(day(9, 9), day(9, 17))],
            never: vec![],
            avoid: vec![],
            people: vec![],
            zone: Tz::UTC,
            limit: 5,
        }
    }

    #[test]
    fn the_earliest_start_of_an_empty_day_comes_first() {
        let slots = find(&query());
        assert_eq!(slots[0].start, t(9, 0));
        assert!(slots[0].busy.is_empty());
    }

    #[test]
    fn focus_time_and_own_meetings_are_never_offered() {
        let mut q = query();
        q.never = vec![r(t(9, 0), t(12, 0)), r(t(13, 0), t(17, 0)), r(day(9, 9), day(9, 17))];
        let slots = find(&q);
        assert_eq!(slots.len(), 1);
        assert_eq!((slots[0].start, slots[0].end), (t(12, 0), t(13, 0)));
    }

    #[test]
    fn buffers_keep_a_slot_away_from_what_is_never_offered() {
        let mut q = query();
        q.never = vec![r(t(9, 0), t(10, 0))];
        q.buffer_before = Duration::minutes(15);
        assert_eq!(find(&q)[0].start, t(10, 15));
    }

    #[test]
    fn a_busy_attendee_pushes_the_slot_later_and_is_named_when_nothing_else_fits() {
        let mut q = query();
        q.people =
            vec![Person { email: "ana@example.com".into(), busy: vec![r(t(9, 0), t(11, 0))], ..Person::default() }];
        let slots = find(&q);
        assert_eq!(slots[0].start, t(11, 0), "right after her meeting: no crumb left");
        q.allowed = vec![r(t(9, 0), t(11, 0))];
        let slots = find(&q);
        assert_eq!(slots[0].busy, vec![SlotPerson { email: "ana@example.com".into(), state: Conflict::Busy }]);
    }

    #[test]
    fn an_unknown_attendee_is_listed_on_every_slot_without_changing_the_order() {
        let mut q = query();
        q.people =
            vec![Person { email: "bo@example.com".into(), unknown: Some("no account".into()), ..Person::default() }];
        let slots = find(&q);
        assert_eq!(slots[0].start, t(9, 0));
        assert!(slots.iter().all(|s| s.busy[0].state == Conflict::Unknown));
    }

    #[test]
    fn outside_known_working_hours_counts_against_a_slot() {
        let mut q = query();
        q.people = vec![Person {
            email: "cy@example.com".into(),
            working: Some(vec![r(t(14, 0), t(17, 0))]),
            ..Person::default()
        }];
        assert_eq!(find(&q)[0].start, t(14, 0));
    }

    #[test]
    fn plan_blocks_are_avoided_where_possible_but_offered_when_nothing_else_fits() {
        let mut q = query();
        q.allowed = vec![r(t(9, 0), t(11, 0))];
        q.avoid = vec![r(t(9, 0), t(10, 0))];
        let slots = find(&q);
        assert_eq!(slots[0].start, t(10, 0));
        assert_eq!(slots[0].displaces_min, 0);
        q.avoid = vec![r(t(9, 0), t(11, 0))];
        assert_eq!(find(&q)[0].displaces_min, 60);
    }

    #[test]
    fn a_slot_leaving_no_crumb_beats_an_earlier_one_that_does() {
        let mut q = query();
        // Free 9:10-10:30 only: 9:15 leaves crumbs of 5 and 15 minutes, 9:30 one of 20.
        q.never = vec![r(t(9, 0), t(9, 10)), r(t(10, 30), t(17, 0))];
        assert_eq!(find(&q)[0].start, t(9, 30));
    }

    #[test]
    fn slots_offered_never_overlap_each_other() {
        let slots = find(&query());
        for (i, a) in slots.iter().enumerate() {
            for b in &slots[i + 1..] {
                assert!(a.end <= b.start || b.end <= a.start);
            }
        }
    }

    #[test]
    fn free_pieces_are_the_hours_less_busy_time_at_least_the_duration_long() {
        let mut q = query();
        q.never = vec![r(t(10, 0), t(16, 30))];
        q.allowed = vec![r(t(9, 0), t(17, 0))];
        assert_eq!(free_pieces(&q), vec![r(t(9, 0), t(10, 0))]);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(q: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 0, 0, 0).unwrap() + Duration::minutes(q * 5)
    }
    fn ranges() -> impl Strategy<Value = Vec<TimeRange>> {
        prop::collection::vec((0i64..600, 1i64..60), 0..12)
            .prop_map(|v| v.into_iter().map(|(s, l)| TimeRange { start: at(s), end: at(s + l) }).collect())
    }

    proptest! {
        #[test]
        fn slots_respect_every_rule(
            allowed in ranges(), never in ranges(), avoid in ranges(), busy in ranges(),
            dur in 1i64..24, unknown in any::<bool>(),
        ) {
            let q = Query {
                range: TimeRange { start: at(0), end: at(500) },
                duration: Duration::minutes(dur * 5),
                buffer_before: Duration::minutes(10),
                buffer_after: Duration::minutes(5),
                step: Duration::minutes(15),
                allowed: allowed.clone(),
                never: never.clone(),
                avoid,
                people: vec![Person {
                    email: "a@x.org".into(),
                    busy: busy.clone(),
                    unknown: unknown.then(|| "?".into()),
                    working: None,
                }],
                zone: Tz::Europe__Berlin,
                limit: 50,
            };
            let slots = find(&q);
            let allowed = merged(allowed);
            for s in &slots {
                prop_assert_eq!(s.end - s.start, q.duration);
                prop_assert!(s.start >= q.range.start && s.end <= q.range.end);
                prop_assert!(inside(&allowed, s.start, s.end));
                prop_assert!(!never.iter().any(|n| n.start < s.end + q.buffer_after && s.start - q.buffer_before < n.end && n.start < n.end));
                prop_assert_eq!(s.start.timestamp() % 900, 0);
                let is_busy = busy.iter().any(|b| b.start < s.end && s.start < b.end);
                let listed = s.busy.first().map(|p| p.state);
                let expected = if is_busy { Some(Conflict::Busy) } else if unknown { Some(Conflict::Unknown) } else { None };
                prop_assert_eq!(listed, expected);
            }
            // A slot where the attendee is busy never comes before one where they are free.
            let first_busy = slots.iter().position(|s| s.busy.iter().any(|p| p.state == Conflict::Busy));
            if let Some(i) = first_busy {
                prop_assert!(slots[i..].iter().all(|s| !s.busy.is_empty()));
            }
        }
    }
}
