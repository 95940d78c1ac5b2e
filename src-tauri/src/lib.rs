//! The Miraage desktop shell: a thin layer of Tauri commands over `miraage-services`, the
//! use cases every face shares. No business logic lives here: a command parses its
//! arguments, calls one use case and returns its view type.

include!("command_list.rs");

mod clock;
mod commands;
mod companion;
#[cfg(test)]
mod contract;
mod diagnostics_command;
mod event_commands;
mod habit_commands;
mod history_commands;
mod links;
mod meet_commands;
mod memory;
mod notify;
mod plan_commands;
mod reminders;
pub mod renderer;
mod search_command;
mod startup;
mod state;
mod sync;
mod task_commands;
mod tray;
mod undo_commands;
mod window;

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
    startup::mark("main");
    // Before GTK and any thread start: it may set an environment variable WebKit reads.
    renderer::choose();
    let demo = std::env::args().any(|a| a == "--demo");
    let hidden = std::env::args().any(|a| a == "--hidden");
    tauri::Builder::default()
        // First: a second launch only hands its arguments (links) to this one and exits.
        // Its links reach `on_open_url` below (the plugin's deep-link feature), once.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| window::show(app)))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            Some(vec!["--hidden"]),
        ))
        .on_window_event(window::on_event)
        .setup(move |app| {
            startup::mark("setup");
            app.manage(window::Mailbox::default());
            // The window first, so that WebKit starts its page while the store opens and the
            // tray is put up (the page's first command is handled once this setup returns).
            // Started hidden in the tray (at login): no window and no WebKit page until shown.
            if !hidden {
                window::show(app.handle());
                startup::mark("window made");
            } else {
                memory::release_when_settled(app.handle());
            }
            let state = AppState::open(demo);
            startup::mark("store open");
            if let Some(e) = state.open_error() {
                // The window still opens and shows the error; nothing is overwritten.
                eprintln!("miraage: {e}");
            }
            app.manage(state);
            app.manage(sync::SyncGate::default());
            sync::start_schedule(app.handle().clone());
            if let Err(e) = tray::install(app.handle()) {
                // No tray here: the window stays the only face, and closing it quits.
                eprintln!("miraage: no tray icon: {e}");
            }
            reminders::start(app.handle().clone());
            #[cfg(unix)]
            window::quit_on_signals(app.handle());
            deep_links(app.handle());
            startup::mark("setup done");
            Ok(())
        })
        .invoke_handler(app_commands!(handler))
        .build(tauri::generate_context!())
        .expect("error while running the Miraage application")
        .run(|app, event| window::on_run_event(app, &event));
}

/// Registers the link schemes where the platform allows it at run time (the package's desktop
/// file declares them too) and handles links this launch was started with or is sent later.
fn deep_links(app: &tauri::AppHandle) {
    use tauri_plugin_deep_link::DeepLinkExt;
    #[cfg(any(target_os = "linux", windows))]
    if let Err(e) = app.deep_link().register_all() {
        eprintln!("miraage: link schemes not registered: {e}");
    }
    let handle = app.clone();
    app.deep_link().on_open_url(move |event| links::handle(&handle, event.urls().iter().map(|u| u.to_string())));
    let first: Vec<String> = std::env::args().skip(1).collect();
    links::handle(app, first);
}
