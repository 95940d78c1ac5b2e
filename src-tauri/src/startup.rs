//! Start-up timings for the first-paint benchmark (`tests/bench/first_paint.sh`): with
//! `MIRAAGE_STARTUP_TRACE` set, each stage is logged as the wall-clock instant it was reached
//! (milliseconds since the Unix epoch), the shell's own stages and the page's alike, so that
//! the benchmark can put them on one line from the moment it launched the app. Without the
//! variable (always, for users) nothing is logged.

use serde::Deserialize;
use std::time::{SystemTime, UNIX_EPOCH};

fn enabled() -> bool {
    std::env::var_os("MIRAAGE_STARTUP_TRACE").is_some()
}

fn log(stage: &str, epoch_ms: f64) {
    eprintln!("miraage: startup: {stage} at {epoch_ms:.1}");
}

/// Logs that the shell reached `stage` now.
pub fn mark(stage: &str) {
    if enabled() {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        log(stage, now.as_secs_f64() * 1000.0);
    }
}

/// A stage the page reached, at `performance.timeOrigin + performance.now()`.
#[derive(Debug, Deserialize)]
pub struct PageMark {
    stage: String,
    epoch_ms: f64,
}

/// The page's own stages (navigation, script, first week drawn, painted), logged as above.
#[tauri::command]
pub fn startup_marks(marks: Vec<PageMark>) {
    if enabled() {
        for m in marks.iter().filter(|m| m.stage.len() <= 40 && m.epoch_ms.is_finite()) {
            log(&m.stage, m.epoch_ms);
        }
    }
}
