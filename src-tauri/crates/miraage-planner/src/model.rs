//! The compiled problem: time discretised into 5-minute slots from `now` to `horizon_end`,
//! static free time per hours set, tasks reduced to slot arithmetic.
//!
//! Slot `s` is the instant `origin + 300 s`; `origin` is `now` rounded up to the grid, so a
//! block `[a, b)` of slots is always on the grid, after `now` and before the horizon.

use std::collections::BTreeMap;

use crate::problem::Problem;
use crate::time::windows::{merge, subtract};
use crate::time::{Days, GRID_S};

pub(crate) type Slot = u32;

#[derive(Debug, Clone)]
pub(crate) struct MTask {
    pub w: i64,
    pub dur_min: u32,
    /// Whole slots of the duration: the most that can ever be placed.
    pub dur_slots: Slot,
    /// Smallest and largest block, in slots.
    pub cmin: Slot,
    pub cmax: Slot,
    /// Earliest start slot (earliest start, now) and latest end slot (hard due, horizon).
    pub lo: Slot,
    pub hi: Slot,
    pub due: Option<i64>,
    pub hours: usize,
    pub project: u32,
    /// `ceil(duration / max_chunk)`: blocks beyond this cost fragmentation.
    pub need_blocks: i64,
    pub deps: Vec<u32>,
    /// Previous-plan time of this task, clipped to `[now, horizon]`, merged (for churn).
    pub prev: Vec<(i64, i64)>,
    /// What placing this task in full unlocks: the unscheduled cost of its direct
    /// dependents (`w × 100 × minutes`), credited to its chunks by the decoder's gain test.
    pub unlocks: f64,
}

impl MTask {
    /// Whether the chunk rules allow any block at all on the 5-minute grid.
    pub fn placeable(&self) -> bool {
        self.cmin <= self.cmax && self.cmin <= self.dur_slots && self.cmin > 0
    }
    /// "Fully placed" (note 9): the blocks add up to `duration_min` (or more, when the
    /// user placed more than the task lasts).
    pub fn full(&self, placed: Slot) -> bool {
        i64::from(placed) * 5 >= i64::from(self.dur_min)
    }
    /// Slots still missing (0 when placed in full or beyond).
    pub fn missing(&self, placed: Slot) -> Slot {
        self.dur_slots.saturating_sub(placed)
    }
}

#[derive(Debug)]
pub(crate) struct Model<'p> {
    pub p: &'p Problem,
    /// Epoch seconds of slot 0.
    pub origin: i64,
    pub n: Slot,
    pub tasks: Vec<MTask>,
    /// Free slots per hours set: windows minus busy time widened by the buffer.
    pub free: Vec<Vec<(Slot, Slot)>>,
    /// Daily cap in slots, if any.
    pub cap: Option<Slot>,
    /// Rule 9: slots between two blocks of one task (`task_break_min` rounded up).
    pub brk: Slot,
    pub day_of_slot: Vec<u16>,
    /// First slot of the next day, per day index.
    pub day_end: Vec<Slot>,
    /// Per slot, a bit per hours set (of the first 64) whose free time contains the slot;
    /// placing a block only has to cut the free lists of the sets it touches.
    pub sets_at: Vec<u64>,
    pub has_prev: bool,
}

pub(crate) fn ceil_slot(origin: i64, t: i64) -> i64 {
    (t - origin).div_euclid(GRID_S) + i64::from((t - origin).rem_euclid(GRID_S) != 0)
}

pub(crate) fn floor_slot(origin: i64, t: i64) -> i64 {
    (t - origin).div_euclid(GRID_S)
}

