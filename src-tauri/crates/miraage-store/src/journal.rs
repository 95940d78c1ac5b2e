//! The undo journal: each edit's before and after state of what it touched (task rows, whole
//! event objects by UID, plan blocks, habits with their blocks, hour sets), and applying one
//! of them again as a new edit that is queued for the servers like any other.

mod habits;

use crate::error::{Result, StoreError};
use crate::events::{import_in, read_event, UidScope, EVENT_COLUMNS};
use crate::open::Store;
use crate::outbox::{enqueue_event, enqueue_task, OutboxOp};
use crate::rows::{from_epoch, now_epoch, to_epoch};
use crate::tasks::{read_task, upsert_tasks, TASK_COLUMNS};
use miraage_domain::{
    BlockState, CalendarId, Event, EventId, Habit, HabitBlock, HourSet, PlanBlock, PlanBlockId, Task, TaskId,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many edits the journal keeps to undo.
pub const JOURNAL_LEN: i64 = 100;

/// Plan blocks that ended this long ago are history, no longer part of a plan snapshot.
pub(crate) const PLAN_PAST_SECS: i64 = 24 * 3600;

/// What an edit touches, named before it runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    /// Tasks by id; each brings its plan blocks (with their events) and the tasks that wait
    /// for it.
    pub tasks: Vec<TaskId>,
    /// Event objects by calendar and UID: the series master, its overrides, or a one-off.
    pub events: Vec<(CalendarId, String)>,
    /// The plan: the ghosts and the accepted blocks not yet over, with their events.
    pub plan: bool,
    /// Settings kept with what they describe (a proposal's preview), restored, never compared.
    pub settings: Vec<String>,
    /// Habits by id; each brings its blocks (with their events).
    pub habits: Vec<String>,
    /// The user's hour sets by name.
    pub hour_sets: Vec<String>,
}

/// The stored state of what an edit touched. A missing task or block is `None`; an event
/// object that does not exist has no rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    #[serde(with = "pairs")]
    pub tasks: BTreeMap<TaskId, Option<Task>>,
    #[serde(with = "pairs")]
    pub events: BTreeMap<(CalendarId, String), Vec<Event>>,
    #[serde(with = "pairs")]
    pub blocks: BTreeMap<PlanBlockId, Option<PlanBlock>>,
    /// Raw JSON values of settings; `None`: not set.
    #[serde(default, with = "pairs")]
    pub settings: BTreeMap<String, Option<String>>,
    #[serde(default, with = "pairs")]
    pub habits: BTreeMap<String, Option<Habit>>,
    #[serde(default, with = "pairs")]
    pub habit_blocks: BTreeMap<PlanBlockId, Option<HabitBlock>>,
    #[serde(default, with = "pairs")]
    pub hour_sets: BTreeMap<String, Option<HourSet>>,
}

/// Maps stored as lists of pairs: JSON object keys can only be strings.
mod pairs {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(m: &BTreeMap<K, V>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(m.iter())
    }

    pub fn deserialize<'de, K, V, D>(d: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(d)?.into_iter().collect())
    }
}

impl Snapshot {
    /// Makes two snapshots of one edit name the same things: what only one of them holds
    /// did not exist in the other.
    pub fn align(before: &mut Snapshot, after: &mut Snapshot) {
        fn fill<K: Ord + Clone, V: Default + Clone>(a: &mut BTreeMap<K, V>, b: &mut BTreeMap<K, V>) {
            for k in b.keys() {
                a.entry(k.clone()).or_default();
            }
            for k in a.keys() {
                b.entry(k.clone()).or_default();
            }
        }
        fill(&mut before.tasks, &mut after.tasks);
        fill(&mut before.events, &mut after.events);
        fill(&mut before.blocks, &mut after.blocks);
        fill(&mut before.settings, &mut after.settings);
        fill(&mut before.habits, &mut after.habits);
        fill(&mut before.habit_blocks, &mut after.habit_blocks);
        fill(&mut before.hour_sets, &mut after.hour_sets);
    }

