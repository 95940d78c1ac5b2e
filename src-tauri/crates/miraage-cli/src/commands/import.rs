use super::Context;
use crate::args::ImportArgs;
use crate::error::{CliError, Result};
use miraage_ical::{import::parse_ics_bytes, ImportOptions};

pub fn run(ctx: &Context, args: ImportArgs) -> Result<()> {
    let shown = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|source| CliError::Io { path: shown.clone(), source })?;
    let mut store = ctx.open_store()?;
    let defaults = store.local_defaults()?;
    // Parse against the default calendar first: the file's own name may choose the target.
    let opts = ImportOptions {
        calendar_id: defaults.calendar.clone(),
        task_list_id: defaults.task_list,
        default_zone: ctx.zone,
    };
    let mut parsed = parse_ics_bytes(&bytes, &shown, &opts)?;
    // What was parsed owns its text: the file need not stay in memory while it is written.
    drop(bytes);
    let calendar = match args.calendar.as_deref().or(parsed.calendar_name.as_deref()) {
        Some(name) => store.ensure_local_calendar(name)?,
        None => store.calendar(&defaults.calendar)?,
    };
    if calendar.read_only {
        return Err(CliError::Usage(format!("calendar {:?} is read-only", calendar.name)));
    }
    for e in &mut parsed.events {
        e.calendar_id = calendar.id.clone();
    }
    let outcome = store.import(&parsed.events, &parsed.tasks)?;
    println!(
        "Imported {} events ({} new, {} updated) and {} tasks ({} new, {} updated) from {shown} into {:?}",
        parsed.events.len(),
        outcome.events_inserted,
        outcome.events_updated,
        parsed.tasks.len(),
        outcome.tasks_inserted,
        outcome.tasks_updated,
        calendar.name
    );
    for note in &parsed.notes {
        println!("note: {note}");
    }
    if !parsed.skipped.is_empty() {
        eprintln!("Skipped {} component(s) of {shown}:", parsed.skipped.len());
        for s in &parsed.skipped {
            eprintln!("  {s}");
        }
        if parsed.events.is_empty() && parsed.tasks.is_empty() {
            return Err(CliError::Usage(format!("{shown}: nothing could be imported")));
        }
    }
    Ok(())
}
