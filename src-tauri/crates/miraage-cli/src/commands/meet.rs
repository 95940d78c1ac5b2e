//! `meet find|share|holds|types|extend|book|reschedule-day|decline|people`: meetings over the same core as
//! the window's Meetings panel.

use super::{print_json, Context};
use crate::args::{
    MeetBookArgs, MeetCommand, MeetDeclineArgs, MeetExtendArgs, MeetFindArgs, MeetHoldsCommand, MeetPeopleArgs,
    MeetRange, MeetRescheduleArgs, MeetShareArgs, MeetTypesCommand,
};
use crate::display::clean;
use crate::error::{CliError, Result};
use crate::parse::day_or_instant;
use chrono_tz::Tz;
use miraage_domain::TimeRange;
use miraage_services::meetings::{self, holds, types, BookAsk, ExtendAsk, FindAsk, HoldAsk, MeetingTypeView, Slot};

pub fn run(ctx: &Context, cmd: MeetCommand) -> Result<()> {
    match cmd {
        MeetCommand::Find(args) => find(ctx, args),
        MeetCommand::Share(args) => share(ctx, args),
        MeetCommand::Holds(cmd) => holds_cmd(ctx, cmd),
        MeetCommand::Types(cmd) => types_cmd(ctx, cmd),
        MeetCommand::Extend(args) => extend(ctx, args),
        MeetCommand::Book(args) => book(ctx, args),
        MeetCommand::RescheduleDay(args) => reschedule(ctx, args),
        MeetCommand::Decline(args) => decline(ctx, args),
        MeetCommand::People(args) => people(ctx, args),
    }
}

fn people(ctx: &Context, args: MeetPeopleArgs) -> Result<()> {
    let typed = args.text.unwrap_or_default();
    let found = meetings::people::suggest(&ctx.open_store()?, &typed, args.limit)?;
    if args.json {
        return print_json(&found);
    }
    if found.is_empty() {
        match typed.trim() {
            "" => println!("No one is in your past meetings yet."),
            text => println!("No one in your past meetings matches “{}”.", clean(text)),
        }
    }
    for p in &found {
        let name = p.name.as_deref().map(|n| format!("{} · ", clean(n))).unwrap_or_default();
        let plural = if p.meetings == 1 { "" } else { "s" };
        let last = p.last.with_timezone(&ctx.zone).format("%-d %b %Y");
        println!("{name}{} · {} meeting{plural} · last {last}", clean(&p.email), p.meetings);
    }
    Ok(())
}

fn decline(ctx: &Context, args: MeetDeclineArgs) -> Result<()> {
    let mut store = ctx.open_store()?;
    let ask = meetings::DeclineAsk { uid: args.uid, occurrence: args.occurrence, calendar_id: None };
    let view = meetings::respond::decline(&mut store, &ask)?;
    if args.json {
        return print_json(&view);
    }
    println!("{}", clean(&view.message));
    Ok(())
}

fn reschedule(ctx: &Context, args: MeetRescheduleArgs) -> Result<()> {
    let day = chrono::NaiveDate::parse_from_str(args.date.trim(), "%Y-%m-%d")
        .map_err(|_| CliError::Usage(format!("{:?} is not a day: write it as YYYY-MM-DD", args.date)))?;
    let store = ctx.shared_store()?;
    let now = miraage_services::clock::now();
    let asking = meetings::gather::reschedule_asking(&store, ctx.zone, now, day, args.within, args.accept);
    let proposal = super::runtime()?.block_on(asking)?;
    if args.json {
        return print_json(&proposal);
    }
    for item in &proposal.items {
        let when = |s: &str| {
            miraage_services::events::instant("t", s)
                .map(|t| t.with_timezone(&ctx.zone).format("%a %-d %b %H:%M").to_string())
                .unwrap_or_default()
        };
        let to = item.proposed_start.as_deref().map(|p| format!(" → {}", when(p))).unwrap_or_default();
        println!("{} “{}” {}{to}: {}", item.kind, clean(&item.title), when(&item.start), clean(&item.reason));
    }
    if let Some(replan) = &proposal.replan {
        println!(
            "{} block(s) planned again as ghosts: see them with `preview`, accept in the window.",
            replan.ghosts.len()
        );
    }
    Ok(())
}