impl<'p> Model<'p> {
    /// `p` must already have its habits expanded.
    pub fn new(p: &'p Problem) -> Model<'p> {
        let origin = p.now.div_euclid(GRID_S) * GRID_S + if p.now.rem_euclid(GRID_S) != 0 { GRID_S } else { 0 };
        let n = floor_slot(origin, p.horizon_end).max(0) as Slot;
        let clamp = |x: i64| x.clamp(0, i64::from(n)) as Slot;
        let pad = i64::from(p.settings.buffer_min) * 60;
        let blocked = merge(p.busy.iter().map(|b| (b.start - pad, b.end + pad)).collect());
        let hours_names: Vec<String> = p.hours.keys().cloned().collect();
        let free: Vec<Vec<(Slot, Slot)>> = hours_names
            .iter()
            .map(|name| {
                let w = p.hours[name].instants(p.timezone, p.now, p.horizon_end);
                subtract(&w, &blocked)
                    .into_iter()
                    .filter_map(|(a, b)| {
                        let (a, b) = (clamp(ceil_slot(origin, a)), clamp(floor_slot(origin, b)));
                        (a < b).then_some((a, b))
                    })
                    .collect()
            })
            .collect();
        let hours_idx: BTreeMap<&str, usize> = hours_names.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
        let mut projects: BTreeMap<&str, u32> = BTreeMap::new();
        let index = p.task_index();
        let mut prev_by: BTreeMap<usize, Vec<(i64, i64)>> = BTreeMap::new();
        for b in p.previous_plan.iter().flatten() {
            if let Some(&k) = index.get(b.task.as_str()) {
                prev_by.entry(k).or_default().push((b.start.max(p.now), b.end.min(p.horizon_end)));
            }
        }
        let tasks = p
            .tasks
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let np = projects.len() as u32;
                let project = *projects.entry(t.project.as_str()).or_insert(np);
                let mut hi = n;
                if t.hard_due {
                    if let Some(d) = t.due {
                        hi = hi.min(clamp(floor_slot(origin, d)));
                    }
                }
                MTask {
                    w: t.weight(),
                    dur_min: t.duration_min,
                    dur_slots: t.duration_min / 5,
                    cmin: t.eff_min_chunk().div_ceil(5),
                    cmax: t.max_chunk_min / 5,
                    lo: t.earliest_start.map_or(0, |e| clamp(ceil_slot(origin, e))),
                    hi,
                    due: t.due,
                    hours: hours_idx[t.hours.as_str()],
                    project,
                    need_blocks: i64::from(t.duration_min.div_ceil(t.max_chunk_min)),
                    deps: t.depends_on.iter().map(|d| index[d.as_str()] as u32).collect(),
                    prev: prev_by.remove(&k).map(merge).unwrap_or_default(),
                    unlocks: 0.0,
                }
            })
            .collect::<Vec<MTask>>();
        let mut tasks = tasks;
        for t in 0..tasks.len() {
            let value = (tasks[t].w * 100 * i64::from(tasks[t].dur_min)) as f64;
            for d in tasks[t].deps.clone() {
                tasks[d as usize].unlocks += value;
            }
        }
        let days = Days::covering(p.timezone, p.now, p.horizon_end);
        let mut day_of_slot = Vec::with_capacity(n as usize);
        let day_end: Vec<Slot> = (0..=days.len()).map(|d| clamp(ceil_slot(origin, days.start(d + 1)))).collect();
        let mut d = days.index_of(origin);
        for s in 0..n {
            while day_end[d] <= s {
                d += 1;
            }
            day_of_slot.push(d as u16);
        }
        let mut sets_at = vec![0u64; n as usize];
        for (k, list) in free.iter().enumerate() {
            let bit = if k < 64 { 1u64 << k } else { u64::MAX };
            for &(a, b) in list {
                for x in &mut sets_at[a as usize..b as usize] {
                    *x |= bit;
                }
            }
        }
        Model {
            p,
            sets_at,
            origin,
            n,
            tasks,
            free,
            cap: p.settings.max_task_min_per_day.map(|c| c / 5),
            brk: p.settings.task_break_min.div_ceil(5),
            day_of_slot,
            day_end,
            has_prev: p.previous_plan.as_ref().is_some_and(|v| !v.is_empty()),
        }
    }

    pub fn epoch(&self, s: Slot) -> i64 {
        self.origin + GRID_S * i64::from(s)
    }

    /// The first event (not widened by the buffer) that overlaps `[a, b)`, if any.
    pub fn event_over(&self, a: Slot, b: Slot) -> Option<usize> {
        let (s, e) = (self.epoch(a), self.epoch(b));
        let end = self.p.busy.partition_point(|x| x.start < e);
        self.p.busy[..end].iter().position(|x| x.start < x.end && s < x.end)
    }

    /// A block given in epoch seconds as slots, if it lies on the grid inside `[0, n]`.
    pub fn to_slots(&self, start: i64, end: i64) -> Option<(Slot, Slot)> {
        if (start - self.origin).rem_euclid(GRID_S) != 0 || (end - self.origin).rem_euclid(GRID_S) != 0 {
            return None;
        }
        let (a, b) = ((start - self.origin) / GRID_S, (end - self.origin) / GRID_S);
        (0 <= a && a < b && b <= i64::from(self.n)).then_some((a as Slot, b as Slot))
    }
}
