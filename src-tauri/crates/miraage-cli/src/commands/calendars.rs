use super::{print_json, Context};
use crate::display::clean;
use crate::error::Result;

pub fn run(ctx: &Context, json: bool) -> Result<()> {
    let calendars = miraage_services::calendars::list(&ctx.open_store()?)?;
    if json {
        return print_json(&calendars);
    }
    for c in &calendars {
        let hidden = if c.visible { "" } else { "  (hidden)" };
        println!("{}  {} / {}{}", clean(&c.color), clean(&c.account_name), clean(&c.name), hidden);
    }
    Ok(())
}
