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

/// Components that are only ever directly inside VCALENDAR (RFC 5545 §3.6).
const TOP_LEVEL: &[&str] = &["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"];

/// A BEGIN/END that [`balance`] closed, dropped or added: the line it concerns (a BEGIN left
/// open names its own line), the component and what was done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NestingRepair {
    pub line: usize,
    pub component: String,
    pub reason: String,
}

/// Makes BEGIN and END nest, as lenient readers do with fuzzed, truncated or hand-edited files,
/// so that what can be read is kept: an END that closes an outer component first closes the
/// ones left open inside it; an END that closes nothing open is dropped; a BEGIN of a
/// top-level component (VEVENT, VTIMEZONE, ...) inside another kind of component closes that
/// one first (none of them is ever inside another); what is still open at the end of the file
/// is closed there, and the outermost of those is returned: the file looks cut off, which the
/// caller judges (a subscription must not take a truncated download for a calendar that lost
/// its events). An END outside every component is left to [`structure`] (a footer after the
/// calendar), and so is nesting of one kind in itself (a VEVENT in a VEVENT), which the
/// nesting limit refuses. Linear in the number of lines times the nesting depth.
pub(crate) fn balance(lines: Vec<Line<'_>>) -> Balanced<'_> {
    let mut out = Vec::with_capacity(lines.len());
    let mut repairs = Vec::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let end_line = |number: usize, name: &str| Line { number, text: Cow::Owned(format!("END:{name}")) };
    for line in lines {
        match begin_end(&line.text) {
            Some((true, name)) => {
                if TOP_LEVEL.contains(&name.as_str()) {
                    while let Some((open, at)) = stack.last() {
                        if open == "VCALENDAR" || *open == name {
                            break;
                        }
                        let reason = format!("not closed before BEGIN:{name} of line {}: closed there", line.number);
                        repairs.push(NestingRepair { line: *at, component: open.clone(), reason });
                        out.push(end_line(line.number, open));
                        stack.pop();
                    }
                }
                stack.push((name, line.number));
                out.push(line);
            }
            Some((false, name)) => match stack.iter().rposition(|(open, _)| *open == name) {
                Some(closes) => {
                    for (open, at) in stack.drain(closes + 1..).rev() {
                        let reason = format!("not closed before END:{name} of line {}: closed there", line.number);
                        out.push(end_line(line.number, &open));
                        repairs.push(NestingRepair { line: at, component: open, reason });
                    }
                    stack.pop();
                    out.push(line);
                }
                None if stack.is_empty() => out.push(line),
                None => {
                    let reason = format!("END:{name} closes nothing open: ignored");
                    repairs.push(NestingRepair { line: line.number, component: name, reason });
                }
            },
            None => out.push(line),
        }
    }
    let last = out.last().map_or(0, |l| l.number);
    let cut_off = stack.first().cloned();
    while let Some((open, _)) = stack.pop() {
        out.push(end_line(last, &open));
    }
    Balanced { lines: out, repairs, cut_off }
}

/// What [`balance`] gives: the lines, nesting mended; each mend; and the outermost component
/// left open at the end of the file (its name and line), when the file looks cut off.
pub(crate) struct Balanced<'a> {
    pub lines: Vec<Line<'a>>,
    pub repairs: Vec<NestingRepair>,
    pub cut_off: Option<(String, usize)>,
}

/// Line number of a VCALENDAR that the file leaves out around bare components.
const IMPLIED: usize = 0;

const BARE_COMPONENTS: &[&str] = &["VEVENT", "VTODO", "VJOURNAL", "VTIMEZONE", "VFREEBUSY"];

/// Splits the file into the components of its VCALENDAR(s). Lines that do not nest (not passed
/// through [`balance`] first) are refused, naming the line.
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

    fn balanced(text: &str) -> (Vec<String>, Vec<(usize, String, String)>) {
        let b = balance(unfold(text));
        assert_eq!(b.cut_off, None);
        let (lines, repairs) = (b.lines, b.repairs);
        let lines = lines.iter().map(|l| format!("{}:{}", l.number, l.text)).collect();
        (lines, repairs.into_iter().map(|r| (r.line, r.component, r.reason)).collect())
    }

    #[test]
    fn an_end_of_an_outer_component_closes_the_ones_left_open_inside_it() {
        let (lines, repairs) = balanced("BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VALARM\nEND:VEVENT\nEND:VCALENDAR\n");
        assert_eq!(
            lines,
            [
                "1:BEGIN:VCALENDAR",
                "2:BEGIN:VEVENT",
                "3:BEGIN:VALARM",
                "4:END:VALARM",
                "4:END:VEVENT",
                "5:END:VCALENDAR"
            ]
        );
        assert_eq!(repairs, [(3, "VALARM".into(), "not closed before END:VEVENT of line 4: closed there".into())]);
    }

    #[test]
    fn an_end_that_closes_nothing_open_is_dropped() {
        let (lines, repairs) = balanced("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\nEND:VTODO\nEND:VEVENT\nEND:VCALENDAR\n");
        assert_eq!(lines, ["1:BEGIN:VCALENDAR", "2:BEGIN:VEVENT", "3:UID:1", "5:END:VEVENT", "6:END:VCALENDAR"]);
        assert_eq!(repairs, [(4, "VTODO".into(), "END:VTODO closes nothing open: ignored".into())]);
    }

    #[test]
    fn a_file_that_ends_with_components_open_closes_them_and_says_it_is_cut_off() {
        let cut = balance(unfold("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\n"));
        assert_eq!(cut.cut_off, Some(("VCALENDAR".to_string(), 1)));
        let lines: Vec<String> = cut.lines.iter().map(|l| format!("{}:{}", l.number, l.text)).collect();
        assert_eq!(lines, ["1:BEGIN:VCALENDAR", "2:BEGIN:VEVENT", "3:UID:1", "3:END:VEVENT", "3:END:VCALENDAR"]);
        let bare = balance(unfold("BEGIN:VEVENT\nUID:1\nEND:VEVENT\nBEGIN:VEVENT\n"));
        assert_eq!(bare.cut_off, Some(("VEVENT".to_string(), 4)));
    }

    #[test]
    fn a_top_level_component_begun_inside_another_kind_closes_that_one_first() {
        // A VTIMEZONE whose END was garbled: the events after it are not swallowed by it.
        let text = "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:X\nEND:VTIMEZONLUE=1\nBEGIN:VEVENT\nUID:1\nEND:VEVENT\nEND:VCALENDAR\n";
        let (lines, repairs) = balanced(text);
        assert_eq!(lines[3..6], ["5:END:VTIMEZONE", "5:BEGIN:VEVENT", "6:UID:1"]);
        assert_eq!(repairs.len(), 2, "{repairs:?}");
        let mended = balance(unfold(text)).lines;
        let st = structure("f.ics", &mended).unwrap();
        assert_eq!(st.components.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["VTIMEZONE", "VEVENT"]);
        // One kind inside itself is left to the nesting limit, not turned into siblings.
        let (_, repairs) =
            balanced("BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VEVENT\nEND:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n");
        assert!(repairs.is_empty(), "{repairs:?}");
    }

    #[test]
    fn text_outside_every_component_is_left_to_the_structure() {
        let (lines, repairs) = balanced("BEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n-- \nsent from my phone\n");
        assert_eq!(lines.len(), 5);
        assert!(repairs.is_empty());
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
