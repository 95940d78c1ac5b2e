//! Construction: the schedule state, the first-fit decoder that turns a task order into a
//! plan, and the greedy orders the search starts from.
//!
//! The decoder takes tasks in the given (dependency-respecting) order and places each one in
//! the earliest free time of its hours set, in the largest chunks its rules allow, but only
//! while a chunk lowers the score (a chunk that would end so late that its lateness costs
//! more than the unscheduled minutes it saves is left out). Blocks of one task stay the
//! break (rule 9) apart, also from blocks the task already has before or after them.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::model::{MTask, Model, Slot};

/// Placed blocks plus everything needed to place more: free time, daily use, per-task sums.
#[derive(Debug)]
pub(crate) struct State {
    /// Free slots per hours set (the model's free time minus placed blocks).
    pub free: Vec<Vec<(Slot, Slot)>>,
    pub cap_used: Vec<Slot>,
    pub placed: Vec<Slot>,
    pub finish: Vec<Slot>,
    pub nblocks: Vec<u32>,
    /// (start, end, task), in placement order.
    pub blocks: Vec<(Slot, Slot, u32)>,
    /// Per block, the index of the task's block added before it (`NONE` for its first);
    /// with `last` a list per task that copies as two flat vectors.
    pub prev_of: Vec<u32>,
    /// Per task, the index of its latest block (`NONE` without blocks).
    pub last: Vec<u32>,
    /// Per hours set, what earlier searches learnt: `(c, from, until)` means no block of `c`
    /// slots fits anywhere in `[from, until)`. Free time only shrinks while a state grows, so
    /// this stays true, also for larger blocks, and later searches start at `until`.
    pub no_fit: Vec<Vec<(Slot, Slot, Slot)>>,
    /// Order-independent hash of the set of blocks: two states with equal signatures hold
    /// the same blocks, so decoding the same tasks from them gives the same result.
    pub sig: u64,
}

impl Clone for State {
    fn clone(&self) -> State {
        State {
            free: self.free.clone(),
            cap_used: self.cap_used.clone(),
            placed: self.placed.clone(),
            finish: self.finish.clone(),
            nblocks: self.nblocks.clone(),
            blocks: self.blocks.clone(),
            prev_of: self.prev_of.clone(),
            last: self.last.clone(),
            no_fit: self.no_fit.clone(),
            sig: self.sig,
        }
    }

    /// Reuses the allocations of `self`: the search copies states in its inner loop.
    fn clone_from(&mut self, o: &State) {
        self.free.clone_from(&o.free);
        self.cap_used.clone_from(&o.cap_used);
        self.placed.clone_from(&o.placed);
        self.finish.clone_from(&o.finish);
        self.nblocks.clone_from(&o.nblocks);
        self.blocks.clone_from(&o.blocks);
        self.prev_of.clone_from(&o.prev_of);
        self.last.clone_from(&o.last);
        self.no_fit.clone_from(&o.no_fit);
        self.sig = o.sig;
    }
}

impl State {
    pub fn new(m: &Model) -> State {
        State {
            free: m.free.clone(),
            cap_used: vec![0; m.day_end.len()],
            placed: vec![0; m.tasks.len()],
            finish: vec![0; m.tasks.len()],
            nblocks: vec![0; m.tasks.len()],
            blocks: Vec::new(),
            prev_of: Vec::new(),
            last: vec![NONE; m.tasks.len()],
            no_fit: vec![Vec::new(); m.free.len()],
            sig: 0,
        }
    }

