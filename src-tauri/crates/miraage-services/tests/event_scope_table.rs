//! The recurring choices over a table of series (DST days in two zones, all-day, COUNT,
//! UNTIL, unbounded, monthly by day of the month; with an override and an EXDATE) at every split
//! point: what each choice must leave of the occurrences, checked by expanding the rows
//! `series` returns. Pure: no database.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{CalendarId, Event, EventKind, EventStatus, EventTime, Recurrence, RecurrenceId, TimeRange};
use miraage_services::events::series::{self, Change, Item, Scope};
use std::collections::BTreeMap;

/// Occurrences of `rows` (several items) in the window: start (UTC, or all-day midnight)
/// → title.
fn occurrences(rows: &[Event]) -> Vec<(DateTime<Utc>, String)> {
    let window = TimeRange::new(
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2029, 1, 1, 0, 0, 0).unwrap(),
    )
    .unwrap();
    let mut out = Vec::new();
    let mut by_item: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for e in rows {
        by_item.entry(&e.uid).or_default().push(e);
    }
    for events in by_item.values() {
        let overridden: Vec<RecurrenceId> = events.iter().filter_map(|e| e.recurrence_id()).collect();
        for e in events {
            match &e.kind {
                EventKind::Master { recurrence } => {
                    for i in recurrence.expand(&e.time, &window, Tz::UTC).unwrap() {
                        if !overridden.contains(&i.recurrence_id) && !recurrence.exdates.contains(&i.recurrence_id) {
                            out.push((i.time.instants_in(Tz::UTC).0, e.summary.clone()));
                        }
                    }
                }
                _ if e.status == EventStatus::Cancelled => {}
                _ => out.push((e.time.instants_in(Tz::UTC).0, e.summary.clone())),
            }
        }
    }
    out.sort();
    out
}

fn rid_of(t: DateTime<Utc>, all_day: bool) -> RecurrenceId {
    if all_day {
        RecurrenceId::Date(t.date_naive())
    } else {
        RecurrenceId::Instant(t)
    }
}

struct Case {
    name: String,
    rows: Vec<Event>,
}

fn cases() -> Vec<Case> {
    let cal = CalendarId::from_string("c");
    let timed = |zone: Tz, y, m, d, h, min| {
        let s = miraage_domain::recurrence::at_local(zone, y, m, d, h, min);
        EventTime::timed(s, s + Duration::minutes(45), zone).unwrap()
    };
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let times = [
        ("Berlin 02:30 over the spring DST change", timed(chrono_tz::Europe::Berlin, 2027, 3, 24, 2, 30), false),
        ("Berlin 09:00 over the spring DST change", timed(chrono_tz::Europe::Berlin, 2027, 3, 24, 9, 0), false),
        ("New York 09:00 over the autumn change", timed(chrono_tz::America::New_York, 2027, 10, 28, 9, 0), false),
        ("all day", EventTime::all_day(day("2027-03-24"), day("2027-03-26")).unwrap(), true),
    ];
    let mut out = Vec::new();
    for (label, time, all_day) in times {
        // Rules whose first instance is the series' start, as calendars write them.
        let first = time.instants_in(time.zone().unwrap_or(Tz::UTC)).0.with_timezone(&time.zone().unwrap_or(Tz::UTC));
        let weekday = |n: u32| {
            ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][(first.weekday().num_days_from_monday() + n) as usize % 7]
        };
        let rules = [
            "FREQ=DAILY;COUNT=10".to_string(),
            format!("FREQ=WEEKLY;BYDAY={},{};UNTIL=20271231T000000Z", weekday(0), weekday(2)),
            "FREQ=DAILY;INTERVAL=3".to_string(),
            format!("FREQ=MONTHLY;BYMONTHDAY={};COUNT=6", first.day()),
        ];
        for rule in &rules {
            let mut master = Event::created_in_miraage(cal.clone(), "Series", time);
            master.kind =
                EventKind::Master { recurrence: Recurrence { rules: vec![rule.clone()], ..Default::default() } };
            // The second instance moved by two hours and renamed, the third excluded.
            let starts: Vec<DateTime<Utc>> = occurrences(std::slice::from_ref(&master)).iter().map(|o| o.0).collect();
            let mut o = master.clone();
            let second = rid_of(starts[1], all_day);
            o.id = miraage_domain::EventId::new();
            o.kind = EventKind::Override { recurrence_id: second };
            o.summary = "Moved".into();
            o.time = match series::instance_of(&master.time, second) {
                EventTime::Timed { start, end, zone } => {
                    EventTime::Timed { start: start + Duration::hours(2), end: end + Duration::hours(2), zone }
                }
                EventTime::AllDay { start, end } => {
                    EventTime::AllDay { start: start + Duration::days(1), end: end + Duration::days(1) }
                }
            };
            if let EventKind::Master { recurrence } = &mut master.kind {
                recurrence.exdates.push(rid_of(starts[2], all_day));
            }
            out.push(Case { name: format!("{label}, {rule}"), rows: vec![master, o] });
        }
    }
    out
}

