//! Content lines (RFC 5545 §3.1) read into properties, and a component's lines into its
//! properties and subcomponents.
//!
//! Everything borrows the unfolded lines: a value is copied only when the import keeps it.
//! Reading each line once, in place, is what keeps a large import's parse linear and cheap
//! (the general-purpose parser we used before joined every component's lines into a new text
//! and parsed that again).

use crate::limits::MAX_NESTING;
use crate::lines::{begin_end, Line};
use std::borrow::Cow;

/// One property: `NAME;PARAM=VALUE;...:value`, its value still escaped.
#[derive(Debug)]
pub(crate) struct Property<'a> {
    pub name: &'a str,
    /// Line of the file where it began (0 when read outside a component).
    pub line: usize,
    /// Parameters as written (quotes kept).
    params: Vec<(&'a str, &'a str)>,
    pub value: &'a str,
}

impl<'a> Property<'a> {
    /// The value of parameter `key` (any case), without its quotes.
    pub(crate) fn param(&self, key: &str) -> Option<&'a str> {
        self.params.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.trim_matches('"'))
    }
}

/// A component with its own properties and the components nested in it (VALARM in a
/// VEVENT, STANDARD and DAYLIGHT in a VTIMEZONE).
#[derive(Debug, Default)]
pub(crate) struct Component<'a> {
    pub name: String,
    pub properties: Vec<Property<'a>>,
    pub components: Vec<Component<'a>>,
    /// Lines of it (and of the components in it) that are not `NAME:value` (garbled bytes, a
    /// line broken in two): left out, as lenient readers do, so the rest can still be read.
    pub unreadable: Vec<usize>,
}

impl<'a> Component<'a> {
    /// The first property `name` (any case).
    pub(crate) fn prop(&self, name: &str) -> Option<&Property<'a>> {
        self.properties.iter().find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// Every property `name` (RDATE, EXDATE, CATEGORIES, RELATED-TO may repeat).
    pub(crate) fn props<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Property<'a>> + 's {
        self.properties.iter().filter(move |p| p.name.eq_ignore_ascii_case(name))
    }
}

/// Reads one component from its lines, BEGIN to END (their nesting was checked by
/// [`crate::lines::structure`]). A line that is not a property names itself in the error;
/// nesting deeper than [`MAX_NESTING`] is refused before anything deeper is built (dropping a
/// tree thousands deep would recurse as deep).
pub(crate) fn read_component<'a>(lines: &'a [Line<'_>]) -> Result<Component<'a>, String> {
    let mut open: Vec<Component<'a>> = Vec::new();
    let mut unreadable = Vec::new();
    for line in lines {
        match begin_end(&line.text) {
            Some((true, _)) if open.len() == MAX_NESTING => {
                return Err(format!("components nested more than {MAX_NESTING} deep (line {})", line.number))
            }
            Some((true, name)) => open.push(Component { name, ..Default::default() }),
            Some((false, _)) => {
                let mut done = open.pop().ok_or("END without BEGIN")?;
                match open.last_mut() {
                    Some(parent) => parent.components.push(done),
                    None => {
                        done.unreadable = unreadable;
                        return Ok(done);
                    }
                }
            }
            None => {
                let parent = open.last_mut().ok_or("property outside a component")?;
                match read_property(&line.text) {
                    Some(mut property) => {
                        property.line = line.number;
                        parent.properties.push(property);
                    }
                    None => unreadable.push(line.number),
                }
            }
        }
    }
    Err("component without END".into())
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ',')
}

