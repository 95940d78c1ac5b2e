//! Every convention of the quick-add contract (`shared/docs/quick-add.md`), one test each,
//! at the contract's reference instant: Thursday 2025-03-06 09:15 in America/New_York.

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;
use miraage_quickadd::{parse, Parsed, Priority, SpanKind};
use serde_json::{json, Value};

const NY: Tz = chrono_tz::America::New_York;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 6, 14, 15, 0).unwrap()
}

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
}

fn p(text: &str) -> Parsed {
    parse(text, now(), NY)
}

/// The contract's JSON of a line.
fn fields(text: &str) -> Value {
    serde_json::to_value(p(text).contract()).unwrap()
}

fn start(text: &str) -> Option<String> {
    p(text).start.map(|w| w.to_string())
}

fn due(text: &str) -> Option<String> {
    p(text).due.map(|w| w.to_string())
}

fn minutes(text: &str) -> Option<u32> {
    p(text).duration_min.map(|m| m.get())
}

fn rrule(text: &str) -> Option<String> {
    p(text).rrule.map(|r| r.to_string())
}

fn title(text: &str) -> String {
    p(text).title
}

#[track_caller]
fn check_start(text: &str, expected: &str) {
    assert_eq!(start(text).as_deref(), Some(expected), "start of {text:?}: {:#?}", p(text));
}

#[track_caller]
fn check_due(text: &str, expected: &str) {
    assert_eq!(due(text).as_deref(), Some(expected), "due of {text:?}: {:#?}", p(text));
}

// ---- the contract's examples, verbatim ----

