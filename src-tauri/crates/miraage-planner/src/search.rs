//! Improvement: local search over the task order, decoded by [`crate::construct::decode`].
//!
//! A move changes the order (promote a task that lost minutes, demote one, swap two near
//! ones), keeps prerequisites before dependents, and is decoded and scored in full; the move
//! is kept when the score does not get worse, so the search walks plateaus but never returns
//! anything worse than its start. Decoding resumes from a snapshot of the state taken every
//! `stride` positions, so a move late in the order costs only the tail.

use std::time::Instant;

use crate::construct::{place_task, State};
use crate::eval::eval;
use crate::model::Model;
use crate::rng::Rng;

pub(crate) struct Limits {
    pub deadline: Instant,
    pub max_iterations: u64,
}

pub(crate) struct Outcome {
    pub state: State,
    pub score: f64,
    pub iterations: u64,
}

/// Decodes `order` from position `start` on, beginning with a copy of `from` in `work`;
/// the state before each position that is a multiple of `stride` goes to `snaps[pos / stride]`.
/// With `old`, the snapshots of the current order, decoding stops at the first snapshot
/// position past `same_from` (where the two orders agree again) whose state equals the
/// old one: the rest would decode identically. Returns that snapshot index, if any.
#[allow(clippy::too_many_arguments)]
fn decode_into(
    m: &Model,
    from: &State,
    work: &mut State,
    snaps: &mut [State],
    old: Option<&[State]>,
    order: &[u32],
    compact: &[bool],
    start: usize,
    same_from: usize,
    stride: usize,
) -> Option<usize> {
    work.clone_from(from);
    for (i, &t) in order.iter().enumerate().skip(start) {
        if i % stride == 0 && i != start {
            if let Some(old) = old {
                if i >= same_from && old[i / stride].sig == work.sig {
                    return Some(i / stride);
                }
            }
            snaps[i / stride].clone_from(work);
        }
        place_task(m, work, t as usize, compact[t as usize]);
    }
    None
}

pub(crate) fn improve(
    m: &Model,
    base: &State,
    mut order: Vec<u32>,
    mut compact: Vec<bool>,
    rng: &mut Rng,
    limits: &Limits,
) -> Outcome {
    let n = order.len();
    let stride = (n / 24).max(4);
    let slots = n.div_ceil(stride) + 1;
    // snaps[k]: the state before decoding position k * stride of the current order.
    let mut snaps: Vec<State> = vec![base.clone(); slots];
    let mut cand_snaps: Vec<State> = vec![base.clone(); slots];
    let mut cur = base.clone();
    decode_into(m, base, &mut cur, &mut snaps, None, &order, &compact, 0, 0, stride);
    let mut work = cur.clone();
    let mut cur_score = eval(m, &cur);
    if n < 2 || m.tasks.is_empty() {
        return Outcome { state: cur, score: cur_score, iterations: 0 };
    }
    let mut dependents: Vec<Vec<u32>> = vec![Vec::new(); m.tasks.len()];
    for (t, mt) in m.tasks.iter().enumerate() {
        for &d in &mt.deps {
            dependents[d as usize].push(t as u32);
        }
    }
    let mut pos = vec![usize::MAX; m.tasks.len()];
    for (i, &t) in order.iter().enumerate() {
        pos[t as usize] = i;
    }
    let mut cand = order.clone();
    let mut iterations = 0;
    while iterations < limits.max_iterations && (iterations % 8 != 0 || Instant::now() < limits.deadline) {
        iterations += 1;
        let Some(mv) = pick_move(m, &cur, &order, &pos, rng) else {
            continue;
        };
        let (i, j, swap) = match mv {
            Move::Order(i, j, swap) => (i, j, swap),
            Move::Toggle(i) => (i, i, true),
        };
        if i != j && !legal(m, &dependents, &order, &pos, i, j, swap) {
            continue;
        }
        cand.clone_from(&order);
        if i != j {
            apply(&mut cand, i, j, swap);
        } else {
            let t = order[i] as usize;
            compact[t] = !compact[t];
        }
        let first = i.min(j);
        let k = first / stride;
        let same_from = i.max(j) + 1;
        let converged = decode_into(
            m,
            &snaps[k],
            &mut work,
            &mut cand_snaps,
            Some(&snaps),
            &cand,
            &compact,
            k * stride,
            same_from,
            stride,
        );
        let s = if converged.is_some() { cur_score } else { eval(m, &work) };
        if s <= cur_score {
            // Snapshots from the convergence point on are the same for both orders.
            for x in k + 1..converged.unwrap_or(slots) {
                std::mem::swap(&mut snaps[x], &mut cand_snaps[x]);
            }
            std::mem::swap(&mut order, &mut cand);
            for (p, &t) in order.iter().enumerate().skip(first) {
                pos[t as usize] = p;
            }
            if converged.is_none() {
                std::mem::swap(&mut cur, &mut work);
            }
            cur_score = s;
        } else if i == j {
            let t = order[i] as usize;
            compact[t] = !compact[t];
        }
    }
    Outcome { state: cur, score: cur_score, iterations }
}

enum Move {
    /// Move position `i` to `j` (`false`) or swap `i` and `j` (`true`).
    Order(usize, usize, bool),
    /// Flip the placement mode (plain / compact) of the task at position `i`.
    Toggle(usize),
}

