//! The Miraage desktop shell: a thin layer of Tauri commands over the core crates
//! (`miraage-domain`, `miraage-store`, `miraage-scheduling`, `miraage-sync`). No business logic lives here.

mod commands;
mod error;
mod renderer;
mod state;
mod sync;

use state::AppState;
use tauri::Manager;

/// Starts the app. The database is `MIRAAGE_DB` if set, else `miraage.db` in the platform's
/// data directory. `--demo` refreshes the demo week; a new database gets it on first run.
pub fn run() {
    // Before GTK and any thread start: it may set an environment variable WebKit reads.
    renderer::choose();
    let demo = std::env::args().any(|a| a == "--demo");
    tauri::Builder::default()
        .setup(move |app| {
            let data_dir = app.path().app_data_dir().ok();
            let state = AppState::open(data_dir.as_deref(), demo);
            if let Some(e) = state.open_error() {
                // The window still opens and shows the error; nothing is overwritten.
                eprintln!("miraage: {e}");
            }
            app.manage(state);
            app.manage(sync::SyncGate::default());
            sync::start_schedule(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_calendars,
            commands::set_calendar_visible,
            commands::list_occurrences,
            commands::list_tasks,
            commands::add_task,
            commands::update_task,
            commands::set_task_done,
            commands::plan_now,
            commands::current_plan,
            commands::check_plan,
            commands::accept_ghost,
            commands::accept_all_ghosts,
            commands::reject_ghost,
            commands::reject_all_ghosts,
            commands::get_settings,
            commands::save_settings,
            sync::list_accounts,
            sync::sync_now,
            sync::add_caldav_account,
            sync::add_ics_account,
            sync::add_oauth_account,
            sync::oauth_client,
            sync::save_oauth_client,
            sync::oauth_setup_guide,
            sync::remove_account,
        ])
        .run(tauri::generate_context!())
        .expect("error while running the Miraage application");
}
