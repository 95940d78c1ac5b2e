//! Sync in the app: a background schedule, on-demand runs, account commands, and events that
//! tell the window what is happening. The work itself is `miraage-sync`'s.

use crate::error::AppError;
use crate::state::AppState;
use miraage_domain::{AccountView, SyncEvent};
use miraage_secrets::Secret;
use miraage_store::Store;
use miraage_accounts::SyncContext;
use miraage_sync::engine::Progress;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, State};

/// How often accounts sync on their own (a run also retries edits whose backoff is over).
const INTERVAL: Duration = Duration::from_secs(10 * 60);
/// The first run after start-up, once the window has drawn.
const FIRST_RUN: Duration = Duration::from_secs(5);

/// Pushed to the window when a sync made accepted blocks no longer fit: the re-plan's
/// proposed moves (a `PlanPreview`), for the window to show as ghosts without asking.
pub const PLAN_CHANGED: &str = "plan://changed";

/// One sync at a time: a scheduled run and a "Sync now" must not send the same edit twice.
#[derive(Default)]
pub struct SyncGate(tokio::sync::Mutex<()>);

/// The sync context with the OAuth clients the user entered (read at each use, so that a
/// client id entered a moment ago is used at once).
fn context(state: &AppState) -> SyncContext {
    match state.store_handle() {
        Ok(store) => SyncContext::for_store(state.zone, &store.lock().unwrap_or_else(|p| p.into_inner())),
        Err(_) => SyncContext::new(state.zone),
    }
}

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

/// Syncs every account (or the one named), emitting `sync://progress` and `sync://finished`.
async fn run_all(app: &AppHandle, only: Option<String>, force: bool) {
    let state = app.state::<AppState>();
    let Ok(store) = state.store_handle() else { return };
    let gate = app.state::<SyncGate>();
    let _running = gate.0.lock().await;
    let accounts = {
        let s = store.lock().unwrap_or_else(|p| p.into_inner());
        s.remote_accounts().unwrap_or_default()
    };
    let ctx = context(&state);
    let mut anything_changed = false;
    for account in accounts.into_iter().filter(|a| only.as_deref().is_none_or(|n| n == a.name)) {
        let name = account.name.clone();
        let emit_progress = |p: &Progress| {
            let message = match p {
                Progress::Listed { collections, .. } => format!("{collections} calendar(s) and list(s)"),
                Progress::Pulled { collection, changes } => format!("{collection}: {changes} change(s) fetched"),
                Progress::Pushed { collection, done, total } => format!("{collection}: sending {done} of {total}"),
                Progress::Finished { collection, error: None } => format!("{collection}: up to date"),
                Progress::Finished { collection, error: Some(e) } => format!("{collection}: {e}"),
            };
            let _ = app.emit("sync://progress", SyncEvent { account: name.clone(), message, finished: false, error: None, changed: false, replan_needed: false });
        };
        let outcome = ctx.sync(&store, &account, force, &emit_progress).await;
        let event = match outcome {
            Ok(report) => SyncEvent {
                account: name.clone(),
                message: if report.is_clean() { "up to date".into() } else { "synced with errors".into() },
                finished: true,
                error: report.errors().next().map(|(c, e)| format!("{c}: {e}")),
                changed: report.collections.iter().any(|c| c.pulled + c.removed > 0),
                replan_needed: report.replan_needed,
            },
            Err(e) => SyncEvent { account: name.clone(), message: "failed".into(), finished: true, error: Some(e.to_string()), changed: false, replan_needed: false },
        };
        anything_changed |= event.changed || event.replan_needed;
        let _ = app.emit("sync://finished", event);
    }
    if anything_changed {
        replan_after_sync(app, &state).await;
    }
}

/// Checks whether the changes a sync brought leave accepted blocks colliding, and pushes
/// the re-plan's moves to the window ([`PLAN_CHANGED`]). Nothing moves until the user accepts
/// (unless they let re-plans apply on their own).
async fn replan_after_sync(app: &AppHandle, state: &AppState) {
    let checked = state
        .with_store(|store, zone| {
            Ok(miraage_scheduling::check_ahead(store, zone, chrono::Utc::now())?)
        })
        .await;
    match checked {
        Ok(Some(preview)) => {
            let _ = app.emit(PLAN_CHANGED, preview);
        }
        Ok(None) => {}
        Err(e) => eprintln!("miraage: re-plan after sync: {e}"),
    }
}

/// Remote accounts with their sync status.
#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<AccountView>, AppError> {
    state
        .with_store(|store, _| {
            Ok(store.account_statuses()?.into_iter().map(account_view).collect())
        })
        .await
}

/// Starts a sync of every account (or `account`) now, sending every pending edit; progress
/// and the outcome arrive as events. Returns at once.
#[tauri::command]
pub async fn sync_now(app: AppHandle, account: Option<String>) -> Result<(), AppError> {
    tauri::async_runtime::spawn(async move { run_all(&app, account, true).await });
    Ok(())
}

