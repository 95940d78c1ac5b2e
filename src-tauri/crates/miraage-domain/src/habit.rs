//! Habits, study goals and focus time, and the named hour sets they (and tasks) are planned in.
//!
//! A habit asks for minutes per day or per ISO week, in sessions of a length range, inside its
//! own weekly window or a named hour set. Windows are written as the user types them:
//! `"mon-fri 18:00-22:00"`, `"sat,sun 10:00-13:00"`, `"thu 08:00-11:00"`.

use crate::error::DomainError;
use crate::task::Priority;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Weekday names as the window specs write them, Monday first.
pub const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Minutes of a day: `(start, end)` after local midnight, end exclusive, at most 24:00.
pub type Window = (u32, u32);

/// Windows per weekday (index 0 is Monday), sorted, none overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekWindows {
    pub days: [Vec<Window>; 7],
}

impl WeekWindows {
    /// Reads window specs, each `DAYS HH:MM-HH:MM` where DAYS is a day (`mon`), a range
    /// (`mon-fri`) or a comma list of both (`mon,wed,fri-sun`); `daily` means every day.
    ///
    /// # Errors
    ///
    /// [`DomainError::Refused`] naming the spec that does not read, an end not after its
    /// start, or two windows of one day that overlap.
    pub fn parse(specs: &[impl AsRef<str>]) -> Result<WeekWindows, DomainError> {
        let mut w = WeekWindows::default();
        for spec in specs {
            let spec = spec.as_ref().trim();
            let bad = |why: &str| DomainError::Refused(format!("The window “{spec}” {why}"));
            let (days, times) = spec
                .split_once(char::is_whitespace)
                .ok_or_else(|| bad("does not read: write days and times, like “mon-fri 18:00-22:00”."))?;
            let (start, end) =
                times.trim().split_once('-').ok_or_else(|| bad("has no time range: write it like “18:00-22:00”."))?;
            let start = minutes(start.trim()).ok_or_else(|| bad("has a start that is not a time (HH:MM)."))?;
            let end =
                minutes(end.trim()).ok_or_else(|| bad("has an end that is not a time (HH:MM, at most 24:00)."))?;
            if end <= start {
                return Err(bad("ends before it starts: a window cannot cross midnight."));
            }
            for d in
                day_list(days).ok_or_else(|| bad("names a day that is not mon, tue, wed, thu, fri, sat or sun."))?
            {
                w.days[d].push((start, end));
            }
        }
        w.check()?;
        Ok(w)
    }

    /// Sorts every day's windows and refuses inverted, out-of-day or overlapping ones.
    ///
    /// # Errors
    ///
    /// [`DomainError::Refused`] naming the day and the windows at fault.
    pub fn check(&mut self) -> Result<(), DomainError> {
        for (d, day) in self.days.iter_mut().enumerate() {
            day.sort_unstable();
            if let Some(&(s, e)) = day.iter().find(|(s, e)| e <= s || *e > 24 * 60) {
                return Err(DomainError::Refused(format!(
                    "The window {} {} ends before it starts: a window cannot cross midnight.",
                    DAY_NAMES[d],
                    span(s, e)
                )));
            }
            if let Some(pair) = day.windows(2).find(|p| p[1].0 < p[0].1) {
                return Err(DomainError::Refused(format!(
                    "The windows {} {} and {} overlap: make them one window or move one.",
                    DAY_NAMES[d],
                    span(pair[0].0, pair[0].1),
                    span(pair[1].0, pair[1].1)
                )));
            }
        }
        Ok(())
    }

    /// Minutes the windows hold on weekday `d` (0 is Monday).
    pub fn day_minutes(&self, d: usize) -> u32 {
        self.days[d].iter().map(|(s, e)| e - s).sum()
    }

    /// Minutes the windows hold in a week.
    pub fn week_minutes(&self) -> u32 {
        (0..7).map(|d| self.day_minutes(d)).sum()
    }

    /// The longest single window, in minutes.
    pub fn longest(&self) -> u32 {
        self.days.iter().flatten().map(|(s, e)| e - s).max().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.days.iter().all(Vec::is_empty)
    }