fn extend(ctx: &Context, args: MeetExtendArgs) -> Result<()> {
    let store = ctx.shared_store()?;
    let ask = ExtendAsk { uid: args.uid, occurrence: args.occurrence, minutes: args.minutes };
    let now = miraage_services::clock::now();
    let view = super::runtime()?.block_on(meetings::gather::extend_asking(&store, ctx.zone, now, &ask))?;
    if args.json {
        return print_json(&view);
    }
    println!("{}", clean(&view.message));
    if let Some(replan) = &view.replan {
        println!("{} block(s) of your plan move: see them with `preview`.", replan.ghosts.len());
    }
    Ok(())
}

fn book(ctx: &Context, args: MeetBookArgs) -> Result<()> {
    let mut store = ctx.open_store()?;
    let ask = BookAsk {
        title: args.title,
        start: day_or_instant("--start", &args.start, ctx.zone)?.to_rfc3339(),
        duration_min: args.duration,
        attendees: args.attendee,
        meeting_type: args.meeting_type,
        calendar: args.calendar,
    };
    let view = meetings::book(&mut store, ctx.zone, miraage_services::clock::now(), &ask)?;
    if args.json {
        return print_json(&view);
    }
    println!("booked “{}” ({}), uid {}", clean(&view.event.title), view.event.start, view.event.uid);
    if view.holds_released > 0 {
        println!("Released the {} time(s) held with it.", view.holds_released);
    }
    if let Some(replan) = &view.replan {
        println!("{} block(s) of your plan move: see them with `preview`.", replan.ghosts.len());
    }
    Ok(())
}

fn ask(zone: Tz, r: &MeetRange, attendees: Vec<String>, limit: Option<u32>) -> Result<FindAsk> {
    Ok(FindAsk {
        duration_min: r.duration,
        from: day_or_instant("--from", &r.from, zone)?.to_rfc3339(),
        to: day_or_instant("--to", &r.to, zone)?.to_rfc3339(),
        attendees,
        meeting_type: r.meeting_type.clone(),
        limit,
    })
}

fn find(ctx: &Context, args: MeetFindArgs) -> Result<()> {
    let store = ctx.shared_store()?;
    let now = miraage_services::clock::now();
    let ask = ask(ctx.zone, &args.range, args.attendee, args.limit)?;
    let answer = super::runtime()?.block_on(meetings::gather::find_asking(&store, ctx.zone, now, &ask))?;
    for note in &answer.notes {
        eprintln!("{}", clean(note));
    }
    if args.json {
        return print_json(&answer.slots);
    }
    if answer.slots.is_empty() {
        println!("No time fits in that range: try a longer range or a shorter meeting.");
    }
    for (i, s) in answer.slots.iter().enumerate() {
        println!("{}. {}", i + 1, slot_line(s, ctx.zone));
    }
    Ok(())
}

/// `Tue 8 Dec 10:00–11:00  everyone free` / `… busy: ana@example.com; unknown: bo@example.com`.
fn slot_line(s: &Slot, zone: Tz) -> String {
    let (a, b) = (s.start.with_timezone(&zone), s.end.with_timezone(&zone));
    let mut who = Vec::new();
    for (state, word) in [
        (meetings::Conflict::Busy, "busy"),
        (meetings::Conflict::OffHours, "outside working hours"),
        (meetings::Conflict::Unknown, "unknown"),
    ] {
        let names: Vec<&str> = s.busy.iter().filter(|p| p.state == state).map(|p| p.email.as_str()).collect();
        if !names.is_empty() {
            who.push(format!("{word}: {}", names.join(", ")));
        }
    }
    let who = if who.is_empty() { "everyone free".to_string() } else { who.join("; ") };
    let plan =
        if s.displaces_min > 0 { format!("  (moves {} min of your plan)", s.displaces_min) } else { String::new() };
    format!("{}–{}  {}{plan}", a.format("%a %-d %b %H:%M"), b.format("%H:%M"), clean(&who))
}

