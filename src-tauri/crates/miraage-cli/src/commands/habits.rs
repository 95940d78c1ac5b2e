//! `habits add|list|pause|resume|delete` and `hours add|list|delete`.

use super::{print_json, Context};
use crate::args::{HabitAddArgs, HabitsCommand, HoursCommand};
use crate::display::clean;
use crate::error::{CliError, Result};
use miraage_domain::{HabitKind, HabitPeriod, TimeOfDay};
use miraage_scheduling::{HabitView, HourSetView};
use miraage_services::habits::{self, HabitDraft, HourSetDraft};

pub fn run(ctx: &Context, cmd: HabitsCommand) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = miraage_services::clock::now();
    let (view, json) = match cmd {
        HabitsCommand::Add(args) => {
            let json = args.json;
            (habits::add(&mut store, ctx.zone, now, &draft(args)?)?, json)
        }
        HabitsCommand::List(args) => {
            let list = habits::list(&store, ctx.zone, now)?;
            if args.json {
                return print_json(&list);
            }
            for h in &list {
                println!("{}", line(h));
            }
            return Ok(());
        }
        HabitsCommand::Pause(k) => (habits::set_paused(&mut store, ctx.zone, now, &k.habit, true)?, k.json),
        HabitsCommand::Resume(k) => (habits::set_paused(&mut store, ctx.zone, now, &k.habit, false)?, k.json),
        HabitsCommand::Delete(k) => {
            let title = habits::delete(&mut store, now, &k.habit)?;
            println!("deleted “{}”", clean(&title));
            return Ok(());
        }
    };
    if json {
        return print_json(&view);
    }
    println!("{}", line(&view));
    Ok(())
}

fn draft(a: HabitAddArgs) -> Result<HabitDraft> {
    let session = a
        .session
        .as_deref()
        .map(|s| {
            s.split_once('-')
                .and_then(|(x, y)| Some((x.trim().parse::<u32>().ok()?, y.trim().parse::<u32>().ok()?)))
                .ok_or_else(|| {
                    CliError::Usage(format!("--session {s:?}: write the shortest and longest minutes, like 60-90"))
                })
        })
        .transpose()?;
    Ok(HabitDraft {
        title: a.title,
        kind: a.focus.then_some(HabitKind::Focus),
        minutes: a.minutes,
        per: Some(HabitPeriod::parse(&a.per)?),
        session,
        windows: a.window,
        hour_set: a.hours,
        preferred: a.prefer.as_deref().map(TimeOfDay::parse).transpose()?,
        priority: a.priority,
        project: a.project,
    })
}

/// `Study Spanish  300 min a week  mon-fri 18:00-22:00  0 min of 5 h this week`.
fn line(h: &HabitView) -> String {
    let per = match h.per {
        HabitPeriod::Day => "a day",
        HabitPeriod::Week => "a week",
    };
    let place = h.hour_set.clone().unwrap_or_else(|| h.windows.join(", "));
    let state = if h.paused { "  (paused)" } else { "" };
    let kind = if h.kind == HabitKind::Focus { "  focus" } else { "" };
    format!("{}  {} min {per}  {}  {}{kind}{state}", clean(&h.title), h.minutes, clean(&place), h.progress)
}

pub fn hours(ctx: &Context, cmd: HoursCommand) -> Result<()> {
    let mut store = ctx.open_store()?;
    let (sets, json) = match cmd {
        HoursCommand::Add { name, window, json } => {
            (habits::save_hour_set(&mut store, &HourSetDraft { name, windows: window })?, json)
        }
        HoursCommand::List(args) => (habits::hour_sets(&store)?, args.json),
        HoursCommand::Delete { name } => {
            habits::delete_hour_set(&mut store, &name)?;
            println!("deleted hour set “{}”", clean(&name));
            return Ok(());
        }
    };
    if json {
        return print_json(&sets);
    }
    for s in &sets {
        println!("{}", set_line(s));
    }
    Ok(())
}

fn set_line(s: &HourSetView) -> String {
    let note = if s.built_in { "  (planning settings)" } else { "" };
    format!("{}  {}{note}", clean(&s.name), s.windows.join(", "))
}
