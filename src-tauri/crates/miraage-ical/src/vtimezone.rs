//! VTIMEZONE components generated from the IANA database, so that exported files carry the
//! definition of every zone they name (RFC 5545 §3.6.5) and open correctly in clients that do
//! not know IANA names.
//!
//! Each transition in the covered years becomes its own observance (no RRULE), which is
//! exact even for zones whose rules changed over the years.

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

struct Observance {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    daylight: bool,
    name: String,
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    (o.fix().local_minus_utc(), o.dst_offset() != Duration::zero(), o.abbreviation().unwrap_or("").to_string())
}

/// The transitions of `tz` between the start of `first_year` and the end of `last_year`.
fn observances(tz: Tz, first_year: i32, last_year: i32) -> Vec<Observance> {
    let start = NaiveDate::from_ymd_opt(first_year, 1, 1)
        .unwrap_or(NaiveDate::MIN)
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc();
    let end = NaiveDate::from_ymd_opt(last_year + 1, 1, 1)
        .unwrap_or(NaiveDate::MAX)
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc();
    let (offset, daylight, name) = offset_at(tz, start);
    let mut out = vec![Observance { at: start, from: offset, to: offset, daylight, name }];
    let step = Duration::hours(12);
    let mut t = start;
    let mut current = offset;
    while t < end {
        let next = t + step;
        let (o, _, _) = offset_at(tz, next);
        if o != current {
            // Narrow the change down to the second.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid).0 == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (to, daylight, name) = offset_at(tz, hi);
            out.push(Observance { at: hi, from: current, to, daylight, name });
            current = to;
        }
        t = next;
    }
    out
}

fn fmt_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 != 0 {
        format!("{sign}{:02}{:02}{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{sign}{:02}{:02}", s / 3600, (s / 60) % 60)
    }
}

/// The VTIMEZONE text of `tz` covering `first_year..=last_year`.
pub fn vtimezone_text(tz: Tz, first_year: i32, last_year: i32) -> String {
    let mut lines =
        vec!["BEGIN:VTIMEZONE".to_string(), format!("TZID:{}", tz.name()), format!("X-LIC-LOCATION:{}", tz.name())];
    for o in observances(tz, first_year, last_year) {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART is the local time just before the change, in the offset being left.
        let local = o.at + Duration::seconds(o.from as i64);
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", local.format("%Y%m%dT%H%M%S")));
        lines.push(format!("TZOFFSETFROM:{}", fmt_offset(o.from)));
        lines.push(format!("TZOFFSETTO:{}", fmt_offset(o.to)));
        if !o.name.is_empty() {
            lines.push(format!("TZNAME:{}", o.name));
        }
        lines.push(format!("END:{kind}"));
    }
    lines.push("END:VTIMEZONE".into());
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_has_two_transitions_a_year() {
        let text = vtimezone_text(Tz::Europe__Berlin, 2026, 2026);
        assert!(
            text.contains(
                "BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET"
            ),
            "{text}"
        );
        assert_eq!(text.matches("BEGIN:DAYLIGHT").count(), 1);
    }

    #[test]
    fn zones_without_dst_have_one_observance() {
        let text = vtimezone_text(Tz::Asia__Kolkata, 2025, 2027);
        assert_eq!(text.matches("BEGIN:STANDARD").count(), 1);
        assert!(text.contains("TZOFFSETTO:+0530"));
    }
}
