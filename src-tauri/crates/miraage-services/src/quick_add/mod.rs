//! Quick add: one line of text ("Call mom tomorrow 5pm 30m") read by `miraage-quickadd` and
//! turned into a task, an event or a habit ("Read 20 minutes daily"), the same for the
//! window, the tray and the CLI.

mod habit;

pub use habit::{reading as habit_reading, HabitReading};

use crate::error::{Result, ServiceError};
use crate::habits::HabitDraft;
use crate::tasks::TaskInput;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::{Due, Event, EventTime, Task};
use miraage_quickadd::{Parsed, SpanKind, When};
use miraage_store::Store;
use serde::Serialize;
use ts_rs::TS;

/// How long an event lasts when the line names a start but no duration.
const DEFAULT_EVENT_MIN: i64 = 60;

/// What Enter would create.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QuickAddKind {
    Task,
    Event,
    Habit,
}

/// A recognised part of the line, for highlighting (UTF-16 offsets, as JavaScript counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuickAddSpan {
    /// `start`, `due`, `duration`, `priority`, `recurrence`, `tag`, `project` or `context`.
    pub kind: String,
    pub start: u32,
    pub end: u32,
}

/// What a line says, as the quick-add box previews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuickAddView {
    pub title: String,
    /// `YYYY-MM-DD` or an RFC 3339 instant with the zone's offset.
    pub start: Option<String>,
    pub due: Option<String>,
    pub duration_min: Option<u32>,
    pub priority: Option<u8>,
    pub rrule: Option<String>,
    pub tags: Vec<String>,
    pub spans: Vec<QuickAddSpan>,
    /// What Enter creates, given the user's choice.
    pub creates: QuickAddKind,
    /// Whether the line names a time, so that an event can be made of it (Tab switches
    /// between it and a task or a habit).
    pub can_be_event: bool,
    /// One line: "Call mom · Fri 7 Mar 17:00 · 30 min · new task", "Read · 20 min a day · in
    /// personal hours · new habit".
    pub preview: String,
}

/// What a line created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    Task(Task),
    Event(Event),
    Habit(miraage_scheduling::HabitView),
}

fn kind_name(k: SpanKind) -> &'static str {
    match k {
        SpanKind::Start => "start",
        SpanKind::Due => "due",
        SpanKind::Duration => "duration",
        SpanKind::Priority => "priority",
        SpanKind::Recurrence => "recurrence",
        SpanKind::Tag => "tag",
        SpanKind::Project => "project",
        SpanKind::Context => "context",
    }
}

/// A line with a duration per period makes a habit, unless the user chose an event; an event
/// can be made of a line that names when it happens; another recurring line always makes one
/// (tasks do not repeat).
fn creates(p: &Parsed, habit: Option<&HabitReading>, prefer_event: bool) -> QuickAddKind {
    let event_chosen = prefer_event && p.start.is_some();
    if habit.is_some() && !event_chosen {
        QuickAddKind::Habit
    } else if p.rrule.is_some() || event_chosen {
        QuickAddKind::Event
    } else {
        QuickAddKind::Task
    }
}

/// `+project` names a line's project, else its first `#tag`.
fn project_of(p: &Parsed) -> Option<String> {
    // `tags` holds the names of the tag, project and context spans, in the same order.
    let named: Vec<(SpanKind, &String)> = p
        .spans
        .iter()
        .filter(|s| matches!(s.kind, SpanKind::Tag | SpanKind::Project | SpanKind::Context))
        .map(|s| s.kind)
        .zip(&p.tags)
        .collect();
    let first = |kind: SpanKind| named.iter().find(|(k, _)| *k == kind).map(|(_, t)| (*t).clone());
    first(SpanKind::Project).or_else(|| first(SpanKind::Tag))
}

fn when_text(w: &When, zone: Tz) -> String {
    match w {
        When::Date(d) => d.format("%a %-d %b").to_string(),
        When::At(t) => t.with_timezone(&zone).format("%a %-d %b %H:%M").to_string(),
    }
}