    /// The blocks of task `t`, latest added first.
    pub fn blocks_of(&self, t: usize) -> impl Iterator<Item = (Slot, Slot)> + '_ {
        let mut k = self.last[t];
        std::iter::from_fn(move || {
            let (a, b, _) = *self.blocks.get(k as usize)?;
            k = self.prev_of[k as usize];
            Some((a, b))
        })
    }

    /// Rule 9: the time a new block of `t` may not overlap, sorted and merged: each of its
    /// blocks widened by the break on both sides. Empty without a break or without blocks.
    pub fn break_zones(&self, m: &Model, t: usize) -> Vec<(Slot, Slot)> {
        if m.brk == 0 || self.nblocks[t] == 0 {
            return Vec::new();
        }
        let mut z: Vec<(Slot, Slot)> = self.blocks_of(t).map(|(a, b)| (a.saturating_sub(m.brk), b + m.brk)).collect();
        z.sort_unstable();
        let mut out: Vec<(Slot, Slot)> = Vec::with_capacity(z.len());
        for (a, b) in z {
            match out.last_mut() {
                Some(l) if a <= l.1 => l.1 = l.1.max(b),
                _ => out.push((a, b)),
            }
        }
        out
    }

    /// Whether `[a, b)` keeps the break from every block of `t`.
    pub fn break_ok(&self, m: &Model, t: usize, a: Slot, b: Slot) -> bool {
        m.brk == 0 || self.blocks_of(t).all(|(x, y)| b + m.brk <= x || y + m.brk <= a)
    }

    /// Whether `[a, b)` is free in the task's hours set (inside one free interval).
    pub fn fits(&self, m: &Model, t: usize, a: Slot, b: Slot) -> bool {
        let f = &self.free[m.tasks[t].hours];
        let i = f.partition_point(|iv| iv.1 <= a);
        i < f.len() && f[i].0 <= a && b <= f[i].1
    }

    /// Slots of `[a, b)` per day that would count against the cap.
    pub fn cap_ok(&self, m: &Model, a: Slot, b: Slot) -> bool {
        let Some(cap) = m.cap else { return true };
        let mut s = a;
        while s < b {
            let d = m.day_of_slot[s as usize] as usize;
            let e = b.min(m.day_end[d]).max(s + 1);
            if self.cap_used[d] + (e - s) > cap {
                return false;
            }
            s = e;
        }
        true
    }

    pub fn add(&mut self, m: &Model, t: usize, a: Slot, b: Slot) {
        let touched = m.sets_at[a as usize..b as usize].iter().fold(0u64, |acc, x| acc | x);
        for (k, f) in self.free.iter_mut().enumerate() {
            if k >= 64 || touched & (1 << k) != 0 {
                cut(f, a, b);
            }
        }
        if m.cap.is_some() {
            let mut s = a;
            while s < b {
                let d = m.day_of_slot[s as usize] as usize;
                let e = b.min(m.day_end[d]).max(s + 1);
                self.cap_used[d] += e - s;
                s = e;
            }
        }
        self.placed[t] += b - a;
        self.finish[t] = self.finish[t].max(b);
        self.nblocks[t] += 1;
        self.prev_of.push(self.last[t]);
        self.last[t] = self.blocks.len() as u32;
        self.blocks.push((a, b, t as u32));
        self.sig ^= mix((t as u64) << 42 ^ u64::from(a) << 21 ^ u64::from(b));
    }

    /// Earliest slot the task may start at, given its prerequisites; `None` when one of them
    /// is not fully placed (rule 6).
    pub fn ready_at(&self, m: &Model, t: usize) -> Option<Slot> {
        let mt = &m.tasks[t];
        let mut lo = mt.lo;
        for &d in &mt.deps {
            let d = d as usize;
            if !m.tasks[d].full(self.placed[d]) {
                return None;
            }
            lo = lo.max(self.finish[d]);
        }
        Some(lo)
    }
}

/// "No block" in [`State::prev_of`] and [`State::last`].
const NONE: u32 = u32::MAX;

/// SplitMix64's finaliser: spreads a block's key over 64 bits for [`State::sig`].
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Removes `[a, b)` from a sorted list of disjoint free intervals.
pub(crate) fn cut(f: &mut Vec<(Slot, Slot)>, a: Slot, b: Slot) {
    let i = f.partition_point(|iv| iv.1 <= a);
    let mut j = i;
    let mut keep: [(Slot, Slot); 2] = [(0, 0); 2];
    let mut nk = 0;
    while j < f.len() && f[j].0 < b {
        if f[j].0 < a {
            keep[nk] = (f[j].0, a);
            nk += 1;
        }
        if f[j].1 > b {
            keep[nk] = (b, f[j].1);
            nk += 1;
        }
        j += 1;
    }
    if i == j {
        return;
    }
    f.splice(i..j, keep[..nk].iter().copied());
}

/// Whether `r` slots can still be placed as blocks of `cmin..=cmax` slots.
pub(crate) fn splittable(r: Slot, cmin: Slot, cmax: Slot) -> bool {
    r == 0 || (cmax > 0 && r.div_ceil(cmax) * cmin <= r)
}

