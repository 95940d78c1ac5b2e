use super::{print_json, Context};
use crate::args::ForecastArgs;
use crate::display::clean;
use crate::error::Result;
use miraage_services::planning;

/// `forecast "Write report 3h by Friday"` or `forecast --task TITLE`: when it would be done if
/// planned now (a real plan; nothing is written), and this week's load.
pub fn run(ctx: &Context, args: ForecastArgs) -> Result<()> {
    let store = ctx.open_store()?;
    let now = miraage_services::clock::now();
    let view = match &args.task {
        Some(task) => planning::forecast_task(&store, ctx.zone, now, task)?,
        None => planning::forecast_text(&store, ctx.zone, now, args.text.as_deref().unwrap_or_default())?,
    };
    if args.json {
        return print_json(&view);
    }
    println!("{}: {}", clean(&view.title), clean(&view.message));
    println!("{}", planning::week_load(&store, ctx.zone, now)?.message);
    Ok(())
}
