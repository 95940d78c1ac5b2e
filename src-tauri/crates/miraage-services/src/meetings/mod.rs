//! Meetings: find a time with others, meeting types, extend a meeting, share availability.
//!
//! - [`slots`]: the slot finder, pure (busy intervals in, ranked slots out).
//! - [`organiser`]: the user's side from the store (hours, busy events, focus time, locked
//!   and accepted blocks, attendees seen in their meetings).
//! - [`gather`]: the attendees' free/busy asked of Google and Microsoft accounts.
//! - [`find`](mod@find): the ask checked and answered; [`share`](mod@share): free times as text and
//!   VFREEBUSY; [`holds`]: shared times held on the calendar; [`types`]: meeting types; [`book`](mod@book): a slot chosen becomes the meeting;
//!   [`extend`](mod@extend): a meeting made longer when nobody is busy then; [`reschedule`]: a
//!   day cleared, its items proposed elsewhere; [`respond`]: someone else's meeting declined;
//!   [`people`]: attendees suggested from past meetings.

pub mod book;
pub mod extend;
pub mod find;
pub mod gather;
pub mod holds;
pub mod organiser;
pub mod people;
pub mod reschedule;
pub mod respond;
pub mod share;
pub mod slots;
pub mod types;

pub use book::{book, BookAsk, BookView};
pub use extend::{extend, ExtendAsk, ExtendView};
pub use find::{find, FindAnswer, FindAsk};
pub use holds::{HoldAsk, HoldView};
pub use people::PersonSuggestion;
pub use reschedule::{DayAction, DayItem, DayProposal};
pub use respond::{DeclineAsk, DeclineView};
pub use share::{share, share_holding, ShareView};
pub use slots::{Conflict, Person, Slot, SlotPerson};
pub use types::MeetingTypeView;
