//! `parse`: what a quick-add line means, read by `miraage-quickadd` exactly as the window's
//! quick-add box will read it; no database is opened.

use super::print_json;
use crate::args::ParseArgs;
use crate::error::{CliError, Result};
use chrono::{DateTime, Utc};

pub fn run(args: ParseArgs, tz: Option<&str>) -> Result<()> {
    let zone = match tz {
        Some(name) => miraage_domain::zone::resolve_zone(name)?,
        None => miraage_domain::zone::local_zone(),
    };
    let now = match &args.now {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map_err(|e| CliError::Usage(format!("--now {s:?} is not an RFC 3339 instant: {e}")))?
            .with_timezone(&Utc),
        None => miraage_services::clock::now(),
    };
    let parsed = miraage_quickadd::parse(&args.text, now, zone);
    if args.json {
        return print_json(&parsed.contract());
    }
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    println!("title     {}", parsed.title);
    println!("start     {}", or_dash(parsed.start.map(|w| w.to_string())));
    println!("due       {}", or_dash(parsed.due.map(|w| w.to_string())));
    println!("duration  {}", or_dash(parsed.duration_min.map(|m| format!("{m} min"))));
    println!("priority  {}", or_dash(parsed.priority.map(|p| format!("P{}", p.number()))));
    println!("rrule     {}", or_dash(parsed.rrule.map(|r| r.to_string())));
    println!("tags      {}", if parsed.tags.is_empty() { "-".into() } else { parsed.tags.join(", ") });
    Ok(())
}
