//! The main window's life beside the tray: shown and focused on demand, hidden (not closed)
//! when the user closes it while a tray is there, and a clean quit.

use crate::state::AppState;
use miraage_services::companion::settings;
use miraage_services::contract::OPEN_DATE;
use tauri::{AppHandle, Emitter, Manager, WindowEvent};

/// Shows, unminimises and focuses the main window.
pub fn show(app: &AppHandle) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show().and(w.unminimize()).and(w.set_focus());
    }
}

/// Asks the window to show the week of `start` (an RFC 3339 instant or a date).
pub fn open_date(app: &AppHandle, start: &str) {
    let _ = app.emit(OPEN_DATE, start.get(..10).unwrap_or(start).to_string());
}

/// Quits once the write in progress (if any) is done: the store's lock is taken first, so
/// no transaction is cut off.
pub fn quit(app: &AppHandle) {
    if let Ok(store) = app.state::<AppState>().store_handle() {
        let _finished = store.lock();
        app.exit(0);
    } else {
        app.exit(0);
    }
}

/// A SIGTERM, SIGINT or SIGHUP (`kill`, Ctrl+C where it was started, the session ending)
/// quits as Quit does: after the write in progress, never in the middle of it.
#[cfg(unix)]
pub fn quit_on_signals(app: &AppHandle) {
    use tokio::signal::unix::{signal, SignalKind};
    for kind in [SignalKind::terminate(), SignalKind::interrupt(), SignalKind::hangup()] {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            match signal(kind) {
                Ok(mut received) => {
                    if received.recv().await.is_some() {
                        eprintln!("miraage: signal {}: quitting", kind.as_raw_value());
                        quit(&app);
                    }
                }
                Err(e) => eprintln!("miraage: signal {} not handled: {e}", kind.as_raw_value()),
            }
        });
    }
}

/// Closing the window hides it when the setting says so and a tray is there; the first time,
/// a notification says where it went.
pub fn on_event(window: &tauri::Window, event: &WindowEvent) {
    let WindowEvent::CloseRequested { api, .. } = event else { return };
    let app = window.app_handle();
    if app.try_state::<crate::tray::Tray>().is_none() {
        return;
    }
    let Ok(store) = app.state::<AppState>().store_handle() else { return };
    let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
    let Ok(mut s) = settings::load(&store) else { return };
    if !s.close_to_tray {
        return;
    }
    api.prevent_close();
    let _ = window.hide();
    if !s.close_hint_shown {
        s.close_hint_shown = true;
        let _ = settings::save(&mut store, &s);
        crate::notify::show(
            app,
            crate::notify::Note::info(
                "Miraage is still running",
                "It keeps syncing and reminding you from the tray. Open it again from the tray icon; \
                 to quit, choose Quit there. You can turn this off in Settings.",
            ),
        );
    }
}
