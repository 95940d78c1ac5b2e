//! `sync` and `conflicts`.

use super::{print_json, runtime, Context};
use crate::args::SyncArgs;
use crate::error::{CliError, Result};
use miraage_services::sync;
use miraage_store::Store;
use miraage_sync::engine::SyncReport;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;

/// Shows progress on one rewritten line when stderr is a terminal; silent otherwise (logs
/// and pipes get the final report only).
struct Printer {
    live: bool,
}

impl Printer {
    fn new() -> Self {
        Printer { live: std::io::stderr().is_terminal() }
    }

    fn show(&self, account: &str, line: &str) {
        if !self.live {
            return;
        }
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{account}: {line}");
        let _ = err.flush();
    }

    fn done(&self) {
        if self.live {
            eprint!("\r\x1b[2K");
        }
    }
}

pub fn run(ctx: &Context, args: SyncArgs) -> Result<()> {
    let store = ctx.shared_store()?;
    sync_and_print(ctx, &store, args.account.as_deref(), !args.scheduled, args.json)
}

/// Syncs (one account or all) through the shared use case, printing progress and reports;
/// fails when an account or a calendar did not sync.
pub fn sync_and_print(ctx: &Context, store: &Mutex<Store>, only: Option<&str>, force: bool, json: bool) -> Result<()> {
    if only.is_none() && store.lock().unwrap_or_else(|p| p.into_inner()).remote_accounts()?.is_empty() {
        eprintln!("No accounts to sync.");
        return Ok(());
    }
    let printer = Printer::new();
    let progress = |account: &str, line: String| printer.show(account, &line);
    let run = runtime()?.block_on(sync::sync_accounts(store, ctx.zone, only, force, &progress, &|_| {}))?;
    printer.done();
    let mut reports = Vec::new();
    let mut failed = Vec::new();
    for (name, outcome) in run.accounts {
        match outcome {
            Ok(report) => reports.push(report),
            // One account failing (server down, password refused) does not stop the others.
            Err(e) => failed.push(format!("{name}: {e}")),
        }
    }
    if json {
        let rows: Vec<serde_json::Value> = reports.iter().map(report_json).collect();
        print_json(&serde_json::json!({ "accounts": rows, "failed": failed }))?;
    } else {
        reports.iter().for_each(print_report);
        for f in &failed {
            println!("{f}");
        }
    }
    let collection_errors = reports.iter().flat_map(|r| r.errors()).count();
    if failed.is_empty() && collection_errors == 0 {
        Ok(())
    } else {
        Err(CliError::Usage(format!("{} account(s) and {collection_errors} collection(s) did not sync", failed.len())))
    }
}

pub fn print_report(report: &SyncReport) {
    for c in &report.collections {
        let mut line = format!(
            "{} / {}: {} fetched, {} removed, {} sent, {} pending",
            report.account, c.name, c.pulled, c.removed, c.pushed, c.pending
        );
        if c.conflicts > 0 {
            line.push_str(&format!(", {} conflict(s) (see `miraage-cli conflicts`)", c.conflicts));
        }
        if let Some(e) = &c.error {
            line.push_str(&format!("\n    error: {e}"));
        }
        for u in &c.unreadable {
            line.push_str(&format!("\n    skipped: {u}"));
        }
        println!("{line}");
    }
    if report.replan_needed {
        println!("A plan block was changed on another device: re-plan to fit the rest around it.");
    }
}

fn report_json(r: &SyncReport) -> serde_json::Value {
    let collections: Vec<serde_json::Value> = r
        .collections
        .iter()
        .map(|c| {
            serde_json::json!({
                "name": c.name, "pulled": c.pulled, "removed": c.removed, "pushed": c.pushed,
                "pending": c.pending, "conflicts": c.conflicts, "unreadable": c.unreadable, "error": c.error,
            })
        })
        .collect();
    serde_json::json!({ "account": r.account, "collections": collections, "replan_needed": r.replan_needed })
}

pub fn conflicts(ctx: &Context, json: bool) -> Result<()> {
    let list = ctx.open_store()?.conflicts(100)?;
    if json {
        let rows: Vec<serde_json::Value> = list
            .iter()
            .map(|c| serde_json::json!({ "uid": c.uid, "kind": c.kind.as_str(), "summary": c.summary, "resolution": c.resolution, "detected_at": c.detected_at }))
            .collect();
        return print_json(&rows);
    }
    if list.is_empty() {
        println!("No conflicts.");
    }
    for c in &list {
        let what = match c.resolution.as_str() {
            "server_kept" => "the server's version was kept",
            "local_kept" => "your edit was kept",
            _ => "the server's version was kept; re-plan",
        };
        let when = chrono::DateTime::from_timestamp(c.detected_at, 0)
            .map(|t| t.with_timezone(&ctx.zone).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        println!("{when}  {}: {what}", c.summary);
    }
    Ok(())
}
