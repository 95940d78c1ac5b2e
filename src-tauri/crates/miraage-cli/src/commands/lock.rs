use super::Context;
use crate::display::clean;
use crate::error::Result;
use miraage_services::locks;

/// `lock ID` / `unlock ID`: an accepted block (its block id, or its event's id as `events
/// --json` prints it) locked where it is, or unlocked; prints what was done.
pub fn run(ctx: &Context, id: &str, locked: bool) -> Result<()> {
    let mut store = ctx.open_store()?;
    let message = locks::set_locked(&mut store, ctx.zone, miraage_services::clock::now(), id, locked)?;
    println!("{}", clean(&message));
    Ok(())
}
