//! From recognised phrases to the result: which dates and times belong together, which is
//! the start and which the deadline, the first occurrence of a recurrence, the title.
//!
//! A phrase that conflicts with one already taken (a second date for the start, a second
//! priority) is not used: it stays in the title, as typed.

use crate::grammar::{Clock, ClockKind, Item, ItemKind};
use crate::lang::{FreqWord, Unit};
use crate::lex::{Sigil, Tok, TokKind};
use crate::time::{add_days, at, Zone};
use crate::types::{Freq, Parsed, Priority, Recurrence, RecurrenceEnd, Span, SpanKind, When};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use std::num::NonZeroU32;

/// The days searched for a recurrence's first occurrence (eight years: every rule the
/// parser makes has one within that).
const SEARCH_DAYS: i64 = 366 * 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Start,
    Due,
}

/// Dates and times that stand together ("tomorrow at 5pm", "by Friday 5pm").
#[derive(Debug, Clone, Default)]
struct Group {
    items: Vec<usize>,
    due: bool,
    date: Option<NaiveDate>,
    clock: Option<Clock>,
    range: Option<u32>,
    instant: Option<DateTime<Utc>>,
}

struct State<'a> {
    toks: &'a [Tok],
    items: &'a [Item],
    accepted: Vec<bool>,
    /// The role of each accepted date or time.
    role: Vec<Option<Role>>,
}

fn is_temporal(k: &ItemKind) -> bool {
    matches!(k, ItemKind::Date { .. } | ItemKind::Time(_) | ItemKind::Range { .. } | ItemKind::Instant(_))
}

impl State<'_> {
    /// Items `a` then `b` touch: only commas between them.
    fn adjacent(&self, a: usize, b: usize) -> bool {
        let (end, start) = (self.items[a].last, self.items[b].first);
        start >= end && self.toks[end..start].iter().all(|t| t.kind == TokKind::Punct(','))
    }

    /// Reads one group, taking its compatible items.
    fn evaluate(&mut self, members: &[usize]) -> Group {
        let mut g =
            Group { items: members.to_vec(), due: members.iter().any(|&k| self.items[k].due), ..Group::default() };
        if let Some(&first) = members.first() {
            if let ItemKind::Instant(t) = self.items[first].kind {
                g.instant = Some(t);
                self.accepted[first] = true;
                return g;
            }
        }
        let strong =
            members.iter().copied().find(|&k| matches!(self.items[k].kind, ItemKind::Date { weak: false, .. }));
        let mut part: Option<Clock> = None;
        for &k in members {
            let take = match self.items[k].kind {
                ItemKind::Date { date, weak } => {
                    if Some(k) == strong || (strong.is_none() && g.date.is_none()) {
                        g.date = Some(date);
                        true
                    } else {
                        // A weekday beside an explicit date says the same day.
                        weak && strong.is_some()
                    }
                }
                ItemKind::Time(c) if matches!(c.kind, ClockKind::Part { .. }) => {
                    part.is_none() && {
                        part = Some(c);
                        true
                    }
                }
                ItemKind::Time(c) => {
                    g.clock.is_none() && {
                        g.clock = Some(c);
                        true
                    }
                }
                ItemKind::Range { start, minutes } => {
                    g.clock.is_none() && {
                        g.clock = Some(start);
                        g.range = Some(minutes);
                        true
                    }
                }
                _ => false,
            };
            self.accepted[k] = take;
        }
        if let Some(p) = part {
            g.clock = Some(match (g.clock, p.kind) {
                (Some(c), ClockKind::Part { today, pm, .. }) => {
                    // "7 in the morning", "this afternoon at 3"
                    let c = pm.map_or(c, |pm| c.with_half(pm));
                    if today && g.date.is_none() {
                        Clock { kind: ClockKind::Part { today, pm: None, part: None }, ..c }
                    } else {
                        c
                    }
                }
                _ => p,
            });
        }
        g
    }

    fn reject(&mut self, g: &Group) {
        for &k in &g.items {
            self.accepted[k] = false;
        }
    }
}