/// Reads `NAME;PARAM=VALUE,"QUOTED";...:value`. A bare `NAME` is a property without value,
/// as lenient readers accept it.
pub(crate) fn read_property(text: &str) -> Option<Property<'_>> {
    let name_end = text.find(|c: char| !is_name_char(c)).unwrap_or(text.len());
    let name = &text[..name_end];
    if name.is_empty() {
        return None;
    }
    let mut rest = &text[name_end..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let key_end = after.find(|c: char| !is_name_char(c)).unwrap_or(after.len());
        let key = &after[..key_end];
        let mut at = key_end;
        if after[at..].starts_with('=') {
            at += 1;
            // Values separated by commas, each plain or quoted (a quoted one may hold : ; ,).
            loop {
                if after[at..].starts_with('"') {
                    at += 1 + after[at + 1..].find('"')? + 1;
                } else {
                    at += after[at..].find([';', ':', ',']).unwrap_or(after.len() - at);
                }
                if !after[at..].starts_with(',') {
                    break;
                }
                at += 1;
            }
        }
        params.push((key, after[key_end..at].strip_prefix('=').unwrap_or("")));
        rest = &after[at..];
    }
    match rest.strip_prefix(':') {
        Some(value) => Some(Property { name, line: 0, params, value }),
        None if rest.is_empty() => Some(Property { name, line: 0, params, value: "" }),
        None => None,
    }
}

/// A TEXT value unescaped (`\\`, `\,`, `\;`, `\n`; a stray `\:` as some producers write it).
pub(crate) fn unescape(value: &str) -> Cow<'_, str> {
    if !value.contains('\\') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ',' | ';' | ':')) => out.push(c),
            // An unknown escape is kept as written.
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

/// A list of TEXT values (CATEGORIES): split on the commas that are not escaped, each
/// unescaped.
pub(crate) fn split_text_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let (mut start, mut escaped) = (0, false);
    for (i, c) in value.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            ',' => {
                items.push(unescape(&value[start..i]).into_owned());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(unescape(&value[start..]).into_owned());
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::unfold;

    #[test]
    fn properties_with_parameters_and_quoted_values() {
        let p = read_property("DTSTART;TZID=\"Europe/Berlin\";VALUE=DATE-TIME:20261123T090000").unwrap();
        assert_eq!(
            (p.name, p.value, p.param("tzid"), p.param("VALUE")),
            ("DTSTART", "20261123T090000", Some("Europe/Berlin"), Some("DATE-TIME"))
        );
        let p = read_property(
            "ATTENDEE;CN=\"Doe; Jane: the boss\";ROLE=REQ-PARTICIPANT;X-A=1,\"b:c\":mailto:jane@example.com",
        )
        .unwrap();
        assert_eq!(p.param("CN"), Some("Doe; Jane: the boss"));
        assert_eq!(p.param("X-A"), Some("1,\"b:c"));
        assert_eq!(p.value, "mailto:jane@example.com");
        let p = read_property("email;internet:mb@example.com").unwrap();
        assert_eq!((p.param("internet"), p.value), (Some(""), "mb@example.com"));
        assert_eq!(read_property("X-EMPTY").unwrap().value, "");
        assert!(read_property("not a property").is_none());
        assert!(read_property(":value").is_none());
        assert!(read_property("A;B=\"unclosed:x").is_none());
    }

    #[test]
    fn text_values_unescape_once() {
        assert_eq!(unescape(r"Room A\, 2nd floor\nC:\\temp\\new \x"), "Room A, 2nd floor\nC:\\temp\\new \\x");
        assert_eq!(split_text_list(r"Work,Urgent\, maybe,a\\,b"), ["Work", "Urgent, maybe", "a\\", "b"]);
    }

    #[test]
    fn components_nest_and_a_line_that_is_not_name_value_is_left_out_and_named() {
        let lines = unfold(
            "BEGIN:VEVENT\r\nUID:1\r\nBEGIN:VALARM\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
        );
        let c = read_component(&lines).unwrap();
        assert_eq!((c.name.as_str(), c.properties.len(), c.components[0].name.as_str()), ("VEVENT", 2, "VALARM"));
        assert!(c.prop("trigger").is_none());
        let lines = unfold("BEGIN:VEVENT\r\nUID:1\r\n???\r\nSUMMARY:kept\r\nEND:VEVENT\r\n");
        let c = read_component(&lines).unwrap();
        assert_eq!((c.unreadable.as_slice(), c.properties.len()), ([3].as_slice(), 2), "the bad line is left out");
    }
}
