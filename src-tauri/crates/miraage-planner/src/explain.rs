//! Turning a schedule state into a [`Plan`]: blocks in time order, and for the user a
//! one-line reason for every unscheduled minute, every task at risk of finishing late, every
//! task split into more blocks than it needs, and every block they placed that had to move.
//! Sentences name tasks by title and say what the user can do (see `words.rs`).

use std::collections::BTreeSet;

use crate::construct::{choose_chunk, cut, first_gap, splittable, splittable_chunk, State};
use crate::keep::{Collision, Dropped};
use crate::model::{floor_slot, Model, Slot};
use crate::plan::{AtRisk, Block, Plan, PlanStats, Split, Unscheduled};
use crate::time::windows::merge;
use crate::words::{count, event, hours, span, title, when};

/// `locked` blocks come out marked, so the next re-plan keeps them too.
pub(crate) fn to_plan(
    m: &Model,
    st: &State,
    locked: &BTreeSet<(Slot, Slot, u32)>,
    dropped: &[Dropped],
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
        let why = (placed_min < mt.dur_min).then(|| reason(m, st, t));
        if let Some(why) = &why {
            unscheduled.push(Unscheduled {
                task: p.tasks[t].id.clone(),
                minutes: mt.dur_min - placed_min,
                reason: why.clone(),
            });
        }
        if let Some(due) = mt.due {
            let finish = m.epoch(st.finish[t]);
            let late = if st.nblocks[t] > 0 { (finish - due).max(0) / 60 } else { 0 };
            if late > 0 || !full {
                let reason = match &why {
                    Some(why) => {
                        format!("{} of its {} min are not planned: {why}", mt.dur_min - placed_min, mt.dur_min)
                    }
                    None => format!(
                        "finishes {}, {} after its due date {}; move the due date or raise its priority",
                        when(p, finish),
                        span(late),
                        when(p, due)
                    ),
                };
                at_risk.push(AtRisk { task: p.tasks[t].id.clone(), late_min: late, fully_placed: full, reason });
            }
        }
    }
    Plan {
        planner: "miraage-planner".into(),
        blocks,
        unscheduled,
        at_risk,
        notes: dropped.iter().map(|d| note(m, st, d)).collect(),
        split: splits(m, st, locked),
        stats: Some(stats),
    }
}

/// What happened to a block the user placed that could not stay.
fn note(m: &Model, st: &State, d: &Dropped) -> String {
    let p = m.p;
    let what = match &d.why {
        Collision::Event(i) => format!("now overlaps {}", event(p, *i)),
        Collision::Block { task, start } if *task == d.task => {
            format!("overlaps its own block at {}", when(p, *start))
        }
        Collision::Block { task, start } => {
            format!("overlaps {} at {}, which you placed too", title(p, *task), when(p, *start))
        }
        Collision::Grid => "does not lie on the 5-minute grid".into(),
    };
    let outcome =
        if m.tasks[d.task].full(st.placed[d.task]) { "it was moved" } else { "not all of it could be planned again" };
    format!("{} at {} {what}; {outcome}", title(p, d.task), when(p, d.start))
}