fn pick_move(m: &Model, st: &State, order: &[u32], pos: &[usize], rng: &mut Rng) -> Option<Move> {
    let n = order.len();
    let r = rng.below(100);
    if r < 8 {
        // Only tasks that can take more than one block have a choice to make.
        let i = rng.below(n as u64) as usize;
        let mt = &m.tasks[order[i] as usize];
        return (mt.dur_slots > mt.cmax || st.nblocks[order[i] as usize] > 1).then_some(Move::Toggle(i));
    }
    if r < 38 {
        // Promote the most valuable of a few sampled tasks that still miss minutes.
        let mut best: Option<(i64, usize)> = None;
        for _ in 0..4 {
            let t = order[rng.below(n as u64) as usize] as usize;
            let mt = &m.tasks[t];
            let missing = i64::from(mt.dur_slots - st.placed[t].min(mt.dur_slots));
            if missing > 0 && mt.placeable() {
                let v = mt.w * missing;
                if best.is_none_or(|(bv, _)| v > bv) {
                    best = Some((v, t));
                }
            }
        }
        let (_, mut t) = best?;
        // A task waiting for a prerequisite gains nothing from moving: move the first
        // prerequisite that is not fully placed instead.
        while let Some(&d) = m.tasks[t].deps.iter().find(|&&d| !m.tasks[d as usize].full(st.placed[d as usize])) {
            t = d as usize;
        }
        let i = pos[t];
        if i == 0 {
            return None;
        }
        if rng.below(2) == 0 {
            // Just before a random lighter task that precedes it: that task's time is what
            // the promoted one most plausibly needs.
            let w = m.tasks[t].w;
            let lighter = order[..i].iter().filter(|&&x| m.tasks[x as usize].w < w).count();
            if lighter > 0 {
                let mut k = rng.below(lighter as u64) as usize;
                for (j, &x) in order[..i].iter().enumerate() {
                    if m.tasks[x as usize].w < w {
                        if k == 0 {
                            return Some(Move::Order(i, j, false));
                        }
                        k -= 1;
                    }
                }
            }
        }
        // Biased towards small jumps, sometimes far.
        let span = if rng.below(4) == 0 { i } else { i.min(1 + n / 10) };
        let j = i - 1 - rng.below(span as u64) as usize;
        Some(Move::Order(i, j, false))
    } else if r < 68 {
        let i = rng.below(n as u64) as usize;
        let j = rng.below(n as u64) as usize;
        (i != j).then_some(Move::Order(i, j, false))
    } else {
        let i = rng.below(n as u64) as usize;
        let j = (i + 1 + rng.below(8) as usize).min(n - 1);
        (i != j).then_some(Move::Order(i, j, true))
    }
}

/// Whether the move keeps every prerequisite before its dependents.
fn legal(m: &Model, dependents: &[Vec<u32>], order: &[u32], pos: &[usize], i: usize, j: usize, swap: bool) -> bool {
    let deps_before = |t: usize, limit: usize| m.tasks[t].deps.iter().all(|&d| pos[d as usize] < limit);
    let dependents_after = |t: usize, limit: usize| dependents[t].iter().all(|&e| pos[e as usize] > limit);
    let ti = order[i] as usize;
    if swap {
        let (lo, hi) = (i.min(j), i.max(j));
        dependents_after(order[lo] as usize, hi) && deps_before(order[hi] as usize, lo)
    } else if j < i {
        deps_before(ti, j)
    } else {
        dependents_after(ti, j)
    }
}

fn apply(order: &mut [u32], i: usize, j: usize, swap: bool) {
    if swap {
        order.swap(i, j);
    } else if j < i {
        order[j..=i].rotate_right(1);
    } else {
        order[i..=j].rotate_left(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::construct::tests::problem;
    use crate::construct::{initial_orders, State};
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn every_order_the_search_decodes_keeps_the_break() {
        let p = problem(
            json!([
                {"id": "a", "duration_min": 150, "min_chunk_min": 30, "max_chunk_min": 60, "priority": 2, "project": "x"},
                {"id": "b", "duration_min": 120, "min_chunk_min": 15, "max_chunk_min": 45, "priority": 1, "project": "y"},
                {"id": "c", "duration_min": 90, "min_chunk_min": 30, "max_chunk_min": 30, "priority": 3, "project": "x"},
                {"id": "d", "duration_min": 100, "min_chunk_min": 20, "max_chunk_min": 50, "priority": 1, "project": "z"}
            ]),
            20,
        );
        let m = Model::new(&p);
        let base = State::new(&m);
        let order = initial_orders(&m, &base).remove(0);
        let limits = Limits { deadline: Instant::now() + Duration::from_secs(10), max_iterations: 400 };
        let out = improve(&m, &base, order, vec![true; 4], &mut Rng::new(3), &limits);
        assert!(out.iterations > 0);
        for t in 0..4 {
            let mut v: Vec<_> = out.state.blocks_of(t).collect();
            v.sort_unstable();
            for w in v.windows(2) {
                assert!(w[1].0 >= w[0].1 + m.brk, "task {t}: {v:?}");
            }
        }
    }
}
