//! The sync engine: brings one account's collections in step with the server.
//!
//! For each collection it first **pulls** (the provider's changes since the saved cursor,
//! applied with the [conflict policy](policy) to items that have a pending local edit, each
//! page saved in one transaction with its cursor), then **pushes** the outbox: every local
//! edit, sent from the item's current local rows with the version it was made on, removed
//! only once the server confirmed it. Hence:
//!
//! - a crash or a lost connection at any point loses nothing: an unsent edit stays queued,
//!   an unsaved page is fetched again;
//! - a retry duplicates nothing: creates are idempotent at the provider, and a create that
//!   finds its object already there (its earlier answer was lost) adopts it instead of
//!   making another: as a pulled version, it confirms the edit if it holds the same, else
//!   the policy settles it and the local edit, if it stands, is written over it;
//! - a write over a version changed on the server fails (412) and is settled by pulling the
//!   server's version and applying the policy.
//!
//! One failing collection does not stop the others; a refused password stops the account.

mod apply;
pub mod policy;
mod push;
mod report;

pub use report::{CollectionReport, Progress, SyncReport};

use crate::backoff::Backoff;
use crate::error::{Result, SyncError};
use crate::provider::{Provider, RemoteCollection};
use miraage_domain::Account;
use miraage_store::{Collection, CollectionId, Store};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// A progress callback.
pub type ProgressFn<'a> = &'a (dyn Fn(&Progress) + Send + Sync);

/// One sync run of one account.
pub struct Engine<'a, P> {
    store: &'a Mutex<Store>,
    provider: &'a P,
    account: Account,
    backoff: Backoff,
    progress: ProgressFn<'a>,
    /// Send every pending edit now, ignoring retry times (the user asked for a sync).
    force: bool,
    replan: AtomicBool,
}

impl<'a, P: Provider> Engine<'a, P> {
    pub fn new(store: &'a Mutex<Store>, provider: &'a P, account: Account) -> Self {
        Engine {
            store,
            provider,
            account,
            backoff: Backoff::default(),
            progress: &|_| {},
            force: false,
            replan: AtomicBool::new(false),
        }
    }

    pub fn with_progress(mut self, progress: ProgressFn<'a>) -> Self {
        self.progress = progress;
        self
    }

    /// Sends every pending edit now instead of waiting for its retry time.
    pub fn forced(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    pub fn with_backoff(mut self, backoff: Backoff) -> Self {
        self.backoff = backoff;
        self
    }

    fn store(&self) -> MutexGuard<'a, Store> {
        // A panic while the lock was held cannot leave the database half-written (every
        // write is a transaction), so the store stays usable.
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Syncs every collection of the account. One failing collection does not stop the
    /// others: its error is in the report (and saved on the collection).
    ///
    /// # Errors
    /// The provider's error when the collections cannot be listed (server down, refused
    /// password), [`SyncError::Unauthorized`] from any collection (the others would be
    /// refused too), and [`SyncError::Store`] when the local database fails.
    pub async fn run(&self) -> Result<SyncReport> {
        let remote = match self.provider.collections().await {
            Ok(remote) => remote,
            Err(e) => {
                // The server cannot be reached or refuses us: every calendar of the account
                // shows why until a sync succeeds.
                let mut store = self.store();
                for c in store.collections(&self.account.id)? {
                    store.set_collection_result(c.id, Some(&e.to_string()))?;
                }
                return Err(e);
            }
        };
        let wanted: Vec<RemoteCollection> = remote.into_iter().filter(|c| c.holds_events || c.holds_tasks).collect();
        let attached: Vec<(RemoteCollection, Collection)> = {
            let mut store = self.store();
            let mut out = Vec::with_capacity(wanted.len());
            for rc in wanted {
                let coll = store.attach_collection(&self.account.id, &rc)?;
                out.push((rc, coll));
            }
            let keep: Vec<&str> = out.iter().map(|(rc, _)| rc.remote_id.as_str()).collect();
            store.detach_collections_except(&self.account.id, &keep)?;
            out
        };
        (self.progress)(&Progress::Listed { account: self.account.name.clone(), collections: attached.len() });
        let mut report = SyncReport { account: self.account.name.clone(), ..SyncReport::default() };
        for (rc, coll) in &attached {
            let mut rep = CollectionReport { name: coll.name.clone(), ..CollectionReport::default() };
            let outcome = self.sync_collection(rc, coll.id, &mut rep).await;
            let error = outcome.as_ref().err().map(ToString::to_string).or_else(|| rep.error.clone());
            {
                let mut store = self.store();
                store.set_collection_result(coll.id, error.as_deref())?;
                rep.pending = store.outbox(coll.id, None)?.len();
            }
            rep.error = error.clone();
            (self.progress)(&Progress::Finished { collection: coll.name.clone(), error });
            report.collections.push(rep);
            if let Err(e @ SyncError::Unauthorized { .. }) = outcome {
                // Every other collection would be refused the same way.
                return Err(e);
            }
        }
        report.replan_needed = self.replan.load(Ordering::Relaxed);
        Ok(report)
    }

    async fn sync_collection(&self, rc: &RemoteCollection, id: CollectionId, rep: &mut CollectionReport) -> Result<()> {
        self.pull(rc, id, rep).await?;
        self.push(rc, id, rep).await
    }

    /// Fetches and saves the server's changes. Each page is saved with its cursor in one
    /// transaction; a full listing saves its cursor only with its last page (after pruning
    /// what it did not list), so an interrupted one starts over rather than prune by half.
    async fn pull(&self, rc: &RemoteCollection, id: CollectionId, rep: &mut CollectionReport) -> Result<()> {
        let mut cursor = self.store().collection(id)?.cursor;
        let mut seen: HashSet<String> = HashSet::new();
        let mut full = false;
        loop {
            let page = self.provider.changes(rc, cursor.as_deref()).await?;
            full |= page.full;
            {
                let mut store = self.store();
                let coll = store.collection(id)?;
                let tx = store.sync_tx()?;
                for change in &page.changes {
                    if full {
                        seen.insert(apply::remote_id(change).to_string());
                    }
                    apply::change(&tx, &coll, change, rep, &self.replan)?;
                }
                if full && !page.more {
                    apply::prune(&tx, &coll, &seen, rep, &self.replan)?;
                }
                if !full || !page.more {
                    tx.set_cursor(id, Some(&page.cursor))?;
                }
                tx.commit()?;
            }
            (self.progress)(&Progress::Pulled { collection: rc.name.clone(), changes: page.changes.len() });
            cursor = Some(page.cursor);
            if !page.more {
                return Ok(());
            }
        }
    }
}
