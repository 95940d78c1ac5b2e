//! One line for every ghost that moves: why its block left where it was (the event that now
//! overlaps it, named by its title, or the task it made room for) and why it went where it
//! did (its due date). A move ghost replaces accepted blocks; a new ghost moves when the
//! previous proposal had its task elsewhere.

use crate::preview::{GhostKind, GhostView};
use crate::problem::Built;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use miraage_domain::{BlockState, PlanBlock};
use miraage_planner::{Plan, Problem, Task};
use std::collections::HashMap;

/// Gives each moved ghost of `ghosts` its reason: move ghosts always, new ghosts whose task
/// the previous proposal (`previous`) had somewhere else. Other ghosts keep theirs.
pub(crate) fn explain_moves(
    built: &Built,
    previous: &[PlanBlock],
    plan: &Plan,
    zone: Tz,
    ghosts: &mut [(PlanBlock, GhostView)],
) {
    let p = &built.problem;
    let planned =
        |task: &str, s: i64, e: i64| plan.blocks.iter().any(|b| b.task == task && b.start_s() == s && b.end_s() == e);
    let same = |a: &PlanBlock, b: &PlanBlock| a.task_id == b.task_id && a.start == b.start && a.end == b.end;
    // The k-th moved ghost of a task is paired with the k-th block of it that left.
    let mut nth: HashMap<String, usize> = HashMap::new();
    for (block, view) in ghosts.iter_mut() {
        let task = view.task_id.as_str();
        let Some(t) = p.tasks.iter().find(|t| t.id == task) else { continue };
        if view.kind == GhostKind::New && previous.iter().any(|b| same(b, block)) {
            continue; // where the previous proposal had it
        }
        let left: Vec<&PlanBlock> = match view.kind {
            GhostKind::Move => built
                .pinned
                .iter()
                .filter(|b| b.task_id.as_str() == task && !planned(task, b.start.timestamp(), b.end.timestamp()))
                .collect(),
            GhostKind::New => previous
                .iter()
                .filter(|b| b.task_id.as_str() == task)
                .filter(|b| !planned(task, b.start.timestamp(), b.end.timestamp()))
                .collect(),
        };
        let k = nth.entry(task.to_string()).or_default();
        let Some(from) = left.get(*k).or(left.last()) else { continue };
        *k += 1;
        let why = why_left(p, built, plan, from, t, zone);
        view.reason = Some(format!("{why}; {}", where_to(t, block.start, zone)));
    }
}

/// Why the block at `from` could not stay there.
fn why_left(p: &Problem, built: &Built, plan: &Plan, from: &PlanBlock, t: &Task, zone: Tz) -> String {
    let (s, e) = (from.start.timestamp(), from.end.timestamp());
    let locked = from.state == BlockState::Locked;
    let this = if locked { "this locked block" } else { "this block" };
    // The event itself first; then, for a block that is not pinned, the buffer around one.
    let pad = if from.state == BlockState::Proposed { i64::from(p.settings.buffer_min) * 60 } else { 0 };
    let hit = p
        .busy
        .iter()
        .filter(|x| x.start < x.end)
        .find(|x| x.start < e && s < x.end)
        .or_else(|| p.busy.iter().filter(|x| x.start < x.end).find(|x| x.start - pad < e && s < x.end + pad));
    if let Some(ev) = hit {
        let name = if ev.title.trim().is_empty() { "An event" } else { ev.title.as_str() };
        let near = if ev.start < e && s < ev.end { "overlaps" } else { "leaves no buffer before or after" };
        return format!("“{name}” at {} now {near} {this} ({})", clock(ev.start, zone), clock(s, zone));
    }
    // Another task's block took the time: it made room for that task.
    let taker = plan
        .blocks
        .iter()
        .filter(|b| b.task != t.id && b.start_s() < e && s < b.end_s())
        .find_map(|b| p.tasks.iter().find(|x| x.id == b.task));
    if let Some(other) = taker {
        let title = built.titles.get(&other.id).map_or(other.title.as_str(), String::as_str);
        let because = match (other.due, t.due) {
            (Some(a), Some(b)) if a < b => "due sooner",
            (Some(_), None) => "due sooner",
            _ if other.weight() > t.weight() => "more important",
            _ => "placed first",
        };
        return format!("made room for “{title}” ({because}) at {}", clock(s, zone));
    }
    if from.state != BlockState::Proposed {
        return format!("{} no longer fits at {}", capital(this), clock(s, zone));
    }
    format!("moved from {}, where it no longer fits", clock(s, zone))
}

/// Where the block went, and why there: before its due date when it has one.
fn where_to(t: &Task, start: DateTime<Utc>, zone: Tz) -> String {
    let at = clock(start.timestamp(), zone);
    match t.due {
        Some(due) if start.timestamp() < due => format!("placed at {at}, before its due date {}", clock(due, zone)),
        Some(due) => format!("placed at {at}, the first free time (after its due date {})", clock(due, zone)),
        None => format!("placed at {at}, the first free time that holds it"),
    }
}

/// "Tue 10:00" on the user's clock.
pub(crate) fn clock(epoch: i64, zone: Tz) -> String {
    DateTime::from_timestamp(epoch, 0).unwrap_or_default().with_timezone(&zone).format("%a %H:%M").to_string()
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}
