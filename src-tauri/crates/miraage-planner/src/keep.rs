//! Keeping blocks of an earlier plan: locked and pinned blocks in `plan`, every still-valid
//! block in `replan`. A block is kept only if it still obeys every hard rule together with
//! the blocks kept before it; a dependent's blocks are kept only while its prerequisites are
//! fully kept and end before it starts.

use std::collections::BTreeSet;

use crate::construct::{place_task, topo_order, State};
use crate::model::{Model, Slot};
use crate::problem::PrevBlock;

/// What was kept, and what had to go.
pub(crate) struct Kept {
    pub state: State,
    /// One line per dropped locked block (the user asked for those to stay).
    pub notes: Vec<String>,
    /// The kept blocks that are locked: improvement steps may not move them.
    pub locked: BTreeSet<(Slot, Slot, u32)>,
}

pub(crate) fn keep_blocks(m: &Model, blocks: &[PrevBlock]) -> Kept {
    let index = m.p.task_index();
    // Locked blocks first: they win any conflict with ordinary previous blocks.
    let mut cands: Vec<(usize, u32, u32, bool)> = Vec::new();
    let mut notes = Vec::new();
    let mut sorted: Vec<&PrevBlock> = blocks.iter().collect();
    sorted.sort_by_key(|b| (!b.locked, b.start, b.end));
    for b in sorted {
        let Some(&t) = index.get(b.task.as_str()) else {
            continue;
        };
        let (s, e) = (b.start.max(m.p.now), b.end.min(m.p.horizon_end));
        match m.to_slots(s, e) {
            Some((a, z)) => cands.push((t, a, z, b.locked)),
            None => {
                if e > s && b.locked {
                    notes.push(format!("locked block of {} could not be kept: it is not on the 5-minute grid inside the horizon", b.task));
                }
            }
        }
    }
    let mut excluded = vec![false; m.tasks.len()];
    loop {
        let mut st = State::new(m);
        let mut locked_kept = BTreeSet::new();
        let mut lost = Vec::new();
        for &(t, a, z, locked) in &cands {
            if excluded[t] {
                lost.push((t, locked, "a prerequisite moved"));
                continue;
            }
            if let Some(why) = refuse(m, &st, t, a, z) {
                lost.push((t, locked, why));
                continue;
            }
            st.add(m, t, a, z);
            if locked {
                locked_kept.insert((a, z, t as u32));
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
        // Rule 6: a dependent keeps its blocks only behind fully placed prerequisites.
        let mut changed = false;
        for (t, mt) in m.tasks.iter().enumerate() {
            if excluded[t] || st.nblocks[t] == 0 {
                continue;
            }
            let first = st
                .blocks
                .iter()
                .filter(|b| b.2 as usize == t)
                .map(|b| b.0)
                .min()
                .unwrap_or(0);
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
            for (t, locked, why) in lost {
                if locked {
                    notes.push(format!(
                        "locked block of {} had to move: {why}",
                        m.p.tasks[t].id
                    ));
                }
            }
            return Kept {
                state: st,
                notes,
                locked: locked_kept,
            };
        }
    }
}

/// Why `[a, z)` of task `t` cannot be kept on top of `st`, if it cannot.
fn refuse(m: &Model, st: &State, t: usize, a: u32, z: u32) -> Option<&'static str> {
    let mt = &m.tasks[t];
    let len = z - a;
    if !m.free[mt.hours].iter().any(|&(fa, fz)| fa <= a && z <= fz) {
        return Some("it now overlaps an event or lies outside its hours");
    }
    if !st.fits(m, t, a, z) {
        return Some("it overlaps another kept block");
    }
    if a < mt.lo || z > mt.hi {
        return Some("it is before the earliest start or after the hard due date");
    }
    if len < mt.cmin || len > mt.cmax {
        return Some("its length breaks the task's chunk sizes");
    }
    if st.placed[t] + len > mt.dur_slots {
        return Some("the task is shorter now");
    }
    if !st.cap_ok(m, a, z) {
        return Some("the daily cap is reached");
    }
    None
}