#[test]
fn contract_examples() {
    let empty = |title: &str| json!({"title": title, "start": null, "due": null, "duration_min": null, "priority": null, "rrule": null, "tags": []});
    assert_eq!(fields("Buy milk"), empty("Buy milk"));
    let mut call = empty("Call mom");
    call["start"] = json!("2025-03-07T17:00:00-05:00");
    call["duration_min"] = json!(30);
    assert_eq!(fields("Call mom tomorrow 5pm 30m"), call);
    let mut report = empty("Write report");
    report["due"] = json!("2025-03-07");
    report["duration_min"] = json!(180);
    report["priority"] = json!(1);
    report["tags"] = json!(["work"]);
    assert_eq!(fields("Write report by Friday 3h !1 #work"), report);
    let mut standup = empty("Standup");
    standup["start"] = json!("2025-03-06T09:30:00-05:00");
    standup["duration_min"] = json!(15);
    standup["rrule"] = json!("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
    assert_eq!(fields("Standup every weekday 9:30 15m"), standup);
    let mut rent = empty("Pay rent");
    rent["due"] = json!("2025-03-09");
    assert_eq!(fields("Pay rent due in 3 days"), rent);
}

// ---- weeks start on Monday ----

#[test]
fn a_bare_weekday_is_the_next_on_or_after_today() {
    check_start("Gym Friday", "2025-03-07");
    check_start("Gym on Monday", "2025-03-10");
    check_start("Gym this Friday", "2025-03-07");
    check_start("Gym Thursday", "2025-03-06");
    check_start("Gym on Wednesday", "2025-03-12");
    check_start("Gym thu", "2025-03-06");
    assert_eq!(title("Gym on Monday"), "Gym");
}

#[test]
fn next_weekday_is_in_the_following_monday_based_week() {
    check_start("Gym next Friday", "2025-03-14");
    check_start("Gym next Monday", "2025-03-10");
    check_start("Gym next Thursday", "2025-03-13");
    check_start("Gym next Sunday", "2025-03-16");
}

#[test]
fn weekends_and_next_week() {
    check_start("Hike this weekend", "2025-03-08");
    check_start("Hike next weekend", "2025-03-15");
    check_due("Plan offsite by next week", "2025-03-10");
    assert_eq!(title("Plan offsite by next week"), "Plan offsite");
}

#[test]
fn ambiguous_weekday_abbreviations_need_a_connector() {
    assert_eq!(title("Enjoy the sun"), "Enjoy the sun");
    assert_eq!(start("Enjoy the sun"), None);
    check_start("Brunch on sun", "2025-03-09");
    check_start("Brunch next sat", "2025-03-15");
}

// ---- parts of the day ----

#[test]
fn parts_of_the_day() {
    check_start("Run tomorrow morning", "2025-03-07T09:00:00-05:00");
    check_start("Lunch at noon", "2025-03-06T12:00:00-05:00");
    check_start("Review Friday afternoon", "2025-03-07T14:00:00-05:00");
    check_start("Dinner tomorrow evening", "2025-03-07T18:00:00-05:00");
    check_start("Movie tonight", "2025-03-06T20:00:00-05:00");
    check_due("Send the deck by end of day", "2025-03-06T17:00:00-05:00");
    check_due("Send the deck by eod", "2025-03-06T17:00:00-05:00");
    assert_eq!(title("Send the deck by end of day"), "Send the deck");
}

#[test]
fn midnight_ends_the_day_named() {
    check_start("Deploy Friday midnight", "2025-03-08T00:00:00-05:00");
    check_start("Backup at midnight", "2025-03-07T00:00:00-05:00");
    check_due("File taxes by midnight", "2025-03-07T00:00:00-05:00");
}

#[test]
fn a_part_of_the_day_sets_the_half_of_a_bare_hour() {
    check_start("Run tomorrow at 7 in the morning", "2025-03-07T07:00:00-05:00");
    check_start("Call this afternoon at 3", "2025-03-06T15:00:00-05:00");
    check_start("Run at 7 in the evening", "2025-03-06T19:00:00-05:00");
}

// ---- bare hours ----

#[test]
fn bare_hours_1_to_7_are_pm_8_to_11_am_12_noon() {
    check_start("Call at 5", "2025-03-06T17:00:00-05:00");
    check_start("Call at 1", "2025-03-06T13:00:00-05:00");
    check_start("Call at 7", "2025-03-06T19:00:00-05:00");
    check_start("Call at 11", "2025-03-06T11:00:00-05:00");
    check_start("Call at 12", "2025-03-06T12:00:00-05:00");
    check_start("Call at 4:45", "2025-03-06T16:45:00-05:00");
    check_start("Call at 17:00", "2025-03-06T17:00:00-05:00");
    check_start("Call at 05:00", "2025-03-07T05:00:00-05:00");
    check_start("Call at 5am", "2025-03-07T05:00:00-05:00");
    check_start("Call at 12am", "2025-03-07T00:00:00-05:00");
    check_start("Call at 12pm", "2025-03-06T12:00:00-05:00");
    check_start("Call 5 p.m.", "2025-03-06T17:00:00-05:00");
    check_start("Call at 5 o'clock", "2025-03-06T17:00:00-05:00");
    assert_eq!(title("Call at 5 o'clock"), "Call");
}

#[test]
fn a_time_without_a_date_is_today_if_ahead_else_tomorrow() {
    check_start("Call at 8", "2025-03-07T08:00:00-05:00");
    check_start("Call 9am", "2025-03-07T09:00:00-05:00");
    check_start("Call 9:15am", "2025-03-06T09:15:00-05:00");
    check_start("Call 9:30am", "2025-03-06T09:30:00-05:00");
}

#[test]
fn a_bare_number_is_no_time() {
    assert_eq!(title("Book table for 4"), "Book table for 4");
    assert_eq!(start("Book table for 4"), None);
    assert_eq!(minutes("Book table for 4"), None);
    assert_eq!(title("Buy 2 apples"), "Buy 2 apples");
    assert_eq!(title("Read pages 10-11"), "Read pages 10-11");
    assert_eq!(start("Read pages 10-11"), None);
}

// ---- in N days / in N hours ----

#[test]
fn in_n_days_is_a_date_and_keeps_the_wall_clock() {
    check_start("Renew in 2 weeks", "2025-03-20");
    check_start("Renew in 3 days", "2025-03-09");
    check_start("Renew in a week", "2025-03-13");
    check_start("Renew in two days", "2025-03-08");
    check_start("Renew in 1 month", "2025-04-06");
    // Across the spring change (9 March): the wall clock is kept.
    check_start("Renew in 3 days at 5pm", "2025-03-09T17:00:00-04:00");
}

#[test]
fn in_n_minutes_is_elapsed_time_from_now() {
    check_start("Check the oven in 20 minutes", "2025-03-06T09:35:00-05:00");
    check_start("Check in 2 hours", "2025-03-06T11:15:00-05:00");
    check_start("Check in 1h30m", "2025-03-06T10:45:00-05:00");
    check_start("Check in half an hour", "2025-03-06T09:45:00-05:00");
    assert_eq!(title("Check the oven in 20 minutes"), "Check the oven");
    assert_eq!(minutes("Check the oven in 20 minutes"), None);
}

#[test]
fn for_n_minutes_is_a_duration() {
    assert_eq!(minutes("Stretch for 20 minutes"), Some(20));
    assert_eq!(start("Stretch for 20 minutes"), None);
    assert_eq!(title("Stretch for 20 minutes"), "Stretch");
}

#[test]
fn dst_in_3_days_across_the_spring_change() {
    // Friday 7 March 2025 10:00 EST; clocks go forward on Sunday 9 March.
    let now = at("2025-03-07T10:00:00-05:00");
    let p = |t: &str| parse(t, now, NY).start.map(|w| w.to_string());
    assert_eq!(p("Call in 3 days").as_deref(), Some("2025-03-10"));
    assert_eq!(p("Call in 3 days at 10am").as_deref(), Some("2025-03-10T10:00:00-04:00"));
    // Elapsed time is not calendar arithmetic: 72 hours later is 11:00 EDT.
    assert_eq!(p("Call in 72 hours").as_deref(), Some("2025-03-10T11:00:00-04:00"));
}

// ---- durations ----

#[test]
fn durations_in_every_listed_form() {
    for (text, m) in [
        ("2h", 120),
        ("2 hrs", 120),
        ("90m", 90),
        ("30min", 30),
        ("1h30m", 90),
        ("2h 15m", 135),
        ("1 hour 15 minutes", 75),
        ("1.5 hours", 90),
        ("0.5h", 30),
        ("half an hour", 30),
        ("an hour", 60),
        ("1h30", 90),
        ("45 mins", 45),
        ("1 hour and 15 minutes", 75),
    ] {
        let line = format!("Deep work {text}");
        assert_eq!(minutes(&line), Some(m), "{line:?}: {:#?}", p(&line));
        assert_eq!(title(&line), "Deep work", "{line:?}");
    }
}

#[test]
fn ranges_give_a_start_and_a_duration() {
    check_start("Workshop 10-11am", "2025-03-06T10:00:00-05:00");
    assert_eq!(minutes("Workshop 10-11am"), Some(60));
    check_start("Workshop 1pm to 4pm", "2025-03-06T13:00:00-05:00");
    assert_eq!(minutes("Workshop 1pm to 4pm"), Some(180));
    check_start("Workshop tomorrow 9:00-10:30", "2025-03-07T09:00:00-05:00");
    assert_eq!(minutes("Workshop tomorrow 9:00-10:30"), Some(90));
    check_start("Workshop 11-1pm", "2025-03-06T11:00:00-05:00");
    assert_eq!(minutes("Workshop 11-1pm"), Some(120));
    check_start("Office hours from 2 to 4", "2025-03-06T14:00:00-05:00");
    assert_eq!(minutes("Office hours from 2 to 4"), Some(120));
    assert_eq!(title("Workshop tomorrow 9:00-10:30"), "Workshop");
}

// ---- priorities ----

#[test]
fn priorities() {
    for (text, expected) in [
        ("!1", 1),
        ("p1", 1),
        ("P1", 1),
        ("!!!", 1),
        ("high priority", 1),
        ("!2", 2),
        ("p2", 2),
        ("!!", 2),
        ("!3", 3),
        ("p3", 3),
        ("!", 3),
        ("low priority", 3),
        ("p4", 4),
    ] {
        let line = format!("Fix the server {text}");
        assert_eq!(p(&line).priority.map(Priority::number), Some(expected), "{line:?}");
        assert_eq!(title(&line), "Fix the server", "{line:?}");
    }
}

#[test]
fn urgent_at_either_end() {
    assert_eq!(p("Urgent: fix the server").priority, Some(Priority::P1));
    assert_eq!(title("Urgent: fix the server"), "fix the server");
    assert_eq!(p("urgent fix the server").priority, Some(Priority::P1));
    assert_eq!(title("Fix the server urgent"), "Fix the server");
    assert_eq!(p("Fix the server urgent tomorrow").priority, Some(Priority::P1));
    assert_eq!(p("Fix the urgent bug").priority, None);
    assert_eq!(title("Fix the urgent bug"), "Fix the urgent bug");
}

#[test]
fn a_bang_glued_to_a_word_is_punctuation() {
    assert_eq!(p("Done!").priority, None);
    assert_eq!(title("Done!"), "Done!");
    assert_eq!(title("Ship it! tomorrow"), "Ship it!");
    assert_eq!(p("Ship it! tomorrow").priority, None);
}

// ---- recurrences ----

#[test]
fn recurrences() {
    assert_eq!(rrule("Standup every weekday").as_deref(), Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"));
    assert_eq!(rrule("1:1 every other Monday").as_deref(), Some("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"));
    assert_eq!(rrule("Review every last Friday").as_deref(), Some("FREQ=MONTHLY;BYDAY=-1FR"));
    check_start("Review every last Friday", "2025-03-28");
    assert_eq!(rrule("Standup every day until March 31").as_deref(), Some("FREQ=DAILY;UNTIL=20250331"));
    assert_eq!(title("Standup every day until March 31"), "Standup");
    assert_eq!(rrule("Pills every day for 10 days").as_deref(), Some("FREQ=DAILY;COUNT=10"));
    assert_eq!(minutes("Pills every day for 10 days"), None);
    assert_eq!(title("Pills every day for 10 days"), "Pills");
    assert_eq!(rrule("Water plants every 3 days").as_deref(), Some("FREQ=DAILY;INTERVAL=3"));
    assert_eq!(rrule("Backup every 2 weeks").as_deref(), Some("FREQ=WEEKLY;INTERVAL=2"));
    assert_eq!(rrule("Invoice every month").as_deref(), Some("FREQ=MONTHLY"));
    assert_eq!(rrule("Gym every Mon, Wed and Fri").as_deref(), Some("FREQ=WEEKLY;BYDAY=MO,WE,FR"));
    assert_eq!(rrule("Gym every Tuesday and Thursday").as_deref(), Some("FREQ=WEEKLY;BYDAY=TU,TH"));
    assert_eq!(rrule("Board meeting every first Monday of the month").as_deref(), Some("FREQ=MONTHLY;BYDAY=1MO"));
    assert_eq!(rrule("Rent every 1st").as_deref(), Some("FREQ=MONTHLY;BYMONTHDAY=1"));
    check_start("Rent every 1st", "2025-04-01");
    assert_eq!(rrule("Gym Mondays").as_deref(), Some("FREQ=WEEKLY;BYDAY=MO"));
    assert_eq!(rrule("Gym every Monday for 4 weeks").as_deref(), Some("FREQ=WEEKLY;BYDAY=MO;COUNT=4"));
    assert_eq!(rrule("Meditate every morning 10m").as_deref(), Some("FREQ=DAILY"));
    check_start("Meditate every morning 10m", "2025-03-07T09:00:00-05:00");
    assert_eq!(rrule("Dentist check every 6 months").as_deref(), Some("FREQ=MONTHLY;INTERVAL=6"));
    assert_eq!(rrule("Pay insurance every year").as_deref(), Some("FREQ=YEARLY"));
    assert_eq!(rrule("Ping every weekday 3 times").as_deref(), Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=3"));
}

#[test]
fn daily_leading_or_trailing_is_a_recurrence() {
    let d = p("Daily standup 9:30");
    assert_eq!(d.rrule.map(|r| r.to_string()).as_deref(), Some("FREQ=DAILY"));
    assert_eq!(d.title, "standup");
    assert_eq!(d.start.map(|w| w.to_string()).as_deref(), Some("2025-03-06T09:30:00-05:00"));
    assert_eq!(rrule("daily standup").as_deref(), Some("FREQ=DAILY"));
    check_start("daily standup", "2025-03-06");
    assert_eq!(rrule("Read 20 minutes daily").as_deref(), Some("FREQ=DAILY"));
    assert_eq!(minutes("Read 20 minutes daily"), Some(20));
    assert_eq!(title("Read 20 minutes daily"), "Read");
    assert_eq!(rrule("Write the daily report").as_deref(), None);
    assert_eq!(title("Write the daily report"), "Write the daily report");
}

#[test]
fn a_recurrence_starts_at_its_first_occurrence_at_or_after_now() {
    check_start("Standup every weekday 9:00", "2025-03-07T09:00:00-05:00");
    check_start("Standup every weekday 9:15", "2025-03-06T09:15:00-05:00");
    check_start("Gym every Monday 7am 1h", "2025-03-10T07:00:00-04:00");
    check_start("Gym every Monday", "2025-03-10");
    check_start("Gym every Thursday", "2025-03-06");
    check_start("Review every other Friday at 4pm", "2025-03-07T16:00:00-05:00");
    check_start("Sync every month on the 15th", "2025-03-15");
    // A recurring deadline.
    let t = p("Timesheet every Friday by 5pm");
    assert_eq!(t.due.map(|w| w.to_string()).as_deref(), Some("2025-03-07T17:00:00-05:00"));
    assert_eq!(t.start, None);
    assert_eq!(t.rrule.map(|r| r.to_string()).as_deref(), Some("FREQ=WEEKLY;BYDAY=FR"));
    assert_eq!(t.title, "Timesheet");
}

#[test]
fn dst_every_day_at_2_30_across_the_spring_change() {
    // "2:30" is a bare hour: 14:30, every day, before and after the change.
    let before = at("2025-03-08T15:00:00-05:00");
    let p1 = parse("Walk every day at 2:30", before, NY);
    assert_eq!(p1.start.map(|w| w.to_string()).as_deref(), Some("2025-03-09T14:30:00-04:00"));
    // 2:30 a.m. on the day of the change does not exist: it moves forward by the gap.
    let night = at("2025-03-09T00:30:00-05:00");
    let p2 = parse("Backup every day at 2:30am", night, NY);
    assert_eq!(p2.start.map(|w| w.to_string()).as_deref(), Some("2025-03-09T03:30:00-04:00"));
    assert_eq!(p2.rrule.map(|r| r.to_string()).as_deref(), Some("FREQ=DAILY"));
    // The next day it is 02:30 again, in daylight time.
    let later = at("2025-03-09T12:00:00-04:00");
    let p3 = parse("Backup every day at 2:30am", later, NY);
    assert_eq!(p3.start.map(|w| w.to_string()).as_deref(), Some("2025-03-10T02:30:00-04:00"));
    // A one-off time in the gap moves forward too.
    check_start_at("Call Sunday 2:30am", night, "2025-03-09T03:30:00-04:00");
}

#[track_caller]
fn check_start_at(text: &str, now: DateTime<Utc>, expected: &str) {
    let got = parse(text, now, NY).start.map(|w| w.to_string());
    assert_eq!(got.as_deref(), Some(expected), "{text:?}");
}

#[test]
fn rrules_expand_as_intended() {
    // The rule and start together make the occurrences the text says (rrule crate).
    let p = p("Standup every weekday 9:30 until March 12");
    let rule = p.rrule.unwrap().to_string();
    assert_eq!(rule, "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;UNTIL=20250312");
    // A bare-date UNTIL on a timed series means the whole day (as the app's expansion reads
    // it); in UTC for the rrule crate.
    let text = format!(
        "DTSTART;TZID=America/New_York:20250306T093000\nRRULE:{}",
        rule.replace("UNTIL=20250312", "UNTIL=20250313T035959Z")
    );
    let set: rrule::RRuleSet = text.parse().unwrap();
    let days: Vec<String> = set.all(100).dates.iter().map(|d| d.format("%a %d %H:%M").to_string()).collect();
    assert_eq!(days, ["Thu 06 09:30", "Fri 07 09:30", "Mon 10 09:30", "Tue 11 09:30", "Wed 12 09:30"]);
}

// ---- explicit zones ----

#[test]
fn explicit_zones_are_honoured_and_written_in_tz() {
    check_start("Call 3pm GMT", "2025-03-06T10:00:00-05:00");
    check_start("Sync 9:00 PST", "2025-03-06T12:00:00-05:00");
    check_start("Call tomorrow 5pm UTC", "2025-03-07T12:00:00-05:00");
    check_start("Meet 10am CET", "2025-03-07T04:00:00-05:00");
    check_start("Call 5pm EST", "2025-03-06T17:00:00-05:00");
    check_start("Call 5pm ET", "2025-03-06T17:00:00-05:00");
    check_start("Call 5pm GMT+2", "2025-03-06T10:00:00-05:00");
    check_start("Want to meet for dinner (5pm EST)?", "2025-03-06T17:00:00-05:00");
    assert_eq!(title("Want to meet for dinner (5pm EST)?"), "Want to meet for dinner?");
    assert_eq!(title("Call 3pm GMT"), "Call");
}

// ---- tags ----

#[test]
fn tags_in_input_order_without_sigils_case_kept() {
    let t = p("Plan trip #Travel +Summer @home #work");
    assert_eq!(t.tags, ["Travel", "Summer", "home", "work"]);
    assert_eq!(t.title, "Plan trip");
    let s = p("Plan trip #travel +summer @home");
    let kinds: Vec<SpanKind> = s.spans.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SpanKind::Tag, SpanKind::Project, SpanKind::Context]);
}

#[test]
fn tags_start_with_a_letter_and_stand_alone() {
    let t = p("Fix C# bug #1234 +1 mail a@b.com");
    assert!(t.tags.is_empty(), "{:?}", t.tags);
    assert_eq!(t.title, "Fix C# bug #1234 +1 mail a@b.com");
}

// ---- connectors and the title ----

#[test]
fn connector_words_go_with_what_they_introduce() {
    assert_eq!(title("Call mom at 5pm"), "Call mom");
    assert_eq!(title("Meet Anna on Monday"), "Meet Anna");
    check_due("Finish slides deadline Friday", "2025-03-07");
    assert_eq!(title("Finish slides deadline Friday"), "Finish slides");
    check_due("Submit form before Friday", "2025-03-07");
    check_due("Reply within 3 days", "2025-03-09");
    check_due("Taxes due: April 15", "2025-04-15");
    check_due("Taxes due:2025-04-15", "2025-04-15");
    check_due("Taxes due on April 15th", "2025-04-15");
    check_start("Buy cake for tomorrow", "2025-03-07");
    assert_eq!(title("Buy cake for tomorrow"), "Buy cake");
    // Words that only look like connectors stay.
    assert_eq!(title("Stay at home"), "Stay at home");
    assert_eq!(title("Work on the report"), "Work on the report");
}

#[test]
fn a_start_and_a_due_in_one_line() {
    let t = p("Draft slides tomorrow 9am due Friday 5pm");
    assert_eq!(t.start.map(|w| w.to_string()).as_deref(), Some("2025-03-07T09:00:00-05:00"));
    assert_eq!(t.due.map(|w| w.to_string()).as_deref(), Some("2025-03-07T17:00:00-05:00"));
    assert_eq!(t.title, "Draft slides");
}

#[test]
fn a_date_and_a_time_apart_still_make_one_start() {
    check_start("Call mom tomorrow about the trip at 5pm", "2025-03-07T17:00:00-05:00");
    assert_eq!(title("Call mom tomorrow about the trip at 5pm"), "Call mom about the trip");
}

#[test]
fn a_second_start_stays_in_the_title() {
    let t = p("Move meeting from Friday to Monday");
    assert_eq!(t.start.map(|w| w.to_string()).as_deref(), Some("2025-03-07"));
    assert_eq!(t.title, "Move meeting to Monday");
}

#[test]
fn explicit_dates() {
    check_start("Trip March 31", "2025-03-31");
    check_start("Trip Mar 31st", "2025-03-31");
    check_start("Trip 31 March", "2025-03-31");
    check_start("Trip the 31st of March", "2025-03-31");
    check_start("Trip March 31, 2026", "2026-03-31");
    check_start("Trip 2025-04-02", "2025-04-02");
    check_start("Trip 4/2/2025", "2025-04-02");
    check_start("Trip on 4/2", "2025-04-02");
    check_start("Trip March 1", "2026-03-01");
    check_start("Trip on the 20th", "2025-03-20");
    check_start("Trip Friday, March 7", "2025-03-07");
    check_start("Trip Feb 29", "2028-02-29");
    assert_eq!(title("Trip Friday, March 7"), "Trip");
}

// ---- bad input ----

#[test]
fn bad_input_is_kept_as_title() {
    assert_eq!(fields(""), fields("   ").as_object().map(|_| fields("")).unwrap());
    assert_eq!(title(""), "");
    assert_eq!(title("   "), "");
    assert_eq!(title("!!!!!!"), "!!!!!!");
    assert_eq!(p("!!!!!!").priority, None);
    assert_eq!(title("every 0 days"), "every 0 days");
    assert_eq!(rrule("every 0 days"), None);
    assert_eq!(title("Meet at 25:00"), "Meet at 25:00");
    assert_eq!(start("Meet at 25:00"), None);
    assert_eq!(title("Party Feb 30"), "Party Feb 30");
    assert_eq!(start("Party Feb 30"), None);
    assert_eq!(title("Call at 9:75"), "Call at 9:75");
    assert_eq!(title("Fix p5"), "Fix p5");
    assert_eq!(title("Version 1.10.30"), "Version 1.10.30");
    assert_eq!(start("Version 1.10.30"), None);
}

#[test]
fn emoji_and_right_to_left_text() {
    let text = "🎉 مرحبا tomorrow 5pm #عمل";
    let t = p(text);
    assert_eq!(t.title, "🎉 مرحبا");
    assert_eq!(t.start.map(|w| w.to_string()).as_deref(), Some("2025-03-07T17:00:00-05:00"));
    assert_eq!(t.tags, ["عمل"]);
    let tomorrow = &t.spans[0];
    assert_eq!(&text[tomorrow.bytes.clone()], "tomorrow");
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16(&utf16[tomorrow.utf16.clone()]).unwrap(), "tomorrow");
    for s in &t.spans {
        assert_eq!(String::from_utf16(&utf16[s.utf16.clone()]).unwrap(), &text[s.bytes.clone()]);
    }
}

