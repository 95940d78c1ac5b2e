//! The app's "now". Tests of the tray move time on by writing an RFC 3339 instant into the
//! file named by `MIRAAGE_NOW_FILE`; without it (always, for users) this is the system clock.

use chrono::{DateTime, Utc};
use std::time::Duration;

/// The current instant: the test clock's when one is set and readable, else the system's.
pub fn now() -> DateTime<Utc> {
    std::env::var_os("MIRAAGE_NOW_FILE")
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| DateTime::parse_from_rfc3339(text.trim()).ok())
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}

/// The pause between periodic checks (reminders, the tray's texts): `normal`, or one second
/// under a test clock, whose jumps a test then sees followed at once.
pub fn every(normal: Duration) -> Duration {
    if std::env::var_os("MIRAAGE_NOW_FILE").is_some() {
        Duration::from_secs(1)
    } else {
        normal
    }
}
