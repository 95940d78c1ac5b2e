//! Keeping blocks of an earlier plan: locked and pinned blocks in `plan`, every still-valid
//! block in `replan`.
//!
//! A locked block is the user's decision: it stays exactly where it is unless the event
//! itself (not its buffer) now covers it or it overlaps a locked block kept before it (in
//! time order); the hours set, the cap, the due date, the break and prerequisites do not
//! move it. An ordinary block is kept only if it still obeys every hard rule together with
//! the blocks kept before it, and a dependent's ordinary blocks only while its prerequisites
//! are fully kept and end before they start.

use std::collections::BTreeSet;

use crate::construct::{place_task, topo_order, State};
use crate::model::{ceil_slot, floor_slot, Model, Slot};
use crate::problem::PrevBlock;

/// What was kept, and which locked blocks had to go.
pub(crate) struct Kept {
    pub state: State,
    pub dropped: Vec<Dropped>,
    /// The kept blocks that are locked: improvement steps may not move them.
    pub locked: BTreeSet<(Slot, Slot, u32)>,
    /// Ordinary blocks kept inside the frozen horizon: improvement steps may not move them
    /// either, but they are not the user's locks (the plan does not mark them).
    pub held: BTreeSet<(Slot, Slot, u32)>,
}

/// A locked block that could not stay where the user put it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Dropped {
    pub task: usize,
    pub start: i64,
    pub end: i64,
    pub why: Collision,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Collision {
    /// The event `p.busy[i]` overlaps it.
    Event(usize),
    /// It overlaps the kept locked block of `task` starting at `start`.
    Block { task: usize, start: i64 },
    /// Less than 5 minutes of it lie on the grid.
    Grid,
}

