//! Reads `.ics` files as an import would and reports, per file, what was kept, repaired and
//! skipped, without a database: `cargo run -p miraage-ical --example ics_report -- FILE...`.
//! Used to check corpora of real-world files (see README, "Importing iCalendar files").

use chrono_tz::Tz;
use miraage_domain::{CalendarId, TaskListId};
use miraage_ical::import::{parse_ics_bytes, ImportOptions};

fn main() {
    let opts = ImportOptions { calendar_id: CalendarId::new(), task_list_id: TaskListId::new(), default_zone: Tz::UTC };
    let mut refused = 0;
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                println!("{path}: cannot be read: {e}");
                refused += 1;
                continue;
            }
        };
        match parse_ics_bytes(&bytes, &path, &opts) {
            Ok(p) => {
                println!(
                    "{path}: {} events, {} tasks, {} repaired, {} skipped",
                    p.events.len(),
                    p.tasks.len(),
                    p.repaired.len(),
                    p.skipped.len()
                );
                for r in &p.repaired {
                    println!("  repaired {r}");
                }
                for s in &p.skipped {
                    println!("  skipped {s}");
                }
                for n in &p.notes {
                    println!("  note: {n}");
                }
            }
            Err(e) => {
                println!("{path}: REFUSED: {e}");
                refused += 1;
            }
        }
    }
    std::process::exit(if refused > 0 { 1 } else { 0 });
}