/// Resolves a group that is not a recurrence's occurrence.
fn resolve(g: &Group, today: NaiveDate, now: DateTime<Utc>, tz: Tz) -> Option<When> {
    if let Some(t) = g.instant {
        return Some(When::At(t.with_timezone(&tz)));
    }
    let Some(c) = g.clock else {
        return g.date.map(When::Date);
    };
    let zone = c.zone.unwrap_or(Zone::Tz(tz));
    let t = match (c.kind, g.date) {
        (ClockKind::Midnight, date) => at(add_days(date.unwrap_or_else(|| zone.date_of(now)), 1)?, (0, 0, 0), zone)?,
        (_, Some(d)) => at(d, c.hms(), zone)?,
        (ClockKind::Part { today: true, .. }, None) => at(zone.date_of(now), c.hms(), zone)?,
        (_, None) => {
            // Today if still ahead, otherwise tomorrow.
            let base = if c.zone.is_some() { zone.date_of(now) } else { today };
            let t = at(base, c.hms(), zone)?;
            if t >= now {
                t
            } else {
                at(add_days(base, 1)?, c.hms(), zone)?
            }
        }
    };
    Some(When::At(t.with_timezone(&tz)))
}

/// Whether `d` is a day the rule repeats on (for rules without BYDAY/BYMONTHDAY every day
/// is: their start fixes the weekday or day of the month).
fn matches(rule: &Recurrence, d: NaiveDate) -> bool {
    if let Some(day) = rule.by_month_day {
        return d.day() == u32::from(day);
    }
    if rule.by_day.is_empty() {
        return true;
    }
    rule.by_day.iter().any(|b| {
        b.weekday == d.weekday()
            && match b.nth {
                None => true,
                Some(n) if n > 0 => (d.day() - 1) / 7 + 1 == n.unsigned_abs().into(),
                Some(_) => add_days(d, 7).is_none_or(|w| w.month() != d.month()),
            }
    })
}

/// The first occurrence at or after `now` (date-only: on or after today), from `anchor` on.
fn first_occurrence(
    rule: &Recurrence,
    anchor: Option<NaiveDate>,
    clock: Option<Clock>,
    today: NaiveDate,
    now: DateTime<Utc>,
    tz: Tz,
) -> Option<When> {
    let from = anchor.map_or(today, |a| a.max(today));
    for k in 0..SEARCH_DAYS {
        let d = add_days(from, k)?;
        if !matches(rule, d) {
            continue;
        }
        match clock {
            None => return Some(When::Date(d)),
            Some(c) => {
                let zone = c.zone.unwrap_or(Zone::Tz(tz));
                let t = at(d, c.hms(), zone)?;
                if t >= now {
                    return Some(When::At(t.with_timezone(&tz)));
                }
            }
        }
    }
    None
}

/// COUNT for "for N <unit>" after a rule: N for days (the contract's "for 10 days"), the
/// occurrences in N periods when the unit is the rule's own.
fn count_for(rule: &Recurrence, n: u32, unit: Option<Unit>) -> Option<u32> {
    let per_period = |periods: u32| {
        let periods = periods.div_ceil(rule.interval.get());
        let per = if rule.freq == Freq::Weekly { rule.by_day.len().max(1) as u32 } else { 1 };
        periods.checked_mul(per)
    };
    match (unit, rule.freq) {
        (None | Some(Unit::Day), _) => Some(n),
        (Some(Unit::Week), Freq::Weekly) | (Some(Unit::Month), Freq::Monthly) | (Some(Unit::Year), Freq::Yearly) => {
            per_period(n)
        }
        (Some(Unit::Week), Freq::Daily) => n.checked_mul(7).map(|d| d.div_ceil(rule.interval.get())),
        _ => None,
    }
}

fn freq_of(f: FreqWord) -> Freq {
    match f {
        FreqWord::Daily => Freq::Daily,
        FreqWord::Weekly => Freq::Weekly,
        FreqWord::Monthly => Freq::Monthly,
        FreqWord::Yearly => Freq::Yearly,
    }
}