fn share(ctx: &Context, args: MeetShareArgs) -> Result<()> {
    // --tz is the recipient's zone here; the user's own hours are in theirs.
    let own = match std::env::var("MIRAAGE_TZ") {
        Ok(name) if !name.trim().is_empty() => miraage_domain::zone::resolve_zone(&name)?,
        _ => miraage_domain::zone::local_zone(),
    };
    let mut store = ctx.open_store()?;
    let now = miraage_services::clock::now();
    let ask = ask(own, &args.range, Vec::new(), None)?;
    let hold = args.hold.then(|| HoldAsk { title: args.title.clone(), calendar: args.calendar.clone() });
    let view = meetings::share_holding(&mut store, own, now, &ask, ctx.zone, hold.as_ref())?;
    if let Some(path) = &args.ics {
        let text = if args.holds {
            let title = meetings::share::hold_title(&store, &ask, args.title.as_deref())?;
            miraage_ical::export_ics(&title, &holds::tentative(&view.free, &title, own)?, &[])
        } else {
            let range = TimeRange::new(
                miraage_services::events::instant("--from", &ask.from)?.max(now),
                miraage_services::events::instant("--to", &ask.to)?,
            )?;
            meetings::share::ics(&view, &range, now)
        };
        std::fs::write(path, text).map_err(|source| CliError::Io { path: path.display().to_string(), source })?;
    }
    if args.json {
        return print_json(&view);
    }
    if view.text.is_empty() {
        let held = if args.hold { ": nothing held" } else { "" };
        println!("No free time of that length in that range{held}.");
        return Ok(());
    }
    println!("{}", view.text);
    if let Some(first) = view.held.first() {
        println!(
            "Held {} time(s) on “{}” as “{}” until a meeting is booked in one; free them with `meet holds release`.",
            view.held.len(),
            clean(&first.calendar),
            clean(&first.title)
        );
    }
    Ok(())
}

fn holds_cmd(ctx: &Context, cmd: MeetHoldsCommand) -> Result<()> {
    let mut store = ctx.open_store()?;
    match cmd {
        MeetHoldsCommand::List(args) => {
            let all = holds::list(&store)?;
            if args.json {
                return print_json(&all);
            }
            if all.is_empty() {
                println!("No shared times are held.");
            }
            for h in &all {
                let (a, b) = (h.start.with_timezone(&ctx.zone), h.end.with_timezone(&ctx.zone));
                println!(
                    "{}–{}  {}  ({})",
                    a.format("%a %-d %b %H:%M"),
                    b.format("%H:%M"),
                    clean(&h.title),
                    clean(&h.calendar)
                );
            }
        }
        MeetHoldsCommand::Release => println!("Released {} held time(s).", holds::release(&mut store)?),
    }
    Ok(())
}

fn types_cmd(ctx: &Context, cmd: MeetTypesCommand) -> Result<()> {
    let mut store = ctx.open_store()?;
    let (list, json) = match cmd {
        MeetTypesCommand::Add { name, duration, buffer_before, buffer_after, hours, location, may_use_focus, json } => {
            let draft = MeetingTypeView {
                name,
                duration_min: duration,
                buffer_before_min: buffer_before,
                buffer_after_min: buffer_after,
                hour_set: hours,
                location,
                may_use_focus,
            };
            (types::save(&mut store, &draft)?, json)
        }
        MeetTypesCommand::List(args) => (types::list(&store)?, args.json),
        MeetTypesCommand::Delete { name } => {
            types::delete(&mut store, &name)?;
            println!("deleted meeting type “{}”", clean(&name));
            return Ok(());
        }
    };
    if json {
        return print_json(&list);
    }
    for t in &list {
        println!("{}", type_line(t));
    }
    Ok(())
}

/// `1:1  30 min  buffers 5/10 min  work hours  Room 2`.
fn type_line(t: &MeetingTypeView) -> String {
    let mut parts = vec![clean(&t.name).into_owned(), format!("{} min", t.duration_min)];
    if t.buffer_before_min + t.buffer_after_min > 0 {
        parts.push(format!("buffers {}/{} min", t.buffer_before_min, t.buffer_after_min));
    }
    parts.push(format!("{} hours", clean(t.hour_set.as_deref().unwrap_or("work"))));
    if let Some(l) = &t.location {
        parts.push(clean(l).into_owned());
    }
    if t.may_use_focus {
        parts.push("may use focus time".into());
    }
    parts.join("  ")
}
