//! The crate's own referee: every hard rule of FORMAT.md (1-8) with the readings of its notes.
//! It works on instants, independently of the planner's slot model, so it can catch the
//! planner's mistakes.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::plan::Plan;
use crate::problem::Problem;
use crate::time::windows::merge;
use crate::time::{format_time, Days, GRID_S};

/// One broken hard rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Rule number 1..8 of FORMAT.md.
    pub rule: u8,
    pub task: Option<String>,
    /// Index of the block in `plan.blocks`, when the violation is about one block.
    pub block: Option<usize>,
    pub message: String,
}

/// Checks `plan` against every hard rule of `problem` (habits expanded); empty means valid.
pub fn validate(problem: &Problem, plan: &Plan) -> Vec<Violation> {
    let p = problem.expanded();
    validate_raw(&p, &plan.spans())
}

pub(crate) fn validate_raw(p: &Problem, blocks: &[(&str, i64, i64)]) -> Vec<Violation> {
    let mut out = Vec::new();
    let tz = p.timezone;
    let f = |e: i64| format_time(tz, e);
    let mut bad = |rule: u8, block: Option<usize>, task: Option<&str>, message: String| {
        out.push(Violation {
            rule,
            task: task.map(str::to_owned),
            block,
            message,
        });
    };
    let index = p.task_index();
    let windows: BTreeMap<&str, Vec<(i64, i64)>> = p
        .hours
        .iter()
        .map(|(n, h)| (n.as_str(), h.instants(tz, p.now, p.horizon_end)))
        .collect();
    let pad = i64::from(p.settings.buffer_min) * 60;
    let blocked = merge(
        p.busy
            .iter()
            .map(|b| (b.start - pad, b.end + pad))
            .collect(),
    );

    let mut good = Vec::new();
    for (i, &(tid, s, e)) in blocks.iter().enumerate() {
        let task = index.get(tid).map(|&k| &p.tasks[k]);
        if task.is_none() {
            bad(
                1,
                Some(i),
                Some(tid),
                format!("task {tid:?} is not in the problem"),
            );
        }
        if e <= s {
            bad(
                1,
                Some(i),
                Some(tid),
                format!("block {}..{} does not end after it starts", f(s), f(e)),
            );
            continue;
        }
        if s.rem_euclid(GRID_S) != 0 || e.rem_euclid(GRID_S) != 0 {
            bad(
                1,
                Some(i),
                Some(tid),
                format!("block {}..{} is not on 5-minute boundaries", f(s), f(e)),
            );
        }
        if s < p.now {
            bad(
                1,
                Some(i),
                Some(tid),
                format!("starts {}, before now", f(s)),
            );
        }
        if e > p.horizon_end {
            bad(
                1,
                Some(i),
                Some(tid),
                format!("ends {}, after horizon_end", f(e)),
            );
        }
        let Some(t) = task else { continue };
        good.push(i);
        if t.earliest_start.is_some_and(|es| s < es) {
            bad(
                1,
                Some(i),
                Some(tid),
                format!("starts {}, before earliest_start", f(s)),
            );
        }
        let w = &windows[t.hours.as_str()];
        let k = w.partition_point(|&(ws, _)| ws <= s);
        if k == 0 || w[k - 1].1 < e {
            bad(
                2,
                Some(i),
                Some(tid),
                format!(
                    "block {}..{} is not inside one window of hours {:?}",
                    f(s),
                    f(e),
                    t.hours
                ),
            );
        }
        let minutes = (e - s) / 60;
        let rem = (e - s) % 60;
        if minutes > i64::from(t.max_chunk_min)
            || (minutes == i64::from(t.max_chunk_min) && rem > 0)
        {
            bad(
                4,
                Some(i),
                Some(tid),
                format!(
                    "block is {minutes} min, above max_chunk_min {}",
                    t.max_chunk_min
                ),
            );
        }
        if minutes < i64::from(t.eff_min_chunk()) {
            bad(
                4,
                Some(i),
                Some(tid),
                format!(
                    "block is {minutes} min, below the minimum {}",
                    t.eff_min_chunk()
                ),
            );
        }
        if t.hard_due && t.due.is_some_and(|d| e > d) {
            bad(
                7,
                Some(i),
                Some(tid),
                format!("ends {}, after the hard due", f(e)),
            );
        }
        // Rule 3 against busy time: the last widened busy interval starting before e.
        let k = blocked.partition_point(|&(bs, _)| bs < e);
        if k > 0 && blocked[k - 1].1 > s {
            bad(
                3,
                Some(i),
                Some(tid),
                format!(
                    "block {}..{} overlaps busy time (buffer {} min)",
                    f(s),
                    f(e),
                    p.settings.buffer_min
                ),
            );
        }
    }
    // Rule 3 between blocks: one sweep in start order.
    let mut order: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].2 > blocks[i].1)
        .collect();
    order.sort_by_key(|&i| (blocks[i].1, blocks[i].2, i));
    let mut reach: Option<(i64, usize)> = None;
    for &i in &order {
        let (tid, s, e) = blocks[i];
        if let Some((r, j)) = reach {
            if s < r {
                bad(
                    3,
                    Some(i),
                    Some(tid),
                    format!(
                        "block {}..{} overlaps block #{j} ({})",
                        f(s),
                        f(e),
                        blocks[j].0
                    ),
                );
            }
        }
        if reach.is_none_or(|(r, _)| e > r) {
            reach = Some((e, i));
        }
    }
    // Per-task sums: rules 5 and 6.
    let mut placed = vec![0i64; p.tasks.len()];
    let mut first = vec![i64::MAX; p.tasks.len()];
    let mut finish = vec![i64::MIN; p.tasks.len()];
    for &i in &good {
        let (tid, s, e) = blocks[i];
        let k = index[tid];
        placed[k] += e - s;
        first[k] = first[k].min(s);
        finish[k] = finish[k].max(e);
    }
    for (k, t) in p.tasks.iter().enumerate() {
        if placed[k] > i64::from(t.duration_min) * 60 {
            bad(
                5,
                None,
                Some(&t.id),
                format!(
                    "blocks add up to {} min, above duration_min {}",
                    placed[k] / 60,
                    t.duration_min
                ),
            );
        }
        if placed[k] == 0 {
            continue;
        }
        for d in &t.depends_on {
            let dk = index[d.as_str()];
            if placed[dk] < i64::from(p.tasks[dk].duration_min) * 60 {
                bad(
                    6,
                    None,
                    Some(&t.id),
                    format!("has blocks but prerequisite {d:?} is not fully placed"),
                );
            } else if first[k] < finish[dk] {
                bad(
                    6,
                    None,
                    Some(&t.id),
                    format!(
                        "starts {}, before prerequisite {d:?} ends at {}",
                        f(first[k]),
                        f(finish[dk])
                    ),
                );
            }
        }
    }
    // Rule 8: minutes per local day, blocks split at local midnight.
    if let Some(cap) = p.settings.max_task_min_per_day {
        let days = Days::covering(tz, p.now, p.horizon_end);
        let mut per_day: BTreeMap<usize, i64> = BTreeMap::new();
        for &i in &good {
            let (_, s, e) = blocks[i];
            for (d, a, b) in days.pieces(s, e) {
                *per_day.entry(d).or_default() += b - a;
            }
        }
        for (d, secs) in per_day {
            if secs > i64::from(cap) * 60 {
                bad(
                    8,
                    None,
                    None,
                    format!(
                        "{}: {} min of task blocks, above max_task_min_per_day {cap}",
                        days.date(d),
                        secs / 60
                    ),
                );
            }
        }
    }
    out.sort_by_key(|v| (v.rule, v.block));
    out
}
