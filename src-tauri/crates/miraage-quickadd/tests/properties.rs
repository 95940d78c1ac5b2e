//! Properties over arbitrary lines: no panic, spans inside the text on char boundaries, in
//! order and not overlapping, the title is taken from the text outside the spans, and no
//! recognised part is left in the title.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_quickadd::parse;
use proptest::prelude::*;

/// Words the parser knows, glued and spaced at random with others.
fn vocabulary() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "tomorrow",
        "today",
        "at",
        "5pm",
        "9:30",
        "by",
        "due",
        "Friday",
        "next",
        "every",
        "other",
        "weekday",
        "Monday",
        "and",
        "in",
        "3",
        "days",
        "hours",
        "20",
        "minutes",
        "for",
        "10",
        "until",
        "March",
        "31",
        "31st",
        "!1",
        "!!",
        "!",
        "p2",
        "urgent",
        "Urgent:",
        "daily",
        "#work",
        "+proj",
        "@home",
        "C#",
        "#1",
        "10-11am",
        "1h30m",
        "half",
        "an",
        "hour",
        "noon",
        "midnight",
        "tonight",
        "PST",
        "GMT+2",
        "(",
        ")",
        ",",
        "-",
        "2025-03-31",
        "3/7",
        "the",
        "of",
        "month",
        "last",
        "first",
        "this",
        "weekend",
        "week",
        "🎉",
        "مرحبا",
        "שלום",
        "e\u{301}",
        "\u{200f}",
        "",
        " ",
        "0",
        "25:00",
        "Feb",
        "30",
        "every 0 days",
        "a",
        "m",
        "h",
        ".",
        ":",
        "/",
        "’",
        "o'clock",
        "am",
        "p.m.",
        "within",
        "deadline",
        "before",
        "from",
        "to",
    ]);
    prop::collection::vec((words, prop::bool::ANY), 0..24).prop_map(|parts| {
        let mut s = String::new();
        for (w, glue) in parts {
            if !glue {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    })
}

fn check(text: &str, now: DateTime<Utc>, tz: Tz) -> Result<(), TestCaseError> {
    let parsed = parse(text, now, tz);
    let mut prev_end = 0;
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let mut outside = String::new();
    for s in &parsed.spans {
        prop_assert!(s.bytes.start < s.bytes.end && s.bytes.end <= text.len(), "{s:?} in {text:?}");
        prop_assert!(text.is_char_boundary(s.bytes.start) && text.is_char_boundary(s.bytes.end));
        prop_assert!(s.bytes.start >= prev_end, "overlap at {s:?} in {text:?}");
        prop_assert!(s.utf16.end <= utf16.len());
        prop_assert_eq!(String::from_utf16(&utf16[s.utf16.clone()]).unwrap(), &text[s.bytes.clone()]);
        outside.push_str(&text[prev_end..s.bytes.start]);
        outside.push(' ');
        prev_end = s.bytes.end;
    }
    outside.push_str(&text[prev_end..]);
    // The title is the text outside the spans with characters (spaces, dangling marks)
    // only taken away, never added.
    let mut rest = outside.chars().filter(|c| !c.is_whitespace());
    for c in parsed.title.chars().filter(|c| !c.is_whitespace()) {
        prop_assert!(
            rest.any(|r| r == c),
            "title {:?} is not taken from the text outside the spans of {text:?}: {parsed:#?}",
            parsed.title
        );
    }
    // A recognised part is not left in the title: its text occurs there no more often than
    // outside the spans.
    let collapsed = outside.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in &parsed.spans {
        let part = text[s.bytes.clone()].trim();
        if !part.is_empty() {
            prop_assert!(
                parsed.title.matches(part).count() <= collapsed.matches(part).count(),
                "{part:?} left in the title of {text:?}: {parsed:#?}"
            );
        }
    }
    if parsed.spans.is_empty() {
        prop_assert_eq!(
            parsed.title.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }
    Ok(())
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 6, 14, 15, 0).unwrap()
}

/// `PROPTEST_CASES` when set (`tests/fuzz/run.sh` runs many more), else 2000.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        check(&text, now(), chrono_tz::America::New_York)?;
    }

    #[test]
    fn known_words_in_any_order_never_panic(text in vocabulary(), secs in 0i64..4_000_000_000, zone in 0usize..4) {
        let tz = [chrono_tz::America::New_York, chrono_tz::Europe::Berlin, chrono_tz::Australia::Lord_Howe, chrono_tz::UTC][zone];
        let now = Utc.timestamp_opt(secs, 0).unwrap();
        check(&text, now, tz)?;
    }

    #[test]
    fn extreme_instants_never_panic(text in vocabulary(), year in prop::sample::select(vec![-262_000i32, 1, 9999, 262_000])) {
        let Some(now) = Utc.with_ymd_and_hms(year, 12, 31, 23, 59, 59).single() else { return Ok(()) };
        let _ = parse(&text, now, chrono_tz::Pacific::Kiritimati);
    }
}
