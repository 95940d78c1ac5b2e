use super::{print_json, Context};
use crate::display::clean;
use crate::error::Result;
use miraage_services::undo;

/// `undo` (or `redo`): the last edit made through the store, printed as the window's toast
/// says it.
pub fn run(ctx: &Context, redo: bool, json: bool) -> Result<()> {
    let mut store = ctx.open_store()?;
    let outcome = if redo { undo::redo(&mut store)? } else { undo::undo(&mut store)? };
    if json {
        return print_json(&outcome);
    }
    println!("{}", clean(&outcome.message));
    Ok(())
}
