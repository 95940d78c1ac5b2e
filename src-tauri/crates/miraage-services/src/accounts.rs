//! Accounts as every face shows them, adding and removing them, and the OAuth clients.

use crate::error::{Result, ServiceError};
use chrono_tz::Tz;
use miraage_accounts::{Browser, ClientStatus, ProviderKind, SyncContext};
use miraage_domain::{Account, AccountView, Provider};
use miraage_secrets::{Keyring, Secret};
use miraage_store::{AccountStatus, Store};
use std::sync::Mutex;

fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|p| p.into_inner())
}

/// The sync context with the OAuth clients the user entered (the environment wins).
pub fn context(store: &Mutex<Store>, zone: Tz) -> SyncContext {
    SyncContext::for_store(zone, &lock(store))
}

/// An account's status as the window shows it and `miraage-cli accounts --json` prints it.
pub fn view(s: AccountStatus) -> AccountView {
    AccountView {
        id: s.account.id.to_string(),
        name: s.account.name,
        provider: s.account.provider.as_str().to_string(),
        url: s.account.url,
        username: s.account.username,
        collections: u32::try_from(s.collections).unwrap_or(u32::MAX),
        last_sync_at: s
            .last_sync_at
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(miraage_domain::time::format_instant),
        pending: u32::try_from(s.pending).unwrap_or(u32::MAX),
        errors: s.errors,
        keyring_note: keyring_note(s.account.provider),
    }
}

/// The note for accounts whose secret lives in the keyring, when the keyring keeps it only
/// until logout. Nothing for subscriptions, which have no secret.
fn keyring_note(provider: Provider) -> Option<String> {
    if matches!(provider, Provider::IcsSubscription | Provider::Local) {
        return None;
    }
    Keyring::new().persistence().ok()?.note().map(str::to_string)
}

/// Every remote account with its sync status.
///
/// # Errors
/// Store failures.
pub fn list(store: &Store) -> Result<Vec<AccountView>> {
    Ok(store.account_statuses()?.into_iter().map(view).collect())
}

/// The view of the account named `name`.
///
/// # Errors
/// [`ServiceError::NotFound`] naming it.
pub fn view_of(store: &Store, name: &str) -> Result<AccountView> {
    store.account_statuses()?.into_iter().find(|a| a.account.name == name).map(view).ok_or_else(|| not_found(name))
}

fn not_found(name: &str) -> ServiceError {
    ServiceError::NotFound(format!("There is no account named “{name}”: check the name in the Accounts list."))
}

/// The user's own addresses: the accounts' user names, which tell the user's attendee apart
/// where the calendar does not mark it (CalDAV).
///
/// # Errors
///
/// A database failure.
pub fn own_addresses(store: &Store) -> Result<Vec<String>> {
    Ok(store.remote_accounts()?.into_iter().filter_map(|a| a.username).collect())
}

/// The remote account named `name`.
///
/// # Errors
/// [`ServiceError::NotFound`] naming it.
pub fn find(store: &Store, name: &str) -> Result<Account> {
    store.account_by_name(name)?.filter(|a| a.provider != Provider::Local).ok_or_else(|| not_found(name))
}

/// Google or Microsoft, from the name a face was given.
///
/// # Errors
/// [`ServiceError::Invalid`] for any other name.
pub fn oauth_kind(provider: &str) -> Result<ProviderKind> {
    match provider {
        "google" => Ok(ProviderKind::Google),
        "microsoft" => Ok(ProviderKind::Microsoft),
        _ => Err(ServiceError::Invalid {
            what: "provider",
            value: provider.to_string(),
            expected: "google or microsoft",
        }),
    }
}

/// Adds a CalDAV account after checking the password against the server (it goes to the
/// keyring).
///
/// # Errors
/// [`crate::ErrorCode::Unauthorized`] for a refused password, [`crate::ErrorCode::Offline`]
/// when the server cannot be reached, and others naming what failed.
pub async fn add_caldav(
    store: &Mutex<Store>,
    zone: Tz,
    name: &str,
    url: &str,
    user: &str,
    password: &Secret,
    pin: Option<&str>,
) -> Result<Account> {
    let pin = pin.map(parse_pin).transpose()?;
    let account = context(store, zone).add_caldav(store, name, url, user, password, pin).await?;
    tracing::info!(target: "miraage::accounts", account = %account.name, provider = "caldav", "account added");
    Ok(account)
}

