//! What crosses to the window besides the view types: the names of the events the core
//! pushes (their payloads are view types), and the error codes ([`crate::ErrorCode`]).
//! A test in the shell writes them to `ui/src/bindings/contract.ts` beside the generated
//! types, with the list of commands, so that both sides use one spelling.

/// Progress of a sync run (payload: `SyncEvent`).
pub const SYNC_PROGRESS: &str = "sync://progress";
/// A sync run ended for one account (payload: `SyncEvent`).
pub const SYNC_FINISHED: &str = "sync://finished";
/// A sync made accepted blocks collide: the re-plan's proposed moves (payload: `PlanPreview`).
pub const PLAN_CHANGED: &str = "plan://changed";

/// The tray or a reminder changed the calendar (a block snoozed, skipped, a plan accepted):
/// reload what is shown (no payload).
pub const CALENDAR_CHANGED: &str = "calendar://changed";
/// Show the week of a day (payload: `YYYY-MM-DD`), from the tray's Now / Next or a
/// `miraage://open?date=` link.
pub const OPEN_DATE: &str = "app://open-date";
/// A `webcal://` link was opened: the subscribe form, filled with this `https://` or
/// `webcal://` URL (payload: the URL).
pub const SUBSCRIBE: &str = "app://subscribe";
/// A link Miraage could not use: the sentence to show (payload: the message).
pub const LINK_REFUSED: &str = "app://link-refused";
/// Focus the quick-add box, from the tray's Quick add… (a menu cannot take text; payload:
/// text to start the line with, usually empty).
pub const QUICK_ADD: &str = "app://quick-add";

/// Every event, by the name the TypeScript side uses for it.
pub const EVENTS: [(&str, &str); 8] = [
    ("syncProgress", SYNC_PROGRESS),
    ("syncFinished", SYNC_FINISHED),
    ("planChanged", PLAN_CHANGED),
    ("calendarChanged", CALENDAR_CHANGED),
    ("openDate", OPEN_DATE),
    ("subscribe", SUBSCRIBE),
    ("linkRefused", LINK_REFUSED),
    ("quickAdd", QUICK_ADD),
];

/// An event the window would have received while it was closed or still loading (a link, a
/// day to show): kept by the shell until the page says it is ready, then handed over in order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WindowRequest {
    /// One of the event names above.
    pub event: String,
    /// The event's payload (each of these events carries one string).
    pub payload: String,
}
