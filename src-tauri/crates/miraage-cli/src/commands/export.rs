use super::Context;
use crate::args::ExportArgs;
use crate::error::{CliError, Result};
use miraage_store::TaskFilter;

pub fn run(ctx: &Context, args: ExportArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let (name, events) = match &args.calendar {
        Some(name) => {
            let calendar = store
                .calendar_by_name(name)?
                .ok_or_else(|| CliError::Usage(format!("no calendar named {name:?} (see `miraage-cli calendars`)")))?;
            (calendar.name.clone(), store.events_of_calendar(&calendar.id)?)
        }
        None => ("Tasks".to_string(), Vec::new()),
    };
    let tasks = if args.tasks { store.tasks(TaskFilter::All)? } else { Vec::new() };
    let text = miraage_ical::export_ics(&name, &events, &tasks);
    match args.out {
        Some(path) => {
            // Write beside the target and rename, so a failed export never leaves half a file.
            let tmp = path.with_extension("ics.partial");
            std::fs::write(&tmp, &text).map_err(|source| CliError::Io { path: tmp.display().to_string(), source })?;
            std::fs::rename(&tmp, &path).map_err(|source| CliError::Io { path: path.display().to_string(), source })?;
            eprintln!("Exported {} events and {} tasks to {}", events.len(), tasks.len(), path.display());
        }
        None => print!("{text}"),
    }
    Ok(())
}
