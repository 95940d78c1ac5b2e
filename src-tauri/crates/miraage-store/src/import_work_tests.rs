//! Import must do the same work per item however large the file: a search of the batch per
//! item once made 50,000 events take 6 s (issue 20). Timing would be flaky, so this counts
//! work instead, on generated files of N and 4N items: SQLite virtual-machine steps (a
//! statement per item that scans a table grows them with the table) and the batch items the
//! import code visits (a search of the batch per item grows them with the batch). Linear
//! work makes each count 4 times larger; work per item that grows with the file makes it
//! 16 times larger.

use crate::batch;
use crate::open::Store;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use miraage_ical::{parse_ics, ImportOptions, Parsed};
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

fn local(t: NaiveDateTime) -> String {
    format!("TZID=Europe/Berlin:{}", t.format("%Y%m%dT%H%M%S"))
}

fn vevent(out: &mut String, uid: &str, start: NaiveDateTime, end: NaiveDateTime, extra: &[String]) {
    let _ = write!(
        out,
        "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART;{}\r\nDTEND;{}\r\nSUMMARY:Event\r\n",
        local(start),
        local(end)
    );
    for line in extra {
        let _ = write!(out, "{line}\r\n");
    }
    out.push_str("END:VEVENT\r\n");
}

/// A calendar of `n` events in Europe/Berlin, every eighth a weekly series with an EXDATE
/// and every sixteenth with a moved instance, and `n / 10` tasks that each depend on the one
/// before. The same every run.
fn ics(n: usize) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Berlin\r\n");
    let first = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap();
    let (mut written, mut i) = (0, 0);
    while written < n {
        let day = first + Duration::days(i * 7919 % 1460);
        let start = day.and_hms_opt(8 + (i % 10) as u32, 15 * (i % 4) as u32, 0).unwrap();
        let end = start + Duration::minutes(15 + i * 31 % 76);
        let uid = format!("{i:08x}@work.test");
        let series =
            ["RRULE:FREQ=WEEKLY;COUNT=20".to_string(), format!("EXDATE;{}", local(start + Duration::weeks(2)))];
        vevent(&mut out, &uid, start, end, if i % 8 == 0 { &series } else { &[] });
        written += 1;
        if i % 16 == 0 && written < n {
            let moved = start + Duration::weeks(3) + Duration::hours(1);
            vevent(
                &mut out,
                &uid,
                moved,
                moved + (end - start),
                &[format!("RECURRENCE-ID;{}", local(start + Duration::weeks(3)))],
            );
            written += 1;
        }
        i += 1;
    }
    for t in 0..n / 10 {
        let _ = write!(out, "BEGIN:VTODO\r\nUID:task-{t}@work.test\r\nSUMMARY:Task {t}\r\nDUE;VALUE=DATE:20260301\r\n");
        if t > 0 {
            let _ = write!(out, "RELATED-TO;RELTYPE=DEPENDS-ON:task-{}@work.test\r\n", t - 1);
        }
        out.push_str("END:VTODO\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

/// Work done by one call: (SQLite VM steps, batch items visited).
fn work<T>(store: &mut Store, f: impl FnOnce(&mut Store) -> T) -> (u64, u64, T) {
    let steps = Arc::new(AtomicU64::new(0));
    let counter = steps.clone();
    store
        .conn
        .progress_handler(
            1,
            Some(move || {
                counter.fetch_add(1, Ordering::Relaxed);
                false
            }),
        )
        .unwrap();
    let visits = batch::visits();
    let out = f(store);
    store.conn.progress_handler(0, None::<fn() -> bool>).unwrap();
    (steps.load(Ordering::Relaxed), batch::visits() - visits, out)
}

/// (first import, import again) work for a file of `n` events.
fn import_work(n: usize) -> [(u64, u64); 2] {
    let mut store = Store::open_in_memory().unwrap();
    let d = store.local_defaults().unwrap();
    let opts = ImportOptions { calendar_id: d.calendar, task_list_id: d.task_list, default_zone: Tz::Europe__Berlin };
    let parsed: Parsed = parse_ics(&ics(n), "work.ics", &opts).unwrap();
    assert_eq!((parsed.events.len(), parsed.tasks.len(), parsed.skipped.len()), (n, n / 10, 0));
    let (steps, visits, outcome) = work(&mut store, |s| s.import(&parsed.events, &parsed.tasks).unwrap());
    assert_eq!(outcome.events_inserted, n);
    let first = (steps, visits);
    let (steps, visits, outcome) = work(&mut store, |s| s.import(&parsed.events, &parsed.tasks).unwrap());
    assert_eq!((outcome.events_updated, outcome.tasks_updated), (n, n / 10));
    [first, (steps, visits)]
}

#[test]
fn import_work_per_item_does_not_grow_with_the_file() {
    let n = 1_000;
    let small = import_work(n);
    let large = import_work(4 * n);
    for (pass, (s, l)) in ["import", "import again"].iter().zip(small.iter().zip(&large)) {
        for (what, s, l) in [("SQLite VM steps", s.0, l.0), ("batch items visited", s.1, l.1)] {
            let ratio = l as f64 / s as f64;
            assert!(s > 0, "{pass}: no {what} counted");
            // Linear: 4 (B-tree depth may add a little). Per-item work that grows with the
            // file: towards 16.
            assert!(ratio < 4.6, "{pass}: {what} grew {ratio:.2}x from {n} to {} events ({s} -> {l})", 4 * n);
        }
    }
}
