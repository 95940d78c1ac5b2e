//! The server's data: collections, items by href, tombstones for sync tokens, the history,
//! and the writes with their preconditions.

use crate::error::{Result, SyncError};
use crate::provider::{IncomingItem, ItemBody, ItemKind, ItemScope, RemoteCollection, Written};
use std::collections::BTreeMap;

use super::faults::{Fault, Method, Paused};

/// Who made a change on the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// The engine, through the [`Provider`](crate::Provider) calls.
    Client,
    /// Another client: the test, through the fake's own methods.
    Other,
}

/// One object on the server.
#[derive(Debug, Clone, PartialEq)]
pub struct FakeItem {
    pub href: String,
    pub uid: String,
    pub etag: String,
    pub body: ItemBody,
}

impl FakeItem {
    pub(super) fn incoming(&self) -> IncomingItem {
        IncomingItem {
            remote_id: self.href.clone(),
            etag: Some(self.etag.clone()),
            uid: self.uid.clone(),
            scope: ItemScope::Whole,
            body: self.body.clone(),
        }
    }
}

/// One change the server applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The server's clock after the change.
    pub version: u64,
    pub collection: String,
    pub uid: String,
    pub by: Writer,
    /// The new content; `None` when the item was deleted.
    pub body: Option<ItemBody>,
    /// Whether the writer got the answer (`false`: lost, delayed, or the client died).
    pub answered: bool,
}

/// What the server answered so far, to see what a test exercised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Creates refused because the UID existed (a retried create meeting its object).
    pub creates_refused: u64,
    /// Updates and deletes refused for a stale etag (412).
    pub stale_refused: u64,
    pub full_listings: u64,
    pub incremental_listings: u64,
    /// Faults that happened (a lagging listing is not counted).
    pub faults: u64,
}

/// An href's state: its object, or a tombstone kept for incremental listings.
pub(super) struct Entry {
    /// The clock when it last changed.
    pub changed: u64,
    pub item: Option<FakeItem>,
}

pub(super) struct Collection {
    pub info: RemoteCollection,
    pub entries: BTreeMap<String, Entry>,
    /// Bumped when tokens expire: tokens of an older epoch are refused.
    pub epoch: u64,
}

impl Collection {
    pub fn live(&self) -> impl Iterator<Item = &FakeItem> {
        self.entries.values().filter_map(|e| e.item.as_ref())
    }

    pub fn by_uid(&self, uid: &str) -> Option<&FakeItem> {
        self.live().find(|i| i.uid == uid)
    }

    fn holds(&self, kind: ItemKind) -> bool {
        match kind {
            ItemKind::Event => self.info.holds_events,
            ItemKind::Task => self.info.holds_tasks,
        }
    }
}

/// An engine write, kept whole so that a delayed one can be applied later.
pub(super) struct WriteRequest {
    pub collection: String,
    pub uid: String,
    pub body: ItemBody,
    pub remote_id: Option<String>,
    pub etag: Option<String>,
}

type Deferred = Box<dyn FnOnce(&mut Inner) + Send>;

pub(super) struct Inner {
    pub collections: BTreeMap<String, Collection>,
    pub clock: u64,
    pub calls: u64,
    /// Faults by overall call number (`None`) or by the n-th call of one method.
    pub faults: BTreeMap<(Option<Method>, u64), Fault>,
    pub counts: BTreeMap<Method, u64>,
    /// Requests the client gave up on, applied before the call of the given number.
    delayed: Vec<(u64, Deferred)>,
    /// The call waiting at a [`Fault::Pause`].
    pub paused: Option<Paused>,
    pub page_size: usize,
    pub history: Vec<Applied>,
    pub stats: Stats,
}

impl Inner {
    pub fn new() -> Self {
        Inner {
            collections: BTreeMap::new(),
            clock: 0,
            calls: 0,
            faults: BTreeMap::new(),
            counts: BTreeMap::new(),
            delayed: Vec::new(),
            paused: None,
            page_size: 100,
            history: Vec::new(),
            stats: Stats::default(),
        }
    }

    pub fn add_collection(&mut self, info: RemoteCollection) {
        match self.collections.get_mut(&info.remote_id) {
            Some(c) => c.info = info,
            None => {
                let key = info.remote_id.clone();
                self.collections.insert(key, Collection { info, entries: BTreeMap::new(), epoch: 0 });
            }
        }
    }

    pub fn collection(&self, id: &str) -> Result<&Collection> {
        self.collections.get(id).ok_or_else(|| SyncError::Http { url: format!("fake://{id}"), status: 404 })
    }

    fn collection_mut(&mut self, id: &str) -> Result<&mut Collection> {
        self.collections.get_mut(id).ok_or_else(|| SyncError::Http { url: format!("fake://{id}"), status: 404 })
    }

