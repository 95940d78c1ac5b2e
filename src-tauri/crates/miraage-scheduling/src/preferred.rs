//! A preferred part of the day, for a habit (its own `--prefer`) or for the tasks of a tag (the
//! work pattern's "prefer mornings for #deep", once the user chose to use it). One rule for
//! both: the windows are cut to that part of every day when the cut windows still hold the
//! minutes to plan and a sitting of the shortest length; else they stay as they were.

use chrono::{DateTime, Datelike, Days, Timelike, Utc};
use chrono_tz::Tz;
use miraage_domain::{TimeOfDay, WeekWindows};
use std::collections::BTreeMap;

/// `windows` cut to `part` of every day, when `holds` says the cut windows hold the minutes
/// to plan and their longest window takes a sitting of `shortest` minutes; `None` otherwise.
pub(crate) fn narrowed(
    windows: &WeekWindows,
    part: TimeOfDay,
    shortest: u32,
    holds: impl FnOnce(&WeekWindows) -> bool,
) -> Option<WeekWindows> {
    let (from, to) = part.span();
    let narrow = windows.within(from, to);
    (narrow.longest() >= shortest && holds(&narrow)).then_some(narrow)
}

/// Minutes `windows` hold from `from` to `to`, read on the local days of `zone`.
pub(crate) fn minutes_between(windows: &WeekWindows, zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
    if to <= from {
        return 0;
    }
    let (a, b) = (from.with_timezone(&zone), to.with_timezone(&zone));
    let (first, last) = (a.date_naive(), b.date_naive());
    let mut total = 0;
    let mut day = first;
    while day <= last {
        let lo = if day == first { a.hour() * 60 + a.minute() } else { 0 };
        let hi = if day == last { b.hour() * 60 + b.minute() } else { 24 * 60 };
        let weekday = day.weekday().num_days_from_monday() as usize;
        total += windows.days[weekday].iter().map(|&(s, e)| e.min(hi).saturating_sub(s.max(lo))).sum::<u32>();
        let Some(next) = day.checked_add_days(Days::new(1)) else { break };
        day = next;
    }
    total
}

/// A tag's preference as a task meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TaskPreference {
    /// The cut windows and the planner's name for them; `None`: planned as before.
    pub hours: Option<(String, WeekWindows)>,
    /// What its ghosts say about it.
    pub reason: String,
}

/// What a task needs to be placed, for [`for_task`].
pub(crate) struct Need {
    /// Its tags, as the user typed them (`Deep`, `#deep`).
    pub tags: Vec<String>,
    /// Minutes still to place and its shortest sitting.
    pub minutes: u32,
    pub shortest: u32,
    /// From when (now, or its earliest start) until when (its due date, else the horizon's end).
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub has_due: bool,
}

/// The first of the task's tags with a preferred part (`parts`, keyed by tag in lower case
/// without `#`), applied to the windows of its hour set `set` (named `set_name`): cut to that
/// part when the cut windows hold its minutes before its due date, else as before with the
/// reason why. `None` when no tag of it has a preference or nothing is left to place.
pub(crate) fn for_task(
    parts: &BTreeMap<String, TimeOfDay>,
    need: &Need,
    set_name: &str,
    set: &WeekWindows,
    zone: Tz,
) -> Option<TaskPreference> {
    let (tag, part) = need.tags.iter().find_map(|t| {
        let key = tag_key(t);
        parts.get(&key).map(|p| (key, *p))
    })?;
    if need.minutes == 0 {
        return None;
    }
    let name = part.as_str();
    let held = std::cell::Cell::new(0);
    let cut = narrowed(set, part, need.shortest.min(need.minutes), |w| {
        held.set(minutes_between(w, zone, need.from, need.until));
        held.get() >= need.minutes
    });
    Some(match cut {
        Some(w) => TaskPreference {
            hours: Some((format!("prefer:{name}:{set_name}"), w)),
            reason: format!("Planned in the {name}, as you prefer for #{tag}"),
        },
        None => {
            let when = if need.has_due { "before its due date" } else { "in the days planned" };
            TaskPreference {
                hours: None,
                reason: format!(
                    "Not only in the {name} (your preference for #{tag}): the {name}s of its hours hold {} of its {} {when}",
                    amount(held.get()),
                    amount(need.minutes)
                ),
            }
        }
    })
}

