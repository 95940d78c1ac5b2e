use super::Context;
use crate::args::DemoArgs;
use crate::error::{CliError, Result};
use chrono::NaiveDate;

pub fn run(ctx: &Context, args: DemoArgs) -> Result<()> {
    let today = match args.today {
        Some(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| CliError::Usage(format!("--today: {s:?} is not YYYY-MM-DD")))?,
        None => miraage_services::clock::now().with_timezone(&ctx.zone).date_naive(),
    };
    let mut store = ctx.open_store()?;
    let summary = store.seed_demo(today, ctx.zone)?;
    println!("Demo week of {today}: {} events and {} tasks in {}", summary.events, summary.tasks, ctx.db.display());
    Ok(())
}
