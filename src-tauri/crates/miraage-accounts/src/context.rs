//! Adding, connecting, syncing and removing accounts.

use crate::error::Result;
use crate::pins::CertificatePins;
use crate::provider::AccountProvider;
use chrono_tz::Tz;
use miraage_caldav::subscription::{feed_url, FeedLimits, IcsSubscription};
use miraage_caldav::{CalDavClient, CalDavProvider, CertPin, Credentials, Timeouts};
use miraage_cloud::google::GoogleProvider;
use miraage_cloud::graph::GraphProvider;
use miraage_domain::{Account, AccountId, Provider as ProviderKind};
use miraage_oauth::{sign_in_with_loopback, Browser, ProviderConfig, ProviderKind as OAuthKind, Session};
use miraage_secrets::{Keyring, Secret, SecretKind};
use miraage_store::Store;
use miraage_sync::engine::{Engine, ProgressFn, SyncReport};
use miraage_sync::{Provider, SyncError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a sign-in waits for the browser to come back.
const SIGN_IN_WAIT: Duration = Duration::from_secs(300);

/// Where Google and Microsoft are: the OAuth clients (the user's own registrations, see
/// `miraage-oauth/docs/oauth-setup.md`) and the API roots (overridden only by tests).
#[derive(Debug, Clone, Default)]
pub struct CloudSettings {
    pub google: Option<ProviderConfig>,
    pub microsoft: Option<ProviderConfig>,
    pub google_calendar_api: Option<String>,
    pub google_tasks_api: Option<String>,
    pub graph_api: Option<String>,
}

impl CloudSettings {
    /// From `MIRAAGE_GOOGLE_CLIENT_ID` (and `_CLIENT_SECRET`), `MIRAAGE_MICROSOFT_CLIENT_ID`
    /// (and `_TENANT`); a provider without a client id is not available.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        CloudSettings {
            google: ProviderConfig::from_env(OAuthKind::Google).ok(),
            microsoft: ProviderConfig::from_env(OAuthKind::Microsoft).ok(),
            google_calendar_api: var("MIRAAGE_GOOGLE_CALENDAR_API"),
            google_tasks_api: var("MIRAAGE_GOOGLE_TASKS_API"),
            graph_api: var("MIRAAGE_GRAPH_API"),
        }
    }

    fn config(&self, kind: OAuthKind) -> Result<ProviderConfig> {
        let found = match kind {
            OAuthKind::Google => self.google.clone(),
            OAuthKind::Microsoft => self.microsoft.clone(),
        };
        // Re-read the environment for its precise complaint (a malformed override URL);
        // without any client id, say where to enter one.
        Ok(match found {
            Some(c) => c,
            None => ProviderConfig::from_env(kind).map_err(|_| {
                crate::AccountsError::Invalid(format!(
                    "No {} client ID yet: enter the one you registered under Add an account (the setup guide there says how to get one), or set {}_CLIENT_ID.",
                    kind.label(),
                    kind.env_prefix()
                ))
            })?,
        })
    }
}

/// What syncing needs besides the store.
#[derive(Debug, Clone)]
pub struct SyncContext {
    pub keyring: Keyring,
    /// The zone of floating times in objects that name none (the user's zone).
    pub zone: Tz,
    pub cloud: CloudSettings,
    /// Certificates pinned per CalDAV account.
    pub pins: CertificatePins,
}

fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|p| p.into_inner())
}

impl SyncContext {
    /// The app's context: the OS keyring, and Google/Microsoft clients from the environment.
    pub fn new(zone: Tz) -> Self {
        SyncContext {
            keyring: Keyring::new(),
            zone,
            cloud: CloudSettings::from_env(),
            pins: CertificatePins::default(),
        }
    }

    /// The app's context with the OAuth clients the user entered (see
    /// [`crate::oauth_clients`]); the environment still wins, for development and tests.
    pub fn for_store(zone: Tz, store: &Store) -> Self {
        let keyring = Keyring::new();
        let cloud = CloudSettings::resolve(store, &keyring).unwrap_or_else(|_| CloudSettings::from_env());
        SyncContext { keyring, zone, cloud, pins: CertificatePins::load(store) }
    }

