//! "Now" for every face. Tests of the app, the tray and the CLI move time on by writing an
//! RFC 3339 instant into the file named by `MIRAAGE_NOW_FILE`; without it (always, for
//! users) this is the system clock. One reader, so the window and the CLI always agree.

use chrono::{DateTime, Utc};

/// The environment variable naming the test clock's file.
pub const TEST_CLOCK: &str = "MIRAAGE_NOW_FILE";

/// The current instant: the test clock's when one is set and readable, else the system's.
pub fn now() -> DateTime<Utc> {
    std::env::var_os(TEST_CLOCK)
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|text| DateTime::parse_from_rfc3339(text.trim()).ok())
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc))
}

/// Whether a test clock is set (the shell then checks every second, so a test's jump of the
/// clock is followed at once).
pub fn is_test_clock() -> bool {
    std::env::var_os(TEST_CLOCK).is_some()
}
