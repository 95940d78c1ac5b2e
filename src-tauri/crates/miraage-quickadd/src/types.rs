//! What a line means: [`Parsed`] and its parts.

use chrono::{DateTime, NaiveDate, Weekday};
use chrono_tz::Tz;
use serde::{Serialize, Serializer};
use std::fmt;
use std::num::NonZeroU32;
use std::ops::Range;

/// What one line of quick-add text says, with the seven fields of the contract
/// (`shared/docs/quick-add.md`) and the recognised parts of the text for highlighting.
///
/// It serialises (serde) with the contract's field names plus `spans`; [`Parsed::contract`]
/// gives the seven fields alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parsed {
    /// The text with every recognised part and its connector word removed, spaces collapsed.
    pub title: String,
    /// When the item is scheduled or happens (for a recurring item: its first occurrence at
    /// or after `now`).
    pub start: Option<When>,
    /// Its deadline (for a recurring deadline: the first at or after `now`).
    pub due: Option<When>,
    /// How long it takes, in whole minutes (never zero).
    pub duration_min: Option<NonZeroU32>,
    pub priority: Option<Priority>,
    pub rrule: Option<Recurrence>,
    /// `#tag`, `+project` and `@context` names without their sigil, in input order.
    pub tags: Vec<String>,
    /// The recognised parts of the text, in order, never overlapping.
    pub spans: Vec<Span>,
    /// Beyond the contract: the part of the day the start's time stands for when the line
    /// names no clock time ("every morning" starts at 09:00 and says `Morning`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_part: Option<DayPart>,
    /// Beyond the contract: the period the duration is a total for ("5h a week", "20 min a
    /// day", "30m per day"); the recurrence is then a quota, not each occurrence's length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_period: Option<Freq>,
}

/// A part of the day named without a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Parsed {
    /// The seven fields of the contract alone, for printing as JSON.
    ///
    /// # Errors
    ///
    /// None: a borrowed view.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let now = Utc.with_ymd_and_hms(2025, 3, 6, 14, 15, 0).unwrap();
    /// let parsed = miraage_quickadd::parse("Buy milk", now, chrono_tz::America::New_York);
    /// let json = serde_json::to_string(&parsed.contract()).unwrap();
    /// assert_eq!(
    ///     json,
    ///     r#"{"title":"Buy milk","start":null,"due":null,"duration_min":null,"priority":null,"rrule":null,"tags":[]}"#
    /// );
    /// ```
    pub fn contract(&self) -> Contract<'_> {
        Contract {
            title: &self.title,
            start: self.start.as_ref(),
            due: self.due.as_ref(),
            duration_min: self.duration_min,
            priority: self.priority,
            rrule: self.rrule.as_ref(),
            tags: &self.tags,
        }
    }
}

/// The seven fields of the contract, in its order, borrowed from a [`Parsed`].
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Contract<'a> {
    pub title: &'a str,
    pub start: Option<&'a When>,
    pub due: Option<&'a When>,
    pub duration_min: Option<NonZeroU32>,
    pub priority: Option<Priority>,
    pub rrule: Option<&'a Recurrence>,
    pub tags: &'a [String],
}

/// A start or deadline: a whole day, or an instant shown in the user's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A date without a time of day (`YYYY-MM-DD`).
    Date(NaiveDate),
    /// An instant, in the user's zone (RFC 3339 with the offset in force on that date).
    At(DateTime<Tz>),
}

impl fmt::Display for When {
    /// `YYYY-MM-DD`, or RFC 3339 with the zone's offset and whole seconds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            When::At(t) => write!(f, "{}", t.format("%Y-%m-%dT%H:%M:%S%:z")),
        }
    }
}

impl Serialize for When {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Priority 1 (highest) to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}

