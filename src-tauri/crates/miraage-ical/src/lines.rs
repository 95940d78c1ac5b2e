//! Unfolding content lines and checking the BEGIN/END structure, keeping original line
//! numbers so that every error can point into the file the user has.

use crate::error::IcalError;
use std::borrow::Cow;

/// One unfolded content line and the line of the file where it began (1-based). Borrowed
/// from the file unless it was folded.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    pub number: usize,
    pub text: Cow<'a, str>,
}

/// A component directly inside VCALENDAR: its lines, BEGIN to END.
#[derive(Debug, Clone)]
pub(crate) struct RawComponent<'l, 'a> {
    pub name: String,
    pub line: usize,
    pub lines: &'l [Line<'a>],
}

impl RawComponent<'_, '_> {
    /// A stable UID for a component that has none, so that importing the file again updates
    /// rather than duplicates: FNV-1a of its unfolded lines, each ended by CRLF.
    pub(crate) fn synthesized_uid(&self) -> String {
        let mut hash: u64 = 0xcbf29ce484222325;
        for b in self.lines.iter().flat_map(|l| l.text.bytes().chain(*b"\r\n")) {
            hash ^= b as u64;
            hash = hash.wrapping_mul(0x100000001b3);
        }
        format!("import-{hash:016x}@miraage")
    }
}

#[derive(Debug, Default)]
pub(crate) struct Structure<'l, 'a> {
    /// Properties of VCALENDAR itself (X-WR-TIMEZONE, X-WR-CALNAME, ...), unparsed.
    pub calendar_props: Vec<&'l Line<'a>>,
    pub components: Vec<RawComponent<'l, 'a>>,
    /// First line of text after the last END:VCALENDAR that is not another calendar (a mail
    /// footer, a stray END): it and the rest of the file are ignored.
    pub trailing: Option<usize>,
    /// First BEGIN:VCALENDAR found directly inside another: its components are read as the
    /// outer calendar's.
    pub nested_calendar: Option<usize>,
}

/// Unfolds (RFC 5545 §3.1: a line starting with a space or tab continues the previous one),
/// accepting CRLF, LF and a leading byte-order mark.
pub(crate) fn unfold(text: &str) -> Vec<Line<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out: Vec<Line<'_>> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = raw.strip_prefix([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.text.to_mut().push_str(rest);
                continue;
            }
        }
        if raw.trim().is_empty() {
            continue;
        }
        out.push(Line { number: i + 1, text: Cow::Borrowed(raw) });
    }
    out
}

/// `Some((true, NAME))` for BEGIN:NAME, `Some((false, NAME))` for END:NAME (names in upper
/// case). Other lines are not upper-cased: they are most of a file.
pub(crate) fn begin_end(line: &str) -> Option<(bool, String)> {
    let (key, value) = line.split_once(':')?;
    let begin = match key.trim() {
        k if k.eq_ignore_ascii_case("BEGIN") => true,
        k if k.eq_ignore_ascii_case("END") => false,
        _ => return None,
    };
    Some((begin, value.trim().to_ascii_uppercase()))
}

/// Line number of a VCALENDAR that the file leaves out around bare components.
const IMPLIED: usize = 0;

const BARE_COMPONENTS: &[&str] = &["VEVENT", "VTODO", "VJOURNAL", "VTIMEZONE", "VFREEBUSY"];

