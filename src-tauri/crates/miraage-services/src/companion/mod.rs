//! The companion beside the window: what the tray shows (Now / Next, last sync) and what it
//! does (plan today; start, finish, snooze or skip the current block), with its settings.
//! The tray and the reminders are faces over these use cases; every line they show is
//! written here, naming things by their title.
//!
//! - [`today`]: the Now / Next view at a given instant.
//! - [`actions`]: plan the rest of today; Start / Done / Snooze / Skip of a plan block
//!   (a habit's session through `habit_actions`).
//! - [`links`]: `webcal://` and `miraage://open?date=` links, malformed ones refused.
//! - [`notices`]: which notifications to send, when, and how they are coalesced.
//! - [`settings`]: close to tray, start at login, plan-today accepts, reminders, do not disturb.

pub mod actions;
mod habit_actions;
pub mod links;
pub mod notices;
pub mod settings;
pub mod today;

pub use actions::{act, plan_today, ActionOutcome, BlockAction, PlanTodayOutcome, SNOOZE_MIN};
pub use notices::{Notice, NoticeAction};
pub use settings::CompanionSettings;
pub use today::{agenda, now_next, AgendaItem, CompanionView, Timed};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// "10:00" in the user's zone, with the day ("tomorrow 10:00", "Fri 12 Dec 10:00") when it is
/// not the day of `now`.
pub(crate) fn clock_time(t: DateTime<Utc>, now: DateTime<Utc>, zone: Tz) -> String {
    let (local, today) = (t.with_timezone(&zone), now.with_timezone(&zone).date_naive());
    let day = local.date_naive();
    let hm = local.format("%H:%M");
    if day == today {
        hm.to_string()
    } else if Some(day) == today.succ_opt() {
        format!("tomorrow {hm}")
    } else {
        format!("{} {hm}", local.format("%a %-d %b"))
    }
}

/// A title as one short menu line: control characters dropped, at most 60 characters.
pub(crate) fn short_title(title: &str) -> String {
    let clean: String = title.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    if clean.chars().count() <= 60 {
        clean.to_string()
    } else {
        format!("{}…", clean.chars().take(59).collect::<String>())
    }
}
