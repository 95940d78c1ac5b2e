//! The notification rules, pure: reminder leads per calendar, coalescing, the summary of
//! what was missed while asleep, Do not disturb, quiet during focus, one notice per thing.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_scheduling::{GhostKind, GhostView, PlanPreview, RiskView};
use miraage_services::companion::notices::{self, NoticeAction};
use miraage_services::companion::{AgendaItem, CompanionSettings};
use std::collections::BTreeSet;

const ZONE: Tz = chrono_tz::Europe::Berlin;

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    ZONE.with_ymd_and_hms(2026, 11, 23, hour, minute, 0).unwrap().with_timezone(&Utc)
}

fn item(title: &str, start: DateTime<Utc>, calendar: &str, block: bool) -> (DateTime<Utc>, DateTime<Utc>, AgendaItem) {
    let end = start + Duration::minutes(30);
    let item = AgendaItem {
        block_id: block.then(|| format!("block-{title}")),
        event_id: format!("event-{title}"),
        title: title.into(),
        calendar: "Personal".into(),
        calendar_id: calendar.into(),
        start: start.to_rfc3339(),
        end: end.to_rfc3339(),
        label: format!("{title}, {}", start.with_timezone(&ZONE).format("%H:%M")),
        focus: false,
        habit: false,
    };
    (start, end, item)
}

#[test]
fn a_reminder_comes_ten_minutes_before_by_default_once_with_start_and_snooze_for_a_block() {
    let s = CompanionSettings::default();
    let agenda = vec![item("Write report", at(10, 0), "cal", true), item("Standup", at(11, 0), "cal", false)];
    let first = notices::reminders(&s, &agenda, at(9, 49), at(9, 50), ZONE);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].summary, "Write report starts in 10 min");
    assert_eq!(first[0].actions, vec![NoticeAction::Start, NoticeAction::Snooze, NoticeAction::Open]);
    assert_eq!(first[0].block_id.as_deref(), Some("block-Write report"));
    // The next check does not send it again.
    assert!(notices::reminders(&s, &agenda, at(9, 50), at(9, 51), ZONE).is_empty());
    let standup = notices::reminders(&s, &agenda, at(10, 49), at(10, 50), ZONE);
    assert_eq!(standup[0].actions, vec![NoticeAction::Open], "an event has no Start or Snooze");
}

#[test]
fn each_calendar_has_its_own_lead_and_zero_means_none() {
    let mut s = CompanionSettings::default();
    s.calendar_reminder_min.insert("work".into(), 30);
    s.calendar_reminder_min.insert("holidays".into(), 0);
    let agenda = vec![item("Review", at(10, 0), "work", false), item("Fair", at(10, 0), "holidays", false)];
    let sent = notices::reminders(&s, &agenda, at(9, 29), at(9, 30), ZONE);
    assert_eq!(sent.iter().map(|n| n.summary.as_str()).collect::<Vec<_>>(), vec!["Review starts in 30 min"]);
    assert!(notices::reminders(&s, &agenda, at(9, 0), at(10, 0), ZONE).iter().all(|n| !n.summary.contains("Fair")));
}

#[test]
fn many_reminders_at_once_become_one_summary() {
    let s = CompanionSettings::default();
    let agenda: Vec<_> = (0..5).map(|i| item(&format!("Call {i}"), at(10, i), "cal", false)).collect();
    let sent = notices::reminders(&s, &agenda, at(9, 49), at(9, 55), ZONE);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].summary, "5 things start soon");
    assert_eq!(sent[0].body, "Call 0 at 10:00\nCall 1 at 10:01\nCall 2 at 10:02\nand 2 more");
}

#[test]
fn what_was_missed_while_asleep_is_one_summary_line() {
    let s = CompanionSettings::default();
    let agenda = vec![item("Standup", at(9, 0), "cal", false), item("Review", at(10, 0), "cal", false)];
    // Asleep from 8:00 to 10:30: both reminders' times passed, both events started.
    let sent = notices::reminders(&s, &agenda, at(8, 0), at(10, 30), ZONE);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].summary, "While you were away: 2 reminder(s) missed");
    assert_eq!(sent[0].body, "Standup at 09:00\nReview at 10:00");
}