    /// The provider for `account`, with its secret from the keyring.
    ///
    /// # Errors
    ///
    /// [`AccountsError::Sync`](crate::AccountsError::Sync) when the account has no URL, its
    /// password is not in the keyring, the URL cannot be used, the HTTP client cannot be set up or
    /// it is the local account; [`AccountsError::Invalid`](crate::AccountsError::Invalid) when no
    /// OAuth client is set up for a Google or Microsoft account;
    /// [`AccountsError::Secrets`](crate::AccountsError::Secrets) when the keyring cannot be read;
    /// [`AccountsError::OAuth`](crate::AccountsError::OAuth) when the session cannot be set up.
    pub fn connect(&self, account: &Account) -> Result<AccountProvider> {
        let url = || {
            account.url.clone().ok_or_else(|| SyncError::InvalidUrl {
                url: String::new(),
                reason: format!("account {:?} has no URL", account.name),
            })
        };
        Ok(match account.provider {
            ProviderKind::CalDav => {
                let password = self
                    .keyring
                    .get(account.id.as_str(), SecretKind::Password)?
                    .ok_or_else(|| SyncError::MissingSecret { account: account.name.clone(), what: "password" })?;
                let user = account.username.clone().unwrap_or_default();
                let creds = Credentials::new(user, password.expose());
                let client =
                    CalDavClient::with_options(&url()?, creds, &Timeouts::default(), self.pins.get(&account.id))?;
                AccountProvider::CalDav(CalDavProvider::new(client, self.zone))
            }
            ProviderKind::IcsSubscription => {
                AccountProvider::Ics(IcsSubscription::new(&url()?, &account.name, self.zone, &FeedLimits::default())?)
            }
            ProviderKind::Google => {
                let session = Arc::new(Session::resume(
                    self.cloud.config(OAuthKind::Google)?,
                    self.keyring.clone(),
                    account.id.as_str(),
                )?);
                AccountProvider::Google(match (&self.cloud.google_calendar_api, &self.cloud.google_tasks_api) {
                    (Some(cal), Some(tasks)) => GoogleProvider::with_endpoints(session, cal, tasks)?,
                    _ => GoogleProvider::new(session)?,
                })
            }
            ProviderKind::Microsoft => {
                let session = Arc::new(Session::resume(
                    self.cloud.config(OAuthKind::Microsoft)?,
                    self.keyring.clone(),
                    account.id.as_str(),
                )?);
                AccountProvider::Microsoft(match &self.cloud.graph_api {
                    Some(api) => GraphProvider::with_endpoint(session, api)?,
                    None => GraphProvider::new(session)?,
                })
            }
            ProviderKind::Local => {
                return Err(SyncError::Setup { reason: "the local account does not sync".into() }.into())
            }
        })
    }

    /// Adds a CalDAV account after checking that the server answers and accepts the
    /// password (discovery and calendar listing). Nothing is stored if that fails; the
    /// password goes to the keyring, never to the database.
    ///
    /// # Errors
    ///
    /// [`AccountsError::Sync`](crate::AccountsError::Sync) when the URL cannot be used or the
    /// server cannot be reached, refuses the password or does not answer as a CalDAV server;
    /// [`AccountsError::Store`](crate::AccountsError::Store) when the name is blank or taken;
    /// [`AccountsError::Secrets`](crate::AccountsError::Secrets) when the keyring cannot store the
    /// password (the account is removed again).
    pub async fn add_caldav(
        &self,
        store: &Mutex<Store>,
        name: &str,
        url: &str,
        user: &str,
        password: &Secret,
        pin: Option<CertPin>,
    ) -> Result<Account> {
        let creds = Credentials::new(user, password.expose());
        let client = CalDavClient::with_options(url, creds, &Timeouts::default(), pin)?;
        CalDavProvider::new(client, self.zone).collections().await?;
        let account = lock(store).add_account(name, ProviderKind::CalDav, Some(url), Some(user))?;
        if pin.is_some() {
            CertificatePins::save(&mut lock(store), &account.id, pin)?;
        }
        if let Err(e) = self.keyring.set(account.id.as_str(), SecretKind::Password, password) {
            // Without its password the account cannot sync: take it back.
            lock(store).remove_account(&account.id)?;
            return Err(e.into());
        }
        Ok(account)
    }

