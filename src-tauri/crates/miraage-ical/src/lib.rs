//! iCalendar (RFC 5545) for Miraage: reading `.ics` files into domain events and tasks, and
//! writing calendars back out.
//!
//! Reading is two-layered. [`lines`] unfolds the text and checks its BEGIN/END structure while
//! keeping every component's line number in the original file; a file whose structure is
//! broken is refused whole. Each component's lines are then read into properties in place
//! ([`content`]) and mapped to the domain ([`import`]); a component that cannot be read or
//! mapped (a line that is not a property, no start, an unknown zone, a bad rule) is skipped and
//! reported with its line and reason, and the rest still import.
//! Zone names are resolved by `miraage_domain::zone`, falling back to the file's own
//! VTIMEZONE definitions ([`zones`]).
//!
//! Writing ([`export`]) emits VEVENT and VTODO components with the `icalendar` crate's builder
//! (folding, escaping) and a VTIMEZONE for every zone used ([`vtimezone`]).

mod content;
mod error;
pub mod export;
pub mod import;
mod lines;
mod values;
pub mod vtimezone;
pub mod zones;

pub use error::IcalError;
pub use export::export_ics;
pub use import::{parse_ics, ImportOptions, Parsed, Skipped};
