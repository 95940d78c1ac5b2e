//! How the planner speaks to the user: tasks by title, times on the local clock, spans in
//! hours and minutes. Every sentence of a plan (reasons, notes) is built from these.

use chrono::TimeZone;

use crate::problem::Problem;
use crate::time::local_date;

/// A task as the user knows it: its title in quotes (its id only if it has no title).
pub(crate) fn title(p: &Problem, t: usize) -> String {
    let task = &p.tasks[t];
    let name = if task.title.trim().is_empty() { &task.id } else { &task.title };
    format!("“{name}”")
}

/// An event by its title, or "an event".
pub(crate) fn event(p: &Problem, i: usize) -> String {
    match p.busy.get(i).map(|b| b.title.trim()) {
        Some(name) if !name.is_empty() => format!("“{name}”"),
        _ => "an event".into(),
    }
}

/// A local time: "Thu 17:00" within the coming week, else with the date ("Thu 3 Dec 17:00",
/// and the year when it differs).
pub(crate) fn when(p: &Problem, epoch: i64) -> String {
    let Some(dt) = p.timezone.timestamp_opt(epoch, 0).single() else {
        return crate::time::format_time(p.timezone, epoch);
    };
    let today = local_date(p.timezone, p.now);
    let days = (dt.date_naive() - today).num_days();
    let fmt = if (0..7).contains(&days) {
        "%a %H:%M"
    } else if dt.date_naive().format("%Y").to_string() == today.format("%Y").to_string() {
        "%a %-d %b %H:%M"
    } else {
        "%a %-d %b %Y %H:%M"
    };
    dt.format(fmt).to_string()
}

/// A span of minutes: "40 min", "2 h", "2 h 15 min", "3 days" (from two days on).
pub(crate) fn span(min: i64) -> String {
    match (min / 60, min % 60) {
        (h, _) if h >= 48 => format!("{} days", (min + 12 * 60) / (24 * 60)),
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "two", "three", ... as a word up to ten.
pub(crate) fn count(n: u32) -> String {
    const WORDS: [&str; 11] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    WORDS.get(n as usize).map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// An hours set in a sentence: "work hours", or "time in its window" for a habit's own.
pub(crate) fn hours(name: &str) -> String {
    if name.starts_with("habit:") {
        "time in its window".into()
    } else {
        format!("{name} hours")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_like_a_calendar_and_spans_like_a_clock() {
        let p = Problem::from_json_str(
            r#"{"version": 1, "timezone": "Europe/Berlin", "now": "2026-11-23T08:00:00+01:00",
                "horizon_end": "2027-01-30T00:00:00+01:00", "tasks": [{"id": "x", "duration_min": 5, "hours": "w"}],
                "hours": {"w": {}}}"#,
        )
        .expect("problem");
        let t = |s: &str| crate::time::parse_time(s, "t").expect("time");
        assert_eq!(when(&p, t("2026-11-26T17:00:00+01:00")), "Thu 17:00");
        assert_eq!(when(&p, t("2026-12-03T09:30:00+01:00")), "Thu 3 Dec 09:30");
        assert_eq!(when(&p, t("2027-01-04T09:00:00+01:00")), "Mon 4 Jan 2027 09:00");
        assert_eq!(span(40), "40 min");
        assert_eq!(span(120), "2 h");
        assert_eq!(span(135), "2 h 15 min");
        assert_eq!(span(3 * 24 * 60 + 60), "3 days");
        assert_eq!(count(2), "two");
        assert_eq!(count(12), "12");
        assert_eq!(title(&p, 0), "“x”");
    }
}
