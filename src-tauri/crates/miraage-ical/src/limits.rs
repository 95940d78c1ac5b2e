//! What one component may cost the reader, in one place. A file beyond a limit still imports:
//! the excess is cut or dropped and listed as a repair, or the component is skipped.
//!
//! Real calendars stay far below these; hostile or broken ones (a fuzzer's mutations, a feed
//! gone wrong) reach them, and without them one file could overflow the stack, take minutes,
//! or grow a listing to gigabytes.

/// Deepest nesting of components inside a VEVENT or VTODO (VALARM is 2, VTIMEZONE's
/// STANDARD 2). A component nested deeper is skipped.
pub const MAX_NESTING: usize = 8;

/// Longest SUMMARY and LOCATION kept, in bytes (cut at a character boundary).
pub const MAX_SUMMARY_BYTES: usize = 4 * 1024;

/// Longest value of any other text property kept (DESCRIPTION, UID, ...), in bytes.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// RRULE lines read per event; RFC 5545 deprecates more than one, real files have at most a
/// few. Further lines are dropped.
pub const MAX_RULES_PER_EVENT: usize = 4;

/// RDATE and EXDATE values read per event, each.
pub const MAX_DATES_PER_EVENT: usize = 10_000;

/// Longest DURATION read, in days (about 100 years); a longer one skips its component.
pub const MAX_DURATION_DAYS: i64 = 36_600;

/// The byte limit of text property `name`.
pub(crate) fn text_limit(name: &str) -> usize {
    if name.eq_ignore_ascii_case("SUMMARY") || name.eq_ignore_ascii_case("LOCATION") {
        MAX_SUMMARY_BYTES
    } else {
        MAX_TEXT_BYTES
    }
}

/// `text` cut to at most `limit` bytes at a character boundary; `None` when it fits.
pub(crate) fn cut(text: &str, limit: usize) -> Option<&str> {
    if text.len() <= limit {
        return None;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Some(&text[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cutting_keeps_whole_characters() {
        assert_eq!(cut("abc", 3), None);
        assert_eq!(cut("aéb", 2), Some("a"));
        assert_eq!(cut("aéb", 3), Some("aé"));
    }
}
