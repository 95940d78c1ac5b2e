//! The world the property tests act on: a store in a real SQLite file (reopened after each
//! crash), the fake server, and the bookkeeping of every version made (see [`oracle`]).

pub mod ops;
pub mod oracle;

use chrono::{TimeZone, Utc};
use miraage_domain::{Account, CalendarId, Event, EventOrigin, EventTime, Task, TaskListId};
use miraage_store::{ItemKind, Store};
use miraage_sync::engine::{Engine, SyncReport};
use miraage_sync::fake::{FakeServer, Fault, Method};
use miraage_sync::{ItemBody, RemoteCollection, SyncError};
use oracle::Versions;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

pub const CALENDAR: &str = "/cal/";
pub const TASKS: &str = "/tasks/";

/// Which call of a sync a fault is for, counted from the sync's start (1 is the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The n-th call, whatever it is.
    Call(u64),
    /// The n-th call of one method.
    Nth(Method, u64),
}

/// What happens to one provider call of a sync.
#[derive(Debug, Clone)]
pub enum CallFault {
    Fail(Fault),
    /// The call waits while this edit is made (by the user or another client).
    PauseFor(ops::Edit),
}

pub struct World {
    _dir: tempfile::TempDir,
    db: PathBuf,
    pub store: Mutex<Store>,
    pub fake: FakeServer,
    pub account: Account,
    pub calendar: CalendarId,
    pub list: TaskListId,
    pub versions: Versions,
    pub crashes: usize,
}

impl World {
    /// A store with one CalDAV-like account synced once against a server holding one
    /// calendar and one task list.
    pub fn new() -> World {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("miraage.db");
        let mut store = Store::open(&db).expect("store");
        let account = store
            .add_account("Fake", miraage_domain::Provider::CalDav, Some("fake://server"), Some("me"))
            .expect("account");
        let fake = FakeServer::new();
        for (id, name, events) in [(CALENDAR, "Work", true), (TASKS, "Chores", false)] {
            fake.add_collection(RemoteCollection {
                remote_id: id.into(),
                name: name.into(),
                color: None,
                holds_events: events,
                holds_tasks: !events,
                read_only: false,
            });
        }
        let mut world = World {
            _dir: dir,
            db,
            store: Mutex::new(store),
            fake,
            account,
            calendar: CalendarId::new(),
            list: TaskListId::new(),
            versions: Versions::default(),
            crashes: 0,
        };
        world.sync(&[]).expect("no crash").expect("the first sync runs");
        let collections = world.store().collections(&world.account.id).expect("collections");
        for c in collections {
            if let Some(cal) = c.calendar_id {
                world.calendar = cal;
            }
            if let Some(list) = c.task_list_id {
                world.list = list;
            }
        }
        world
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// One forced engine run with `faults` on the calls after the current one (the first
    /// entry on the next call). `None`: the run crashed (its future was dropped at a call
    /// that never answered) and the store was reopened, as a restarted app does.
    pub fn sync(&mut self, faults: &[(Target, CallFault)]) -> Option<Result<SyncReport, SyncError>> {
        self.sync_with(true, faults)
    }

    pub fn sync_with(&mut self, forced: bool, faults: &[(Target, CallFault)]) -> Option<Result<SyncReport, SyncError>> {
        // Absolute targets: the fake counts calls over its whole life.
        let mut pauses = Vec::new();
        for (target, fault) in faults {
            let target = match *target {
                Target::Call(n) => Target::Call(self.fake.calls() + n),
                Target::Nth(m, n) => Target::Nth(m, self.fake.calls_of(m) + n),
            };
            let f = match fault {
                CallFault::Fail(f) => *f,
                CallFault::PauseFor(edit) => {
                    pauses.push((target, edit.clone()));
                    Fault::Pause
                }
            };
            match target {
                Target::Call(n) => self.fake.fail_at(n, f),
                Target::Nth(m, n) => self.fake.fail_nth(m, n, f),
            }
        }
        let World { store, fake, account, versions, calendar, list, .. } = self;
        let places = ops::Places { store: &*store, fake: &*fake, calendar: &*calendar, list: &*list };
        let outcome = {
            let engine = Engine::new(&*store, &*fake, account.clone()).forced(forced);
            fake.drive(engine.run(), |paused| {
                let hit = |t: &Target| *t == Target::Call(paused.call) || *t == Target::Nth(paused.method, paused.nth);
                if let Some((_, edit)) = pauses.iter().find(|(t, _)| hit(t)) {
                    ops::apply(&places, versions, edit, paused.item.as_ref());
                }
            })
        };
        self.fake.clear_faults();
        if outcome.is_none() {
            self.crashes += 1;
            let reopened = Store::open(&self.db).expect("the store reopens after a crash");
            *self.store() = reopened;
        }
        outcome
    }

    /// Makes one edit now, between syncs.
    pub fn edit(&mut self, edit: &ops::Edit) {
        let places = ops::Places { store: &self.store, fake: &self.fake, calendar: &self.calendar, list: &self.list };
        ops::apply(&places, &mut self.versions, edit, None);
    }

    pub fn places(&self) -> ops::Places<'_> {
        ops::Places { store: &self.store, fake: &self.fake, calendar: &self.calendar, list: &self.list }
    }
}

/// The version tag an item's content carries: an event's summary, a task's title.
pub fn tag_of(body: &ItemBody) -> String {
    match body {
        ItemBody::Events(events) => events.first().map(|e| e.summary.clone()).unwrap_or_default(),
        ItemBody::Task(task) => task.title.clone(),
    }
}

/// A one-hour event with `tag` as its summary.
pub fn event(calendar: &CalendarId, uid: &str, tag: &str, origin: EventOrigin, hour: u32) -> Event {
    let start = Utc.with_ymd_and_hms(2026, 3, 2, hour % 24, 0, 0).unwrap();
    let time = EventTime::timed(start, start + chrono::Duration::hours(1), chrono_tz::UTC).unwrap();
    Event { uid: uid.into(), origin, ..Event::single(calendar.clone(), tag, time) }
}

pub fn task(list: &TaskListId, uid: &str, tag: &str) -> Task {
    Task { uid: uid.into(), ..Task::new(list.clone(), tag) }
}

/// The collection an item kind lives in on the server.
pub fn collection_of(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Event => CALENDAR,
        ItemKind::Task => TASKS,
    }
}
