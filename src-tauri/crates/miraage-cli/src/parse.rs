//! Reading the dates, durations and ranges people type.

use crate::error::{CliError, Result};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::time::{local_midnight, local_to_utc};

/// A day (`YYYY-MM-DD`, its local midnight) or an instant (RFC 3339).
pub fn day_or_instant(what: &str, s: &str, zone: Tz) -> Result<DateTime<Utc>> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(local_midnight(d, zone));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M") {
        return Ok(local_to_utc(t, zone));
    }
    Err(CliError::Usage(format!("{what}: {s:?} is not a date (YYYY-MM-DD) or an instant (RFC 3339)")))
}

/// Minutes from `90`, `90m`, `1h`, `1h30m`, `1h30`.
pub fn minutes(s: &str) -> Result<u32> {
    let bad = || CliError::Usage(format!("duration {s:?}: use minutes (90, 90m) or hours (1h, 1h30m)"));
    let t = s.trim().to_ascii_lowercase();
    let value = if let Some((h, rest)) = t.split_once('h') {
        let hours: u32 = h.trim().parse().map_err(|_| bad())?;
        let rest = rest.trim().trim_end_matches('m');
        let mins: u32 = if rest.is_empty() { 0 } else { rest.parse().map_err(|_| bad())? };
        // Absurd hours overflow: refuse them rather than wrap or panic.
        hours.checked_mul(60).and_then(|m| m.checked_add(mins)).ok_or_else(bad)?
    } else {
        t.trim_end_matches("min").trim_end_matches('m').trim().parse().map_err(|_| bad())?
    };
    if value == 0 {
        return Err(bad());
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(minutes("90").unwrap(), 90);
        assert_eq!(minutes("45m").unwrap(), 45);
        assert_eq!(minutes("1h").unwrap(), 60);
        assert_eq!(minutes("1h30m").unwrap(), 90);
        assert_eq!(minutes("2h15").unwrap(), 135);
        assert!(minutes("soon").is_err());
        assert!(minutes("0").is_err());
    }

    #[test]
    fn days_are_local_midnight() {
        let t = day_or_instant("from", "2026-11-23", Tz::Europe__Berlin).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-22T23:00:00+00:00");
        assert!(day_or_instant("from", "next tuesday", Tz::UTC).is_err());
    }
}
