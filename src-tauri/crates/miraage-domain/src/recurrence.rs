//! Recurring series: the rule set of a master event and its expansion into instances.
//!
//! Expansion runs in the event's own zone with the `rrule` crate, so a series at 09:00 in
//! Berlin stays at 09:00 local time across DST changes (and moves in UTC). All-day series are
//! expanded on plain dates. Overrides and cancellations are applied by the caller, which knows
//! which instances have an override (see `miraage-store`).

use crate::error::DomainError;
use crate::time::{local_to_utc, EventTime, RecurrenceId, TimeRange};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// The recurrence of a master event, as iCalendar states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Recurrence {
    /// RRULE values (without the `RRULE:` prefix), usually one.
    pub rules: Vec<String>,
    /// Extra instances (RDATE).
    pub rdates: Vec<RecurrenceId>,
    /// Removed instances (EXDATE).
    pub exdates: Vec<RecurrenceId>,
}

/// One instance of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instance {
    pub recurrence_id: RecurrenceId,
    pub time: EventTime,
}

/// Most instances one expansion returns; a window holding more (a secondly rule over a week)
/// is cut and says so ([`SeriesCut::TooMany`]).
pub const MAX_INSTANCES: usize = 10_000;

/// Most instances one expansion generates, counting those before the window it walks past
/// (a rule that cannot start near the window: COUNT, BYSETPOS, monthly and yearly rules). A
/// walk that needs more stops and says so ([`SeriesCut::TooMuchWork`]).
pub const MAX_STEPS: usize = 200_000;

/// Sub-daily rules start at most this far before the window when fast-forwarded: more than
/// any DST shift, so that a wall-clock step never skips an instance.
const FAST_FORWARD_MARGIN_SECONDS: i64 = 3 * 3600;

/// Why an expansion is incomplete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesCut {
    /// The window holds more than [`MAX_INSTANCES`]; the first `shown` are returned.
    TooMany { shown: usize },
    /// The walk to the window stopped after `steps` instances.
    TooMuchWork { steps: usize },
}

impl std::fmt::Display for SeriesCut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SeriesCut::TooMany { shown } => write!(f, "series too dense, showing the first {shown}"),
            SeriesCut::TooMuchWork { steps } => {
                write!(f, "series too dense, stopped after {steps} instances before reaching this time")
            }
        }
    }
}

/// The instances of one window, and whether a limit cut them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub instances: Vec<Instance>,
    pub cut: Option<SeriesCut>,
    /// Instances generated, in the window or before it: the work done.
    pub steps: usize,
}

impl Recurrence {
    /// Checks that every rule parses and fits the master's start, so that bad rules are
    /// refused when an event is stored or imported, not when a week is drawn.
    ///
    /// # Errors
    ///
    /// [`DomainError::InvalidRule`] naming the first rule that does not parse or does not fit the
    /// master's start.
    pub fn validate(&self, master: &EventTime) -> Result<(), DomainError> {
        self.rule_set(master).map(|_| ())
    }

    /// Instances of the series whose time overlaps `range` as seen from `view_zone`, in order
    /// of start. The master's own start is always the first instance (RFC 5545 §3.8.5.3).
    ///
    /// # Errors
    ///
    /// [`DomainError::InvalidRule`] when a rule does not parse or does not fit the master's start.
    ///
    /// # Errors
    /// A rule that does not parse or fit the master's start.
    pub fn expand(&self, master: &EventTime, range: &TimeRange, view_zone: Tz) -> Result<Vec<Instance>, DomainError> {
        self.expand_bounded(master, range, view_zone).map(|e| e.instances)
    }