#[test]
fn do_not_disturb_and_focus_events_keep_everything_quiet() {
    let agenda = vec![item("Write report", at(10, 0), "cal", true)];
    let dnd = CompanionSettings { do_not_disturb: true, ..CompanionSettings::default() };
    assert!(notices::reminders(&dnd, &agenda, at(9, 49), at(9, 50), ZONE).is_empty());
    let mut focus = agenda.clone();
    focus.push((at(9, 30), at(11, 0), item("Focus time", at(9, 30), "cal", false).2));
    assert!(notices::reminders(&CompanionSettings::default(), &focus, at(9, 49), at(9, 50), ZONE).is_empty());
}

#[test]
fn a_focus_habits_block_keeps_everything_quiet_whatever_its_title() {
    let agenda = vec![item("Write report", at(10, 0), "cal", true)];
    let mut deep = item("Deep work", at(9, 30), "cal", false);
    deep.1 = at(11, 0);
    let mut with_focus = agenda.clone();
    with_focus.push((deep.0, deep.1, AgendaItem { focus: true, ..deep.2.clone() }));
    assert!(notices::reminders(&CompanionSettings::default(), &with_focus, at(9, 49), at(9, 50), ZONE).is_empty());
    // The same block not marked focus (a plain habit) lets the reminder through.
    let mut plain = agenda.clone();
    plain.push(deep);
    assert_eq!(notices::reminders(&CompanionSettings::default(), &plain, at(9, 49), at(9, 50), ZONE).len(), 1);
}

fn preview(ghosts: Vec<GhostView>, at_risk: Vec<RiskView>, moved: u32) -> PlanPreview {
    PlanPreview {
        from: at(9, 0).to_rfc3339(),
        to: at(18, 0).to_rfc3339(),
        ghosts,
        at_risk,
        unscheduled: Vec::new(),
        moved,
        notes: Vec::new(),
        planning_ms: 0,
    }
}

fn moved(title: &str, start: DateTime<Utc>) -> GhostView {
    GhostView {
        id: format!("g-{title}"),
        task_id: format!("t-{title}"),
        title: title.into(),
        start: start.to_rfc3339(),
        end: (start + Duration::hours(1)).to_rfc3339(),
        kind: GhostKind::Move,
        item: miraage_domain::PlanItemKind::Task,
        replaces: vec![format!("b-{title}")],
        reason: Some("“Standup” now overlaps its time, Mon 23 Nov 10:00".into()),
    }
}

#[test]
fn a_sync_that_moved_many_blocks_gives_one_plan_changed_notice_naming_them() {
    let p = preview((0..4).map(|i| moved(&format!("Task {i}"), at(14, i * 5))).collect(), Vec::new(), 4);
    let n = notices::plan_changed(&p, ZONE, at(9, 0)).expect("a notice");
    assert_eq!(n.summary, "Your plan changed: open Miraage to accept the moves");
    let lines: Vec<&str> = n.body.lines().collect();
    assert_eq!(lines[0], "“Task 0” moves to 14:00 (“Standup” now overlaps its time, Mon 23 Nov 10:00)");
    assert_eq!(lines.last(), Some(&"and 1 more"));
    assert!(notices::plan_changed(&preview(Vec::new(), Vec::new(), 0), ZONE, at(9, 0)).is_none());
}

#[test]
fn a_task_at_risk_is_told_once() {
    let risk = |t: &str| RiskView {
        task_id: t.into(),
        title: t.into(),
        late_min: 30,
        fully_placed: true,
        reason: "ends 30 min after its due time".into(),
    };
    let mut known = BTreeSet::new();
    let p = preview(Vec::new(), vec![risk("Report")], 0);
    let n = notices::newly_at_risk(&p, &mut known).expect("new");
    assert_eq!(n.summary, "“Report” may miss its due date");
    assert!(notices::newly_at_risk(&p, &mut known).is_none(), "the same task again: nothing");
    let two = preview(Vec::new(), vec![risk("Report"), risk("Slides"), risk("Budget")], 0);
    assert_eq!(notices::newly_at_risk(&two, &mut known).unwrap().summary, "2 tasks may miss their due dates");
}

#[test]
fn an_account_needing_sign_in_is_told_once_until_it_syncs_again() {
    let mut told = BTreeSet::new();
    let n = notices::needs_sign_in(&["Work".into()], &[], &mut told);
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].summary, "“Work” needs you to sign in again");
    assert!(notices::needs_sign_in(&["Work".into()], &[], &mut told).is_empty());
    assert!(notices::needs_sign_in(&[], &["Work".into()], &mut told).is_empty());
    assert_eq!(notices::needs_sign_in(&["Work".into()], &[], &mut told).len(), 1, "failing again after a good sync");
}
