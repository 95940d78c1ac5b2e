//! Reading an `.ics` text into domain events and tasks.

use crate::content::{read_component, read_property, split_text_list, unescape, Component, Property};
use crate::error::IcalError;
use crate::limits::{cut, text_limit, MAX_DATES_PER_EVENT, MAX_RULES_PER_EVENT, MAX_SUMMARY_BYTES};
use crate::lines::{balance, structure, unfold, Balanced, RawComponent};
use crate::values::{parse_duration, parse_time, RawTime};
use crate::zones::{ZoneDefinition, Zones};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use miraage_domain::time::{local_midnight, local_to_utc};
use miraage_domain::{
    CalendarId, Chunking, Due, Event, EventId, EventKind, EventOrigin, EventStatus, EventTime, Priority, Recurrence,
    RecurrenceId, Task, TaskId, TaskListId, TaskStatus,
};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Where imported records go and how floating times are read.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub calendar_id: CalendarId,
    pub task_list_id: TaskListId,
    /// The zone of floating times (no TZID, no `Z`) when the file names none (X-WR-TIMEZONE).
    pub default_zone: Tz,
}

/// A component that was left out, or a repair made while reading one, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Line in the original file (1-based): a skip names the component's BEGIN, a repair the
    /// line repaired.
    pub line: usize,
    pub component: String,
    pub uid: Option<String>,
    pub reason: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.component)?;
        if let Some(uid) = &self.uid {
            write!(f, " {uid:?}")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A component that was left out.
pub type Skipped = Finding;
/// Something read differently from what the file says, so that the rest of it could be kept.
pub type Repaired = Finding;

/// What a file holds, ready to be written in one transaction.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub events: Vec<Event>,
    pub tasks: Vec<Task>,
    pub skipped: Vec<Skipped>,
    pub repaired: Vec<Repaired>,
    /// Things read but not kept (other component kinds, unresolved task links).
    pub notes: Vec<String>,
    /// X-WR-CALNAME, the name the exporting app gave the calendar.
    pub calendar_name: Option<String>,
}

/// Reads a file the user imports, from its raw bytes. Bytes that are not UTF-8 (old exports in
/// legacy encodings) are replaced by U+FFFD and the lines concerned are noted, as most calendar
/// apps do. Unlike [`parse_ics`], a file that ends with a component still open (a download
/// that stopped) is read as far as it goes, a repair saying it looks cut off: an import only
/// adds, so what the file holds is worth keeping.
///
/// # Errors
///
/// [`IcalError::NotICalendar`] when the text does not start a VCALENDAR (or has none);
/// [`IcalError::Syntax`] with the line when a component other than VCALENDAR comes first.
pub fn parse_ics_bytes(bytes: &[u8], source_name: &str, opts: &ImportOptions) -> Result<Parsed, IcalError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, source_name, opts, CutOff::ReadWhatIsThere),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            let mut parsed = parse(&text, source_name, opts, CutOff::ReadWhatIsThere)?;
            let bad_lines: Vec<String> = text
                .split('\n')
                .enumerate()
                .filter(|(_, l)| l.contains('\u{fffd}'))
                .map(|(i, _)| (i + 1).to_string())
                .take(10)
                .collect();
            parsed.notes.push(format!("bytes that are not UTF-8 were replaced on line(s) {}", bad_lines.join(", ")));
            Ok(parsed)
        }
    }
}

/// How many BEGIN/END mends of one file are listed one by one.
const MAX_NESTING_REPAIRS_LISTED: usize = 20;

/// Parses an iCalendar text. BEGIN/END that do not nest are mended (each mend listed as a
/// repair with its line); a component that cannot be read is skipped and listed with its line
/// and reason.
///
/// # Errors
///
/// [`IcalError::NotICalendar`] when the text does not start a VCALENDAR (or has none);
/// [`IcalError::Syntax`] with the line when a component other than VCALENDAR comes first, or
/// when the text ends with a component still open (it looks cut off: a feed or a server's
/// answer that stopped, which sync must not mirror). [`parse_ics_bytes`], for files the user
/// imports, reads such a file as far as it goes.
pub fn parse_ics(text: &str, source_name: &str, opts: &ImportOptions) -> Result<Parsed, IcalError> {
    parse(text, source_name, opts, CutOff::Refuse)
}