/// The chunk (slots) to place when `avail` slots are free and `remaining` are missing: the
/// largest that leaves a remainder still splittable into allowed blocks, or failing that
/// the largest allowed at all (the rest then stays unscheduled, which beats placing less).
pub(crate) fn choose_chunk(remaining: Slot, avail: Slot, cmin: Slot, cmax: Slot) -> Option<Slot> {
    let top = cmax.min(avail).min(remaining);
    if top < cmin {
        return None;
    }
    splittable_chunk(remaining, top, cmin, cmax).or(Some(top))
}

/// The largest chunk up to `top` that leaves a splittable remainder, if any.
pub(crate) fn splittable_chunk(remaining: Slot, top: Slot, cmin: Slot, cmax: Slot) -> Option<Slot> {
    (cmin..=top).rev().find(|&c| splittable(remaining - c, cmin, cmax))
}

/// Score change (lower is better) of adding `[a, a + c)` to task `t`.
pub(crate) fn chunk_gain(m: &Model, st: &State, t: usize, a: Slot, c: Slot) -> f64 {
    let mt: &MTask = &m.tasks[t];
    let w = mt.w as f64;
    let new_f = m.epoch(a + c);
    let had = st.nblocks[t] > 0;
    let old_f = if had { m.epoch(st.finish[t]) } else { m.p.now };
    let mut delta = -(w * 100.0 * 5.0 * f64::from(c));
    if new_f > old_f {
        delta += w * (new_f - old_f) as f64 / 3600.0;
        if let Some(due) = mt.due {
            let late = |f: i64| (f - due).max(0);
            let old_late = if had { late(old_f) } else { 0 };
            delta += w * (late(new_f) - old_late) as f64 / 60.0;
        }
    }
    if i64::from(st.nblocks[t]) + 1 > mt.need_blocks {
        delta += 30.0;
    }
    delta - mt.unlocks
}

/// Places what is left of task `t` first-fit from its ready time; returns slots placed.
///
/// A first pass only takes chunks that leave a remainder still splittable into allowed
/// blocks (a 40-minute gap does not take 40 of 45 missing minutes when a later gap takes all
/// 45); with `compact` it also skips free intervals where a chunk would cost a block beyond
/// the `ceil(duration / max_chunk)` the task needs, in favour of later whole chunks. If the
/// first pass leaves minutes out after skipping something, a plain first fit follows.
pub(crate) fn place_task(m: &Model, st: &mut State, t: usize, compact: bool) -> Slot {
    let (placed, skipped) = place_pass(m, st, t, compact, true);
    let mt = &m.tasks[t];
    if skipped && mt.missing(st.placed[t]) >= mt.cmin {
        return placed + place_pass(m, st, t, false, false).0;
    }
    placed
}

