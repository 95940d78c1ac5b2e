//! iCalendar (RFC 5545) for Miraage: reading `.ics` files into domain events and tasks, and
//! writing calendars back out.
//!
//! Reading is two-layered. `lines` unfolds the text and checks its BEGIN/END structure while
//! keeping every component's line number in the original file; a file whose structure is
//! broken is refused whole. Each component's lines are then read into properties in place
//! (`content`) and mapped to the domain ([`import`]); a component that cannot be read or
//! mapped (a line that is not a property, no start, a bad rule, nesting too deep) is skipped
//! and reported with its line and reason, and the rest still import. What other calendar apps
//! read is repaired and listed with its line (an empty RRULE, an unknown zone, a DATE start
//! with a DATE-TIME end, an end before the start, text after END:VCALENDAR, text over a
//! size limit). Every limit on what one component may cost is in [`limits`].
//! Zone names are resolved by `miraage_domain::zone`, falling back to the file's own
//! VTIMEZONE definitions ([`zones`]).
//!
//! Writing ([`export`]) emits VEVENT and VTODO components with the `icalendar` crate's builder
//! (folding, escaping) and a VTIMEZONE for every zone used ([`vtimezone`]).

mod content;
mod error;
pub mod export;
pub mod import;
pub mod limits;
mod lines;
mod people;
mod values;
pub mod vtimezone;
pub mod zones;

pub use error::IcalError;
pub use export::export_ics;
pub use import::{parse_ics, Finding, ImportOptions, Parsed, Repaired, Skipped};
