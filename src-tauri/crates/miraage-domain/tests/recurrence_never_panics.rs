//! The recurrence expander on its own, as a fuzz target that stays: rules assembled from
//! every RRULE part with extreme numbers, starts from year 1 to 9999 in odd zones, any
//! window. Checking, expanding and finding the last end must never panic and an expansion
//! must stay within its limits. `PROPTEST_CASES` sets the number of inputs (256 here;
//! `tests/fuzz/run.sh` runs many more); a crash found becomes a test beside the expander.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use miraage_domain::recurrence::{Recurrence, MAX_INSTANCES, MAX_STEPS};
use miraage_domain::{EventTime, RecurrenceId, TimeRange};
use proptest::prelude::*;

const ZONES: &[Tz] =
    &[Tz::UTC, Tz::Europe__Berlin, Tz::America__New_York, Tz::Pacific__Kiritimati, Tz::Australia__Lord_Howe];

/// One `NAME=value` part of a rule, with the values that stress an expander.
fn part() -> impl Strategy<Value = String> {
    let num = prop_oneof![Just(0i64), Just(-1), Just(1), Just(53), Just(366), Just(i64::from(u32::MAX)), -400i64..400];
    let day =
        prop::sample::select(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU", "1MO", "-1FR", "53SU", "-53MO", "XX"]);
    prop_oneof![
        prop::sample::select(vec!["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "NEVER"])
            .prop_map(|f| format!("FREQ={f}")),
        num.clone().prop_map(|n| format!("INTERVAL={n}")),
        num.clone().prop_map(|n| format!("COUNT={n}")),
        prop::sample::select(vec!["19970101T000000Z", "99991231T235959Z", "20250610", "20250610T090000", "bad"])
            .prop_map(|u| format!("UNTIL={u}")),
        prop::collection::vec(num.clone(), 1..4).prop_map(|v| format!("BYSETPOS={}", join(&v))),
        prop::collection::vec(num.clone(), 1..4).prop_map(|v| format!("BYMONTHDAY={}", join(&v))),
        prop::collection::vec(num.clone(), 1..4).prop_map(|v| format!("BYYEARDAY={}", join(&v))),
        prop::collection::vec(num.clone(), 1..4).prop_map(|v| format!("BYWEEKNO={}", join(&v))),
        prop::collection::vec(num.clone(), 1..4).prop_map(|v| format!("BYMONTH={}", join(&v))),
        prop::collection::vec(num.clone(), 1..4).prop_map(|v| format!("BYHOUR={}", join(&v))),
        prop::collection::vec(num.clone(), 1..4).prop_map(|v| format!("BYMINUTE={}", join(&v))),
        prop::collection::vec(num, 1..4).prop_map(|v| format!("BYSECOND={}", join(&v))),
        prop::collection::vec(day.clone(), 1..4).prop_map(|v| format!("BYDAY={}", v.join(","))),
        day.prop_map(|d| format!("WKST={d}")),
        "[A-Z=;,0-9-]{0,12}",
    ]
}

fn join(v: &[i64]) -> String {
    v.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

fn rule() -> impl Strategy<Value = String> {
    prop::collection::vec(part(), 0..7).prop_map(|parts| parts.join(";"))
}

/// A start in any year the calendar allows.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        Just(-62_135_596_800i64), // 0001-01-01
        Just(253_402_300_799i64), // 9999-12-31T23:59:59
        Just(852_076_800i64),     // 1997-01-01
        1_700_000_000i64..1_800_000_000,
        -62_135_596_800i64..253_402_300_799,
    ]
    .prop_map(|s| DateTime::from_timestamp(s, 0).expect("within chrono's range"))
}

fn master() -> impl Strategy<Value = EventTime> {
    let length = prop_oneof![Just(0i64), Just(3600), Just(86_400 * 400), 0i64..172_800];
    prop_oneof![
        (instant(), length.clone(), prop::sample::select(ZONES.to_vec())).prop_map(|(start, secs, zone)| {
            let end = start.checked_add_signed(Duration::seconds(secs)).unwrap_or(start);
            EventTime::Timed { start, end, zone }
        }),
        (instant(), 1i64..800).prop_map(|(start, days)| {
            let start: NaiveDate = start.date_naive();
            let end = start.checked_add_signed(Duration::days(days)).unwrap_or(start);
            EventTime::AllDay { start, end }
        }),
    ]
}

fn window() -> impl Strategy<Value = TimeRange> {
    let span = prop_oneof![Just(60i64), Just(86_400 * 7), Just(86_400 * 366), 1i64..86_400 * 40];
    (instant(), span).prop_filter_map("inside the calendar", |(start, secs)| {
        TimeRange::new(start, start.checked_add_signed(Duration::seconds(secs))?).ok()
    })
}

fn dates() -> impl Strategy<Value = Vec<RecurrenceId>> {
    prop::collection::vec(
        prop_oneof![
            instant().prop_map(RecurrenceId::Instant),
            instant().prop_map(|i| RecurrenceId::Date(i.date_naive()))
        ],
        0..3,
    )
}

/// `PROPTEST_CASES`, else 256: bounded in the test command, longer from the script.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_rule_expands_within_its_limits(
        rules in prop::collection::vec(rule(), 1..3),
        rdates in dates(),
        exdates in dates(),
        master in master(),
        range in window(),
        zone in prop::sample::select(ZONES.to_vec()),
    ) {
        let recurrence = Recurrence { rules, rdates, exdates };
        if recurrence.validate(&master).is_ok() {
            let _ = recurrence.last_end(&master);
            if let Ok(e) = recurrence.expand_bounded(&master, &range, zone) {
                prop_assert!(e.instances.len() <= MAX_INSTANCES && e.steps <= MAX_STEPS, "{:?}", e.cut);
            }
        }
    }
}
