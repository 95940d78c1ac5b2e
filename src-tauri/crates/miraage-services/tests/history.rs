//! What really happened (issue 17), over a real SQLite file at a given `now`: outcomes of
//! blocks and the re-plan of what they give back, the gentle review, the timer, naming blocks,
//! export and the analytics view.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, PlanBlock};
use miraage_services::companion::{self, BlockAction};
use miraage_services::history::analytics::{analytics, Period};
use miraage_services::history::export::{self, ExportFormat, HistoryRow};
use miraage_services::history::{self, review, timer, OutcomeInput, OutcomeKind};
use miraage_services::tasks::{self, TaskInput};
use miraage_services::{planning, ErrorCode};
use miraage_store::Store;

const ZONE: Tz = chrono_tz::Europe::Berlin;

/// Monday 2026-11-23 at `hour:minute` in Berlin.
fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, 23, hour, minute, 0).unwrap().with_timezone(&Utc)
}

struct Fixture {
    dir: tempfile::TempDir,
    store: Store,
}

/// A new database file with "Write report" (1 h, #writing, +ops) planned and accepted from
/// 08:00 on Monday; returns its accepted block.
fn planned() -> (Fixture, PlanBlock) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("miraage.db")).unwrap();
    let input = TaskInput {
        title: "Write report".into(),
        estimate_min: Some(60),
        tags: vec!["writing".into()],
        project: Some("ops".into()),
        ..TaskInput::default()
    };
    tasks::add(&mut store, input).unwrap();
    planning::plan_range(&mut store, ZONE, at(8, 0), at(8, 0), at(20, 0)).unwrap();
    planning::accept_all(&mut store, ZONE).unwrap();
    let block = accepted(&store).remove(0);
    (Fixture { dir, store }, block)
}

fn accepted(store: &Store) -> Vec<PlanBlock> {
    store.blocks_in_state(BlockState::Accepted).unwrap()
}

fn input(kind: OutcomeKind, minutes: Option<u32>) -> OutcomeInput {
    OutcomeInput { kind, minutes }
}

fn all_rows(store: &Store) -> Vec<HistoryRow> {
    export::rows(store, None).unwrap()
}

#[test]
fn a_block_marked_done_is_recorded_once_and_done_twice_says_so() {
    let (mut f, block) = planned();
    let out =
        history::record(&mut f.store, ZONE, at(11, 0), block.id.as_str(), input(OutcomeKind::Done, None)).unwrap();
    assert_eq!(out.message, "Recorded “Write report” (09:00–10:00) as done.");
    assert!(out.replan.is_none(), "nothing went back");
    let err =
        history::record(&mut f.store, ZONE, at(11, 5), block.id.as_str(), input(OutcomeKind::Done, None)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert_eq!(
        err.to_string(),
        "“Write report” (09:00–10:00) is already recorded as done (at 11:00); nothing was changed."
    );
    let rows = all_rows(&f.store);
    assert_eq!(rows.len(), 1, "one row, not two");
    assert_eq!((rows[0].outcome, rows[0].actual_min), (Some(OutcomeKind::Done), Some(60)));
    // The tray's Done on the same block is refused too.
    let err = companion::act(&mut f.store, ZONE, at(11, 6), BlockAction::Done, block.id.as_str()).unwrap_err();
    assert!(err.to_string().contains("already recorded as done"), "{err}");
    assert_eq!(all_rows(&f.store).len(), 1);
}

#[test]
fn a_partly_done_block_puts_its_remaining_minutes_back_into_the_plan_as_a_preview() {
    let (mut f, block) = planned();
    let out = history::record(&mut f.store, ZONE, at(11, 0), block.id.as_str(), input(OutcomeKind::Partly, Some(20)))
        .unwrap();
    assert_eq!(
        out.message,
        "Recorded “Write report” (09:00–10:00) as partly done: 20 min spent. Its other 40 min are back in the plan."
    );
    let replan = out.replan.expect("a re-plan preview");
    let minutes: i64 = replan
        .ghosts
        .iter()
        .filter(|g| g.task_id == block.task_id.as_str())
        .map(|g| {
            let s = DateTime::parse_from_rfc3339(&g.start).unwrap();
            (DateTime::parse_from_rfc3339(&g.end).unwrap() - s).num_minutes()
        })
        .sum();
    assert_eq!(minutes, 40, "{replan:?}");
    assert!(replan.ghosts.iter().all(|g| DateTime::parse_from_rfc3339(&g.start).unwrap() >= at(11, 0)));
    // Ghosts, not yet accepted: only the cut block is accepted.
    let kept = accepted(&f.store);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].end, block.start + Duration::minutes(20));
}