    /// The titles of what differs between `self` (what the journal expects) and `now`,
    /// ghosts left out (a proposal is replaced freely; restoring an old one harms nothing).
    fn differences(&self, now: &Snapshot) -> Vec<String> {
        let mut out = Vec::new();
        for (id, want) in &self.tasks {
            let have = now.tasks.get(id).cloned().flatten();
            if *want != have {
                out.push(have.as_ref().or(want.as_ref()).map_or_else(|| "a task".into(), |t| t.title.clone()));
            }
        }
        for (key, want) in &self.events {
            let have = now.events.get(key).cloned().unwrap_or_default();
            if !same_rows(want, &have) {
                let title = have.first().or(want.first()).map_or_else(|| "an event".into(), |e| e.summary.clone());
                out.push(title);
            }
        }
        for (id, want) in &self.blocks {
            let have = now.blocks.get(id).cloned().flatten();
            let proposed = |b: &Option<PlanBlock>| b.as_ref().is_none_or(|b| b.state == BlockState::Proposed);
            if *want != have && !(proposed(want) && proposed(&have)) {
                out.push("a plan block".into());
            }
        }
        habits::differences(self, now, &mut out);
        out.dedup();
        out
    }
}

/// Event rows compared by content (the local row id is the store's own business).
fn same_rows(a: &[Event], b: &[Event]) -> bool {
    let key = |rows: &[Event]| {
        let mut v: Vec<Event> = rows
            .iter()
            .cloned()
            .map(|mut e| {
                e.id = EventId::from_string(String::new());
                e
            })
            .collect();
        v.sort_by_key(|e| e.recurrence_id().map(|r| r.to_string()));
        v
    };
    key(a) == key(b)
}

/// One edit in the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    pub id: i64,
    /// What the user reads ("deleted “Write report”").
    pub label: String,
    pub before: Snapshot,
    pub after: Snapshot,
}

/// Which way a journal entry is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Undo,
    Redo,
}

impl Direction {
    fn stack(self) -> &'static str {
        match self {
            Direction::Undo => "undo",
            Direction::Redo => "redo",
        }
    }
    fn other(self) -> Direction {
        match self {
            Direction::Undo => Direction::Redo,
            Direction::Redo => Direction::Undo,
        }
    }
}

/// Why an entry could not be applied: what it touched changed since (a sync brought a
/// server's version, another window edited it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub titles: Vec<String>,
}

impl Store {
    /// The current state of what `keys` name.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) when a stored row no longer reads back.
    pub fn snapshot(&self, keys: &Keys) -> Result<Snapshot> {
        capture(&self.conn, keys)
    }

    /// The state after an edit of what `before` held and what `keys` name now (an edit may
    /// leave fewer things to expand to: a deleted task has no dependents left).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read;
    /// [`StoreError::Corrupt`](crate::StoreError::Corrupt) when a stored row no longer reads back.
    pub fn snapshot_after(&self, before: &Snapshot, keys: &Keys) -> Result<Snapshot> {
        let mut after = capture(&self.conn, keys)?;
        let again = capture_like(&self.conn, before)?;
        after.tasks.extend(again.tasks);
        after.events.extend(again.events);
        after.blocks.extend(again.blocks);
        after.settings.extend(again.settings);
        after.habits.extend(again.habits);
        after.habit_blocks.extend(again.habit_blocks);
        after.hour_sets.extend(again.hour_sets);
        Ok(after)
    }