/// One first-fit pass; returns (slots placed, whether a usable interval was skipped).
fn place_pass(m: &Model, st: &mut State, t: usize, compact: bool, strict: bool) -> (Slot, bool) {
    let mt = &m.tasks[t];
    if !mt.placeable() || st.placed[t] >= mt.dur_slots {
        return (0, false);
    }
    let Some(lo0) = st.ready_at(m, t) else {
        return (0, false);
    };
    let hi = mt.hi;
    let before = st.placed[t];
    let Some(need) = smallest_chunk(mt.dur_slots - st.placed[t], mt.cmin, mt.cmax) else {
        return (0, false);
    };
    let h = mt.hours;
    let mut lo = lo0;
    for _ in 0..2 {
        for &(c, from, until) in &st.no_fit[h] {
            if c <= need && from <= lo && lo < until {
                lo = until;
            }
        }
    }
    if lo >= hi {
        return (0, false);
    }
    // Rule 9 against the task's existing blocks, earlier or later in time. Blocks this pass
    // places need no zone: the search goes on a break after each, so a task without blocks
    // (the common case) costs nothing extra.
    let zones = st.break_zones(m, t);
    let mut z = 0;
    let mut i = st.free[h].partition_point(|iv| iv.1 <= lo);
    let mut first_fit: Option<Slot> = None;
    let mut skipped = false;
    loop {
        let remaining = mt.dur_slots - st.placed[t];
        if remaining < mt.cmin {
            break;
        }
        let f = &st.free[h];
        if i >= f.len() || f[i].0.max(lo) >= hi {
            break;
        }
        let a = f[i].0.max(lo);
        let full_b = f[i].1.min(hi);
        if full_b - a < need {
            i += 1; // too short even before the cap: next free interval
            continue;
        }
        let mut b = full_b;
        let mut avail = b - a;
        if let Some(cap) = m.cap {
            let d = m.day_of_slot[a as usize] as usize;
            b = b.min(m.day_end[d]);
            avail = (b - a).min(cap.saturating_sub(st.cap_used[d]));
            if avail < need {
                // This day is full or its piece too short: go on from the next day.
                if b < full_b {
                    lo = b;
                } else {
                    i += 1;
                }
                continue;
            }
        }
        // Free time and cap allow a block here, for any task of this hours set.
        first_fit.get_or_insert(a);
        while z < zones.len() && zones[z].1 <= a {
            z += 1;
        }
        if let Some(&(za, zb)) = zones.get(z).filter(|zn| zn.0 < b) {
            if za <= a || za - a < need {
                // Too close to one of the task's blocks: go on after its break.
                lo = zb;
                i = st.free[h].partition_point(|iv| iv.1 <= lo);
                continue;
            }
            b = za;
            avail = avail.min(b - a);
        }
        let top = mt.cmax.min(avail).min(remaining);
        let chunk = if strict {
            splittable_chunk(remaining, top, mt.cmin, mt.cmax)
        } else {
            choose_chunk(remaining, avail, mt.cmin, mt.cmax)
        };
        if chunk.is_none() && top >= mt.cmin {
            skipped = true; // usable, but only by leaving an unplaceable remainder
        }
        match chunk {
            Some(c) if compact && fragments(mt, st.nblocks[t], remaining, c) => {
                skipped = true;
                if b < full_b {
                    lo = b;
                } else {
                    i += 1;
                }
            }
            Some(c) => {
                if chunk_gain(m, st, t, a, c) >= 0.0 {
                    break; // later chunks only end later: none would pay off either
                }
                st.add(m, t, a, a + c);
                lo = a + c + m.brk;
                i = st.free[h].partition_point(|iv| iv.1 <= lo);
            }
            None if b < full_b => lo = b,
            None => i += 1,
        }
    }
    if hi == m.n {
        learn(&mut st.no_fit[h], need, lo0, first_fit.unwrap_or(m.n));
    }
    (st.placed[t] - before, skipped)
}

/// The earliest start in `[lo, hi)` of `len` slots inside one interval of `free` that the
/// daily cap (with `cap_used`) allows and that overlaps none of `zones` (sorted, merged).
pub(crate) fn first_gap(
    m: &Model,
    free: &[(Slot, Slot)],
    cap_used: &[Slot],
    zones: &[(Slot, Slot)],
    (lo, hi): (Slot, Slot),
    len: Slot,
) -> Option<Slot> {
    let cap_ok = |x: Slot| {
        let Some(cap) = m.cap else { return true };
        let mut s = x;
        while s < x + len {
            let d = m.day_of_slot[s as usize] as usize;
            let e = (x + len).min(m.day_end[d]).max(s + 1);
            if cap_used[d] + (e - s) > cap {
                return false;
            }
            s = e;
        }
        true
    };
    let first = free.partition_point(|iv| iv.1 <= lo);
    for &(fa, fb) in &free[first..] {
        let b = fb.min(hi);
        let mut x = fa.max(lo);
        while x + len <= b {
            let k = zones.partition_point(|zn| zn.1 <= x);
            if let Some(zn) = zones.get(k).filter(|zn| zn.0 < x + len) {
                x = zn.1;
            } else if !cap_ok(x) {
                let next = m.day_end[m.day_of_slot[x as usize] as usize];
                x = if m.cap.is_some_and(|c| cap_used[m.day_of_slot[x as usize] as usize] >= c) { next } else { x + 1 };
            } else {
                return Some(x);
            }
        }
        if b >= hi {
            break;
        }
    }
    None
}

/// Whether placing `c` of `remaining` slots as one more block forces more blocks than the
/// task needs: a chunk short of a full one that adds to the minimum block count.
fn fragments(mt: &MTask, nblocks: u32, remaining: Slot, c: Slot) -> bool {
    let full = mt.cmax.min(remaining);
    c < full && i64::from(nblocks) + 1 + i64::from((remaining - c).div_ceil(mt.cmax)) > mt.need_blocks
}