#[test]
fn a_missed_block_is_replanned_at_once_when_replans_apply_automatically() {
    let (mut f, block) = planned();
    let mut settings = planning::settings(&mut f.store).unwrap().settings;
    settings.apply_replans_automatically = true;
    planning::save_settings(&mut f.store, &settings).unwrap();
    let out =
        history::record(&mut f.store, ZONE, at(11, 0), block.id.as_str(), input(OutcomeKind::Missed, None)).unwrap();
    assert!(out.message.ends_with("Its other 1 h are back in the plan."), "{}", out.message);
    let replan = out.replan.unwrap();
    assert!(replan.ghosts.iter().all(|g| g.task_id != block.task_id.as_str()), "accepted, not left as ghosts");
    let now = accepted(&f.store);
    assert_eq!(now.len(), 1, "{now:?}");
    assert!(now[0].start >= at(11, 0) && now[0].id != block.id);
    assert_eq!((now[0].end - now[0].start).num_minutes(), 60);
}

#[test]
fn outcomes_that_do_not_fit_the_blocks_time_are_refused_and_change_nothing() {
    let (mut f, block) = planned();
    let id = block.id.as_str();
    let cases = [
        (at(8, 0), input(OutcomeKind::Done, None), "has not started yet (it starts at 09:00)"),
        (at(8, 0), input(OutcomeKind::Partly, Some(10)), "has not started yet"),
        (at(9, 30), input(OutcomeKind::Missed, None), "is not over yet (it ends at 10:00): skip it instead"),
        (at(11, 0), input(OutcomeKind::Partly, None), "Say how many minutes you spent"),
        (at(11, 0), input(OutcomeKind::Partly, Some(60)), "1 h is the whole block (1 h) or more"),
        (at(11, 0), input(OutcomeKind::Done, Some(0)), "must be between 1 and 1440"),
        (at(11, 0), input(OutcomeKind::Done, Some(2000)), "must be between 1 and 1440"),
    ];
    for (now, what, expected) in cases {
        let err = history::record(&mut f.store, ZONE, now, id, what).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Invalid);
        assert!(err.to_string().contains(expected), "{what:?}: {err}");
    }
    assert_eq!(accepted(&f.store), vec![block]);
    assert!(all_rows(&f.store)[0].outcome.is_none());
}

#[test]
fn a_skipped_block_not_started_gives_its_time_back() {
    let (mut f, block) = planned();
    let out =
        history::record(&mut f.store, ZONE, at(8, 0), block.id.as_str(), input(OutcomeKind::Skipped, None)).unwrap();
    assert!(out.message.starts_with("Recorded “Write report” (09:00–10:00) as skipped."), "{}", out.message);
    assert!(out.replan.is_some());
    assert!(accepted(&f.store).is_empty());
    assert_eq!(all_rows(&f.store)[0].outcome, Some(OutcomeKind::Skipped));
}

