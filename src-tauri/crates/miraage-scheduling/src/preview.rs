//! The proposed plan of a horizon: ghost blocks kept in the store as `proposed` blocks, and
//! accepting or rejecting them.

use crate::error::{Result, SchedulingError};
use crate::habits::{as_plan_block, HabitItem};
use crate::problem::build_problem;
use crate::settings::{load_settings, plan_calendar};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::time::format_instant;
use miraage_domain::{BlockState, EventId, HabitBlock, HabitKind, PlanBlock, PlanBlockId, PlanItemKind, TaskId};
use miraage_store::Store;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;
use ts_rs::TS;

/// Which accepted blocks each move ghost replaces, by ghost id (settings key; it lives as
/// long as the ghosts do).
const REPLACES_KEY: &str = "planning.replaces";
/// The last proposal as it was described, so that a window can show the current one after
/// another face (the CLI, a sync) replaced it.
const PREVIEW_KEY: &str = "planning.preview";

/// The settings that hold a proposal's state beside its blocks (undo keeps them with them).
pub const PROPOSAL_SETTINGS: [&str; 2] = [REPLACES_KEY, PREVIEW_KEY];
/// The furthest a due date stretches the horizon: planning stays instant.
const MAX_HORIZON_DAYS: i64 = 92;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GhostKind {
    /// A new block for a task.
    New,
    /// Where a re-plan would move accepted blocks that no longer fit.
    Move,
}

/// One proposed block, as the week view draws it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct GhostView {
    pub id: String,
    pub task_id: String,
    pub title: String,
    /// RFC 3339 UTC instants.
    pub start: String,
    pub end: String,
    pub kind: GhostKind,
    /// What the block is for: a task, a habit session or focus time (drawn each its own way).
    pub item: PlanItemKind,
    /// For a move: the accepted blocks (and their events) accepting this ghost removes.
    pub replaces: Vec<String>,
    /// Why the block is here, in one line naming things by their title (a move always has
    /// one: "“Standup” at Tue 10:00 now overlaps this block; placed at Tue 14:00, before its
    /// due date Fri 17:00"; a ghost that moved when planning again: "made room for …").
    pub reason: Option<String>,
}

/// A task that will finish after its due date, or not be fully planned before it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskView {
    pub task_id: String,
    pub title: String,
    /// Minutes the last block ends after the due date.
    pub late_min: u32,
    pub fully_placed: bool,
    /// One line: how late or what is missing, and what the user can do.
    pub reason: String,
}

/// Minutes of a task the plan leaves out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnscheduledView {
    pub task_id: String,
    pub title: String,
    pub minutes: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlanPreview {
    /// The horizon planned (from now or the range's start, whichever is later).
    pub from: String,
    pub to: String,
    pub ghosts: Vec<GhostView>,
    pub at_risk: Vec<RiskView>,
    pub unscheduled: Vec<UnscheduledView>,
    /// Accepted blocks the plan would move (because an event now covers them, say).
    pub moved: u32,
    pub notes: Vec<String>,
    /// Time spent building the problem, planning and storing the ghosts.
    pub planning_ms: u32,
}

/// A planner run over the store, not yet written: ghost blocks with their views, which
/// accepted blocks each move ghost replaces, and the plan's report.
struct Proposal {
    started: Instant,
    start: DateTime<Utc>,
    to: DateTime<Utc>,
    ghosts: Vec<(PlanBlock, GhostView)>,
    replaces: BTreeMap<String, Vec<String>>,
    /// The habit period behind each habit ghost's task id.
    habits: HashMap<String, HabitItem>,
    /// Accepted blocks the plan does not keep where they are.
    moved: usize,
    at_risk: Vec<RiskView>,
    unscheduled: Vec<UnscheduledView>,
    notes: Vec<String>,
}

