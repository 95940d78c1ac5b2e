//! The journal's part for habits and hour sets: a habit brings its blocks (ghosts and
//! accepted sessions, with their events); an hour set is its name and windows.

use super::{Keys, Snapshot};
use crate::error::Result;
use crate::habit_blocks::{habit_blocks_in, upsert_habit_block_in};
use crate::habits::{habits_in, save_habit_in};
use crate::rows::now_epoch;
use miraage_domain::{BlockState, CalendarId, HabitBlock, HourSet};
use rusqlite::{params, Connection, OptionalExtension};

/// Adds the habits and hour sets `keys` name to `snap` (and, with the plan, the habit ghosts
/// and sessions not long over), and the event objects of the habits' blocks to `event_keys`.
pub(super) fn capture(
    conn: &Connection,
    keys: &Keys,
    snap: &mut Snapshot,
    event_keys: &mut Vec<(CalendarId, String)>,
) -> Result<()> {
    for id in &keys.habits {
        snap.habits.insert(id.clone(), habits_in(conn, "id = ?1", [id])?.pop());
        for b in habit_blocks_in(conn, "habit_id = ?1", &[id])? {
            event_keys.extend(event_key(conn, &b)?);
            snap.habit_blocks.insert(b.id.clone(), Some(b));
        }
    }
    if keys.plan {
        let recent = now_epoch() - super::PLAN_PAST_SECS;
        for b in habit_blocks_in(conn, "state = 'proposed' OR end_utc > ?1", &[&recent])? {
            event_keys.extend(event_key(conn, &b)?);
            snap.habit_blocks.insert(b.id.clone(), Some(b));
        }
    }
    for name in &keys.hour_sets {
        snap.hour_sets.insert(name.clone(), hour_set(conn, name)?);
    }
    Ok(())
}

/// The current state of exactly the habits, blocks and hour sets `like` holds.
pub(super) fn capture_like(conn: &Connection, like: &Snapshot, snap: &mut Snapshot) -> Result<()> {
    for id in like.habits.keys() {
        snap.habits.insert(id.clone(), habits_in(conn, "id = ?1", [id])?.pop());
    }
    for id in like.habit_blocks.keys() {
        snap.habit_blocks.insert(id.clone(), habit_blocks_in(conn, "id = ?1", &[&id.as_str()])?.pop());
    }
    for name in like.hour_sets.keys() {
        snap.hour_sets.insert(name.clone(), hour_set(conn, name)?);
    }
    Ok(())
}

fn event_key(conn: &Connection, b: &HabitBlock) -> Result<Option<(CalendarId, String)>> {
    let Some(event) = &b.event_id else { return Ok(None) };
    Ok(conn
        .prepare_cached("SELECT calendar_id, uid FROM events WHERE id = ?1")?
        .query_row([event.as_str()], |r| Ok((CalendarId::from_string(r.get::<_, String>(0)?), r.get(1)?)))
        .optional()?)
}

fn hour_set(conn: &Connection, name: &str) -> Result<Option<HourSet>> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT name, windows FROM hour_sets WHERE name = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(name, windows)| {
        let windows = serde_json::from_str(&windows)
            .map_err(|e| crate::StoreError::Corrupt(format!("windows of the hour set {name}: {e}")))?;
        Ok(HourSet { name, windows })
    })
    .transpose()
}

/// What differs between the journal's expectation and `now`, by title; ghosts left out.
pub(super) fn differences(want: &Snapshot, now: &Snapshot, out: &mut Vec<String>) {
    for (id, w) in &want.habits {
        let have = now.habits.get(id).cloned().flatten();
        if *w != have {
            out.push(have.as_ref().or(w.as_ref()).map_or_else(|| "a habit".into(), |h| h.title.clone()));
        }
    }
    for (id, w) in &want.habit_blocks {
        let have = now.habit_blocks.get(id).cloned().flatten();
        let proposed = |b: &Option<HabitBlock>| b.as_ref().is_none_or(|b| b.state == BlockState::Proposed);
        if *w != have && !(proposed(w) && proposed(&have)) {
            out.push("a habit session".into());
        }
    }
    for (name, w) in &want.hour_sets {
        let have = now.hour_sets.get(name).cloned().flatten();
        if have != *w {
            out.push(have.as_ref().or(w.as_ref()).map_or_else(|| name.clone(), |s| s.name.clone()));
        }
    }
}

/// Writes the habits and hour sets of `target` that exist there, before the events and
/// blocks that need them.
pub(super) fn restore_rows(tx: &rusqlite::Transaction<'_>, target: &Snapshot, now: &Snapshot) -> Result<()> {
    for (id, habit) in &target.habits {
        if let Some(h) = habit.as_ref().filter(|h| now.habits.get(id).and_then(Option::as_ref) != Some(*h)) {
            save_habit_in(tx, h)?;
        }
    }
    for (name, set) in &target.hour_sets {
        match set {
            Some(s) => {
                let windows = serde_json::to_string(&s.windows)
                    .map_err(|e| crate::StoreError::Invalid(format!("windows of the hour set {name}: {e}")))?;
                tx.prepare_cached(
                    "INSERT INTO hour_sets (name, windows, created_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (name) DO UPDATE SET name = excluded.name, windows = excluded.windows",
                )?
                .execute(params![s.name, windows, now_epoch()])?;
            }
            None => {
                tx.execute("DELETE FROM hour_sets WHERE name = ?1", [name])?;
            }
        }
    }
    Ok(())
}

/// Writes the habit blocks of `target` (after their events) and deletes the habits it does
/// not hold (their blocks go with them).
pub(super) fn restore_blocks(tx: &rusqlite::Transaction<'_>, target: &Snapshot, now: &Snapshot) -> Result<()> {
    for (id, block) in &target.habit_blocks {
        match block {
            None => {
                tx.execute("DELETE FROM habit_blocks WHERE id = ?1", [id.as_str()])?;
            }
            Some(b) if target.habits.get(&b.habit_id).is_none_or(Option::is_some) => write_block(tx, b)?,
            Some(_) => {}
        }
    }
    for (id, habit) in &target.habits {
        if habit.is_none() && now.habits.get(id).is_some_and(Option::is_some) {
            tx.execute("DELETE FROM habits WHERE id = ?1", [id])?;
        }
    }
    Ok(())
}

fn write_block(tx: &rusqlite::Transaction<'_>, b: &HabitBlock) -> Result<()> {
    // A ghost of a habit deleted since is not brought back (nothing to plan it for).
    let habit: Option<i64> =
        tx.query_row("SELECT 1 FROM habits WHERE id = ?1", [&b.habit_id], |r| r.get(0)).optional()?;
    if habit.is_none() {
        return Ok(());
    }
    upsert_habit_block_in(tx, b)
}
