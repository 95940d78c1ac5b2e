//! An in-memory [`Provider`] for tests (the `fake` feature): a server whose collections hold
//! items keyed by href and UID, with every fault a real server or network has, each on a
//! schedule the test controls.
//!
//! - **Etags** change on every write; a write or delete with a stale etag fails with
//!   [`SyncError::Conflict`] (412), so does a create where the UID already exists.
//! - **Sync tokens** (`changes` cursors) list what changed since; [`FakeServer::expire_tokens`]
//!   makes every token given so far invalid and forgets deletions, so the next `changes`
//!   is a full listing (`full: true`), as a server answers an expired token.
//! - **Pages**: listings come in pages of [`FakeServer::set_page_size`] items; an
//!   incremental listing may lag behind the latest writes ([`Fault::Lagging`]), as a
//!   replicated server's does.
//! - **Faults** ([`Fault`]) by call number ([`FakeServer::fail_at`]) or by the n-th call
//!   of one method ([`FakeServer::fail_nth`]): a 503, an answer lost
//!   after the server applied the call, a request the server applies only later (a client
//!   timeout), a crash before or after the server got the call (the call never answers:
//!   drop the engine's future, see [`FakeServer::drive`]), and a pause in which the test acts
//!   (another client edits, the user edits) before the call goes on.
//! - **Another client** edits the server directly ([`FakeServer::put`], [`FakeServer::remove`]);
//!   [`FakeServer::history`] lists every change applied, by whom and whether its writer
//!   got the answer.
//!
//! Creates go to an href derived from the UID (as Miraage's CalDAV provider does), so a
//! retried create meets its first attempt instead of making a second object.

mod faults;
mod listing;
mod state;

pub use faults::{Fault, Method, Paused};
pub use state::{Applied, FakeItem, Stats, Writer};

use crate::error::{Result, SyncError};
use crate::provider::{Changes, IncomingItem, ItemBody, ItemKind, OutgoingItem, Provider, RemoteCollection, Written};
use faults::{Call, PauseOnce};
use state::{Inner, WriteRequest};
use std::future::Future;
use std::sync::{Mutex, MutexGuard};
use std::task::{Context, Poll, Waker};

/// The fake server. Shared by reference between the engine (as its provider) and the test
/// (as the other client and the fault schedule).
pub struct FakeServer {
    inner: Mutex<Inner>,
}

impl Default for FakeServer {
    fn default() -> Self {
        Self::new()
    }
}

impl FakeServer {
    /// An empty server with no collections, pages of 100 items and no faults.
    pub fn new() -> Self {
        FakeServer { inner: Mutex::new(Inner::new()) }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A test that panicked while holding the lock has failed already; go on for its report.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds (or replaces the description of) a collection; its items stay.
    pub fn add_collection(&self, info: RemoteCollection) {
        self.lock().add_collection(info);
    }

    /// Listings answer at most `n` items per page (at least 1).
    pub fn set_page_size(&self, n: usize) {
        self.lock().page_size = n.max(1);
    }

    /// The number of provider calls answered or failed so far; the next call is `calls() + 1`.
    pub fn calls(&self) -> u64 {
        self.lock().calls
    }

    /// Makes provider call number `call` (counted from 1 over every method) meet `fault`.
    pub fn fail_at(&self, call: u64, fault: Fault) {
        self.lock().faults.insert((None, call), fault);
    }

    /// Makes call number `n` (counted from 1) of `method` meet `fault`.
    pub fn fail_nth(&self, method: Method, n: u64, fault: Fault) {
        self.lock().faults.insert((Some(method), n), fault);
    }

    /// The number of calls of `method` so far.
    pub fn calls_of(&self, method: Method) -> u64 {
        self.lock().counts.get(&method).copied().unwrap_or(0)
    }

    /// Drops every scheduled fault that has not happened yet (requests already delayed
    /// still land).
    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// Applies every delayed request now, as a slow server finally does.
    pub fn settle_delayed(&self) {
        self.lock().apply_delayed(u64::MAX);
    }

    /// Invalidates every sync token given so far and forgets deletions: the next `changes`
    /// of each collection is a full listing.
    pub fn expire_tokens(&self) {
        self.lock().expire_tokens();
    }

    /// Another client creates or replaces the item with `uid` (at its current href, or at a
    /// new one that is not derived from the UID). Returns the new etag.
    ///
    /// # Panics
    /// When the collection does not exist (a mistake in the test).
    pub fn put(&self, collection: &str, uid: &str, body: ItemBody) -> String {
        self.lock().put_other(collection, uid, body)
    }

    /// Another client deletes the item with `uid`; `false` if there was none.
    ///
    /// # Panics
    /// When the collection does not exist.
    pub fn remove(&self, collection: &str, uid: &str) -> bool {
        self.lock().remove_other(collection, uid)
    }

    /// The live item with `uid`, if any.
    pub fn item(&self, collection: &str, uid: &str) -> Option<FakeItem> {
        self.lock().collection(collection).ok().and_then(|c| c.by_uid(uid).cloned())
    }

    /// Every live item of the collection, by href.
    pub fn items(&self, collection: &str) -> Vec<FakeItem> {
        self.lock().collection(collection).map(|c| c.live().cloned().collect()).unwrap_or_default()
    }

    /// Every change applied so far, oldest first.
    pub fn history(&self) -> Vec<Applied> {
        self.lock().history.clone()
    }

    /// What the server answered so far.
    pub fn stats(&self) -> Stats {
        self.lock().stats.clone()
    }

    /// The server's clock: bumped by every change; etags and tokens are made from it.
    pub fn clock(&self) -> u64 {
        self.lock().clock
    }

    /// Runs `future` (an engine run over this fake) to its end on this thread; the fake
    /// answers at once, so no executor is needed. At a [`Fault::Pause`] it calls
    /// `on_pause` with the waiting call and goes on. At a crash (a call that never answers)
    /// it returns `None`: the caller drops the future, which is what a killed process does.
    pub fn drive<T>(&self, future: impl Future<Output = T>, mut on_pause: impl FnMut(Paused)) -> Option<T> {
        let mut future = std::pin::pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            match future.as_mut().poll(&mut cx) {
                Poll::Ready(v) => return Some(v),
                Poll::Pending => {
                    // Taken before calling back: the test's edits lock the server too.
                    let paused = self.lock().paused.take();
                    match paused {
                        Some(p) => on_pause(p),
                        None => return None,
                    }
                }
            }
        }
    }