fn renamed() -> Change {
    Change { title: Some("Renamed".into()), ..Change::default() }
}

#[test]
fn every_choice_at_every_split_point_keeps_what_it_must() {
    let mut checked = 0;
    for case in cases() {
        let before = occurrences(&case.rows);
        // Original starts of the series' instances (the override's, not its moved time).
        let master = &case.rows[0];
        let recurrence = master.recurrence().unwrap();
        let window = TimeRange::new(before[0].0 - Duration::days(1), before[0].0 + Duration::days(800)).unwrap();
        let instances: Vec<RecurrenceId> = recurrence
            .expand(&master.time, &window, Tz::UTC)
            .unwrap()
            .into_iter()
            .map(|i| i.recurrence_id)
            .take(12)
            .collect();
        let moved = case.rows[1].recurrence_id().unwrap();
        let moved_start = case.rows[1].time.instants_in(Tz::UTC).0;
        for (k, &rid) in instances.iter().enumerate() {
            let at = |rid: RecurrenceId| series::instance_of(&master.time, rid).instants_in(Tz::UTC).0;
            let this_start = if rid == moved { case.rows[1].time.instants_in(Tz::UTC).0 } else { at(rid) };
            let ctx = format!("{} at instance {k} ({rid})", case.name);
            let item = || Item::new(case.rows.clone());

            // This, a new title: one occurrence renamed, every time kept.
            let out = series::edit(&item(), Some(rid), Scope::This, &renamed()).unwrap();
            let after = occurrences(&out.put);
            assert_eq!(
                after.iter().map(|o| o.0).collect::<Vec<_>>(),
                before.iter().map(|o| o.0).collect::<Vec<_>>(),
                "{ctx}"
            );
            let changed: Vec<_> = after.iter().filter(|o| o.1 == "Renamed").map(|o| o.0).collect();
            assert_eq!(changed, [this_start], "{ctx}");

            // Following, a new title: the same times; renamed from this one on, but for an
            // occurrence renamed on its own earlier (it keeps its title).
            let out = series::edit(&item(), Some(rid), Scope::Following, &renamed()).unwrap();
            let original = |t: DateTime<Utc>| if t == moved_start { at(moved) } else { t };
            let mut expected: Vec<(DateTime<Utc>, String)> = before
                .iter()
                .map(|(t, title)| {
                    let renamed = original(*t) >= at(rid) && (original(*t) == at(rid) || title != "Moved");
                    (*t, if renamed { "Renamed".to_string() } else { title.clone() })
                })
                .collect();
            expected.sort();
            assert_eq!(occurrences(&out.put), expected, "{ctx}");
            if k > 0 {
                assert_eq!(
                    out.put.iter().map(|e| e.uid.as_str()).collect::<std::collections::BTreeSet<_>>().len(),
                    2,
                    "{ctx}: a new series"
                );
            }

            // Delete this: that occurrence goes, nothing else.
            let out = series::delete(&item(), Some(rid), Scope::This).unwrap();
            let mut expected = before.clone();
            expected.retain(|o| o.0 != this_start);
            assert_eq!(occurrences(&out.put), expected, "{ctx}");

            // Delete following: what came before it stays.
            let out = series::delete(&item(), Some(rid), Scope::Following).unwrap();
            let kept: Vec<_> =
                before.iter().filter(|o| o.0 < at(rid) || (o.1 == "Moved" && at(moved) < at(rid))).cloned().collect();
            assert_eq!(occurrences(&out.put), kept, "{ctx}");

            // All, moved a day later: every occurrence a day later, the moved one too.
            let target = series::instance_of(&master.time, rid);
            let later = match target {
                EventTime::Timed { start, end, zone } => {
                    let local = start.with_timezone(&zone).naive_local() + Duration::days(1);
                    let moved = miraage_domain::time::local_to_utc(local, zone);
                    EventTime::Timed { start: moved, end: moved + (end - start), zone }
                }
                EventTime::AllDay { start, end } => {
                    EventTime::AllDay { start: start + Duration::days(1), end: end + Duration::days(1) }
                }
            };
            let change = Change { time: Some(later), ..Change::default() };
            let out = series::edit(&item(), Some(rid), Scope::All, &change).unwrap();
            let after = occurrences(&out.put);
            // An endless series may lose its last occurrence in the window to the shift.
            let bounded = case.name.contains("COUNT") || case.name.contains("UNTIL");
            let lost = before.len() - after.len().min(before.len());
            assert!(after.len() == before.len() || (!bounded && lost == 1), "{ctx}: {after:?}");
            assert!(
                after.iter().any(|o| o.1 == "Moved"),
                "{ctx}: the moved override is kept: {:#?}",
                out.put.iter().map(|e| (e.recurrence_id(), e.time, e.recurrence().cloned())).collect::<Vec<_>>()
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}