/// Splits the file into the components of its VCALENDAR(s). Broken nesting refuses the file.
pub(crate) fn structure<'l, 'a>(source_name: &str, lines: &'l [Line<'a>]) -> Result<Structure<'l, 'a>, IcalError> {
    let syntax = |line: usize, reason: String| IcalError::Syntax { source_name: source_name.to_string(), line, reason };
    let mut out = Structure::default();
    let mut stack: Vec<(String, usize)> = Vec::new();
    // The component being read: its name and the index of its BEGIN line.
    let mut current: Option<(String, usize)> = None;
    let mut saw_calendar = false;
    // VCALENDARs open directly inside the outer one, flattened into it.
    let mut nested_calendars = 0usize;

    for (index, line) in lines.iter().enumerate() {
        let marker = begin_end(&line.text);
        if stack.len() == 1 && stack[0].1 != IMPLIED {
            match &marker {
                Some((true, name)) if name == "VCALENDAR" => {
                    nested_calendars += 1;
                    out.nested_calendar.get_or_insert(line.number);
                    continue;
                }
                Some((false, name)) if name == "VCALENDAR" && nested_calendars > 0 => {
                    nested_calendars -= 1;
                    continue;
                }
                _ => {}
            }
        }
        // A real VCALENDAR after bare components ends the implied one.
        if matches!(&marker, Some((true, name)) if name == "VCALENDAR") && stack.len() == 1 && stack[0].1 == IMPLIED {
            stack.clear();
        }
        match (&marker, stack.len()) {
            (Some((true, name)), 0) if name == "VCALENDAR" => saw_calendar = true,
            // Bare components without a VCALENDAR around them (as some tools write them):
            // read them as if they had one.
            (Some((true, name)), 0) if BARE_COMPONENTS.contains(&name.as_str()) => {
                saw_calendar = true;
                stack.push(("VCALENDAR".into(), IMPLIED));
                current = Some((name.clone(), index));
            }
            (_, 0) if saw_calendar => {
                out.trailing = Some(line.number);
                break;
            }
            (Some((true, name)), 0) => {
                return Err(syntax(line.number, format!("expected BEGIN:VCALENDAR, found BEGIN:{name}")));
            }
            (None, 0) => {
                return Err(IcalError::NotICalendar {
                    source_name: source_name.to_string(),
                    reason: format!("line {} is not BEGIN:VCALENDAR", line.number),
                });
            }
            (Some((true, name)), 1) => current = Some((name.clone(), index)),
            (None, 1) => out.calendar_props.push(line),
            _ => {}
        }
        match marker {
            Some((true, name)) => stack.push((name, line.number)),
            Some((false, name)) => match stack.pop() {
                Some((open, _)) if open == name => {}
                Some((open, opened_at)) => {
                    return Err(syntax(
                        line.number,
                        format!("END:{name} does not close BEGIN:{open} of line {opened_at}"),
                    ))
                }
                None => return Err(syntax(line.number, format!("END:{name} without a matching BEGIN"))),
            },
            None => {}
        }
        if stack.len() == 1 {
            if let Some((name, start)) = current.take() {
                out.components.push(RawComponent { name, line: lines[start].number, lines: &lines[start..=index] });
            }
        }
    }
    if stack.len() == 1 && stack[0].1 == IMPLIED {
        stack.clear();
    }
    if let Some((open, opened_at)) = stack.last() {
        return Err(syntax(*opened_at, format!("BEGIN:{open} is never closed")));
    }
    if !saw_calendar {
        return Err(IcalError::NotICalendar {
            source_name: source_name.to_string(),
            reason: "no BEGIN:VCALENDAR".into(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolding_keeps_the_first_line_number() {
        let lines = unfold("BEGIN:VCALENDAR\r\nSUMMARY:a long\r\n  line\r\n\tand more\r\nEND:VCALENDAR\r\n");
        assert_eq!(lines[1].text, "SUMMARY:a long lineand more");
        assert_eq!(lines[1].number, 2);
        assert_eq!(lines[2].number, 5);
    }

    #[test]
    fn broken_nesting_names_the_line() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nEND:VTODO\nEND:VCALENDAR\n";
        let err = structure("f.ics", &unfold(text)).unwrap_err();
        assert_eq!(err.to_string(), "f.ics: line 4: END:VTODO does not close BEGIN:VEVENT of line 2");
        let err = structure("f.ics", &unfold("BEGIN:VCALENDAR\nBEGIN:VEVENT\n")).unwrap_err();
        assert_eq!(err.to_string(), "f.ics: line 2: BEGIN:VEVENT is never closed");
        let lines = unfold("BEGIN:VEVENT\nUID:1\nEND:VEVENT\nBEGIN:VEVENT\nUID:2\nEND:VEVENT\n");
        let bare = structure("f.ics", &lines).unwrap();
        assert_eq!(bare.components.iter().map(|c| c.line).collect::<Vec<_>>(), [1, 4]);
        let err = structure("f.ics", &unfold("hello\n")).unwrap_err();
        assert!(matches!(err, IcalError::NotICalendar { .. }));
    }

    #[test]
    fn synthesized_uids_hash_the_component_text_as_before() {
        // Files imported by earlier versions keep their UIDs: the hash is over the unfolded
        // lines joined by CRLF with a final CRLF, as the component's text was.
        let lines = unfold("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:no\r\n  uid\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
        let st = structure("f.ics", &lines).unwrap();
        let text = "BEGIN:VEVENT\r\nSUMMARY:no uid\r\nEND:VEVENT\r\n";
        let hash = text.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
        assert_eq!(st.components[0].synthesized_uid(), format!("import-{hash:016x}@miraage"));
    }
}
