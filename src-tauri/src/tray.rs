//! The tray icon and its menu: Now, Next, Plan today, Start / Done / Snooze 15 min / Skip /
//! Lock (or Unlock) of the current or next plan block, Stop timer (while one runs), Sync now (with the last sync time), Open Miraage, Quit.
//! The texts come from `miraage_services::companion`; they are refreshed on a timer and
//! whenever something here or a sync changed the plan.

use crate::state::AppState;
use crate::{clock, notify, window};
use miraage_services::companion::{self, BlockAction, CompanionView};
use miraage_services::contract::CALENDAR_CHANGED;
use miraage_services::history::timer::{self, RunningTimer};
use miraage_services::locks;
use std::sync::Mutex;
use std::time::Duration;
use tauri::menu::{Menu, MenuEvent, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Emitter, Manager, Wry};

/// How often the texts are brought up to date as time passes.
const REFRESH: Duration = Duration::from_secs(15);

/// The menu items whose text or state changes, and the block the actions act on.
pub struct Tray {
    icon: TrayIcon,
    now: MenuItem<Wry>,
    next: MenuItem<Wry>,
    actions: [MenuItem<Wry>; 4],
    /// Lock or Unlock the same block.
    lock: MenuItem<Wry>,
    /// Stop the running timer (disabled while none runs).
    timer: MenuItem<Wry>,
    sync: MenuItem<Wry>,
    view: Mutex<Option<CompanionView>>,
}

/// Builds the tray and starts its refresh timer. An error means there is no tray here (the
/// app then lives as a plain window).
///
/// # Errors
/// When the platform refuses the tray icon or its menu.
pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let item = |id: &str, text: &str| MenuItem::with_id(app, id, text, true, None::<&str>);
    let (now, next) = (item("now", "Now: …")?, item("next", "Next: …")?);
    let actions = [
        item("start", "Start")?,
        item("done", "Done")?,
        item("snooze", &format!("Snooze {} min", companion::SNOOZE_MIN))?,
        item("skip", "Skip")?,
    ];
    let lock = item("lock", "Lock")?;
    let timer = item("stop_timer", "Stop timer")?;
    let sync = item("sync", "Sync now")?;
    let separator = || PredefinedMenuItem::separator(app);
    let menu = Menu::with_items(
        app,
        &[
            &now,
            &next,
            &separator()?,
            &item("quick_add", "Quick add…")?,
            &item("plan_today", "Plan today")?,
            &actions[0],
            &actions[1],
            &actions[2],
            &actions[3],
            &lock,
            &timer,
            &separator()?,
            &sync,
            &separator()?,
            &item("open", "Open Miraage")?,
            &item("quit", "Quit")?,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id("main").menu(&menu).tooltip("Miraage").on_menu_event(on_menu);
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let icon = builder.build(app)?;
    app.manage(Tray { icon, now, next, actions, lock, timer, sync, view: Mutex::new(None) });
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            refresh(&handle).await;
            tokio::time::sleep(clock::every(REFRESH)).await;
        }
    });
    Ok(())
}

/// Brings the menu texts, the actions' state and the tooltip up to date.
pub async fn refresh(app: &AppHandle) {
    let Some(tray) = app.try_state::<Tray>() else { return };
    let now = clock::now();
    let (view, locked, running) = match app.state::<AppState>().with_store(move |s, zone| read_view(s, zone, now)).await
    {
        Ok(v) => v,
        Err(e) => return eprintln!("miraage: tray: {e}"),
    };
    let target = view.target.as_ref();
    let mut changed = tray.now.set_text(&view.now_line).and(tray.next.set_text(&view.next_line));
    changed = changed.and(tray.sync.set_text(&view.sync_line));
    for (item, name) in tray.actions.iter().zip(["Start", "Done", "Snooze", "Skip"]) {
        let text = match target {
            Some(t) if name == "Snooze" => format!("Snooze {} min: {}", companion::SNOOZE_MIN, t.title),
            Some(t) => format!("{name}: {}", t.title),
            None if name == "Snooze" => format!("Snooze {} min", companion::SNOOZE_MIN),
            None => name.to_string(),
        };
        changed = changed.and(item.set_text(text)).and(item.set_enabled(target.is_some()));
    }
    let lock_text = match (target, locked) {
        (Some(t), true) => format!("Unlock: {}", t.title),
        (Some(t), false) => format!("Lock: {}", t.title),
        (None, _) => "Lock".to_string(),
    };
    // A task's block or a habit's session alike.
    let lockable = target.is_some_and(|t| t.block_id.is_some());
    changed = changed.and(tray.lock.set_text(lock_text)).and(tray.lock.set_enabled(lockable));
    let timer_text = running
        .as_ref()
        .map_or_else(|| "Stop timer".to_string(), |t| format!("Stop timer: {} ({} min)", t.title, t.minutes));
    changed = changed.and(tray.timer.set_text(timer_text)).and(tray.timer.set_enabled(running.is_some()));
    changed = changed.and(tray.icon.set_tooltip(Some(&view.tooltip)));
    if let Err(e) = changed {
        eprintln!("miraage: tray: {e}");
    }
    *tray.view.lock().unwrap_or_else(|p| p.into_inner()) = Some(view);
}

