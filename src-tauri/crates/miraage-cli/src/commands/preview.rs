use super::{print_json, Context};
use crate::args::PreviewArgs;
use crate::error::{CliError, Result};
use crate::parse::day_or_instant;
use miraage_scheduling::{check_changes, preview, PreviewMode};

/// The app's Plan (or, with --check, its re-plan check) over the same store, printed as JSON.
pub fn run(ctx: &Context, args: PreviewArgs) -> Result<()> {
    let from = day_or_instant("--from", &args.from, ctx.zone)?;
    let to = day_or_instant("--to", &args.to, ctx.zone)?;
    if to <= from {
        return Err(CliError::Usage("--to must be after --from".into()));
    }
    let mut store = ctx.open_store()?;
    let now = chrono::Utc::now();
    let result = if args.check {
        check_changes(&mut store, ctx.zone, now, from, to)?
    } else {
        preview(&mut store, ctx.zone, now, from, to, PreviewMode::Plan)?
    };
    print_json(&result)
}