    /// [`Recurrence::expand`] with what the limits cut: at most [`MAX_INSTANCES`] instances
    /// and [`MAX_STEPS`] of work per call, whatever the rule.
    ///
    /// # Errors
    /// A rule that does not parse or fit the master's start.
    pub fn expand_bounded(
        &self,
        master: &EventTime,
        range: &TimeRange,
        view_zone: Tz,
    ) -> Result<Expansion, DomainError> {
        let (query_from, query_to) = match *master {
            EventTime::Timed { start, end, .. } => (range.start - (end - start), range.end),
            EventTime::AllDay { start, end } => {
                // All-day instances are expanded on UTC dates: widen by the span and the
                // largest offsets, then filter exactly by local days.
                let span = end - start;
                (range.start - span - Duration::hours(14), range.end + Duration::hours(14))
            }
        };
        let set = match self.fast_forward(master, query_from) {
            Some(start) => self.rule_set_from(master, Some(start))?,
            None => self.rule_set(master)?,
        };
        let set = set.limit();
        let mut out: Vec<Instance> = Vec::new();
        let (mut steps, mut cut) = (0, None);
        for start in &set {
            let start = start.with_timezone(&Utc);
            if start > query_to {
                break;
            }
            if steps == MAX_STEPS {
                cut = Some(SeriesCut::TooMuchWork { steps });
                break;
            }
            steps += 1;
            if start < query_from {
                continue;
            }
            if out.len() == MAX_INSTANCES {
                cut = Some(SeriesCut::TooMany { shown: out.len() });
                break;
            }
            let instance = instance_at(master, start);
            // The master's start is added as an RDATE and may also come from the rule.
            if out.last().is_some_and(|last| last.recurrence_id == instance.recurrence_id) {
                continue;
            }
            if instance.time.overlaps(range, view_zone) {
                out.push(instance);
            }
        }
        Ok(Expansion { instances: out, cut, steps })
    }

    /// The end of the last instance, or `None` if the series never ends (or ends so far away
    /// that it is treated as endless). Lets storage skip finished series in range queries.
    ///
    /// # Errors
    ///
    /// [`DomainError::InvalidRule`] when a rule does not parse or does not fit the master's start.
    pub fn last_end(&self, master: &EventTime) -> Result<Option<DateTime<Utc>>, DomainError> {
        let unbounded = self.rules.iter().any(|r| {
            let upper = r.to_ascii_uppercase();
            !upper.contains("COUNT=") && !upper.contains("UNTIL=")
        });
        if unbounded {
            return Ok(None);
        }
        let result = self.rule_set(master)?.all(u16::MAX);
        if result.limited {
            return Ok(None);
        }
        let last_start = result.dates.iter().map(|d| d.with_timezone(&Utc)).max();
        Ok(last_start.map(|s| {
            let (_, end) = instance_at(master, s).time.index_bounds();
            end
        }))
    }

    fn rule_set(&self, master: &EventTime) -> Result<rrule::RRuleSet, DomainError> {
        self.rule_set_from(master, None)
    }

    /// A later start for the rule set that generates the same instances from `from` on,
    /// so that expanding a window years after DTSTART does not walk every instance since.
    /// Only for rules of a fixed period (WEEKLY down to SECONDLY) without COUNT or BYSETPOS
    /// (shifting by whole periods keeps their phase; COUNT counts from the real start), onto
    /// a wall time that exists. Daily and weekly rules keep their wall-clock phase across DST
    /// changes; sub-daily ones do not in the rrule crate (their phase moves at a DST change,
    /// and at each BYxxx filter's skip), so they are shifted only when they have no BYxxx
    /// part, in a zone whose offset stayed the same from the start to `from`; others are
    /// walked from the start within [`MAX_STEPS`].
    fn fast_forward(&self, master: &EventTime, from: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut step = 0i64;
        let mut sub_daily = None;
        for rule in &self.rules {
            let upper = rule.to_ascii_uppercase();
            let parts: Vec<&str> = upper.trim_start_matches("RRULE:").split(';').collect();
            let value = |key: &str| parts.iter().find_map(|p| p.strip_prefix(key)).map(str::to_string);
            if value("COUNT=").is_some() || value("BYSETPOS=").is_some() {
                return None;
            }
            let interval: i64 = value("INTERVAL=").map(|v| v.parse().ok()).unwrap_or(Some(1))?;
            let unit = match value("FREQ=")?.as_str() {
                "WEEKLY" => 7 * 86_400,
                "DAILY" => 86_400,
                "HOURLY" => 3_600,
                "MINUTELY" => 60,
                "SECONDLY" => 1,
                _ => return None,
            };
            if unit < 86_400 && parts.iter().any(|p| p.starts_with("BY")) {
                return None;
            }
            sub_daily = Some(sub_daily.unwrap_or(false) || unit < 86_400);
            let period = interval.checked_mul(unit).filter(|p| *p > 0)?;
            // Several rules: a common multiple of their periods keeps every one in phase.
            step = if step == 0 { period } else { lcm(step, period) };
        }
        if step == 0 {
            return None;
        }
        let (start, zone) = match *master {
            EventTime::Timed { start, zone, .. } => (start, Some(zone)),
            EventTime::AllDay { start, .. } => (date_as_utc(start), None),
        };
        let periods = ((from - start).num_seconds() - FAST_FORWARD_MARGIN_SECONDS) / step - 1;
        if periods < 2 {
            return None;
        }
        if sub_daily == Some(true) && zone.is_some_and(|z| !offset_constant(z, start, from)) {
            return None;
        }
        let shift = Duration::seconds(periods.checked_mul(step)?);
        match zone {
            None => Some(start + shift),
            Some(zone) => {
                let local = start.with_timezone(&zone).naive_local() + shift;
                match zone.from_local_datetime(&local) {
                    chrono::LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
                    chrono::LocalResult::Ambiguous(..) | chrono::LocalResult::None => None,
                }
            }
        }
    }

