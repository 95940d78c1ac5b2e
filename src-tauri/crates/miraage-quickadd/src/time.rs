//! Calendar arithmetic and wall-clock times in zones.

use crate::lang::ZoneWord;
use chrono::{
    DateTime, Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

/// The zone a wall-clock time is read in: the user's, or one the text named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    Tz(Tz),
    Fixed(FixedOffset),
}

impl Zone {
    pub(crate) fn from_word(z: ZoneWord) -> Option<Zone> {
        match z {
            ZoneWord::Fixed(secs) => FixedOffset::east_opt(secs).map(Zone::Fixed),
            ZoneWord::Named(tz) => Some(Zone::Tz(tz)),
        }
    }

    /// The local date of `t` in this zone.
    pub(crate) fn date_of(self, t: DateTime<Utc>) -> NaiveDate {
        match self {
            Zone::Tz(tz) => t.with_timezone(&tz).date_naive(),
            Zone::Fixed(off) => t.with_timezone(&off).date_naive(),
        }
    }

    /// The instant of a wall-clock time: a time in a DST gap moves forward by the gap
    /// (RFC 5545 §3.3.5), an ambiguous one takes its first occurrence.
    pub(crate) fn instant(self, local: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            Zone::Fixed(off) => off.from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc)),
            Zone::Tz(tz) => match tz.from_local_datetime(&local) {
                LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
                LocalResult::Ambiguous(a, _) => Some(a.with_timezone(&Utc)),
                LocalResult::None => {
                    // The offset in force before the gap, applied to the wall time, lands as
                    // far after the gap's end as the time was after its start.
                    let before = (1..=48)
                        .find_map(|k| tz.from_local_datetime(&(local - Duration::minutes(15 * k))).earliest())?;
                    let offset = before.offset().fix();
                    offset.from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc))
                }
            },
        }
    }
}

trait OffsetFix {
    fn fix(&self) -> FixedOffset;
}

impl OffsetFix for chrono_tz::TzOffset {
    fn fix(&self) -> FixedOffset {
        chrono::Offset::fix(self)
    }
}

/// The wall-clock time `(hour, minute, second)` on `date` in `zone`.
pub(crate) fn at(date: NaiveDate, (hour, minute, second): (u32, u32, u32), zone: Zone) -> Option<DateTime<Utc>> {
    zone.instant(date.and_time(NaiveTime::from_hms_opt(hour, minute, second)?))
}

/// `date` plus `months` calendar months, the day clamped to the month's length.
pub(crate) fn add_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let total = i64::from(date.year()).checked_mul(12)?.checked_add(i64::from(date.month0()))?.checked_add(months)?;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    let last = days_in_month(year, month)?;
    NaiveDate::from_ymd_opt(year, month, date.day().min(last))
}

pub(crate) fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    date.checked_add_signed(Duration::try_days(days)?)
}

pub(crate) fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = add_days(first, 32)?;
    let next_first = NaiveDate::from_ymd_opt(next.year(), next.month(), 1)?;
    u32::try_from((next_first - first).num_days()).ok()
}

/// The first date with weekday `wd` on or after `from`.
pub(crate) fn weekday_on_or_after(from: NaiveDate, wd: Weekday) -> Option<NaiveDate> {
    let ahead = (7 + i64::from(wd.num_days_from_monday()) - i64::from(from.weekday().num_days_from_monday())) % 7;
    add_days(from, ahead)
}

/// The Monday of the week of `date`.
pub(crate) fn monday_of(date: NaiveDate) -> Option<NaiveDate> {
    add_days(date, -i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_in_the_spring_gap_moves_forward() {
        let ny = Zone::Tz(chrono_tz::America::New_York);
        let d = NaiveDate::from_ymd_opt(2025, 3, 9).unwrap();
        let t = at(d, (2, 30, 0), ny).unwrap();
        assert_eq!(t.to_rfc3339(), "2025-03-09T07:30:00+00:00"); // 03:30 EDT
        let fall = NaiveDate::from_ymd_opt(2025, 11, 2).unwrap();
        assert_eq!(at(fall, (1, 30, 0), ny).unwrap().to_rfc3339(), "2025-11-02T05:30:00+00:00");
        // first 01:30, EDT
    }

    #[test]
    fn months_clamp() {
        let d = NaiveDate::from_ymd_opt(2025, 1, 31).unwrap();
        assert_eq!(add_months(d, 1), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert_eq!(add_months(d, -2), NaiveDate::from_ymd_opt(2024, 11, 30));
        assert_eq!(add_months(d, i64::MAX), None);
    }
}