    /// The windows cut to `[from, to)` of every day (empty pieces dropped).
    pub fn within(&self, from: u32, to: u32) -> WeekWindows {
        let mut out = WeekWindows::default();
        for (d, day) in self.days.iter().enumerate() {
            out.days[d] = day.iter().map(|&(s, e)| (s.max(from), e.min(to))).filter(|(s, e)| s < e).collect();
        }
        out
    }

    /// The specs that read back as these windows, days with equal windows joined into
    /// ranges: `["mon-thu 08:00-11:00", "sat 10:00-13:00"]`.
    pub fn specs(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut d = 0;
        while d < 7 {
            let mut last = d;
            while last + 1 < 7 && self.days[last + 1] == self.days[d] {
                last += 1;
            }
            let days =
                if last == d { DAY_NAMES[d].to_string() } else { format!("{}-{}", DAY_NAMES[d], DAY_NAMES[last]) };
            out.extend(self.days[d].iter().map(|&(s, e)| format!("{days} {}", span(s, e))));
            d = last + 1;
        }
        out
    }
}

/// `HH:MM` (00:00 to 24:00) as minutes after midnight.
pub fn minutes(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    (m < 60 && h * 60 + m <= 24 * 60 && h <= 24).then_some(h * 60 + m)
}

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

fn span(s: u32, e: u32) -> String {
    format!("{}-{}", hhmm(s), hhmm(e))
}

fn day_index(s: &str) -> Option<usize> {
    const FULL: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let s = s.trim().to_ascii_lowercase();
    (0..7).find(|&d| s == DAY_NAMES[d] || s == FULL[d])
}

fn day_list(s: &str) -> Option<Vec<usize>> {
    if s.trim().eq_ignore_ascii_case("daily") {
        return Some((0..7).collect());
    }
    let mut out = Vec::new();
    for part in s.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day_index(a)?, day_index(b)?);
                if b < a {
                    return None;
                }
                out.extend(a..=b);
            }
            None => out.push(day_index(part)?),
        }
    }
    out.dedup();
    Some(out)
}

/// A named set of hours. `work` and `personal` come from the planning settings; the others
/// are the user's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourSet {
    pub name: String,
    pub windows: WeekWindows,
}

/// The two hour sets every user has, made from the planning settings.
pub const BUILT_IN_HOUR_SETS: [&str; 2] = ["work", "personal"];

/// How much a habit asks for: per local day or per ISO week (Monday to Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HabitPeriod {
    Day,
    Week,
}

impl HabitPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            HabitPeriod::Day => "day",
            HabitPeriod::Week => "week",
        }
    }

    /// # Errors
    ///
    /// [`DomainError::Refused`] for anything but `day` or `week`.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "daily" => Ok(HabitPeriod::Day),
            "week" | "weekly" => Ok(HabitPeriod::Week),
            _ => Err(DomainError::Refused(format!("“{s}” is not a period: use day or week."))),
        }
    }
}

/// A habit or study goal, or focus time: planned alike; focus time yields first when the week
/// is crowded and is written to the calendar as busy time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HabitKind {
    Habit,
    Focus,
}

impl HabitKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HabitKind::Habit => "habit",
            HabitKind::Focus => "focus",
        }
    }

    /// # Errors
    ///
    /// [`DomainError::Refused`] for anything but `habit` or `focus`.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "habit" | "goal" => Ok(HabitKind::Habit),
            "focus" => Ok(HabitKind::Focus),
            _ => Err(DomainError::Refused(format!("“{s}” is not a kind of habit: use habit or focus."))),
        }
    }
}

/// The part of the day a habit prefers; it is planned there when that part of its window
/// holds the period's minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimeOfDay {
    Morning,
    Afternoon,
    Evening,
}

