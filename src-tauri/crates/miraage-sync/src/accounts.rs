//! Accounts as the CLI and the app use them: adding one (checking it works before anything
//! is stored), connecting its provider with its secret from the keyring, syncing, removing.

use crate::caldav::{CalDavClient, CalDavProvider, Credentials};
use crate::engine::{Engine, ProgressFn, SyncReport};
use crate::error::{Result, SyncError};
use crate::provider::{Changes, IncomingItem, ItemKind, OutgoingItem, Provider, RemoteCollection, Written};
use crate::subscription::{feed_url, FeedLimits, IcsSubscription};
use chrono_tz::Tz;
use miraage_domain::{Account, AccountId, Provider as ProviderKind};
use miraage_secrets::{Keyring, Secret, SecretKind};
use miraage_store::Store;
use std::sync::Mutex;

/// The provider of any kind of account (enum dispatch: [`Provider`]'s futures make it
/// unsuitable for `dyn`).
pub enum AccountProvider {
    CalDav(CalDavProvider),
    Ics(IcsSubscription),
}

impl Provider for AccountProvider {
    fn label(&self) -> &'static str {
        match self {
            AccountProvider::CalDav(p) => p.label(),
            AccountProvider::Ics(p) => p.label(),
        }
    }

    async fn collections(&self) -> Result<Vec<RemoteCollection>> {
        match self {
            AccountProvider::CalDav(p) => p.collections().await,
            AccountProvider::Ics(p) => p.collections().await,
        }
    }

    async fn changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        match self {
            AccountProvider::CalDav(p) => p.changes(collection, cursor).await,
            AccountProvider::Ics(p) => p.changes(collection, cursor).await,
        }
    }

    async fn write(&self, collection: &RemoteCollection, item: OutgoingItem<'_>) -> Result<Written> {
        match self {
            AccountProvider::CalDav(p) => p.write(collection, item).await,
            AccountProvider::Ics(p) => p.write(collection, item).await,
        }
    }

    async fn delete(&self, collection: &RemoteCollection, kind: ItemKind, remote_id: &str, etag: Option<&str>) -> Result<()> {
        match self {
            AccountProvider::CalDav(p) => p.delete(collection, kind, remote_id, etag).await,
            AccountProvider::Ics(p) => p.delete(collection, kind, remote_id, etag).await,
        }
    }

    async fn find(&self, collection: &RemoteCollection, kind: ItemKind, uid: &str) -> Result<Option<IncomingItem>> {
        match self {
            AccountProvider::CalDav(p) => p.find(collection, kind, uid).await,
            AccountProvider::Ics(p) => p.find(collection, kind, uid).await,
        }
    }
}

/// What sync needs besides the store: where secrets are and how to read floating times.
#[derive(Debug, Clone)]
pub struct SyncContext {
    pub keyring: Keyring,
    /// The zone of floating times in objects that name none (the user's zone).
    pub zone: Tz,
}

impl SyncContext {
    /// The provider for `account`, with its secret from the keyring.
    pub fn connect(&self, account: &Account) -> Result<AccountProvider> {
        let url = || account.url.clone().ok_or_else(|| SyncError::InvalidUrl { url: String::new(), reason: format!("account {:?} has no URL", account.name) });
        match account.provider {
            ProviderKind::CalDav => {
                let password = self
                    .keyring
                    .get(account.id.as_str(), SecretKind::Password)?
                    .ok_or_else(|| SyncError::MissingSecret { account: account.name.clone(), what: "password" })?;
                let user = account.username.clone().unwrap_or_default();
                let client = CalDavClient::new(&url()?, Credentials::new(user, password.expose()))?;
                Ok(AccountProvider::CalDav(CalDavProvider::new(client, self.zone)))
            }
            ProviderKind::IcsSubscription => Ok(AccountProvider::Ics(IcsSubscription::new(&url()?, &account.name, self.zone, &FeedLimits::default())?)),
            ProviderKind::Google | ProviderKind::Microsoft => {
                Err(SyncError::Setup { reason: format!("{:?} accounts are not supported by this build yet", account.provider) })
            }
            ProviderKind::Local => Err(SyncError::Setup { reason: "the local account does not sync".into() }),
        }
    }

    /// Adds a CalDAV account after checking that the server answers and accepts the
    /// password (discovery and calendar listing). Nothing is stored if that fails; the
    /// password goes to the keyring, never to the database.
    pub async fn add_caldav(&self, store: &Mutex<Store>, name: &str, url: &str, user: &str, password: &Secret) -> Result<Account> {
        let client = CalDavClient::new(url, Credentials::new(user, password.expose()))?;
        CalDavProvider::new(client, self.zone).collections().await?;
        let account = lock(store).add_account(name, ProviderKind::CalDav, Some(url), Some(user))?;
        if let Err(e) = self.keyring.set(account.id.as_str(), SecretKind::Password, password) {
            // Without its password the account cannot sync: take it back.
            lock(store).remove_account(&account.id)?;
            return Err(e.into());
        }
        Ok(account)
    }

    /// Adds an ICS subscription after fetching it once to check that it is a calendar.
    pub async fn add_ics(&self, store: &Mutex<Store>, name: &str, url: &str) -> Result<Account> {
        let feed = IcsSubscription::new(url, name, self.zone, &FeedLimits::default())?;
        let collection = feed.collections().await?.remove(0);
        feed.changes(&collection, None).await?;
        let url = feed_url(url)?;
        Ok(lock(store).add_account(name, ProviderKind::IcsSubscription, Some(url.as_str()), None)?)
    }

    /// Syncs one account. `force` sends every pending edit now, ignoring retry times.
    pub async fn sync(&self, store: &Mutex<Store>, account: &Account, force: bool, progress: ProgressFn<'_>) -> Result<SyncReport> {
        let provider = self.connect(account)?;
        Engine::new(store, &provider, account.clone()).forced(force).with_progress(progress).run().await
    }

    /// Removes an account, its local data and its secrets.
    pub fn remove(&self, store: &Mutex<Store>, account: &AccountId) -> Result<()> {
        self.keyring.forget(account.as_str())?;
        lock(store).remove_account(account)?;
        Ok(())
    }
}

fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|p| p.into_inner())
}