/// Tokens that make the title: words, numbers, tags and `!` runs not taken.
fn significant(t: &Tok) -> bool {
    !matches!(t.kind, TokKind::Punct(_))
}

pub(crate) fn assemble(text: &str, toks: &[Tok], items: &[Item], now: DateTime<Utc>, tz: Tz) -> Parsed {
    let today = now.with_timezone(&tz).date_naive();
    let mut st = State { toks, items, accepted: vec![false; items.len()], role: vec![None; items.len()] };

    // Dates and times, in groups; per role the first group, completed by later ones.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut last_temporal: Option<usize> = None;
    for (k, item) in items.iter().enumerate() {
        if !is_temporal(&item.kind) {
            continue;
        }
        // A deadline word starts a new group ("tomorrow 9am due Friday"), except for a time
        // after dates alone: "tomorrow by 5pm" is one deadline.
        let joins = |g: &Vec<usize>| {
            !item.due
                || g.iter().any(|&m| items[m].due)
                || (g.iter().all(|&m| matches!(items[m].kind, ItemKind::Date { .. }))
                    && matches!(item.kind, ItemKind::Time(_) | ItemKind::Range { .. }))
        };
        match (groups.last_mut(), last_temporal) {
            (Some(g), Some(prev)) if st.adjacent(prev, k) && joins(g) => g.push(k),
            _ => groups.push(vec![k]),
        }
        last_temporal = Some(k);
    }
    let mut start: Option<Group> = None;
    let mut due: Option<Group> = None;
    for members in &groups {
        let g = st.evaluate(members);
        let role = if g.due { Role::Due } else { Role::Start };
        let slot = if role == Role::Due { &mut due } else { &mut start };
        match slot {
            None => {
                for &k in &g.items {
                    st.role[k] = Some(role);
                }
                *slot = Some(g);
            }
            Some(base) => {
                let fits = base.instant.is_none()
                    && g.instant.is_none()
                    && (base.date.is_none() || g.date.is_none())
                    && (base.clock.is_none() || g.clock.is_none());
                if fits {
                    base.date = base.date.or(g.date);
                    if base.clock.is_none() {
                        base.clock = g.clock;
                        base.range = g.range;
                    }
                    for &k in &g.items {
                        st.role[k] = Some(role);
                    }
                } else {
                    st.reject(&g);
                }
            }
        }
    }

    let mut rule: Option<Recurrence> = None;
    let mut rule_clock: Option<Clock> = None;
    let mut per_period = false;
    let mut duration: Option<u32> = None;
    let mut priority: Option<Priority> = None;
    let mut tags: Vec<(usize, String)> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        match &item.kind {
            ItemKind::Recur { rule: r, clock, per_period: quota } if rule.is_none() => {
                rule = Some(r.clone());
                rule_clock = *clock;
                per_period = *quota;
                st.accepted[k] = true;
            }
            ItemKind::Duration(m) if duration.is_none() => {
                duration = Some(*m);
                st.accepted[k] = true;
            }
            ItemKind::Priority(p) if priority.is_none() => {
                priority = Some(*p);
                st.accepted[k] = true;
            }
            ItemKind::Tag(_, name) => {
                tags.push((k, name.clone()));
                st.accepted[k] = true;
            }
            _ => {}
        }
    }

    // "urgent" and "daily" count at the start or the end of the line: only taken parts
    // (and a recurrence's end, which needs the recurrence they may make) before or after.
    let mut covered = vec![false; toks.len()];
    for (k, item) in items.iter().enumerate() {
        if st.accepted[k] || matches!(item.kind, ItemKind::Until(_) | ItemKind::Count { .. }) {
            covered[item.first..item.last].iter_mut().for_each(|c| *c = true);
        }
    }
    let edge: Vec<usize> =
        (0..items.len()).filter(|&k| matches!(items[k].kind, ItemKind::Urgent | ItemKind::Freq(_))).collect();
    let take_edge = |k: usize, st: &mut State<'_>, rule: &mut Option<Recurrence>, priority: &mut Option<Priority>| {
        let ok = match items[k].kind {
            ItemKind::Urgent => {
                let ok = priority.is_none_or(|p| p == Priority::P1);
                if ok {
                    *priority = Some(Priority::P1);
                }
                ok
            }
            ItemKind::Freq(f) => {
                let ok = rule.is_none();
                if ok {
                    *rule = Some(Recurrence::new(freq_of(f)));
                }
                ok
            }
            _ => false,
        };
        st.accepted[k] = ok;
        ok
    };
    let mut t = 0;
    let mut e = 0;
    let mut taken_from_left = 0;
    while t < toks.len() {
        if e < edge.len() && items[edge[e]].first == t {
            if !take_edge(edge[e], &mut st, &mut rule, &mut priority) {
                break;
            }
            t = items[edge[e]].last;
            e += 1;
            taken_from_left = e;
            continue;
        }
        if !covered[t] && significant(&toks[t]) {
            break;
        }
        t += 1;
    }
    let mut t = toks.len();
    let mut e = edge.len();
    while t > 0 && e > taken_from_left {
        if items[edge[e - 1]].last == t {
            if !take_edge(edge[e - 1], &mut st, &mut rule, &mut priority) {
                break;
            }
            t = items[edge[e - 1]].first;
            e -= 1;
            continue;
        }
        if !covered[t - 1] && significant(&toks[t - 1]) {
            break;
        }
        t -= 1;
    }

    // A recurrence's end.
    for (k, item) in items.iter().enumerate() {
        let Some(r) = rule.as_mut() else { break };
        if r.end.is_some() {
            break;
        }
        let end = match item.kind {
            ItemKind::Until(d) => Some(RecurrenceEnd::Until(d)),
            ItemKind::Count { n, unit } => count_for(r, n, unit).and_then(NonZeroU32::new).map(RecurrenceEnd::Count),
            _ => None,
        };
        if end.is_some() {
            r.end = end;
            st.accepted[k] = true;
        }
    }

    // Start and due.
    let range = start.as_ref().and_then(|g| g.range).or(due.as_ref().and_then(|g| g.range));
    let mut start_clock = start.as_ref().filter(|g| g.instant.is_none()).and_then(|g| g.clock);
    let (start_when, due_when) = match &rule {
        Some(r) => {
            let occurrence_is_due = start.is_none() && due.is_some();
            let g = if occurrence_is_due { due.as_ref() } else { start.as_ref() };
            let occurrence = match g.and_then(|g| g.instant) {
                Some(t) => Some(When::At(t.with_timezone(&tz))),
                None => {
                    let clock = g.and_then(|g| g.clock).or(rule_clock);
                    if !occurrence_is_due {
                        start_clock = clock;
                    }
                    first_occurrence(r, g.and_then(|g| g.date), clock, today, now, tz)
                }
            };
            if occurrence_is_due {
                (None, occurrence)
            } else {
                (occurrence, due.as_ref().and_then(|g| resolve(g, today, now, tz)))
            }
        }
        None => (
            start.as_ref().and_then(|g| resolve(g, today, now, tz)),
            due.as_ref().and_then(|g| resolve(g, today, now, tz)),
        ),
    };
    let per_period = rule.as_ref().filter(|_| per_period).map(|r| r.freq);
    let day_part = match (start_when, start_clock.map(|c| c.kind)) {
        (Some(When::At(_)), Some(ClockKind::Part { part, .. })) => part,
        _ => None,
    };
    // A group that names no valid time (it cannot happen with the grammar's checks, but a
    // value is never invented) gives its text back to the title.
    if start_when.is_none() {
        if let Some(g) = &start {
            st.reject(g);
        }
    }
    if due_when.is_none() {
        if let Some(g) = &due {
            st.reject(g);
        }
    }
    let duration = duration.or(range);

    // Spans and title.
    let mut spans: Vec<(SpanKind, usize, usize)> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        if !st.accepted[k] {
            continue;
        }
        let kind = match &item.kind {
            ItemKind::Date { .. } | ItemKind::Time(_) | ItemKind::Range { .. } | ItemKind::Instant(_) => {
                match st.role[k] {
                    Some(Role::Due) => SpanKind::Due,
                    _ => SpanKind::Start,
                }
            }
            ItemKind::Duration(_) => SpanKind::Duration,
            ItemKind::Priority(_) | ItemKind::Urgent => SpanKind::Priority,
            ItemKind::Recur { .. } | ItemKind::Until(_) | ItemKind::Count { .. } | ItemKind::Freq(_) => {
                SpanKind::Recurrence
            }
            ItemKind::Tag(Sigil::Hash, _) => SpanKind::Tag,
            ItemKind::Tag(Sigil::Plus, _) => SpanKind::Project,
            ItemKind::Tag(Sigil::At, _) => SpanKind::Context,
        };
        spans.push((kind, toks[item.first].start, toks[item.last - 1].end));
    }
    swallow_brackets(text, &mut spans);
    let title = title_without(text, &spans);
    let spans = with_utf16(text, &spans);

    Parsed {
        title,
        start: start_when,
        due: due_when,
        duration_min: duration.and_then(NonZeroU32::new),
        priority,
        rrule: rule,
        tags: tags.into_iter().filter(|(k, _)| st.accepted[*k]).map(|(_, name)| name).collect(),
        spans,
        day_part,
        per_period,
    }
}

