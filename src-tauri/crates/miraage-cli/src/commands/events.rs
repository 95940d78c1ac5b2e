use super::{print_json, Context};
use crate::args::{EventAddArgs, EventEditArgs, EventTargetArgs, EventsArgs, EventsCommand, ScopeArg};
use crate::display::clean;
use crate::error::{CliError, Result};
use crate::parse::day_or_instant;
use chrono::{DateTime, NaiveDate};
use miraage_domain::EventTime;
use miraage_domain::OccurrenceView;
use miraage_quickadd::When;
use miraage_services::events::times::{local_instant, TimeInput};
use miraage_services::events::{EventChanges, EventInput, EventTarget, Scope};
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
    match args.command {
        Some(EventsCommand::Add(add)) => return self::add(ctx, add),
        Some(EventsCommand::Edit(e)) => return edit(ctx, e),
        Some(EventsCommand::Delete(t)) => return delete(ctx, t),
        None => {}
    }
    let (Some(from), Some(to)) = (&args.from, &args.to) else {
        return Err(CliError::Usage("events: give --from and --to (or use `events add`)".into()));
    };
    let (from, to) = (day_or_instant("--from", from, ctx.zone)?, day_or_instant("--to", to, ctx.zone)?);
    let (occurrences, cuts) =
        miraage_services::events::occurrences_noting_cuts(&ctx.open_store()?, ctx.zone, from, to)?;
    for cut in &cuts {
        eprintln!("note: {cut}");
    }
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
        println!("{}  {}  [{}]", when(o, ctx.zone), clean(&o.summary), clean(&o.calendar));
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

/// A start or end as typed: a date (all day) or an instant.
enum Point {
    Day(NaiveDate),
    At(DateTime<chrono::Utc>),
}

/// A date, an instant, or a local time in `zone` (refused where a DST change skips it).
fn point(what: &'static str, s: &str, zone: chrono_tz::Tz) -> Result<Point> {
    Ok(match TimeInput::parse(what, s)? {
        TimeInput::Date(d) => Point::Day(d),
        TimeInput::Instant(t) => Point::At(t),
        TimeInput::Local(t) => Point::At(local_instant(t, zone)?),
    })
}

/// `events add TITLE [--start T] [--end T] [--calendar NAME] [--rrule RULE] [--json]`.
fn add(ctx: &Context, args: EventAddArgs) -> Result<()> {
    let now = miraage_services::clock::now();
    let parsed = (!args.literal).then(|| miraage_quickadd::parse(&args.title, now, ctx.zone));
    let title = parsed.as_ref().map_or(args.title.clone(), |p| p.title.clone());
    if title.trim().is_empty() {
        return Err(CliError::Usage(format!(
            "{:?} has no title besides its date or duration; add one, or pass --literal",
            args.title
        )));
    }
    let start = match &args.start {
        Some(s) => Some(point("--start", s, ctx.zone)?),
        None => parsed.as_ref().and_then(|p| p.start.as_ref()).map(|w| match w {
            When::Date(d) => Point::Day(*d),
            When::At(t) => Point::At(t.with_timezone(&chrono::Utc)),
        }),
    };
    let Some(start) = start else {
        return Err(CliError::Usage(
            "events add: say when (--start, or a time in the title such as \"tomorrow 5pm\")".into(),
        ));
    };
    let minutes = parsed.as_ref().and_then(|p| p.duration_min).map_or(60, |d| i64::from(d.get()));
    let end = args.end.as_deref().map(|e| point("--end", e, ctx.zone)).transpose()?;
    let time = match (start, end) {
        (Point::Day(s), None) => EventTime::all_day(s, s.succ_opt().unwrap_or(s))?,
        (Point::Day(s), Some(Point::Day(e))) => EventTime::all_day(s, e)?,
        (Point::At(s), None) => EventTime::timed(s, s + chrono::Duration::minutes(minutes), ctx.zone)?,
        (Point::At(s), Some(Point::At(e))) => EventTime::timed(s, e, ctx.zone)?,
        _ => {
            return Err(CliError::Usage(
                "events add: --start and --end must both be dates (all day) or both times".into(),
            ))
        }
    };
    let rrule = args.rrule.or_else(|| parsed.as_ref().and_then(|p| p.rrule.as_ref()).map(ToString::to_string));
    let event = miraage_services::events::create(
        &mut ctx.open_store()?,
        EventInput { title, time, calendar: args.calendar, rrule },
    )?;
    if args.json {
        let (start, end) = event.time.instants_in(ctx.zone);
        return print_json(&serde_json::json!({
            "uid": event.uid,
            "id": event.id.as_str(),
            "title": event.summary,
            "start": miraage_domain::time::format_instant(start),
            "end": miraage_domain::time::format_instant(end),
            "all_day": matches!(event.time, EventTime::AllDay { .. }),
            "calendar_id": event.calendar_id.as_str(),
            "rrule": event.recurrence().and_then(|r| r.rules.first().cloned()),
        }));
    }
    println!("Added: {} ({})", clean(&event.summary), clean(&event.uid));
    Ok(())
}

fn target(args: EventTargetArgs) -> EventTarget {
    EventTarget {
        uid: args.uid,
        occurrence: args.occurrence,
        scope: args.scope.map(|s| match s {
            ScopeArg::This => Scope::This,
            ScopeArg::Following => Scope::Following,
            ScopeArg::All => Scope::All,
        }),
        calendar_id: None,
    }
}

/// `events edit UID [--occurrence RID] [--scope this|following|all] [--title …] …`.
fn edit(ctx: &Context, args: EventEditArgs) -> Result<()> {
    let changes = EventChanges {
        title: args.title,
        start: args.start,
        end: args.end,
        calendar: args.calendar,
        location: args.location,
        description: args.description,
        rrule: args.rrule,
        ..EventChanges::default()
    };
    let update = miraage_services::events::EventUpdate { target: target(args.target), changes };
    let details = miraage_services::events::update_event(&mut ctx.open_store()?, ctx.zone, update)?;
    if args.json {
        return print_json(&details);
    }
    println!("Changed: {}", clean(&details.title));
    Ok(())
}

/// `events delete UID [--occurrence RID] [--scope this|following|all]`.
fn delete(ctx: &Context, args: EventTargetArgs) -> Result<()> {
    let applied = miraage_services::events::delete(&mut ctx.open_store()?, &target(args))?;
    let title = applied.before.first().map(|e| e.summary.as_str()).unwrap_or_default();
    println!("Deleted: {}", clean(title));
    Ok(())
}
