use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::*;
use miraage_store::{Store, TaskFilter};

fn evenings() -> WeekWindows {
    WeekWindows::parse(&["mon-fri 18:00-22:00"]).unwrap()
}

#[test]
fn habits_and_hour_sets_round_trip_through_a_database_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("miraage.db");
    let mut store = Store::open(&path).unwrap();
    let mut study = Habit::new("Study Spanish", 300, HabitPeriod::Week, HabitPlace::Window(evenings()));
    study.session_min = 60;
    study.session_max = 90;
    study.preferred = Some(TimeOfDay::Evening);
    study.project = Some("study".into());
    study.created = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
    let mut focus = Habit::new("Focus time", 600, HabitPeriod::Week, HabitPlace::HourSet("Deep work".into()));
    focus.kind = HabitKind::Focus;
    focus.paused = true;
    focus.created = study.created + Duration::minutes(1);
    store.save_habit(&study).unwrap();
    store.save_habit(&focus).unwrap();
    let deep = HourSet { name: "Deep work".into(), windows: WeekWindows::parse(&["mon-thu 08:00-11:00"]).unwrap() };
    store.save_hour_set(&deep).unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.habits().unwrap(), vec![study.clone(), focus.clone()]);
    assert_eq!(store.hour_sets().unwrap(), vec![deep]);
    assert_eq!(store.hour_set_users("deep WORK").unwrap(), vec!["Focus time".to_string()]);

    study.minutes = 240;
    store.save_habit(&study).unwrap();
    assert_eq!(store.habits().unwrap()[0].minutes, 240);
    assert!(store.delete_hour_set("deep work").unwrap());
    assert!(store.hour_sets().unwrap().is_empty());
    assert!(store.delete_habit(&focus.id, Utc::now()).unwrap());
    assert!(!store.delete_habit(&focus.id, Utc::now()).unwrap());
    assert_eq!(store.habits().unwrap(), vec![study]);
}

#[test]
fn an_accepted_habit_block_becomes_a_busy_event_and_deleting_the_habit_removes_future_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let local = store.local_defaults().unwrap();
    let mut focus = Habit::new("Focus time", 120, HabitPeriod::Week, HabitPlace::Window(evenings()));
    focus.kind = HabitKind::Focus;
    store.save_habit(&focus).unwrap();
    let at = |h: u32| Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap();
    let block = |h: u32| HabitBlock {
        id: PlanBlockId::new(),
        habit_id: focus.id.clone(),
        period: "2026-W48".into(),
        start: at(h),
        end: at(h + 1),
        state: BlockState::Proposed,
        event_id: None,
    };
    let (past, future) = (block(8), block(18));
    store.replace_proposed_habit_blocks(&[past.clone(), future.clone()]).unwrap();
    let zone = Tz::Europe__Berlin;
    store.accept_habit_block(&past.id, past.start, past.end, &local.calendar, zone, &[]).unwrap();
    store.accept_habit_block(&future.id, future.start, future.end, &local.calendar, zone, &[]).unwrap();
    assert!(store.accept_habit_block(&future.id, future.start, future.end, &local.calendar, zone, &[]).is_err());
    let accepted = store.habit_period_blocks(&focus.id, "2026-W48").unwrap();
    assert_eq!(accepted.len(), 2);
    assert!(accepted.iter().all(|b| b.state == BlockState::Accepted));

    let range = TimeRange::new(at(0), at(23)).unwrap();
    let busy = store.busy_spans(&range).unwrap();
    assert_eq!(busy.len(), 2, "both sessions make their time busy");
    let shown = store.occurrences(&range, zone, miraage_store::CalendarScope::All).unwrap();
    let mark = shown.iter().find(|o| o.summary == "Focus time").and_then(|o| o.plan.clone()).unwrap();
    assert_eq!(mark.task_uid, format!("focus:{}", focus.id));

    store.delete_habit(&focus.id, at(12)).unwrap();
    assert!(store.habit_blocks_in_state(BlockState::Accepted).unwrap().is_empty());
    let left = store.occurrences(&range, zone, miraage_store::CalendarScope::All).unwrap();
    assert_eq!(left.len(), 1, "the session that happened stays in the calendar");
    assert_eq!(left[0].start, "2026-11-23T08:00:00Z");
    assert!(store.tasks(TaskFilter::Open).unwrap().is_empty());
}

#[test]
fn a_task_keeps_its_hour_set_until_it_is_cleared() {
    let mut store = Store::open_in_memory().unwrap();
    let local = store.local_defaults().unwrap();
    let task = Task::new(local.task_list.clone(), "Write chapter");
    store.save_task(&task).unwrap();
    store.set_task_hour_set(&task.id, Some("Deep work")).unwrap();
    assert_eq!(store.task_hour_set(&task.id).unwrap().as_deref(), Some("Deep work"));
    assert_eq!(store.hour_set_users("deep work").unwrap(), vec!["Write chapter".to_string()]);
    store.set_task_hour_set(&task.id, None).unwrap();
    assert!(store.task_hour_sets().unwrap().is_empty());
}