/// "(5pm EST)": brackets around nothing but recognised parts go with them.
fn swallow_brackets(text: &str, spans: &mut [(SpanKind, usize, usize)]) {
    let mut a = 0;
    while a < spans.len() {
        let mut b = a;
        while b + 1 < spans.len() && text[spans[b].2..spans[b + 1].1].trim().is_empty() {
            b += 1;
        }
        let before = text[..spans[a].1].trim_end();
        let after = text[spans[b].2..].trim_start();
        for (open, close) in [('(', ')'), ('[', ']')] {
            if before.ends_with(open) && after.starts_with(close) {
                spans[a].1 = before.len() - 1;
                spans[b].2 = text.len() - after.len() + 1;
                break;
            }
        }
        a = b + 1;
    }
}

/// The text outside the spans, spaces collapsed, no space left before punctuation where a
/// part was taken out, and no separator left dangling at either end.
fn title_without(text: &str, spans: &[(SpanKind, usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let push = |segment: &str, out: &mut String, joined: bool| {
        // Only onto a word: "! !1" stays apart, or two marks would read as one ("!!").
        let after_word = out.trim_end().ends_with(|c: char| c.is_alphanumeric() || c == ')');
        if joined && after_word && segment.starts_with([',', '.', ';', ':', '!', '?', ')']) {
            while out.ends_with(' ') {
                out.pop();
            }
        }
        out.push_str(segment);
    };
    for &(_, a, b) in spans {
        push(&text[pos..a], &mut out, pos > 0);
        out.push(' ');
        pos = b;
    }
    push(&text[pos..], &mut out, pos > 0);
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    let dangling = [',', ';', ':', '-', '–', '—', '|', '/'];
    let mut title = collapsed.as_str();
    if !spans.is_empty() {
        title = title.trim_matches(|c: char| dangling.contains(&c) || c.is_whitespace());
    }
    title.to_string()
}

/// Byte spans with their UTF-16 offsets, in one pass over the text.
fn with_utf16(text: &str, spans: &[(SpanKind, usize, usize)]) -> Vec<Span> {
    let mut marks: Vec<usize> = spans.iter().flat_map(|s| [s.1, s.2]).collect();
    marks.sort_unstable();
    marks.dedup();
    let mut utf16 = Vec::with_capacity(marks.len());
    let (mut byte, mut units, mut chars) = (0, 0, text.char_indices().peekable());
    for &m in &marks {
        while byte < m {
            match chars.next() {
                Some((_, c)) => {
                    units += c.len_utf16();
                    byte += c.len_utf8();
                }
                None => break,
            }
        }
        utf16.push(units);
    }
    let at = |b: usize| marks.binary_search(&b).map_or(0, |k| utf16[k]);
    spans.iter().map(|&(kind, a, b)| Span { kind, bytes: a..b, utf16: at(a)..at(b) }).collect()
}
