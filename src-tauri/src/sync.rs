//! Sync in the app: a background schedule, on-demand runs, account commands, and events that
//! tell the window what is happening. The use cases are `miraage-services`'; this module
//! only schedules them and turns their progress into window events.

use crate::state::AppState;
use miraage_accounts::ClientStatus;
use miraage_domain::{AccountView, SyncEvent};
use miraage_secrets::Secret;
use miraage_services::contract::{PLAN_CHANGED, SYNC_FINISHED, SYNC_PROGRESS};
use miraage_services::{accounts, sync, Result};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, State};

/// How often accounts sync on their own (a run also retries edits whose backoff is over).
const INTERVAL: Duration = Duration::from_secs(10 * 60);
/// The first run after start-up, once the window has drawn.
const FIRST_RUN: Duration = Duration::from_secs(5);

/// One sync at a time: a scheduled run and a "Sync now" must not send the same edit twice.
#[derive(Default)]
pub struct SyncGate(tokio::sync::Mutex<()>);

/// Starts the schedule: every [`INTERVAL`], all accounts, edits sent when their retry time
/// has come.
pub fn start_schedule(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_RUN).await;
        loop {
            run_all(&app, None, false).await;
            tokio::time::sleep(INTERVAL).await;
        }
    });
}

/// Syncs every account (or the one named), emitting `sync://progress` and `sync://finished`;
/// after a run that brought changes, pushes the re-plan's moves (`plan://changed`) if
/// accepted blocks now collide. Nothing moves until the user accepts (unless they let
/// re-plans apply on their own).
pub(crate) async fn run_all(app: &AppHandle, only: Option<String>, force: bool) {
    let state = app.state::<AppState>();
    let Ok(store) = state.store_handle() else { return };
    let gate = app.state::<SyncGate>();
    let _running = gate.0.lock().await;
    let progress = |account: &str, message: String| {
        let event = SyncEvent {
            account: account.to_string(),
            message,
            finished: false,
            error: None,
            changed: false,
            replan_needed: false,
        };
        let _ = app.emit(SYNC_PROGRESS, event);
    };
    let finished = |event: SyncEvent| {
        let _ = app.emit(SYNC_FINISHED, event);
    };
    let run = match sync::sync_accounts(&store, state.zone, only.as_deref(), force, &progress, &finished).await {
        Ok(run) => run,
        Err(e) => return eprintln!("miraage: sync: {e}"),
    };
    let mut replan = None;
    if run.changed() {
        match sync::replan_after_sync(&store, state.zone, crate::clock::now()) {
            Ok(Some(preview)) => {
                let _ = app.emit(PLAN_CHANGED, &preview);
                replan = Some(preview);
            }
            Ok(None) => {}
            Err(e) => eprintln!("miraage: re-plan after sync: {e}"),
        }
    }
    crate::reminders::after_sync(app, &run, replan.as_ref()).await;
    crate::tray::refresh(app).await;
}

/// Remote accounts with their sync status.
#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<AccountView>> {
    state.with_store(|store, _| accounts::list(store)).await
}

/// Starts a sync of every account (or `account`) now, sending every pending edit; progress
/// and the outcome arrive as events. Returns at once.
#[tauri::command]
pub async fn sync_now(app: AppHandle, account: Option<String>) -> Result<()> {
    tauri::async_runtime::spawn(async move { run_all(&app, account, true).await });
    Ok(())
}

/// Adds a CalDAV account (checked against the server first; the password goes to the
/// keyring), then syncs it in the background.
#[tauri::command]
pub async fn add_caldav_account(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    url: String,
    user: String,
    password: String,
    pin: Option<String>,
) -> Result<AccountView> {
    let store = state.store_handle()?;
    let password = Secret::new(password);
    let account = accounts::add_caldav(&store, state.zone, &name, &url, &user, &password, pin.as_deref()).await?;
    added(app, &store, account.name)
}

/// Adds a read-only ICS subscription (fetched once first), then syncs it in the background.
#[tauri::command]
pub async fn add_ics_account(
    app: AppHandle,
    state: State<'_, AppState>,
    name: String,
    url: String,
) -> Result<AccountView> {
    let store = state.store_handle()?;
    let account = accounts::add_ics(&store, state.zone, &name, &url).await?;
    added(app, &store, account.name)
}

/// Adds a Google or Microsoft account: the system browser opens the provider's consent page
/// and the answer comes back to a loopback listener; then syncs it in the background.
#[tauri::command]
pub async fn add_oauth_account(
    app: AppHandle,
    state: State<'_, AppState>,
    provider: String,
    name: String,
) -> Result<AccountView> {
    let store = state.store_handle()?;
    let account = accounts::add_oauth(
        &store,
        state.zone,
        accounts::oauth_kind(&provider)?,
        &name,
        &miraage_accounts::SystemBrowser,
    )
    .await?;
    added(app, &store, account.name)
}

/// The OAuth client Google or Microsoft sign-in would use now, and where it comes from (the
/// environment, the settings, this build), for the Accounts panel.
#[tauri::command]
pub async fn oauth_client(state: State<'_, AppState>, provider: String) -> Result<ClientStatus> {
    state.with_store(move |store, _| accounts::oauth_client(store, &provider)).await
}

/// Saves the client id (and Google's client secret, to the keyring; Microsoft's tenant) the
/// user registered, for sign-in to use.
#[tauri::command]
pub async fn save_oauth_client(
    state: State<'_, AppState>,
    provider: String,
    client_id: String,
    tenant: Option<String>,
    secret: Option<String>,
) -> Result<ClientStatus> {
    state
        .with_store(move |store, _| {
            accounts::save_oauth_client(store, &provider, &client_id, tenant.as_deref(), secret.as_deref())
        })
        .await
}

/// The step-by-step guide to registering a Google or Microsoft OAuth client, shown in the app.
#[tauri::command]
pub async fn oauth_setup_guide() -> Result<String> {
    Ok(accounts::oauth_setup_guide().to_string())
}

/// Removes an account from this computer: its calendars, events, tasks and secrets.
#[tauri::command]
pub async fn remove_account(state: State<'_, AppState>, name: String) -> Result<()> {
    let store = state.store_handle()?;
    accounts::remove(&store, state.zone, &name).await?;
    Ok(())
}

/// The new account's view; its first sync starts in the background.
fn added(app: AppHandle, store: &std::sync::Mutex<miraage_store::Store>, name: String) -> Result<AccountView> {
    let view = accounts::view_of(&store.lock().unwrap_or_else(|p| p.into_inner()), &name)?;
    tauri::async_runtime::spawn(async move { run_all(&app, Some(name), true).await });
    Ok(view)
}
