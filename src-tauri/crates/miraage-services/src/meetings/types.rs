//! Meeting types: named presets (duration, buffers, hour set, location, whether focus time may
//! be used) that finding a time and sharing availability start from.

use crate::error::{Result, ServiceError};
use miraage_store::{MeetingType, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest meeting: half a day. A meeting of days is an absence, not a meeting.
pub const MAX_DURATION_MIN: u32 = 720;
/// Longest buffer before or after.
const MAX_BUFFER_MIN: u32 = 240;

/// A meeting type as the window's form and `miraage-cli meet types add` give it (and list it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
#[ts(export)]
pub struct MeetingTypeView {
    pub name: String,
    pub duration_min: u32,
    pub buffer_before_min: u32,
    pub buffer_after_min: u32,
    /// An hour set (work, personal or one of the user's); null: work hours.
    pub hour_set: Option<String>,
    /// A room or a video link, written into the event's location.
    pub location: Option<String>,
    /// Whether slots may lie on focus time (default: no).
    pub may_use_focus: bool,
}

fn refused(s: String) -> ServiceError {
    ServiceError::Refused(s)
}

/// A meeting's length checked: 5 minutes to 12 hours.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] with a sentence for zero, too short or a length of days.
pub fn check_duration(min: u32) -> Result<u32> {
    match min {
        0 => Err(refused("A meeting needs a duration: give it in minutes, like 30.".into())),
        1..5 => Err(refused(format!("{min} minutes is too short for a meeting: give at least 5."))),
        m if m > MAX_DURATION_MIN => Err(refused(format!(
            "{m} minutes is longer than a meeting can be (at most {MAX_DURATION_MIN}, 12 hours): for days away, reschedule the days instead."
        ))),
        m => Ok(m),
    }
}

/// Adds a meeting type, or replaces the one of that name.
///
/// # Errors
///
/// [`crate::ErrorCode::Invalid`] with a sentence for an empty name, a bad duration or buffer, or
/// an unknown hour set; nothing is stored then.
pub fn save(store: &mut Store, draft: &MeetingTypeView) -> Result<Vec<MeetingTypeView>> {
    let name = draft.name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Err(refused("A meeting type needs a name of 1 to 60 characters.".into()));
    }
    check_duration(draft.duration_min)?;
    for (what, m) in [("before", draft.buffer_before_min), ("after", draft.buffer_after_min)] {
        if m > MAX_BUFFER_MIN {
            return Err(refused(format!("A buffer {what} of {m} minutes is too long: at most {MAX_BUFFER_MIN}.")));
        }
    }
    let hour_set = match draft.hour_set.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(set) => Some(super::organiser::hour_set(store, Some(set))?.name),
        None => None,
    };
    let location = draft.location.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string);
    store.save_meeting_type(&MeetingType {
        name: name.to_string(),
        duration_min: draft.duration_min,
        buffer_before_min: draft.buffer_before_min,
        buffer_after_min: draft.buffer_after_min,
        hour_set,
        location,
        may_use_focus: draft.may_use_focus,
    })?;
    list(store)
}

/// Every meeting type, by name.
///
/// # Errors
///
/// Store failures.
pub fn list(store: &Store) -> Result<Vec<MeetingTypeView>> {
    Ok(store.meeting_types()?.into_iter().map(view).collect())
}

fn view(t: MeetingType) -> MeetingTypeView {
    MeetingTypeView {
        name: t.name,
        duration_min: t.duration_min,
        buffer_before_min: t.buffer_before_min,
        buffer_after_min: t.buffer_after_min,
        hour_set: t.hour_set,
        location: t.location,
        may_use_focus: t.may_use_focus,
    }
}

/// The meeting type called `name` (any case).
///
/// # Errors
///
/// [`crate::ErrorCode::NotFound`] listing the types there are.
pub fn find(store: &Store, name: &str) -> Result<MeetingTypeView> {
    let all = list(store)?;
    let names: Vec<String> = all.iter().map(|t| format!("“{}”", t.name)).collect();
    all.into_iter().find(|t| t.name.eq_ignore_ascii_case(name.trim())).ok_or_else(|| {
        ServiceError::NotFound(if names.is_empty() {
            format!("There is no meeting type called “{}”: add one with `meet types add`.", name.trim())
        } else {
            format!("There is no meeting type called “{}”: use one of {}.", name.trim(), names.join(", "))
        })
    })
}

/// Deletes a meeting type.
///
/// # Errors
///
/// [`crate::ErrorCode::NotFound`] when there is none of that name.
pub fn delete(store: &mut Store, name: &str) -> Result<Vec<MeetingTypeView>> {
    if !store.delete_meeting_type(name.trim())? {
        return Err(ServiceError::NotFound(format!("There is no meeting type called “{}”.", name.trim())));
    }
    list(store)
}
