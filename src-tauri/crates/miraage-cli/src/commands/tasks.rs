use super::{print_json, Context};
use crate::args::{TaskAddArgs, TasksCommand};
use crate::error::{CliError, Result};
use crate::parse::minutes;
use chrono::{NaiveDate, NaiveDateTime};
use miraage_domain::time::local_to_utc;
use miraage_domain::{Chunking, Due, Priority, Task, TaskStatus};
use miraage_store::TaskFilter;

pub fn run(ctx: &Context, cmd: TasksCommand) -> Result<()> {
    match cmd {
        TasksCommand::Add(args) => add(ctx, args),
        TasksCommand::List { all, json } => list(ctx, all, json),
        TasksCommand::Done { task } => {
            let mut store = ctx.open_store()?;
            let found = store.find_task(&task)?;
            let done = store.set_task_status(&found.id, TaskStatus::Completed)?;
            println!("Done: {} ({})", done.title, done.id);
            Ok(())
        }
    }
}

fn add(ctx: &Context, args: TaskAddArgs) -> Result<()> {
    let mut store = ctx.open_store()?;
    let list = store.local_defaults()?.task_list;
    let title = args.title.trim();
    if title.is_empty() {
        return Err(CliError::Usage("a task needs a title".into()));
    }
    let mut task = Task::new(list, title);
    task.estimate_min = args.estimate.as_deref().map(minutes).transpose()?;
    task.due = args.due.as_deref().map(|s| due(s, ctx.zone)).transpose()?;
    task.hard_due = args.hard;
    task.priority = Priority::new(args.priority)?;
    task.project = args.project;
    task.tags = args.tags;
    task.notes = args.notes;
    if let Some(chunks) = args.chunks {
        let (min, max) = chunks
            .split_once('-')
            .ok_or_else(|| CliError::Usage(format!("--chunks {chunks:?}: use MIN-MAX in minutes, e.g. 30-90")))?;
        task.chunking = Some(Chunking::new(minutes(min)?, minutes(max)?)?);
    }
    for dep in &args.depends_on {
        task.depends_on.push(store.find_task(dep)?.id);
    }
    store.save_task(&task)?;
    println!("Added: {} ({})", task.title, task.id);
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
    let store = ctx.open_store()?;
    let tasks = store.task_views(if all { TaskFilter::All } else { TaskFilter::Open })?;
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
        let project = t.project.as_deref().map(|p| format!("  #{p}")).unwrap_or_default();
        println!("{mark} P{} {estimate}  {}{due}{project}  ({})", t.priority, t.title, t.id);
    }
    Ok(())
}
