//! The companion's settings, kept as one JSON value in the store's settings table.

use crate::error::{Result, ServiceError};
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

const KEY: &str = "companion";
/// The longest reminder lead: a day.
const MAX_REMINDER_MIN: u32 = 24 * 60;

/// How Miraage lives beside the window. Every field has a default, so that a settings value
/// written by an older build still reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct CompanionSettings {
    /// Closing the window hides it to the tray (where there is one); the app goes on syncing.
    pub close_to_tray: bool,
    /// The first close said where the window went.
    pub close_hint_shown: bool,
    /// Start Miraage (hidden, in the tray) when the user logs in.
    pub start_at_login: bool,
    /// The tray's Plan today accepts the plan at once; off, it leaves a preview to accept in
    /// the window.
    pub plan_today_accepts: bool,
    /// No notifications at all.
    pub do_not_disturb: bool,
    /// Minutes before a plan block or event that its reminder comes (0: none).
    pub reminder_min: u32,
    /// Per calendar, by calendar id: its own lead in minutes (0: no reminders from it).
    pub calendar_reminder_min: BTreeMap<String, u32>,
}

impl Default for CompanionSettings {
    fn default() -> Self {
        CompanionSettings {
            close_to_tray: true,
            close_hint_shown: false,
            start_at_login: false,
            plan_today_accepts: false,
            do_not_disturb: false,
            reminder_min: 10,
            calendar_reminder_min: BTreeMap::new(),
        }
    }
}

impl CompanionSettings {
    /// The reminder lead for an item of `calendar` (its own, else the default).
    pub fn reminder_for(&self, calendar: &str) -> u32 {
        self.calendar_reminder_min.get(calendar).copied().unwrap_or(self.reminder_min)
    }
}

/// The settings as stored (defaults for what was never saved).
///
/// # Errors
/// Store failures.
pub fn load(store: &Store) -> Result<CompanionSettings> {
    Ok(store.setting(KEY)?.unwrap_or_default())
}

/// Checks and saves the settings; returns them as saved.
///
/// # Errors
/// [`ServiceError::Invalid`] naming a reminder lead over a day; store failures.
pub fn save(store: &mut Store, settings: &CompanionSettings) -> Result<CompanionSettings> {
    let leads = std::iter::once(settings.reminder_min).chain(settings.calendar_reminder_min.values().copied());
    if let Some(bad) = leads.into_iter().find(|m| *m > MAX_REMINDER_MIN) {
        return Err(ServiceError::Invalid {
            what: "reminder lead",
            value: format!("{bad} minutes"),
            expected: "0 (no reminder) to 1440 minutes",
        });
    }
    store.set_setting(KEY, settings)?;
    Ok(settings.clone())
}
