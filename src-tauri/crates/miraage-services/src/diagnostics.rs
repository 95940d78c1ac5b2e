//! What the Diagnostics view and `miraage-cli diagnostics` show: versions, each account's
//! last syncs with their outcome (read back from the log, where every run is recorded), the
//! edits waiting to be sent, current errors, and the log's last lines; and the report to
//! copy into a bug report. Everything in it comes from the store's names and counts and from
//! the log, which never holds a secret or a title (see [`crate::logging`]).

use crate::error::Result;
use crate::logging;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// How many runs per account, and log lines, the view shows.
const SYNCS_SHOWN: usize = 5;
const LOG_LINES_SHOWN: usize = 40;
/// Log lines read back to find the last syncs.
const LOG_LINES_READ: usize = 5_000;

/// The log message of one account's sync run (the diagnostics read these back).
pub const SYNC_FINISHED: &str = "sync finished";

/// One sync run of an account, as the log recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SyncRecord {
    /// When it ended, RFC 3339 UTC.
    pub at: String,
    /// "up to date", "synced with errors: …" or "failed: …".
    pub outcome: String,
    pub pulled: u32,
    pub pushed: u32,
    pub took_ms: u32,
}

/// One account in the diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AccountDiagnostics {
    pub name: String,
    pub provider: String,
    /// The last runs, newest first.
    pub syncs: Vec<SyncRecord>,
    /// Errors its calendars and lists have now, as "calendar: error".
    pub errors: Vec<String>,
    /// Local edits waiting to be sent.
    pub pending: usize,
}

/// The Diagnostics view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DiagnosticsView {
    pub version: String,
    pub schema_version: i64,
    /// Operating system and architecture.
    pub platform: String,
    /// The folder of the log files.
    pub log_dir: String,
    pub log_level: String,
    pub accounts: Vec<AccountDiagnostics>,
    /// Edits waiting to be sent, over every account.
    pub outbox: usize,
    /// The log's last lines, oldest first, as "time level message key=value…".
    pub log_tail: Vec<String>,
    /// The whole view as text, for "Copy report".
    pub report: String,
}

/// The diagnostics of `store`, with the log in `log_dir` at `log_level`.
///
/// # Errors
/// Store failures.
pub fn view(store: &miraage_store::Store, log_dir: &Path, log_level: &str) -> Result<DiagnosticsView> {
    let lines = logging::tail(log_dir, LOG_LINES_READ);
    let parsed: Vec<serde_json::Value> = lines.iter().filter_map(|l| serde_json::from_str(l).ok()).collect();
    let accounts = store
        .account_statuses()?
        .into_iter()
        .map(|s| AccountDiagnostics {
            syncs: syncs_of(&parsed, &s.account.name),
            provider: s.account.provider.as_str().to_string(),
            name: s.account.name,
            errors: s.errors,
            pending: s.pending,
        })
        .collect();
    let log_tail = parsed[parsed.len().saturating_sub(LOG_LINES_SHOWN)..].iter().map(readable).collect();
    let mut view = DiagnosticsView {
        version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: store.schema_version()?,
        platform: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        log_dir: log_dir.display().to_string(),
        log_level: log_level.to_string(),
        accounts,
        outbox: store.outbox_len()?,
        log_tail,
        report: String::new(),
    };
    view.report = report(&view);
    Ok(view)
}

/// The last runs of `account` in the parsed log, newest first.
fn syncs_of(log: &[serde_json::Value], account: &str) -> Vec<SyncRecord> {
    let number = |v: &serde_json::Value| v.as_u64().map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
    log.iter()
        .rev()
        .filter(|l| l["message"] == SYNC_FINISHED && l["account"] == account)
        .take(SYNCS_SHOWN)
        .map(|l| SyncRecord {
            at: l["ts"].as_str().unwrap_or_default().to_string(),
            outcome: l["outcome"].as_str().unwrap_or_default().to_string(),
            pulled: number(&l["pulled"]),
            pushed: number(&l["pushed"]),
            took_ms: number(&l["took_ms"]),
        })
        .collect()
}

/// A log line for people: time, level, message, then the other fields.
fn readable(l: &serde_json::Value) -> String {
    let mut out = format!(
        "{} {} {}",
        l["ts"].as_str().unwrap_or_default(),
        l["level"].as_str().unwrap_or_default(),
        l["message"].as_str().unwrap_or_default()
    );
    for (k, v) in l.as_object().into_iter().flatten() {
        if !matches!(k.as_str(), "ts" | "level" | "message" | "target") {
            match v.as_str() {
                Some(s) => out.push_str(&format!(" {k}={s}")),
                None => out.push_str(&format!(" {k}={v}")),
            }
        }
    }
    out
}

/// The report to paste into a bug report.
fn report(v: &DiagnosticsView) -> String {
    let mut out = format!(
        "Miraage {} (schema {}) on {}\nLog level {}; edits waiting to be sent: {}\n",
        v.version, v.schema_version, v.platform, v.log_level, v.outbox
    );
    for a in &v.accounts {
        out.push_str(&format!("\nAccount {} ({}), {} edit(s) waiting\n", a.name, a.provider, a.pending));
        for e in &a.errors {
            out.push_str(&format!("  error now: {e}\n"));
        }
        if a.syncs.is_empty() {
            out.push_str("  no sync in the log\n");
        }
        for s in &a.syncs {
            out.push_str(&format!(
                "  {} {} ({} fetched, {} sent, {} ms)\n",
                s.at, s.outcome, s.pulled, s.pushed, s.took_ms
            ));
        }
    }
    out.push_str("\nLast log lines:\n");
    for l in &v.log_tail {
        out.push_str(l);
        out.push('\n');
    }
    out
}
