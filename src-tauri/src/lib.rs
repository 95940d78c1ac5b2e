//! The Miraage desktop shell: a thin layer of Tauri commands over `miraage-services`, the
//! use cases every face shares. No business logic lives here: a command parses its
//! arguments, calls one use case and returns its view type.

include!("command_list.rs");

mod commands;
#[cfg(test)]
mod contract;
mod event_commands;
mod renderer;
mod search_command;
mod state;
mod sync;
mod task_commands;
mod undo_commands;

use state::AppState;
use tauri::Manager;

/// The invoke handler of every command in [`app_commands`].
macro_rules! handler {
    ($($module:ident :: $command:ident),* $(,)?) => {
        tauri::generate_handler![$($module::$command),*]
    };
}

/// Starts the app. The database is `MIRAAGE_DB` if set, else `miraage.db` in the platform's
/// data directory. `--demo` refreshes the demo week; a new database gets it on first run.
pub fn run() {
    // Before GTK and any thread start: it may set an environment variable WebKit reads.
    renderer::choose();
    let demo = std::env::args().any(|a| a == "--demo");
    tauri::Builder::default()
        .setup(move |app| {
            let state = AppState::open(demo);
            if let Some(e) = state.open_error() {
                // The window still opens and shows the error; nothing is overwritten.
                eprintln!("miraage: {e}");
            }
            app.manage(state);
            app.manage(sync::SyncGate::default());
            sync::start_schedule(app.handle().clone());
            Ok(())
        })
        .invoke_handler(app_commands!(handler))
        .run(tauri::generate_context!())
        .expect("error while running the Miraage application");
}
