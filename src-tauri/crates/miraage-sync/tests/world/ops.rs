//! Edits: the user's, through the store's public methods (which queue the outbox), and
//! another client's, on the fake server. Each makes a new version, recorded in [`Versions`].

use super::oracle::{Side, Versions};
use super::{collection_of, event, tag_of, task};
use miraage_domain::{CalendarId, EventOrigin, TaskListId, TaskStatus};
use miraage_store::{ItemKind, Store};
use miraage_sync::fake::{FakeItem, FakeServer};
use miraage_sync::ItemBody;
use std::sync::Mutex;

/// Who made an event, which decides its conflict policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Someone else's (an invitation, an import): the server wins.
    External,
    /// Made in Miraage: the local edit wins.
    Miraage,
    /// A plan block: the server's version is kept and the plan re-planned.
    Plan,
}

impl Origin {
    fn event_origin(self) -> EventOrigin {
        match self {
            Origin::External => EventOrigin::External,
            Origin::Miraage => EventOrigin::Miraage,
            Origin::Plan => EventOrigin::PlanBlock { task_uid: "task@miraage".into() },
        }
    }
}

#[derive(Debug, Clone)]
pub enum Edit {
    LocalCreate {
        kind: ItemKind,
        origin: Origin,
    },
    /// `pick` chooses among the items there are (modulo their number); nothing if none.
    LocalUpdate {
        kind: ItemKind,
        pick: usize,
        done: bool,
    },
    LocalDelete {
        kind: ItemKind,
        pick: usize,
    },
    RemoteCreate {
        kind: ItemKind,
        origin: Origin,
    },
    RemoteUpdate {
        kind: ItemKind,
        pick: usize,
    },
    RemoteDelete {
        kind: ItemKind,
        pick: usize,
    },
    /// The user (or another client, `other`) edits or deletes the very item a paused call
    /// is sending; outside a pause, or at a call that sends nothing, nothing happens.
    InFlight {
        other: bool,
        delete: bool,
    },
}

/// What edits act on.
pub struct Places<'a> {
    pub store: &'a Mutex<Store>,
    pub fake: &'a FakeServer,
    pub calendar: &'a CalendarId,
    pub list: &'a TaskListId,
}