#[test]
fn a_long_line_parses_quickly() {
    let line: String = "Call mom tomorrow 5pm 30m #work ".repeat(320);
    assert!(line.len() >= 10_000);
    let t0 = std::time::Instant::now();
    let parsed = p(&line);
    let elapsed = t0.elapsed();
    assert!(parsed.start.is_some());
    assert_eq!(parsed.tags.len(), 320);
    // Debug builds are slow; the benchmark (examples/bench.rs) measures release builds.
    assert!(elapsed.as_millis() < 200, "{elapsed:?}");
}

// ---- spans ----

#[test]
fn spans_cover_what_was_recognised() {
    let text = "Call mom tomorrow at 5pm for 30 minutes !2 #family";
    let t = p(text);
    let parts: Vec<(SpanKind, &str)> = t.spans.iter().map(|s| (s.kind, &text[s.bytes.clone()])).collect();
    assert_eq!(
        parts,
        [
            (SpanKind::Start, "tomorrow"),
            (SpanKind::Start, "at 5pm"),
            (SpanKind::Duration, "for 30 minutes"),
            (SpanKind::Priority, "!2"),
            (SpanKind::Tag, "#family"),
        ]
    );
    let d = p("Report by Friday every week");
    let kinds: Vec<SpanKind> = d.spans.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SpanKind::Due, SpanKind::Recurrence]);
}