/// Keeps `blocks`: the locked ones as described above, then the ordinary ones that still obey
/// every rule, those starting before `hold_until` (the frozen horizon) first.
pub(crate) fn keep_blocks(m: &Model, blocks: &[PrevBlock], hold_until: i64) -> Kept {
    let index = m.p.task_index();
    let horizon = m.epoch(m.n);
    let mut locked: Vec<(Slot, Slot, usize)> = Vec::new();
    let mut plain: Vec<(Slot, Slot, usize)> = Vec::new();
    let mut dropped = Vec::new();
    for b in blocks {
        let Some(&t) = index.get(b.task.as_str()) else {
            continue;
        };
        if b.locked {
            // Clipped to the grid inside [now, horizon]: what is past is done.
            let (s, e) = (b.start.max(m.origin), b.end.min(horizon));
            let (a, z) = (ceil_slot(m.origin, s), floor_slot(m.origin, e));
            if a < z {
                locked.push((a as Slot, z as Slot, t));
            } else if b.start >= m.p.now && b.end <= m.p.horizon_end && b.end > b.start {
                dropped.push(Dropped { task: t, start: b.start, end: b.end, why: Collision::Grid });
            }
        } else if let Some((a, z)) = m.to_slots(b.start.max(m.p.now), b.end.min(m.p.horizon_end)) {
            plain.push((a, z, t));
        }
    }
    // The same block may come as pinned and as a locked block of the previous plan.
    locked.sort_unstable();
    locked.dedup();
    plain.sort_unstable();
    plain.dedup();
    plain.retain(|b| locked.binary_search(b).is_err());
    // Blocks inside the frozen horizon are tried before all others (a stable sort keeps
    // time order within each part).
    let hold = ceil_slot(m.origin, hold_until).clamp(0, i64::from(m.n)) as Slot;
    plain.sort_by_key(|b| b.0 >= hold);

    let mut fixed = State::new(m);
    let mut locked_kept = BTreeSet::new();
    for &(a, z, t) in &locked {
        let why = if let Some(e) = m.event_over(a, z) {
            Collision::Event(e)
        } else if let Some(&(ka, _, kt)) = locked_kept.iter().find(|&&(ka, kz, _)| ka < z && a < kz) {
            Collision::Block { task: kt as usize, start: m.epoch(ka) }
        } else {
            fixed.add(m, t, a, z);
            locked_kept.insert((a, z, t as u32));
            continue;
        };
        dropped.push(Dropped { task: t, start: m.epoch(a), end: m.epoch(z), why });
    }

    let mut excluded = vec![false; m.tasks.len()];
    loop {
        let mut st = fixed.clone();
        let mut held = BTreeSet::new();
        for &(a, z, t) in &plain {
            if !excluded[t] && keepable(m, &st, t, a, z) {
                st.add(m, t, a, z);
                if a < hold {
                    held.insert((a, z, t as u32));
                }
            }
        }
        // A prerequisite that lost blocks is placed again right away (earliest fit), so
        // that its dependents can keep theirs when it still ends before they start.
        let mut needed = vec![false; m.tasks.len()];
        for (t, mt) in m.tasks.iter().enumerate() {
            if st.nblocks[t] > 0 {
                for &d in &mt.deps {
                    needed[d as usize] = true;
                }
            }
        }
        let order = topo_order(m, |t| t);
        for &t in order.iter().rev() {
            if needed[t as usize] {
                for &d in &m.tasks[t as usize].deps {
                    needed[d as usize] = true;
                }
            }
        }
        for &t in &order {
            let t = t as usize;
            if needed[t] && !m.tasks[t].full(st.placed[t]) {
                place_task(m, &mut st, t, false);
            }
        }
        // Rule 6: a dependent keeps its ordinary blocks only behind fully placed
        // prerequisites (its locked blocks stay regardless).
        let mut changed = false;
        for (t, mt) in m.tasks.iter().enumerate() {
            if excluded[t] || mt.deps.is_empty() {
                continue;
            }
            let first = st.blocks_of(t).filter(|&(a, z)| !locked_kept.contains(&(a, z, t as u32))).map(|b| b.0).min();
            let Some(first) = first else { continue };
            let ok = mt.deps.iter().all(|&d| {
                let d = d as usize;
                m.tasks[d].full(st.placed[d]) && st.finish[d] <= first
            });
            if !ok {
                excluded[t] = true;
                changed = true;
            }
        }
        if !changed {
            held.retain(|&(a, z, t)| st.blocks_of(t as usize).any(|b| b == (a, z)));
            return Kept { state: st, dropped, locked: locked_kept, held };
        }
    }
}