    /// Counts the call and takes what is scheduled for it; `item` is what it writes.
    fn begin(&self, method: Method, item: Option<(String, String)>) -> Call {
        let mut s = self.lock();
        s.calls += 1;
        let number = s.calls;
        let nth = *s.counts.entry(method).and_modify(|n| *n += 1).or_insert(1);
        s.apply_delayed(number);
        let fault = s.faults.remove(&(None, number)).or_else(|| s.faults.remove(&(Some(method), nth)));
        Call { number, method, nth, fault, item }
    }

    /// Runs one call's server side under its fault. `op` gets whether the writer will see
    /// the answer (recorded in the history).
    async fn call<T: 'static>(
        &self,
        call: Call,
        op: impl FnOnce(&mut Inner, bool) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let failed = |reason: &str| SyncError::Transient { url: "fake://server".into(), reason: reason.into() };
        if call.fault.is_some() {
            self.lock().stats.faults += 1;
        }
        match call.fault {
            None => op(&mut self.lock(), true),
            Some(Fault::Unavailable) => Err(failed("HTTP 503")),
            // Only `changes` lags; it takes the fault before coming here.
            Some(Fault::Lagging { .. }) => op(&mut self.lock(), true),
            Some(Fault::LoseAnswer) => {
                let _ = op(&mut self.lock(), false);
                Err(failed("the connection dropped before the answer"))
            }
            Some(Fault::Delayed { calls }) => {
                self.lock().delay(call.number + calls.max(1), Box::new(move |s: &mut Inner| drop(op(s, false))));
                Err(failed("timed out"))
            }
            Some(Fault::CrashBefore) => std::future::pending().await,
            Some(Fault::CrashAfter) => {
                let _ = op(&mut self.lock(), false);
                std::future::pending().await
            }
            Some(Fault::Pause) => {
                self.lock().paused =
                    Some(Paused { call: call.number, method: call.method, nth: call.nth, item: call.item });
                PauseOnce::default().await;
                op(&mut self.lock(), true)
            }
        }
    }
}

impl Provider for FakeServer {
    fn label(&self) -> &'static str {
        "fake"
    }

    async fn collections(&self) -> Result<Vec<RemoteCollection>> {
        let call = self.begin(Method::Collections, None);
        self.call(call, |s, _| Ok(s.collections.values().map(|c| c.info.clone()).collect())).await
    }

    async fn changes(&self, collection: &RemoteCollection, cursor: Option<&str>) -> Result<Changes> {
        let mut call = self.begin(Method::Changes, None);
        let lag = match call.fault {
            Some(Fault::Lagging { ticks }) => {
                call.fault = None;
                ticks
            }
            _ => 0,
        };
        let (id, cursor) = (collection.remote_id.clone(), cursor.map(str::to_string));
        self.call(call, move |s, _| s.changes(&id, cursor.as_deref(), lag)).await
    }

    async fn write(&self, collection: &RemoteCollection, item: OutgoingItem<'_>) -> Result<Written> {
        let call = self.begin(Method::Write, Some((collection.remote_id.clone(), item.uid.to_string())));
        let request = WriteRequest {
            collection: collection.remote_id.clone(),
            uid: item.uid.to_string(),
            body: item.body.clone(),
            remote_id: item.remote_id.map(str::to_string),
            etag: item.etag.map(str::to_string),
        };
        self.call(call, move |s, answered| s.write(request, answered)).await
    }

    async fn delete(
        &self,
        collection: &RemoteCollection,
        _kind: ItemKind,
        remote_id: &str,
        etag: Option<&str>,
    ) -> Result<()> {
        let target = self
            .lock()
            .collection(&collection.remote_id)
            .ok()
            .and_then(|c| c.entries.get(remote_id)?.item.as_ref().map(|i| i.uid.clone()));
        let call = self.begin(Method::Delete, target.map(|uid| (collection.remote_id.clone(), uid)));
        let (id, href, etag) = (collection.remote_id.clone(), remote_id.to_string(), etag.map(str::to_string));
        self.call(call, move |s, answered| s.delete(&id, &href, etag.as_deref(), answered)).await
    }

    async fn find(&self, collection: &RemoteCollection, kind: ItemKind, uid: &str) -> Result<Option<IncomingItem>> {
        let call = self.begin(Method::Find, None);
        let (id, uid) = (collection.remote_id.clone(), uid.to_string());
        self.call(call, move |s, _| {
            let c = s.collection(&id)?;
            Ok(c.by_uid(&uid).filter(|i| i.body.kind() == kind).map(FakeItem::incoming))
        })
        .await
    }
}

#[cfg(test)]
mod tests;