#[test]
fn marks_left_in_the_title_are_not_joined_into_a_priority() {
    // A second priority stays in the title as typed; the "!1" glued to "31st" is punctuation.
    // Closing the gap where "every 31st" was taken out would have made "!!" of the two.
    let parsed = p(" !! #work ! every 31st!1");
    assert_eq!(parsed.priority, Some(Priority::P2));
    assert_eq!(parsed.title, "! !1");
    assert_eq!(title("Buy milk tomorrow!"), "Buy milk!");
}

// ---- beyond the contract: what habits need (the seven fields stay as the contract says) ----

#[test]
fn a_duration_per_period_is_a_quota_with_its_days_and_part_of_the_day() {
    use miraage_quickadd::{DayPart, Freq};
    let s = p("Study Spanish 5h a week on weekday evenings");
    assert_eq!(s.title, "Study Spanish");
    assert_eq!(minutes("Study Spanish 5h a week on weekday evenings"), Some(300));
    assert_eq!(s.rrule.as_ref().map(ToString::to_string).as_deref(), Some("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"));
    assert_eq!((s.per_period, s.day_part), (Some(Freq::Weekly), Some(DayPart::Evening)));
    assert_eq!(s.start.map(|w| w.to_string()).as_deref(), Some("2025-03-06T18:00:00-05:00"));

    let m = p("Meditate 10 min a day in the morning");
    assert_eq!((m.title.as_str(), m.per_period, m.day_part), ("Meditate", Some(Freq::Daily), Some(DayPart::Morning)));
    let g = p("Gym 1h per week on Mondays and Thursdays");
    assert_eq!(g.rrule.map(|r| r.to_string()).as_deref(), Some("FREQ=WEEKLY;BYDAY=MO,TH"));
    assert_eq!((g.title.as_str(), g.per_period, g.day_part), ("Gym", Some(Freq::Weekly), None));
    assert_eq!(p("Study 5 hours each week").per_period, Some(Freq::Weekly));
}

#[test]
fn a_period_without_a_duration_before_it_stays_text() {
    for text in ["Take a day off", "Plan a week in Rome", "Pay per week", "Free evenings"] {
        let r = p(text);
        assert_eq!((r.title.as_str(), r.rrule, r.per_period), (text, None, None), "{text}");
    }
}

#[test]
fn a_part_of_the_day_without_a_clock_time_is_told_apart_from_one_with_it() {
    use miraage_quickadd::DayPart;
    assert_eq!(p("Run 30m every morning").day_part, Some(DayPart::Morning));
    assert_eq!(p("Run 30m every morning").per_period, None, "a recurrence, not a quota");
    assert_eq!(p("Call mom tomorrow evening").day_part, Some(DayPart::Evening));
    for text in
        ["Call mom this afternoon at 3", "Call mom tomorrow 5pm", "7 in the morning run", "Read tonight", "Buy milk"]
    {
        assert_eq!(p(text).day_part, None, "{text}");
    }
    // The contract's JSON does not carry them.
    let json = fields("Study Spanish 5h a week on weekday evenings");
    assert_eq!(json.as_object().unwrap().len(), 7);
}