/// Whether the ordinary block `[a, z)` of task `t` still obeys every rule on top of `st`.
fn keepable(m: &Model, st: &State, t: usize, a: Slot, z: Slot) -> bool {
    let mt = &m.tasks[t];
    let len = z - a;
    m.free[mt.hours].iter().any(|&(fa, fz)| fa <= a && z <= fz)
        && st.fits(m, t, a, z)
        && mt.lo <= a
        && z <= mt.hi
        && (mt.cmin..=mt.cmax).contains(&len)
        && st.placed[t] + len <= mt.dur_slots
        && st.cap_ok(m, a, z)
        && st.break_ok(m, t, a, z)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problem;
    use serde_json::json;

    /// Monday 2026-11-23 from 08:00 Berlin, work 09-17 on weekdays, one task "a".
    fn problem(extra: serde_json::Value) -> Problem {
        let mut v = json!({
            "version": 1, "timezone": "Europe/Berlin",
            "now": "2026-11-23T08:00:00+01:00", "horizon_end": "2026-11-30T00:00:00+01:00",
            "hours": {"work": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}},
            "busy": [{"id": "e", "title": "Dentist", "start": "2026-11-24T09:00:00+01:00", "end": "2026-11-24T10:00:00+01:00"}],
            "tasks": [{"id": "a", "title": "Write", "duration_min": 180, "min_chunk_min": 30, "max_chunk_min": 60,
                       "due": "2026-11-23T12:00:00+01:00", "hard_due": true}],
            "settings": {"buffer_min": 15, "max_task_min_per_day": 60, "task_break_min": 30}
        });
        for (k, x) in extra.as_object().expect("object") {
            v[k] = x.clone();
        }
        Problem::from_value(&v).expect("valid")
    }

    fn blk(start: &str, end: &str, locked: bool) -> PrevBlock {
        let t = |s: &str| crate::time::parse_time(s, "t").expect("time");
        PrevBlock { task: "a".into(), start: t(start), end: t(end), locked }
    }

    #[test]
    fn an_ordinary_block_closer_than_the_break_to_a_kept_one_is_not_kept() {
        let p = problem(json!({"settings": {"task_break_min": 30}}));
        let m = Model::new(&p);
        let kept = keep_blocks(
            &m,
            &[
                blk("2026-11-23T11:30:00+01:00", "2026-11-23T12:00:00+01:00", false),
                blk("2026-11-23T10:15:00+01:00", "2026-11-23T10:45:00+01:00", false),
                blk("2026-11-23T09:00:00+01:00", "2026-11-23T10:00:00+01:00", false),
            ],
            0,
        );
        let mut spans: Vec<_> = kept.state.blocks_of(0).map(|(a, b)| (m.epoch(a), m.epoch(b))).collect();
        spans.sort_unstable();
        // 10:15 is 15 minutes after 09:00-10:00 ends: it goes; 11:30 is 90 after, it stays.
        let t = |s: &str| crate::time::parse_time(s, "t").expect("time");
        assert_eq!(
            spans,
            vec![
                (t("2026-11-23T09:00:00+01:00"), t("2026-11-23T10:00:00+01:00")),
                (t("2026-11-23T11:30:00+01:00"), t("2026-11-23T12:00:00+01:00")),
            ]
        );
    }

    #[test]
    fn a_locked_block_stays_outside_its_hours_over_the_cap_after_the_due_and_too_close() {
        let p = problem(json!({}));
        let m = Model::new(&p);
        let blocks = [
            // Saturday (no work hours), after the hard due, beyond the 60-minute cap with
            // the next one, 5 minutes apart (break 30), 90 minutes (chunks of 60 at most).
            blk("2026-11-28T10:00:00+01:00", "2026-11-28T11:30:00+01:00", true),
            blk("2026-11-28T11:35:00+01:00", "2026-11-28T12:05:00+01:00", true),
            // Right after the dentist, inside the 15-minute buffer.
            blk("2026-11-24T10:00:00+01:00", "2026-11-24T10:30:00+01:00", true),
        ];
        let kept = keep_blocks(&m, &blocks, 0);
        assert!(kept.dropped.is_empty(), "{:?}", kept.dropped);
        assert_eq!(kept.locked.len(), 3);
        assert_eq!(kept.state.placed[0], 30, "150 min, all counted");
    }

    #[test]
    fn a_locked_block_on_an_event_or_on_an_earlier_locked_block_is_dropped_with_the_cause() {
        let p = problem(json!({}));
        let m = Model::new(&p);
        let blocks = [
            blk("2026-11-24T09:30:00+01:00", "2026-11-24T10:30:00+01:00", true),
            blk("2026-11-23T13:00:00+01:00", "2026-11-23T14:00:00+01:00", true),
            blk("2026-11-23T13:30:00+01:00", "2026-11-23T14:30:00+01:00", true),
            // The same block again (pinned and locked in the previous plan): one block.
            blk("2026-11-23T13:00:00+01:00", "2026-11-23T14:00:00+01:00", true),
        ];
        let kept = keep_blocks(&m, &blocks, 0);
        assert_eq!(kept.locked.len(), 1);
        let whys: Vec<_> = kept.dropped.iter().map(|d| d.why.clone()).collect();
        let t = |s: &str| crate::time::parse_time(s, "t").expect("time");
        assert_eq!(
            whys,
            vec![Collision::Block { task: 0, start: t("2026-11-23T13:00:00+01:00") }, Collision::Event(0),]
        );
    }
}
