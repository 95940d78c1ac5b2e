//! Applying one server change to the store, with the conflict policy for items that have a
//! pending local edit.

use super::policy;
use super::report::CollectionReport;
use crate::error::Result;
use crate::provider::{IncomingItem, ItemBody, ItemKind, ItemScope, RemoteChange};
use miraage_domain::{Event, EventId, TaskId};
use miraage_store::{Collection, RemoteRef, Resolution, SyncTx};
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};

pub(super) fn remote_id(change: &RemoteChange) -> &str {
    match change {
        RemoteChange::Upsert(item) => &item.remote_id,
        RemoteChange::Removed { remote_id } | RemoteChange::Unreadable { remote_id, .. } => remote_id,
    }
}

pub(super) fn change(
    tx: &SyncTx<'_>,
    coll: &Collection,
    change: &RemoteChange,
    rep: &mut CollectionReport,
    replan: &AtomicBool,
) -> Result<()> {
    match change {
        RemoteChange::Upsert(item) => upsert(tx, coll, item, rep, replan),
        RemoteChange::Removed { remote_id } => removed(tx, coll, remote_id, rep, replan),
        RemoteChange::Unreadable { remote_id, reason } => {
            // Its local copy, if any, stays as it was.
            rep.unreadable.push(format!("{remote_id}: {reason}"));
            Ok(())
        }
    }
}

/// After a full listing: everything known locally that it did not list is gone.
pub(super) fn prune(
    tx: &SyncTx<'_>,
    coll: &Collection,
    seen: &HashSet<String>,
    rep: &mut CollectionReport,
    replan: &AtomicBool,
) -> Result<()> {
    for r in tx.remote_refs(coll.id)? {
        if !seen.contains(&r.remote_id) {
            removed(tx, coll, &r.remote_id, rep, replan)?;
        }
    }
    Ok(())
}

fn upsert(
    tx: &SyncTx<'_>,
    coll: &Collection,
    item: &IncomingItem,
    rep: &mut CollectionReport,
    replan: &AtomicBool,
) -> Result<()> {
    let kind = item.body.kind();
    let holds = match kind {
        ItemKind::Event => coll.calendar_id.is_some(),
        ItemKind::Task => coll.task_list_id.is_some(),
    };
    if !holds {
        rep.unreadable.push(format!("{}: a {} in a collection that does not hold them", item.remote_id, kind.as_str()));
        return Ok(());
    }
    let known = tx.remote_ref(coll.id, &item.remote_id)?;
    // A task made here keeps its local UID although the provider reads its tasks under its
    // own ids (Google Tasks, To Do): the remote id leads back to it.
    let renamed;
    let item = match (&known, &item.body) {
        (Some(k), ItemBody::Task(task)) if k.kind == kind && k.uid != item.uid => {
            let task = miraage_domain::Task { uid: k.uid.clone(), ..task.as_ref().clone() };
            renamed = IncomingItem { uid: k.uid.clone(), body: ItemBody::Task(Box::new(task)), ..item.clone() };
            &renamed
        }
        _ => item,
    };
    if item.etag.is_some() && known.as_ref().is_some_and(|k| k.etag == item.etag) {
        // The version we have (typically our own write coming back).
        return Ok(());
    }
    if let Some(pending) = tx.outbox_entry(coll.id, kind, &item.uid)? {
        if same_as_local(tx, coll, item)? {
            // The server has exactly the pending edit: an earlier send whose answer was lost.
            tx.set_remote_ref(coll.id, &reference(item))?;
            // Only a whole item confirms the edit: a series' instance (or master) alone
            // agreeing says nothing of the rest of it (a series ended on another row
            // while an unchanged instance comes back), so the edit is still sent.
            if item.scope == ItemScope::Whole {
                tx.drop_outbox(pending.id, Some(pending.revision))?;
            }
            return Ok(());
        }
        let resolution = policy::resolve(kind, pending.origin.as_deref());
        tx.record_conflict(coll.id, kind, &item.uid, &summary(&item.body), resolution)?;
        rep.conflicts += 1;
        match resolution {
            Resolution::LocalKept => {
                // The local edit overwrites this version: remember it so the write's
                // If-Match names it.
                tx.set_remote_ref(coll.id, &reference(item))?;
                tx.requeue(pending.id)?;
                return Ok(());
            }
            Resolution::Replan => replan.store(true, Ordering::Relaxed),
            Resolution::ServerKept => {}
        }
        tx.drop_outbox(pending.id, None)?;
    }
    store_item(tx, coll, item)?;
    rep.pulled += 1;
    Ok(())
}

/// Saves a server item where the collection keeps its kind.
pub(super) fn store_item(tx: &SyncTx<'_>, coll: &Collection, item: &IncomingItem) -> Result<()> {
    match &item.body {
        ItemBody::Events(events) => {
            let calendar = coll.calendar_id.clone().expect("checked by the caller");
            let events: Vec<Event> =
                events.iter().map(|e| Event { calendar_id: calendar.clone(), ..e.clone() }).collect();
            match item.scope {
                ItemScope::Whole => tx.replace_uid(&events)?,
                // A master or an instance alone: the UID's other rows stay.
                ItemScope::Master | ItemScope::Instance(_) => tx.upsert_rows(&events)?,
            }
        }
        ItemBody::Task(task) => {
            let list = coll.task_list_id.clone().expect("checked by the caller");
            let mut task = task.as_ref().clone();
            task.list_id = list;
            tx.upsert_task(&task)?;
        }
    }
    Ok(tx.set_remote_ref(coll.id, &reference(item))?)
}

