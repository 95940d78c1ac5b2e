//! The conflict policy: what wins when the server's copy of an item changed (or went) while
//! a local edit of it was waiting to be sent.
//!
//! - Events the user did not create in Miraage (meetings, imported events): **the server
//!   wins**. The organiser's calendar is the source of truth; the local edit is dropped and
//!   the conflict is listed for the user.
//! - Plan blocks Miraage wrote: **the server's version is kept and the plan is re-planned**
//!   around it (someone moved or deleted the block on another device; that is a decision).
//! - Events created in Miraage: **the local edit wins** and overwrites the server's
//!   version: the user made the event here and edited it here last.
//! - Tasks: the server wins (their lists are shared with other to-do apps).
//!
//! A server version identical to the pending local one is no conflict at all: it is the
//! local edit, written by an earlier attempt whose answer was lost.

use miraage_domain::EventOrigin;
use miraage_store::{ItemKind, Resolution};

/// How to settle a conflict on an item of `kind` whose pending local edit was made on an item
/// of `origin` (the stored `X-MIRAAGE-ORIGIN` value).
pub fn resolve(kind: ItemKind, origin: Option<&str>) -> Resolution {
    if kind == ItemKind::Task {
        return Resolution::ServerKept;
    }
    match origin.map(EventOrigin::from_property).unwrap_or_default() {
        EventOrigin::External => Resolution::ServerKept,
        EventOrigin::PlanBlock { .. } => Resolution::Replan,
        EventOrigin::Miraage => Resolution::LocalKept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_follows_who_made_the_item() {
        assert_eq!(resolve(ItemKind::Event, None), Resolution::ServerKept);
        assert_eq!(resolve(ItemKind::Event, Some("miraage")), Resolution::LocalKept);
        assert_eq!(resolve(ItemKind::Event, Some("plan:task-1")), Resolution::Replan);
        assert_eq!(resolve(ItemKind::Task, Some("miraage")), Resolution::ServerKept);
    }
}