/// The most specific reason why task `t` is not fully placed in `st`, with what to do.
fn reason(m: &Model, st: &State, t: usize) -> String {
    let p = m.p;
    let mt = &m.tasks[t];
    let task = &p.tasks[t];
    if !mt.placeable() || mt.dur_slots < mt.cmin {
        return "its length and block sizes allow no block on the 5-minute grid; use whole 5 minutes".into();
    }
    if st.placed[t] >= mt.dur_slots {
        return "its length is not a multiple of 5 minutes, and blocks are; round it to 5 minutes".into();
    }
    let remaining = mt.dur_slots - st.placed[t];
    if !splittable(mt.dur_slots, mt.cmin, mt.cmax) {
        let size = if mt.cmin == mt.cmax {
            format!("{} min", mt.cmin * 5)
        } else {
            format!("{}-{} min", mt.cmin * 5, mt.cmax * 5)
        };
        return format!("its {} min do not divide into blocks of {size}; change its length or block sizes", mt.dur_min);
    }
    if st.placed[t] > 0 && remaining < mt.cmin {
        return format!(
            "the last {} min are shorter than its shortest block ({} min); allow shorter blocks",
            remaining * 5,
            task.eff_min_chunk()
        );
    }
    for &d in &mt.deps {
        if !m.tasks[d as usize].full(st.placed[d as usize]) {
            return format!("waits for {}, which is not fully planned yet", title(p, d as usize));
        }
    }
    let lo = st.ready_at(m, t).unwrap_or(mt.lo);
    let hi = mt.hi;
    let set = hours(&task.hours);
    let (until, advice) = match task.due {
        Some(d) if task.hard_due => (format!("before its due date {}", when(p, d)), "move the due date or add hours"),
        _ => ("in the planned range".into(), "add hours or plan further ahead"),
    };
    let after = if lo > mt.lo {
        // The prerequisite that finishes last holds it back.
        let last = mt.deps.iter().max_by_key(|&&d| st.finish[d as usize]);
        last.map_or(String::new(), |&d| format!(" after {} is done", title(p, d as usize)))
    } else if mt.lo > 0 {
        format!(" after its start date {}", when(p, task.earliest_start.unwrap_or(p.now)))
    } else {
        String::new()
    };
    if let (Some(es), Some(d), true) = (task.earliest_start, task.due, task.hard_due) {
        if es >= d {
            return format!(
                "its start date {} is not before its due date {}; move one of them",
                when(p, es),
                when(p, d)
            );
        }
    }
    let fits = |iv: &(u32, u32)| {
        let (a, b) = (iv.0.max(lo), iv.1.min(hi));
        b > a && choose_chunk(remaining, b - a, mt.cmin, mt.cmax).is_some()
    };
    if lo >= hi || !m.free[mt.hours].iter().any(fits) {
        let (lo_min, hi_min) = (task.eff_min_chunk(), task.max_chunk_min.min(task.duration_min));
        let size = if lo_min == hi_min { format!("{lo_min}") } else { format!("{lo_min}-{hi_min}") };
        return format!("no free {set}{after} {until} for a {size} min block; {advice}");
    }
    let open: Vec<(u32, u32)> = st.free[mt.hours].iter().filter(|iv| fits(iv)).copied().collect();
    let taken = match task.due {
        Some(d) if task.hard_due => format!("the free {set} before its due date {}", when(p, d)),
        _ => format!("the free {set}"),
    };
    if open.is_empty() {
        return format!("{taken} went to more urgent or more important tasks; raise its priority or add hours");
    }
    if let Some(cap) = m.cap {
        let room = open.iter().any(|&(a, b)| {
            let a = a.max(lo);
            let d = m.day_of_slot[a as usize] as usize;
            let b = b.min(hi).min(m.day_end[d]);
            b > a
                && choose_chunk(remaining, (b - a).min(cap.saturating_sub(st.cap_used[d])), mt.cmin, mt.cmax).is_some()
        });
        if !room {
            return format!(
                "the daily limit of {} for tasks is reached on every day with free {set}; raise the daily limit in Settings",
                span(i64::from(cap) * 5)
            );
        }
    }
    if m.brk > 0 && st.nblocks[t] > 0 {
        let zones = st.break_zones(m, t);
        let gap = first_gap(m, &st.free[mt.hours], &st.cap_used, &zones, (lo, hi), mt.cmin);
        if gap.is_none() {
            return format!(
                "the free {set} left are less than {} min from its other blocks; shorten the break between blocks in Settings",
                p.settings.task_break_min
            );
        }
    }
    match mt.due {
        Some(d) if d <= p.now => format!(
            "it was due {}; the time left for it would cost more in lateness than leaving it out; move the due date or raise its priority",
            when(p, d)
        ),
        Some(d) => format!(
            "it could only finish long after its due date {}, which costs more than leaving it out; move the due date or raise its priority",
            when(p, d)
        ),
        None => "the only free time left is so far ahead that it is not worth it there; raise its priority or add hours".into(),
    }
}

/// Tasks in more blocks than `ceil(duration / max_chunk)`, or in several where the previous
/// plan had one, and why.
fn splits(m: &Model, st: &State, locked: &BTreeSet<(Slot, Slot, u32)>) -> Vec<Split> {
    let p = m.p;
    let index = p.task_index();
    let mut before: Vec<BTreeSet<(i64, i64)>> = vec![BTreeSet::new(); m.tasks.len()];
    for b in p.previous_plan.iter().flatten() {
        let (s, e) = (b.start.max(p.now), b.end.min(p.horizon_end));
        if let (Some(&t), true) = (index.get(b.task.as_str()), e > s) {
            before[t].insert((s, e));
        }
    }
    let mut out = Vec::new();
    for (t, mt) in m.tasks.iter().enumerate() {
        let n = st.nblocks[t];
        let was_one = before[t].len() == 1;
        if n < 2 || (i64::from(n) <= mt.need_blocks && !was_one) {
            continue;
        }
        let reason = split_reason(m, st, locked, t);
        out.push(Split { task: p.tasks[t].id.clone(), reason });
    }
    out
}

