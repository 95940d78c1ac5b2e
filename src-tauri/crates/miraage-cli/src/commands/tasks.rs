use super::{print_json, Context};
use crate::args::{TaskAddArgs, TasksCommand};
use crate::display::clean;
use crate::error::{CliError, Result};
use crate::parse::minutes;
use chrono::{NaiveDate, NaiveDateTime};
use miraage_domain::time::local_to_utc;
use miraage_domain::{Due, TaskStatus};
use miraage_services::quick_add;
use miraage_services::tasks::{self, TaskInput};

pub fn run(ctx: &Context, cmd: TasksCommand) -> Result<()> {
    match cmd {
        TasksCommand::Add(args) => add(ctx, args),
        TasksCommand::List { all, json } => list(ctx, all, json),
        TasksCommand::Done { task } => {
            let done = tasks::set_done(&mut ctx.open_store()?, &task, true)?;
            println!("Done: {} ({})", clean(&done.title), done.id);
            Ok(())
        }
    }
}

fn add(ctx: &Context, args: TaskAddArgs) -> Result<()> {
    let chunks = match &args.chunks {
        Some(c) => {
            let (min, max) = c
                .split_once('-')
                .ok_or_else(|| CliError::Usage(format!("--chunks {c:?}: use MIN-MAX in minutes, e.g. 30-90")))?;
            Some((minutes(min)?, minutes(max)?))
        }
        None => None,
    };
    // The title is read as quick add reads a line; what the options say wins.
    let (read, earliest) = if args.literal {
        (TaskInput { title: args.title.clone(), ..TaskInput::default() }, None)
    } else {
        quick_add::task_input(&miraage_quickadd::parse(&args.title, chrono::Utc::now(), ctx.zone), ctx.zone)
    };
    if read.title.trim().is_empty() {
        return Err(CliError::Usage(format!(
            "{:?} has no title besides its date or duration; add one, or pass --literal",
            args.title
        )));
    }
    let mut tags = read.tags;
    tags.extend(args.tags);
    let input = TaskInput {
        title: read.title,
        notes: args.notes,
        estimate_min: args.estimate.as_deref().map(minutes).transpose()?.or(read.estimate_min),
        due: args.due.as_deref().map(|s| due(s, ctx.zone)).transpose()?.or(read.due),
        hard_due: args.hard,
        priority: args.priority.or(read.priority),
        project: args.project.or(read.project),
        tags,
        chunks,
        depends_on: args.depends_on,
    };
    let mut store = ctx.open_store()?;
    let mut task = tasks::add(&mut store, input)?;
    if let Some(e) = earliest {
        task.earliest_start = Some(e);
        store.save_task(&task)?;
    }
    println!("Added: {} ({})", clean(&task.title), task.id);
    Ok(())
}

fn due(s: &str, zone: chrono_tz::Tz) -> Result<Due> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(Due::Date(d));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M") {
        return Ok(Due::Instant(local_to_utc(t, zone)));
    }
    Due::parse(s).map_err(|_| CliError::Usage(format!("--due: {s:?} is not YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339")))
}

fn list(ctx: &Context, all: bool, json: bool) -> Result<()> {
    let tasks = tasks::list(&ctx.open_store()?, all)?;
    if json {
        return print_json(&tasks);
    }
    if tasks.is_empty() {
        println!("No tasks.");
    }
    for t in &tasks {
        let mark = if t.status == TaskStatus::Completed { "[x]" } else { "[ ]" };
        let estimate = t.estimate_min.map(|m| format!("{}h{:02}", m / 60, m % 60)).unwrap_or_else(|| "  -  ".into());
        let due = t.due.as_deref().map(|d| format!("  due {d}")).unwrap_or_default();
        let project = t.project.as_deref().map(|p| format!("  #{}", clean(p))).unwrap_or_default();
        println!("{mark} P{} {estimate}  {}{due}{project}  ({})", t.priority, clean(&t.title), t.id);
    }
    Ok(())
}