impl Priority {
    /// The priority with this number, if it is 1 to 4.
    ///
    /// # Errors
    ///
    /// `None` for any other number.
    ///
    /// # Examples
    ///
    /// ```
    /// use miraage_quickadd::Priority;
    /// assert_eq!(Priority::from_number(2), Some(Priority::P2));
    /// assert_eq!(Priority::from_number(5), None);
    /// ```
    pub fn from_number(n: u64) -> Option<Priority> {
        match n {
            1 => Some(Priority::P1),
            2 => Some(Priority::P2),
            3 => Some(Priority::P3),
            4 => Some(Priority::P4),
            _ => None,
        }
    }

    /// 1 (highest) to 4.
    ///
    /// # Errors
    ///
    /// None.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(miraage_quickadd::Priority::P1.number(), 1);
    /// ```
    pub fn number(self) -> u8 {
        self as u8
    }
}

impl Serialize for Priority {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.number())
    }
}

/// How often a recurrence repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Serialize for Freq {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl Freq {
    fn name(self) -> &'static str {
        match self {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        }
    }
}

/// One BYDAY entry: a weekday, with its position in the month for monthly rules
/// (`-1FR`: the last Friday; `1MO`: the first Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ByDay {
    /// 1 to 5 counts from the start of the month, -1 is the last; `None` for every such day.
    pub nth: Option<i8>,
    pub weekday: Weekday,
}

/// How a recurrence ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecurrenceEnd {
    /// The last day occurrences may fall on (`UNTIL=YYYYMMDD`).
    Until(NaiveDate),
    /// The number of occurrences (`COUNT=N`).
    Count(NonZeroU32),
}

/// A recurrence rule; it displays and serialises as an RFC 5545 RRULE value without the
/// `RRULE:` prefix, its parts in the order FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL/COUNT.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Recurrence {
    pub freq: Freq,
    /// Every `interval`-th period (`INTERVAL`, written when above 1).
    pub interval: NonZeroU32,
    /// Weekdays, in week order (Monday first); empty when the start's own weekday repeats.
    pub by_day: Vec<ByDay>,
    /// A day of the month, 1 to 31, for monthly rules.
    pub by_month_day: Option<u8>,
    pub end: Option<RecurrenceEnd>,
}

impl Recurrence {
    pub(crate) fn new(freq: Freq) -> Recurrence {
        Recurrence { freq, interval: NonZeroU32::MIN, by_day: Vec::new(), by_month_day: None, end: None }
    }
}

fn weekday_code(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

impl fmt::Display for Recurrence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FREQ={}", self.freq.name())?;
        if self.interval.get() > 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if !self.by_day.is_empty() {
            f.write_str(";BYDAY=")?;
            for (k, d) in self.by_day.iter().enumerate() {
                if k > 0 {
                    f.write_str(",")?;
                }
                if let Some(n) = d.nth {
                    write!(f, "{n}")?;
                }
                f.write_str(weekday_code(d.weekday))?;
            }
        }
        if let Some(day) = self.by_month_day {
            write!(f, ";BYMONTHDAY={day}")?;
        }
        match self.end {
            Some(RecurrenceEnd::Until(d)) => write!(f, ";UNTIL={}", d.format("%Y%m%d")),
            Some(RecurrenceEnd::Count(n)) => write!(f, ";COUNT={n}"),
            None => Ok(()),
        }
    }
}

impl Serialize for Recurrence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What a recognised part of the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    /// A date, time, range or relative time that became `start`.
    Start,
    /// One that became `due` (introduced by "by", "due", "deadline", "before", "within").
    Due,
    Duration,
    Priority,
    /// A recurrence, or its end ("until March 31", "for 10 days").
    Recurrence,
    /// `#tag`
    Tag,
    /// `+project`
    Project,
    /// `@context`
    Context,
}

/// A recognised part of the text, with its connector word ("by Friday" is one span).
/// `bytes` index the UTF-8 text (on char boundaries); `utf16` the same part in UTF-16 code
/// units, as JavaScript strings (and so the window's input) count them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub kind: SpanKind,
    pub bytes: Range<usize>,
    pub utf16: Range<usize>,
}
