//! A project's default hour set (`miraage-cli hours project`, the settings dialog): its open
//! tasks without an hour set of their own are planned in it.

use crate::error::{Result, ServiceError};
use crate::undo::{record, Key, Label};
use miraage_scheduling::project_hours::{self, KEY};
use miraage_scheduling::{habits::find_set, habits::unknown_set, hour_sets, load_settings};
use miraage_store::Store;
use serde::Serialize;
use ts_rs::TS;

/// A project and the hour set its tasks are planned in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProjectHoursView {
    pub project: String,
    pub hour_set: String,
}

/// Every project with a default hour set, by project name.
///
/// # Errors
/// Store failures.
pub fn list(store: &Store) -> Result<Vec<ProjectHoursView>> {
    Ok(project_hours::load(store)?
        .into_iter()
        .map(|(project, hour_set)| ProjectHoursView { project, hour_set })
        .collect())
}

/// Plans `project`'s tasks in the hour set `set` (work, personal or one of the user's) when
/// they have none of their own; `None` plans them in work or personal hours again.
///
/// # Errors
/// [`crate::ErrorCode::Invalid`] for an empty or over-long project name or an unknown hour
/// set (the message lists those there are); nothing is changed then.
pub fn set(store: &mut Store, project: &str, set: Option<&str>) -> Result<Vec<ProjectHoursView>> {
    let project = project.trim().trim_start_matches(['#', '+']);
    if project.is_empty() || project.chars().count() > 200 {
        return Err(ServiceError::Refused("Name the project: 1 to 200 characters, like “ops”.".into()));
    }
    let mut map = project_hours::load(store)?;
    let same = map.keys().find(|p| p.eq_ignore_ascii_case(project)).cloned();
    let label = match set.map(str::trim).filter(|s| !s.is_empty() && !s.eq_ignore_ascii_case("none")) {
        Some(name) => {
            let sets = hour_sets(store, &load_settings(store)?)?;
            let found = find_set(&sets, name).ok_or_else(|| unknown_set(name, &sets))?.name.clone();
            if let Some(old) = same {
                map.remove(&old);
            }
            let label = format!("planned “{}” in {found} hours", crate::undo::short(project));
            map.insert(project.to_string(), found);
            label
        }
        None => {
            let Some(old) = same else { return list(store) };
            map.remove(&old);
            format!("planned “{}” in work or personal hours again", crate::undo::short(&old))
        }
    };
    record(store, Label::text(label), &[Key::setting(KEY)], |store| Ok(store.set_setting(KEY, &map)?))?;
    list(store)
}

/// The projects planned in the hour set `name` (for refusing its deletion).
///
/// # Errors
/// Store failures.
pub fn users(store: &Store, name: &str) -> Result<Vec<String>> {
    Ok(project_hours::load(store)?
        .into_iter()
        .filter(|(_, set)| set.eq_ignore_ascii_case(name))
        .map(|(project, _)| format!("the project “{project}”"))
        .collect())
}
