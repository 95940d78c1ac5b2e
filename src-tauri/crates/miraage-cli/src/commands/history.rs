//! `history`: record what happened to a block, the review, the timer, statistics and export.
//! "Now" is the system clock, or the test clock the app reads (`MIRAAGE_NOW_FILE`), so that
//! scripts and the window's tests agree on it.

use super::{print_json, Context};
use crate::args::{HistoryCommand, HistoryExportArgs, HistoryPreferArgs, HistoryStatsArgs, OutcomeArgs};
use crate::display::clean;
use crate::error::{CliError, Result};
use miraage_services::history::analytics::{analytics, Period};
use miraage_services::history::export::{self, ExportFormat};
use miraage_services::history::{self, minutes_text, review, timer, OutcomeInput, OutcomeKind};
use std::io::Write;

pub fn run(ctx: &Context, cmd: HistoryCommand) -> Result<()> {
    match cmd {
        HistoryCommand::Export(args) => export_history(ctx, args),
        HistoryCommand::Stats(args) => stats(ctx, args),
        HistoryCommand::Done(args) => record(ctx, OutcomeKind::Done, args),
        HistoryCommand::Partly(args) => record(ctx, OutcomeKind::Partly, args),
        HistoryCommand::Skip(args) => record(ctx, OutcomeKind::Skipped, args),
        HistoryCommand::Missed(args) => record(ctx, OutcomeKind::Missed, args),
        HistoryCommand::Prefer(args) => prefer(ctx, &args),
        HistoryCommand::Review(args) => {
            let view = review::review(&mut ctx.open_store()?, ctx.zone, miraage_services::clock::now())?;
            if args.json {
                return print_json(&view);
            }
            for note in &view.notes {
                println!("{}", clean(note));
            }
            if view.items.is_empty() {
                println!("Nothing to review: every block that ended has an outcome.");
                return Ok(());
            }
            println!("{}", view.question);
            for i in &view.items {
                println!("  {}  “{}” {} ({})", i.block, clean(&i.title), i.when, minutes_text(i.minutes));
            }
            println!("Answer with `history done|partly|skip BLOCK`; the rest count as missed.");
            Ok(())
        }
        HistoryCommand::Start(args) => {
            let message = timer::start(&mut ctx.open_store()?, ctx.zone, miraage_services::clock::now(), &args.block)?;
            println!("{}", clean(&message));
            Ok(())
        }
        HistoryCommand::Stop(args) => {
            let stop = timer::stop(&mut ctx.open_store()?, ctx.zone, miraage_services::clock::now())?;
            if args.json {
                return print_json(&stop);
            }
            println!("{}", clean(&stop.message));
            if let Some(q) = &stop.question {
                println!("{}", clean(q));
            }
            Ok(())
        }
    }
}

fn record(ctx: &Context, kind: OutcomeKind, args: OutcomeArgs) -> Result<()> {
    let input = OutcomeInput { kind, minutes: args.minutes };
    let out = history::record(&mut ctx.open_store()?, ctx.zone, miraage_services::clock::now(), &args.block, input)?;
    if args.json {
        return print_json(&out);
    }
    println!("{}", clean(&out.message));
    if let Some(p) = out.replan.as_ref().filter(|p| !p.ghosts.is_empty()) {
        println!(
            "{} block(s) proposed: accept them in the window (or `miraage-cli preview` shows them).",
            p.ghosts.len()
        );
    }
    Ok(())
}

fn export_history(ctx: &Context, args: HistoryExportArgs) -> Result<()> {
    let format = if args.format == "csv" { ExportFormat::Csv } else { ExportFormat::Json };
    let rows = export::rows(&ctx.open_store()?, None)?;
    let text = export::render(&rows, format);
    match args.out {
        Some(path) => {
            export::write_file(&path, &text)?;
            eprintln!("Wrote {} block(s) to {}.", rows.len(), path.display());
        }
        None => {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
    }
    Ok(())
}

fn stats(ctx: &Context, args: HistoryStatsArgs) -> Result<()> {
    let period = if args.period == "month" { Period::Month } else { Period::Week };
    let view = analytics(&ctx.open_store()?, ctx.zone, miraage_services::clock::now(), period, args.count)?;
    if args.json {
        return print_json(&view);
    }
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}  estimates",
        "", "planned", "done", "skipped", "missed", "meetings", "free"
    );
    let h = |m: u32| format!("{:.1} h", f64::from(m) / 60.0);
    for r in &view.rows {
        let accuracy = match r.estimate_error {
            Some(e) => format!("off by ×{:.2} ({} task(s))", e.exp(), r.tasks_finished),
            None => "-".into(),
        };
        println!(
            "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}  {accuracy}",
            r.label,
            h(r.planned_min),
            h(r.done_min),
            h(r.skipped_min),
            h(r.missed_min),
            h(r.meeting_min),
            h(r.free_min)
        );
    }
    if !view.factors.is_empty() {
        let factors: Vec<String> =
            view.factors.iter().map(|f| format!("{} ×{:.2} ({} task(s))", clean(&f.key), f.ratio, f.samples)).collect();
        println!("Actual against estimate: {}", factors.join(", "));
    }
    if let Some(p) = &view.pattern.preference {
        println!("{}", clean(p));
    }
    if let Some(s) = view.pattern.suggestion.as_ref().filter(|s| !s.used) {
        println!("Use it: miraage-cli history prefer {} {}", clean(&s.tag), s.part.as_str());
    }
    Ok(())
}

/// `history prefer TAG morning|afternoon|evening|none`.
fn prefer(ctx: &Context, args: &HistoryPreferArgs) -> Result<()> {
    let part = match args.part.trim().to_ascii_lowercase().as_str() {
        "none" => None,
        other => Some(miraage_domain::TimeOfDay::parse(other).map_err(|_| {
            CliError::Usage(format!(
                "“{}” is not a part of the day: use morning, afternoon, evening or none.",
                clean(&args.part)
            ))
        })?),
    };
    let said = history::prefer(&mut ctx.open_store()?, &args.tag, part)?;
    println!("{}", clean(&said));
    Ok(())
}