/// Records that no block of `c` slots fits in `[from, until)`, merging with what is known.
fn learn(list: &mut Vec<(Slot, Slot, Slot)>, c: Slot, from: Slot, until: Slot) {
    if until <= from {
        return;
    }
    for e in list.iter_mut() {
        if e.0 == c && e.1 <= until && from <= e.2 {
            e.1 = e.1.min(from);
            e.2 = e.2.max(until);
            return;
        }
    }
    if list.len() >= 48 {
        list.remove(0);
    }
    list.push((c, from, until));
}

/// The smallest block `choose_chunk` could return for `remaining`, if any.
fn smallest_chunk(remaining: Slot, cmin: Slot, cmax: Slot) -> Option<Slot> {
    (cmin <= cmax.min(remaining)).then_some(cmin)
}

/// Decodes an order (every task at most once, prerequisites first) into a state;
/// `compact[t]` selects the placement mode of task `t` (see [`place_task`]).
pub(crate) fn decode(m: &Model, base: &State, order: &[u32], compact: &[bool]) -> State {
    let mut st = base.clone();
    for &t in order {
        place_task(m, &mut st, t as usize, compact[t as usize]);
    }
    st
}

/// Tasks in increasing `key`, prerequisites always before their dependents (Kahn's
/// algorithm with a heap on the key; ties by task index, so the order is deterministic).
pub(crate) fn topo_order<K: Ord + Copy>(m: &Model, key: impl Fn(usize) -> K) -> Vec<u32> {
    let n = m.tasks.len();
    let mut waiting: Vec<usize> = m.tasks.iter().map(|t| t.deps.len()).collect();
    let mut dependents: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (t, mt) in m.tasks.iter().enumerate() {
        for &d in &mt.deps {
            dependents[d as usize].push(t as u32);
        }
    }
    let mut heap: BinaryHeap<Reverse<(K, usize)>> =
        (0..n).filter(|&t| waiting[t] == 0).map(|t| Reverse((key(t), t))).collect();
    let mut out = Vec::with_capacity(n);
    while let Some(Reverse((_, t))) = heap.pop() {
        out.push(t as u32);
        for &x in &dependents[t] {
            let x = x as usize;
            waiting[x] -= 1;
            if waiting[x] == 0 {
                heap.push(Reverse((key(x), x)));
            }
        }
    }
    out
}

/// Per task, the largest weight and earliest due among itself and everything that depends
/// on it, directly or not.
pub(crate) fn inherited(m: &Model) -> (Vec<i64>, Vec<i64>) {
    let far = i64::MAX / 4;
    let mut w: Vec<i64> = m.tasks.iter().map(|t| t.w).collect();
    let mut due: Vec<i64> = m.tasks.iter().map(|t| t.due.unwrap_or(far)).collect();
    // Dependents come after prerequisites in a topological order: walk it backwards.
    for &t in topo_order(m, |t| t).iter().rev() {
        let t = t as usize;
        for &d in &m.tasks[t].deps {
            let d = d as usize;
            w[d] = w[d].max(w[t]);
            due[d] = due[d].min(due[t]);
        }
    }
    (w, due)
}

