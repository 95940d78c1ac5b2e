//! A tag's preferred part of the day (the work pattern's "prefer mornings for #deep", once the
//! user chose to use it) in planning over a real store: its tasks go to that part of their
//! hours when it holds their minutes before the due date, else they are planned as before and
//! their ghosts say why; the task itself is never changed.

use chrono::{DateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use miraage_domain::{Due, Task, TimeOfDay};
use miraage_scheduling::{load_settings, preview, save_settings, GhostView, PlanPreview};
use miraage_store::Store;

const ZONE: Tz = chrono_tz::Europe::Berlin;

fn at(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, day, hour, minute, 0).unwrap().with_timezone(&Utc)
}

fn parse(s: &str) -> DateTime<Tz> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&ZONE)
}

/// An empty store whose settings prefer mornings for #deep, with `task` tagged #deep.
fn store_with(title: &str, minutes: u32, due: Option<Due>) -> (Store, Task) {
    let mut store = Store::open_in_memory().unwrap();
    let local = store.local_defaults().unwrap();
    let mut s = load_settings(&store).unwrap();
    s.preferred_parts.insert("deep".into(), TimeOfDay::Morning);
    save_settings(&mut store, &s).unwrap();
    let mut task = Task::new(local.task_list, title);
    task.estimate_min = Some(minutes);
    task.tags = vec!["Deep".into()];
    task.due = due;
    store.save_task(&task).unwrap();
    (store, task)
}

/// The week from Monday 23 Nov 2026 08:00 (to Saturday).
fn week(store: &mut Store) -> PlanPreview {
    preview(store, ZONE, at(23, 8, 0), at(23, 0, 0), at(28, 0, 0)).unwrap()
}

fn ghosts<'a>(p: &'a PlanPreview, title: &str) -> Vec<&'a GhostView> {
    p.ghosts.iter().filter(|g| g.title == title).collect()
}

fn minutes(g: &GhostView) -> i64 {
    (parse(&g.end) - parse(&g.start)).num_minutes()
}

#[test]
fn a_task_with_a_preferred_tag_is_planned_in_that_part_of_its_hours() {
    let (mut store, task) = store_with("Deep dive", 300, Some(Due::Date(at(27, 12, 0).date_naive())));
    let p = week(&mut store);
    let mine = ghosts(&p, "Deep dive");
    assert_eq!(mine.iter().map(|g| minutes(g)).sum::<i64>(), 300, "{p:?}");
    for g in &mine {
        let (s, e) = (parse(&g.start), parse(&g.end));
        assert!(s.hour() >= 9 && (e.hour(), e.minute()) <= (12, 0), "{g:?} outside the morning");
        let reason = g.reason.as_deref().unwrap_or_default();
        assert!(reason.contains("in the morning, as you prefer for #deep"), "{reason}");
    }
    assert_eq!(store.task(&task.id).unwrap(), task, "the task itself is unchanged");
}

#[test]
fn a_task_whose_mornings_before_its_due_date_are_too_short_is_planned_as_before_saying_why() {
    // Due at the end of Monday: its mornings hold 3 h (09:00-12:00), the task needs 4 h.
    let (mut store, _) = store_with("Write spec", 240, Some(Due::Date(at(23, 12, 0).date_naive())));
    let p = week(&mut store);
    let mine = ghosts(&p, "Write spec");
    assert_eq!(mine.iter().map(|g| minutes(g)).sum::<i64>(), 240, "{p:?}");
    assert!(mine.iter().any(|g| parse(&g.start).hour() >= 13), "planned in the afternoon too: {mine:?}");
    let reason = mine[0].reason.as_deref().unwrap_or_default();
    assert!(
        reason.contains("Not only in the morning (your preference for #deep)")
            && reason.contains("hold 3 h of its 4 h before its due date"),
        "{reason}"
    );
}

#[test]
fn a_task_without_the_tag_is_planned_as_before() {
    let (mut store, mut task) = store_with("Email", 300, Some(Due::Date(at(27, 12, 0).date_naive())));
    task.tags.clear();
    store.save_task(&task).unwrap();
    let p = week(&mut store);
    let mine = ghosts(&p, "Email");
    assert!(mine.iter().any(|g| parse(&g.start).hour() >= 13), "{mine:?}");
    assert!(mine.iter().all(|g| !g.reason.as_deref().unwrap_or_default().contains("prefer")), "{mine:?}");
}
