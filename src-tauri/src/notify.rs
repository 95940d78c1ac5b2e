//! Notifications, sent from Rust straight to the desktop's notification server over D-Bus
//! (`notify-rust`): tauri-plugin-notification has no action buttons on Linux. No server, or
//! one that fails, is logged and never stops the app.

use crate::state::AppState;
use crate::{clock, tray, window};
use miraage_services::companion::{self, Notice, NoticeAction};
use miraage_services::contract::CALENDAR_CHANGED;
use tauri::{AppHandle, Emitter, Manager};

/// A notice the shell itself writes (the first-close hint, a tray action's outcome).
pub struct Note;

impl Note {
    pub fn info(summary: &str, body: &str) -> Notice {
        Notice { summary: summary.to_string(), body: body.to_string(), actions: Vec::new(), block_id: None }
    }
}

/// Sends `notice` on its own thread; its buttons, where the server shows them, act on the
/// notice's plan block or open the window.
pub fn show(app: &AppHandle, notice: Notice) {
    let app = app.clone();
    let spawned = std::thread::Builder::new().name("notify".into()).spawn(move || {
        let mut n = notify_rust::Notification::new();
        n.appname("Miraage").summary(&notice.summary).body(&notice.body).icon("app.miraage.desktop");
        for a in &notice.actions {
            n.action(action_key(*a), a.label());
        }
        match n.show() {
            Ok(handle) if !notice.actions.is_empty() => {
                handle.wait_for_action(|key| on_action(&app, &notice, key));
            }
            Ok(_) => {}
            Err(e) => eprintln!("miraage: notification “{}” not shown: {e}", notice.summary),
        }
    });
    if let Err(e) = spawned {
        eprintln!("miraage: notification thread: {e}");
    }
}

fn action_key(a: NoticeAction) -> &'static str {
    match a {
        NoticeAction::Start => "start",
        NoticeAction::Snooze => "snooze",
        NoticeAction::Open => "default",
    }
}

fn on_action(app: &AppHandle, notice: &Notice, key: &str) {
    let action = [NoticeAction::Start, NoticeAction::Snooze].into_iter().find(|a| action_key(*a) == key);
    let (Some(block_action), Some(block)) = (action.and_then(NoticeAction::block_action), notice.block_id.clone())
    else {
        if key == "default" {
            window::show(app);
        }
        return;
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let now = clock::now();
        let out =
            app.state::<AppState>().with_store(move |s, zone| companion::act(s, zone, now, block_action, &block)).await;
        match out {
            Ok(o) => eprintln!("miraage: {}", o.message),
            Err(e) => show(&app, Note::info("Miraage", &e.to_string())),
        }
        let _ = app.emit(CALENDAR_CHANGED, ());
        tray::refresh(&app).await;
    });
}