fn split_reason(m: &Model, st: &State, locked: &BTreeSet<(Slot, Slot, u32)>, t: usize) -> String {
    let p = m.p;
    let mt = &m.tasks[t];
    let parts = count(st.nblocks[t]);
    // The user's blocks (`mine`) and the planner's (`own`).
    let users = |&(a, b): &(Slot, Slot)| locked.contains(&(a, b, t as u32));
    let mine: Vec<(Slot, Slot)> = st.blocks_of(t).filter(users).collect();
    let own: Vec<(Slot, Slot)> = st.blocks_of(t).filter(|b| !users(b)).collect();
    let own_len: Slot = own.iter().map(|b| b.1 - b.0).sum();
    if own.is_empty() {
        return format!("you placed it in {parts} parts yourself");
    }
    if !mine.is_empty() && own.len() == 1 {
        return format!(
            "you placed {} min of it yourself; the other {} min are a block of their own",
            mine.iter().map(|b| (b.1 - b.0) * 5).sum::<Slot>(),
            own_len * 5
        );
    }
    if i64::from(st.nblocks[t]) <= mt.need_blocks {
        // Listed because the previous plan had one block: it no longer fits one.
        return format!(
            "it takes {} min and a block is at most {} min, so it is in {parts} parts",
            mt.dur_min,
            mt.cmax * 5
        );
    }
    // The longest block its planned minutes could be, with its own blocks taken out again.
    let len = mt.cmax.min(own_len).max(1);
    let h = mt.hours;
    let mut free: Vec<(i64, i64)> =
        st.free[h].iter().chain(own.iter()).map(|&(a, b)| (i64::from(a), i64::from(b))).collect();
    free = merge(free);
    let free: Vec<(Slot, Slot)> = free.iter().map(|&(a, b)| (a as Slot, b as Slot)).collect();
    let mut cap_used = st.cap_used.clone();
    if m.cap.is_some() {
        for &(a, b) in &own {
            for s in a..b {
                let d = m.day_of_slot[s as usize] as usize;
                cap_used[d] = cap_used[d].saturating_sub(1);
            }
        }
    }
    let zones: Vec<(Slot, Slot)> = {
        let z: Vec<(i64, i64)> =
            mine.iter().map(|&(a, b)| (i64::from(a.saturating_sub(m.brk)), i64::from(b + m.brk))).collect();
        merge(if m.brk > 0 { z } else { Vec::new() }).iter().map(|&(a, b)| (a as Slot, b as Slot)).collect()
    };
    let lo = st.ready_at(m, t).unwrap_or(mt.lo);
    let due = mt.due.filter(|&d| d > p.now);
    let until = due.map_or(mt.hi, |d| mt.hi.min(floor_slot(m.origin, d).clamp(0, i64::from(m.n)) as Slot));
    let by = match (due, mt.hi < m.n) {
        (Some(d), _) => format!("before its due date {}", when(p, d)),
        (None, true) => format!("before its due date {}", when(p, m.epoch(mt.hi))),
        (None, false) => "in the planned range".into(),
    };
    let minutes = len * 5;
    let whole = Packing { free, cap_used, zones }.finish(m, mt, (lo, until), own_len, len);
    match whole {
        None if mt.need_blocks == 1 => {
            format!("no free {minutes} minutes {by}, so it is split in {parts}")
        }
        None => format!("not enough free time in {minutes}-minute blocks {by}, so it is split in {parts}"),
        Some(x) if x > st.finish[t] => {
            let blocks =
                if mt.need_blocks == 1 { "in one piece".to_string() } else { format!("in {minutes}-minute blocks") };
            format!(
                "{blocks} it would only be done {}; split in {parts} it is done by {}",
                when(p, m.epoch(x)),
                when(p, m.epoch(st.finish[t]))
            )
        }
        Some(_) => format!("it is split in {parts} to fit between other blocks"),
    }
}

/// Free time as a task would find it without its own (planner-placed) blocks.
struct Packing {
    free: Vec<(Slot, Slot)>,
    cap_used: Vec<Slot>,
    zones: Vec<(Slot, Slot)>,
}

impl Packing {
    /// When `total` slots would be done if placed first fit in blocks of `len` (shorter only
    /// for the rest) inside `(lo, hi)`; `None` if they do not fit.
    fn finish(
        mut self,
        m: &Model,
        mt: &crate::model::MTask,
        (lo, hi): (Slot, Slot),
        total: Slot,
        len: Slot,
    ) -> Option<Slot> {
        let mut left = total;
        let mut end = 0;
        while left > 0 {
            let c = splittable_chunk(left, len.min(left), mt.cmin.min(left), mt.cmax).unwrap_or(len.min(left));
            let x = first_gap(m, &self.free, &self.cap_used, &self.zones, (lo, hi), c)?;
            cut(&mut self.free, x, x + c);
            if m.cap.is_some() {
                for s in x..x + c {
                    self.cap_used[m.day_of_slot[s as usize] as usize] += 1;
                }
            }
            if m.brk > 0 {
                let z = (x.saturating_sub(m.brk), x + c + m.brk);
                let k = self.zones.partition_point(|w| w.0 < z.0);
                self.zones.insert(k, z);
                let merged = merge(self.zones.iter().map(|&(a, b)| (i64::from(a), i64::from(b))).collect());
                self.zones = merged.iter().map(|&(a, b)| (a as Slot, b as Slot)).collect();
            }
            end = end.max(x + c);
            left -= c;
        }
        Some(end)
    }
}
