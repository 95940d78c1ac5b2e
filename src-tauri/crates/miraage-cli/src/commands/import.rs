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
    if !parsed.skipped.is_empty() {
        eprintln!("Skipped {} component(s) of {shown}:", parsed.skipped.len());
        for s in &parsed.skipped {
            eprintln!("  {s}");
        }
        if parsed.events.is_empty() && parsed.tasks.is_empty() {
            return Err(CliError::Usage(format!("{shown}: nothing could be imported")));
        }
    }
    // The calendar is created in the import's transaction: a failure leaves none behind, and
    // nothing is reported as imported before it is.
    let name = args.calendar.as_deref().or(parsed.calendar_name.as_deref());
    let (calendar, outcome) = store.import_into_calendar(name, &mut parsed.events, &parsed.tasks)?;
    // Counts only: the file's name and contents are the user's.
    tracing::info!(target: "miraage::import", events = parsed.events.len(), tasks = parsed.tasks.len(),
        repaired = parsed.repaired.len(), skipped = parsed.skipped.len(), "file imported");
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
    if !parsed.repaired.is_empty() {
        println!("Repaired {} thing(s) while reading {shown}:", parsed.repaired.len());
        for r in &parsed.repaired {
            println!("  {r}");
        }
    }
    for note in &parsed.notes {
        println!("note: {note}");
    }
    Ok(())
}