/// Pins the certificate of the CalDAV account named `name` to `fingerprint` (its SHA-256, as
/// `openssl x509 -noout -fingerprint -sha256` prints it), or removes the pin with `None`:
/// from then on only that certificate is accepted for it.
///
/// # Errors
/// [`ServiceError::NotFound`] naming the account; [`crate::ErrorCode::Invalid`] for a
/// fingerprint that does not read or an account that is not CalDAV; store failures.
pub fn pin_certificate(store: &mut Store, name: &str, fingerprint: Option<&str>) -> Result<()> {
    let account = find(store, name)?;
    if account.provider != Provider::CalDav {
        return Err(ServiceError::Invalid {
            what: "account for a certificate pin",
            value: account.name,
            expected: "a CalDAV account",
        });
    }
    let pin = fingerprint.map(parse_pin).transpose()?;
    miraage_accounts::CertificatePins::save(store, &account.id, pin)?;
    tracing::info!(target: "miraage::accounts", account = %account.name, pinned = pin.is_some(), "certificate pin saved");
    Ok(())
}

fn parse_pin(text: &str) -> Result<miraage_accounts::CertPin> {
    miraage_accounts::CertPin::parse(text).map_err(|_| ServiceError::Invalid {
        what: "certificate fingerprint",
        value: text.to_string(),
        expected: "the 64 hexadecimal digits of its SHA-256, as `openssl x509 -noout -fingerprint -sha256` prints them",
    })
}

/// Adds an ICS subscription after fetching it once.
///
/// # Errors
/// As [`add_caldav`].
pub async fn add_ics(store: &Mutex<Store>, zone: Tz, name: &str, url: &str) -> Result<Account> {
    let account = context(store, zone).add_ics(store, name, url).await?;
    tracing::info!(target: "miraage::accounts", account = %account.name, provider = "ics", "account added");
    Ok(account)
}

/// Signs in with Google or Microsoft in the user's browser, then adds the account.
///
/// # Errors
/// [`crate::ErrorCode::Invalid`] without a client id; sign-in and network failures.
pub async fn add_oauth(
    store: &Mutex<Store>,
    zone: Tz,
    kind: ProviderKind,
    name: &str,
    browser: &dyn Browser,
) -> Result<Account> {
    let account = context(store, zone).add_oauth(store, kind, name, browser).await?;
    tracing::info!(target: "miraage::accounts", account = %account.name, provider = account.provider.as_str(), "account added");
    Ok(account)
}

/// Removes the account named `name` from this computer (revoking its token where the
/// provider can): its calendars, events, tasks and secrets.
///
/// # Errors
/// [`ServiceError::NotFound`] naming it.
pub async fn remove(store: &Mutex<Store>, zone: Tz, name: &str) -> Result<Account> {
    let account = find(&lock(store), name)?;
    context(store, zone).remove(store, &account.id).await?;
    tracing::info!(target: "miraage::accounts", account = %account.name, provider = account.provider.as_str(), "account removed");
    Ok(account)
}

/// The OAuth client sign-in would use for `provider`, and where it comes from.
///
/// # Errors
/// As [`oauth_kind`]; store failures.
pub fn oauth_client(store: &Store, provider: &str) -> Result<ClientStatus> {
    Ok(miraage_accounts::oauth_clients::status(store, &Keyring::new(), oauth_kind(provider)?)?)
}

/// Saves the OAuth client the user registered (a Google secret to the keyring).
///
/// # Errors
/// [`crate::ErrorCode::Invalid`] naming a client id or tenant that cannot be one.
pub fn save_oauth_client(
    store: &mut Store,
    provider: &str,
    client_id: &str,
    tenant: Option<&str>,
    secret: Option<&str>,
) -> Result<ClientStatus> {
    let kind = oauth_kind(provider)?;
    let keyring = Keyring::new();
    miraage_accounts::oauth_clients::save(store, &keyring, kind, client_id, tenant, secret)?;
    Ok(miraage_accounts::oauth_clients::status(store, &keyring, kind)?)
}

/// The step-by-step guide to registering an OAuth client with Google or Microsoft.
pub fn oauth_setup_guide() -> &'static str {
    include_str!("../../miraage-oauth/docs/oauth-setup.md")
}