/// Adds a CalDAV account (checked against the server first; the password goes to the
/// keyring), then syncs it in the background.
#[tauri::command]
pub async fn add_caldav_account(app: AppHandle, state: State<'_, AppState>, name: String, url: String, user: String, password: String) -> Result<AccountView, AppError> {
    let store = state.store_handle()?;
    let password = Secret::new(password);
    let account = context(&state).add_caldav(&store, &name, &url, &user, &password).await?;
    spawn_first_sync(app, account.name.clone());
    Ok(view_of(&store, &account.name)?)
}

/// Adds a read-only ICS subscription (fetched once first), then syncs it in the background.
#[tauri::command]
pub async fn add_ics_account(app: AppHandle, state: State<'_, AppState>, name: String, url: String) -> Result<AccountView, AppError> {
    let store = state.store_handle()?;
    let account = context(&state).add_ics(&store, &name, &url).await?;
    spawn_first_sync(app, account.name.clone());
    Ok(view_of(&store, &account.name)?)
}

/// Adds a Google or Microsoft account: the system browser opens the provider's consent page
/// and the answer comes back to a loopback listener; then syncs it in the background.
#[tauri::command]
pub async fn add_oauth_account(app: AppHandle, state: State<'_, AppState>, provider: String, name: String) -> Result<AccountView, AppError> {
    let kind = oauth_kind(&provider)?;
    let store = state.store_handle()?;
    let account = context(&state).add_oauth(&store, kind, &name, &miraage_accounts::SystemBrowser).await?;
    spawn_first_sync(app, account.name.clone());
    Ok(view_of(&store, &account.name)?)
}

fn oauth_kind(provider: &str) -> Result<miraage_accounts::ProviderKind, AppError> {
    match provider {
        "google" => Ok(miraage_accounts::ProviderKind::Google),
        "microsoft" => Ok(miraage_accounts::ProviderKind::Microsoft),
        _ => Err(AppError::BadArgument { what: "provider", value: provider.to_string(), expected: "google or microsoft" }),
    }
}

/// The OAuth client Google or Microsoft sign-in would use now, and where it comes from (the
/// environment, the settings, this build), for the Accounts panel.
#[tauri::command]
pub async fn oauth_client(state: State<'_, AppState>, provider: String) -> Result<miraage_accounts::ClientStatus, AppError> {
    let kind = oauth_kind(&provider)?;
    state.with_store(move |store, _| Ok(miraage_accounts::oauth_clients::status(store, &miraage_secrets::Keyring::new(), kind)?)).await
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
) -> Result<miraage_accounts::ClientStatus, AppError> {
    let kind = oauth_kind(&provider)?;
    state
        .with_store(move |store, _| {
            let keyring = miraage_secrets::Keyring::new();
            miraage_accounts::oauth_clients::save(store, &keyring, kind, &client_id, tenant.as_deref(), secret.as_deref())?;
            Ok(miraage_accounts::oauth_clients::status(store, &keyring, kind)?)
        })
        .await
}

/// The step-by-step guide to registering a Google or Microsoft OAuth client, shown in the app.
#[tauri::command]
pub async fn oauth_setup_guide() -> Result<String, AppError> {
    Ok(include_str!("../crates/miraage-oauth/docs/oauth-setup.md").to_string())
}

/// Removes an account from this computer: its calendars, events, tasks and secrets.
#[tauri::command]
pub async fn remove_account(state: State<'_, AppState>, name: String) -> Result<(), AppError> {
    let store = state.store_handle()?;
    let account = store
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .account_by_name(&name)?
        .ok_or_else(|| AppError::BadArgument { what: "account", value: name.clone(), expected: "the name of an account" })?;
    context(&state).remove(&store, &account.id).await?;
    Ok(())
}

fn spawn_first_sync(app: AppHandle, name: String) {
    tauri::async_runtime::spawn(async move { run_all(&app, Some(name), true).await });
}

fn view_of(store: &Arc<Mutex<Store>>, name: &str) -> Result<AccountView, AppError> {
    let s = store.lock().unwrap_or_else(|p| p.into_inner());
    let status = s
        .account_statuses()?
        .into_iter()
        .find(|a| a.account.name == name)
        .ok_or_else(|| AppError::BadArgument { what: "account", value: name.to_string(), expected: "an account that exists" })?;
    Ok(account_view(status))
}

fn account_view(s: miraage_store::AccountStatus) -> AccountView {
    AccountView {
        id: s.account.id.to_string(),
        name: s.account.name,
        provider: s.account.provider.as_str().to_string(),
        url: s.account.url,
        username: s.account.username,
        collections: s.collections as u32,
        last_sync_at: s.last_sync_at.and_then(|t| chrono::DateTime::from_timestamp(t, 0)).map(miraage_domain::time::format_instant),
        pending: s.pending as u32,
        errors: s.errors,
    }
}
