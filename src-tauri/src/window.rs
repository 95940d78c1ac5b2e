//! The main window's life beside the tray. The window is made when it is first shown (not
//! at all when Miraage starts hidden in the tray) and closed for good when the user closes it
//! while the tray keeps Miraage running: WebKit's page process then ends and gives back its
//! memory (most of the app's), and showing the window again makes a new one. What is asked of
//! the window while it is not there (a link, a day to show) waits in [`Mailbox`] until the
//! page says it is ready.

use crate::state::AppState;
use miraage_services::companion::settings;
use miraage_services::contract::{WindowRequest, OPEN_DATE};
use std::sync::Mutex;
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Emitter, Manager, WebviewWindowBuilder, WindowEvent};

/// The main window's label, as the capability file and `tauri.conf.json` name it.
const MAIN: &str = "main";

/// How long a new window waits for its page to load before it is shown anyway.
const SHOW_AT_LATEST: std::time::Duration = std::time::Duration::from_secs(3);

/// Events for the window that came while it was closed or loading, and whether its page
/// listens yet.
#[derive(Default)]
pub struct Mailbox(Mutex<MailboxState>);

#[derive(Default)]
struct MailboxState {
    ready: bool,
    queued: Vec<WindowRequest>,
}

impl Mailbox {
    fn state(&self) -> std::sync::MutexGuard<'_, MailboxState> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Shows, unminimises and focuses the main window, making it first if it is not there.
pub fn show(app: &AppHandle) {
    if let Some(w) = app.get_webview_window(MAIN) {
        let _ = w.show().and(w.unminimize()).and(w.set_focus());
        return;
    }
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == MAIN) else { return };
    // Made unmapped and shown once its page has loaded: a WebKitGTK view drawn before its page
    // process has a frame blocks the main thread for up to 500 ms waiting for one, and that
    // thread is the one that serves the page its files, so the first paint came 500 ms late
    // (shown when the load starts, the wait only moves there). WebKitWebDriver cannot take
    // over a view that is not mapped yet, so under automation (the e2e tests) it is shown at
    // once, as before.
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true");
    let built = WebviewWindowBuilder::from_config(app, config).and_then(|b| {
        b.visible(automated)
            .on_page_load(|w, load| {
                if load.event() == PageLoadEvent::Finished {
                    let _ = w.show().and(w.set_focus());
                }
            })
            .build()
    });
    if let Err(e) = built {
        return eprintln!("miraage: the window could not be opened: {e}");
    }
    // A page that never finishes loading (a broken asset) still gets its window, to show what
    // it can.
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SHOW_AT_LATEST).await;
        if let Some(w) = app.get_webview_window(MAIN) {
            if !w.is_visible().unwrap_or(true) {
                let _ = w.show();
            }
        }
    });
}

/// Shows the window and hands it `event` with `payload`: at once when its page listens,
/// else when the page says it is ready.
pub fn send(app: &AppHandle, event: &str, payload: String) {
    {
        let mailbox = app.state::<Mailbox>();
        let mut state = mailbox.state();
        if !(state.ready && app.get_webview_window(MAIN).is_some()) {
            state.queued.push(WindowRequest { event: event.to_string(), payload });
            drop(state);
            return show(app);
        }
    }
    show(app);
    if let Err(e) = app.emit(event, payload) {
        eprintln!("miraage: window event {event}: {e}");
    }
}

/// Asks the window to show the week of `start` (an RFC 3339 instant or a date).
pub fn open_date(app: &AppHandle, start: &str) {
    send(app, OPEN_DATE, start.get(..10).unwrap_or(start).to_string());
}

/// The page listens now: what was asked of it meanwhile, oldest first.
#[tauri::command]
pub fn window_ready(mailbox: tauri::State<'_, Mailbox>) -> Vec<WindowRequest> {
    let mut state = mailbox.state();
    state.ready = true;
    let queued = std::mem::take(&mut state.queued);
    let events: Vec<&str> = queued.iter().map(|r| r.event.as_str()).collect();
    eprintln!("miraage: window ready: {} request(s) handed over ({})", queued.len(), events.join(", "));
    queued
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

/// Whether closing the window keeps Miraage running in the tray (a tray is there and the
/// setting says so); the first time, a notification says where it went.
fn keeps_running(app: &AppHandle) -> bool {
    if app.try_state::<crate::tray::Tray>().is_none() {
        return false;
    }
    let Ok(store) = app.state::<AppState>().store_handle() else { return false };
    let mut store = store.lock().unwrap_or_else(|p| p.into_inner());
    let Ok(mut s) = settings::load(&store) else { return false };
    if !s.close_to_tray {
        return false;
    }
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
    true
}

/// The page of a closed window no longer listens: what comes next waits for the new one.
pub fn on_event(window: &tauri::Window, event: &WindowEvent) {
    if let WindowEvent::Destroyed = event {
        if window.label() == MAIN {
            window.app_handle().state::<Mailbox>().state().ready = false;
            crate::memory::release_when_settled(window.app_handle());
        }
    }
}

/// The last window closed: Miraage stays in the tray when it should (the window is made
/// again when shown), else it quits. A Quit (an exit with a code) always quits.
pub fn on_run_event(app: &AppHandle, event: &tauri::RunEvent) {
    if let tauri::RunEvent::ExitRequested { code: None, api, .. } = event {
        if keeps_running(app) {
            api.prevent_exit();
        }
    }
}
