//! Every version made, which version it was made on, and the checks after the last sync.
//!
//! Each edit makes a version with a unique tag (an event's summary, a task's title; a
//! deletion gets a tag of its own) and records its parent: the version the local copy or
//! the server had when it was made. Then, per item, with `F` the version both sides end
//! with (or the deletion that ended it):
//!
//! - every version reached the end (it, or a later version made on top of it, is an
//!   ancestor of `F` or a deletion where `F` is one), or it was dropped by the policy: a local
//!   version only where the policy says the server wins (external events, plan blocks,
//!   tasks), an other client's version only where the local edit wins (events made in
//!   Miraage); and then only with a conflict recorded for the item, and only if `F`
//!   descends from a version of the other side that the dropped one did not know about
//!   (a real concurrent edit, not our own earlier write).
//!
//! The exceptions are the engine's known limitation (see the crate's README): the outcome
//! of a send whose answer never came (lost, late, or the process died) is unknown to it.
//! - It takes what the server then holds for a concurrent version, and the policy decides,
//!   even where that is the send itself (a newer local edit of a server-wins item loses to
//!   it) or an edit made on top of it (a local-wins item overwrites it); a conflict is
//!   still recorded.
//! - When another client changed, then deleted, the object such a send made before the
//!   engine listed it, the engine never saw it and sends its item again.
//! - A create that lands after the item was deleted (by the user or another client) brings
//!   it back (and another client may edit it then).

use super::World;
use miraage_domain::EventOrigin;
use miraage_store::{ItemKind, Resolution};
use miraage_sync::engine::policy;
use miraage_sync::fake::{Applied, Writer};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Local,
    Other,
}

#[derive(Debug, Clone)]
struct Version {
    side: Side,
    parent: Option<String>,
    deleted: bool,
}

pub type Key = (ItemKind, String);

#[derive(Debug, Default)]
pub struct Versions {
    next: u32,
    versions: HashMap<String, Version>,
    /// Every version of each item, in the order made.
    by_item: BTreeMap<Key, Vec<String>>,
    policy: BTreeMap<Key, Resolution>,
    /// Deletions by another client, by UID and the server's clock after them.
    other_deletes: HashMap<(String, u64), String>,
    /// Local deletions, with the server's clock when they were made.
    local_deletes: BTreeMap<Key, Vec<(u64, String)>>,
}

impl Versions {
    pub fn new_uid(&mut self, kind: ItemKind, side: &str) -> String {
        self.next += 1;
        let k = if kind == ItemKind::Task { "t" } else { "e" };
        format!("{side}{k}{}@test", self.next)
    }

    /// An hour of the day for a new event (they differ, as real ones do).
    pub fn hour(&self) -> u32 {
        self.next % 24
    }

    /// Records a new version of an item; returns its tag.
    pub fn made(&mut self, side: Side, kind: ItemKind, uid: &str, parent: Option<String>, deleted: bool) -> String {
        self.next += 1;
        let tag = format!(
            "{}{}",
            if deleted {
                "D"
            } else if side == Side::Local {
                "L"
            } else {
                "R"
            },
            self.next
        );
        self.versions.insert(tag.clone(), Version { side, parent, deleted });
        self.by_item.entry((kind, uid.to_string())).or_default().push(tag.clone());
        self.policy.entry((kind, uid.to_string())).or_insert(Resolution::ServerKept);
        tag
    }

    pub fn set_policy(&mut self, kind: ItemKind, uid: &str, origin: EventOrigin) {
        let origin = origin.to_property();
        self.policy.insert((kind, uid.to_string()), policy::resolve(kind, origin.as_deref()));
    }

    pub fn other_deleted(&mut self, uid: &str, clock: u64, tag: &str) {
        self.other_deletes.insert((uid.to_string(), clock), tag.to_string());
    }

    /// Records the local deletion just made (its tag is the item's last version).
    pub fn local_deleted(&mut self, kind: ItemKind, uid: &str, clock: u64) {
        let key = (kind, uid.to_string());
        let tag = self.by_item[&key].last().expect("just made").clone();
        self.local_deletes.entry(key).or_default().push((clock, tag));
    }

