//! A realistic demo week, so that a new user sees the product at once.
//!
//! Everything is placed relative to the week of `today` in the user's zone and carries fixed
//! UIDs, so seeding again (next week, say) moves the demo instead of duplicating it.

use crate::error::Result;
use crate::open::Store;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use miraage_domain::time::local_to_utc;
use miraage_domain::{
    CalendarId, Chunking, Due, Event, EventKind, EventStatus, EventTime, Priority, Recurrence, RecurrenceId, Task,
    TaskId,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub events: usize,
    pub tasks: usize,
}

const FIRST_RUN_KEY: &str = "first_run_done";

impl Store {
    /// On the first start of a new, empty database, fills the demo week; afterwards never.
    /// Returns what was added, if anything.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read or
    /// written; nothing of the demo is written then.
    pub fn seed_demo_on_first_run(&mut self, today: NaiveDate, zone: Tz) -> Result<Option<DemoSummary>> {
        if self.setting::<bool>(FIRST_RUN_KEY)?.unwrap_or(false) {
            return Ok(None);
        }
        let empty = self.count_events()? == 0 && self.tasks(crate::TaskFilter::All)?.is_empty();
        let summary = if empty { Some(self.seed_demo(today, zone)?) } else { None };
        self.set_setting(FIRST_RUN_KEY, &true)?;
        Ok(summary)
    }

    /// Writes the demo week around `today` (meetings, a recurring standup with a moved and a
    /// cancelled instance, personal events, all-day events, tasks) in one transaction.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read or
    /// written; the transaction leaves no part of the demo behind.
    pub fn seed_demo(&mut self, today: NaiveDate, zone: Tz) -> Result<DemoSummary> {
        let personal = self.local_defaults()?;
        let work = self.ensure_local_calendar("Work")?.id;
        let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
        let d = Demo { zone, monday, today };
        let events = d.events(&work, &personal.calendar)?;
        let tasks = d.tasks(&personal.task_list)?;
        // Replace the previous demo events (their overrides are keyed by dates that move with
        // the week) and write the new ones in one transaction.
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM events WHERE uid LIKE 'demo-%@miraage'", [])?;
        crate::events::import_in(&tx, &events, &tasks, crate::events::UidScope::Whole)?;
        tx.commit()?;
        Ok(DemoSummary { events: events.len(), tasks: tasks.len() })
    }
}

struct Demo {
    zone: Tz,
    monday: NaiveDate,
    today: NaiveDate,
}

impl Demo {
    fn day(&self, weekday: Weekday, week_offset: i64) -> NaiveDate {
        self.monday + Duration::days(weekday.num_days_from_monday() as i64 + 7 * week_offset)
    }

    fn timed(&self, date: NaiveDate, h: u32, m: u32, minutes: i64) -> miraage_domain::Result<EventTime> {
        let start = local_to_utc(date.and_time(NaiveTime::from_hms_opt(h, m, 0).expect("valid time")), self.zone);
        EventTime::timed(start, start + Duration::minutes(minutes), self.zone)
    }

    fn event(&self, cal: &CalendarId, key: &str, summary: &str, time: EventTime) -> Event {
        let mut e = Event::single(cal.clone(), summary, time);
        e.uid = format!("demo-{key}@miraage");
        e
    }

