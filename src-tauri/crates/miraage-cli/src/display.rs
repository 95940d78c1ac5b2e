//! Text from calendars and tasks as it may be printed to a terminal.

use std::borrow::Cow;

/// `s` with control characters (escape sequences, bells, carriage returns) written as
/// visible escapes, so that a title from a file or a server cannot drive the terminal.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(clean("Pay rent"), "Pay rent");
        assert_eq!(clean("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert!(!clean("x\r\ny").contains('\r'));
    }
}