    fn ancestors(&self, tag: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut at = Some(tag.to_string());
        while let Some(t) = at {
            if !out.insert(t.clone()) {
                break;
            }
            at = self.versions.get(&t).and_then(|v| v.parent.clone());
        }
        out
    }
}

/// Checks every property after the final sync; `Err` says which and why.
pub fn check(world: &World) -> Result<(), String> {
    let places = world.places();
    let history = world.fake.history();
    let conflicts = world.store().conflicts(100_000).map_err(|e| e.to_string())?;
    let v = &world.versions;
    for kind in [ItemKind::Event, ItemKind::Task] {
        let coll = super::collection_of(kind);
        let server = world.fake.items(coll);
        let local = places.local(kind);

        // Nothing doubled on either side.
        let server_uids: BTreeSet<&str> = server.iter().map(|i| i.uid.as_str()).collect();
        if server_uids.len() != server.len() {
            return Err(format!(
                "a UID is twice on the server: {:?}",
                server.iter().map(|i| (&i.href, &i.uid)).collect::<Vec<_>>()
            ));
        }
        for (uid, body) in &local {
            if let miraage_sync::ItemBody::Events(events) = body {
                if events.len() != 1 {
                    return Err(format!("{uid} has {} local rows", events.len()));
                }
            }
        }
        let local_uids: Vec<&str> = local.iter().map(|(u, _)| u.as_str()).collect();
        if local_uids.windows(2).any(|w| w[0] == w[1]) {
            return Err(format!("a UID is twice locally: {local_uids:?}"));
        }

        // Both sides hold the same items with the same content.
        let server_map: BTreeMap<&str, String> = server.iter().map(|i| (i.uid.as_str(), normal(&i.body))).collect();
        let local_map: BTreeMap<&str, String> = local.iter().map(|(u, b)| (u.as_str(), normal(b))).collect();
        if server_map != local_map {
            return Err(format!("the sides differ for {kind:?}:\n  server {server_map:#?}\n  local  {local_map:#?}"));
        }

        // No version lost but by the policy.
        for ((k, uid), tags) in v.by_item.range((kind, String::new())..) {
            if *k != kind {
                break;
            }
            let end = match server.iter().find(|i| &i.uid == uid) {
                Some(item) => super::tag_of(&item.body),
                None => final_deletion(v, &history, coll, kind, uid)?,
            };
            let item = Item {
                v,
                uid,
                tags,
                kept: v.ancestors(&end),
                end_deleted: v.versions.get(&end).is_some_and(|x| x.deleted),
                end,
                policy: v.policy[&(kind, uid.clone())],
                conflict: conflicts.iter().any(|c| &c.uid == uid),
                sends: history
                    .iter()
                    .filter(|a| a.collection == coll && &a.uid == uid && a.by == Writer::Client)
                    .collect(),
            };
            item.check()?;
        }
    }
    Ok(())
}

/// What is known of one item at the end.
struct Item<'a> {
    v: &'a Versions,
    uid: &'a str,
    tags: &'a [String],
    /// The version it ended as (or the deletion that ended it), and its ancestors.
    end: String,
    kept: BTreeSet<String>,
    end_deleted: bool,
    policy: Resolution,
    conflict: bool,
    /// The engine's writes of it that the server applied.
    sends: Vec<&'a Applied>,
}