    /// Adds an ICS subscription after fetching it once to check that it is a calendar.
    ///
    /// # Errors
    ///
    /// [`AccountsError::Sync`](crate::AccountsError::Sync) when the URL cannot be used, cannot be
    /// fetched or is not an iCalendar feed; [`AccountsError::Store`](crate::AccountsError::Store)
    /// when the name is blank or taken.
    pub async fn add_ics(&self, store: &Mutex<Store>, name: &str, url: &str) -> Result<Account> {
        let feed = IcsSubscription::new(url, name, self.zone, &FeedLimits::default())?;
        let collection = feed.collections().await?.remove(0);
        feed.changes(&collection, None).await?;
        let url = feed_url(url)?;
        Ok(lock(store).add_account(name, ProviderKind::IcsSubscription, Some(url.as_str()), None)?)
    }

    /// Adds a Google or Microsoft account: signs in through the system browser (OAuth 2.0
    /// with PKCE, the answer coming back to a loopback listener), files the refresh token in
    /// the keyring, and checks that the calendars can be listed. Nothing stays if a step fails.
    ///
    /// # Errors
    ///
    /// [`AccountsError::Invalid`](crate::AccountsError::Invalid) when no OAuth client is set up for
    /// `kind`; [`AccountsError::OAuth`](crate::AccountsError::OAuth) when the sign-in fails
    /// (browser, time-out, refused consent, token exchange) or gives no refresh token;
    /// [`AccountsError::Store`](crate::AccountsError::Store) when the name is blank or taken;
    /// [`AccountsError::Secrets`](crate::AccountsError::Secrets) when the keyring cannot store the
    /// token; [`AccountsError::Sync`](crate::AccountsError::Sync) when the calendars cannot be
    /// listed. The account and its token are removed again after a failed check.
    pub async fn add_oauth(
        &self,
        store: &Mutex<Store>,
        kind: OAuthKind,
        name: &str,
        browser: &dyn Browser,
    ) -> Result<Account> {
        let config = self.cloud.config(kind)?;
        let grant = sign_in_with_loopback(&config, browser, SIGN_IN_WAIT).await?;
        let provider = match kind {
            OAuthKind::Google => ProviderKind::Google,
            OAuthKind::Microsoft => ProviderKind::Microsoft,
        };
        let account = lock(store).add_account(name, provider, None, None)?;
        let checked = async {
            Session::connect(config, self.keyring.clone(), account.id.as_str(), grant)?;
            self.connect(&account)?.collections().await?;
            Ok::<(), crate::AccountsError>(())
        };
        if let Err(e) = checked.await {
            let _ = self.keyring.forget(account.id.as_str());
            lock(store).remove_account(&account.id)?;
            return Err(e);
        }
        Ok(account)
    }

    /// Syncs one account. `force` sends every pending edit now, ignoring retry times.
    ///
    /// # Errors
    ///
    /// The errors of [`SyncContext::connect`]; [`AccountsError::Sync`](crate::AccountsError::Sync)
    /// when the sync itself fails (server unreachable or refusing, local database error). Pages
    /// saved before a failure stay.
    pub async fn sync(
        &self,
        store: &Mutex<Store>,
        account: &Account,
        force: bool,
        progress: ProgressFn<'_>,
    ) -> Result<SyncReport> {
        let provider = self.connect(account)?;
        Ok(Engine::new(store, &provider, account.clone()).forced(force).with_progress(progress).run().await?)
    }

    /// Removes an account, its local data and its secrets; a Google token is revoked first
    /// (best effort: an offline machine still forgets the account).
    ///
    /// # Errors
    ///
    /// [`AccountsError::Store`](crate::AccountsError::Store) when no account has this id, it is the
    /// local account or the database cannot be written;
    /// [`AccountsError::Secrets`](crate::AccountsError::Secrets) when the keyring cannot delete its
    /// secrets (the account then stays). A failed token revocation is not an error.
    pub async fn remove(&self, store: &Mutex<Store>, account: &AccountId) -> Result<()> {
        let found = lock(store).account(account)?;
        let kind = match found.provider {
            ProviderKind::Google => Some(OAuthKind::Google),
            ProviderKind::Microsoft => Some(OAuthKind::Microsoft),
            _ => None,
        };
        if let Some(kind) = kind {
            if let Ok(config) = self.cloud.config(kind) {
                if let Ok(session) = Session::resume(config, self.keyring.clone(), account.as_str()) {
                    let _ = session.disconnect().await;
                }
            }
        }
        self.keyring.forget(account.as_str())?;
        lock(store).remove_account(account)?;
        Ok(())
    }
}