/// The companion's view, whether the block it acts on is locked (the Lock item's text) and
/// the running timer.
fn read_view(
    store: &mut miraage_store::Store,
    zone: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> miraage_services::Result<(CompanionView, bool, Option<RunningTimer>)> {
    let view = companion::now_next(store, zone, now)?;
    let block = view.target.as_ref().and_then(|t| t.block_id.clone());
    let locked = block.map(|b| locks::is_locked(store, &b)).transpose()?.unwrap_or(false);
    Ok((view, locked, timer::running(store, zone, now)?))
}

fn on_menu(app: &AppHandle, event: MenuEvent) {
    let app = app.clone();
    let id = event.id().as_ref().to_string();
    match id.as_str() {
        "open" => window::show(&app),
        // The window opens with its quick-add box focused: the line is typed there.
        "quick_add" => window::send(&app, miraage_services::contract::QUICK_ADD, String::new()),
        "now" | "next" => {
            let view = app.state::<Tray>().view.lock().unwrap_or_else(|p| p.into_inner()).clone();
            let item = view.and_then(|v| if id == "now" { v.now } else { v.next });
            window::show(&app);
            if let Some(item) = item {
                window::open_date(&app, &item.start);
            }
        }
        "quit" => window::quit(&app),
        "sync" => {
            tauri::async_runtime::spawn(async move {
                crate::sync::run_all(&app, None, true).await;
                refresh(&app).await;
            });
        }
        "lock" => {
            let target = app.state::<Tray>().view.lock().unwrap_or_else(|p| p.into_inner()).clone();
            let Some(block) = target.and_then(|v| v.target).and_then(|t| t.block_id) else { return };
            tauri::async_runtime::spawn(async move {
                let now = clock::now();
                let out = app.state::<AppState>().with_store(move |s, zone| locks::toggle(s, zone, now, &block)).await;
                report(&app, out).await;
            });
        }
        "stop_timer" => {
            tauri::async_runtime::spawn(async move {
                let now = clock::now();
                let out = app.state::<AppState>().with_store(move |s, zone| timer::stop(s, zone, now)).await;
                // A timer left running records nothing: the question says what to do instead.
                report(
                    &app,
                    out.map(|t| [Some(t.message), t.question].into_iter().flatten().collect::<Vec<_>>().join(" ")),
                )
                .await;
            });
        }
        "plan_today" => {
            tauri::async_runtime::spawn(async move {
                let now = clock::now();
                let out = app.state::<AppState>().with_store(move |s, zone| companion::plan_today(s, zone, now)).await;
                report(&app, out.map(|o| o.message)).await;
            });
        }
        action => {
            let action = match action {
                "start" => BlockAction::Start,
                "done" => BlockAction::Done,
                "snooze" => BlockAction::Snooze,
                "skip" => BlockAction::Skip,
                _ => return,
            };
            let target = app.state::<Tray>().view.lock().unwrap_or_else(|p| p.into_inner()).clone();
            let Some(block) = target.and_then(|v| v.target).and_then(|t| t.block_id) else { return };
            tauri::async_runtime::spawn(async move {
                let now = clock::now();
                let out = app
                    .state::<AppState>()
                    .with_store(move |s, zone| companion::act(s, zone, now, action, &block))
                    .await;
                report(&app, out.map(|o| o.message)).await;
            });
        }
    }
}

/// Tells the user what a tray action did (or why not), lets the window reload, and refreshes
/// the menu.
async fn report(app: &AppHandle, outcome: miraage_services::Result<String>) {
    let message = outcome.unwrap_or_else(|e| e.to_string());
    eprintln!("miraage: tray: {message}");
    notify::show(app, notify::Note::info("Miraage", &message));
    let _ = app.emit(CALENDAR_CHANGED, ());
    refresh(app).await;
}