    pub fn delay(&mut self, before_call: u64, request: Deferred) {
        self.delayed.push((before_call, request));
    }

    /// Applies, in the order they were made, the delayed requests due before call `call`.
    pub fn apply_delayed(&mut self, call: u64) {
        let (due, later): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.delayed).into_iter().partition(|(at, _)| *at <= call);
        self.delayed = later;
        for (_, request) in due {
            request(self);
        }
    }

    pub fn expire_tokens(&mut self) {
        for c in self.collections.values_mut() {
            c.epoch += 1;
            c.entries.retain(|_, e| e.item.is_some());
        }
    }

    /// Records a change of `href`: a new etag, the history entry.
    fn apply(
        &mut self,
        collection: &str,
        href: &str,
        uid: &str,
        body: Option<ItemBody>,
        by: Writer,
        answered: bool,
    ) -> Result<Option<String>> {
        self.clock += 1;
        let clock = self.clock;
        let etag = format!("\"{clock}\"");
        let item = body.clone().map(|body| FakeItem {
            href: href.to_string(),
            uid: uid.to_string(),
            etag: etag.clone(),
            body,
        });
        let c = self.collection_mut(collection)?;
        c.entries.insert(href.to_string(), Entry { changed: clock, item });
        self.history.push(Applied {
            version: clock,
            collection: collection.to_string(),
            uid: uid.to_string(),
            by,
            body: body.clone(),
            answered,
        });
        Ok(body.map(|_| etag))
    }

    /// The engine's write: a create at the href derived from the UID (refused when the
    /// UID exists), or an update of `remote_id` if it still has `etag`.
    pub fn write(&mut self, r: WriteRequest, answered: bool) -> Result<Written> {
        let c = self.collection(&r.collection)?;
        let conflict = |href: &str| SyncError::Conflict { href: href.to_string() };
        if !c.holds(r.body.kind()) {
            return Err(SyncError::NotWritable {
                uid: r.uid,
                reason: format!("{} does not hold this kind", r.collection),
            });
        }
        let href = match &r.remote_id {
            None => {
                let href = derived_href(&r.collection, &r.uid);
                if c.by_uid(&r.uid).is_some() {
                    self.stats.creates_refused += 1;
                    return Err(conflict(&href));
                }
                href
            }
            Some(href) => {
                let current = c.entries.get(href).and_then(|e| e.item.as_ref());
                let stale = match (current, &r.etag) {
                    // If-Match on nothing, or on another version: 412.
                    (None, Some(_)) => true,
                    (Some(cur), Some(etag)) => &cur.etag != etag || cur.uid != r.uid,
                    (Some(cur), None) => cur.uid != r.uid,
                    (None, None) => false,
                };
                if stale {
                    self.stats.stale_refused += 1;
                    return Err(conflict(href));
                }
                href.clone()
            }
        };
        let etag = self.apply(&r.collection, &href, &r.uid, Some(r.body), Writer::Client, answered)?;
        Ok(Written { remote_id: href, etag })
    }

    /// The engine's delete: gone already counts as deleted; a stale etag is a 412.
    pub fn delete(&mut self, collection: &str, href: &str, etag: Option<&str>, answered: bool) -> Result<()> {
        let c = self.collection(collection)?;
        let Some(current) = c.entries.get(href).and_then(|e| e.item.as_ref()) else {
            return Ok(());
        };
        if etag.is_some_and(|e| e != current.etag) {
            self.stats.stale_refused += 1;
            return Err(SyncError::Conflict { href: href.to_string() });
        }
        let uid = current.uid.clone();
        self.apply(collection, href, &uid, None, Writer::Client, answered)?;
        Ok(())
    }

    pub fn put_other(&mut self, collection: &str, uid: &str, body: ItemBody) -> String {
        let c = self.collection(collection).expect("the test names an existing collection");
        let href = c.by_uid(uid).map(|i| i.href.clone()).unwrap_or_else(|| format!("{collection}x-{uid}"));
        self.apply(collection, &href, uid, Some(body), Writer::Other, true)
            .expect("collection exists")
            .expect("a put has an etag")
    }

    pub fn remove_other(&mut self, collection: &str, uid: &str) -> bool {
        let c = self.collection(collection).expect("the test names an existing collection");
        let Some(href) = c.by_uid(uid).map(|i| i.href.clone()) else {
            return false;
        };
        self.apply(collection, &href, uid, None, Writer::Other, true).expect("collection exists");
        true
    }
}

/// Where the engine's create of `uid` goes (another client's creates go elsewhere).
pub(super) fn derived_href(collection: &str, uid: &str) -> String {
    format!("{collection}{uid}")
}
