//! The analytics view (issue 17): its one pass over the history against the history read
//! block by block (on a generated history of six weeks, every period's totals, every project
//! and tag, and the work pattern come out the same), and habits against their targets with
//! their streaks; the work pattern's preference used for planning.

use chrono::{DateTime, Datelike, Duration, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use miraage_domain::time::local_midnight;
use miraage_domain::TimeOfDay;
use miraage_domain::{
    BlockState, Habit, HabitBlock, HabitPeriod, HabitPlace, PlanBlock, PlanBlockId, Task, WeekWindows,
};
use miraage_scheduling::load_settings;
use miraage_services::history::analytics::{analytics, Period};
use miraage_services::history::prefer;
use miraage_services::{undo, ErrorCode};
use miraage_store::{HistoryRecord, Outcome, Store};
use std::collections::BTreeMap;

const ZONE: Tz = chrono_tz::Europe::Berlin;

/// Wednesday 2026-11-25 18:00 in Berlin: the last of the six weeks is under way.
fn now() -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, 25, 18, 0, 0).unwrap().with_timezone(&Utc)
}

/// Twelve tasks over three projects and four tags, four blocks a day for six weeks, three of
/// them in the morning (hours after midnight, so an hour earlier by the clock in summer time:
/// the weeks cross its end), each with an outcome except the last days' blocks, which wait
/// for the review or are to come.
fn history(dir: &tempfile::TempDir) -> Store {
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let list = store.local_defaults().unwrap().task_list;
    let tasks: Vec<Task> = (0..12)
        .map(|i| {
            let mut t = Task::new(list.clone(), format!("Task {i}"));
            t.estimate_min = Some(60);
            t.project = (i % 4 != 3).then(|| ["book", "ops", "study"][i % 3].to_string());
            t.tags = [["deep"], ["writing"], ["email"], ["deep"]][i % 4].iter().map(|s| s.to_string()).collect();
            store.save_task(&t).unwrap();
            t
        })
        .collect();
    let first = local_midnight(now().with_timezone(&ZONE).date_naive() - Duration::days(42), ZONE);
    let blocks: Vec<PlanBlock> = (0..42 * 4)
        .map(|i| {
            let start = first + Duration::days(i / 4) + Duration::hours([7, 9, 10, 20][i as usize % 4]);
            PlanBlock {
                id: PlanBlockId::new(),
                task_id: tasks[i as usize % 12].id.clone(),
                start,
                end: start + Duration::minutes(30 + (i % 3) * 15),
                state: BlockState::Proposed,
                event_id: None,
            }
        })
        .collect();
    store.replace_proposed_blocks(&blocks).unwrap();
    for (i, b) in blocks.iter().enumerate() {
        store.set_block_state(&b.id, BlockState::Accepted, None).unwrap();
        let (outcome, minutes) = match i % 7 {
            0 => (Outcome::Missed, None),
            1 => (Outcome::Skipped, None),
            2 => (Outcome::Partly, Some(10)),
            3 => (Outcome::Done, None),
            _ => (Outcome::Done, Some(20 + i as u32 % 50)),
        };
        if b.end < now() - Duration::days(2) {
            store.record_outcome(&b.id, outcome, minutes, now()).unwrap();
        }
    }
    store
}

/// What a period holds, summed block by block as read for the export.
#[derive(Debug, Default, PartialEq)]
struct Sums {
    planned: u32,
    done: u32,
    skipped: u32,
    missed: u32,
    open: u32,
    keys: BTreeMap<String, (u32, u32)>,
}

fn sums(records: &[HistoryRecord]) -> Sums {
    let mut s = Sums::default();
    for r in records {
        let planned = r.planned_min();
        let done = match r.outcome {
            Some(Outcome::Done | Outcome::Partly) => r.actual_min.unwrap_or(0),
            _ => 0,
        };
        s.planned += planned;
        s.done += done;
        match r.outcome {
            Some(Outcome::Skipped) => s.skipped += planned,
            Some(Outcome::Missed) => s.missed += planned,
            None => s.open += planned,
            _ => {}
        }
        let project = format!("+{}", r.task.project.as_deref().unwrap_or("(none)"));
        for key in std::iter::once(project).chain(r.task.tags.iter().map(|t| format!("#{t}"))) {
            let e = s.keys.entry(key).or_default();
            e.0 += planned;
            e.1 += done;
        }
    }
    s
}

