//! `habits add|list|pause|resume|delete` and `hours add|list|delete`.

use super::{print_json, Context};
use crate::args::{HabitAddArgs, HabitsCommand, HoursCommand};
use crate::display::clean;
use crate::error::{CliError, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::{HabitKind, HabitPeriod, TimeOfDay};
use miraage_scheduling::{HabitView, HourSetView};
use miraage_services::habits::{self, project_hours, HabitDraft, HourSetDraft};
use miraage_services::quick_add;
use miraage_store::Store;

pub fn run(ctx: &Context, cmd: HabitsCommand) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = miraage_services::clock::now();
    let (view, json) = match cmd {
        HabitsCommand::Add(args) => {
            let json = args.json;
            let draft = draft(&store, ctx.zone, now, args)?;
            (habits::add(&mut store, ctx.zone, now, &draft)?, json)
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

/// The habit the options describe; without --minutes and --per, the title is read as a
/// quick-add line ("Read 20 minutes daily") and the options given change what it says.
fn draft(store: &Store, zone: Tz, now: DateTime<Utc>, a: HabitAddArgs) -> Result<HabitDraft> {
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
    let preferred = a.prefer.as_deref().map(TimeOfDay::parse).transpose()?;
    let kind = a.focus.then_some(HabitKind::Focus);
    let (Some(minutes), Some(per)) = (a.minutes, a.per.as_deref()) else {
        let read = quick_add::habit_draft(store, &a.title, now, zone)?.ok_or_else(|| {
            CliError::Usage(format!(
                "{:?} says no minutes per day or week: give --minutes N --per day|week, or write it like \
                 \"Read 20 minutes daily\"",
                a.title
            ))
        })?;
        // A window or an hour set given replaces the place the line named.
        let (windows, hour_set) = match (a.window.is_empty(), a.hours) {
            (true, None) => (read.windows, read.hour_set),
            (_, hours) => (a.window, hours),
        };
        return Ok(HabitDraft {
            kind,
            session: session.or(read.session),
            windows,
            hour_set,
            preferred: preferred.or(read.preferred),
            priority: a.priority.or(read.priority),
            project: a.project.or(read.project),
            ..read
        });
    };
    Ok(HabitDraft {
        title: a.title,
        kind,
        minutes,
        per: Some(HabitPeriod::parse(per)?),
        session,
        windows: a.window,
        hour_set: a.hours,
        preferred,
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
        HoursCommand::Project { project, set, json } => {
            let list = match (project, set) {
                (Some(p), Some(s)) => project_hours::set(&mut store, &p, Some(&s))?,
                (Some(p), None) => {
                    project_hours::list(&store)?.into_iter().filter(|v| v.project.eq_ignore_ascii_case(&p)).collect()
                }
                (None, _) => project_hours::list(&store)?,
            };
            if json {
                return print_json(&list);
            }
            for v in &list {
                println!("{}  {}", clean(&v.project), clean(&v.hour_set));
            }
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