    /// The rule set, starting at the master's start or at a fast-forwarded `start`.
    fn rule_set_from(&self, master: &EventTime, start: Option<DateTime<Utc>>) -> Result<rrule::RRuleSet, DomainError> {
        let forwarded = start.is_some();
        let (dtstart, zone) = match *master {
            EventTime::Timed { start: s, zone, .. } => {
                (start.unwrap_or(s).with_timezone(&rrule::Tz::Tz(zone)), Some(zone))
            }
            EventTime::AllDay { start: s, .. } => {
                (start.unwrap_or_else(|| date_as_utc(s)).with_timezone(&rrule::Tz::UTC), None)
            }
        };
        let mut set = rrule::RRuleSet::new(dtstart);
        for text in &self.rules {
            // RRULE values are ASCII (RFC 5545 §3.3.10); the rrule crate slices some parts by
            // bytes and panics inside a multi-byte character.
            if !text.is_ascii() {
                return Err(DomainError::InvalidRule {
                    rule: text.clone(),
                    reason: "it holds characters that are not ASCII".into(),
                });
            }
            let normalized = normalize_until(text, zone);
            let rule: rrule::RRule<rrule::Unvalidated> = normalized.parse().map_err(|e: rrule::RRuleError| {
                DomainError::InvalidRule { rule: text.clone(), reason: e.to_string() }
            })?;
            match rule.validate(dtstart) {
                Ok(valid) => set = set.rrule(valid),
                // A rule that ends before the series starts adds nothing; the master's own
                // start remains the one instance.
                Err(rrule::RRuleError::ValidationError(rrule::ValidationError::UntilBeforeStart { .. })) => {
                    if !forwarded {
                        set = set.rdate(dtstart)
                    }
                }
                Err(e) => return Err(DomainError::InvalidRule { rule: text.clone(), reason: e.to_string() }),
            }
        }
        // DTSTART is always an instance, even when the rule does not produce it (a
        // fast-forwarded start is not: it lies before the window and is only a phase).
        if !forwarded {
            set = set.rdate(dtstart);
        }
        for rdate in &self.rdates {
            set = set.rdate(id_as_rrule_time(*rdate, master));
        }
        for exdate in &self.exdates {
            set = set.exdate(id_as_rrule_time(*exdate, master));
        }
        Ok(set)
    }
}

/// The instance of `master` that starts at `start` (an instant; for all-day series the UTC
/// midnight of the date).
fn instance_at(master: &EventTime, start: DateTime<Utc>) -> Instance {
    match *master {
        EventTime::Timed { start: s0, end: e0, zone } => Instance {
            recurrence_id: RecurrenceId::Instant(start),
            time: EventTime::Timed { start, end: start + (e0 - s0), zone },
        },
        EventTime::AllDay { start: s0, end: e0 } => {
            let date = start.date_naive();
            Instance {
                recurrence_id: RecurrenceId::Date(date),
                time: EventTime::AllDay { start: date, end: date + (e0 - s0) },
            }
        }
    }
}

