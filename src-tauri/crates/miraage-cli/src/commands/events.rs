use super::{print_json, Context};
use crate::args::EventsArgs;
use crate::error::Result;
use crate::parse::day_or_instant;
use chrono::{DateTime, NaiveDate};
use miraage_domain::OccurrenceView;
use serde::Serialize;

/// The documented JSON shape of `events --json`.
#[derive(Serialize)]
struct OccurrenceJson<'a> {
    uid: &'a str,
    recurrence_id: Option<&'a str>,
    start: &'a str,
    end: &'a str,
    all_day: bool,
    summary: &'a str,
    calendar: &'a str,
    location: Option<&'a str>,
}

pub fn run(ctx: &Context, args: EventsArgs) -> Result<()> {
    let (from, to) = (day_or_instant("--from", &args.from, ctx.zone)?, day_or_instant("--to", &args.to, ctx.zone)?);
    let occurrences = miraage_services::events::occurrences(&ctx.open_store()?, ctx.zone, from, to)?;
    if args.json {
        let rows: Vec<_> = occurrences
            .iter()
            .map(|o| OccurrenceJson {
                uid: &o.uid,
                recurrence_id: o.recurrence_id.as_deref(),
                start: &o.start,
                end: &o.end,
                all_day: o.all_day,
                summary: &o.summary,
                calendar: &o.calendar,
                location: o.location.as_deref(),
            })
            .collect();
        return print_json(&rows);
    }
    if occurrences.is_empty() {
        println!("No events.");
    }
    for o in &occurrences {
        println!("{}  {}  [{}]", when(o, ctx.zone), o.summary, o.calendar);
    }
    Ok(())
}

fn when(o: &OccurrenceView, zone: chrono_tz::Tz) -> String {
    if o.all_day {
        let start = NaiveDate::parse_from_str(&o.start, "%Y-%m-%d").map(|d| d.format("%a %Y-%m-%d").to_string());
        return format!("{}  all day    ", start.unwrap_or_else(|_| o.start.clone()));
    }
    let local = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&zone));
    match (local(&o.start), local(&o.end)) {
        (Ok(s), Ok(e)) => format!("{}  {}–{}", s.format("%a %Y-%m-%d"), s.format("%H:%M"), e.format("%H:%M")),
        _ => format!("{} – {}", o.start, o.end),
    }
}
