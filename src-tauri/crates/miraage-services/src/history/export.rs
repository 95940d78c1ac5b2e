//! The history as CSV or JSON: one row per block planned (its task as the history keeps it,
//! the planned time, the outcome and the minutes spent). Written to a file whole or not at
//! all: into a temporary file beside it, then renamed over it.

use super::OutcomeKind;
use crate::error::{Result, ServiceError};
use chrono::{DateTime, Utc};
use miraage_domain::time::format_instant;
use miraage_store::{HistoryRecord, Store};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// One block in the export (and in the window's table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryRow {
    pub block: String,
    pub task_uid: String,
    pub title: String,
    pub project: Option<String>,
    pub tags: Vec<String>,
    pub estimate_min: Option<u32>,
    /// RFC 3339 UTC instants.
    pub planned_start: String,
    pub planned_end: String,
    pub planned_min: u32,
    /// `None`: nothing recorded yet.
    pub outcome: Option<OutcomeKind>,
    pub actual_min: Option<u32>,
    pub recorded_at: Option<String>,
}

impl HistoryRow {
    fn from_record(r: &HistoryRecord) -> Self {
        HistoryRow {
            block: r.block_id.clone(),
            task_uid: r.task.uid.clone(),
            title: r.task.title.clone(),
            project: r.task.project.clone(),
            tags: r.task.tags.clone(),
            estimate_min: r.task.estimate_min,
            planned_start: format_instant(r.start),
            planned_end: format_instant(r.end),
            planned_min: r.planned_min(),
            outcome: r.outcome.map(OutcomeKind::from_store),
            actual_min: r.actual_min,
            recorded_at: r.recorded_at.map(format_instant),
        }
    }
}

const CSV_HEADER: &str =
    "block,task_uid,title,project,tags,estimate_min,planned_start,planned_end,planned_min,outcome,actual_min,recorded_at";

/// Every block planned up to `until` (all of the history when `None`), oldest first.
///
/// # Errors
/// Store failures.
pub fn rows(store: &Store, until: Option<DateTime<Utc>>) -> Result<Vec<HistoryRow>> {
    let until = until.unwrap_or(DateTime::<Utc>::MAX_UTC);
    let records = store.history_records(DateTime::UNIX_EPOCH, until)?;
    Ok(records.iter().map(HistoryRow::from_record).collect())
}

/// The rows as text in `format` (CSV: RFC 4180 quoting, tags joined by spaces).
pub fn render(rows: &[HistoryRow], format: ExportFormat) -> String {
    match format {
        ExportFormat::Json => serde_json::to_string_pretty(rows).expect("history rows serialise") + "\n",
        ExportFormat::Csv => {
            let mut out = String::from(CSV_HEADER);
            out.push('\n');
            for r in rows {
                let opt = |v: Option<u32>| v.map(|m| m.to_string()).unwrap_or_default();
                let fields = [
                    r.block.clone(),
                    r.task_uid.clone(),
                    r.title.clone(),
                    r.project.clone().unwrap_or_default(),
                    r.tags.join(" "),
                    opt(r.estimate_min),
                    r.planned_start.clone(),
                    r.planned_end.clone(),
                    r.planned_min.to_string(),
                    r.outcome.map(serde_plain).unwrap_or_default(),
                    opt(r.actual_min),
                    r.recorded_at.clone().unwrap_or_default(),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                out.push_str(&line.join(","));
                out.push('\n');
            }
            out
        }
    }
}

fn serde_plain(o: OutcomeKind) -> String {
    serde_json::to_value(o).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn csv_field(f: &str) -> String {
    if f.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", f.replace('"', "\"\""))
    } else {
        f.to_string()
    }
}

/// Writes `text` to `path` whole or not at all (a temporary file beside it, synced, then
/// renamed over it).
///
/// # Errors
/// [`ServiceError::Refused`] naming the file and why when it cannot be written; nothing is
/// left behind then.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    let refuse = |e: std::io::Error| {
        ServiceError::Refused(format!(
            "Cannot write the history to {}: {}; nothing was written. Choose a folder you can write to.",
            path.display(),
            e.kind().to_string().to_lowercase()
        ))
    };
    if path.is_dir() {
        return Err(refuse(std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory")));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "history".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        refuse(e)
    })
}

/// What an export from the window wrote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExportDone {
    pub path: String,
    pub rows: u32,
    /// "Exported 120 blocks to ~/Downloads/miraage-history.csv."
    pub message: String,
}

/// Writes the whole history in `format` to `path`, or to `miraage-history.csv|json` in the
/// downloads folder (else the home folder).
///
/// # Errors
/// As [`write_file`]; store failures.
pub fn export(store: &Store, format: ExportFormat, path: Option<&str>) -> Result<ExportDone> {
    let path = match path.map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            let dir = dirs::download_dir().or_else(dirs::home_dir).unwrap_or_else(|| ".".into());
            dir.join(match format {
                ExportFormat::Csv => "miraage-history.csv",
                ExportFormat::Json => "miraage-history.json",
            })
        }
    };
    let rows = rows(store, None)?;
    write_file(&path, &render(&rows, format))?;
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    Ok(ExportDone {
        message: format!("Exported {n} block(s) to {}.", path.display()),
        path: path.display().to_string(),
        rows: n,
    })
}
