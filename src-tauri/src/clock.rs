//! The app's "now": the test clock (`MIRAAGE_NOW_FILE`) or the system's, read by the core
//! (`miraage_services::clock`) so that the window, the tray and the CLI agree.

pub use miraage_services::clock::now;
use std::time::Duration;

/// The pause between periodic checks (reminders, the tray's texts): `normal`, or one second
/// under a test clock, whose jumps a test then sees followed at once.
pub fn every(normal: Duration) -> Duration {
    if miraage_services::clock::is_test_clock() {
        Duration::from_secs(1)
    } else {
        normal
    }
}
