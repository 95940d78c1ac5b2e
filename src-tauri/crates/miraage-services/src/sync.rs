//! Syncing accounts: one run over every account (or one), progress in one wording for every
//! face, and the re-plan check after a run that brought changes.

use crate::accounts::{context, find};
use crate::error::Result;
use chrono_tz::Tz;
use miraage_domain::{Account, SyncEvent};
use miraage_scheduling::PlanPreview;
use miraage_store::Store;
use miraage_sync::engine::{Progress, SyncReport};
use std::sync::Mutex;

/// One line for a status display, the same in the window and the CLI.
pub fn progress_line(p: &Progress) -> String {
    match p {
        Progress::Listed { collections, .. } => format!("{collections} calendar(s) and list(s)"),
        Progress::Pulled { collection, changes } => format!("{collection}: {changes} change(s) fetched"),
        Progress::Pushed { collection, done, total } => format!("{collection}: sending {done} of {total}"),
        Progress::Finished { collection, error: None } => format!("{collection}: up to date"),
        Progress::Finished { collection, error: Some(e) } => format!("{collection}: {e}"),
    }
}

/// How one account's run ended, as the window's `sync://finished` event carries it.
pub fn finished_event(account: &str, outcome: &Result<SyncReport>) -> SyncEvent {
    match outcome {
        Ok(report) => SyncEvent {
            account: account.to_string(),
            message: if report.is_clean() { "up to date".into() } else { "synced with errors".into() },
            finished: true,
            error: report.errors().next().map(|(c, e)| format!("{c}: {e}")),
            changed: report.collections.iter().any(|c| c.pulled + c.removed > 0),
            replan_needed: report.replan_needed,
        },
        Err(e) => SyncEvent {
            account: account.to_string(),
            message: "failed".into(),
            finished: true,
            error: Some(e.to_string()),
            changed: false,
            replan_needed: false,
        },
    }
}

/// What a run over several accounts did.
#[derive(Debug)]
pub struct SyncRun {
    /// Per account, by name: its report, or why it failed as a whole.
    pub accounts: Vec<(String, Result<SyncReport>)>,
}

impl SyncRun {
    /// Something changed locally (the views should reload) or a plan block changed elsewhere.
    pub fn changed(&self) -> bool {
        self.accounts.iter().any(|(name, r)| {
            let e = finished_event(name, r);
            e.changed || e.replan_needed
        })
    }
}

/// The accounts a run covers: every remote account, or the one named.
///
/// # Errors
/// [`crate::ServiceError::NotFound`] for an unknown name.
pub fn accounts_to_sync(store: &Store, only: Option<&str>) -> Result<Vec<Account>> {
    Ok(match only {
        Some(name) => vec![find(store, name)?],
        None => store.remote_accounts()?,
    })
}

/// Syncs every account (or the one named), one after another; one failing does not stop
/// the others. `force` sends every pending edit now (otherwise edits wait for their retry
/// time). `progress` gets each account's name and a line in [`progress_line`]'s wording;
/// `finished` each account's [`finished_event`].
///
/// # Errors
/// [`crate::ServiceError::NotFound`] for an unknown account name; store failures.
pub async fn sync_accounts(
    store: &Mutex<Store>,
    zone: Tz,
    only: Option<&str>,
    force: bool,
    progress: &(dyn Fn(&str, String) + Sync),
    finished: &(dyn Fn(SyncEvent) + Sync),
) -> Result<SyncRun> {
    let accounts = accounts_to_sync(&store.lock().unwrap_or_else(|p| p.into_inner()), only)?;
    let ctx = context(store, zone);
    let mut run = SyncRun { accounts: Vec::new() };
    for account in accounts {
        let name = account.name.clone();
        let show = |p: &Progress| progress(&name, progress_line(p));
        let started = std::time::Instant::now();
        let outcome = ctx.sync(store, &account, force, &show).await.map_err(Into::into);
        log_run(&account, &outcome, started.elapsed());
        finished(finished_event(&name, &outcome));
        run.accounts.push((name, outcome));
    }
    Ok(run)
}

/// Records one account's run in the log (the Diagnostics view reads these back): counts
/// and the outcome, never an item's title.
fn log_run(account: &Account, outcome: &Result<SyncReport>, took: std::time::Duration) {
    let took_ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
    let provider = account.provider.as_str();
    match outcome {
        Ok(r) => {
            let sum = |f: fn(&miraage_sync::engine::CollectionReport) -> usize| {
                r.collections.iter().map(f).sum::<usize>() as u64
            };
            let (pulled, pushed) = (sum(|c| c.pulled + c.removed), sum(|c| c.pushed));
            let (conflicts, unreadable) = (sum(|c| c.conflicts), sum(|c| c.unreadable.len()));
            let outcome = match r.errors().next() {
                None => "up to date".to_string(),
                Some((c, e)) => format!("synced with errors: {c}: {e}"),
            };
            let level_warn = !r.is_clean();
            macro_rules! record {
                ($level:expr) => {
                    tracing::event!(target: "miraage::sync", $level, account = %account.name, provider, outcome,
                        pulled, pushed, conflicts, unreadable, took_ms, "{}", crate::diagnostics::SYNC_FINISHED)
                };
            }
            if level_warn {
                record!(tracing::Level::WARN)
            } else {
                record!(tracing::Level::INFO)
            }
        }
        Err(e) => tracing::warn!(target: "miraage::sync", account = %account.name, provider,
            outcome = %format!("failed: {e}"), took_ms, "{}", crate::diagnostics::SYNC_FINISHED),
    }
}

/// After a run that brought changes: what the re-plan of the horizon would move (`None` if
/// every accepted block still fits).
///
/// # Errors
/// Store failures.
pub fn replan_after_sync(
    store: &Mutex<Store>,
    zone: Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<PlanPreview>> {
    let mut s = store.lock().unwrap_or_else(|p| p.into_inner());
    crate::planning::check(&mut s, zone, now, None)
}