fn duration_text(min: u32) -> String {
    match (min / 60, min % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// "every Mon, Wed", "daily", "every 2 weeks on Fri, until 31 Mar".
fn recurrence_text(rule: &str) -> String {
    let part = |key: &str| rule.split(';').find_map(|p| p.strip_prefix(key).map(str::to_string));
    let interval: u32 = part("INTERVAL=").and_then(|i| i.parse().ok()).unwrap_or(1);
    let unit = match part("FREQ=").as_deref() {
        Some("DAILY") => "day",
        Some("WEEKLY") => "week",
        Some("MONTHLY") => "month",
        Some("YEARLY") => "year",
        _ => "time",
    };
    let mut text = if interval == 1 { format!("every {unit}") } else { format!("every {interval} {unit}s") };
    if let Some(days) = part("BYDAY=") {
        let names: Vec<String> = days
            .split(',')
            .map(|d| {
                let (n, wd) = d.split_at(d.len().saturating_sub(2));
                let name = match wd {
                    "MO" => "Mon",
                    "TU" => "Tue",
                    "WE" => "Wed",
                    "TH" => "Thu",
                    "FR" => "Fri",
                    "SA" => "Sat",
                    _ => "Sun",
                };
                if n == "-1" {
                    format!("last {name}")
                } else {
                    name.to_string()
                }
            })
            .collect();
        text = if interval == 1 && unit == "week" {
            format!("every {}", names.join(", "))
        } else {
            format!("{text} on {}", names.join(", "))
        };
    }
    if let Some(count) = part("COUNT=") {
        text.push_str(&format!(", {count} times"));
    }
    if let Some(until) = part("UNTIL=") {
        if let Ok(d) = NaiveDate::parse_from_str(until.get(..8).unwrap_or(&until), "%Y%m%d") {
            text.push_str(&format!(", until {}", d.format("%-d %b %Y")));
        }
    }
    text
}

/// Reads a line in the user's zone relative to `now`. `prefer_event`: the user chose to
/// make events of lines that name a time (the window's Tab).
pub fn read(text: &str, now: DateTime<Utc>, zone: Tz, prefer_event: bool) -> QuickAddView {
    let p = miraage_quickadd::parse(text, now, zone);
    let habit = habit::reading(&p, project_of(&p));
    let kind = creates(&p, habit.as_ref(), prefer_event);
    let mut parts = vec![if p.title.is_empty() { "(no title yet)".to_string() } else { p.title.clone() }];
    match (kind, &habit) {
        (QuickAddKind::Habit, Some(h)) => parts.push(h.summary()),
        _ => {
            if let Some(s) = &p.start {
                parts.push(when_text(s, zone));
            }
            if let Some(d) = &p.due {
                parts.push(format!("due {}", when_text(d, zone)));
            }
            if let Some(m) = p.duration_min {
                parts.push(duration_text(m.get()));
            }
            if let Some(r) = &p.rrule {
                parts.push(recurrence_text(&r.to_string()));
            }
        }
    }
    if let Some(pr) = p.priority {
        parts.push(format!("P{}", pr.number()));
    }
    parts.extend(p.tags.iter().map(|t| format!("#{t}")));
    parts.push(
        match kind {
            QuickAddKind::Task => "new task",
            QuickAddKind::Event => "new event",
            QuickAddKind::Habit => "new habit",
        }
        .into(),
    );
    QuickAddView {
        title: p.title.clone(),
        start: p.start.as_ref().map(ToString::to_string),
        due: p.due.as_ref().map(ToString::to_string),
        duration_min: p.duration_min.map(|d| d.get()),
        priority: p.priority.map(|x| x.number()),
        rrule: p.rrule.as_ref().map(ToString::to_string),
        tags: p.tags.clone(),
        spans: p
            .spans
            .iter()
            .map(|s| QuickAddSpan {
                kind: kind_name(s.kind).to_string(),
                start: u32::try_from(s.utf16.start).unwrap_or(u32::MAX),
                end: u32::try_from(s.utf16.end).unwrap_or(u32::MAX),
            })
            .collect(),
        creates: kind,
        can_be_event: p.start.is_some(),
        preview: parts.join(" · "),
    }
}

fn instant(w: &When, zone: Tz) -> DateTime<Utc> {
    match w {
        When::Date(d) => local_midnight(*d, zone),
        When::At(t) => t.with_timezone(&Utc),
    }
}

/// The task a line describes (a `+project` names its project, else its first `#tag`).
pub fn task_input(p: &Parsed, zone: Tz) -> (TaskInput, Option<DateTime<Utc>>) {
    let project = project_of(p);
    let input = TaskInput {
        title: p.title.clone(),
        estimate_min: p.duration_min.map(|d| d.get()),
        due: p.due.as_ref().map(|d| match d {
            When::Date(day) => Due::Date(*day),
            When::At(t) => Due::Instant(t.with_timezone(&Utc)),
        }),
        priority: p.priority.map(|x| x.number()),
        project,
        tags: p.tags.clone(),
        ..TaskInput::default()
    };
    (input, p.start.as_ref().map(|s| instant(s, zone)))
}

/// The habit a line describes ("Read 20 minutes daily"), as a draft planned in the line's
/// days and part of the day, else in personal (or work) hours; `None` when it describes none.
///
/// # Errors
///
/// Store failures reading the planning settings.
pub fn habit_draft(store: &Store, text: &str, now: DateTime<Utc>, zone: Tz) -> Result<Option<HabitDraft>> {
    let p = miraage_quickadd::parse(text, now, zone);
    let Some(h) = habit::reading(&p, project_of(&p)) else { return Ok(None) };
    Ok(Some(h.draft(&miraage_scheduling::load_settings(store)?)))
}

/// Creates what the line describes: a habit for a duration per period ("Read 20 minutes
/// daily"), a recurring or timed event (with `prefer_event`), else a task. An event goes to
/// the calendar for new items (the plan calendar by default).
///
/// # Errors
/// [`ServiceError::Invalid`] when the line has no title left, or names no time for an event;
/// what [`crate::habits::add`] refuses of a habit (more minutes than its window holds, a
/// title taken); the domain's errors for values out of range.
pub fn create(store: &mut Store, zone: Tz, now: DateTime<Utc>, text: &str, prefer_event: bool) -> Result<Created> {
    let p = miraage_quickadd::parse(text, now, zone);
    if p.title.trim().is_empty() {
        return Err(ServiceError::Invalid {
            what: "quick add",
            value: text.chars().take(80).collect(),
            expected: "a title besides the time, e.g. “Call mom tomorrow 5pm 30m”",
        });
    }
    let habit = habit::reading(&p, project_of(&p));
    match creates(&p, habit.as_ref(), prefer_event) {
        QuickAddKind::Habit => {
            let settings = miraage_scheduling::load_settings(store)?;
            let draft = habit.as_ref().map(|h| h.draft(&settings)).unwrap_or_default();
            Ok(Created::Habit(crate::habits::add(store, zone, now, &draft)?))
        }
        QuickAddKind::Task => {
            let (mut input, earliest) = task_input(&p, zone);
            input.earliest_start = earliest;
            Ok(Created::Task(crate::tasks::add(store, input)?))
        }
        QuickAddKind::Event => {
            let start = p.start.as_ref().or(p.due.as_ref()).ok_or(ServiceError::Invalid {
                what: "event",
                value: text.chars().take(80).collect(),
                expected: "a time, e.g. “tomorrow 5pm” or “every Monday 7am”",
            })?;
            let time = match start {
                When::Date(d) => EventTime::all_day(*d, d.succ_opt().unwrap_or(*d))?,
                When::At(t) => {
                    let s = t.with_timezone(&Utc);
                    let minutes = p.duration_min.map_or(DEFAULT_EVENT_MIN, |d| i64::from(d.get()));
                    EventTime::timed(s, s + Duration::minutes(minutes), zone)?
                }
            };
            let rrule = p.rrule.as_ref().map(ToString::to_string);
            let event = crate::events::create(
                store,
                crate::events::EventInput { title: p.title.clone(), time, calendar: None, rrule },
            )?;
            Ok(Created::Event(event))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use miraage_domain::TimeRange;
    use miraage_store::CalendarScope;

    const NY: Tz = chrono_tz::America::New_York;

    fn now() -> DateTime<Utc> {
        // Thursday 2025-03-06 09:15 in New York, as the contract's examples.
        NY.with_ymd_and_hms(2025, 3, 6, 9, 15, 0).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_preview_names_what_will_be_created_and_spans_cover_the_recognised_parts() {
        let v = read("Call mom tomorrow 5pm 30m", now(), NY, false);
        assert_eq!(v.preview, "Call mom · Fri 7 Mar 17:00 · 30 min · new task");
        assert_eq!(v.creates, QuickAddKind::Task);
        assert!(v.can_be_event);
        assert_eq!(read("Call mom tomorrow 5pm 30m", now(), NY, true).creates, QuickAddKind::Event);
        let text = "Call mom tomorrow 5pm 30m";
        let covered: String =
            v.spans.iter().map(|s| &text[s.start as usize..s.end as usize]).collect::<Vec<_>>().join("|");
        assert!(covered.contains("tomorrow") && covered.contains("30m"), "{covered}");
        let r = read("Standup every weekday 9:30 15m", now(), NY, false);
        assert_eq!(r.creates, QuickAddKind::Event, "a recurrence makes an event");
        assert!(r.preview.contains("every Mon, Tue, Wed, Thu, Fri"), "{}", r.preview);
    }

    #[test]
    fn a_line_becomes_a_task_an_event_or_a_recurring_event() {
        let mut store = Store::open_in_memory().unwrap();
        let Created::Task(t) = create(&mut store, NY, now(), "Write report by Friday 3h !1 #work", false).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (t.title.as_str(), t.estimate_min, t.priority.get(), t.project.as_deref()),
            ("Write report", Some(180), 1, Some("work"))
        );
        assert_eq!(t.due, Some(Due::Date(NaiveDate::from_ymd_opt(2025, 3, 7).unwrap())));

        let Created::Event(e) = create(&mut store, NY, now(), "Call mom tomorrow 5pm 30m", true).unwrap() else {
            panic!()
        };
        let start = NY.with_ymd_and_hms(2025, 3, 7, 17, 0, 0).unwrap().with_timezone(&Utc);
        assert_eq!(e.time.instants_in(NY), (start, start + Duration::minutes(30)));

        let Created::Event(g) = create(&mut store, NY, now(), "Gym every Monday 7am 1h", false).unwrap() else {
            panic!()
        };
        assert!(matches!(g.kind, miraage_domain::EventKind::Master { .. }));
        // Across the spring change (9 March 2025) it stays at 07:00 local.
        let range = TimeRange::new(now(), now() + Duration::days(14)).unwrap();
        let gym: Vec<_> = store
            .occurrences(&range, NY, CalendarScope::All)
            .unwrap()
            .into_iter()
            .filter(|o| o.summary == "Gym")
            .collect();
        assert_eq!(gym.len(), 2);
        for o in gym {
            let local = DateTime::parse_from_rfc3339(&o.start).unwrap().with_timezone(&NY);
            assert_eq!(local.format("%a %H:%M").to_string(), "Mon 07:00");
        }
    }

    #[test]
    fn a_line_with_only_a_time_is_refused_and_nothing_is_saved() {
        let mut store = Store::open_in_memory().unwrap();
        let e = create(&mut store, NY, now(), "tomorrow 5pm", false).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::Invalid);
        assert!(e.to_string().contains("title"), "{e}");
        assert!(store.tasks(miraage_store::TaskFilter::All).unwrap().is_empty());
        assert_eq!(store.count_events().unwrap(), 0);
    }

    #[test]
    fn a_duration_per_period_previews_and_creates_a_habit_unless_an_event_is_chosen() {
        let v = read("Read 20 minutes daily", now(), NY, false);
        assert_eq!(v.creates, QuickAddKind::Habit);
        assert_eq!(v.preview, "Read · 20 min a day · in personal hours · new habit");
        assert!(v.can_be_event, "Tab can still make the daily all-day event");
        assert_eq!(read("Read 20 minutes daily", now(), NY, true).creates, QuickAddKind::Event);
        let s = read("Study Spanish 5h a week on weekday evenings !2", now(), NY, false);
        assert_eq!(s.preview, "Study Spanish · 5 h a week · weekday evenings · P2 · new habit");
        assert_eq!(
            read("Gym every Monday 1h", now(), NY, false).preview,
            "Gym · 1 h a day · Mons in personal hours · new habit"
        );
        // A clock time, an interval or an end makes it an event; no duration, an all-day one.
        for text in
            ["Gym every Monday 7am 1h", "Review every other week 1h", "Read daily for 10 days 20m", "Read daily"]
        {
            assert_eq!(read(text, now(), NY, false).creates, QuickAddKind::Event, "{text}");
        }

        let mut store = Store::open_in_memory().unwrap();
        let Created::Habit(h) =
            create(&mut store, NY, now(), "Study Spanish 5h a week on weekday evenings", false).unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (h.title.as_str(), h.minutes, h.per, (h.session_min, h.session_max)),
            ("Study Spanish", 300, miraage_domain::HabitPeriod::Week, (30, 90))
        );
        assert_eq!(
            (h.windows.clone(), h.preferred),
            (vec!["mon-fri 17:00-22:00".to_string()], Some(miraage_domain::TimeOfDay::Evening))
        );
        let Created::Habit(r) = create(&mut store, NY, now(), "Read 20 minutes daily", false).unwrap() else {
            panic!()
        };
        assert_eq!((r.minutes, r.per, r.hour_set.as_deref()), (20, miraage_domain::HabitPeriod::Day, Some("personal")));
        let titles: Vec<String> =
            crate::habits::list(&store, NY, now()).unwrap().into_iter().map(|h| h.title).collect();
        assert_eq!(titles, ["Study Spanish", "Read"]);
        assert!(store.tasks(miraage_store::TaskFilter::All).unwrap().is_empty(), "no task was made");
        assert_eq!(store.count_events().unwrap(), 0, "no event was made");
    }

    #[test]
    fn a_habit_that_does_not_fit_its_hours_is_refused_with_a_sentence_and_nothing_is_saved() {
        let mut store = Store::open_in_memory().unwrap();
        // Personal hours hold 3 hours a day by default.
        let e = create(&mut store, NY, now(), "Practise piano 5h a day", false).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::Invalid);
        assert!(e.to_string().contains("Practise piano"), "{e}");
        assert!(store.habits().unwrap().is_empty());
    }
}