impl Item<'_> {
    fn check(&self) -> Result<(), String> {
        let v = self.v;
        // A version reached the end if it, or a later one made on top of it, is an ancestor
        // of the end, or is a deletion where the item ended deleted.
        let reached: BTreeSet<&String> = self
            .tags
            .iter()
            .filter(|u| self.kept.contains(*u) || (v.versions[*u].deleted && self.end_deleted))
            .flat_map(|u| self.tags.iter().filter(|t| v.ancestors(u).contains(*t)))
            .collect();
        for tag in self.tags.iter().filter(|t| !reached.contains(t)) {
            if !self.excused(tag) {
                return Err(format!(
                    "{}: version {tag} ({:?}) was lost: the item ended as {} (made on {:?}); policy {:?}, conflict recorded: {}; versions {:?}",
                    self.uid, v.versions[tag].side, self.end, self.kept, self.policy, self.conflict, self.tags
                ));
            }
        }
        Ok(())
    }

    /// Whether losing `tag` is what the policy, or the engine's known limitation, says.
    fn excused(&self, tag: &str) -> bool {
        let v = self.v;
        let made = &v.versions[tag];
        let known = v.ancestors(tag);
        let unanswered = |t: &String| {
            self.sends.iter().any(|a| !a.answered && a.body.as_ref().is_some_and(|b| &super::tag_of(b) == t))
        };
        let by_policy = match made.side {
            Side::Local => self.policy != Resolution::LocalKept,
            Side::Other => self.policy == Resolution::LocalKept,
        };
        // A real conflict: the end descends from a version of the other side that this
        // one did not know about.
        let concurrent =
            self.kept.iter().any(|t| !known.contains(t) && v.versions.get(t).is_some_and(|x| x.side != made.side));
        if by_policy && self.conflict && concurrent {
            return true;
        }
        // The known limitation (README): after a send whose answer never came, the engine
        // takes what the server holds for a concurrent version and the policy decides, even
        // where it is that send or was made on top of it; a conflict is still recorded.
        if by_policy && self.conflict && known.iter().chain(&self.kept).any(unanswered) {
            return true;
        }
        // Another client changed, then deleted, an object our unanswered write made, before
        // the engine listed it: the engine never saw it and sends its item again.
        let deleted_by_other =
            |d: &String| v.versions[d].side == Side::Other && v.versions[d].deleted && v.ancestors(d).contains(tag);
        if made.side == Side::Other && known.iter().any(unanswered) && self.tags.iter().any(deleted_by_other) {
            return true;
        }
        // A create the client gave up on landed late, after the item was deleted (by the
        // user or another client: this version, or one made on top of it); the end is that
        // create or was made on top of it.
        let deleted_at = |d: &String| {
            let local = v.local_deletes.values().flatten().find(|(_, t)| t == d).map(|(c, _)| *c);
            local.or_else(|| v.other_deletes.iter().find(|(_, t)| *t == d).map(|((_, c), _)| *c))
        };
        let resurrected = |d: &String| {
            self.sends.iter().any(|a| {
                !a.answered
                    && a.body.as_ref().is_some_and(|b| self.kept.contains(&super::tag_of(b)))
                    && deleted_at(d).is_some_and(|c| a.version > c)
            })
        };
        self.tags.iter().any(|d| v.versions[d].deleted && v.ancestors(d).contains(tag) && resurrected(d))
    }
}

/// The deletion that ended an item gone from both sides: the server's last change of it,
/// or, if it never reached the server, the local deletion.
fn final_deletion(v: &Versions, history: &[Applied], coll: &str, kind: ItemKind, uid: &str) -> Result<String, String> {
    let key = (kind, uid.to_string());
    let local = v.local_deletes.get(&key);
    match history.iter().rev().find(|a| a.collection == coll && a.uid == uid) {
        None => local
            .and_then(|l| l.last())
            .map(|(_, t)| t.clone())
            .ok_or_else(|| format!("{uid} vanished without a deletion")),
        Some(a) if a.body.is_some() => Err(format!("{uid}: the server's last change is a write, yet the item is gone")),
        Some(a) if a.by == Writer::Other => v
            .other_deletes
            .get(&(uid.to_string(), a.version))
            .cloned()
            .ok_or_else(|| format!("{uid}: unknown deletion")),
        // The engine's delete sent the local deletion pending then: the last one made before it.
        Some(a) => local
            .and_then(|l| l.iter().rev().find(|(clock, _)| *clock < a.version))
            .map(|(_, t)| t.clone())
            .ok_or_else(|| format!("{uid}: the engine deleted it, but it was never deleted locally")),
    }
}

/// Content to compare across sides: ids and placement aside.
fn normal(body: &miraage_sync::ItemBody) -> String {
    match body {
        miraage_sync::ItemBody::Events(events) => {
            let e = &events[0];
            format!("{} {:?} {:?} {:?} {:?} {:?}", e.summary, e.time, e.origin, e.status, e.location, e.description)
        }
        miraage_sync::ItemBody::Task(t) => {
            format!("{} {:?} {:?} {:?}", t.title, t.status, t.due, t.priority)
        }
    }
}