/// What a file that ends with a component still open (a download that stopped) is taken for.
#[derive(Clone, Copy)]
enum CutOff {
    /// Text a server or feed serves, which sync mirrors: a truncated answer must not read as a
    /// calendar that lost its events.
    Refuse,
    /// A file the user imports, which only adds: read as far as it goes, the repair saying so.
    ReadWhatIsThere,
}

fn parse(text: &str, source_name: &str, opts: &ImportOptions, ends: CutOff) -> Result<Parsed, IcalError> {
    let Balanced { lines, repairs: nesting, cut_off } = balance(unfold(text));
    let cut_off = match (cut_off, ends) {
        (Some((open, line)), CutOff::Refuse) => {
            let reason = format!("BEGIN:{open} is never closed: the file looks cut off (fetch it again)");
            return Err(IcalError::Syntax { source_name: source_name.to_string(), line, reason });
        }
        (cut_off, _) => cut_off,
    };
    let st = structure(source_name, &lines)?;
    let mut out = Parsed::default();
    // A fuzzed file can need thousands of mends: the first ones tell what happened.
    for mend in nesting.iter().take(MAX_NESTING_REPAIRS_LISTED) {
        let reason = format!("BEGIN/END: {}", mend.reason);
        out.repaired.push(Finding { line: mend.line, component: mend.component.clone(), uid: None, reason });
    }
    if let Some((open, line)) = cut_off {
        let reason = format!("BEGIN:{open} is never closed: the file looks cut off; what it holds was read");
        out.repaired.push(Finding { line, component: open, uid: None, reason });
    }
    if let Some(first) = nesting.get(MAX_NESTING_REPAIRS_LISTED) {
        let more = nesting.len() - MAX_NESTING_REPAIRS_LISTED;
        let reason = format!("BEGIN/END: {more} more like the ones above");
        out.repaired.push(Finding { line: first.line, component: first.component.clone(), uid: None, reason });
    }
    let mut floating_zone = opts.default_zone;
    for line in &st.calendar_props {
        let Some(prop) = read_property(&line.text) else { continue };
        if prop.name.eq_ignore_ascii_case("X-WR-TIMEZONE") {
            match miraage_domain::zone::resolve_zone(prop.value) {
                Ok(tz) => floating_zone = tz,
                Err(e) => out.notes.push(format!("line {}: X-WR-TIMEZONE ignored: {e}", line.number)),
            }
        } else if prop.name.eq_ignore_ascii_case("X-WR-CALNAME") {
            let name = unescape(prop.value);
            let name = cut(name.trim(), MAX_SUMMARY_BYTES).unwrap_or(name.trim());
            out.calendar_name = Some(name.to_string()).filter(|s| !s.is_empty());
        }
    }

    let mut definitions = HashMap::new();
    for raw in st.components.iter().filter(|c| c.name == "VTIMEZONE") {
        match read_component(raw.lines) {
            Ok(c) => {
                let (tzid, def) = ZoneDefinition::from_component(&c);
                definitions.insert(tzid, def);
            }
            Err(e) => out.notes.push(format!("line {}: VTIMEZONE ignored: {e}", raw.line)),
        }
    }
    // Repairs of the file's structure, not of one component.
    let structure_repairs = [
        (st.nested_calendar, "a VCALENDAR nested in another read as part of it"),
        (st.trailing, "text after END:VCALENDAR ignored"),
    ];
    for (line, reason) in structure_repairs {
        if let Some(line) = line {
            out.repaired.push(Finding { line, component: "VCALENDAR".into(), uid: None, reason: reason.into() });
        }
    }
    let mut ctx =
        Ctx { opts, zones: Zones::new(definitions), floating_zone, repairs: Vec::new(), unknown_zones: HashSet::new() };
    let mut task_links: Vec<(usize, Vec<String>)> = Vec::new();
    let mut ignored: HashMap<String, usize> = HashMap::new();

    for raw in &st.components {
        let skip =
            |uid: Option<String>, reason: String| Skipped { line: raw.line, component: raw.name.clone(), uid, reason };
        match raw.name.as_str() {
            "VEVENT" | "VTODO" => {}
            "VTIMEZONE" => continue,
            other => {
                *ignored.entry(other.to_string()).or_default() += 1;
                continue;
            }
        }
        let component = match read_component(raw.lines) {
            Ok(c) => c,
            Err(e) => {
                out.skipped.push(skip(None, format!("cannot be parsed: {e}")));
                continue;
            }
        };
        let uid = ctx.text(&component, "UID");
        // The component's own read of its UID reports a cut; this one is only for naming it.
        ctx.repairs.clear();
        ctx.repairs
            .extend(component.unreadable.iter().map(|&line| (line, "a line that is not NAME:value left out".into())));
        let read = if raw.name == "VEVENT" {
            ctx.event(&component, raw).map(|event| out.events.push(event))
        } else {
            ctx.task(&component, raw).map(|(task, depends_on)| {
                task_links.push((out.tasks.len(), depends_on));
                out.tasks.push(task);
            })
        };
        // A skipped component's repairs are moot: the skip says what matters.
        let repairs = std::mem::take(&mut ctx.repairs);
        match read {
            Ok(()) => out.repaired.extend(repairs.into_iter().map(|(line, reason)| Finding {
                line,
                component: raw.name.clone(),
                uid: uid.clone(),
                reason,
            })),
            Err(reason) => out.skipped.push(skip(uid, reason)),
        }
    }

    // Dependencies name UIDs; link those found in this file.
    let by_uid: HashMap<String, TaskId> = out.tasks.iter().map(|t| (t.uid.clone(), t.id.clone())).collect();
    for (index, uids) in task_links {
        for uid in uids {
            match by_uid.get(&uid) {
                Some(id) if *id != out.tasks[index].id => out.tasks[index].depends_on.push(id.clone()),
                _ => out.notes.push(format!(
                    "task {:?} depends on {uid:?}, which is not in this file; link dropped",
                    out.tasks[index].title
                )),
            }
        }
    }
    // In file order: text after END:VCALENDAR was noted first.
    out.repaired.sort_by_key(|r| r.line);
    let mut ignored: Vec<_> = ignored.into_iter().collect();
    ignored.sort();
    for (name, n) in ignored {
        out.notes.push(format!("{n} {name} component(s) ignored"));
    }
    Ok(out)
}

