//! Finding the recognisable phrases in the token list, left to right.
//!
//! At each token that starts a word, every pattern is tried and the longest match wins; a
//! connector word ("by", "at", "due:") before a pattern joins it (at most two in a row).
//! Every pattern looks ahead a bounded number of tokens, so a line is read in linear time.
//! The patterns know meanings ([`Word`]), never the words of a language.

use crate::lang::{FreqWord, Kw, PartOfDay, Unit, Word};
use crate::lex::{Sigil, Tok, TokKind};
use crate::time::{add_days, add_months, monday_of, weekday_on_or_after, Zone};
use crate::types::{ByDay, DayPart, Freq, Priority, Recurrence};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use std::num::NonZeroU32;

/// How a clock time was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ClockKind {
    /// A time of day ("5pm", "9:30", "noon").
    At,
    /// Midnight: 00:00 at the end of the day named.
    Midnight,
    /// A part of the day ("morning"); `today` when it names today ("this morning",
    /// "tonight"); `pm` is the half of the day it lends to a bare hour ("7 in the morning");
    /// `part` is the part named, while no clock time came with it.
    Part { today: bool, pm: Option<bool>, part: Option<DayPart> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clock {
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
    /// The hour as typed (1-12) when it had no am/pm and no leading zero.
    pub(crate) bare: Option<u32>,
    pub(crate) kind: ClockKind,
    /// A zone the text named after the time.
    pub(crate) zone: Option<Zone>,
}

impl Clock {
    pub(crate) fn hms(&self) -> (u32, u32, u32) {
        (self.hour, self.minute, self.second)
    }

    /// The bare hour read in the half of the day a part of the day names.
    pub(crate) fn with_half(mut self, pm: bool) -> Clock {
        if let Some(h) = self.bare {
            self.hour = (h % 12) + if pm { 12 } else { 0 };
        }
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemKind {
    /// A calendar date; `weak` when it came from a weekday (an explicit date beside it wins).
    Date {
        date: NaiveDate,
        weak: bool,
    },
    Time(Clock),
    /// A time range: its start and length.
    Range {
        start: Clock,
        minutes: u32,
    },
    /// An instant ("in 20 minutes", "now").
    Instant(DateTime<Utc>),
    Duration(u32),
    Priority(Priority),
    /// A recurrence, with the time of day it names ("every morning").
    Recur {
        rule: Recurrence,
        clock: Option<Clock>,
        /// Said as an amount per period after a duration ("5h a week"): a quota.
        per_period: bool,
    },
    Until(NaiveDate),
    /// "for 10 days" (`unit` Day) or "10 times" (no unit): counts only after a recurrence.
    Count {
        n: u32,
        unit: Option<Unit>,
    },
    Tag(Sigil, String),
    /// "urgent" / "Urgent:": counts only at the start or end of the line.
    Urgent,
    /// "daily", "weekly"…: counts only at the start or end of the line.
    Freq(FreqWord),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) kind: ItemKind,
    /// Token range, connector words included.
    pub(crate) first: usize,
    pub(crate) last: usize,
    /// Introduced by a deadline word ("by", "due", "deadline", "before", "within").
    pub(crate) due: bool,
}

/// The connector words read before a pattern.
#[derive(Debug, Clone, Copy, Default)]
struct Conn {
    start: Option<usize>,
    /// Any connector: lets through what would be too ambiguous alone ("on sun", "by 3/7").
    any: bool,
    /// "at", "by", "before": a bare number is an hour ("at 5").
    hour: bool,
    /// "on", "by", "due", "from"…: a day of the month alone is a date ("on the 5th").
    day: bool,
    due: bool,
}

/// A number as typed: digits (with a decimal part) or a word.
#[derive(Debug, Clone, Copy)]
struct Amount {
    value: f64,
    integer: bool,
    article: bool,
    next: usize,
}

/// A clock time before am/pm is settled.
#[derive(Debug, Clone, Copy)]
struct RawClock {
    h: u32,
    m: u32,
    s: u32,
    /// "9:30" (a colon; a dot only counts with am/pm or after "at").
    colon: bool,
    dot: bool,
    leading_zero: bool,
    pm: Option<bool>,
    end: usize,
}

/// The clock a named part of the day stands for; `today` when it names today ("this
/// morning").
fn part_clock(p: PartOfDay, today: bool) -> Clock {
    let at = |hour| Clock { hour, minute: 0, second: 0, bare: None, kind: ClockKind::At, zone: None };
    let part = |hour, pm, named| Clock { kind: ClockKind::Part { today, pm: Some(pm), part: Some(named) }, ..at(hour) };
    match p {
        PartOfDay::Morning => part(9, false, DayPart::Morning),
        PartOfDay::Noon => at(12),
        PartOfDay::Afternoon => part(14, true, DayPart::Afternoon),
        PartOfDay::Evening => part(18, true, DayPart::Evening),
        PartOfDay::Night => part(20, true, DayPart::Night),
        PartOfDay::Tonight => Clock { kind: ClockKind::Part { today: true, pm: Some(true), part: None }, ..at(20) },
        PartOfDay::EndOfDay => at(17),
        PartOfDay::Midnight => Clock { kind: ClockKind::Midnight, ..at(0) },
    }
}

/// 1-7 are p.m., 8-11 a.m., 12 noon.
fn bare_rule(h: u32) -> u32 {
    if (1..=7).contains(&h) {
        h + 12
    } else {
        h
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, ':' | '/' | '.' | '-' | '+' | '_' | '\'' | '’' | '&' | '=')
}

/// A two-digit year: 00-49 in this century, 50-99 in the last.
fn two_digit_year(y: u64) -> i32 {
    if y < 50 {
        2000 + y as i32
    } else {
        1900 + y as i32
    }
}

/// Largest duration read: a year of minutes.
const MAX_MINUTES: f64 = 525_600.0;

pub(crate) struct Grammar<'a> {
    toks: &'a [Tok],
    text: &'a str,
    today: NaiveDate,
    now: DateTime<Utc>,
    tz: Tz,
}

impl<'a> Grammar<'a> {
    pub(crate) fn new(toks: &'a [Tok], text: &'a str, now: DateTime<Utc>, tz: Tz) -> Self {
        Grammar { toks, text, today: now.with_timezone(&tz).date_naive(), now, tz }
    }

    /// Every recognised phrase, in order, not overlapping.
    pub(crate) fn items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if self.boundary_before(i) {
                if let Some(item) = self.connected(i, Conn::default(), 0) {
                    i = item.last;
                    let quota = matches!(item.kind, ItemKind::Duration(_)).then(|| self.quota(i)).flatten();
                    items.push(item);
                    if let Some((end, rule, clock)) = quota {
                        let kind = ItemKind::Recur { rule, clock, per_period: true };
                        items.push(Item { kind, first: i, last: end, due: false });
                        i = end;
                    }
                    continue;
                }
            }
            i += 1;
        }
        items
    }

    fn connected(&self, i: usize, conn: Conn, depth: usize) -> Option<Item> {
        if let Some((end, kind, due)) = self.pattern(i, conn) {
            return Some(Item { kind, first: conn.start.unwrap_or(i), last: end, due: due || conn.due });
        }
        if depth >= 2 {
            return None;
        }
        let (kw, due) = self.find(i, |w| match w {
            Word::Kw(k) => k.connector().map(|d| (*k, d)),
            _ => None,
        })?;
        let mut j = i + 1;
        if self.punct(j, ':') && self.glued(j) {
            j += 1;
        }
        if j >= self.toks.len() {
            return None;
        }
        let next = Conn {
            start: Some(conn.start.unwrap_or(i)),
            any: true,
            hour: conn.hour || matches!(kw, Kw::At | Kw::By | Kw::Before),
            day: conn.day || !matches!(kw, Kw::At | Kw::In | Kw::For),
            due: conn.due || due,
        };
        self.connected(j, next, depth + 1)
    }

    /// The longest pattern at `i` that ends on a word boundary: its end, what it is, and
    /// whether it is a deadline by itself ("within").
    fn pattern(&self, i: usize, conn: Conn) -> Option<(usize, ItemKind, bool)> {
        let mut best: Option<(usize, ItemKind, bool)> = None;
        let mut offer = |end: usize, kind: ItemKind, due: bool| {
            if self.boundary_after(end) && best.as_ref().is_none_or(|b| end > b.0) {
                best = Some((end, kind, due));
            }
        };
        if !conn.any {
            if let Some((end, kind)) = self.marker(i) {
                offer(end, kind, false);
            }
        }
        if let Some((end, m)) = self.duration(i) {
            offer(end, ItemKind::Duration(m), false);
        }
        if let Some((end, kind, due)) = self.relative(i) {
            offer(end, kind, due);
        }
        if let Some((end, rule, clock)) = self.recurrence(i) {
            offer(end, ItemKind::Recur { rule, clock, per_period: false }, false);
        }
        if self.kw(i, Kw::Until) {
            let inner = Conn { any: true, day: true, ..conn };
            if let Some((end, date, _)) = self.date(i + 1, inner) {
                offer(end, ItemKind::Until(date), false);
            }
        }
        if let Some((end, n, unit)) = self.count(i) {
            offer(end, ItemKind::Count { n, unit }, false);
        }
        if let Some((end, start, minutes)) = self.range(i, conn) {
            offer(end, ItemKind::Range { start, minutes }, false);
        }
        if let Some((end, clock)) = self.time(i, conn) {
            offer(end, ItemKind::Time(clock), false);
        }
        if let Some((end, date, weak)) = self.date(i, conn) {
            offer(end, ItemKind::Date { date, weak }, false);
        }
        if let Some((end, t)) = self.iso_datetime(i) {
            offer(end, ItemKind::Instant(t), false);
        }
        if self.kw(i, Kw::Now) {
            offer(i + 1, ItemKind::Instant(self.now), false);
        }
        best
    }

    // ---- token tests ----

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    fn find<T>(&self, i: usize, f: impl Fn(&Word) -> Option<T>) -> Option<T> {
        let t = self.tok(i)?;
        if t.kind != TokKind::Word {
            return None;
        }
        t.meanings.iter().find_map(f)
    }

    fn kw(&self, i: usize, k: Kw) -> bool {
        self.find(i, |w| (*w == Word::Kw(k)).then_some(())).is_some()
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Punct(c))
    }

    /// Token `i` exists and touches the one before it.
    fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space_before)
    }

    fn num(&self, i: usize) -> Option<(u64, u8)> {
        let t = self.tok(i)?;
        (t.kind == TokKind::Num).then_some((t.value, t.digits))
    }

    fn is_alnum(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| matches!(t.kind, TokKind::Word | TokKind::Num | TokKind::Tag(_)))
    }

    /// A match may start at `i`: nothing word-like is glued before it.
    fn boundary_before(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if i == 0 || t.space_before {
            return true;
        }
        match self.toks[i - 1].kind {
            TokKind::Punct(c) => !(is_joiner(c) && i >= 2 && !self.toks[i - 1].space_before && self.is_alnum(i - 2)),
            TokKind::Bang(_) => true,
            _ => false,
        }
    }

    /// A match may end before `j`: nothing word-like is glued after it.
    fn boundary_after(&self, j: usize) -> bool {
        let Some(t) = self.tok(j) else { return true };
        if t.space_before {
            return true;
        }
        match t.kind {
            TokKind::Punct(c) => !(is_joiner(c) && self.glued(j + 1) && self.is_alnum(j + 1)),
            TokKind::Bang(_) => true,
            _ => false,
        }
    }

    // ---- numbers and units ----

    fn amount(&self, i: usize) -> Option<Amount> {
        if let Some((v, digits)) = self.num(i) {
            if digits > 9 {
                return None;
            }
            let mut value = v as f64;
            if self.punct(i + 1, '.') && self.glued(i + 1) && self.glued(i + 2) {
                if let Some((frac, fd)) = self.num(i + 2) {
                    if fd <= 6 {
                        value += frac as f64 / 10f64.powi(i32::from(fd));
                        return Some(Amount { value, integer: false, article: false, next: i + 3 });
                    }
                }
            }
            return Some(Amount { value, integer: true, article: false, next: i + 1 });
        }
        self.find(i, |w| match w {
            Word::Number(n) => Some(Amount { value: f64::from(*n), integer: true, article: false, next: i + 1 }),
            Word::Article => Some(Amount { value: 1.0, integer: true, article: true, next: i + 1 }),
            _ => None,
        })
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        self.find(i, |w| match w {
            Word::Unit { unit, short } => Some((*unit, *short)),
            _ => None,
        })
    }

    /// "2 hours", "30m", "1.5h", "an hour": the amount, its unit, the next token.
    fn amount_unit(&self, i: usize) -> Option<(Amount, Unit, usize)> {
        let a = self.amount(i)?;
        let (unit, short) = self.unit(a.next)?;
        if short && (a.article || !self.glued(a.next) || self.num(a.next - 1).is_none()) {
            return None;
        }
        Some((a, unit, a.next + 1))
    }

    fn minutes_word(&self, i: usize) -> Option<u32> {
        self.find(i, |w| match w {
            Word::Minutes(m) => Some(*m),
            _ => None,
        })
    }

    // ---- durations and relative times ----

    /// `2h`, `2 hrs`, `90m`, `1h30m`, `2h 15m`, `1 hour 15 minutes`, `1.5 hours`, `half an
    /// hour`, `an hour`: minutes.
    fn duration(&self, i: usize) -> Option<(usize, u32)> {
        if let Some(m) = self.minutes_word(i) {
            return Some((i + 1, m));
        }
        let (a, unit, mut j) = self.amount_unit(i)?;
        let total = match unit {
            Unit::Minute => a.value,
            Unit::Hour => {
                let mut total = a.value * 60.0;
                let k = if self.kw(j, Kw::And) { j + 1 } else { j };
                if let Some((b, Unit::Minute, next)) = self.amount_unit(k) {
                    if b.integer && !b.article {
                        total += b.value;
                        j = next;
                    }
                } else if k == j && self.glued(j) && self.unit(j - 1).is_some_and(|(_, short)| short) {
                    // "1h30"
                    if let Some((m, digits)) = self.num(j) {
                        if digits <= 2 && m < 60 {
                            total += m as f64;
                            j += 1;
                        }
                    }
                }
                total
            }
            _ => return None,
        };
        let m = total.round();
        (1.0..=MAX_MINUTES).contains(&m).then_some((j, m as u32))
    }

    /// "in 20 minutes", "within 3 days", "2 weeks from now", "5 minutes ago", "in 1 day 2
    /// hours", "2 days after tomorrow".
    fn relative(&self, i: usize) -> Option<(usize, ItemKind, bool)> {
        let (mut j, prefixed, due) = if self.kw(i, Kw::In) {
            (i + 1, true, false)
        } else if self.kw(i, Kw::Within) {
            (i + 1, true, true)
        } else {
            (i, false, false)
        };
        // "in about 5 hours", "in ~5 hours"
        while prefixed && j < i + 3 && (self.kw(j, Kw::About) || self.punct(j, '~')) {
            j += 1;
        }
        let mut parts: Vec<(f64, bool, Unit)> = Vec::new();
        if let Some(m) = self.minutes_word(j) {
            parts.push((f64::from(m), true, Unit::Minute));
            j += 1;
        } else {
            while parts.len() < 4 {
                let Some((a, unit, next)) = self.amount_unit(j) else {
                    break;
                };
                parts.push((a.value, a.integer, unit));
                j = next;
                // "1 day, 2 hours and 5 minutes"
                let mut k = j;
                if self.punct(k, ',') {
                    k += 1;
                }
                if self.kw(k, Kw::And) {
                    k += 1;
                }
                if k > j && self.amount_unit(k).is_some() {
                    j = k;
                }
            }
        }
        if parts.is_empty() {
            return None;
        }
        let (sign, base) = if prefixed {
            (1, None)
        } else if self.kw(j, Kw::FromNow) || self.kw(j, Kw::Later) {
            j += 1;
            (1, None)
        } else if self.kw(j, Kw::Ago) {
            j += 1;
            (-1, None)
        } else if self.kw(j, Kw::Before) || self.kw(j, Kw::After) {
            let sign = if self.kw(j, Kw::Before) { -1 } else { 1 };
            let (end, date, _) = self.date(j + 1, Conn { any: true, day: true, ..Conn::default() })?;
            j = end;
            (sign, Some(date))
        } else {
            return None;
        };
        let mut secs = 0.0;
        let mut date = base.unwrap_or(self.today);
        let mut calendar = false;
        for &(value, integer, unit) in &parts {
            if let Some(s) = unit.seconds() {
                secs += value * s as f64;
                continue;
            }
            if !integer || value > 100_000.0 {
                return None;
            }
            calendar = true;
            let n = sign * value as i64;
            date = match unit {
                Unit::Day => add_days(date, n)?,
                Unit::Week => add_days(date, n.checked_mul(7)?)?,
                Unit::Month => add_months(date, n)?,
                Unit::Year => add_months(date, n.checked_mul(12)?)?,
                _ => return None,
            };
        }
        if secs == 0.0 {
            return Some((j, ItemKind::Date { date, weak: false }, due));
        }
        if base.is_some() || secs > MAX_MINUTES * 60.0 * 100.0 {
            return None;
        }
        // Calendar units keep the wall clock; then the elapsed ones.
        let from = if calendar {
            let wall = self.now.with_timezone(&self.tz).time();
            Zone::Tz(self.tz).instant(date.and_time(wall))?
        } else {
            self.now
        };
        let t = from.checked_add_signed(Duration::try_seconds(sign * secs.round() as i64)?)?;
        Some((j, ItemKind::Instant(t), due))
    }

    // ---- dates ----

    fn weekday(&self, i: usize) -> Option<(Weekday, bool)> {
        self.find(i, |w| match w {
            Word::Weekday { day, ambiguous } => Some((*day, *ambiguous)),
            _ => None,
        })
    }

    fn month(&self, i: usize) -> Option<u32> {
        self.find(i, |w| match w {
            Word::Month(m) => Some(*m),
            _ => None,
        })
    }

    /// A day of the month: "5", "5th", "fifth". Returns the day, the next token and whether
    /// it was an ordinal.
    fn day_number(&self, i: usize) -> Option<(u32, usize, bool)> {
        if let Some((v, digits)) = self.num(i) {
            if digits > 2 || !(1..=31).contains(&v) {
                return None;
            }
            let ordinal =
                self.glued(i + 1) && self.find(i + 1, |w| (*w == Word::OrdinalSuffix).then_some(())).is_some();
            return Some((v as u32, if ordinal { i + 2 } else { i + 1 }, ordinal));
        }
        let d = self.find(i, |w| match w {
            Word::Ordinal(n) => Some(*n),
            _ => None,
        })?;
        (1..=31).contains(&d).then_some((d, i + 1, true))
    }

    /// A glued `-` or `/` at `j` with a glued token after it: the index after it.
    fn date_sep(&self, j: usize) -> Option<usize> {
        (matches!(self.tok(j)?.kind, TokKind::Punct('-' | '/')) && self.glued(j) && self.glued(j + 1)).then_some(j + 1)
    }

    /// A year after a date: " 2025", ", 2025", "-2025", and two digits after a comma or a
    /// separator (", 96").
    fn year_after(&self, j: usize) -> Option<(i32, usize)> {
        let (k, marked) = if self.punct(j, ',') {
            (j + 1, true)
        } else if let Some(k) = self.date_sep(j) {
            (k, true)
        } else {
            (j, false)
        };
        let (y, digits) = self.num(k)?;
        match digits {
            4 => Some((y as i32, k + 1)),
            2 if marked
                && self.boundary_after(k + 1)
                && self.meridiem(k + 1).is_none()
                && !self.kw(k + 1, Kw::OClock)
                && !self.part_follows(k + 1) =>
            {
                Some((two_digit_year(y), k + 1))
            }
            _ => None,
        }
    }

    /// The first date on or after today with this month and day.
    fn next_month_day(&self, month: u32, day: u32) -> Option<NaiveDate> {
        (0..9).find_map(|k| NaiveDate::from_ymd_opt(self.today.year() + k, month, day).filter(|d| *d >= self.today))
    }

    /// The first date on or after today with this day of the month.
    fn next_day_of_month(&self, day: u32) -> Option<NaiveDate> {
        (0..13).find_map(|k| {
            let first = add_months(self.today.with_day(1)?, k)?;
            NaiveDate::from_ymd_opt(first.year(), first.month(), day).filter(|d| *d >= self.today)
        })
    }

    /// Month and day, with the year that follows at `next` if any.
    fn with_year(&self, month: u32, day: u32, next: usize) -> Option<(usize, NaiveDate, bool)> {
        match self.year_after(next) {
            Some((y, end)) => Some((end, NaiveDate::from_ymd_opt(y, month, day)?, false)),
            None => Some((next, self.next_month_day(month, day)?, false)),
        }
    }

    /// "Friday next week", "Tuesday, next week", "Friday of next week" after a weekday at `j`.
    fn next_week_after(&self, j: usize) -> Option<usize> {
        let k = if self.punct(j, ',') || self.kw(j, Kw::Of) { j + 1 } else { j };
        (self.kw(k, Kw::Next) && self.unit(k + 1) == Some((Unit::Week, false))).then_some(k + 2)
    }

    /// The weekday `day` in the Monday-based week after this one.
    fn in_next_week(&self, day: Weekday) -> Option<NaiveDate> {
        add_days(monday_of(self.today)?, 7 + i64::from(day.num_days_from_monday()))
    }

    /// A date: its end, the date, and whether it came from a weekday alone.
    fn date(&self, i: usize, conn: Conn) -> Option<(usize, NaiveDate, bool)> {
        if let Some(n) = self.find(i, |w| match w {
            Word::RelativeDay(n) => Some(*n),
            _ => None,
        }) {
            return Some((i + 1, add_days(self.today, i64::from(n))?, false));
        }
        let modifier = [Kw::This, Kw::Next, Kw::Last].into_iter().find(|k| self.kw(i, *k));
        let j = if modifier.is_some() { i + 1 } else { i };
        if let Some((day, ambiguous)) = self.weekday(j) {
            if ambiguous && modifier.is_none() && !conn.any {
                // "Sun, Mar 6": an explicit date after it vouches for it.
                let k = if self.punct(j + 1, ',') { j + 2 } else { j + 1 };
                let inner = Conn { any: true, day: true, ..Conn::default() };
                if self.date(k, inner).is_none_or(|(_, _, weak)| weak) {
                    return None;
                }
            }
            if modifier.is_none() {
                if let Some(end) = self.next_week_after(j + 1) {
                    return Some((end, self.in_next_week(day)?, true));
                }
            }
            let date = match modifier {
                Some(Kw::Next) => self.in_next_week(day)?,
                Some(Kw::Last) => {
                    let back = (7 + i64::from(self.today.weekday().num_days_from_monday())
                        - i64::from(day.num_days_from_monday())
                        - 1)
                        % 7
                        + 1;
                    add_days(self.today, -back)?
                }
                _ => weekday_on_or_after(self.today, day)?,
            };
            return Some((j + 1, date, true));
        }
        if let Some(m) = modifier {
            if self.kw(j, Kw::Weekend) {
                let sat = weekday_on_or_after(self.today, Weekday::Sat)?;
                return match m {
                    Kw::This => Some((j + 1, sat, false)),
                    Kw::Next => Some((j + 1, add_days(sat, 7)?, false)),
                    _ => None,
                };
            }
            if m == Kw::Next {
                return match self.unit(j) {
                    Some((Unit::Week, false)) => {
                        // "next week Friday", "next week on Friday"
                        let k = if self.kw(j + 1, Kw::On) { j + 2 } else { j + 1 };
                        match self.weekday(k) {
                            Some((day, _)) => Some((k + 1, self.in_next_week(day)?, true)),
                            None => Some((j + 1, add_days(monday_of(self.today)?, 7)?, false)),
                        }
                    }
                    Some((Unit::Month, false)) => Some((j + 1, add_months(self.today, 1)?, false)),
                    Some((Unit::Year, false)) => Some((j + 1, add_months(self.today, 12)?, false)),
                    _ => None,
                };
            }
            return None;
        }
        // "March 31", "Mar. 31st, 2025", "March the 5th", "August-10-2012"
        if let Some(month) = self.month(i) {
            let mut k = i + 1;
            if self.punct(k, '.') && self.glued(k) {
                k += 1;
            }
            if let Some(after) = self.date_sep(k) {
                k = after;
            } else if self.kw(k, Kw::The) {
                k += 1;
            }
            let (day, next, _) = self.day_number(k)?;
            return self.with_year(month, day, next);
        }
        // "31 March", "the 5th of March 2025", "10-Aug-2012", "5th" (after "on", "by"…)
        let the = self.kw(i, Kw::The);
        let k = if the { i + 1 } else { i };
        if let Some((day, next, ordinal)) = self.day_number(k) {
            let m_at = if self.kw(next, Kw::Of) {
                next + 1
            } else if let Some(after) = self.date_sep(next).filter(|_| !ordinal) {
                after
            } else {
                next
            };
            if let Some(month) = self.month(m_at) {
                let mut end = m_at + 1;
                if self.punct(end, '.') && self.glued(end) {
                    end += 1;
                }
                return self.with_year(month, day, end);
            }
            if ordinal && conn.day {
                return Some((next, self.next_day_of_month(day)?, false));
            }
        }
        self.numeric_date(i, conn)
    }

    /// `2025-03-31`, `2025/03/31`, `2025.03.31`, `3/31`, `3/31/2025`, `3/31/25`,
    /// `03-31-2025`, `03.31.2025` (month first).
    fn numeric_date(&self, i: usize, conn: Conn) -> Option<(usize, NaiveDate, bool)> {
        let (a, ad) = self.num(i)?;
        let sep = match self.tok(i + 1)?.kind {
            TokKind::Punct(c @ ('-' | '/' | '.')) if self.glued(i + 1) && self.glued(i + 2) => c,
            _ => return None,
        };
        let (b, bd) = self.num(i + 2)?;
        let third =
            if self.punct(i + 3, sep) && self.glued(i + 3) && self.glued(i + 4) { self.num(i + 4) } else { None };
        if ad == 4 {
            let (c, cd) = third?;
            if bd > 2 || cd > 2 {
                return None;
            }
            let d = NaiveDate::from_ymd_opt(a as i32, u32::try_from(b).ok()?, u32::try_from(c).ok()?)?;
            return Some((i + 5, d, false));
        }
        if ad > 2 || bd > 2 {
            return None;
        }
        let (month, day) = (u32::try_from(a).ok()?, u32::try_from(b).ok()?);
        match third {
            Some((y, 4)) => Some((i + 5, NaiveDate::from_ymd_opt(y as i32, month, day)?, false)),
            Some((y, 2)) if sep == '/' => Some((i + 5, NaiveDate::from_ymd_opt(two_digit_year(y), month, day)?, false)),
            Some(_) => None,
            None if sep == '/' && conn.any => Some((i + 3, self.next_month_day(month, day)?, false)),
            None => None,
        }
    }

    /// `2025-03-31T14:30:00`, with `Z` or an offset, or in the user's zone.
    fn iso_datetime(&self, i: usize) -> Option<(usize, DateTime<Utc>)> {
        let (y, 4) = self.num(i)? else { return None };
        if !(self.punct(i + 1, '-') && self.punct(i + 3, '-') && (1..=4).all(|k| self.glued(i + k))) {
            return None;
        }
        let (Some((m, 2)), Some((d, 2))) = (self.num(i + 2), self.num(i + 4)) else {
            return None;
        };
        let date = NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?;
        let t = self.tok(i + 5)?;
        if !(t.kind == TokKind::Word
            && self.text[t.start..t.end].eq_ignore_ascii_case("t")
            && self.glued(i + 5)
            && self.glued(i + 6))
        {
            return None;
        }
        let raw = self.raw_clock(i + 6)?;
        if !raw.colon || raw.pm.is_some() || raw.h > 23 || raw.m > 59 || raw.s > 59 {
            return None;
        }
        let local = date.and_time(NaiveTime::from_hms_opt(raw.h, raw.m, raw.s)?);
        let z = self.tok(raw.end);
        if z.is_some_and(|z| z.kind == TokKind::Word && self.text[z.start..z.end].eq_ignore_ascii_case("z"))
            && self.glued(raw.end)
        {
            return Some((raw.end + 1, local.and_utc()));
        }
        if self.glued(raw.end) {
            if let Some((off, end)) = self.offset(raw.end, true) {
                return Some((end, Zone::Fixed(off).instant(local)?));
            }
        }
        Some((raw.end, Zone::Tz(self.tz).instant(local)?))
    }

    // ---- times ----

    fn part_of_day(&self, i: usize) -> Option<(usize, Clock)> {
        let mut j = i;
        let this = self.kw(j, Kw::This);
        if this {
            j += 1;
        }
        if self.kw(j, Kw::The) {
            j += 1;
        }
        let p = self.find(j, |w| match w {
            Word::PartOfDay(p) => Some(*p),
            _ => None,
        })?;
        Some((j + 1, part_clock(p, this)))
    }

    /// "evenings", "in the morning", "mornings": the part of the day a quota is planned in.
    fn day_parts(&self, i: usize) -> Option<(usize, Clock)> {
        let mut j = i;
        if self.kw(j, Kw::In) {
            j += 1;
        }
        if self.kw(j, Kw::The) {
            j += 1;
        }
        let p = self.find(j, |w| match w {
            Word::PartOfDay(p) | Word::PartsOfDay(p) => Some(*p),
            _ => None,
        })?;
        let clock = part_clock(p, false);
        matches!(clock.kind, ClockKind::Part { part: Some(_), .. }).then_some((j + 1, clock))
    }

    fn meridiem(&self, i: usize) -> Option<bool> {
        if self.kw(i, Kw::Am) {
            Some(false)
        } else if self.kw(i, Kw::Pm) {
            Some(true)
        } else {
            None
        }
    }

    fn raw_clock(&self, i: usize) -> Option<RawClock> {
        let t = self.tok(i)?;
        let (h, digits) = self.num(i)?;
        if digits > 2 {
            return None;
        }
        let leading_zero = digits == 2 && self.text.as_bytes().get(t.start) == Some(&b'0');
        let mut raw =
            RawClock { h: h as u32, m: 0, s: 0, colon: false, dot: false, leading_zero, pm: None, end: i + 1 };
        let j = i + 1;
        let sep_colon = self.punct(j, ':');
        if (sep_colon || self.punct(j, '.')) && self.glued(j) && self.glued(j + 1) {
            if let Some((m, 2)) = self.num(j + 1) {
                raw.m = m as u32;
                raw.colon = sep_colon;
                raw.dot = !sep_colon;
                raw.end = j + 2;
                // Seconds ("11:00:09"), and their fraction, dropped.
                if sep_colon && self.punct(raw.end, ':') && self.glued(raw.end) && self.glued(raw.end + 1) {
                    if let Some((sec, 2)) = self.num(raw.end + 1) {
                        raw.s = sec as u32;
                        raw.end += 2;
                        if self.punct(raw.end, '.')
                            && self.glued(raw.end)
                            && self.glued(raw.end + 1)
                            && self.num(raw.end + 1).is_some()
                        {
                            raw.end += 2;
                        }
                    }
                }
            }
        }
        if let Some(pm) = self.meridiem(raw.end) {
            raw.pm = Some(pm);
            raw.end += 1;
        }
        Some(raw)
    }

    /// The hour and minute of a raw clock; `pm` overrides its own am/pm.
    fn settle(raw: RawClock, pm: Option<bool>) -> Option<Clock> {
        if raw.m >= 60 || raw.s >= 60 {
            return None;
        }
        let at = |hour, bare| Clock { hour, minute: raw.m, second: raw.s, bare, kind: ClockKind::At, zone: None };
        match pm.or(raw.pm) {
            Some(pm) => {
                if !(1..=12).contains(&raw.h) || raw.leading_zero && raw.pm.is_none() {
                    return None;
                }
                Some(at(raw.h % 12 + if pm { 12 } else { 0 }, None))
            }
            None if raw.h > 23 => None,
            None if !raw.leading_zero && (1..=12).contains(&raw.h) => Some(at(bare_rule(raw.h), Some(raw.h))),
            None => Some(at(raw.h, None)),
        }
    }

    /// A UTC offset at `k`: `+2`, `-05:30`, `+0900`; the sign glued to what is before it
    /// when `glued_sign`.
    fn offset(&self, k: usize, glued_sign: bool) -> Option<(FixedOffset, usize)> {
        let sign = if self.punct(k, '+') {
            1
        } else if self.punct(k, '-') {
            -1
        } else {
            return None;
        };
        if (glued_sign && !self.glued(k)) || !self.glued(k + 1) {
            return None;
        }
        let (h, hd) = self.num(k + 1)?;
        let (hours, mut minutes, mut end) = match hd {
            1 | 2 => (h, 0, k + 2),
            4 => (h / 100, h % 100, k + 2),
            _ => return None,
        };
        if hd <= 2 && self.punct(end, ':') && self.glued(end) && self.glued(end + 1) {
            if let Some((m, 2)) = self.num(end + 1) {
                minutes = m;
                end += 2;
            }
        }
        if hours > 14 || minutes > 59 {
            return None;
        }
        let secs = i32::try_from(hours * 3600 + minutes * 60).ok()?;
        FixedOffset::east_opt(sign * secs).map(|o| (o, end))
    }

    /// "EST", "GMT+2", "UTC -05:00", "(gmt-2:30)" after a time; a bare glued "+14" only
    /// after a time with minutes ("23.00+14").
    fn zone(&self, j: usize, with_minutes: bool) -> Option<(Zone, usize)> {
        let paren = self.punct(j, '(');
        let k = if paren { j + 1 } else { j };
        let word = self.find(k, |w| match w {
            Word::Zone(z) => Some(*z),
            _ => None,
        });
        let (zone, end) = match word {
            Some(word) => {
                let base = Zone::from_word(word)?;
                match self.offset(k + 1, false).filter(|_| word == crate::lang::ZoneWord::Fixed(0)) {
                    Some((off, end)) => (Zone::Fixed(off), end),
                    None => (base, k + 1),
                }
            }
            None if !paren && with_minutes && self.punct(j, '+') => {
                let (off, end) = self.offset(j, true)?;
                (Zone::Fixed(off), end)
            }
            None => return None,
        };
        match (paren, self.punct(end, ')')) {
            (false, _) => Some((zone, end)),
            (true, true) => Some((zone, end + 1)),
            (true, false) => None,
        }
    }

    /// "at night", "in the morning", "tonight" follows: a bare hour there is a time ("11 at
    /// night", "11 tonight").
    fn part_follows(&self, j: usize) -> bool {
        self.part_of_day(j).is_some()
            || ((self.kw(j, Kw::At) || self.kw(j, Kw::In)) && self.part_of_day(j + 1).is_some())
    }

    fn time(&self, i: usize, conn: Conn) -> Option<(usize, Clock)> {
        if let Some(found) = self.part_of_day(i) {
            return Some(found);
        }
        let raw = self.raw_clock(i)?;
        let mut end = raw.end;
        let oclock = !raw.colon && !raw.dot && self.kw(end, Kw::OClock);
        if oclock {
            end += 1;
        }
        let zone = self.zone(end, raw.colon || raw.dot);
        let stated = raw.pm.is_some()
            || raw.colon
            || oclock
            || (zone.is_some() && !raw.dot)
            || conn.hour
            || self.part_follows(end);
        if !stated {
            return None;
        }
        let mut clock = Self::settle(raw, None)?;
        if let Some((z, e)) = zone {
            clock.zone = Some(z);
            end = e;
        }
        Some((end, clock))
    }

    /// "10-11am", "1pm to 4pm", "9:00-10:30", "from 9 to 5", "between 3 and 4pm".
    fn range(&self, i: usize, conn: Conn) -> Option<(usize, Clock, u32)> {
        let (j, prefixed, between) = if self.kw(i, Kw::From) {
            (i + 1, true, false)
        } else if self.kw(i, Kw::Between) {
            (i + 1, true, true)
        } else {
            (i, false, false)
        };
        let a = self.raw_clock(j)?;
        let sep = a.end;
        let is_sep = matches!(self.tok(sep)?.kind, TokKind::Punct('-' | '–' | '—'))
            || self.kw(sep, Kw::To)
            || self.kw(sep, Kw::Until)
            || (between && self.kw(sep, Kw::And));
        if !is_sep {
            return None;
        }
        let b = self.raw_clock(sep + 1)?;
        if (a.dot && a.pm.is_none()) || (b.dot && b.pm.is_none()) {
            return None;
        }
        if !(prefixed || conn.hour || a.colon || b.colon || a.pm.is_some() || b.pm.is_some()) {
            return None;
        }
        let minutes = |c: Clock| c.hour * 60 + c.minute;
        let (start, end) = match (a.pm, b.pm) {
            (None, Some(pm)) if !a.leading_zero && (1..=12).contains(&a.h) => {
                let e = Self::settle(b, None)?;
                let s = Self::settle(a, Some(pm))?;
                let s = if minutes(s) > minutes(e) { Self::settle(a, Some(!pm))? } else { s };
                (s, e)
            }
            (Some(pm), None) if !b.leading_zero && (1..=12).contains(&b.h) => {
                let s = Self::settle(a, None)?;
                let e = Self::settle(b, Some(pm))?;
                let e = if minutes(e) < minutes(s) { Self::settle(b, Some(!pm))? } else { e };
                (s, e)
            }
            _ => (Self::settle(a, None)?, Self::settle(b, None)?),
        };
        let length = (i64::from(minutes(end)) - i64::from(minutes(start))).rem_euclid(1440);
        if length == 0 {
            return None;
        }
        let mut start = if a.pm.is_none() && b.pm.is_none() { start } else { Clock { bare: None, ..start } };
        let mut last = b.end;
        if let Some((z, e)) = self.zone(last, b.colon || b.dot) {
            start.zone = Some(z);
            last = e;
        }
        Some((last, start, length as u32))
    }

    // ---- recurrences ----

    /// "Monday", "Mon, Wed and Fri", "Monday-Friday": weekdays in week order.
    fn weekday_list(&self, j: usize, plural: bool) -> Option<(Vec<Weekday>, usize)> {
        let day_at = |k: usize| {
            if plural {
                self.find(k, |w| match w {
                    Word::Weekdays(d) => Some(*d),
                    _ => None,
                })
            } else {
                self.weekday(k).map(|(d, _)| d)
            }
        };
        let mut days = vec![day_at(j)?];
        let mut end = j + 1;
        while days.len() < 7 {
            let is_range =
                matches!(self.tok(end).map(|t| t.kind), Some(TokKind::Punct('-' | '–'))) || self.kw(end, Kw::To);
            if is_range {
                if let Some(to) = day_at(end + 1) {
                    let mut d = *days.last()?;
                    while d != to {
                        d = d.succ();
                        days.push(d);
                    }
                    end += 2;
                    continue;
                }
                break;
            }
            let mut k = end;
            if self.punct(k, ',') || self.punct(k, '/') || self.punct(k, '&') {
                k += 1;
            }
            if self.kw(k, Kw::And) {
                k += 1;
            }
            if k == end {
                break;
            }
            match day_at(k) {
                Some(d) => {
                    days.push(d);
                    end = k + 1;
                }
                None => break,
            }
        }
        days.sort_by_key(|d| d.num_days_from_monday());
        days.dedup();
        Some((days, end))
    }

    /// "of the month", "of every month" after a monthly rule.
    fn of_the_month(&self, j: usize) -> usize {
        if self.kw(j, Kw::Of) && (self.kw(j + 1, Kw::The) || self.kw(j + 1, Kw::Every)) && self.kw(j + 2, Kw::MonthWord)
        {
            j + 3
        } else {
            j
        }
    }

    fn recurrence(&self, i: usize) -> Option<(usize, Recurrence, Option<Clock>)> {
        let weekly = |days: Vec<Weekday>| {
            let mut rule = Recurrence::new(Freq::Weekly);
            rule.by_day = days.into_iter().map(|weekday| ByDay { nth: None, weekday }).collect();
            rule
        };
        if let Some((days, end)) = self.weekday_list(i, true) {
            return Some((end, weekly(days), None));
        }
        if !self.kw(i, Kw::Every) {
            return None;
        }
        let j = i + 1;
        // "every last Friday", "every first Monday of the month", "every 15th"
        let nth = if self.kw(j, Kw::Last) {
            Some((-1, j + 1))
        } else {
            self.day_number(j).filter(|(_, _, ordinal)| *ordinal).map(|(n, next, _)| (n as i8, next))
        };
        if let Some((n, next)) = nth {
            if let Some((weekday, _)) = self.weekday(next) {
                if n == -1 || (1..=5).contains(&n) {
                    let mut rule = Recurrence::new(Freq::Monthly);
                    rule.by_day = vec![ByDay { nth: Some(n), weekday }];
                    return Some((self.of_the_month(next + 1), rule, None));
                }
                return None;
            }
            if n > 0 {
                let mut rule = Recurrence::new(Freq::Monthly);
                rule.by_month_day = u8::try_from(n).ok();
                return Some((self.of_the_month(next), rule, None));
            }
        }
        let (interval, k) = if self.kw(j, Kw::Other) {
            (2, j + 1)
        } else {
            match self.amount(j) {
                Some(a) if a.integer && !a.article && self.unit(a.next).is_some() => {
                    if a.value < 1.0 || a.value > 1000.0 {
                        return None;
                    }
                    (a.value as u32, a.next)
                }
                _ => (1, j),
            }
        };
        let interval = NonZeroU32::new(interval)?;
        let (end, mut rule, clock) = if let Some((unit, short)) = self.unit(k) {
            if short && !self.glued(k) {
                return None;
            }
            let freq = match unit {
                Unit::Day => Freq::Daily,
                Unit::Week => Freq::Weekly,
                Unit::Month => Freq::Monthly,
                Unit::Year => Freq::Yearly,
                _ => return None,
            };
            (k + 1, Recurrence::new(freq), None)
        } else if self.kw(k, Kw::Workday) {
            (k + 1, weekly(vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]), None)
        } else if self.kw(k, Kw::Weekend) {
            (k + 1, weekly(vec![Weekday::Sat, Weekday::Sun]), None)
        } else if let Some((days, end)) = self.weekday_list(k, false) {
            (end, weekly(days), None)
        } else {
            let (end, clock) =
                self.part_of_day(k).filter(|(_, c)| matches!(c.kind, ClockKind::Part { today: false, .. }))?;
            (end, Recurrence::new(Freq::Daily), Some(clock))
        };
        rule.interval = interval;
        Some((end, rule, clock))
    }

    /// After a duration, the period it is a total for: "a week", "per day", "each week", then optionally the days and the part of the day ("on weekday evenings", "on
    /// Mondays", "in the mornings"). Read only there: "a day" alone is text ("take a day off").
    fn quota(&self, j: usize) -> Option<(usize, Recurrence, Option<Clock>)> {
        let article = self.find(j, |w| matches!(w, Word::Article).then_some(())).is_some();
        if !(article || self.kw(j, Kw::Per) || self.kw(j, Kw::Every)) {
            return None;
        }
        let freq = match self.unit(j + 1)? {
            (Unit::Day, false) => Freq::Daily,
            (Unit::Week, false) => Freq::Weekly,
            _ => return None,
        };
        let mut rule = Recurrence::new(freq);
        let mut end = j + 2;
        let mut k = end;
        if self.kw(k, Kw::On) {
            k += 1;
        }
        let days = if self.kw(k, Kw::Workday) {
            Some((vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri], k + 1))
        } else if self.kw(k, Kw::Weekend) {
            Some((vec![Weekday::Sat, Weekday::Sun], k + 1))
        } else {
            self.weekday_list(k, true).or_else(|| self.weekday_list(k, false))
        };
        if let Some((days, e)) = days {
            rule.by_day = days.into_iter().map(|weekday| ByDay { nth: None, weekday }).collect();
            end = e;
            k = e;
        }
        let mut clock = None;
        if let Some((e, c)) = self.day_parts(k) {
            clock = Some(c);
            end = e;
        }
        self.boundary_after(end).then_some((end, rule, clock))
    }

    /// "for 10 days", "10 times", "for 4 weeks".
    fn count(&self, i: usize) -> Option<(usize, u32, Option<Unit>)> {
        let for_ = self.kw(i, Kw::For);
        let j = if for_ { i + 1 } else { i };
        let a = self.amount(j)?;
        if !a.integer || a.article || a.value < 1.0 || a.value > 10_000.0 {
            return None;
        }
        if self.kw(a.next, Kw::Times) {
            return Some((a.next + 1, a.value as u32, None));
        }
        if !for_ {
            return None;
        }
        match self.unit(a.next)? {
            (u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false) => {
                Some((a.next + 1, a.value as u32, Some(u)))
            }
            _ => None,
        }
    }

    // ---- priorities, tags, words that count at the edges ----

    fn marker(&self, i: usize) -> Option<(usize, ItemKind)> {
        let t = self.tok(i)?;
        match t.kind {
            TokKind::Tag(sigil) => {
                let name = self.text.get(t.start + 1..t.end)?.to_string();
                return Some((i + 1, ItemKind::Tag(sigil, name)));
            }
            TokKind::Bang(n) if i == 0 || t.space_before => {
                if n == 1 && self.glued(i + 1) {
                    let (v, digits) = self.num(i + 1)?;
                    return Priority::from_number(v).filter(|_| digits == 1).map(|p| (i + 2, ItemKind::Priority(p)));
                }
                let p = match n {
                    1 => Priority::P3,
                    2 => Priority::P2,
                    3 => Priority::P1,
                    _ => return None,
                };
                return Some((i + 1, ItemKind::Priority(p)));
            }
            TokKind::Word => {}
            _ => return None,
        }
        if self.kw(i, Kw::PriorityLetter) && self.glued(i + 1) {
            let (v, digits) = self.num(i + 1)?;
            return Priority::from_number(v).filter(|_| digits == 1).map(|p| (i + 2, ItemKind::Priority(p)));
        }
        if self.kw(i, Kw::Priority) {
            let (v, digits) = self.num(i + 1)?;
            return Priority::from_number(v).filter(|_| digits == 1).map(|p| (i + 2, ItemKind::Priority(p)));
        }
        for (k, p) in
            [(Kw::HighPriority, Priority::P1), (Kw::MediumPriority, Priority::P2), (Kw::LowPriority, Priority::P3)]
        {
            if self.kw(i, k) {
                return Some((i + 1, ItemKind::Priority(p)));
            }
        }
        if self.kw(i, Kw::Urgent) {
            let end = if self.punct(i + 1, ':') && self.glued(i + 1) { i + 2 } else { i + 1 };
            return Some((end, ItemKind::Urgent));
        }
        self.find(i, |w| match w {
            Word::Freq(f) => Some((i + 1, ItemKind::Freq(*f))),
            _ => None,
        })
    }
}
