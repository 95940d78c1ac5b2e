//! Sending the outbox.

use super::apply;
use super::report::{CollectionReport, Progress};
use super::Engine;
use crate::error::{Result, SyncError};
use crate::provider::{IncomingItem, ItemBody, ItemKind, OutgoingItem, Provider, RemoteChange, RemoteCollection};
use miraage_store::{Collection, CollectionId, OutboxEntry, OutboxOp, RemoteRef, Store};

/// What a send ended with.
enum Sent {
    /// The server confirmed it (or the edit no longer needs sending).
    Done,
    /// The server's version changed under it; the pull that followed settled it.
    Settled,
}

impl<P: Provider> Engine<'_, P> {
    /// Sends the collection's due edits in order. A failure that may pass (server down,
    /// throttled) reschedules the edit with backoff and stops this collection's sends; a
    /// refused password stops the account.
    pub(super) async fn push(&self, rc: &RemoteCollection, id: CollectionId, rep: &mut CollectionReport) -> Result<()> {
        let due_by = (!self.force).then(now);
        let due = self.store().outbox(id, due_by)?;
        let total = due.len();
        for (done, entry) in due.into_iter().enumerate() {
            match self.send(rc, id, &entry, rep).await {
                Ok(Sent::Done) => rep.pushed += 1,
                Ok(Sent::Settled) => {}
                Err(e @ SyncError::Unauthorized { .. }) => return Err(e),
                Err(e) => {
                    let retry = entry.attempts + 1;
                    let delay = self.backoff.delay(retry, fastrand::f64()).unwrap_or(self.backoff.max);
                    self.store().outbox_retry_later(&entry, now() + delay.as_secs() as i64, &e.to_string())?;
                    rep.error.get_or_insert_with(|| format!("an edit could not be sent: {e}"));
                    if e.is_retryable() {
                        // The server is unwell: the other edits would fail the same way.
                        break;
                    }
                }
            }
            (self.progress)(&Progress::Pushed { collection: rc.name.clone(), done: done + 1, total });
        }
        Ok(())
    }

    async fn send(
        &self,
        rc: &RemoteCollection,
        id: CollectionId,
        entry: &OutboxEntry,
        rep: &mut CollectionReport,
    ) -> Result<Sent> {
        // The edit may have been settled or replaced since the list was read.
        let Some(entry) = self.store().outbox_entry(id, entry.kind, &entry.uid)? else {
            return Ok(Sent::Settled);
        };
        match entry.op {
            OutboxOp::Put => self.send_put(rc, id, &entry, rep).await,
            OutboxOp::Delete => self.send_delete(rc, id, &entry, rep).await,
        }
    }

    /// The item's current local content and where it is on the server.
    fn local(
        &self,
        id: CollectionId,
        kind: ItemKind,
        uid: &str,
    ) -> Result<(Collection, Option<ItemBody>, Option<RemoteRef>)> {
        let mut store = self.store();
        let coll = store.collection(id)?;
        let body = read_body(&store, &coll, kind, uid)?;
        let tx = store.sync_tx()?;
        let remote = tx.remote_ref_of_uid(id, kind, uid)?;
        drop(tx);
        Ok((coll, body, remote))
    }

    async fn send_put(
        &self,
        rc: &RemoteCollection,
        id: CollectionId,
        entry: &OutboxEntry,
        rep: &mut CollectionReport,
    ) -> Result<Sent> {
        let mut entry = entry.clone();
        if !self.provider.creates_are_idempotent(entry.kind) {
            self.before_unsafe_create(rc, id, &entry).await?;
        }
        // Two rounds: a conflict is settled once, then the write is tried again.
        for round in 0..2 {
            let (_, body, remote) = self.local(id, entry.kind, &entry.uid)?;
            let Some(body) = body else {
                // Nothing left to send (deleted meanwhile, which queued its own delete).
                self.finish(id, &entry, None)?;
                return Ok(Sent::Done);
            };
            let item = OutgoingItem {
                uid: &entry.uid,
                body: &body,
                remote_id: remote.as_ref().map(|r| r.remote_id.as_str()),
                etag: remote.as_ref().and_then(|r| r.etag.as_deref()),
            };
            match self.provider.write(rc, item).await {
                Ok(written) => {
                    let r = RemoteRef {
                        remote_id: written.remote_id,
                        kind: entry.kind,
                        uid: entry.uid.clone(),
                        recurrence_id: None,
                        etag: written.etag,
                    };
                    self.finish(id, &entry, Some(&r))?;
                    return Ok(Sent::Done);
                }
                Err(SyncError::Conflict { .. }) if round == 0 && remote.is_none() => {
                    // The create found an object with this UID already there (an earlier
                    // attempt whose answer was lost, maybe changed since by another client,
                    // or the same item from another device) that no listing showed yet.
                    // Adopt it rather than make a second one.
                    let Some(found) = self.provider.find(rc, entry.kind, &entry.uid).await? else {
                        return Err(SyncError::Transient {
                            url: rc.remote_id.clone(),
                            reason: "the server reported the item both present and absent".into(),
                        });
                    };
                    if found.uid != entry.uid {
                        // Two UIDs hashed to one object name: never write over the other item.
                        return Err(SyncError::NotWritable {
                            uid: entry.uid.clone(),
                            reason: format!("its object name on the server is taken by {:?}", found.uid),
                        });
                    }
                    let conflicts = rep.conflicts;
                    match self.adopt(id, &found, rep)? {
                        Some(still) if still.op == OutboxOp::Put => entry = still,
                        // The object was the edit itself, or the policy kept it.
                        None if rep.conflicts == conflicts => return Ok(Sent::Done),
                        _ => return Ok(Sent::Settled),
                    }
                }
                Err(SyncError::Conflict { .. }) if round == 0 => {
                    // Changed on the server since our copy: pull it; the policy decides.
                    self.pull(rc, id, rep).await?;
                    match self.store().outbox_entry(id, entry.kind, &entry.uid)? {
                        Some(still) if still.op == OutboxOp::Put => entry = still,
                        _ => return Ok(Sent::Settled),
                    }
                }
                Err(e) => return Err(e),
            }
        }
        Err(SyncError::Conflict { href: entry.uid.clone() })
    }

    async fn send_delete(
        &self,
        rc: &RemoteCollection,
        id: CollectionId,
        entry: &OutboxEntry,
        rep: &mut CollectionReport,
    ) -> Result<Sent> {
        let (_, _, remote) = self.local(id, entry.kind, &entry.uid)?;
        let target = match remote {
            Some(r) => Some((r.remote_id, r.etag)),
            // Only a create that went out can have left an object there, and it is this
            // item's own (found by its marker): deleted as the user asked, no policy.
            None if !self.provider.creates_are_idempotent(entry.kind) => match entry.create_sent {
                false => None,
                true => match self.provider.find(rc, entry.kind, &entry.uid).await? {
                    Some(found) => {
                        self.link(id, entry, &found)?;
                        Some((found.remote_id, found.etag))
                    }
                    None => None,
                },
            },
            // Never confirmed: a create may still have reached the server, and another
            // client may have changed it since. Adopt it as a pulled version: the policy
            // decides whether the delete stands.
            None => match self.provider.find(rc, entry.kind, &entry.uid).await? {
                None => None,
                Some(found) => match self.adopt(id, &found, rep)? {
                    Some(still) if still.op == OutboxOp::Delete => Some((found.remote_id, found.etag)),
                    _ => return Ok(Sent::Settled),
                },
            },
        };
        if let Some((remote_id, etag)) = target {
            match self.provider.delete(rc, entry.kind, &remote_id, etag.as_deref()).await {
                Ok(()) => {}
                Err(SyncError::Conflict { .. }) => {
                    // Changed on the server after the user deleted it here: pull the new
                    // version; the policy decides whether the delete still stands.
                    self.pull(rc, id, rep).await?;
                    let still = self.store().outbox_entry(id, entry.kind, &entry.uid)?;
                    match still {
                        Some(still) if still.op == OutboxOp::Delete => {
                            // The policy kept the delete: delete the version the pull brought,
                            // never blindly. A listing that lagged behind brought none, and
                            // the delete fails again and waits for the next sync.
                            let (_, _, now) = self.local(id, entry.kind, &entry.uid)?;
                            if let Some(r) = now {
                                self.provider.delete(rc, entry.kind, &r.remote_id, r.etag.as_deref()).await?;
                            }
                        }
                        _ => return Ok(Sent::Settled),
                    }
                }
                Err(e) => return Err(e),
            }
        }
        self.finish(id, entry, None)?;
        Ok(Sent::Done)
    }

    /// Before a create at a provider that cannot recognise a repeated one: when an earlier
    /// try went out unconfirmed, looks for the object it made (by the marker every create
    /// carries) and takes it as the item's server object, so that the write that follows
    /// updates it to the local content instead of making a second one; otherwise marks the
    /// create as sent, before it is.
    async fn before_unsafe_create(&self, rc: &RemoteCollection, id: CollectionId, entry: &OutboxEntry) -> Result<()> {
        let (_, _, remote) = self.local(id, entry.kind, &entry.uid)?;
        if remote.is_some() {
            return Ok(());
        }
        if entry.create_sent {
            if let Some(found) = self.provider.find(rc, entry.kind, &entry.uid).await? {
                return self.link(id, entry, &found);
            }
        }
        Ok(self.store().outbox_create_sent(entry.id)?)
    }

    /// Takes `found`, the object an earlier try of this item's create made, as the item's
    /// server object. A pull may have brought it meanwhile as an item of its own (under the
    /// provider's id): that copy is dropped.
    fn link(&self, id: CollectionId, entry: &OutboxEntry, found: &IncomingItem) -> Result<()> {
        let mut store = self.store();
        let coll = store.collection(id)?;
        let tx = store.sync_tx()?;
        if let Some(copy) = tx.remote_ref(id, &found.remote_id)?.filter(|r| r.uid != entry.uid) {
            apply::drop_local_copy(&tx, &coll, &copy)?;
        }
        let r = RemoteRef {
            remote_id: found.remote_id.clone(),
            kind: entry.kind,
            uid: entry.uid.clone(),
            recurrence_id: None,
            etag: found.etag.clone(),
        };
        tx.set_remote_ref(id, &r)?;
        tx.commit()?;
        Ok(())
    }

    /// Records a confirmed send: where the item now is (or that it is gone), and removes the
    /// entry unless a newer edit came in meanwhile (that one is sent next time).
    fn finish(&self, id: CollectionId, entry: &OutboxEntry, written: Option<&RemoteRef>) -> Result<()> {
        let mut store = self.store();
        let tx = store.sync_tx()?;
        match written {
            Some(r) => tx.set_remote_ref(id, r)?,
            None if entry.op == OutboxOp::Delete => tx.forget_remote_refs_of_uid(id, entry.kind, &entry.uid)?,
            None => {}
        }
        tx.drop_outbox(entry.id, Some(entry.revision))?;
        tx.commit()?;
        Ok(())
    }

    /// Takes an object found by UID (a create met it, or a never-confirmed item is to be
    /// deleted) as the server's version of the item, as a pull does: the same content
    /// confirms the edit; other content is a conflict that the policy settles (never a
    /// silent overwrite). Returns the entry if it is still to be sent, now over that object.
    fn adopt(&self, id: CollectionId, found: &IncomingItem, rep: &mut CollectionReport) -> Result<Option<OutboxEntry>> {
        let mut store = self.store();
        let coll = store.collection(id)?;
        let tx = store.sync_tx()?;
        apply::change(&tx, &coll, &RemoteChange::Upsert(found.clone()), rep, &self.replan)?;
        let still = tx.outbox_entry(id, found.body.kind(), &found.uid)?;
        tx.commit()?;
        Ok(still)
    }
}

fn read_body(store: &Store, coll: &Collection, kind: ItemKind, uid: &str) -> Result<Option<ItemBody>> {
    Ok(match (kind, &coll.calendar_id, &coll.task_list_id) {
        (ItemKind::Event, Some(cal), _) => {
            let events = store.events_of_uid(cal, uid)?;
            (!events.is_empty()).then_some(ItemBody::Events(events))
        }
        (ItemKind::Task, _, Some(list)) => store.task_of_uid(list, uid)?.map(|t| ItemBody::Task(Box::new(t))),
        _ => None,
    })
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