#[test]
fn analytics_in_one_pass_match_the_history_read_block_by_block() {
    let dir = tempfile::tempdir().unwrap();
    let store = history(&dir);
    for (period, count) in [(Period::Week, 7), (Period::Month, 3)] {
        let view = analytics(&store, ZONE, now(), period, count).unwrap();
        assert_eq!(view.rows.len(), count as usize);
        let mut seen = 0;
        for row in &view.rows {
            let day = |s: &str| local_midnight(s.parse().unwrap(), ZONE);
            let records = store.history_records(day(&row.from), day(&row.to)).unwrap();
            seen += records.len();
            let expected = sums(&records);
            let keys: BTreeMap<String, (u32, u32)> = view
                .by_key
                .iter()
                .filter(|k| k.period == row.label)
                .map(|k| (k.key.clone(), (k.planned_min, k.done_min)))
                .collect();
            let got = Sums {
                planned: row.planned_min,
                done: row.done_min,
                skipped: row.skipped_min,
                missed: row.missed_min,
                open: row.open_min,
                keys,
            };
            assert_eq!(got, expected, "{} ({period:?})", row.label);
        }
        assert_eq!(seen, 42 * 4, "every block in some period ({period:?})");
        assert!(view.rows.iter().any(|r| r.open_min > 0) && view.rows.iter().any(|r| r.missed_min > 0));

        // The pattern: done minutes by local hour and weekday, summer time or not.
        let all = store.history_records(now() - Duration::days(60), now() + Duration::days(1)).unwrap();
        let (mut by_hour, mut by_weekday) = (vec![0u32; 24], vec![0u32; 7]);
        for r in all.iter().filter(|r| matches!(r.outcome, Some(Outcome::Done | Outcome::Partly))) {
            let local = r.start.with_timezone(&ZONE);
            by_hour[local.hour() as usize] += r.actual_min.unwrap_or(0);
            by_weekday[local.weekday().num_days_from_monday() as usize] += r.actual_min.unwrap_or(0);
        }
        assert_eq!((&view.pattern.by_hour, &view.pattern.by_weekday), (&by_hour, &by_weekday), "{period:?}");
    }
}

#[test]
fn the_work_pattern_offers_the_part_of_the_day_most_work_gets_done_with_its_busiest_tag() {
    let dir = tempfile::tempdir().unwrap();
    let store = history(&dir);
    let view = analytics(&store, ZONE, now(), Period::Week, 7).unwrap();
    let preference = view.pattern.preference.expect("a preference after six weeks");
    assert!(preference.starts_with("You get most done in the mornings ("), "{preference}");
    assert!(preference.contains(": prefer ") && preference.ends_with("?"), "{preference}");
    assert!(preference.contains("for #deep"), "#deep has the most done minutes: {preference}");
}

#[test]
fn using_the_work_patterns_preference_saves_it_for_planning_and_is_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = history(&dir);
    let offered = analytics(&store, ZONE, now(), Period::Week, 7).unwrap().pattern.suggestion.expect("one to use");
    assert_eq!((offered.tag.as_str(), offered.part, offered.used), ("deep", TimeOfDay::Morning, false));

    let said = prefer(&mut store, "#Deep", Some(offered.part)).unwrap();
    assert_eq!(
        said,
        "Tasks tagged #deep are planned in the mornings when the mornings before their due date hold them."
    );
    let parts = load_settings(&store).unwrap().preferred_parts;
    assert_eq!(parts, BTreeMap::from([("deep".to_string(), TimeOfDay::Morning)]));
    assert!(analytics(&store, ZONE, now(), Period::Week, 7).unwrap().pattern.suggestion.unwrap().used);

    let undone = undo::undo(&mut store).unwrap();
    assert!(undone.message.contains("preferred mornings for #deep"), "{}", undone.message);
    assert!(load_settings(&store).unwrap().preferred_parts.is_empty());
    undo::redo(&mut store).unwrap();

    let removed = prefer(&mut store, "deep", None).unwrap();
    assert_eq!(removed, "Tasks tagged #deep are planned in any part of their hours again.");
    assert!(load_settings(&store).unwrap().preferred_parts.is_empty());
}