/// A tag as preferences are keyed: lower case, without `#`.
pub fn tag_key(tag: &str) -> String {
    tag.trim().trim_start_matches('#').to_lowercase()
}

/// "45 min", "3 h", "2 h 30 min".
fn amount(min: u32) -> String {
    crate::budget::duration(i64::from(min))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const ZONE: Tz = chrono_tz::Europe::Berlin;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        ZONE.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap().with_timezone(&Utc)
    }

    /// Weekdays 09:00-12:00 and 13:00-17:30.
    fn work() -> WeekWindows {
        WeekWindows::parse(&["mon-fri 09:00-12:00", "mon-fri 13:00-17:30"]).unwrap()
    }

    fn need(minutes: u32, until: DateTime<Utc>) -> Need {
        Need { tags: vec!["#Deep".into()], minutes, shortest: 30, from: at(23, 8), until, has_due: true }
    }

    fn mornings() -> BTreeMap<String, TimeOfDay> {
        BTreeMap::from([("deep".to_string(), TimeOfDay::Morning)])
    }

    #[test]
    fn a_tagged_task_is_narrowed_to_its_preferred_part_when_that_part_holds_it_before_its_due_date() {
        // Monday 08:00 to Wednesday midnight: three mornings of 3 h.
        let p = for_task(&mornings(), &need(300, at(26, 0)), "work", &work(), ZONE).unwrap();
        let (name, windows) = p.hours.expect("narrowed");
        assert_eq!(name, "prefer:morning:work");
        assert_eq!(windows.days[0], vec![(540, 720)]);
        assert!(windows.days[5].is_empty());
        assert_eq!(p.reason, "Planned in the morning, as you prefer for #deep");
    }

    #[test]
    fn a_tagged_task_is_not_narrowed_when_its_mornings_before_the_due_date_would_not_hold_it() {
        // Due at the end of Monday: one morning of 3 h for 4 h of work.
        let p = for_task(&mornings(), &need(240, at(24, 0)), "work", &work(), ZONE).unwrap();
        assert_eq!(p.hours, None);
        assert_eq!(
            p.reason,
            "Not only in the morning (your preference for #deep): the mornings of its hours hold 3 h of its 4 h before its due date"
        );
    }

    #[test]
    fn a_task_without_a_preferred_tag_or_with_nothing_left_to_place_is_left_alone() {
        let mut other = need(60, at(26, 0));
        other.tags = vec!["writing".into()];
        assert_eq!(for_task(&mornings(), &other, "work", &work(), ZONE), None);
        assert_eq!(for_task(&mornings(), &need(0, at(26, 0)), "work", &work(), ZONE), None);
    }

    #[test]
    fn a_part_with_no_window_long_enough_for_one_sitting_is_not_used() {
        let short = WeekWindows::parse(&["mon-fri 11:40-17:00"]).unwrap();
        assert_eq!(narrowed(&short, TimeOfDay::Morning, 30, |_| true), None);
        assert!(narrowed(&short, TimeOfDay::Afternoon, 30, |_| true).is_some());
    }

    #[test]
    fn minutes_between_counts_only_the_windows_inside_the_span() {
        let w = work();
        // Monday 10:00 to Tuesday 10:00: 2 h + 4.5 h on Monday, 1 h on Tuesday.
        let (from, to) = (at(23, 10), at(24, 10));
        assert_eq!(minutes_between(&w, ZONE, from, to), 120 + 270 + 60);
        assert_eq!(minutes_between(&w, ZONE, to, from), 0);
        // The weekend holds nothing.
        assert_eq!(minutes_between(&w, ZONE, at(28, 0), at(30, 0)), 0);
    }
}
