//! Search over event titles, locations and descriptions and task titles and notes, as the
//! user types: every word is a prefix, diacritics are folded, and what the user types is
//! never read as FTS5 syntax (quotes, `*`, `NEAR`, `-` are plain text here).

use crate::error::Result;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use miraage_domain::{Event, EventKind, EventTime, TimeRange};
use miraage_store::Store;
use serde::Serialize;
use ts_rs::TS;

/// At most this many words of a query are used.
const MAX_WORDS: usize = 16;
/// How far from now a series is looked through for its next (or last) occurrence.
const SERIES_REACH_DAYS: i64 = 3 * 366;

/// What a result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SearchKind {
    Event,
    Task,
}

/// One result: an event (a series once, at its next occurrence, else its most recent) or a
/// task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SearchResult {
    pub kind: SearchKind,
    /// An event's UID, or a task's id.
    pub id: String,
    pub title: String,
    /// Where to jump: the start of the event's next occurrence (or most recent one, when
    /// all are past) as an RFC 3339 instant, or a date for all-day events; a task's due
    /// date; null if none.
    pub when: Option<String>,
    pub all_day: bool,
    /// The original start of that occurrence of a series (as `recurrence_id` elsewhere);
    /// null for a one-off event and for tasks.
    pub recurrence_id: Option<String>,
    /// The calendar or task list's name.
    pub source: String,
    /// The matching text around the match, each match between « and ».
    pub snippet: String,
}

/// The FTS5 query for what the user typed: each word a quoted prefix, all of them required;
/// `None` when nothing searchable is left.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Events and tasks matching `text`, best first, at most `limit` (1–200); a series once.
///
/// # Errors
/// Store failures.
pub fn search(store: &Store, zone: Tz, now: DateTime<Utc>, text: &str, limit: usize) -> Result<Vec<SearchResult>> {
    let limit = limit.clamp(1, 200);
    let Some(query) = fts_query(text) else { return Ok(Vec::new()) };
    let mut ranked: Vec<(f64, SearchResult)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Rows of one series come once: over-fetch, then keep the best row of each UID.
    for hit in store.search_events(&query, limit * 4)? {
        if !seen.insert((hit.event.calendar_id.clone(), hit.event.uid.clone())) {
            continue;
        }
        let rows = store.events_of_uid(&hit.event.calendar_id, &hit.event.uid)?;
        let (time, recurrence_id) = occurrence_to_show(&hit.event, &rows, zone, now);
        ranked.push((
            hit.rank,
            SearchResult {
                kind: SearchKind::Event,
                id: hit.event.uid.clone(),
                title: hit.event.summary.clone(),
                when: Some(time_text(&time)),
                all_day: matches!(time, EventTime::AllDay { .. }),
                recurrence_id,
                source: hit.calendar,
                snippet: hit.snippet,
            },
        ));
    }
    for hit in store.search_tasks(&query, limit)? {
        ranked.push((
            hit.rank,
            SearchResult {
                kind: SearchKind::Task,
                id: hit.task.id.to_string(),
                all_day: matches!(hit.task.due, Some(miraage_domain::Due::Date(_))),
                when: hit.task.due.map(|d| d.to_string()),
                title: hit.task.title,
                recurrence_id: None,
                source: hit.list,
                snippet: hit.snippet,
            },
        ));
    }
    // bm25 ranks of the two indexes are on one scale (lower is better); ties go to what is
    // sooner.
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.when.cmp(&b.1.when)));
    Ok(ranked.into_iter().map(|(_, r)| r).take(limit).collect())
}

/// The occurrence a result jumps to: for a series, the next one from `now` (else the most
/// recent); an override or a one-off event, its own time.
fn occurrence_to_show(hit: &Event, rows: &[Event], zone: Tz, now: DateTime<Utc>) -> (EventTime, Option<String>) {
    let recurrence = match &hit.kind {
        EventKind::Master { recurrence } => recurrence,
        EventKind::Override { recurrence_id } => return (hit.time, Some(recurrence_id.to_string())),
        EventKind::Single => return (hit.time, None),
    };
    let master = hit;
    let reach = Duration::days(SERIES_REACH_DAYS);
    let expand = |from, to| {
        TimeRange::new(from, to).ok().and_then(|r| recurrence.expand(&master.time, &r, zone).ok()).unwrap_or_default()
    };
    let next = expand(now, now + reach).into_iter().next();
    let instance = next.or_else(|| expand(now - reach, now).into_iter().last());
    match instance {
        Some(i) => {
            // A moved instance shows where it was moved to.
            let moved = rows.iter().find(|e| e.recurrence_id() == Some(i.recurrence_id));
            (moved.map_or(i.time, |e| e.time), Some(i.recurrence_id.to_string()))
        }
        None => (master.time, None),
    }
}

fn time_text(t: &EventTime) -> String {
    match *t {
        EventTime::Timed { start, .. } => miraage_domain::time::format_instant(start),
        EventTime::AllDay { start, .. } => start.format("%Y-%m-%d").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn what_the_user_types_is_never_fts_syntax() {
        assert_eq!(fts_query("team sync").as_deref(), Some("\"team\"* \"sync\"*"));
        assert_eq!(
            fts_query(r#""quoted" -minus NEAR(a b) * ^x:y"#).as_deref(),
            Some("\"quoted\"* \"minus\"* \"NEAR\"* \"a\"* \"b\"* \"x\"* \"y\"*")
        );
        assert_eq!(fts_query(" * - \" ( ) "), None);
        assert_eq!(fts_query("Café").as_deref(), Some("\"Café\"*"));
    }
}
