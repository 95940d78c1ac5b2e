//! Ejection repair: a valuable task that still misses minutes takes a run of time from
//! lighter tasks' blocks; the ejected tasks (and any dependents that lose their
//! prerequisite) are placed again wherever they fit (all placement goes through the
//! decoder, so the break between blocks of a task holds). A repair is kept only when the
//! whole plan scores better, so this step too never makes a plan worse.

use std::collections::BTreeSet;
use std::time::Instant;

use crate::construct::{place_task, topo_order, State};
use crate::eval::eval;
use crate::model::{Model, Slot};

/// Repairs `st` until every candidate was tried `passes` times or the deadline passes.
/// Candidates are the tasks that miss minutes and, when `eligible` is given, are marked in it;
/// a repair is kept only if `allowed` accepts its state (the churn budget of a re-plan).
pub(crate) fn eject_repair(
    m: &Model,
    st: State,
    protected: &BTreeSet<(Slot, Slot, u32)>,
    eligible: Option<&[bool]>,
    allowed: &dyn Fn(&State) -> bool,
    deadline: Instant,
    passes: usize,
) -> (State, f64) {
    let mut cur_score = eval(m, &st);
    let mut cur = st;
    let rank = {
        let order = topo_order(m, |t| t);
        let mut r = vec![0usize; m.tasks.len()];
        for (i, &t) in order.iter().enumerate() {
            r[t as usize] = i;
        }
        r
    };
    let mut dependents: Vec<Vec<u32>> = vec![Vec::new(); m.tasks.len()];
    for (t, mt) in m.tasks.iter().enumerate() {
        for &d in &mt.deps {
            dependents[d as usize].push(t as u32);
        }
    }
    for _ in 0..passes {
        let mut cands: Vec<usize> = (0..m.tasks.len())
            .filter(|&t| m.tasks[t].placeable() && cur.placed[t] + m.tasks[t].cmin <= m.tasks[t].dur_slots)
            .filter(|&t| eligible.is_none_or(|e| e[t]))
            .collect();
        cands.sort_by_key(|&t| (std::cmp::Reverse(m.tasks[t].w * i64::from(m.tasks[t].dur_slots - cur.placed[t])), t));
        let mut improved = false;
        for t in cands {
            if Instant::now() >= deadline {
                return (cur, cur_score);
            }
            if let Some((next, s)) = try_eject(m, &cur, t, protected, &rank, &dependents) {
                if s < cur_score && allowed(&next) {
                    cur = next;
                    cur_score = s;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
    (cur, cur_score)
}

/// One attempt for task `t`: the cheapest run of a full chunk inside its free time whose
/// blocks all belong to lighter, unprotected tasks; returns the repaired state and score.
fn try_eject(
    m: &Model,
    cur: &State,
    t: usize,
    protected: &BTreeSet<(Slot, Slot, u32)>,
    rank: &[usize],
    dependents: &[Vec<u32>],
) -> Option<(State, f64)> {
    let mt = &m.tasks[t];
    let lo = cur.ready_at(m, t)?;
    let hi = mt.hi;
    let remaining = mt.dur_slots - cur.placed[t];
    let len = mt.cmax.min(remaining);
    if len < mt.cmin || lo >= hi {
        return None;
    }
    let mut blocks = cur.blocks.clone();
    blocks.sort_unstable();
    // Rule 9: a run next to one of the task's own blocks could not take it anyway.
    let zones = cur.break_zones(m, t);
    let near_own = |x: Slot| {
        let k = zones.partition_point(|z| z.1 <= x);
        zones.get(k).is_some_and(|z| z.0 < x + len)
    };
    let mut best: Option<(i64, Slot)> = None;
    for &(fa, fb) in &m.free[mt.hours] {
        let (a, b) = (fa.max(lo), fb.min(hi));
        if b < a + len {
            continue;
        }
        let first = blocks.partition_point(|x| x.1 <= a);
        let mut starts = vec![a];
        starts.extend(blocks[first..].iter().take_while(|x| x.0 < b).map(|x| x.1).filter(|&e| e > a && e + len <= b));
        for x in starts.into_iter().filter(|&x| !near_own(x)) {
            let mut cost = 0i64;
            let mut ok = true;
            let mut any = false;
            for blk in blocks[first..].iter().take_while(|blk| blk.0 < x + len) {
                if blk.1 <= x {
                    continue;
                }
                let v = blk.2 as usize;
                if v == t || protected.contains(blk) || m.tasks[v].w >= mt.w {
                    ok = false;
                    break;
                }
                any = true;
                cost += m.tasks[v].w * i64::from(blk.1 - blk.0);
            }
            if ok && any && best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, x));
            }
        }
    }
    let (_, x) = best?;
    // Blocks to take out: those in the run, then every block of tasks that depend (even
    // indirectly) on a task that loses minutes, since those prerequisites are no longer full.
    let mut out: BTreeSet<(Slot, Slot, u32)> =
        blocks.iter().filter(|blk| blk.0 < x + len && blk.1 > x).copied().collect();
    let mut touched: BTreeSet<usize> = out.iter().map(|blk| blk.2 as usize).collect();
    let mut stack: Vec<usize> = touched.iter().copied().collect();
    // Dependents lose every block, also one that already lost a block in the run.
    let mut cleared: BTreeSet<usize> = BTreeSet::new();
    while let Some(v) = stack.pop() {
        for &d in &dependents[v] {
            let d = d as usize;
            if cur.nblocks[d] > 0 && cleared.insert(d) {
                touched.insert(d);
                if blocks.iter().any(|blk| blk.2 as usize == d && protected.contains(blk)) {
                    return None; // a locked dependent would lose its prerequisite
                }
                out.extend(blocks.iter().filter(|blk| blk.2 as usize == d).copied());
                stack.push(d);
            }
        }
    }
    let mut next = State::new(m);
    for &(a, b, v) in &cur.blocks {
        if !out.contains(&(a, b, v)) {
            next.add(m, v as usize, a, b);
        }
    }
    place_task(m, &mut next, t, false);
    let mut again: Vec<usize> = touched.into_iter().collect();
    again.sort_by_key(|&v| rank[v]);
    for v in again {
        place_task(m, &mut next, v, false);
    }
    let s = eval(m, &next);
    Some((next, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::construct::tests::{at, problem, spans};
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn ejection_repair_takes_time_that_keeps_the_break_from_the_tasks_own_blocks() {
        let p = problem(
            json!([
                {"id": "heavy", "duration_min": 120, "min_chunk_min": 60, "max_chunk_min": 60, "priority": 1},
                {"id": "light1", "duration_min": 60, "priority": 4},
                {"id": "light2", "duration_min": 60, "priority": 4},
                {"id": "filler", "duration_min": 300, "priority": 1}
            ]),
            30,
        );
        let m = Model::new(&p);
        let mut st = State::new(&m);
        st.add(&m, 0, at(9, 0), at(10, 0));
        st.add(&m, 1, at(10, 0), at(11, 0));
        st.add(&m, 2, at(11, 0), at(12, 0));
        st.add(&m, 3, at(12, 0), at(17, 0));
        // Right after heavy's block, light1's hour is too close (break 30): the repair must
        // take light2's hour instead.
        let deadline = Instant::now() + Duration::from_secs(10);
        let (out, _) = eject_repair(&m, st, &BTreeSet::new(), None, &|_| true, deadline, 2);
        assert_eq!(spans(&out, 0), vec![(at(9, 0), at(10, 0)), (at(11, 0), at(12, 0))]);
        assert_eq!(spans(&out, 1), vec![(at(10, 0), at(11, 0))]);
    }
}
