//! A project's default hour set: its open tasks without an hour set of their own are planned
//! in it. Kept as one setting (`project_hours`: project → hour set name), read at each plan.

use crate::error::Result;
use miraage_store::Store;
use std::collections::BTreeMap;

/// The settings key the map is stored under.
pub const KEY: &str = "project_hours";

/// Every project's default hour set, by project name as the user gave it.
///
/// # Errors
/// Store failures; a stored value that no longer reads.
pub fn load(store: &Store) -> Result<BTreeMap<String, String>> {
    Ok(store.setting::<BTreeMap<String, String>>(KEY)?.unwrap_or_default())
}

/// The default hour set of `project` (names compared without case), if it has one.
pub fn of<'a>(map: &'a BTreeMap<String, String>, project: &str) -> Option<&'a str> {
    map.iter().find(|(p, _)| p.eq_ignore_ascii_case(project.trim())).map(|(_, set)| set.as_str())
}
