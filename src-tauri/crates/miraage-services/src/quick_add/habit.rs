//! A quick-add line that names a duration per period — "Read 20 minutes daily", "Study
//! Spanish 5h a week on weekday evenings", "Gym every Monday 1h" — read as a habit.
//!
//! A line is a habit when it has a duration and a plain daily or weekly recurrence (no
//! interval, end, or nth weekday), no deadline, and no clock time: a clock time ("Gym every
//! Monday 7am 1h") makes a recurring event, a part of the day ("every morning") a window.

use crate::habits::HabitDraft;
use chrono::Weekday;
use miraage_domain::habit::minutes;
use miraage_domain::{HabitPeriod, TimeOfDay, WeekWindows};
use miraage_quickadd::{DayPart, Freq, Parsed, When};
use miraage_scheduling::PlanSettings;

/// Where a quick-add habit is planned when the line names no part of the day.
const PERSONAL: &str = "personal";
const WORK: &str = "work";

/// Longest single session made from a quick-add line; a longer goal is planned in sessions of
/// `SPLIT_MIN` to this many minutes.
const LONGEST_SESSION: u32 = 90;
const SPLIT_MIN: u32 = 30;

/// What a line says of a habit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HabitReading {
    pub title: String,
    pub minutes: u32,
    pub per: HabitPeriod,
    /// Weekdays it is planned on (Monday first); empty: every day.
    pub days: Vec<Weekday>,
    pub part: Option<DayPart>,
    pub priority: Option<u8>,
    pub project: Option<String>,
}

/// The habit a parsed line describes, if it describes one.
pub fn reading(p: &Parsed, project: Option<String>) -> Option<HabitReading> {
    let minutes = p.duration_min?.get();
    let rule = p.rrule.as_ref()?;
    let plain = rule.interval.get() == 1
        && rule.end.is_none()
        && rule.by_month_day.is_none()
        && rule.by_day.iter().all(|d| d.nth.is_none());
    let clock_time = matches!(p.start, Some(When::At(_))) && p.day_part.is_none();
    if !plain || clock_time || p.due.is_some() {
        return None;
    }
    let per = match p.per_period.unwrap_or(rule.freq) {
        Freq::Daily => HabitPeriod::Day,
        // "every Monday 1h", "every weekday 20m": that much on each of those days.
        Freq::Weekly if p.per_period.is_none() && !rule.by_day.is_empty() => HabitPeriod::Day,
        Freq::Weekly => HabitPeriod::Week,
        _ => return None,
    };
    Some(HabitReading {
        title: p.title.clone(),
        minutes,
        per,
        days: rule.by_day.iter().map(|d| d.weekday).collect(),
        part: p.day_part,
        priority: p.priority.map(|x| x.number()),
        project,
    })
}

/// The hours of a part of the day a habit is planned in (minutes after midnight).
fn part_window(part: DayPart) -> (u32, u32) {
    match part {
        DayPart::Morning => (7 * 60, 12 * 60),
        DayPart::Afternoon => (12 * 60, 17 * 60),
        DayPart::Evening => (17 * 60, 22 * 60),
        DayPart::Night => (20 * 60, 23 * 60),
    }
}

fn part_name(part: DayPart) -> &'static str {
    match part {
        DayPart::Morning => "mornings",
        DayPart::Afternoon => "afternoons",
        DayPart::Evening => "evenings",
        DayPart::Night => "nights",
    }
}

impl HabitReading {
    /// The hour set it goes to when the line names neither days nor a part of the day:
    /// work hours for a line filed under `work`, else personal hours.
    fn hour_set(&self) -> &'static str {
        if self.project.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(WORK)) {
            WORK
        } else {
            PERSONAL
        }
    }

    fn day_text(&self) -> Option<String> {
        use Weekday::{Fri, Mon, Sat, Sun, Thu, Tue, Wed};
        match self.days.as_slice() {
            [] => None,
            [Mon, Tue, Wed, Thu, Fri] => Some("weekday".into()),
            [Sat, Sun] => Some("weekend".into()),
            days => Some(days.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        }
    }

    /// "20 min a day · in personal hours", "5 h a week · weekday evenings".
    pub fn summary(&self) -> String {
        let per = match self.per {
            HabitPeriod::Day => "a day",
            HabitPeriod::Week => "a week",
        };
        let place = match (self.day_text(), self.part) {
            (Some(days), Some(part)) => format!("{days} {}", part_name(part)),
            (None, Some(part)) => part_name(part).to_string(),
            (Some(days), None) if self.days.len() == 1 || days.starts_with("week") => {
                format!("{days}s in {PERSONAL} hours")
            }
            (Some(days), None) => format!("{days} in {PERSONAL} hours"),
            (None, None) => format!("in {} hours", self.hour_set()),
        };
        format!("{} {per} · {place}", super::duration_text(self.minutes))
    }

    /// The habit's draft: its windows (the days named, in the part of the day named, else in
    /// personal hours' times), or the personal (work) hour set when the line names neither.
    pub fn draft(&self, settings: &PlanSettings) -> HabitDraft {
        let (windows, hour_set) = if self.days.is_empty() && self.part.is_none() {
            (Vec::new(), Some(self.hour_set().to_string()))
        } else {
            let hours = &settings.personal_hours;
            let personal = match (minutes(&hours.start), minutes(&hours.end)) {
                (Some(s), Some(e)) if s < e => (s, e),
                _ => (18 * 60, 21 * 60),
            };
            let window = self.part.map_or(personal, part_window);
            let mut week = WeekWindows::default();
            for (d, day) in week.days.iter_mut().enumerate() {
                if self.days.is_empty() || self.days.iter().any(|w| w.num_days_from_monday() as usize == d) {
                    day.push(window);
                }
            }
            (week.specs(), None)
        };
        HabitDraft {
            title: self.title.clone(),
            kind: None,
            minutes: self.minutes,
            per: Some(self.per),
            session: (self.minutes > LONGEST_SESSION).then_some((SPLIT_MIN, LONGEST_SESSION)),
            windows,
            hour_set,
            preferred: self.part.map(|p| match p {
                DayPart::Morning => TimeOfDay::Morning,
                DayPart::Afternoon => TimeOfDay::Afternoon,
                DayPart::Evening | DayPart::Night => TimeOfDay::Evening,
            }),
            priority: self.priority,
            project: self.project.clone(),
        }
    }
}
