//! Scores the parser on the shared chrono corpus (`../shared/corpus/nlp/chrono_en.jsonl`,
//! never copied here), comparing only what each text states: the components chrono marks
//! `certain` (year, month, day, weekday, hour, minute, second), in the expected value's own
//! offset, and for ranges also the end (our start plus duration). Negative cases are right
//! when we find no date, time or recurrence. Run it with
//!
//! ```sh
//! cargo test -p miraage-quickadd --test corpus -- --ignored --nocapture
//! ```
//!
//! `MIRAAGE_NLP_CORPUS=path` reads another copy; `MIRAAGE_NLP_CORPUS_MISSES=1` lists every
//! case read wrong. It prints shares and asserts nothing: the corpus follows chrono's
//! conventions, which differ from the contract's in places (see the crate README).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;
use miraage_quickadd::{parse, Parsed, When};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn corpus_path() -> PathBuf {
    match std::env::var_os("MIRAAGE_NLP_CORPUS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/corpus/nlp/chrono_en.jsonl"),
    }
}

/// "UTC", an IANA name, or a whole-hour offset like "+09:00" (as Etc/GMT-9).
fn zone(name: &str) -> Option<Tz> {
    if let Ok(tz) = name.parse::<Tz>() {
        return Some(tz);
    }
    let (sign, rest) = match name.as_bytes().first()? {
        b'+' => (-1, &name[1..]),
        b'-' => (1, &name[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    if m != "00" {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    if h == 0 {
        return Some(chrono_tz::UTC);
    }
    format!("Etc/GMT{:+}", sign * h).parse().ok()
}

/// Our value as a local date and (for timed values) a time in `offset`.
fn local(w: &When, offset: FixedOffset) -> (NaiveDate, Option<NaiveTime>) {
    match w {
        When::Date(d) => (*d, None),
        When::At(t) => {
            let l = t.with_timezone(&offset);
            (l.date_naive(), Some(l.time()))
        }
    }
}

/// Whether ours agrees with `expected` on every stated component.
fn agrees(ours: (NaiveDate, Option<NaiveTime>), expected: DateTime<FixedOffset>, certain: &[String]) -> bool {
    let (d, t) = ours;
    certain.iter().all(|c| match c.as_str() {
        "year" => d.year() == expected.year(),
        "month" => d.month() == expected.month(),
        "day" => d.day() == expected.day(),
        "weekday" => d.weekday() == expected.weekday(),
        "hour" | "meridiem" => t.is_some_and(|t| t.hour() == expected.hour()),
        "minute" => t.is_some_and(|t| t.minute() == expected.minute()),
        "second" => t.is_some_and(|t| t.second() == expected.second()),
        _ => true, // millisecond, timezoneOffset: covered by comparing in the expected offset
    })
}

#[derive(Default)]
struct Tally {
    cases: usize,
    start_right: usize,
    right: usize,
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(String::from)).collect()).unwrap_or_default()
}

/// Scores one record: (start right, all right), or None when it cannot be scored.
fn score(record: &Value) -> Option<(bool, bool, Parsed)> {
    let text = record["text"].as_str()?;
    let tz = zone(record["tz"].as_str()?)?;
    let now = DateTime::parse_from_rfc3339(record["ref"].as_str()?).ok()?.with_timezone(&Utc);
    let parsed = parse(text, now, tz);
    let expect = &record["expect"];
    if expect.is_null() {
        let right = parsed.start.is_none() && parsed.due.is_none() && parsed.rrule.is_none();
        return Some((right, right, parsed));
    }
    let start = DateTime::parse_from_rfc3339(expect["start"].as_str()?).ok()?;
    let certain = strings(&expect["certain"]);
    let Some(ours) = parsed.start.or(parsed.due) else {
        return Some((false, false, parsed));
    };
    let start_right = agrees(local(&ours, *start.offset()), start, &certain);
    let mut right = start_right;
    if let Some(end) = expect["end"].as_str() {
        let end = DateTime::parse_from_rfc3339(end).ok()?;
        let end_certain = strings(&expect["end_certain"]);
        let our_end = match (ours, parsed.duration_min) {
            (When::At(t), Some(m)) => Some(When::At(t + chrono::Duration::minutes(i64::from(m.get())))),
            _ => None,
        };
        right &= our_end.is_some_and(|e| agrees(local(&e, *end.offset()), end, &end_certain));
    }
    Some((start_right, right, parsed))
}

#[test]
#[ignore = "needs the shared corpus; run with --ignored --nocapture"]
fn chrono_corpus_share() {
    let path = corpus_path();
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("no corpus at {}", path.display());
        return;
    };
    let verbose = std::env::var_os("MIRAAGE_NLP_CORPUS_MISSES").is_some();
    let mut by_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut all, mut skipped) = (Tally::default(), 0);
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(record) = serde_json::from_str::<Value>(line) else {
            skipped += 1;
            continue;
        };
        let Some((start_right, right, parsed)) = score(&record) else {
            skipped += 1;
            continue;
        };
        let source = record["source"].as_str().unwrap_or("?");
        let file =
            source.split(':').next().unwrap_or(source).trim_start_matches("test/en/").trim_end_matches(".test.ts");
        let kind = if record["expect"].is_null() { "(negative cases)".to_string() } else { file.to_string() };
        for t in [by_kind.entry(kind).or_default(), &mut all] {
            t.cases += 1;
            t.start_right += usize::from(start_right);
            t.right += usize::from(right);
        }
        if verbose && !right {
            let ours = parsed.start.or(parsed.due).map(|w| w.to_string());
            println!(
                "MISS {:<40} {:?} @ {} {} -> ours {:?} (+{:?} min), expected {} .. {} certain {}",
                record["id"].as_str().unwrap_or(""),
                record["text"].as_str().unwrap_or(""),
                record["ref"].as_str().unwrap_or(""),
                record["tz"].as_str().unwrap_or(""),
                ours,
                parsed.duration_min,
                record["expect"]["start"],
                record["expect"]["end"],
                record["expect"]["certain"],
            );
        }
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    println!("{:<32} {:>6} {:>13} {:>13}", "source", "cases", "start right", "all right");
    for (kind, t) in &by_kind {
        println!("{kind:<32} {:>6} {:>12.1}% {:>12.1}%", t.cases, pct(t.start_right, t.cases), pct(t.right, t.cases));
    }
    println!(
        "{:<32} {:>6} {:>12.1}% {:>12.1}%   ({skipped} records not scorable)",
        "ALL",
        all.cases,
        pct(all.start_right, all.cases),
        pct(all.right, all.cases)
    );
}