    fn events(&self, work: &CalendarId, personal: &CalendarId) -> miraage_domain::Result<Vec<Event>> {
        use Weekday::*;
        let mut out = Vec::new();

        // The daily standup started last week; next week one instance moves and one is off.
        let mut standup = self.event(work, "standup", "Team standup", self.timed(self.day(Mon, -1), 9, 30, 15)?);
        standup.kind = EventKind::Master {
            recurrence: Recurrence { rules: vec!["FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR".into()], ..Default::default() },
        };
        let moved_from = self.timed(self.day(Wed, 1), 9, 30, 15)?;
        let mut moved = self.event(
            work,
            "standup",
            "Team standup (moved for the all-hands)",
            self.timed(self.day(Wed, 1), 10, 0, 15)?,
        );
        moved.kind = EventKind::Override { recurrence_id: RecurrenceId::Instant(moved_from.instants_in(self.zone).0) };
        let off_from = self.timed(self.day(Fri, 1), 9, 30, 15)?;
        let mut off = self.event(work, "standup", "Team standup", off_from);
        off.kind = EventKind::Override { recurrence_id: RecurrenceId::Instant(off_from.instants_in(self.zone).0) };
        off.status = EventStatus::Cancelled;
        out.extend([standup, moved, off]);

        let mut one_on_one =
            self.event(work, "one-on-one", "1:1 with Priya", self.timed(self.day(Tue, -2), 14, 0, 30)?);
        one_on_one.kind = EventKind::Master {
            recurrence: Recurrence { rules: vec!["FREQ=WEEKLY;COUNT=12".into()], ..Default::default() },
        };
        out.push(one_on_one);

        let mut planning = self.event(work, "planning", "Sprint planning", self.timed(self.day(Mon, 0), 10, 0, 90)?);
        planning.location = Some("Room Atlas".into());
        out.push(planning);
        out.push(self.event(
            work,
            "design-review",
            "Design review: onboarding flow",
            self.timed(self.day(Wed, 0), 11, 0, 60)?,
        ));
        out.push(self.event(
            work,
            "interview",
            "Interview: backend engineer",
            self.timed(self.day(Thu, 0), 11, 0, 60)?,
        ));
        let mut customer =
            self.event(work, "customer", "Customer call: Acme", self.timed(self.day(Thu, 0), 16, 0, 60)?);
        customer.location = Some("Video call".into());
        out.push(customer);
        out.push(self.event(work, "retro", "Team retro", self.timed(self.day(Fri, 0), 15, 0, 60)?));
        out.push(self.event(work, "all-hands", "All-hands", self.timed(self.day(Wed, 1), 16, 0, 60)?));

        let mut lunch = self.event(personal, "lunch", "Lunch with Sam", self.timed(self.day(Thu, 0), 12, 30, 60)?);
        lunch.location = Some("Café Nord".into());
        out.push(lunch);
        let mut gym = self.event(personal, "gym", "Gym", self.timed(self.day(Tue, 0), 18, 0, 60)?);
        gym.kind = EventKind::Master {
            recurrence: Recurrence { rules: vec!["FREQ=WEEKLY;BYDAY=TU,TH".into()], ..Default::default() },
        };
        out.push(gym);
        out.push(self.event(personal, "dentist", "Dentist", self.timed(self.day(Fri, 0), 8, 0, 45)?));
        out.push(self.event(
            personal,
            "family-dinner",
            "Dinner with family",
            self.timed(self.day(Sun, 0), 18, 30, 120)?,
        ));
        let sat = self.day(Sat, 0);
        let mut birthday =
            self.event(personal, "birthday", "Mum's birthday", EventTime::all_day(sat, sat + Duration::days(1))?);
        birthday.kind =
            EventKind::Master { recurrence: Recurrence { rules: vec!["FREQ=YEARLY".into()], ..Default::default() } };
        birthday.busy = false;
        out.push(birthday);
        let trip = self.day(Fri, 1);
        let mut away = self.event(
            personal,
            "weekend-away",
            "Weekend in the mountains",
            EventTime::all_day(trip, trip + Duration::days(3))?,
        );
        away.busy = false;
        out.push(away);
        Ok(out)
    }

    fn tasks(&self, list: &miraage_domain::TaskListId) -> miraage_domain::Result<Vec<Task>> {
        let task =
            |key: &str, title: &str, minutes: u32, priority: u8, project: &str| -> miraage_domain::Result<Task> {
                let mut t = Task::new(list.clone(), title);
                t.id = TaskId::from_string(format!("demo-{key}"));
                t.uid = format!("demo-task-{key}@miraage");
                t.estimate_min = Some(minutes);
                t.priority = Priority::new(priority)?;
                t.project = Some(project.into());
                Ok(t)
            };
        let at = |date: NaiveDate, h: u32| {
            Due::Instant(local_to_utc(date.and_hms_opt(h, 0, 0).expect("valid time"), self.zone))
        };
        // Due dates count from today, so that a new user never starts with overdue tasks
        // (the meetings stay in the current week).
        let in_days = |n: i64| self.today + Duration::days(n);

        let mut roadmap = task("roadmap", "Write Q1 roadmap", 180, 1, "product")?;
        roadmap.due = Some(at(in_days(3), 17));
        roadmap.chunking = Some(Chunking::new(60, 120)?);
        let mut review = task("review-pr", "Review PR #482: sync outbox", 45, 2, "engineering")?;
        review.due = Some(at(in_days(1), 17));
        let mut demo = task("sprint-demo", "Prepare sprint demo", 90, 2, "engineering")?;
        demo.due = Some(at(in_days(4), 15));
        demo.hard_due = true;
        demo.depends_on = vec![review.id.clone()];
        let mut expenses = task("expenses", "Submit expense report", 30, 3, "admin")?;
        expenses.due = Some(Due::Date(in_days(5)));
        let mut spanish = task("spanish", "Study Spanish", 300, 3, "personal")?;
        spanish.chunking = Some(Chunking::new(60, 90)?);
        spanish.tags = vec!["study".into()];
        let trip = task("trip", "Plan weekend trip", 60, 4, "personal")?;
        let mut onboarding = task("onboarding", "Update onboarding doc", 120, 3, "product")?;
        onboarding.due = Some(Due::Date(in_days(7)));
        onboarding.chunking = Some(Chunking::new(30, 60)?);
        let mut bank = task("bank", "Call the bank about the mortgage", 15, 2, "admin")?;
        bank.due = Some(Due::Date(in_days(2)));
        Ok(vec![roadmap, review, demo, expenses, spanish, trip, onboarding, bank])
    }
}