fn removed(
    tx: &SyncTx<'_>,
    coll: &Collection,
    remote_id: &str,
    rep: &mut CollectionReport,
    replan: &AtomicBool,
) -> Result<()> {
    let Some(known) = tx.remote_ref(coll.id, remote_id)? else {
        return Ok(());
    };
    if let Some(pending) = tx.outbox_entry(coll.id, known.kind, &known.uid)? {
        let deleting = pending.op == miraage_store::OutboxOp::Delete;
        if !deleting {
            let resolution = policy::resolve(known.kind, pending.origin.as_deref());
            tx.record_conflict(
                coll.id,
                known.kind,
                &known.uid,
                &format!("deleted on the server: {}", known.uid),
                resolution,
            )?;
            rep.conflicts += 1;
            match resolution {
                Resolution::LocalKept => {
                    // Send the local item again, as a new object.
                    tx.forget_remote_refs_of_uid(coll.id, known.kind, &known.uid)?;
                    tx.requeue(pending.id)?;
                    return Ok(());
                }
                Resolution::Replan => replan.store(true, Ordering::Relaxed),
                Resolution::ServerKept => {}
            }
        }
        // Both sides agree when the pending edit was a delete.
        tx.drop_outbox(pending.id, None)?;
    }
    match (known.kind, &known.recurrence_id, &coll.calendar_id, &coll.task_list_id) {
        (ItemKind::Event, Some(rid), Some(cal), _) => {
            tx.delete_instance(cal, &known.uid, rid)?;
            tx.forget_remote_ref(coll.id, remote_id)?;
        }
        (ItemKind::Event, None, Some(cal), _) => {
            tx.delete_uid(cal, &known.uid)?;
            tx.forget_remote_refs_of_uid(coll.id, known.kind, &known.uid)?;
        }
        (ItemKind::Task, _, _, Some(list)) => {
            tx.delete_task_uid(list, &known.uid)?;
            tx.forget_remote_refs_of_uid(coll.id, known.kind, &known.uid)?;
        }
        _ => tx.forget_remote_ref(coll.id, remote_id)?,
    }
    rep.removed += 1;
    Ok(())
}

/// Drops the local rows a pull stored under `copy` (their remote id turned out to be an
/// object of another local item), with its references and any pending edit of it.
pub(super) fn drop_local_copy(tx: &SyncTx<'_>, coll: &Collection, copy: &RemoteRef) -> Result<()> {
    match (copy.kind, &coll.calendar_id, &coll.task_list_id) {
        (ItemKind::Event, Some(cal), _) => tx.delete_uid(cal, &copy.uid)?,
        (ItemKind::Task, _, Some(list)) => tx.delete_task_uid(list, &copy.uid)?,
        _ => {}
    }
    if let Some(pending) = tx.outbox_entry(coll.id, copy.kind, &copy.uid)? {
        tx.drop_outbox(pending.id, None)?;
    }
    Ok(tx.forget_remote_refs_of_uid(coll.id, copy.kind, &copy.uid)?)
}

fn reference(item: &IncomingItem) -> RemoteRef {
    RemoteRef {
        remote_id: item.remote_id.clone(),
        kind: item.body.kind(),
        uid: item.uid.clone(),
        recurrence_id: match &item.scope {
            ItemScope::Whole | ItemScope::Master => None,
            ItemScope::Instance(rid) => Some(rid.to_string()),
        },
        etag: item.etag.clone(),
    }
}

fn summary(body: &ItemBody) -> String {
    match body {
        ItemBody::Events(events) => events.first().map(|e| e.summary.clone()).unwrap_or_default(),
        ItemBody::Task(task) => task.title.clone(),
    }
}

/// Whether the server's item says what the local rows say (ids and placement aside).
fn same_as_local(tx: &SyncTx<'_>, coll: &Collection, item: &IncomingItem) -> Result<bool> {
    Ok(match (&item.body, &coll.calendar_id, &coll.task_list_id) {
        (ItemBody::Events(remote), Some(cal), _) => {
            let local = tx.events_of_uid(cal, &item.uid)?;
            let norm = |events: &[Event]| -> Vec<Event> {
                let mut v: Vec<Event> = events
                    .iter()
                    .map(|e| Event { id: EventId::from_string(String::new()), calendar_id: cal.clone(), ..e.clone() })
                    .collect();
                v.sort_by_key(|e| e.recurrence_id().map(|r| r.to_string()));
                v
            };
            match item.scope {
                ItemScope::Whole => norm(&local) == norm(remote),
                ItemScope::Master | ItemScope::Instance(_) => {
                    let remote = norm(remote);
                    let local = norm(&local);
                    remote.iter().all(|r| local.contains(r))
                }
            }
        }
        (ItemBody::Task(remote), _, Some(list)) => match tx.task_of_uid(list, &item.uid)? {
            Some(local) => {
                let norm = |t: &miraage_domain::Task| miraage_domain::Task {
                    id: TaskId::from_string(String::new()),
                    list_id: list.clone(),
                    depends_on: Vec::new(),
                    completed_at: None,
                    ..t.clone()
                };
                norm(&local) == norm(remote)
            }
            None => false,
        },
        _ => false,
    })
}