impl TimeOfDay {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeOfDay::Morning => "morning",
            TimeOfDay::Afternoon => "afternoon",
            TimeOfDay::Evening => "evening",
        }
    }

    /// The minutes of the day this part covers: before noon, noon to 17:00, from 17:00.
    pub fn span(self) -> Window {
        match self {
            TimeOfDay::Morning => (0, 12 * 60),
            TimeOfDay::Afternoon => (12 * 60, 17 * 60),
            TimeOfDay::Evening => (17 * 60, 24 * 60),
        }
    }

    /// # Errors
    ///
    /// [`DomainError::Refused`] for anything but morning, afternoon or evening.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "morning" => Ok(TimeOfDay::Morning),
            "afternoon" => Ok(TimeOfDay::Afternoon),
            "evening" => Ok(TimeOfDay::Evening),
            _ => Err(DomainError::Refused(format!("“{s}” is not a time of day: use morning, afternoon or evening."))),
        }
    }
}

/// Where a habit's sessions may go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HabitPlace {
    /// Its own windows.
    Window(WeekWindows),
    /// A named hour set (`work`, `personal` or one of the user's).
    HourSet(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Habit {
    /// A time-ordered id, without `@` (the planner names a habit's periods `ID@PERIOD`).
    pub id: String,
    pub title: String,
    pub kind: HabitKind,
    pub minutes: u32,
    pub per: HabitPeriod,
    pub session_min: u32,
    pub session_max: u32,
    pub place: HabitPlace,
    pub preferred: Option<TimeOfDay>,
    pub priority: Priority,
    pub project: Option<String>,
    pub paused: bool,
    pub created: DateTime<Utc>,
}

impl Habit {
    /// A new active habit asking `minutes` per `per`, in one session, in `place`.
    pub fn new(title: impl Into<String>, minutes: u32, per: HabitPeriod, place: HabitPlace) -> Habit {
        Habit {
            id: uuid::Uuid::now_v7().simple().to_string(),
            title: title.into(),
            kind: HabitKind::Habit,
            minutes,
            per,
            session_min: minutes,
            session_max: minutes,
            place,
            preferred: None,
            priority: Priority::new(2).expect("2 is a priority"),
            project: None,
            paused: false,
            created: Utc::now(),
        }
    }

    /// Checks the habit against the windows it will be planned in (its own, or its hour
    /// set's): a title, a session range with min not above max, and no more minutes than the
    /// windows hold per period (on every day that has a window, for a daily habit).
    ///
    /// # Errors
    ///
    /// [`DomainError::Refused`] with a sentence naming the habit by its title and what to
    /// change.
    pub fn check(&self, windows: &WeekWindows, hours_name: &str) -> Result<(), DomainError> {
        let t = self.title.trim();
        let refuse = |s: String| Err(DomainError::Refused(s));
        if t.is_empty() {
            return refuse("A habit needs a title.".into());
        }
        if t.chars().count() > 200 {
            return refuse("A habit's title is at most 200 characters.".into());
        }
        if self.minutes == 0 || self.minutes > 7 * 24 * 60 {
            return refuse(format!("“{t}” asks for {} minutes: ask for 1 minute to a week.", self.minutes));
        }
        if self.session_min == 0 || self.session_min > self.session_max {
            return refuse(format!(
                "“{t}”: a session of {}-{} min has its shortest above its longest; write it like 30-90.",
                self.session_min, self.session_max
            ));
        }
        if self.session_min > self.minutes {
            return refuse(format!(
                "“{t}”: its shortest session ({} min) is longer than the {} min asked per {}.",
                self.session_min,
                self.minutes,
                self.per.as_str()
            ));
        }
        if windows.is_empty() {
            return refuse(format!("“{t}”: {hours_name} has no hours at all: give it a window or another hour set."));
        }
        match self.per {
            HabitPeriod::Day => {
                if let Some(d) = (0..7).find(|&d| windows.day_minutes(d) > 0 && windows.day_minutes(d) < self.minutes) {
                    return refuse(format!(
                        "“{t}” asks for {} min a day but {hours_name} holds only {} min on {}: ask for less or widen the window.",
                        self.minutes,
                        windows.day_minutes(d),
                        DAY_NAMES[d]
                    ));
                }
            }
            HabitPeriod::Week => {
                if windows.week_minutes() < self.minutes {
                    return refuse(format!(
                        "“{t}” asks for {} min a week but {hours_name} holds only {} min a week: ask for less or widen the window.",
                        self.minutes,
                        windows.week_minutes()
                    ));
                }
            }
        }
        if self.session_min > windows.longest() {
            return refuse(format!(
                "“{t}”: a session of at least {} min does not fit in {hours_name}, whose longest window is {} min.",
                self.session_min,
                windows.longest()
            ));
        }
        Ok(())
    }
}

/// A block of time planned for one period of a habit (`period`: `2026-11-23` for a daily
/// habit, `2026-W48` for a weekly one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HabitBlock {
    pub id: crate::PlanBlockId,
    pub habit_id: String,
    pub period: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub state: crate::BlockState,
    /// The calendar event that stands for an accepted block.
    pub event_id: Option<crate::EventId>,
}

