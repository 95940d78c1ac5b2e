//! # miraage-quickadd: one typed line, read
//!
//! `"Write report by Friday 3h !1 #work"` becomes a title, a start, a deadline, a duration,
//! a priority, a recurrence (RRULE) and tags, exactly as the quick-add contract
//! (`shared/docs/quick-add.md`) says, relative to a given `now` in the user's zone. A pure
//! library: no IO, no clock of its own, no panics on any input, linear in the line's length.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use miraage_quickadd::{parse, When};
//!
//! let now = Utc.with_ymd_and_hms(2025, 3, 6, 14, 15, 0).unwrap(); // Thu 09:15 in New York
//! let p = parse("Call mom tomorrow 5pm 30m", now, chrono_tz::America::New_York);
//! assert_eq!(p.title, "Call mom");
//! assert_eq!(p.start.unwrap().to_string(), "2025-03-07T17:00:00-05:00");
//! assert_eq!(p.duration_min.map(|m| m.get()), Some(30));
//! ```
//!
//! ## How it reads
//!
//! 1. **Tokens** (`lex.rs`): words, numbers, `!` runs, tags and single punctuation marks,
//!    each knowing whether it touches the one before; words get their meanings from the
//!    language's table (`lang/en.rs`), longest phrase first ("end of day", "p.m.").
//! 2. **Phrases** (`grammar.rs`): at each word boundary every pattern (date, time, range,
//!    relative time, duration, recurrence, priority, tag…) is tried and the longest match
//!    wins; connector words before it ("by", "at", "due:") join it. Patterns look ahead a
//!    bounded number of tokens, so the whole line is read in one linear pass.
//! 3. **Result** (`resolve.rs`): dates and times that stand together form a group; a group
//!    introduced by a deadline word is the `due`, any other the `start`; a later group fills
//!    in what the first lacks ("tomorrow … at 5pm"). Conflicting phrases stay in the title.
//!    A recurrence's start is its first occurrence at or after `now`.
//!
//! Adding a language is one module in `lang/` with its table of words and one variant of
//! [`Language`]; the grammar works on meanings, not words.

mod grammar;
mod lang;
mod lex;
mod resolve;
mod time;
mod types;

pub use types::{ByDay, Contract, DayPart, Freq, Parsed, Priority, Recurrence, RecurrenceEnd, Span, SpanKind, When};

use chrono::{DateTime, SubsecRound, Utc};
use chrono_tz::Tz;

/// The languages the parser reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Language {
    #[default]
    English,
}

/// Reads one line of English quick-add text, relative to `now`, in the user's zone `tz`.
///
/// Never fails: text it does not recognise stays in the title, and a line with nothing
/// recognised is all title.
///
/// # Errors
///
/// None: every input gives a [`Parsed`] (see above).
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use miraage_quickadd::{parse, Priority};
///
/// let now = Utc.with_ymd_and_hms(2025, 3, 6, 14, 15, 0).unwrap();
/// let p = parse("Write report by Friday 3h !1 #work", now, chrono_tz::America::New_York);
/// assert_eq!(p.title, "Write report");
/// assert_eq!(p.due.unwrap().to_string(), "2025-03-07");
/// assert_eq!(p.duration_min.unwrap().get(), 180);
/// assert_eq!(p.priority, Some(Priority::P1));
/// assert_eq!(p.tags, ["work"]);
///
/// let p = parse("Standup every weekday 9:30 15m", now, chrono_tz::America::New_York);
/// assert_eq!(p.rrule.unwrap().to_string(), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
/// ```
pub fn parse(text: &str, now: DateTime<Utc>, tz: Tz) -> Parsed {
    parse_in(Language::English, text, now, tz)
}

/// Reads one line of quick-add text in `language`, relative to `now`, in the zone `tz`.
/// Sub-second parts of `now` are dropped: results are in whole seconds.
///
/// # Errors
///
/// None: every input gives a [`Parsed`]; unrecognised text stays in the title.
///
/// # Examples
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use miraage_quickadd::{parse_in, Language, SpanKind};
///
/// let now = Utc.with_ymd_and_hms(2025, 3, 6, 14, 15, 0).unwrap();
/// let p = parse_in(Language::English, "Pay rent due in 3 days", now, chrono_tz::America::New_York);
/// assert_eq!(p.title, "Pay rent");
/// assert_eq!(p.due.unwrap().to_string(), "2025-03-09");
/// assert_eq!(p.spans[0].kind, SpanKind::Due);
/// assert_eq!(&"Pay rent due in 3 days"[p.spans[0].bytes.clone()], "due in 3 days");
/// ```
pub fn parse_in(language: Language, text: &str, now: DateTime<Utc>, tz: Tz) -> Parsed {
    let now = now.trunc_subsecs(0);
    let lexicon = lang::lexicon(language);
    let toks = lex::tokens(text, lexicon);
    let items = grammar::Grammar::new(&toks, text, now, tz).items();
    resolve::assemble(text, &toks, &items, now, tz)
}