/// The greedy orders construction tries; the best decoded one seeds the search.
pub(crate) fn initial_orders(m: &Model, base: &State) -> Vec<Vec<u32>> {
    let far = i64::MAX / 4;
    let due = |t: usize| m.tasks[t].due.unwrap_or(far);
    // A prerequisite inherits the weight (and urgency) of what waits for it, or a light
    // prerequisite would be sequenced late and starve a heavy dependent.
    let (eff_w, eff_due) = inherited(m);
    let w = |t: usize| eff_w[t];
    let due = |t: usize| due(t).min(eff_due[t]);
    let dur = |t: usize| i64::from(m.tasks[t].dur_slots.max(1));
    let mut orders = vec![
        // Value first: the heaviest weight, then the earliest due, then the shortest.
        topo_order(m, |t| (-w(t), due(t), dur(t))),
        // Earliest due first, heavier first on ties.
        topo_order(m, |t| (due(t), -w(t), dur(t))),
        // Weighted shortest processing time: completion time per weight.
        topo_order(m, |t| (-(w(t) * 1_000_000) / dur(t), due(t))),
    ];
    // Select with the value-first order, then sequence the selected tasks by due date so
    // that heavy tasks with distant dues do not push urgent ones late.
    let st = decode(m, base, &orders[0], &vec![false; m.tasks.len()]);
    let chosen = |t: usize| st.placed[t] > base.placed[t];
    orders.push(topo_order(m, |t| (!chosen(t), if chosen(t) { due(t) } else { -w(t) }, -w(t), dur(t))));
    // Same selection, sequenced by weighted slack.
    let now = m.p.now;
    orders
        .push(topo_order(m, |t| (!chosen(t), if chosen(t) { (due(t).min(far) - now) / w(t) } else { -w(t) }, dur(t))));
    orders
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::problem::Problem;
    use serde_json::json;

    /// Monday 2026-11-23 from 08:00 Berlin, work 09-17, no events; `tasks` as given.
    pub(crate) fn problem(tasks: serde_json::Value, break_min: u32) -> Problem {
        Problem::from_value(&json!({
            "version": 1, "timezone": "Europe/Berlin",
            "now": "2026-11-23T08:00:00+01:00", "horizon_end": "2026-11-24T00:00:00+01:00",
            "hours": {"work": {"mon": [["09:00", "17:00"]]}},
            "tasks": tasks,
            "settings": {"task_break_min": break_min}
        }))
        .expect("valid")
    }

    /// Slot of Monday `hh:mm` (slot 0 is 08:00).
    pub(crate) fn at(hh: u32, mm: u32) -> Slot {
        ((hh - 8) * 60 + mm) / 5
    }

    /// Task `t`'s blocks in time order.
    pub(crate) fn spans(st: &State, t: usize) -> Vec<(Slot, Slot)> {
        let mut v: Vec<_> = st.blocks_of(t).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn first_fit_keeps_the_break_from_the_tasks_blocks_before_and_after() {
        let p = problem(json!([{"id": "a", "duration_min": 120, "min_chunk_min": 30, "max_chunk_min": 60}]), 30);
        let m = Model::new(&p);
        let mut st = State::new(&m);
        // A kept block at 10:00-10:30: the decoder's pieces must end by 09:30 or start
        // from 11:00.
        st.add(&m, 0, at(10, 0), at(10, 30));
        place_task(&m, &mut st, 0, false);
        assert_eq!(spans(&st, 0), vec![(at(9, 0), at(9, 30)), (at(10, 0), at(10, 30)), (at(11, 0), at(12, 0))]);
    }

    #[test]
    fn with_a_break_chunks_are_the_largest_allowed_and_never_adjacent() {
        let p = problem(json!([{"id": "a", "duration_min": 180, "min_chunk_min": 30, "max_chunk_min": 90}]), 30);
        let m = Model::new(&p);
        let mut st = State::new(&m);
        place_task(&m, &mut st, 0, false);
        assert_eq!(spans(&st, 0), vec![(at(9, 0), at(10, 30)), (at(11, 0), at(12, 30))]);
        // Without a break the same task is two touching 90-minute blocks.
        let p0 = problem(json!([{"id": "a", "duration_min": 180, "min_chunk_min": 30, "max_chunk_min": 90}]), 0);
        let m0 = Model::new(&p0);
        let mut st0 = State::new(&m0);
        place_task(&m0, &mut st0, 0, false);
        assert_eq!(spans(&st0, 0), vec![(at(9, 0), at(10, 30)), (at(10, 30), at(12, 0))]);
    }

    #[test]
    fn the_first_gap_skips_the_break_around_the_tasks_blocks() {
        let p = problem(json!([{"id": "a", "duration_min": 120, "min_chunk_min": 30, "max_chunk_min": 60}]), 15);
        let m = Model::new(&p);
        let mut st = State::new(&m);
        st.add(&m, 0, at(9, 30), at(10, 0));
        let zones = st.break_zones(&m, 0);
        assert_eq!(zones, vec![(at(9, 15), at(10, 15))]);
        let gap = first_gap(&m, &st.free[0], &st.cap_used, &zones, (0, m.n), 12);
        assert_eq!(gap, Some(at(10, 15)));
    }
}
