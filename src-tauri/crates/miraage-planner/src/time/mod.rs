//! Instants, local days and wall-clock windows in the problem's IANA zone.
//!
//! All instants are integer epoch seconds (`i64`). Blocks live on the absolute 5-minute grid
//! (`epoch % 300 == 0`), which is also the local 5-minute grid in every zone whose offset is a
//! whole number of 5 minutes.

pub mod windows;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::error::{PlannerError, Result};

/// Seconds in one grid step (5 minutes).
pub const GRID_S: i64 = 300;

/// Parses an RFC 3339 time with an offset into epoch seconds; `field` names it in errors.
///
/// # Errors
///
/// [`PlannerError::Invalid`] naming `field` when `value` is not RFC 3339 with an offset, or has
/// fractions of a second.
pub fn parse_time(value: &str, field: &str) -> Result<i64> {
    let dt = DateTime::parse_from_rfc3339(value)
        .or_else(|_| DateTime::parse_from_str(value, "%Y-%m-%dT%H:%M%:z"))
        .map_err(|_| PlannerError::invalid(format!("{field}: {value:?} is not an RFC 3339 time with an offset")))?;
    if dt.timestamp_subsec_nanos() != 0 {
        return Err(PlannerError::invalid(format!("{field}: {value:?} has fractions of a second")));
    }
    Ok(dt.timestamp())
}

/// Formats an instant as RFC 3339 in the zone (e.g. `2026-11-23T09:00:00+01:00`).
pub fn format_time(tz: Tz, epoch: i64) -> String {
    match tz.timestamp_opt(epoch, 0) {
        chrono::LocalResult::Single(dt) => dt.fixed_offset().to_rfc3339(),
        // Unreachable for in-range instants; fall back to UTC rather than panic.
        _ => chrono::Utc
            .timestamp_opt(epoch, 0)
            .single()
            .map(|d| d.fixed_offset().to_rfc3339())
            .unwrap_or_else(|| epoch.to_string()),
    }
}

/// The local date on which an instant falls.
pub fn local_date(tz: Tz, epoch: i64) -> NaiveDate {
    match tz.timestamp_opt(epoch, 0) {
        chrono::LocalResult::Single(dt) => dt.date_naive(),
        _ => DateTime::from_timestamp(epoch, 0).map(|d| d.date_naive()).unwrap_or_default(),
    }
}

fn offset_at(tz: Tz, epoch: i64) -> i64 {
    match tz.timestamp_opt(epoch, 0) {
        chrono::LocalResult::Single(dt) => i64::from(dt.offset().fix().local_minus_utc()),
        _ => 0,
    }
}

fn local_naive(tz: Tz, epoch: i64) -> NaiveDateTime {
    match tz.timestamp_opt(epoch, 0) {
        chrono::LocalResult::Single(dt) => dt.naive_local(),
        _ => DateTime::from_timestamp(epoch, 0).map(|d| d.naive_utc()).unwrap_or_default(),
    }
}

/// The instant at which the local clock reads `minute` minutes after midnight of `day`
/// (FORMAT.md note 3): an ambiguous wall time resolves to its first occurrence, a wall time
/// inside a spring-forward gap to the instant the gap ends. Non-decreasing in wall time.
pub fn wall_to_epoch(tz: Tz, day: NaiveDate, minute: u32) -> i64 {
    let naive = day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minute));
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(dt) => dt.timestamp(),
        chrono::LocalResult::Ambiguous(first, _) => first.timestamp(),
        chrono::LocalResult::None => {
            // In a gap: bisect for the first instant whose wall reading passes `naive`.
            let as_utc = naive.and_utc().timestamp();
            let before = as_utc - offset_at(tz, as_utc - 86_400);
            let after = as_utc - offset_at(tz, as_utc + 86_400);
            let (mut lo, mut hi) = (before.min(after), before.max(after));
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if local_naive(tz, mid) > naive {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            hi
        }
    }
}

/// Local midnights of the zone, precomputed over a span of days, to map instants to days.
#[derive(Debug, Clone)]
pub struct Days {
    first: NaiveDate,
    /// `starts[k]` is local midnight of `first + k`; one extra entry closes the last day.
    starts: Vec<i64>,
}

impl Days {
    /// Days covering `[from, to]`, padded by one day on each side.
    pub fn covering(tz: Tz, from: i64, to: i64) -> Days {
        let first = local_date(tz, from) - Duration::days(1);
        let last = local_date(tz, to) + Duration::days(2);
        let mut starts = Vec::new();
        let mut d = first;
        while d <= last {
            starts.push(wall_to_epoch(tz, d, 0));
            d += Duration::days(1);
        }
        Days { first, starts }
    }

    /// Index of the local day containing the instant (clamped to the covered span).
    pub fn index_of(&self, epoch: i64) -> usize {
        self.starts.partition_point(|&s| s <= epoch).saturating_sub(1)
    }

    pub fn date(&self, index: usize) -> NaiveDate {
        self.first + Duration::days(index as i64)
    }

    pub fn start(&self, index: usize) -> i64 {
        self.starts[index.min(self.starts.len() - 1)]
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Splits `[start, end)` at local midnights: `(day index, piece start, piece end)`.
    pub fn pieces(&self, start: i64, end: i64) -> Vec<(usize, i64, i64)> {
        let mut out = Vec::new();
        let mut s = start;
        let mut k = self.index_of(start);
        while s < end {
            let next = if k + 1 < self.starts.len() { self.starts[k + 1] } else { i64::MAX };
            let e = end.min(next);
            out.push((k, s, e));
            s = e;
            k += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn spring_forward_gap_resolves_to_gap_end() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let day = d("2027-03-28");
        let one = wall_to_epoch(tz, day, 60);
        let four = wall_to_epoch(tz, day, 240);
        assert_eq!(four - one, 2 * 3600, "01:00-04:00 lasts 2 h on the spring day");
        assert_eq!(wall_to_epoch(tz, day, 135), wall_to_epoch(tz, day, 165), "02:15 and 02:45 are both the gap end");
        assert_eq!(wall_to_epoch(tz, day, 135), wall_to_epoch(tz, day, 180));
    }

    #[test]
    fn fall_back_ambiguous_takes_first_occurrence() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let day = d("2027-10-31");
        assert_eq!(wall_to_epoch(tz, day, 240) - wall_to_epoch(tz, day, 60), 4 * 3600);
        assert_eq!(wall_to_epoch(tz, day, 150) - wall_to_epoch(tz, day, 60), 90 * 60);
    }

    #[test]
    fn days_split_blocks_at_local_midnight() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let start = parse_time("2026-11-28T23:00:00+01:00", "t").unwrap();
        let end = parse_time("2026-11-29T01:00:00+01:00", "t").unwrap();
        let days = Days::covering(tz, start, end);
        let p = days.pieces(start, end);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].2 - p[0].1, 3600);
        assert_eq!(days.date(p[1].0), d("2026-11-29"));
    }

    #[test]
    fn parse_refuses_fractions_and_missing_offsets() {
        assert!(parse_time("2026-11-23T09:00:00.5+01:00", "now").is_err());
        assert!(parse_time("2026-11-23T09:00:00", "now").unwrap_err().to_string().contains("now"));
        assert_eq!(
            parse_time("2026-11-23T09:00:00+01:00", "x").unwrap(),
            parse_time("2026-11-23T08:00:00Z", "x").unwrap()
        );
    }
}
