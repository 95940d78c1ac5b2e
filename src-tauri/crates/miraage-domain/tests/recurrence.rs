//! Expansion of recurring series across DST changes, with exclusions and all-day series.

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::recurrence::{at_local, SeriesCut, MAX_INSTANCES, MAX_STEPS};
use miraage_domain::{EventTime, Recurrence, RecurrenceId, TimeRange};

fn rec(rule: &str) -> Recurrence {
    Recurrence { rules: vec![rule.to_string()], ..Default::default() }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn local_times(instances: &[miraage_domain::Instance], zone: Tz) -> Vec<String> {
    instances
        .iter()
        .map(|i| match i.time {
            EventTime::Timed { start, .. } => start.with_timezone(&zone).format("%Y-%m-%d %H:%M %Z").to_string(),
            EventTime::AllDay { start, .. } => start.to_string(),
        })
        .collect()
}

#[test]
fn weekly_series_keeps_wall_clock_across_berlin_spring_forward() {
    let zone = Tz::Europe__Berlin;
    let start = at_local(zone, 2027, 3, 22, 9, 0);
    let master = EventTime::timed(start, start + chrono::Duration::minutes(30), zone).unwrap();
    let range = TimeRange::local_days(date("2027-03-22"), date("2027-04-06"), zone).unwrap();
    let got = rec("FREQ=WEEKLY;BYDAY=MO").expand(&master, &range, zone).unwrap();
    assert_eq!(local_times(&got, zone), ["2027-03-22 09:00 CET", "2027-03-29 09:00 CEST", "2027-04-05 09:00 CEST"]);
    // In UTC the series moves by the DST hour.
    let utc: Vec<_> = got.iter().map(|i| i.time.instants_in(zone).0.to_rfc3339()).collect();
    assert_eq!(utc[0], "2027-03-22T08:00:00+00:00");
    assert_eq!(utc[1], "2027-03-29T07:00:00+00:00");
}

#[test]
fn daily_series_keeps_wall_clock_across_new_york_fall_back() {
    let zone = Tz::America__New_York;
    let start = at_local(zone, 2026, 10, 30, 8, 30);
    let master = EventTime::timed(start, start + chrono::Duration::hours(1), zone).unwrap();
    let range = TimeRange::local_days(date("2026-10-30"), date("2026-11-03"), zone).unwrap();
    let got = rec("FREQ=DAILY;COUNT=10").expand(&master, &range, zone).unwrap();
    assert_eq!(
        local_times(&got, zone),
        ["2026-10-30 08:30 EDT", "2026-10-31 08:30 EDT", "2026-11-01 08:30 EST", "2026-11-02 08:30 EST"]
    );
    // The day of the change is 25 hours long: the instances are 25 h apart in real time.
    let (a, _) = got[1].time.instants_in(zone);
    let (b, _) = got[2].time.instants_in(zone);
    assert_eq!((b - a).num_hours(), 25);
}

#[test]
fn a_series_in_one_zone_seen_from_another_shifts_only_on_the_other_zones_change() {
    // A Berlin series seen from New York: the US changes a week after Europe (2026-11-01 vs
    // 2026-10-25), so for one week the meeting is an hour earlier in New York.
    let zone = Tz::Europe__Berlin;
    let ny = Tz::America__New_York;
    let start = at_local(zone, 2026, 10, 19, 15, 0);
    let master = EventTime::timed(start, start + chrono::Duration::hours(1), zone).unwrap();
    let range = TimeRange::local_days(date("2026-10-19"), date("2026-11-03"), ny).unwrap();
    let got = rec("FREQ=WEEKLY").expand(&master, &range, ny).unwrap();
    assert_eq!(local_times(&got, ny), ["2026-10-19 09:00 EDT", "2026-10-26 10:00 EDT", "2026-11-02 09:00 EST"]);
}

#[test]
fn exdates_remove_instances_and_rdates_add_them() {
    let zone = Tz::Europe__London;
    let start = at_local(zone, 2026, 11, 2, 10, 0);
    let master = EventTime::timed(start, start + chrono::Duration::hours(1), zone).unwrap();
    let mut r = rec("FREQ=DAILY;COUNT=5");
    r.exdates.push(RecurrenceId::Instant(at_local(zone, 2026, 11, 4, 10, 0)));
    // A bare date excludes the series' time of day on that date.
    r.exdates.push(RecurrenceId::Date(date("2026-11-05")));
    r.rdates.push(RecurrenceId::Instant(at_local(zone, 2026, 11, 9, 16, 0)));
    let range = TimeRange::local_days(date("2026-11-01"), date("2026-11-15"), zone).unwrap();
    let got = r.expand(&master, &range, zone).unwrap();
    assert_eq!(
        local_times(&got, zone),
        ["2026-11-02 10:00 GMT", "2026-11-03 10:00 GMT", "2026-11-06 10:00 GMT", "2026-11-09 16:00 GMT"]
    );
}

#[test]
fn all_day_yearly_series_expands_on_dates() {
    let master = EventTime::all_day(date("2020-02-29"), date("2020-03-01")).unwrap();
    let range = TimeRange::local_days(date("2023-01-01"), date("2029-01-01"), Tz::UTC).unwrap();
    // Feb 29 exists only in leap years.
    let got = rec("FREQ=YEARLY").expand(&master, &range, Tz::UTC).unwrap();
    assert_eq!(local_times(&got, Tz::UTC), ["2024-02-29", "2028-02-29"]);
    assert_eq!(got[0].recurrence_id, RecurrenceId::Date(date("2024-02-29")));
}

#[test]
fn until_given_as_floating_time_or_date_is_read_in_the_events_zone() {
    let zone = Tz::Europe__Berlin;
    let start = at_local(zone, 2026, 11, 23, 9, 0);
    let master = EventTime::timed(start, start + chrono::Duration::hours(1), zone).unwrap();
    let range = TimeRange::local_days(date("2026-11-01"), date("2027-01-01"), zone).unwrap();
    for rule in ["FREQ=DAILY;UNTIL=20261125T090000", "FREQ=DAILY;UNTIL=20261125", "FREQ=DAILY;UNTIL=20261125T080000Z"] {
        let got = rec(rule).expand(&master, &range, zone).unwrap();
        assert_eq!(got.len(), 3, "{rule}");
    }
    let until_before_start = rec("FREQ=DAILY;UNTIL=20200101T000000Z").expand(&master, &range, zone).unwrap();
    assert_eq!(until_before_start.len(), 1, "the master's own start remains");
}

#[test]
fn last_end_bounds_finite_series_only() {
    let zone = Tz::Europe__Berlin;
    let start = at_local(zone, 2026, 11, 23, 9, 0);
    let master = EventTime::timed(start, start + chrono::Duration::hours(1), zone).unwrap();
    assert_eq!(rec("FREQ=WEEKLY").last_end(&master).unwrap(), None);
    let end = rec("FREQ=WEEKLY;COUNT=3").last_end(&master).unwrap().unwrap();
    assert_eq!(end, Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap());
}

#[test]
fn invalid_rules_are_errors_naming_the_rule() {
    let master = EventTime::all_day(date("2026-11-23"), date("2026-11-24")).unwrap();
    let err = rec("FREQ=SOMETIMES").validate(&master).unwrap_err();
    assert!(err.to_string().contains("FREQ=SOMETIMES"), "{err}");
}

#[test]
fn expanding_years_after_the_start_gives_the_same_instances_as_walking_from_it() {
    // The fast path (starting the rule set near the window) must agree with a full walk,
    // across DST changes, with intervals, weekday lists, UNTIL and exclusions.
    let cases = [
        (Tz::Europe__Berlin, "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
        (Tz::America__New_York, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"),
        (Tz::Australia__Sydney, "FREQ=DAILY;INTERVAL=3"),
        (Tz::Europe__London, "FREQ=WEEKLY;UNTIL=20290101T000000Z"),
    ];
    for (zone, rule) in cases {
        let start = at_local(zone, 2021, 3, 3, 9, 15);
        let master = EventTime::timed(start, start + chrono::Duration::minutes(45), zone).unwrap();
        let mut r = rec(rule);
        r.exdates.push(RecurrenceId::Instant(at_local(zone, 2027, 3, 30, 9, 15)));
        let windows = [("2027-03-22", "2027-04-12"), ("2026-10-19", "2026-11-09"), ("2021-03-01", "2021-03-20")];
        assert_same_as_a_walk(&r, &master, zone, "2021-03-01", &windows);
    }
    // All-day series too.
    let master = EventTime::all_day(date("2020-01-06"), date("2020-01-07")).unwrap();
    let range = TimeRange::local_days(date("2026-11-23"), date("2026-12-07"), Tz::UTC).unwrap();
    let got = rec("FREQ=WEEKLY;BYDAY=MO").expand(&master, &range, Tz::UTC).unwrap();
    assert_eq!(local_times(&got, Tz::UTC), ["2026-11-23", "2026-11-30"]);
}

#[test]
fn sub_daily_series_expand_from_near_the_window_with_the_same_instances_as_a_full_walk() {
    let cases = [
        // Walked from the start: a DST change between, or a BYxxx filter.
        (Tz::Europe__Berlin, "FREQ=HOURLY;INTERVAL=5"),
        (Tz::Europe__Berlin, "FREQ=MINUTELY;INTERVAL=45;BYHOUR=1,2,3,4"),
        (Tz::America__New_York, "FREQ=HOURLY;BYDAY=SA,SU"),
        // Started near the window.
        (Tz::UTC, "FREQ=SECONDLY;INTERVAL=3607"),
        (Tz::Asia__Tokyo, "FREQ=MINUTELY;INTERVAL=45"),
        (Tz::Asia__Kolkata, "FREQ=HOURLY;INTERVAL=5"),
    ];
    for (zone, rule) in cases {
        let start = at_local(zone, 2027, 3, 20, 0, 10);
        let master = EventTime::timed(start, start + chrono::Duration::minutes(10), zone).unwrap();
        // Across Berlin's spring forward (28th) and a quiet week.
        assert_same_as_a_walk(
            &rec(rule),
            &master,
            zone,
            "2027-03-19",
            &[("2027-03-27", "2027-03-30"), ("2027-04-03", "2027-04-05")],
        );
    }
}

/// Expanding each window must give what a walk from `walk_from` to its end gives, filtered to
/// the window: the fast path (starting the rule set near the window) agrees with a full walk.
fn assert_same_as_a_walk(r: &Recurrence, master: &EventTime, zone: Tz, walk_from: &str, windows: &[(&str, &str)]) {
    for (from, to) in windows {
        let range = TimeRange::local_days(date(from), date(to), zone).unwrap();
        let fast = r.expand_bounded(master, &range, zone).unwrap();
        let all = TimeRange::local_days(date(walk_from), date(to), zone).unwrap();
        let slow = r.expand_bounded(master, &all, zone).unwrap();
        assert_eq!(slow.cut, None, "{:?}", r.rules);
        let slow: Vec<_> = slow.instances.into_iter().filter(|i| i.time.overlaps(&range, zone)).collect();
        assert!(!slow.is_empty(), "{:?} in {zone} for {from}..{to}", r.rules);
        assert_eq!(fast.instances, slow, "{:?} in {zone} for {from}..{to}", r.rules);
    }
}

#[test]
fn a_secondly_series_from_1997_answers_a_week_of_2025_near_the_window_and_says_it_was_cut() {
    let start = Utc.with_ymd_and_hms(1997, 1, 1, 0, 0, 0).unwrap();
    let master = EventTime::timed(start, start + chrono::Duration::seconds(1), Tz::UTC).unwrap();
    let range = TimeRange::local_days(date("2025-06-02"), date("2025-06-09"), Tz::UTC).unwrap();
    let got = rec("FREQ=SECONDLY").expand_bounded(&master, &range, Tz::UTC).unwrap();
    assert_eq!(got.instances.len(), MAX_INSTANCES);
    assert_eq!(got.instances[0].recurrence_id, RecurrenceId::Instant(range.start));
    assert_eq!(got.cut, Some(SeriesCut::TooMany { shown: MAX_INSTANCES }));
    assert_eq!(got.cut.unwrap().to_string(), format!("series too dense, showing the first {MAX_INSTANCES}"));
    // Started near the window: the work is the window's instances, not 28 years of seconds.
    assert!(got.steps <= MAX_INSTANCES + 4 * 3600, "{} steps", got.steps);
}

#[test]
fn a_dense_series_that_cannot_start_near_the_window_stops_at_the_work_limit_and_says_so() {
    // COUNT counts from the real start, so the walk cannot skip ahead.
    let start = Utc.with_ymd_and_hms(1997, 1, 1, 0, 0, 0).unwrap();
    let master = EventTime::timed(start, start, Tz::UTC).unwrap();
    let range = TimeRange::local_days(date("2025-06-02"), date("2025-06-03"), Tz::UTC).unwrap();
    let got = rec("FREQ=MINUTELY;COUNT=100000000").expand_bounded(&master, &range, Tz::UTC).unwrap();
    assert!(got.instances.is_empty());
    assert_eq!(got.steps, MAX_STEPS);
    assert_eq!(got.cut, Some(SeriesCut::TooMuchWork { steps: MAX_STEPS }));
    assert!(got.cut.unwrap().to_string().starts_with("series too dense"), "{}", got.cut.unwrap());
    // The plain expansion answers the same instances.
    assert!(rec("FREQ=MINUTELY;COUNT=100000000").expand(&master, &range, Tz::UTC).unwrap().is_empty());
}

#[test]
fn a_rule_with_non_ascii_text_is_an_error_not_a_panic() {
    // Found by tests/never_panics.rs: the rrule crate slices BYDAY values by bytes.
    let master = EventTime::all_day(date("2026-11-23"), date("2026-11-24")).unwrap();
    let err = rec("FREQ=WEEKLY;BYDAY=\u{fffd}O").validate(&master).unwrap_err();
    assert!(err.to_string().contains("BYDAY"), "{err}");
}
