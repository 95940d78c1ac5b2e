use super::{print_json, Context};
use crate::args::SearchArgs;
use crate::display::clean;
use crate::error::Result;
use miraage_services::search::{self, SearchKind};

/// `search TEXT`: one line per result, the event's occurrence to jump to in the CLI's zone.
pub fn run(ctx: &Context, args: SearchArgs) -> Result<()> {
    let results = search::search(&ctx.open_store()?, ctx.zone, miraage_services::clock::now(), &args.text, args.limit)?;
    if args.json {
        return print_json(&results);
    }
    if results.is_empty() {
        println!("Nothing found for “{}”.", clean(&args.text));
    }
    for r in &results {
        let when = match (&r.when, r.all_day) {
            (Some(w), false) => chrono::DateTime::parse_from_rfc3339(w)
                .map(|t| t.with_timezone(&ctx.zone).format("%a %Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|_| w.clone()),
            (Some(w), true) => w.clone(),
            (None, _) => "-".into(),
        };
        let kind = match r.kind {
            SearchKind::Event => "event",
            SearchKind::Task => "task ",
        };
        println!("{kind}  {when:<20}  {}  [{}]  {}", clean(&r.title), clean(&r.source), clean(&r.snippet));
    }
    Ok(())
}