#[test]
fn a_preference_for_no_tag_or_one_not_set_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = history(&dir);
    let empty = prefer(&mut store, " # ", Some(TimeOfDay::Evening)).unwrap_err();
    assert_eq!(empty.code(), ErrorCode::Invalid);
    assert!(empty.to_string().contains("Name a tag"), "{empty}");
    prefer(&mut store, "deep", Some(TimeOfDay::Morning)).unwrap();
    let none = prefer(&mut store, "writing", None).unwrap_err();
    assert!(none.to_string().contains("No part of the day is preferred for #writing (only for #deep)"), "{none}");
    assert_eq!(load_settings(&store).unwrap().preferred_parts.len(), 1);
}

/// "Study Spanish", 2 h a week since six weeks ago, with one accepted session of `minutes[w]`
/// on the Tuesday evening of each of the last weeks (oldest first; 0: none that week).
fn study_habit(store: &mut Store, minutes: &[i64]) {
    let mut study = Habit::new(
        "Study Spanish",
        120,
        HabitPeriod::Week,
        HabitPlace::Window(WeekWindows::parse(&["mon-sun 18:00-22:00"]).unwrap()),
    );
    study.created = now() - Duration::days(42);
    store.save_habit(&study).unwrap();
    let calendar = store.local_defaults().unwrap().calendar;
    // Tuesday of the week `back` weeks before this one, 18:00.
    let tuesday = |back: i64| {
        let monday = now().with_timezone(&ZONE).date_naive() - Duration::days(2 + 7 * back);
        local_midnight(monday + Duration::days(1), ZONE) + Duration::hours(18)
    };
    let weeks = minutes.len() as i64;
    for (i, &m) in minutes.iter().enumerate().filter(|(_, m)| **m > 0) {
        let start = tuesday(weeks - 1 - i as i64);
        let block = HabitBlock {
            id: PlanBlockId::new(),
            habit_id: study.id.clone(),
            period: format!("week {i}"),
            start,
            end: start + Duration::minutes(m),
            state: BlockState::Proposed,
            event_id: None,
        };
        store.replace_proposed_habit_blocks(std::slice::from_ref(&block)).unwrap();
        store.accept_habit_block(&block.id, block.start, block.end, &calendar, ZONE, &[]).unwrap();
    }
}

#[test]
fn habits_show_their_minutes_against_the_target_per_week_and_their_streak() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    // Six weeks ago none; then 2 h, 1 h (short), 2 h, 2 h 30 min, 2 h; this week 2 h (done by Tuesday).
    study_habit(&mut store, &[0, 120, 60, 120, 150, 120, 120]);
    let view = analytics(&store, ZONE, now(), Period::Week, 4).unwrap();
    let study = view.habits.iter().find(|h| h.title == "Study Spanish").expect("the habit is shown");
    assert_eq!((study.per.as_str(), study.target, study.done), ("week", 120, 120));
    assert_eq!(study.periods, vec![120, 150, 120, 120], "the last four weeks, oldest first");
    assert_eq!(study.targets, vec![120; 4]);
    assert_eq!(study.streak, 4, "this week (met) and the three before; the short week ends it");
}

#[test]
fn a_week_not_yet_met_does_not_break_the_streak_of_the_weeks_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    study_habit(&mut store, &[0, 0, 0, 0, 120, 120, 30]);
    let view = analytics(&store, ZONE, now(), Period::Week, 2).unwrap();
    let study = &view.habits[0];
    assert_eq!((study.done, study.streak), (30, 2), "this week is under way: 30 min of 2 h so far");
    assert_eq!(study.periods, vec![120, 30]);
}