impl HabitBlock {
    /// The planner's task id of the block's habit period: `ID@PERIOD`.
    pub fn item(&self) -> String {
        format!("{}@{}", self.habit_id, self.period)
    }

    /// The block's length in whole minutes.
    pub fn minutes(&self) -> u32 {
        u32::try_from((self.end - self.start).num_minutes().max(0)).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_specs_read_ranges_lists_and_daily_and_print_back() {
        let w = WeekWindows::parse(&["mon-thu 08:00-11:00", "sat,sun 10:00-13:00", "thu 14:00-15:30"]).unwrap();
        assert_eq!(w.days[0], vec![(480, 660)]);
        assert_eq!(w.days[3], vec![(480, 660), (840, 930)]);
        assert!(w.days[4].is_empty());
        assert_eq!(w.days[6], vec![(600, 780)]);
        assert_eq!(w.specs(), ["mon-wed 08:00-11:00", "thu 08:00-11:00", "thu 14:00-15:30", "sat-sun 10:00-13:00"]);
        assert_eq!(WeekWindows::parse(&w.specs()).unwrap(), w);
        assert_eq!(WeekWindows::parse(&["daily 12:00-14:00"]).unwrap().week_minutes(), 7 * 120);
        assert_eq!(WeekWindows::parse(&["Monday 09:00-24:00"]).unwrap().day_minutes(0), 15 * 60);
    }

    #[test]
    fn overlapping_inverted_and_unreadable_windows_are_refused_by_name() {
        let msg = |s: &[&str]| WeekWindows::parse(s).unwrap_err().to_string();
        assert!(msg(&["mon 10:00-09:00"]).contains("ends before it starts"));
        assert!(msg(&["mon-fri 08:00-11:00", "wed 10:00-12:00"]).contains("wed 08:00-11:00 and 10:00-12:00 overlap"));
        assert!(msg(&["funday 08:00-11:00"]).contains("not mon, tue"));
        assert!(msg(&["mon 8-11"]).contains("not a time"));
        assert!(msg(&["mon"]).contains("does not read"));
        assert!(msg(&["fri-mon 08:00-09:00"]).contains("names a day"));
    }

    #[test]
    fn a_habit_asking_more_than_its_window_holds_is_refused() {
        let evenings = WeekWindows::parse(&["mon-fri 18:00-22:00"]).unwrap();
        let mut h = Habit::new("Study Spanish", 300, HabitPeriod::Week, HabitPlace::Window(evenings.clone()));
        h.session_min = 60;
        h.session_max = 90;
        assert!(h.check(&evenings, "its window").is_ok());
        h.minutes = 25 * 60;
        assert!(h.check(&evenings, "its window").unwrap_err().to_string().contains("holds only 1200 min a week"));
        let mut lunch = Habit::new("Lunch", 150, HabitPeriod::Day, HabitPlace::Window(evenings.clone()));
        lunch.session_min = 30;
        assert!(lunch.check(&evenings, "its window").is_ok());
        lunch.minutes = 300;
        lunch.session_max = 300;
        assert!(lunch.check(&evenings, "its window").unwrap_err().to_string().contains("holds only 240 min on mon"));
        let mut bad = h.clone();
        bad.minutes = 300;
        bad.session_min = 90;
        bad.session_max = 60;
        assert!(bad.check(&evenings, "its window").unwrap_err().to_string().contains("shortest above its longest"));
        bad.session_min = 300;
        bad.session_max = 300;
        assert!(bad.check(&evenings, "its window").unwrap_err().to_string().contains("does not fit"));
    }
}