impl Places<'_> {
    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The local items of `kind`, by UID, with their current version.
    pub fn local(&self, kind: ItemKind) -> Vec<(String, ItemBody)> {
        let store = self.store();
        let mut out: Vec<(String, ItemBody)> = match kind {
            ItemKind::Event => {
                let events = store.events_of_calendar(self.calendar).expect("events");
                let mut uids: Vec<String> = events.iter().map(|e| e.uid.clone()).collect();
                uids.sort();
                uids.dedup();
                uids.into_iter()
                    .map(|uid| (uid.clone(), ItemBody::Events(store.events_of_uid(self.calendar, &uid).expect("rows"))))
                    .collect()
            }
            ItemKind::Task => store
                .tasks(miraage_store::TaskFilter::All)
                .expect("tasks")
                .into_iter()
                .filter(|t| &t.list_id == self.list)
                .map(|t| (t.uid.clone(), ItemBody::Task(Box::new(t))))
                .collect(),
        };
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

fn pick<T>(items: Vec<T>, pick: usize) -> Option<T> {
    let n = items.len();
    (n > 0).then(|| items.into_iter().nth(pick % n).expect("in range"))
}

/// Makes the edit; an update or delete with nothing to act on does nothing. `in_flight`
/// is the item a paused call is sending (collection, UID), if any.
pub fn apply(p: &Places<'_>, v: &mut Versions, edit: &Edit, in_flight: Option<&(String, String)>) {
    match *edit {
        Edit::LocalCreate { kind, origin } => {
            let uid = v.new_uid(kind, "l");
            let tag = v.made(Side::Local, kind, &uid, None, false);
            v.set_policy(kind, &uid, origin.event_origin());
            match kind {
                ItemKind::Event => {
                    let e = event(p.calendar, &uid, &tag, origin.event_origin(), v.hour());
                    p.store().upsert_events(&[e]).expect("local create");
                }
                ItemKind::Task => p.store().save_task(&task(p.list, &uid, &tag)).expect("local create"),
            }
        }
        Edit::LocalUpdate { kind, pick: n, done } => {
            let Some((uid, body)) = pick(p.local(kind), n) else {
                return;
            };
            update(p, v, kind, uid, body, done);
        }
        Edit::LocalDelete { kind, pick: n } => {
            let Some((uid, body)) = pick(p.local(kind), n) else {
                return;
            };
            delete(p, v, kind, uid, body);
        }
        Edit::InFlight { other, delete: del } => {
            let Some((coll, uid)) = in_flight else { return };
            let kind = if coll == super::CALENDAR { ItemKind::Event } else { ItemKind::Task };
            if other {
                let Some(item) = p.fake.item(coll, uid) else {
                    return;
                };
                if del {
                    remote_delete(p, v, kind, item);
                } else {
                    remote_update(p, v, kind, item);
                }
                return;
            }
            let Some((uid, body)) = p.local(kind).into_iter().find(|(u, _)| u == uid) else {
                return;
            };
            if del {
                delete(p, v, kind, uid, body);
            } else {
                update(p, v, kind, uid, body, true);
            }
        }
        Edit::RemoteCreate { kind, origin } => {
            let uid = v.new_uid(kind, "r");
            let tag = v.made(Side::Other, kind, &uid, None, false);
            v.set_policy(kind, &uid, origin.event_origin());
            let body = match kind {
                ItemKind::Event => {
                    ItemBody::Events(vec![event(&CalendarId::new(), &uid, &tag, origin.event_origin(), v.hour())])
                }
                ItemKind::Task => ItemBody::Task(Box::new(task(&TaskListId::new(), &uid, &tag))),
            };
            p.fake.put(collection_of(kind), &uid, body);
        }
        Edit::RemoteUpdate { kind, pick: n } => {
            let Some(item) = pick(p.fake.items(collection_of(kind)), n) else {
                return;
            };
            remote_update(p, v, kind, item);
        }
        Edit::RemoteDelete { kind, pick: n } => {
            let Some(item) = pick(p.fake.items(collection_of(kind)), n) else {
                return;
            };
            remote_delete(p, v, kind, item);
        }
    }
}

/// Another client changes an item on the server: a new summary or title.
fn remote_update(p: &Places<'_>, v: &mut Versions, kind: ItemKind, item: FakeItem) {
    let tag = v.made(Side::Other, kind, &item.uid, Some(tag_of(&item.body)), false);
    let body = match item.body {
        ItemBody::Events(mut events) => {
            events[0].summary = tag;
            ItemBody::Events(events)
        }
        ItemBody::Task(mut t) => {
            t.title = tag;
            ItemBody::Task(t)
        }
    };
    p.fake.put(collection_of(kind), &item.uid, body);
}

/// Another client deletes an item on the server.
fn remote_delete(p: &Places<'_>, v: &mut Versions, kind: ItemKind, item: FakeItem) {
    let tag = v.made(Side::Other, kind, &item.uid, Some(tag_of(&item.body)), true);
    p.fake.remove(collection_of(kind), &item.uid);
    v.other_deleted(&item.uid, p.fake.clock(), &tag);
}

/// The user changes a local item: a new summary or title (and a task's status).
fn update(p: &Places<'_>, v: &mut Versions, kind: ItemKind, uid: String, body: ItemBody, done: bool) {
    let tag = v.made(Side::Local, kind, &uid, Some(tag_of(&body)), false);
    match body {
        ItemBody::Events(mut events) => {
            events[0].summary = tag;
            p.store().upsert_events(&events[..1]).expect("local update");
        }
        ItemBody::Task(mut t) => {
            t.title = tag;
            t.status = if done { TaskStatus::Completed } else { TaskStatus::NeedsAction };
            p.store().save_task(&t).expect("local update");
        }
    }
}

/// The user deletes a local item.
fn delete(p: &Places<'_>, v: &mut Versions, kind: ItemKind, uid: String, body: ItemBody) {
    v.made(Side::Local, kind, &uid, Some(tag_of(&body)), true);
    v.local_deleted(kind, &uid, p.fake.clock());
    match body {
        ItemBody::Events(events) => p.store().delete_event(&events[0].id).expect("local delete"),
        ItemBody::Task(t) => p.store().delete_task(&t.id).expect("local delete"),
    }
}
