//! Parsing iCalendar value types: DATE, DATE-TIME, DURATION, UTC-OFFSET.

use crate::limits::MAX_DURATION_DAYS;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

/// A DATE or DATE-TIME as written, before any zone is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RawTime<'a> {
    Date(NaiveDate),
    Utc(DateTime<Utc>),
    /// Local time in the zone named by TZID, or floating when there is none.
    Local(NaiveDateTime, Option<&'a str>),
}

/// Parses a DATE (`20261123`) or DATE-TIME (`20261123T090000`, with `Z` for UTC). `is_date`
/// is the VALUE=DATE parameter; an 8-digit value is a date either way.
pub(crate) fn parse_time<'a>(value: &str, is_date: bool, tzid: Option<&'a str>) -> Result<RawTime<'a>, String> {
    let v = value.trim();
    // A bare date with a TZID (old Google exports) is read as midnight in that zone.
    if !is_date && v.len() == 8 && tzid.is_some() {
        return NaiveDate::parse_from_str(v, "%Y%m%d")
            .map(|d| RawTime::Local(d.and_time(chrono::NaiveTime::MIN), tzid))
            .map_err(|_| format!("{v:?} is not a DATE (YYYYMMDD)"));
    }
    // `20131210Z`: a date with a stray UTC marker, as Google birthday exports write it.
    if is_date || v.len() == 8 || (v.len() == 9 && v.ends_with(['Z', 'z'])) {
        return NaiveDate::parse_from_str(v.get(..8).unwrap_or(v), "%Y%m%d")
            .map(RawTime::Date)
            .map_err(|_| format!("{v:?} is not a DATE (YYYYMMDD)"));
    }
    let (body, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(b) => (b, true),
        None => (v, false),
    };
    let naive = basic_date_time(body)
        .or_else(|| NaiveDateTime::parse_from_str(body, "%Y%m%dT%H%M%S").ok())
        .or_else(|| NaiveDateTime::parse_from_str(body, "%Y%m%dT%H%M").ok())
        .ok_or_else(|| format!("{v:?} is not a DATE-TIME (YYYYMMDDTHHMMSS[Z])"))?;
    Ok(if utc { RawTime::Utc(naive.and_utc()) } else { RawTime::Local(naive, tzid) })
}

/// `YYYYMMDDTHHMMSS` read by position: nearly every time in a file has this form, and a
/// format-string parse of each was a tenth of an import's parse.
fn basic_date_time(v: &str) -> Option<NaiveDateTime> {
    let b = v.as_bytes();
    if b.len() != 15 || b[8] != b'T' || !b[..8].iter().chain(&b[9..]).all(u8::is_ascii_digit) {
        return None;
    }
    let n = |range: std::ops::Range<usize>| b[range].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    NaiveDate::from_ymd_opt(n(0..4) as i32, n(4..6), n(6..8))?.and_hms_opt(n(9..11), n(11..13), n(13..15))
}

/// Parses a DURATION (`PT1H30M`, `P1D`, `-PT15M`, `P2W`). One longer than
/// [`MAX_DURATION_DAYS`] is out of range (and so is any whose number overflows).
pub(crate) fn parse_duration(value: &str) -> Result<Duration, String> {
    let bad = || format!("{value:?} is not a DURATION (e.g. PT1H30M)");
    let out_of_range = || format!("{value:?} is out of range (longer than {MAX_DURATION_DAYS} days)");
    let v = value.trim().to_ascii_uppercase();
    let (negative, rest) = match v.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, v.strip_prefix('+').unwrap_or(&v)),
    };
    let rest = rest.strip_prefix('P').ok_or_else(bad)?;
    let mut seconds: i64 = 0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' => in_time = true,
            unit => {
                let n: i64 = match number.parse() {
                    Ok(n) => n,
                    Err(_) if !number.is_empty() => return Err(out_of_range()),
                    Err(_) => return Err(bad()),
                };
                number.clear();
                any = true;
                let unit_seconds: i64 = match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return Err(bad()),
                };
                seconds = n.checked_mul(unit_seconds).and_then(|s| s.checked_add(seconds)).ok_or_else(out_of_range)?;
            }
        }
    }
    if !any || !number.is_empty() {
        return Err(bad());
    }
    if seconds > MAX_DURATION_DAYS * 86_400 {
        return Err(out_of_range());
    }
    Ok(Duration::seconds(if negative { -seconds } else { seconds }))
}

/// Parses a UTC-OFFSET (`+0100`, `-0530`, `+013045`) into seconds east of UTC.
pub(crate) fn parse_utc_offset(value: &str) -> Option<i32> {
    let v = value.trim();
    let (sign, digits) = match v.as_bytes().first()? {
        b'+' => (1, &v[1..]),
        b'-' => (-1, &v[1..]),
        _ => return None,
    };
    if digits.len() != 4 && digits.len() != 6 {
        return None;
    }
    let h: i32 = digits.get(0..2)?.parse().ok()?;
    let m: i32 = digits.get(2..4)?.parse().ok()?;
    let s: i32 = if digits.len() == 6 { digits.get(4..6)?.parse().ok()? } else { 0 };
    Some(sign * (h * 3600 + m * 60 + s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(
            parse_time("20261123", false, None).unwrap(),
            RawTime::Date(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
        );
        assert!(matches!(parse_time("20261123T090000Z", false, None).unwrap(), RawTime::Utc(_)));
        assert!(matches!(
            parse_time("20261123T090000", false, Some("Europe/Berlin")).unwrap(),
            RawTime::Local(_, Some(_))
        ));
        assert!(parse_time("2026-11-23", false, None).is_err());
        assert!(parse_time("20261323T090000", false, None).is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT1H30M").unwrap(), Duration::minutes(90));
        assert_eq!(parse_duration("P1D").unwrap(), Duration::days(1));
        assert_eq!(parse_duration("P1W").unwrap(), Duration::weeks(1));
        assert_eq!(parse_duration("-PT15M").unwrap(), Duration::minutes(-15));
        assert_eq!(parse_duration("P1DT2H").unwrap(), Duration::hours(26));
        assert!(parse_duration("1H").is_err());
        assert!(parse_duration("PT").is_err());
        assert!(parse_duration("P1H").is_err());
        for huge in ["P999999999999999999W", "PT9999999999999H", "P99999999999999999999D", "P36601D"] {
            assert!(parse_duration(huge).unwrap_err().contains("out of range"), "{huge}");
        }
    }

    #[test]
    fn offsets() {
        assert_eq!(parse_utc_offset("+0100"), Some(3600));
        assert_eq!(parse_utc_offset("-0530"), Some(-19800));
        assert_eq!(parse_utc_offset("0100"), None);
    }
}
