//! The words of each language, as data.
//!
//! The grammar (`grammar.rs`) never names a word: it asks what a token *means*
//! ([`Word`]: a weekday, a unit, the connector "by"…). Each language is one module holding
//! one [`Table`] of words and phrases with their meanings; another language is one more
//! module and one more arm in [`crate::Language`], not changes throughout.

pub(crate) mod en;

use crate::Language;
use chrono::Weekday;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Units of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// Seconds in one unit, for the units of elapsed time.
    pub(crate) fn seconds(self) -> Option<i64> {
        match self {
            Unit::Second => Some(1),
            Unit::Minute => Some(60),
            Unit::Hour => Some(3600),
            _ => None,
        }
    }
}

/// Named parts of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartOfDay {
    Morning,
    Noon,
    Afternoon,
    Evening,
    Night,
    Tonight,
    EndOfDay,
    Midnight,
}

/// Recurrence frequencies that have an adverb ("daily").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FreqWord {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// A zone named after a time: a fixed offset (seconds east of UTC) or a zone with its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ZoneWord {
    Fixed(i32),
    Named(chrono_tz::Tz),
}

/// Function words and markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    // Connectors (removed from the title with what they introduce).
    At,
    On,
    For,
    In,
    From,
    Starting,
    // Connectors that make a deadline.
    By,
    Due,
    Deadline,
    Before,
    Within,
    // Recurrence.
    Every,
    Other,
    Until,
    Times,
    /// "per": a quota's period ("5h per week").
    Per,
    // Modifiers and glue.
    This,
    Next,
    Last,
    The,
    Of,
    And,
    To,
    Between,
    Ago,
    Later,
    After,
    /// "about", "around": a filler before an amount.
    About,
    FromNow,
    Now,
    Am,
    Pm,
    OClock,
    /// "weekday"/"weekdays": Monday to Friday.
    Workday,
    /// "weekend"/"weekends".
    Weekend,
    /// "month" in "of the month".
    MonthWord,
    // Priorities.
    Urgent,
    HighPriority,
    MediumPriority,
    LowPriority,
    Priority,
    /// The letter of `p1`…`p4`.
    PriorityLetter,
}

impl Kw {
    /// A connector word that may precede a recognised phrase, and whether it makes a deadline.
    pub(crate) fn connector(self) -> Option<bool> {
        match self {
            Kw::At | Kw::On | Kw::For | Kw::In | Kw::From | Kw::Starting => Some(false),
            Kw::By | Kw::Due | Kw::Deadline | Kw::Before | Kw::Within => Some(true),
            _ => None,
        }
    }
}

/// What a word (or a phrase of several tokens) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// A weekday; `ambiguous` ones ("sun", "sat", "wed") count only after a connector.
    Weekday {
        day: Weekday,
        ambiguous: bool,
    },
    /// A plural weekday ("Mondays"): a weekly recurrence.
    Weekdays(Weekday),
    /// A month, 1-12.
    Month(u32),
    /// A number word ("two").
    Number(u32),
    /// "a", "an": one, before a unit.
    Article,
    /// An ordinal word ("first"), 1-31.
    Ordinal(u32),
    /// The suffix of "1st", "2nd", "3rd", "4th".
    OrdinalSuffix,
    /// A unit; `short` ones ("m", "h") must be glued to their number.
    Unit {
        unit: Unit,
        short: bool,
    },
    /// A day relative to today ("tomorrow" = 1).
    RelativeDay(i32),
    PartOfDay(PartOfDay),
    /// A plural part of the day ("evenings"): read only where a quota says when it is planned.
    PartsOfDay(PartOfDay),
    /// A whole amount of time ("half an hour" = 30).
    Minutes(u32),
    /// A frequency adverb ("daily").
    Freq(FreqWord),
    Zone(ZoneWord),
    Kw(Kw),
}

/// One language's words: single words and multi-token phrases, each with its meanings.
pub(crate) struct Table {
    pub(crate) words: &'static [(&'static str, Word)],
    /// Phrases as lower-case token texts ("end", "of", "day"; "a", ".", "m", ".").
    pub(crate) phrases: &'static [(&'static [&'static str], Word)],
}

/// A language's table, indexed for lookups.
pub(crate) struct Lexicon {
    words: HashMap<&'static str, Vec<Word>>,
    /// Phrases by their first token, longest first.
    phrases: HashMap<&'static str, Vec<(&'static [&'static str], Word)>>,
}

impl Lexicon {
    fn build(table: &Table) -> Lexicon {
        let mut words: HashMap<&'static str, Vec<Word>> = HashMap::new();
        for &(w, meaning) in table.words {
            words.entry(w).or_default().push(meaning);
        }
        let mut phrases: HashMap<&'static str, Vec<(&'static [&'static str], Word)>> = HashMap::new();
        for &(p, meaning) in table.phrases {
            if let Some(first) = p.first() {
                phrases.entry(*first).or_default().push((p, meaning));
            }
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        }
        Lexicon { words, phrases }
    }

    /// The meanings of one lower-case word (empty if it means nothing to the grammar).
    pub(crate) fn word(&self, lower: &str) -> &[Word] {
        self.words.get(lower).map_or(&[], Vec::as_slice)
    }

    /// The phrases that start with this lower-case token, longest first.
    pub(crate) fn phrases(&self, first: &str) -> &[(&'static [&'static str], Word)] {
        self.phrases.get(first).map_or(&[], Vec::as_slice)
    }
}

/// The indexed lexicon of a language, built once.
pub(crate) fn lexicon(language: Language) -> &'static Lexicon {
    static ENGLISH: OnceLock<Lexicon> = OnceLock::new();
    match language {
        Language::English => ENGLISH.get_or_init(|| Lexicon::build(&en::TABLE)),
    }
}
