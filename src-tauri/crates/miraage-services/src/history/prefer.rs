//! The work pattern as a planning preference: *Use it* (and `miraage-cli history prefer`)
//! saves a tag's preferred part of the day in the planning settings, where planning reads it
//! (see `miraage-scheduling`'s `preferred`); the settings dialog shows and removes it. Undoable.

use crate::error::{Result, ServiceError};
use crate::undo::{record, Key, Label};
use miraage_domain::TimeOfDay;
use miraage_scheduling::{load_settings, save_settings, tag_key, SETTINGS_KEY};
use miraage_store::Store;

/// Saves `part` as the preferred part of the day for the tasks tagged `tag` (`#deep` or
/// `deep`), or removes the preference (`None`); returns one sentence saying what was done.
///
/// # Errors
/// [`ServiceError::Refused`] when `tag` names no tag (empty, or over 100 characters) or, for
/// a removal, no preference is saved for it; store failures. Nothing is changed then.
pub fn prefer(store: &mut Store, tag: &str, part: Option<TimeOfDay>) -> Result<String> {
    let key = tag_key(tag);
    if key.is_empty() || key.chars().count() > 100 {
        return Err(ServiceError::Refused(format!(
            "Name a tag of 1 to 100 characters to prefer a part of the day for (like #deep), not “{}”.",
            tag.trim()
        )));
    }
    let mut settings = load_settings(store)?;
    let (label, said) = match part {
        Some(p) => {
            settings.preferred_parts.insert(key.clone(), p);
            let parts = plural(p);
            (
                format!("preferred {parts} for #{key}"),
                format!(
                    "Tasks tagged #{key} are planned in the {parts} when the {parts} before their due date hold them."
                ),
            )
        }
        None => {
            if settings.preferred_parts.remove(&key).is_none() {
                let saved: Vec<String> = settings.preferred_parts.keys().map(|t| format!("#{t}")).collect();
                let only =
                    if saved.is_empty() { "none is saved".into() } else { format!("only for {}", saved.join(", ")) };
                return Err(ServiceError::Refused(format!("No part of the day is preferred for #{key} ({only}).")));
            }
            (
                format!("removed the preferred part of the day for #{key}"),
                format!("Tasks tagged #{key} are planned in any part of their hours again."),
            )
        }
    };
    record(store, Label::text(label), &[Key::setting(SETTINGS_KEY)], |store| Ok(save_settings(store, &settings)?))?;
    Ok(said)
}

/// "mornings", "afternoons", "evenings".
fn plural(p: TimeOfDay) -> String {
    format!("{}s", p.as_str())
}