/// Plans `[max(now, from), to)` with accepted blocks pinned and the current ghosts as the
/// previous plan. `None` when the range is already over.
fn propose(
    store: &Store,
    zone: Tz,
    now: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Option<Proposal>> {
    let started = Instant::now();
    let start = from.max(now);
    if to <= start {
        return Ok(None);
    }
    let settings = load_settings(store)?;
    let mut previous = store.blocks_in_state(BlockState::Proposed)?;
    previous.extend(store.habit_blocks_in_state(BlockState::Proposed)?.into_iter().map(|b| as_plan_block(&b)));
    let built = build_problem(store, zone, start, to, &settings, &previous)?;
    let plan = miraage_planner::plan(&built.problem, &miraage_planner::Options::default());

    let key = |task: &str, s: i64, e: i64| (task.to_string(), s, e);
    let planned: HashSet<(String, i64, i64)> =
        plan.blocks.iter().map(|b| key(&b.task, b.start_s(), b.end_s())).collect();
    let mut kept = HashSet::new();
    let mut displaced: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for b in &built.pinned {
        let k = key(b.task_id.as_str(), b.start.timestamp(), b.end.timestamp());
        if planned.contains(&k) {
            kept.insert(k);
        } else {
            displaced.entry(b.task_id.to_string()).or_default().push(b.id.to_string());
        }
    }
    let moved = displaced.values().map(Vec::len).sum();
    let moved_tasks: HashSet<String> = displaced.keys().cloned().collect();
    let title = |id: &str| built.titles.get(id).cloned().unwrap_or_default();
    let displaced_titles: Vec<String> = moved_tasks.iter().map(|t| format!("“{}”", title(t))).collect();
    let why_split: BTreeMap<&str, &str> = plan.split.iter().map(|s| (s.task.as_str(), s.reason.as_str())).collect();
    let why_moved: BTreeMap<String, String> =
        displaced.keys().map(|task| (task.clone(), displacement_reason(&built, task, zone))).collect();

    let mut ghosts = Vec::new();
    let mut replaces = BTreeMap::new();
    for b in plan.blocks.iter().filter(|b| !kept.contains(&key(&b.task, b.start_s(), b.end_s()))) {
        let block = PlanBlock {
            id: PlanBlockId::new(),
            task_id: TaskId::from_string(b.task.clone()),
            start: b.start.with_timezone(&Utc),
            end: b.end.with_timezone(&Utc),
            state: BlockState::Proposed,
            event_id: None,
        };
        let is_move = moved_tasks.contains(&b.task);
        // The first new block of a task takes over (and removes) its displaced blocks.
        let takes = displaced.remove(&b.task).unwrap_or_default();
        if !takes.is_empty() {
            replaces.insert(block.id.to_string(), takes.clone());
        }
        let view = GhostView {
            id: block.id.to_string(),
            task_id: b.task.clone(),
            title: title(&b.task),
            start: format_instant(block.start),
            end: format_instant(block.end),
            kind: if is_move { GhostKind::Move } else { GhostKind::New },
            item: match built.habits.get(&b.task).map(|h| h.kind) {
                None => PlanItemKind::Task,
                Some(HabitKind::Habit) => PlanItemKind::Habit,
                Some(HabitKind::Focus) => PlanItemKind::Focus,
            },
            replaces: takes,
            reason: if is_move {
                why_moved.get(&b.task).cloned()
            } else {
                // What a preferred part of the day did, then why the task was split.
                let said = built.preferences.get(&b.task).map(String::as_str);
                let parts: Vec<&str> = said.into_iter().chain(why_split.get(b.task.as_str()).copied()).collect();
                (!parts.is_empty()).then(|| parts.join("; "))
            },
        };
        ghosts.push((block, view));
    }
    crate::reasons::explain_moves(&built, &previous, &plan, zone, &mut ghosts);
    // A task left partly out is explained once, with its reason, not also listed as at risk.
    let left_out: HashSet<&str> = plan.unscheduled.iter().map(|u| u.task.as_str()).collect();
    Ok(Some(Proposal {
        started,
        start,
        to,
        ghosts,
        replaces,
        habits: built.habits.clone(),
        moved,
        at_risk: plan
            .at_risk
            .iter()
            .filter(|r| r.fully_placed || !left_out.contains(r.task.as_str()))
            .map(|r| RiskView {
                task_id: r.task.clone(),
                title: title(&r.task),
                late_min: u32::try_from(r.late_min.max(0)).unwrap_or(u32::MAX),
                fully_placed: r.fully_placed,
                reason: r.reason.clone(),
            })
            .collect(),
        unscheduled: plan
            .unscheduled
            .iter()
            .map(|u| UnscheduledView {
                task_id: u.task.clone(),
                title: title(&u.task),
                minutes: u.minutes,
                reason: u.reason.clone(),
            })
            .collect(),
        // The planner's note on a displaced block says what its move ghost already says.
        notes: plan.notes.into_iter().filter(|n| !displaced_titles.iter().any(|t| n.contains(t.as_str()))).collect(),
    }))
}

/// Why a task's accepted block had to move: the event that now covers it, named by its title
/// with the block's time; else the planner's own words.
fn displacement_reason(built: &crate::problem::Built, task: &str, zone: Tz) -> String {
    let blocks = built.pinned.iter().filter(|b| b.task_id.as_str() == task);
    for b in blocks {
        let (s, e) = (b.start.timestamp(), b.end.timestamp());
        if let Some(ev) = built.problem.busy.iter().find(|x| x.start < e && x.end > s) {
            return format!("“{}” now overlaps its time, {}", ev.title, local_time(b.start, zone));
        }
    }
    "It overlaps another block you placed, or no longer lies on the planning grid".into()
}

/// "Sat 12 Dec 10:00" in the user's zone.
fn local_time(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%a %-d %b %H:%M").to_string()
}

impl Proposal {
    /// Writes the ghosts (replacing the previous ones) and describes them.
    fn store(self, store: &mut Store) -> Result<PlanPreview> {
        let (blocks, views): (Vec<PlanBlock>, Vec<GhostView>) = self.ghosts.into_iter().unzip();
        let (habit_blocks, blocks): (Vec<PlanBlock>, Vec<PlanBlock>) =
            blocks.into_iter().partition(|b| self.habits.contains_key(b.task_id.as_str()));
        let habit_blocks: Vec<HabitBlock> = habit_blocks
            .into_iter()
            .map(|b| {
                let item = &self.habits[b.task_id.as_str()];
                HabitBlock {
                    id: b.id,
                    habit_id: item.habit_id.clone(),
                    period: item.period.clone(),
                    start: b.start,
                    end: b.end,
                    state: b.state,
                    event_id: None,
                }
            })
            .collect();
        store.replace_proposed_blocks(&blocks)?;
        store.replace_proposed_habit_blocks(&habit_blocks)?;
        store.set_setting(REPLACES_KEY, &self.replaces)?;
        let preview = PlanPreview {
            from: format_instant(self.start),
            to: format_instant(self.to),
            ghosts: views,
            at_risk: self.at_risk,
            unscheduled: self.unscheduled,
            moved: u32::try_from(self.moved).unwrap_or(u32::MAX),
            notes: self.notes,
            planning_ms: u32::try_from(self.started.elapsed().as_millis()).unwrap_or(u32::MAX),
        };
        store.set_setting(PREVIEW_KEY, &preview)?;
        Ok(preview)
    }
}

/// The horizon a plan covers from `now`: at least `horizon_days` (a setting), further when a
/// due date of an open task is further (up to about three months), whatever the window shows.
///
/// # Errors
/// When the store cannot be read.
pub fn horizon(store: &Store, zone: Tz, now: DateTime<Utc>) -> Result<(DateTime<Utc>, DateTime<Utc>)> {
    let settings = load_settings(store)?;
    let mut end = now + chrono::Duration::days(i64::from(settings.horizon_days));
    let cap = now + chrono::Duration::days(MAX_HORIZON_DAYS);
    for t in store.tasks(miraage_store::TaskFilter::Open)? {
        let due = match t.due {
            Some(miraage_domain::Due::Instant(i)) => i,
            Some(miraage_domain::Due::Date(d)) => miraage_domain::time::local_midnight(d.succ_opt().unwrap_or(d), zone),
            None => continue,
        };
        end = end.max(due.min(cap));
    }
    Ok((now, end))
}

/// Plans the rolling horizon ([`horizon`]) from `now`: what the Plan button, the tray and
/// `miraage-cli preview` without a range do.
///
/// # Errors
/// When the store cannot be read or written, or the settings are invalid.
pub fn plan_ahead(store: &mut Store, zone: Tz, now: DateTime<Utc>) -> Result<PlanPreview> {
    let (from, to) = horizon(store, zone, now)?;
    preview(store, zone, now, from, to)
}

/// [`check_changes`] over the rolling horizon.
///
/// # Errors
/// As [`plan_ahead`].
pub fn check_ahead(store: &mut Store, zone: Tz, now: DateTime<Utc>) -> Result<Option<PlanPreview>> {
    let (from, to) = horizon(store, zone, now)?;
    check_changes(store, zone, now, from, to)
}

/// The proposal as the store holds it now (after another face planned, accepted or
/// rejected), described as when it was made; `None` when nothing is proposed.
///
/// # Errors
/// When the store cannot be read.
///
/// # Errors
///
/// [`SchedulingError::Store`] when the database cannot be read or the stored preview no longer
/// reads.
pub fn current_preview(store: &Store) -> Result<Option<PlanPreview>> {
    let mut proposed: HashSet<String> =
        store.blocks_in_state(BlockState::Proposed)?.into_iter().map(|b| b.id.to_string()).collect();
    proposed.extend(store.habit_blocks_in_state(BlockState::Proposed)?.into_iter().map(|b| b.id.to_string()));
    if proposed.is_empty() {
        return Ok(None);
    }
    let Some(mut p) = store.setting::<PlanPreview>(PREVIEW_KEY)? else { return Ok(None) };
    p.ghosts.retain(|g| proposed.contains(&g.id));
    p.moved = u32::try_from(p.ghosts.iter().map(|g| g.replaces.len()).sum::<usize>()).unwrap_or(u32::MAX);
    Ok(Some(p))
}

/// The user asked for a plan of `[max(now, from), to)`: every proposed block becomes a ghost
/// (moves of accepted blocks that no longer fit included).
///
/// # Errors
///
/// [`SchedulingError::Settings`] when the stored hours or lunch break cannot be used;
/// [`SchedulingError::Store`] when the database cannot be read or written (the ghosts are then left
/// as they were).
pub fn preview(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<PlanPreview> {
    match propose(store, zone, now, from, to)? {
        Some(p) => p.store(store),
        None => {
            reject_all(store)?;
            let mut empty = empty_preview(from.max(now), to);
            empty.notes.push("This range is in the past: there is nothing left to plan in it.".into());
            Ok(empty)
        }
    }
}

fn empty_preview(from: DateTime<Utc>, to: DateTime<Utc>) -> PlanPreview {
    PlanPreview {
        from: format_instant(from),
        to: format_instant(to.max(from)),
        ghosts: Vec::new(),
        at_risk: Vec::new(),
        unscheduled: Vec::new(),
        moved: 0,
        notes: Vec::new(),
        planning_ms: 0,
    }
}

/// A ghost: a task's block, or a habit's.
enum Ghost {
    Task(PlanBlock),
    Habit(HabitBlock),
}

/// The ghost `id`, or [`SchedulingError::GhostGone`] when another face replaced the proposal.
fn ghost(store: &Store, id: &PlanBlockId) -> Result<Ghost> {
    if let Some(b) = store.habit_block(id)? {
        return if b.state == BlockState::Proposed { Ok(Ghost::Habit(b)) } else { Err(SchedulingError::GhostGone) };
    }
    match store.plan_block(id) {
        Ok(b) if b.state == BlockState::Proposed => Ok(Ghost::Task(b)),
        Ok(_) | Err(miraage_store::StoreError::NotFound { .. }) => Err(SchedulingError::GhostGone),
        Err(e) => Err(e.into()),
    }
}

fn replaced_by(store: &Store, ghost: &PlanBlockId) -> Result<Vec<PlanBlockId>> {
    let map: BTreeMap<String, Vec<String>> = store.setting(REPLACES_KEY)?.unwrap_or_default();
    Ok(map.get(ghost.as_str()).into_iter().flatten().cloned().map(PlanBlockId::from_string).collect())
}

/// Accepts a ghost where it is, or at `start` (its length kept) when the user dropped it
/// elsewhere, writing its event to the plan calendar; returns the event's id.
///
/// # Errors
///
/// [`SchedulingError::GhostGone`] when `id` is no longer a proposed block (the plan changed
/// elsewhere); [`SchedulingError::Store`] when its task is gone, the database cannot be written
/// or a block it replaces is on a read-only calendar.
pub fn accept_ghost(store: &mut Store, zone: Tz, id: &PlanBlockId, start: Option<DateTime<Utc>>) -> Result<EventId> {
    let found = ghost(store, id)?;
    let (block_start, block_end, project) = match &found {
        Ghost::Task(b) => (b.start, b.end, store.task(&b.task_id)?.project),
        Ghost::Habit(b) => {
            let habit = store.habits()?.into_iter().find(|h| h.id == b.habit_id);
            (b.start, b.end, habit.and_then(|h| h.project))
        }
    };
    let (start, end) = match start {
        Some(s) => (s, s + (block_end - block_start)),
        None => (block_start, block_end),
    };
    let settings = load_settings(store)?;
    let calendar = plan_calendar(store, &settings, project.as_deref())?;
    let replaces = replaced_by(store, id)?;
    Ok(match found {
        Ghost::Task(_) => store.accept_plan_block(id, start, end, &calendar, zone, &replaces)?,
        Ghost::Habit(_) => store.accept_habit_block(id, start, end, &calendar, zone, &replaces)?,
    })
}

/// Accepts every ghost where it is; returns how many.
///
/// # Errors
///
/// As [`accept_ghost`], for the first ghost that fails; the ghosts accepted before it stay
/// accepted.
pub fn accept_all(store: &mut Store, zone: Tz) -> Result<usize> {
    let mut ghosts: Vec<PlanBlockId> = store.blocks_in_state(BlockState::Proposed)?.into_iter().map(|g| g.id).collect();
    ghosts.extend(store.habit_blocks_in_state(BlockState::Proposed)?.into_iter().map(|g| g.id));
    for g in &ghosts {
        accept_ghost(store, zone, g, None)?;
    }
    store.set_setting(REPLACES_KEY, &BTreeMap::<String, Vec<String>>::new())?;
    Ok(ghosts.len())
}

/// Rejects one ghost; [`SchedulingError::GhostGone`] when another face replaced the proposal.
///
/// # Errors
///
/// [`SchedulingError::GhostGone`] when `id` is no longer a proposed block;
/// [`SchedulingError::Store`] when the database cannot be read or written.
pub fn reject_ghost(store: &mut Store, id: &PlanBlockId) -> Result<()> {
    match ghost(store, id)? {
        Ghost::Task(_) => store.reject_plan_block(id)?,
        Ghost::Habit(_) => store.reject_habit_block(id)?,
    }
    Ok(())
}

/// Removes every ghost; accepted blocks and events stay as they are.
///
/// # Errors
///
/// [`SchedulingError::Store`] when the database cannot be written.
pub fn reject_all(store: &mut Store) -> Result<()> {
    store.replace_proposed_blocks(&[])?;
    store.replace_proposed_habit_blocks(&[])?;
    store.set_setting(REPLACES_KEY, &BTreeMap::<String, Vec<String>>::new())?;
    Ok(())
}

/// After an event changed: if accepted blocks in `[max(now, from), to)` no longer fit, the
/// re-plan's moves become the ghosts and are returned; `None` (ghosts left as they are) when
/// everything still fits. With "apply re-plans automatically" on, the moves are accepted at
/// once and the preview (with no ghosts left) says so in its notes.
///
/// # Errors
///
/// As [`preview`]; with re-plans applied automatically, also as [`accept_all`].
pub fn check_changes(
    store: &mut Store,
    zone: Tz,
    now: DateTime<Utc>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Option<PlanPreview>> {
    let Some(mut proposal) = propose(store, zone, now, from, to)? else { return Ok(None) };
    if proposal.moved == 0 {
        return Ok(None);
    }
    proposal.ghosts.retain(|(_, g)| g.kind == GhostKind::Move);
    let mut p = proposal.store(store)?;
    let settings = load_settings(store)?;
    if settings.apply_replans_automatically {
        // A locked block, or more churn than the budget: the user reviews the ghosts.
        if let Some(note) = crate::budget::held_for_review(store, &settings, &p.ghosts)? {
            p.notes.push(note);
            return Ok(Some(p));
        }
        let n = accept_all(store, zone)?;
        p.ghosts.clear();
        p.notes.push(format!("Re-plan applied automatically: {n} block(s) moved."));
    }
    Ok(Some(p))
}