    /// Records an edit that was just made; the redo stack is cleared (a new edit starts a
    /// new branch) and only the newest [`JOURNAL_LEN`] edits are kept.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the journal cannot be written
    /// (nothing is recorded then; the edit itself stays).
    pub fn journal_push(&mut self, label: &str, mut before: Snapshot, mut after: Snapshot) -> Result<()> {
        Snapshot::align(&mut before, &mut after);
        let json = |s: &Snapshot| serde_json::to_string(s).map_err(|e| StoreError::Corrupt(e.to_string()));
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM undo_journal WHERE stack = 'redo'", [])?;
        tx.execute(
            "INSERT INTO undo_journal (stack, label, before, after, created_at) VALUES ('undo', ?1, ?2, ?3, ?4)",
            params![label, json(&before)?, json(&after)?, now_epoch()],
        )?;
        tx.execute(
            "DELETE FROM undo_journal WHERE stack = 'undo' AND id NOT IN
                 (SELECT id FROM undo_journal WHERE stack = 'undo' ORDER BY id DESC LIMIT ?1)",
            [JOURNAL_LEN],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The entry an undo (or redo) would apply next.
    ///
    /// An entry that no longer reads back (left by another version, or damaged) could never
    /// be applied: it is dropped, so that the edits under it can still be undone.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the journal cannot be read or an
    /// unreadable entry cannot be dropped.
    pub fn journal_top(&self, direction: Direction) -> Result<Option<JournalEntry>> {
        loop {
            let row: Option<(i64, String, String, String)> = self
                .conn
                .query_row(
                    "SELECT id, label, before, after FROM undo_journal WHERE stack = ?1 ORDER BY id DESC LIMIT 1",
                    [direction.stack()],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((id, label, before, after)) = row else { return Ok(None) };
            let parse = |s: &str| serde_json::from_str::<Snapshot>(s);
            match (parse(&before), parse(&after)) {
                (Ok(before), Ok(after)) => return Ok(Some(JournalEntry { id, label, before, after })),
                _ => {
                    self.conn.execute("DELETE FROM undo_journal WHERE id = ?1", [id])?;
                }
            }
        }
    }

    /// How many edits each stack holds (undo, redo).
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the journal cannot be read.
    pub fn journal_depth(&self) -> Result<(usize, usize)> {
        let count = |stack: &str| -> Result<usize> {
            Ok(self
                .conn
                .query_row("SELECT count(*) FROM undo_journal WHERE stack = ?1", [stack], |r| r.get::<_, i64>(0))?
                as usize)
        };
        Ok((count("undo")?, count("redo")?))
    }

    /// Applies `entry` in `direction` in one transaction: if what it touched is still as the
    /// edit (or the last undo) left it, the other state is written as a new edit, queued for
    /// the servers like any other, and the entry moves to the other stack. Otherwise nothing
    /// changes and the titles of what changed are returned.
    ///
    /// # Errors
    ///
    /// [`StoreError::Sqlite`](crate::StoreError::Sqlite) when the database cannot be read or
    /// written (the transaction is rolled back: nothing changes).
    pub fn journal_apply(
        &mut self,
        entry: &JournalEntry,
        direction: Direction,
    ) -> Result<std::result::Result<(), Changed>> {
        let (expect, target) = match direction {
            Direction::Undo => (&entry.after, &entry.before),
            Direction::Redo => (&entry.before, &entry.after),
        };
        let tx = self.conn.transaction()?;
        let now = capture_like(&tx, expect)?;
        let titles = expect.differences(&now);
        if !titles.is_empty() {
            return Ok(Err(Changed { titles }));
        }
        restore(&tx, target, &now)?;
        let moved = tx.execute(
            "UPDATE undo_journal SET stack = ?2, id = (SELECT max(id) + 1 FROM undo_journal) WHERE id = ?1 AND stack = ?3",
            params![entry.id, direction.other().stack(), direction.stack()],
        )?;
        if moved == 0 {
            return Err(StoreError::NotFound { what: "edit to undo", id: entry.label.clone() });
        }
        tx.commit()?;
        Ok(Ok(()))
    }
}

/// The state of `keys`, expanded: a task brings its blocks and the tasks that wait for it; a
/// block brings its event's object.
fn capture(conn: &Connection, keys: &Keys) -> Result<Snapshot> {
    let mut snap = Snapshot::default();
    let mut block_ids: Vec<PlanBlockId> = Vec::new();
    let mut task_ids = keys.tasks.clone();
    for id in &keys.tasks {
        let waiting: Vec<String> = conn
            .prepare_cached("SELECT task_id FROM task_dependencies WHERE depends_on = ?1")?
            .query_map([id.as_str()], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        task_ids.extend(waiting.into_iter().map(TaskId::from_string));
        let blocks: Vec<String> = conn
            .prepare_cached("SELECT id FROM plan_blocks WHERE task_id = ?1")?
            .query_map([id.as_str()], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        block_ids.extend(blocks.into_iter().map(PlanBlockId::from_string));
    }
    if keys.plan {
        let blocks: Vec<String> = conn
            .prepare_cached("SELECT id FROM plan_blocks WHERE state = 'proposed' OR end_utc > ?1")?
            .query_map([now_epoch() - PLAN_PAST_SECS], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        block_ids.extend(blocks.into_iter().map(PlanBlockId::from_string));
    }
    for id in task_ids {
        let task = read_task_row(conn, &id)?;
        snap.tasks.insert(id, task);
    }
    let mut event_keys = keys.events.clone();
    habits::capture(conn, keys, &mut snap, &mut event_keys)?;
    for id in block_ids {
        let block = read_block(conn, &id)?;
        if let Some(event) = block.as_ref().and_then(|b| b.event_id.as_ref()) {
            let found: Option<(String, String)> = conn
                .prepare_cached("SELECT calendar_id, uid FROM events WHERE id = ?1")?
                .query_row([event.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((calendar, uid)) = found {
                event_keys.push((CalendarId::from_string(calendar), uid));
            }
        }
        snap.blocks.insert(id, block);
    }
    for (calendar, uid) in event_keys {
        let rows = event_rows(conn, &calendar, &uid)?;
        snap.events.insert((calendar, uid), rows);
    }
    for key in &keys.settings {
        snap.settings.insert(key.clone(), read_setting(conn, key)?);
    }
    Ok(snap)
}

fn read_setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// The current state of exactly what `like` holds.
fn capture_like(conn: &Connection, like: &Snapshot) -> Result<Snapshot> {
    let mut snap = Snapshot::default();
    for id in like.tasks.keys() {
        snap.tasks.insert(id.clone(), read_task_row(conn, id)?);
    }
    for (calendar, uid) in like.events.keys() {
        snap.events.insert((calendar.clone(), uid.clone()), event_rows(conn, calendar, uid)?);
    }
    for id in like.blocks.keys() {
        snap.blocks.insert(id.clone(), read_block(conn, id)?);
    }
    for key in like.settings.keys() {
        snap.settings.insert(key.clone(), read_setting(conn, key)?);
    }
    habits::capture_like(conn, like, &mut snap)?;
    Ok(snap)
}

fn read_task_row(conn: &Connection, id: &TaskId) -> Result<Option<Task>> {
    let task = conn
        .prepare_cached(&format!("SELECT {TASK_COLUMNS} FROM tasks t WHERE t.id = ?1"))?
        .query_row([id.as_str()], |r| Ok(read_task(r)))
        .optional()?
        .transpose()?;
    let Some(mut task) = task else { return Ok(None) };
    task.depends_on = conn
        .prepare_cached("SELECT depends_on FROM task_dependencies WHERE task_id = ?1 ORDER BY depends_on")?
        .query_map([id.as_str()], |r| Ok(TaskId::from_string(r.get::<_, String>(0)?)))?
        .collect::<std::result::Result<_, _>>()?;
    Ok(Some(task))
}

fn event_rows(conn: &Connection, calendar: &CalendarId, uid: &str) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVENT_COLUMNS} FROM events WHERE calendar_id = ?1 AND uid = ?2 ORDER BY recurrence_id"
    ))?;
    let rows = stmt.query_map(params![calendar.as_str(), uid], |r| Ok(read_event(r)))?;
    rows.map(|r| r?).collect()
}

fn read_block(conn: &Connection, id: &PlanBlockId) -> Result<Option<PlanBlock>> {
    let row: Option<(String, i64, i64, String, Option<String>)> = conn
        .prepare_cached("SELECT task_id, start_utc, end_utc, state, event_id FROM plan_blocks WHERE id = ?1")?
        .query_row([id.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?;
    let Some((task, start, end, state, event)) = row else { return Ok(None) };
    Ok(Some(PlanBlock {
        id: id.clone(),
        task_id: TaskId::from_string(task),
        start: from_epoch(start)?,
        end: from_epoch(end)?,
        state: BlockState::parse(&state).ok_or_else(|| StoreError::Corrupt(format!("block state {state:?}")))?,
        event_id: event.map(EventId::from_string),
    }))
}

/// Writes `target` over what `now` holds, inside the caller's transaction: tasks, habits and
/// hour sets first (blocks and dependencies need them), then event objects, then blocks, then
/// the tasks and habits to delete.
/// Every change of a synced task or event is queued in the outbox.
fn restore(tx: &rusqlite::Transaction<'_>, target: &Snapshot, now: &Snapshot) -> Result<()> {
    let changed = |id: &TaskId, t: &Task| now.tasks.get(id).and_then(Option::as_ref) != Some(t);
    let present: Vec<Task> =
        target.tasks.iter().filter_map(|(id, t)| t.as_ref().filter(|t| changed(id, t))).cloned().collect();
    upsert_tasks(tx, &present)?;
    for t in &present {
        enqueue_task(tx, &t.list_id, &t.uid, OutboxOp::Put)?;
    }
    habits::restore_rows(tx, target, now)?;
    for ((calendar, uid), rows) in &target.events {
        let current = now.events.get(&(calendar.clone(), uid.clone())).cloned().unwrap_or_default();
        if same_rows(rows, &current) {
            continue;
        }
        let origin = rows.first().or(current.first()).and_then(|e| e.origin.to_property());
        if rows.is_empty() {
            tx.execute("DELETE FROM events WHERE calendar_id = ?1 AND uid = ?2", params![calendar.as_str(), uid])?;
            enqueue_event(tx, calendar, uid, OutboxOp::Delete, origin.as_deref())?;
        } else {
            import_in(tx, rows, &[], UidScope::Whole)?;
            enqueue_event(tx, calendar, uid, OutboxOp::Put, origin.as_deref())?;
        }
    }
    for (id, block) in &target.blocks {
        match block {
            None => {
                tx.execute("DELETE FROM plan_blocks WHERE id = ?1", [id.as_str()])?;
            }
            Some(b) => {
                tx.prepare_cached(
                    "INSERT INTO plan_blocks (id, task_id, start_utc, end_utc, state, event_id, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (id) DO UPDATE SET task_id = excluded.task_id, start_utc = excluded.start_utc,
                         end_utc = excluded.end_utc, state = excluded.state, event_id = excluded.event_id",
                )?
                .execute(params![
                    b.id.as_str(),
                    b.task_id.as_str(),
                    to_epoch(b.start),
                    to_epoch(b.end),
                    b.state.as_str(),
                    b.event_id.as_ref().map(|e| e.as_str()),
                    now_epoch()
                ])?;
            }
        }
    }
    habits::restore_blocks(tx, target, now)?;
    for (key, value) in &target.settings {
        match value {
            Some(v) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, v],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
        };
    }
    for (id, task) in &target.tasks {
        if task.is_none() {
            if let Some(Some(gone)) = now.tasks.get(id) {
                tx.execute("DELETE FROM tasks WHERE id = ?1", [id.as_str()])?;
                enqueue_task(tx, &gone.list_id, &gone.uid, OutboxOp::Delete)?;
            }
        }
    }
    Ok(())
}