struct Ctx<'a> {
    opts: &'a ImportOptions,
    zones: Zones,
    floating_zone: Tz,
    /// Repairs made while reading the current component: line and what was done.
    repairs: Vec<(usize, String)>,
    /// Unknown TZIDs already reported (once per file is enough).
    unknown_zones: HashSet<String>,
}

/// `start + duration`, refused past the year 9999 (what iCalendar can write) or on overflow.
fn add_checked<T: Datelike>(
    start: T,
    duration: Duration,
    add: impl FnOnce(T, Duration) -> Option<T>,
) -> Result<T, String> {
    add(start, duration)
        .filter(|t| t.year() <= 9999)
        .ok_or_else(|| "DTSTART plus the event's length is out of range (after the year 9999)".to_string())
}

fn is_date(p: &Property<'_>) -> bool {
    p.param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
}

/// A time read from one property and placed in a zone.
enum Placed {
    Date(NaiveDate),
    Instant(DateTime<Utc>, Tz),
}

impl Ctx<'_> {
    /// A text property unescaped and trimmed, cut to its limit (with a repair).
    fn text(&mut self, c: &Component<'_>, name: &str) -> Option<String> {
        let p = c.prop(name)?;
        let value = unescape(p.value);
        let value = value.trim();
        let limit = text_limit(name);
        let kept = match cut(value, limit) {
            Some(kept) => {
                self.repairs.push((p.line, format!("{name} cut to {limit} bytes (it had {})", value.len())));
                kept
            }
            None => value,
        };
        Some(kept.to_string()).filter(|s| !s.is_empty())
    }

    fn place(&mut self, p: &Property<'_>, value: &str) -> Result<Placed, String> {
        // The property's name, for errors only.
        let name = || p.name.to_ascii_uppercase();
        let raw = parse_time(value, is_date(p), p.param("TZID")).map_err(|e| format!("{}: {e}", name()))?;
        Ok(match raw {
            RawTime::Date(d) => Placed::Date(d),
            RawTime::Utc(t) => Placed::Instant(t, Tz::UTC),
            RawTime::Local(naive, None) => Placed::Instant(local_to_utc(naive, self.floating_zone), self.floating_zone),
            RawTime::Local(naive, Some(tzid)) => match self.zones.resolve(tzid, naive.year()) {
                Some(zone) => Placed::Instant(local_to_utc(naive, zone), zone),
                // A made-up zone with one fixed offset: the instants are exact, and a series
                // repeats the same in UTC as in a zone that never changes.
                None => match self.zones.fixed_offset(tzid) {
                    Some(offset) => Placed::Instant((naive - Duration::seconds(offset as i64)).and_utc(), Tz::UTC),
                    // Read as floating, as other calendar apps do: right for most files, whose
                    // made-up zone names the user's own.
                    None => {
                        let zone = self.floating_zone;
                        if self.unknown_zones.insert(tzid.to_string()) {
                            self.repairs.push((
                                p.line,
                                format!(
                                    "{}: unknown time zone {tzid:?} (not IANA, not a Windows zone, no matching \
                                     VTIMEZONE) read as {}",
                                    name(),
                                    zone.name()
                                ),
                            ));
                        }
                        Placed::Instant(local_to_utc(naive, zone), zone)
                    }
                },
            },
        })
    }

    fn place_prop(&mut self, c: &Component<'_>, name: &str) -> Result<Option<Placed>, String> {
        match c.prop(name) {
            Some(p) => self.place(p, p.value).map(Some),
            None => Ok(None),
        }
    }

    /// Every value of every property `name` (RDATE and EXDATE may repeat and hold lists).
    fn recurrence_ids(
        &mut self,
        c: &Component<'_>,
        name: &str,
        master: &EventTime,
    ) -> Result<Vec<RecurrenceId>, String> {
        let mut out = Vec::new();
        for p in c.props(name) {
            let period = p.param("VALUE").is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
            for value in p.value.split(',').map(str::trim).filter(|v| !v.is_empty()) {
                if out.len() == MAX_DATES_PER_EVENT {
                    self.repairs
                        .push((p.line, format!("{name} values beyond the first {MAX_DATES_PER_EVENT} dropped")));
                    return Ok(out);
                }
                let start = if period { value.split('/').next().unwrap_or_default() } else { value };
                // One unreadable date drops that date, not the event (as lenient readers do):
                // the rest of the series is still right.
                match self.recurrence_id_of(p, start, master) {
                    Ok(id) => out.push(id),
                    Err(e) => self.repairs.push((p.line, format!("{e}: that {name} value left out"))),
                }
            }
        }
        Ok(out)
    }

    fn recurrence_id_of(&mut self, p: &Property<'_>, value: &str, master: &EventTime) -> Result<RecurrenceId, String> {
        Ok(match (self.place(p, value)?, master) {
            (Placed::Date(d), _) => RecurrenceId::Date(d),
            // An all-day series named by a date-time: the date is what identifies it.
            (Placed::Instant(t, zone), EventTime::AllDay { .. }) => {
                RecurrenceId::Date(t.with_timezone(&zone).date_naive())
            }
            (Placed::Instant(t, _), EventTime::Timed { .. }) => RecurrenceId::Instant(t),
        })
    }

    fn event(&mut self, c: &Component<'_>, raw: &RawComponent) -> Result<Event, String> {
        let start = self.place_prop(c, "DTSTART")?.ok_or("DTSTART is missing")?;
        let end = self.place_prop(c, "DTEND")?;
        let duration =
            c.prop("DURATION").map(|p| parse_duration(p.value)).transpose().map_err(|e| format!("DURATION: {e}"))?;
        let end_line = c.prop("DTEND").map_or(0, |p| p.line);
        let time = match start {
            Placed::Date(s) => {
                let one_day = |d: NaiveDate| add_checked(d, Duration::days(1), |d, x| d.checked_add_signed(x));
                let end = match (end, duration) {
                    (Some(Placed::Date(e)), _) => e,
                    // The day the end falls on is covered (the whole of it, unless it ends
                    // at midnight).
                    (Some(Placed::Instant(e, zone)), _) => {
                        let local = e.with_timezone(&zone);
                        let last = local.date_naive();
                        let end = if local.time() == chrono::NaiveTime::MIN { last } else { one_day(last)? };
                        self.repairs.push((
                            end_line,
                            format!("DTEND is a DATE-TIME but DTSTART is a DATE: read as all-day until {last}"),
                        ));
                        end
                    }
                    (None, Some(d)) => {
                        add_checked(s, Duration::days(d.num_days().max(1)), |d, x| d.checked_add_signed(x))?
                    }
                    (None, None) => one_day(s)?,
                };
                if end < s {
                    self.repairs.push((end_line, format!("DTEND ({end}) is before DTSTART ({s}): read as one day")));
                }
                // Some producers write DTEND = DTSTART for one-day events.
                EventTime::all_day(s, end.max(one_day(s)?)).map_err(|e| e.to_string())?
            }
            Placed::Instant(s, zone) => {
                let mut end = match (end, duration) {
                    (Some(Placed::Instant(e, _)), _) => e,
                    (Some(Placed::Date(d)), _) => local_midnight(d, zone),
                    (None, Some(d)) => add_checked(s, d, |s, d| s.checked_add_signed(d))?,
                    (None, None) => s,
                };
                if end < s {
                    self.repairs.push((
                        end_line.max(c.prop("DURATION").map_or(0, |p| p.line)),
                        format!(
                            "DTEND ({}) is before DTSTART ({}): read as zero length",
                            end.to_rfc3339(),
                            s.to_rfc3339()
                        ),
                    ));
                    end = s;
                }
                EventTime::timed(s, end, zone).map_err(|e| e.to_string())?
            }
        };

        let recurrence_id = match c.prop("RECURRENCE-ID") {
            Some(p) => Some(self.recurrence_id_of(p, p.value, &time)?),
            None => None,
        };
        let rules = self.rules(c);
        let kind = match recurrence_id {
            Some(id) => EventKind::Override { recurrence_id: id },
            None if !rules.is_empty() || c.prop("RDATE").is_some() => {
                let recurrence = Recurrence {
                    rules,
                    rdates: self.recurrence_ids(c, "RDATE", &time)?,
                    exdates: self.recurrence_ids(c, "EXDATE", &time)?,
                };
                recurrence.validate(&time).map_err(|e| e.to_string())?;
                EventKind::Master { recurrence }
            }
            None => EventKind::Single,
        };
        let status = self.text(c, "STATUS").and_then(|s| EventStatus::parse(&s)).unwrap_or_default();
        let busy = !self.text(c, "TRANSP").is_some_and(|t| t.eq_ignore_ascii_case("TRANSPARENT"));
        Ok(Event {
            id: EventId::new(),
            calendar_id: self.opts.calendar_id.clone(),
            uid: self.text(c, "UID").unwrap_or_else(|| raw.synthesized_uid()),
            kind,
            time,
            summary: self.text(c, "SUMMARY").unwrap_or_else(|| "(no title)".into()),
            description: self.text(c, "DESCRIPTION"),
            location: self.text(c, "LOCATION"),
            status,
            busy,
            origin: self.text(c, "X-MIRAAGE-ORIGIN").map(|o| EventOrigin::from_property(&o)).unwrap_or_default(),
            people: crate::people::read_people(c),
        })
    }

    /// The RRULE values: an empty one dropped, and those beyond [`MAX_RULES_PER_EVENT`].
    fn rules(&mut self, c: &Component<'_>) -> Vec<String> {
        let mut rules = Vec::new();
        for p in c.props("RRULE") {
            let value = p.value.trim();
            if value.is_empty() {
                self.repairs.push((p.line, "empty RRULE dropped".into()));
            } else if rules.len() == MAX_RULES_PER_EVENT {
                self.repairs.push((p.line, format!("RRULE lines beyond the first {MAX_RULES_PER_EVENT} dropped")));
                break;
            } else {
                rules.push(value.to_string());
            }
        }
        rules
    }

    fn task(&mut self, c: &Component<'_>, raw: &RawComponent) -> Result<(Task, Vec<String>), String> {
        let mut task = Task::new(
            self.opts.task_list_id.clone(),
            self.text(c, "SUMMARY").unwrap_or_else(|| "(untitled task)".into()),
        );
        task.uid = self.text(c, "UID").unwrap_or_else(|| raw.synthesized_uid());
        task.notes = self.text(c, "DESCRIPTION");
        task.due = match self.place_prop(c, "DUE")? {
            Some(Placed::Date(d)) => Some(Due::Date(d)),
            Some(Placed::Instant(t, _)) => Some(Due::Instant(t)),
            None => None,
        };
        task.earliest_start = match self.place_prop(c, "DTSTART")? {
            Some(Placed::Date(d)) => Some(local_midnight(d, self.floating_zone)),
            Some(Placed::Instant(t, _)) => Some(t),
            None => None,
        };
        if let Some(p) = self.text(c, "PRIORITY") {
            let n: u8 = p.parse().map_err(|_| format!("PRIORITY: {p:?} is not a number 0-9"))?;
            task.priority = Priority::from_ical(n);
        }
        if let Some(p) = self.text(c, "X-MIRAAGE-PRIORITY") {
            task.priority = p
                .parse::<u8>()
                .ok()
                .and_then(|n| Priority::new(n).ok())
                .ok_or(format!("X-MIRAAGE-PRIORITY: {p:?} is not 1-4"))?;
        }
        let percent = self.text(c, "PERCENT-COMPLETE").and_then(|p| p.parse::<u8>().ok());
        task.status = match self.text(c, "STATUS") {
            Some(s) => TaskStatus::parse(&s).unwrap_or_default(),
            None if percent == Some(100) || c.prop("COMPLETED").is_some() => TaskStatus::Completed,
            None => TaskStatus::NeedsAction,
        };
        task.completed_at = match self.place_prop(c, "COMPLETED")? {
            Some(Placed::Instant(t, _)) => Some(t),
            Some(Placed::Date(d)) => Some(local_midnight(d, self.floating_zone)),
            None => None,
        };
        task.tags = c
            .props("CATEGORIES")
            .flat_map(|p| split_text_list(p.value))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        task.estimate_min = if let Some(m) = self.text(c, "X-MIRAAGE-ESTIMATE") {
            Some(m.parse::<u32>().map_err(|_| format!("X-MIRAAGE-ESTIMATE: {m:?} is not minutes"))?).filter(|m| *m > 0)
        } else if let Some(p) = c.prop("ESTIMATED-DURATION").or_else(|| c.prop("DURATION")) {
            let d = parse_duration(p.value).map_err(|e| format!("{}: {e}", p.name))?;
            u32::try_from(d.num_minutes()).ok().filter(|m| *m > 0)
        } else {
            None
        };
        task.project = self.text(c, "X-MIRAAGE-PROJECT");
        task.hard_due =
            self.text(c, "X-MIRAAGE-HARD-DUE").is_some_and(|v| v.eq_ignore_ascii_case("TRUE")) && task.due.is_some();
        if let Some(chunks) = self.text(c, "X-MIRAAGE-CHUNKS") {
            let parsed =
                chunks.split_once('-').and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
            let (min, max) = parsed.ok_or(format!("X-MIRAAGE-CHUNKS: {chunks:?} is not MIN-MAX minutes"))?;
            task.chunking = Some(Chunking::new(min, max).map_err(|e| e.to_string())?);
        }
        let depends_on = c
            .props("RELATED-TO")
            .filter(|p| p.param("RELTYPE").is_some_and(|r| r.eq_ignore_ascii_case("DEPENDS-ON")))
            .map(|p| p.value.trim().to_string())
            .collect();
        Ok((task, depends_on))
    }
}