#[test]
fn blocks_are_named_by_id_by_title_and_time_or_by_title_alone() {
    let (mut f, block) = planned();
    let named = history::find_block(&f.store, ZONE, "write report@2026-11-23T09:00").unwrap();
    assert_eq!(named.0.id, block.id);
    assert_eq!(history::find_block(&f.store, ZONE, "Write report").unwrap().0.id, block.id);
    let err = history::find_block(&f.store, ZONE, "Write report@2026-11-23T10:00").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    let err = history::find_block(&f.store, ZONE, "Write report@tuesday").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    // Two blocks of one title: the title alone asks which.
    tasks::edit(&mut f.store, "Write report", serde_json::from_str(r#"{"estimate_min": 180}"#).unwrap()).unwrap();
    planning::plan_range(&mut f.store, ZONE, at(10, 0), at(10, 0), at(21, 0)).unwrap();
    planning::accept_all(&mut f.store, ZONE).unwrap();
    assert!(accepted(&f.store).len() > 1);
    let err = history::find_block(&f.store, ZONE, "Write report").unwrap_err();
    assert!(err.to_string().starts_with("“Write report” has "), "{err}");
    assert!(err.to_string().contains("Write report@2026-11-23T09:00"), "{err}");
}

#[test]
fn the_review_asks_once_and_closing_it_records_the_rest_as_missed() {
    let (mut f, block) = planned();
    assert!(review::review(&mut f.store, ZONE, at(9, 30)).unwrap().items.is_empty(), "not over yet");
    let first = review::review(&mut f.store, ZONE, at(11, 0)).unwrap();
    assert_eq!(first.question, "Did you do these?");
    assert_eq!(first.items.len(), 1);
    assert_eq!((first.items[0].title.as_str(), first.items[0].when.as_str()), ("Write report", "09:00–10:00"));
    // Shown again while it waits (the window's focus), but answered once it is closed.
    assert_eq!(review::review(&mut f.store, ZONE, at(11, 1)).unwrap().items.len(), 1);
    let closed = review::dismiss(&mut f.store, ZONE, at(11, 2)).unwrap();
    assert_eq!(
        closed.notes,
        vec!["Recorded “Write report” (09:00–10:00) as missed. Its other 1 h are back in the plan."]
    );
    assert!(closed.replan.is_some());
    assert!(review::review(&mut f.store, ZONE, at(12, 0)).unwrap().items.is_empty(), "never asked twice");
    assert_eq!(
        all_rows(&f.store).iter().find(|r| r.block == block.id.as_str()).unwrap().outcome,
        Some(OutcomeKind::Missed)
    );
}

#[test]
fn an_answer_in_the_review_is_kept_and_an_unanswered_block_is_missed_a_day_later() {
    let (mut f, block) = planned();
    review::review(&mut f.store, ZONE, at(11, 0)).unwrap();
    history::record(&mut f.store, ZONE, at(11, 1), block.id.as_str(), input(OutcomeKind::Partly, Some(45))).unwrap();
    let later = review::review(&mut f.store, ZONE, at(11, 0) + Duration::days(2)).unwrap();
    assert!(later.notes.is_empty(), "{later:?}");
    let row = all_rows(&f.store).into_iter().find(|r| r.block == block.id.as_str()).unwrap();
    assert_eq!((row.outcome, row.actual_min), (Some(OutcomeKind::Partly), Some(45)));

    // Another block, listed and never answered, counts as missed after a day.
    let (mut g, other) = planned();
    review::review(&mut g.store, ZONE, at(11, 0)).unwrap();
    let next_day = review::review(&mut g.store, ZONE, at(11, 0) + Duration::hours(25)).unwrap();
    assert_eq!(next_day.notes.len(), 1, "{next_day:?}");
    assert!(next_day.items.iter().all(|i| i.block != other.id.as_str()));
}

#[test]
fn the_timer_records_the_minutes_really_spent() {
    let (mut f, block) = planned();
    let id = block.id.as_str();
    assert_eq!(
        timer::start(&mut f.store, ZONE, at(9, 5), id).unwrap(),
        "Timer started on “Write report” (09:00–10:00) at 09:05."
    );
    let err = timer::start(&mut f.store, ZONE, at(9, 6), id).unwrap_err();
    assert_eq!(err.to_string(), "The timer of “Write report” (09:00–10:00) already runs (since 09:05).");
    let stop = timer::stop(&mut f.store, ZONE, at(10, 17)).unwrap();
    assert_eq!(stop.message, "Recorded “Write report” (09:00–10:00) as done: 1 h 12 min spent.");
    assert_eq!(all_rows(&f.store)[0].actual_min, Some(72));
    assert_eq!(timer::stop(&mut f.store, ZONE, at(10, 20)).unwrap_err().code(), ErrorCode::NotFound);
}

#[test]
fn the_running_timer_is_shown_with_its_block_and_minutes_so_far() {
    let (mut f, block) = planned();
    assert_eq!(timer::running(&f.store, ZONE, at(9, 0)).unwrap(), None);
    timer::start(&mut f.store, ZONE, at(9, 5), block.id.as_str()).unwrap();
    let running = timer::running(&f.store, ZONE, at(9, 30)).unwrap().expect("a timer runs");
    assert_eq!(running.text, "Timer on “Write report”: 25 min, since 09:05");
    assert_eq!((running.block.as_str(), running.minutes), (block.id.as_str(), 25));
    let event = f.store.event(block.event_id.as_ref().unwrap()).unwrap();
    assert_eq!(running.event_uid.as_deref(), Some(event.uid.as_str()), "the grid finds its block by the event");
    timer::stop(&mut f.store, ZONE, at(9, 30)).unwrap();
    assert_eq!(timer::running(&f.store, ZONE, at(9, 31)).unwrap(), None);
}

#[test]
fn the_trays_start_runs_the_blocks_timer_and_stop_records_the_minutes() {
    let (mut f, block) = planned();
    let out = companion::act(&mut f.store, ZONE, at(7, 50), BlockAction::Start, block.id.as_str()).unwrap();
    assert!(out.message.ends_with("Its timer runs: Stop timer records the minutes spent."), "{}", out.message);
    let running = timer::running(&f.store, ZONE, at(8, 10)).unwrap().expect("Start runs the timer");
    assert_eq!(running.minutes, 20);
    let stop = timer::stop(&mut f.store, ZONE, at(8, 35)).unwrap();
    assert!(stop.message.ends_with("as done: 45 min spent."), "{}", stop.message);
    assert_eq!(all_rows(&f.store)[0].actual_min, Some(45));
}

#[test]
fn the_trays_start_with_another_timer_running_leaves_that_one_and_says_so() {
    let (mut f, block) = planned();
    timer::start(&mut f.store, ZONE, at(9, 0), block.id.as_str()).unwrap();
    let input = TaskInput { title: "Email".into(), estimate_min: Some(30), ..TaskInput::default() };
    tasks::add(&mut f.store, input).unwrap();
    planning::plan_range(&mut f.store, ZONE, at(9, 10), at(9, 10), at(20, 0)).unwrap();
    planning::accept_all(&mut f.store, ZONE).unwrap();
    let other = accepted(&f.store).into_iter().find(|b| b.id != block.id).expect("Email planned");
    let out = companion::act(&mut f.store, ZONE, at(9, 10), BlockAction::Start, other.id.as_str()).unwrap();
    assert!(
        out.message.contains("The timer of “Write report” (09:00–10:00) runs since 09:00: stop it first."),
        "{}",
        out.message
    );
    assert_eq!(timer::running(&f.store, ZONE, at(9, 20)).unwrap().unwrap().block, block.id.as_str());
}

#[test]
fn a_timer_left_running_past_midnight_records_nothing_and_asks() {
    let (mut f, block) = planned();
    timer::start(&mut f.store, ZONE, at(9, 0), block.id.as_str()).unwrap();
    let stop = timer::stop(&mut f.store, ZONE, at(10, 0) + Duration::days(2)).unwrap();
    assert!(stop.recorded.is_none());
    assert_eq!(stop.suggested_min, Some(12 * 60));
    assert!(
        stop.message.starts_with("The timer of “Write report” (Mon 23 Nov 09:00–10:00) ran for more than 12 hours"),
        "{}",
        stop.message
    );
    assert_eq!(
        stop.question.as_deref(),
        Some("How long did you work on “Write report” (Mon 23 Nov 09:00–10:00)? Record it as done or partly done with the minutes.")
    );
    assert!(all_rows(&f.store)[0].outcome.is_none(), "nothing recorded");
    assert!(f.store.running_timer().unwrap().is_none(), "the timer stopped");

    // Started in the evening: capped at midnight.
    let (mut g, block) = planned();
    g.store.start_timer(&block.id, at(21, 0)).unwrap();
    let stop = timer::stop(&mut g.store, ZONE, at(23, 0) + Duration::hours(3)).unwrap();
    assert_eq!(stop.suggested_min, Some(180));
    assert!(stop.message.contains("ran past midnight"), "{}", stop.message);
}

#[test]
fn a_clock_set_back_while_the_timer_ran_records_nothing_and_asks() {
    let (mut f, block) = planned();
    timer::start(&mut f.store, ZONE, at(9, 30), block.id.as_str()).unwrap();
    let stop = timer::stop(&mut f.store, ZONE, at(9, 10)).unwrap();
    assert!(stop.recorded.is_none() && stop.suggested_min.is_none());
    assert!(stop.message.starts_with("The clock now reads earlier than when the timer"), "{}", stop.message);
    assert!(all_rows(&f.store)[0].outcome.is_none());
}

#[test]
fn a_second_timer_is_refused_naming_the_running_one() {
    let (mut f, block) = planned();
    tasks::add(&mut f.store, TaskInput { title: "Email".into(), estimate_min: Some(30), ..TaskInput::default() })
        .unwrap();
    planning::plan_range(&mut f.store, ZONE, at(10, 0), at(10, 0), at(21, 0)).unwrap();
    planning::accept_all(&mut f.store, ZONE).unwrap();
    let other = accepted(&f.store).into_iter().find(|b| b.id != block.id).unwrap();
    timer::start(&mut f.store, ZONE, at(9, 0), block.id.as_str()).unwrap();
    let err = timer::start(&mut f.store, ZONE, at(9, 1), other.id.as_str()).unwrap_err();
    assert_eq!(err.to_string(), "The timer of “Write report” (09:00–10:00) runs since 09:00: stop it first.");
}

#[test]
fn the_export_reads_back_as_csv_and_json() {
    let (mut f, block) = planned();
    history::record(&mut f.store, ZONE, at(11, 0), block.id.as_str(), input(OutcomeKind::Partly, Some(25))).unwrap();
    let rows = all_rows(&f.store);
    let json_path = f.dir.path().join("out/history.json");
    std::fs::create_dir_all(json_path.parent().unwrap()).unwrap();
    export::write_file(&json_path, &export::render(&rows, ExportFormat::Json)).unwrap();
    let back: Vec<HistoryRow> = serde_json::from_str(&std::fs::read_to_string(&json_path).unwrap()).unwrap();
    assert_eq!(back, rows);
    let csv = export::render(&rows, ExportFormat::Csv);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "block,task_uid,title,project,tags,estimate_min,planned_start,planned_end,planned_min,outcome,actual_min,recorded_at");
    assert!(
        lines[1].contains(",Write report,ops,writing,60,2026-11-23T08:00:00Z,2026-11-23T09:00:00Z,60,partly,25,"),
        "{}",
        lines[1]
    );
}

#[test]
fn an_export_to_a_path_that_cannot_be_written_says_so_and_writes_nothing() {
    let (f, _) = planned();
    let rows = all_rows(&f.store);
    let missing = f.dir.path().join("no/such/folder/history.csv");
    let err = export::write_file(&missing, &export::render(&rows, ExportFormat::Csv)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    assert!(err.to_string().starts_with(&format!("Cannot write the history to {}: ", missing.display())), "{err}");
    assert!(err.to_string().contains("nothing was written"), "{err}");
    let dir = f.dir.path().join("dir");
    std::fs::create_dir(&dir).unwrap();
    assert!(export::write_file(&dir, "x").is_err());
    // An existing file is replaced whole: on a failure the old one stays.
    let kept = f.dir.path().join("kept.csv");
    std::fs::write(&kept, "old").unwrap();
    export::write_file(&kept, "new").unwrap();
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "new");
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn analytics_shows_planned_against_done_by_week_with_projects_and_tags() {
    let (mut f, block) = planned();
    history::record(&mut f.store, ZONE, at(11, 0), block.id.as_str(), input(OutcomeKind::Partly, Some(40))).unwrap();
    let view = analytics(&f.store, ZONE, at(13, 0), Period::Week, 2).unwrap();
    assert_eq!(view.rows.len(), 2);
    let week = &view.rows[1];
    assert_eq!(
        (week.label.as_str(), week.from.as_str(), week.to.as_str()),
        ("Week of 23 Nov 2026", "2026-11-23", "2026-11-30")
    );
    assert_eq!((week.planned_min, week.done_min, week.missed_min), (60, 40, 0));
    assert_eq!(week.free_min, 5 * 510 - 40, "work hours less focus");
    let keys: Vec<(&str, u32, u32)> = view.by_key.iter().map(|k| (k.key.as_str(), k.planned_min, k.done_min)).collect();
    assert_eq!(keys, vec![("#writing", 60, 40), ("+ops", 60, 40)]);
    let months = analytics(&f.store, ZONE, at(13, 0), Period::Month, 24).unwrap();
    assert_eq!((months.rows.len(), months.rows[23].label.as_str()), (24, "Nov 2026"));
    assert_eq!(analytics(&f.store, ZONE, at(13, 0), Period::Week, 0).unwrap_err().code(), ErrorCode::Invalid);
}
