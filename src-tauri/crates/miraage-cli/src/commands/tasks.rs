use super::{print_json, Context};
use crate::args::{TaskAddArgs, TaskEditArgs, TaskGrouping, TasksCommand};
use crate::display::clean;
use crate::error::{CliError, Result};
use crate::parse::{day_or_instant, minutes};
use chrono::{NaiveDate, NaiveDateTime};
use miraage_domain::time::local_to_utc;
use miraage_domain::{Due, TaskStatus, TaskView};
use miraage_services::quick_add;
use miraage_services::tasks::{self, TaskChanges, TaskInput};

pub fn run(ctx: &Context, cmd: TasksCommand) -> Result<()> {
    match cmd {
        TasksCommand::Add(args) => add(ctx, args),
        TasksCommand::List { all, group, json } => list(ctx, all, group, json),
        TasksCommand::Done { task } => {
            let done = tasks::set_done(&mut ctx.open_store()?, &task, true)?;
            println!("Done: {} ({})", clean(&done.title), done.id);
            Ok(())
        }
        TasksCommand::Edit(args) => edit(ctx, args),
        TasksCommand::Delete { task } => {
            let gone = tasks::delete(&mut ctx.open_store()?, &task)?;
            println!("Deleted: {} (miraage-cli undo brings it back)", clean(&gone.title));
            Ok(())
        }
    }
}

/// `none` (any case) clears a field; anything else is read by `read`.
fn clearable<T>(value: Option<String>, read: impl FnOnce(&str) -> Result<T>) -> Result<Option<Option<T>>> {
    match value {
        None => Ok(None),
        Some(v) if v.trim().eq_ignore_ascii_case("none") => Ok(Some(None)),
        Some(v) => read(&v).map(|x| Some(Some(x))),
    }
}

fn chunk_sizes(c: &str) -> Result<(u32, u32)> {
    let (min, max) = c
        .split_once('-')
        .ok_or_else(|| CliError::Usage(format!("--chunks {c:?}: use MIN-MAX in minutes, e.g. 30-90")))?;
    Ok((minutes(min)?, minutes(max)?))
}

fn edit(ctx: &Context, args: TaskEditArgs) -> Result<()> {
    let zone = ctx.zone;
    let none_given = |v: &[String]| v.len() == 1 && v[0].trim().eq_ignore_ascii_case("none");
    let changes = TaskChanges {
        title: args.title,
        notes: clearable(args.notes, |n| Ok(n.to_string()))?,
        estimate_min: clearable(args.estimate, minutes)?,
        due: clearable(args.due, |d| due(d, zone).map(|d| d.to_string()))?,
        hard_due: (args.hard || args.soft).then_some(args.hard),
        earliest_start: clearable(args.not_before, |s| {
            day_or_instant("--not-before", s, zone).map(|t| t.to_rfc3339())
        })?,
        priority: args.priority,
        hours: args.hours,
        chunks: clearable(args.chunks, chunk_sizes)?,
        depends_on: match args.depends_on {
            d if d.is_empty() => None,
            d if none_given(&d) => Some(Vec::new()),
            d => Some(d),
        },
        project: clearable(args.project, |p| Ok(p.to_string()))?,
        tags: if args.no_tags { Some(Vec::new()) } else { Some(args.tags).filter(|t| !t.is_empty()) },
    };
    if changes.is_empty() {
        return Err(CliError::Usage("nothing to change: give --title, --due, --estimate, … (see --help)".into()));
    }
    let mut store = ctx.open_store()?;
    let task = tasks::edit(&mut store, &args.task, changes)?;
    if args.json {
        return print_json(&tasks::details(&store, task.id.as_str())?);
    }
    println!("Edited: {} ({})", clean(&task.title), task.id);
    print_hint(&store, &task)
}

/// The estimate learner's hint under the task's line, when it has one; nothing is changed.
fn print_hint(store: &miraage_store::Store, task: &miraage_domain::Task) -> Result<()> {
    if let Some(hint) = miraage_services::history::learn::hint_for_task(store, task.id.as_str())? {
        println!("Hint: {} (miraage-cli tasks edit {} --estimate {})", hint.text, task.id, hint.suggested_min);
    }
    Ok(())
}

