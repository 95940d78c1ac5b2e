//! Turning a schedule state into a [`Plan`]: blocks in time order, a concrete reason for
//! every unscheduled minute, and the tasks at risk of finishing late.

use crate::construct::{choose_chunk, State};
use std::collections::BTreeSet;

use crate::model::{Model, Slot};
use crate::plan::{AtRisk, Block, Plan, PlanStats, Unscheduled};

/// `locked` blocks come out marked, so the next re-plan keeps them too.
pub(crate) fn to_plan(
    m: &Model,
    st: &State,
    locked: &BTreeSet<(Slot, Slot, u32)>,
    notes: Vec<String>,
    stats: PlanStats,
) -> Plan {
    let p = m.p;
    let mut blocks: Vec<_> = st.blocks.clone();
    blocks.sort_unstable();
    let blocks = blocks
        .iter()
        .map(|&(a, b, t)| Block {
            locked: locked.contains(&(a, b, t)),
            ..Block::from_epoch(p, &p.tasks[t as usize].id, m.epoch(a), m.epoch(b))
        })
        .collect();
    let mut unscheduled = Vec::new();
    let mut at_risk = Vec::new();
    for (t, mt) in m.tasks.iter().enumerate() {
        let placed_min = st.placed[t] * 5;
        let full = mt.full(st.placed[t]);
        if placed_min < mt.dur_min {
            unscheduled.push(Unscheduled {
                task: p.tasks[t].id.clone(),
                minutes: mt.dur_min - placed_min,
                reason: reason(m, st, t),
            });
        }
        if let Some(due) = mt.due {
            let late = if st.nblocks[t] > 0 {
                (m.epoch(st.finish[t]) - due).max(0) / 60
            } else {
                0
            };
            if late > 0 || !full {
                at_risk.push(AtRisk {
                    task: p.tasks[t].id.clone(),
                    late_min: late,
                    fully_placed: full,
                });
            }
        }
    }
    Plan {
        planner: "miraage-planner".into(),
        blocks,
        unscheduled,
        at_risk,
        notes,
        stats: Some(stats),
    }
}

/// The most specific reason why task `t` is not fully placed in `st`.
fn reason(m: &Model, st: &State, t: usize) -> String {
    let mt = &m.tasks[t];
    let task = &m.p.tasks[t];
    if !mt.placeable() || mt.dur_slots < mt.cmin {
        return "its chunk sizes allow no block on the 5-minute grid".into();
    }
    if st.placed[t] == mt.dur_slots {
        return "duration is not a multiple of 5 minutes; blocks are".into();
    }
    let remaining = mt.dur_slots - st.placed[t];
    if st.placed[t] > 0 && remaining < mt.cmin {
        return format!(
            "the remaining {} min are shorter than the smallest allowed block ({} min)",
            remaining * 5,
            task.eff_min_chunk()
        );
    }
    for &d in &mt.deps {
        if !m.tasks[d as usize].full(st.placed[d as usize]) {
            return format!("prerequisite {} not fully placed", m.p.tasks[d as usize].id);
        }
    }
    let lo = st.ready_at(m, t).unwrap_or(mt.lo);
    let hi = mt.hi;
    let until = if task.hard_due {
        "before the hard due date"
    } else {
        "before the horizon end"
    };
    let after = if lo > mt.lo {
        " after its prerequisites finish"
    } else if mt.lo > 0 {
        " after its earliest start"
    } else {
        ""
    };
    let hours = &task.hours;
    let fits = |iv: &(u32, u32)| {
        let (a, b) = (iv.0.max(lo), iv.1.min(hi));
        b > a && choose_chunk(remaining, b - a, mt.cmin, mt.cmax).is_some()
    };
    if lo >= hi || !m.free[mt.hours].iter().any(fits) {
        let (lo_min, hi_min) = (
            task.eff_min_chunk(),
            task.max_chunk_min.min(task.duration_min),
        );
        let size = if lo_min == hi_min {
            format!("{lo_min}")
        } else {
            format!("{lo_min}-{hi_min}")
        };
        return format!("no free {hours} hours{after} {until} for a {size} min block");
    }
    let open: Vec<(u32, u32)> = st.free[mt.hours]
        .iter()
        .filter(|iv| fits(iv))
        .copied()
        .collect();
    if open.is_empty() {
        return format!("horizon full: the free {hours} hours {until} went to more valuable or more urgent tasks");
    }
    if let Some(cap) = m.cap {
        let room = open.iter().any(|&(a, b)| {
            let a = a.max(lo);
            let d = m.day_of_slot[a as usize] as usize;
            let b = b.min(hi).min(m.day_end[d]);
            b > a
                && choose_chunk(
                    remaining,
                    (b - a).min(cap.saturating_sub(st.cap_used[d])),
                    mt.cmin,
                    mt.cmax,
                )
                .is_some()
        });
        if !room {
            return "daily cap reached on every day with free time".into();
        }
    }
    if mt.due.is_some() {
        "left out on purpose: it would finish so late that the lateness costs more than leaving it unscheduled".into()
    } else {
        "left out on purpose: the free time left for it costs more (fragments, lateness) than it gains".into()
    }
}
