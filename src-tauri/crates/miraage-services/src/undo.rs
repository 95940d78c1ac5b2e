//! Undo and redo of every edit made through these use cases, for every face (the window's
//! Ctrl+Z and toast, `miraage-cli undo`).
//!
//! Each edit records the state of what it touched before and after (the store's journal,
//! bounded to the last 100). Undo writes the before-state as a new edit: it goes through the
//! outbox to the servers like any other, never a local rollback a server would not hear of.
//! If a sync or another window changed the thing since, undo says so and changes nothing.

use crate::error::{Result, ServiceError};
use miraage_domain::{CalendarId, TaskId};
use miraage_store::{Direction, Keys, Store, StoreError};
use serde::Serialize;
use ts_rs::TS;

/// What an edit touches, named before it runs.
#[derive(Debug, Clone, Default)]
pub struct Key(Keys);

impl Key {
    /// A task, with its plan blocks and the tasks waiting for it.
    pub fn task(id: &TaskId) -> Self {
        Key(Keys { tasks: vec![id.clone()], ..Keys::default() })
    }

    /// An event object (a one-off event, or a series with its overrides) by its UID.
    pub fn event(calendar: &CalendarId, uid: &str) -> Self {
        Key(Keys { events: vec![(calendar.clone(), uid.to_string())], ..Keys::default() })
    }

    /// A habit, with its ghosts and accepted sessions (and their events).
    pub fn habit(id: &str) -> Self {
        Key(Keys { habits: vec![id.to_string()], ..Keys::default() })
    }

    /// A setting, by its key.
    pub fn setting(key: &str) -> Self {
        Key(Keys { settings: vec![key.to_string()], ..Keys::default() })
    }

    /// One of the user's hour sets, by name.
    pub fn hour_set(name: &str) -> Self {
        Key(Keys { hour_sets: vec![name.to_string()], ..Keys::default() })
    }

    /// The plan: ghosts and accepted blocks, with their events.
    pub fn plan() -> Self {
        let settings = miraage_scheduling::PROPOSAL_SETTINGS.iter().map(|s| s.to_string()).collect();
        Key(Keys { plan: true, settings, ..Keys::default() })
    }
}

fn merged(keys: &[Key]) -> Keys {
    let mut all = Keys::default();
    for Key(k) in keys {
        all.tasks.extend(k.tasks.iter().cloned());
        all.events.extend(k.events.iter().cloned());
        all.plan |= k.plan;
        all.settings.extend(k.settings.iter().cloned());
        all.habits.extend(k.habits.iter().cloned());
        all.hour_sets.extend(k.hour_sets.iter().cloned());
    }
    all
}

/// What the user reads about an edit: "deleted “Write report”".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label(String);

impl Label {
    /// `verb` the task `title` ("completed “Write report”").
    pub fn named(verb: &str, title: &str) -> Self {
        Label(format!("{verb} “{}”", short(title)))
    }

    /// Any sentence fragment, read after "Undo: ".
    pub fn text(text: impl Into<String>) -> Self {
        Label(text.into())
    }
}

/// A title as a label quotes it: a line, cut to a length a toast can show.
pub fn short(title: &str) -> String {
    let line = title.lines().next().unwrap_or_default();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(59).collect::<String>())
    } else {
        line.to_string()
    }
}

/// Runs `edit` and records it in the journal with the state of `keys` before and after.
///
/// # Errors
/// The edit's own (then nothing is recorded); store failures recording it.
pub fn record<T>(
    store: &mut Store,
    label: Label,
    keys: &[Key],
    edit: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<T> {
    record_more(store, label, keys, |store| Ok((edit(store)?, Vec::new())))
}

/// As [`record`], for an edit that makes things it can name only once done (a split series'
/// new UID): `edit` returns them; they did not exist before.
///
/// # Errors
/// As [`record`].
pub fn record_more<T>(
    store: &mut Store,
    label: Label,
    keys: &[Key],
    edit: impl FnOnce(&mut Store) -> Result<(T, Vec<Key>)>,
) -> Result<T> {
    let keys = merged(keys);
    let before = store.snapshot(&keys)?;
    let (out, more) = edit(store)?;
    let mut all = vec![Key(keys)];
    all.extend(more);
    let after = store.snapshot_after(&before, &merged(&all))?;
    if before != after {
        store.journal_push(&label.0, before, after)?;
    }
    Ok(out)
}

/// What the next undo and redo would do, for the toast and the Edit menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UndoState {
    /// "Undo: deleted “Write report”"; null when there is nothing to undo.
    pub undo: Option<String>,
    /// "Redo: deleted “Write report”"; null when there is nothing to redo.
    pub redo: Option<String>,
}

/// What an undo or redo did, and what would come next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct UndoOutcome {
    /// "Undone: deleted “Write report”".
    pub message: String,
    pub state: UndoState,
}

/// What the next undo and redo would do.
///
/// # Errors
/// Store failures.
pub fn state(store: &Store) -> Result<UndoState> {
    let label = |d| -> Result<Option<String>> { Ok(store.journal_top(d)?.map(|e| e.label)) };
    Ok(UndoState {
        undo: label(Direction::Undo)?.map(|l| format!("Undo: {l}")),
        redo: label(Direction::Redo)?.map(|l| format!("Redo: {l}")),
    })
}

/// Undoes the last edit made through this store: its before-state is written as a new edit.
///
/// # Errors
/// [`ServiceError::NotFound`] when there is nothing to undo; [`crate::ErrorCode::Invalid`]
/// naming what changed since (then nothing changed); read-only when a calendar became
/// read-only meanwhile.
pub fn undo(store: &mut Store) -> Result<UndoOutcome> {
    apply(store, Direction::Undo)
}

/// Redoes the last undone edit.
///
/// # Errors
/// As [`undo`].
pub fn redo(store: &mut Store) -> Result<UndoOutcome> {
    apply(store, Direction::Redo)
}

fn apply(store: &mut Store, direction: Direction) -> Result<UndoOutcome> {
    let (verb, done) = match direction {
        Direction::Undo => ("undo", "Undone"),
        Direction::Redo => ("redo", "Redone"),
    };
    let entry =
        store.journal_top(direction)?.ok_or_else(|| ServiceError::NotFound(format!("There is nothing to {verb}.")))?;
    if let Err(changed) = store.journal_apply(&entry, direction)? {
        let names: Vec<String> = changed.titles.iter().map(|t| format!("“{}”", short(t))).collect();
        return Err(ServiceError::Store(StoreError::Invalid(format!(
            "Could not {verb} ({}): {} changed since, on a server or in another window. Nothing was changed; edit it directly instead.",
            entry.label,
            names.join(", ")
        ))));
    }
    Ok(UndoOutcome { message: format!("{done}: {}", entry.label), state: state(store)? })
}
