//! Graph's `patternedRecurrence` ↔ RRULE. Graph has six pattern types; each maps to one
//! RRULE shape, and only those shapes can be written back.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use miraage_domain::time::local_to_utc;
use serde_json::{json, Value};

const DAYS: [(&str, &str); 7] = [
    ("sunday", "SU"),
    ("monday", "MO"),
    ("tuesday", "TU"),
    ("wednesday", "WE"),
    ("thursday", "TH"),
    ("friday", "FR"),
    ("saturday", "SA"),
];
const INDEX: [(&str, i8); 5] = [("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("last", -1)];

fn day_code(name: &str) -> Option<&'static str> {
    DAYS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, c)| *c)
}

fn day_name(code: &str) -> Option<&'static str> {
    DAYS.iter().find(|(_, c)| c.eq_ignore_ascii_case(code)).map(|(n, _)| *n)
}

/// The RRULE of a Graph recurrence. `zone` is the series' zone (an `endDate` range ends at
/// the end of that day there); `all_day` series get a date UNTIL.
///
/// # Errors
///
/// A short reason when the pattern or range is missing a field or of a type Miraage does not read.
pub fn to_rrule(rec: &Value, zone: Tz, all_day: bool) -> Result<String, String> {
    let p = &rec["pattern"];
    let r = &rec["range"];
    let interval = p["interval"].as_u64().unwrap_or(1).max(1);
    let days = || -> Result<String, String> {
        let list = p["daysOfWeek"].as_array().ok_or("pattern without daysOfWeek")?;
        let codes: Option<Vec<&str>> = list.iter().map(|d| d.as_str().and_then(day_code)).collect();
        Ok(codes.ok_or("unknown day of week")?.join(","))
    };
    let index = || INDEX.iter().find(|(n, _)| Some(*n) == p["index"].as_str()).map(|(_, i)| *i).unwrap_or(1);
    let mut rule = match p["type"].as_str() {
        Some("daily") => format!("FREQ=DAILY;INTERVAL={interval}"),
        Some("weekly") => {
            let wkst = p["firstDayOfWeek"].as_str().and_then(day_code).unwrap_or("SU");
            format!("FREQ=WEEKLY;INTERVAL={interval};BYDAY={};WKST={wkst}", days()?)
        }
        Some("absoluteMonthly") => {
            format!("FREQ=MONTHLY;INTERVAL={interval};BYMONTHDAY={}", p["dayOfMonth"].as_u64().ok_or("no dayOfMonth")?)
        }
        Some("relativeMonthly") => format!("FREQ=MONTHLY;INTERVAL={interval};BYDAY={};BYSETPOS={}", days()?, index()),
        Some("absoluteYearly") => format!(
            "FREQ=YEARLY;INTERVAL={interval};BYMONTH={};BYMONTHDAY={}",
            p["month"].as_u64().ok_or("no month")?,
            p["dayOfMonth"].as_u64().ok_or("no dayOfMonth")?
        ),
        Some("relativeYearly") => {
            format!(
                "FREQ=YEARLY;INTERVAL={interval};BYMONTH={};BYDAY={};BYSETPOS={}",
                p["month"].as_u64().ok_or("no month")?,
                days()?,
                index()
            )
        }
        other => return Err(format!("unknown recurrence pattern {other:?}")),
    };
    match r["type"].as_str() {
        Some("numbered") => rule.push_str(&format!(
            ";COUNT={}",
            r["numberOfOccurrences"].as_u64().ok_or("numbered range without a count")?
        )),
        Some("endDate") => {
            let end = r["endDate"]
                .as_str()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .ok_or("endDate range without a date")?;
            if all_day {
                rule.push_str(&format!(";UNTIL={}", end.format("%Y%m%d")));
            } else {
                let last = local_to_utc(end.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("valid")), zone);
                rule.push_str(&format!(";UNTIL={}", last.format("%Y%m%dT%H%M%SZ")));
            }
        }
        _ => {}
    }
    Ok(rule)
}