fn add(ctx: &Context, args: TaskAddArgs) -> Result<()> {
    let chunks = args.chunks.as_deref().map(chunk_sizes).transpose()?;
    // The title is read as quick add reads a line; what the options say wins.
    let (read, earliest) = if args.literal {
        (TaskInput { title: args.title.clone(), ..TaskInput::default() }, None)
    } else {
        let parsed = miraage_quickadd::parse(&args.title, miraage_services::clock::now(), ctx.zone);
        // A habit is not a task: say where it goes rather than drop its period silently.
        if let Some(h) = quick_add::habit_reading(&parsed, None) {
            return Err(CliError::Usage(format!(
                "{:?} reads as a habit ({}): add it with `miraage-cli habits add {:?}`, or pass --literal \
                 to make a task of the text as typed",
                args.title,
                h.summary(),
                args.title
            )));
        }
        quick_add::task_input(&parsed, ctx.zone)
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
        earliest_start: args
            .not_before
            .as_deref()
            .map(|s| day_or_instant("--not-before", s, ctx.zone))
            .transpose()?
            .or(earliest),
        hours: args.hours,
    };
    let mut store = ctx.open_store()?;
    let task = tasks::add(&mut store, input)?;
    println!("Added: {} ({})", clean(&task.title), task.id);
    print_hint(&store, &task)
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

fn list(ctx: &Context, all: bool, group: Option<TaskGrouping>, json: bool) -> Result<()> {
    let tasks = tasks::list(&ctx.open_store()?, all)?;
    if json {
        return print_json(&tasks);
    }
    if tasks.is_empty() {
        println!("No tasks.");
    }
    let Some(group) = group else {
        tasks.iter().for_each(print_task);
        return Ok(());
    };
    let today = miraage_services::clock::now().with_timezone(&ctx.zone).date_naive();
    let mut groups: Vec<(String, Vec<&TaskView>)> = Vec::new();
    for t in &tasks {
        let name = match group {
            TaskGrouping::Project => t.project.clone().map_or_else(|| "No project".to_string(), |p| format!("#{p}")),
            TaskGrouping::Due => due_group(t, today, ctx.zone).to_string(),
        };
        match groups.iter_mut().find(|(n, _)| *n == name) {
            Some((_, members)) => members.push(t),
            None => groups.push((name, vec![t])),
        }
    }
    if group == TaskGrouping::Project {
        // Named projects alphabetically, then the tasks without one.
        groups.sort_by_key(|(n, _)| (n == "No project", n.to_lowercase()));
    } else {
        groups.sort_by_key(|(n, _)| DUE_GROUPS.iter().position(|g| g == n));
    }
    for (name, members) in groups {
        println!("{}:", clean(&name));
        members.into_iter().for_each(print_task);
    }
    Ok(())
}

const DUE_GROUPS: [&str; 6] = ["Overdue", "Today", "Next 7 days", "Later", "No due date", "Done"];

fn due_group(t: &TaskView, today: NaiveDate, zone: chrono_tz::Tz) -> &'static str {
    if !t.status.is_open() {
        return DUE_GROUPS[5];
    }
    let day = match t.due.as_deref().map(Due::parse) {
        Some(Ok(Due::Date(d))) => d,
        Some(Ok(Due::Instant(i))) => i.with_timezone(&zone).date_naive(),
        _ => return DUE_GROUPS[4],
    };
    match (day - today).num_days() {
        ..0 => DUE_GROUPS[0],
        0 => DUE_GROUPS[1],
        1..=7 => DUE_GROUPS[2],
        _ => DUE_GROUPS[3],
    }
}

fn print_task(t: &TaskView) {
    let mark = if t.status == TaskStatus::Completed { "[x]" } else { "[ ]" };
    let estimate = t.estimate_min.map(|m| format!("{}h{:02}", m / 60, m % 60)).unwrap_or_else(|| "  -  ".into());
    let due = t.due.as_deref().map(|d| format!("  due {d}")).unwrap_or_default();
    let project = t.project.as_deref().map(|p| format!("  #{}", clean(p))).unwrap_or_default();
    println!("{mark} P{} {estimate}  {}{due}{project}  ({})", t.priority, clean(&t.title), t.id);
}
