use super::{print_json, Context};
use crate::args::PreviewArgs;
use crate::error::{CliError, Result};
use crate::parse::day_or_instant;
use miraage_services::planning;

/// The app's Plan (or, with --check, its re-plan check) over the same store, printed as JSON.
pub fn run(ctx: &Context, args: PreviewArgs) -> Result<()> {
    let from = day_or_instant("--from", &args.from, ctx.zone)?;
    let to = day_or_instant("--to", &args.to, ctx.zone)?;
    if to <= from {
        return Err(CliError::Usage("--to must be after --from".into()));
    }
    let mut store = ctx.open_store()?;
    let now = miraage_services::clock::now();
    if args.check {
        print_json(&planning::check(&mut store, ctx.zone, now, Some((from, to)))?)
    } else {
        print_json(&planning::plan_range(&mut store, ctx.zone, now, from, to)?)
    }
}