/// The Graph recurrence of an RRULE of one of the six shapes; `start` is the series' first
/// local date (Graph's range needs it).
///
/// # Errors
///
/// A short reason when the rule is not one of the six shapes Graph can hold.
pub fn from_rrule(rule: &str, start: NaiveDate, zone: Tz) -> Result<Value, String> {
    let parts: std::collections::HashMap<String, String> = rule
        .split(';')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_ascii_uppercase(), v.to_string()))
        .collect();
    let interval: u32 = parts.get("INTERVAL").map_or(Ok(1), |i| i.parse()).map_err(|_| "invalid INTERVAL")?;
    let days = |s: &str| -> Result<Vec<&'static str>, String> {
        s.split(',').map(|d| day_name(d).ok_or(format!("BYDAY {d:?} is not a plain weekday"))).collect()
    };
    let num = |k: &str| parts.get(k).map(|v| v.parse::<i64>().map_err(|_| format!("invalid {k}"))).transpose();
    let index_name = |pos: i64| {
        INDEX
            .iter()
            .find(|(_, i)| i64::from(*i) == pos)
            .map(|(n, _)| *n)
            .ok_or(format!("BYSETPOS={pos} has no Graph index"))
    };
    let pattern = match (parts.get("FREQ").map(String::as_str), parts.get("BYDAY"), num("BYSETPOS")?) {
        (Some("DAILY"), None, None) => json!({"type": "daily", "interval": interval}),
        (Some("WEEKLY"), Some(d), None) => json!({"type": "weekly", "interval": interval, "daysOfWeek": days(d)?,
            "firstDayOfWeek": parts.get("WKST").and_then(|w| day_name(w)).unwrap_or("sunday")}),
        (Some("MONTHLY"), None, None) => {
            json!({"type": "absoluteMonthly", "interval": interval, "dayOfMonth": num("BYMONTHDAY")?.ok_or("MONTHLY without BYMONTHDAY")?})
        }
        (Some("MONTHLY"), Some(d), Some(pos)) => {
            json!({"type": "relativeMonthly", "interval": interval, "daysOfWeek": days(d)?, "index": index_name(pos)?})
        }
        (Some("YEARLY"), None, None) => json!({"type": "absoluteYearly", "interval": interval,
            "month": num("BYMONTH")?.ok_or("YEARLY without BYMONTH")?, "dayOfMonth": num("BYMONTHDAY")?.ok_or("YEARLY without BYMONTHDAY")?}),
        (Some("YEARLY"), Some(d), Some(pos)) => json!({"type": "relativeYearly", "interval": interval,
            "month": num("BYMONTH")?.ok_or("YEARLY without BYMONTH")?, "daysOfWeek": days(d)?, "index": index_name(pos)?}),
        _ => return Err(format!("the rule {rule:?} has no Graph equivalent")),
    };
    let start_date = start.format("%Y-%m-%d").to_string();
    let range = if let Some(count) = num("COUNT")? {
        json!({"type": "numbered", "startDate": start_date, "numberOfOccurrences": count, "recurrenceTimeZone": zone.name()})
    } else if let Some(until) = parts.get("UNTIL") {
        let date = NaiveDate::parse_from_str(&until[..until.len().min(8)], "%Y%m%d").map_err(|_| "invalid UNTIL")?;
        let date = if until.len() > 8 {
            // A UTC UNTIL: the local date it falls on.
            let t = chrono::NaiveDateTime::parse_from_str(until.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                .map_err(|_| "invalid UNTIL")?;
            t.and_utc().with_timezone(&zone).date_naive()
        } else {
            date
        };
        json!({"type": "endDate", "startDate": start_date, "endDate": date.format("%Y-%m-%d").to_string(), "recurrenceTimeZone": zone.name()})
    } else {
        json!({"type": "noEnd", "startDate": start_date, "recurrenceTimeZone": zone.name()})
    };
    Ok(json!({"pattern": pattern, "range": range}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_map_to_rules_and_back() {
        let berlin = Tz::Europe__Berlin;
        let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        for rule in [
            "FREQ=DAILY;INTERVAL=2;COUNT=10",
            "FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,WE,FR;WKST=MO",
            "FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15",
            "FREQ=MONTHLY;INTERVAL=1;BYDAY=TH;BYSETPOS=-1",
            "FREQ=YEARLY;INTERVAL=1;BYMONTH=11;BYMONTHDAY=23",
            "FREQ=YEARLY;INTERVAL=1;BYMONTH=5;BYDAY=SU;BYSETPOS=2",
            "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=SU;UNTIL=20261231T225959Z",
        ] {
            let graph = from_rrule(rule, start, berlin).unwrap();
            assert_eq!(to_rrule(&graph, berlin, false).unwrap(), rule, "{graph}");
        }
        assert!(from_rrule("FREQ=MINUTELY", start, berlin).is_err());
        assert!(from_rrule("FREQ=MONTHLY;BYDAY=2TU", start, berlin).is_err());
    }
}