/// Whether `zone` kept one UTC offset from `start` to `to` (checked in January and July of
/// every year between: no DST, no change of standard time).
fn offset_constant(zone: Tz, start: DateTime<Utc>, to: DateTime<Utc>) -> bool {
    use chrono::{Datelike, Offset};
    let offset = |t: DateTime<Utc>| t.with_timezone(&zone).offset().fix();
    let first = offset(start);
    (start.year()..=to.year()).all(|y| {
        [1, 7].iter().all(|&m| Utc.with_ymd_and_hms(y, m, 1, 0, 0, 0).single().is_none_or(|t| offset(t) == first))
    }) && offset(to) == first
}

fn lcm(a: i64, b: i64) -> i64 {
    fn gcd(a: i64, b: i64) -> i64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    a / gcd(a, b) * b
}

fn date_as_utc(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(NaiveTime::MIN).and_utc()
}

/// An RDATE or EXDATE in the form the rule set compares with: exclusions must equal generated
/// instants exactly, so dates given for a timed series mean the series' time of day that date.
fn id_as_rrule_time(id: RecurrenceId, master: &EventTime) -> DateTime<rrule::Tz> {
    let utc = match (id, *master) {
        (RecurrenceId::Instant(t), EventTime::Timed { .. }) => t,
        (RecurrenceId::Instant(t), EventTime::AllDay { .. }) => date_as_utc(t.date_naive()),
        (RecurrenceId::Date(d), EventTime::AllDay { .. }) => date_as_utc(d),
        (RecurrenceId::Date(d), EventTime::Timed { start, zone, .. }) => {
            let time_of_day = start.with_timezone(&zone).time();
            local_to_utc(d.and_time(time_of_day), zone)
        }
    };
    match master.zone() {
        Some(zone) => utc.with_timezone(&rrule::Tz::Tz(zone)),
        None => utc.with_timezone(&rrule::Tz::UTC),
    }
}

/// Rewrites UNTIL into the form the rrule crate accepts: UTC for zoned series (RFC 5545 asks
/// for it, but many files give a floating time or a bare date), and UTC midnight for all-day
/// series expanded on UTC dates. A bare date on a timed series includes that whole day, as
/// Google and Outlook read it.
fn normalize_until(rule: &str, zone: Option<Tz>) -> String {
    let parts: Vec<String> = rule
        .trim()
        .trim_start_matches("RRULE:")
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|part| {
            let Some((key, value)) = part.split_once('=') else { return part.to_string() };
            if !key.eq_ignore_ascii_case("UNTIL") {
                return part.to_string();
            }
            match normalize_until_value(value, zone) {
                Some(v) => format!("UNTIL={v}"),
                None => part.to_string(),
            }
        })
        .collect();
    parts.join(";")
}

fn normalize_until_value(value: &str, zone: Option<Tz>) -> Option<String> {
    let fmt_utc = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    if value.len() == 8 {
        let date = NaiveDate::parse_from_str(value, "%Y%m%d").ok()?;
        return Some(match zone {
            Some(zone) => {
                let end_of_day = date.and_hms_opt(23, 59, 59)?;
                fmt_utc(local_to_utc(end_of_day, zone))
            }
            None => fmt_utc(date_as_utc(date)),
        });
    }
    if let Some(utc) = value.strip_suffix('Z') {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        return Some(match zone {
            Some(_) => value.to_string(),
            None => fmt_utc(date_as_utc(t.date())),
        });
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?;
    Some(match zone {
        Some(zone) => fmt_utc(local_to_utc(local, zone)),
        None => fmt_utc(date_as_utc(local.date())),
    })
}

/// A convenience for tests and demo data: the instant of a local wall-clock time in `zone`.
pub fn at_local(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    zone.with_ymd_and_hms(y, m, d, h, min, 0).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| {
        let naive = NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, 0));
        local_to_utc(naive.expect("valid calendar date"), zone)
    })
}
