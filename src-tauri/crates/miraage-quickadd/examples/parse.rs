//! Prints what a line means, with its spans:
//! `cargo run -p miraage-quickadd --example parse -- "TEXT" [NOW_RFC3339] [ZONE]`
//! (defaults: now, UTC).

use chrono::{DateTime, Utc};

fn main() {
    let mut args = std::env::args().skip(1);
    let text = args.next().unwrap_or_default();
    let now = args
        .next()
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map_or_else(Utc::now, |t| t.with_timezone(&Utc));
    let tz = args.next().and_then(|s| s.parse().ok()).unwrap_or(chrono_tz::UTC);
    let parsed = miraage_quickadd::parse(&text, now, tz);
    match serde_json::to_string_pretty(&parsed) {
        Ok(json) => println!("{json}"),
        Err(e) => eprintln!("{e}"),
    }
}
