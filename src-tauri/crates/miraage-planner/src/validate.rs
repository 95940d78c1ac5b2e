//! The crate's own referee: every hard rule of FORMAT.md (1-9) with the readings of its notes.
//! It works on instants, independently of the planner's slot model, so it can catch the
//! planner's mistakes. It reports the rules broken by blocks the user placed (`locked`) as
//! well, marked [`Violation::user_placed`]: the planner keeps those where the user put them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::plan::Plan;
use crate::problem::Problem;
use crate::time::windows::merge;
use crate::time::{format_time, Days, GRID_S};

/// One broken hard rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Rule number 1..9 of FORMAT.md.
    pub rule: u8,
    pub task: Option<String>,
    /// Index of the block in `plan.blocks`, when the violation is about one block.
    pub block: Option<usize>,
    pub message: String,
    /// Only blocks the user placed (`locked`) break the rule here, so the planner kept it
    /// on purpose: a block of theirs outside its hours, two of theirs closer than the break,
    /// a day they filled beyond the cap... A block the planner adds next to theirs must
    /// still keep every rule, so such a violation is not marked.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub user_placed: bool,
}

/// Checks `plan` against every hard rule of `problem` (habits expanded); empty means valid.
pub fn validate(problem: &Problem, plan: &Plan) -> Vec<Violation> {
    let p = problem.expanded();
    validate_raw(&p, &plan.spans(), &plan.user_placed())
}

/// `users[i]`: block `i` was placed by the user (missing entries: by the planner).
pub(crate) fn validate_raw(p: &Problem, blocks: &[(&str, i64, i64)], users: &[bool]) -> Vec<Violation> {
    let mut out = Vec::new();
    let tz = p.timezone;
    let f = |e: i64| format_time(tz, e);
    let user = |i: usize| users.get(i).copied().unwrap_or(false);
    // A violation of one block is the user's when the block is theirs; the checks between
    // blocks and per task or day (`more`) decide that themselves.
    let mut bad = |rule: u8, block: Option<usize>, task: Option<&str>, message: String| {
        out.push(violation(rule, block, task, message, block.is_some_and(user)));
    };
    let mut more: Vec<Violation> = Vec::new();
    let index = p.task_index();
    let windows: BTreeMap<&str, Vec<(i64, i64)>> =
        p.hours.iter().map(|(n, h)| (n.as_str(), h.instants(tz, p.now, p.horizon_end))).collect();
    let pad = i64::from(p.settings.buffer_min) * 60;
    let blocked = merge(p.busy.iter().map(|b| (b.start - pad, b.end + pad)).collect());

    let mut good = Vec::new();
    for (i, &(tid, s, e)) in blocks.iter().enumerate() {
        let task = index.get(tid).map(|&k| &p.tasks[k]);
        if task.is_none() {
            bad(1, Some(i), Some(tid), format!("task {tid:?} is not in the problem"));
        }
        if e <= s {
            bad(1, Some(i), Some(tid), format!("block {}..{} does not end after it starts", f(s), f(e)));
            continue;
        }
        if s.rem_euclid(GRID_S) != 0 || e.rem_euclid(GRID_S) != 0 {
            bad(1, Some(i), Some(tid), format!("block {}..{} is not on 5-minute boundaries", f(s), f(e)));
        }
        if s < p.now {
            bad(1, Some(i), Some(tid), format!("starts {}, before now", f(s)));
        }
        if e > p.horizon_end {
            bad(1, Some(i), Some(tid), format!("ends {}, after horizon_end", f(e)));
        }
        let Some(t) = task else { continue };
        good.push(i);
        if t.earliest_start.is_some_and(|es| s < es) {
            bad(1, Some(i), Some(tid), format!("starts {}, before earliest_start", f(s)));
        }
        let w = &windows[t.hours.as_str()];
        let k = w.partition_point(|&(ws, _)| ws <= s);
        if k == 0 || w[k - 1].1 < e {
            bad(
                2,
                Some(i),
                Some(tid),
                format!("block {}..{} is not inside one window of hours {:?}", f(s), f(e), t.hours),
            );
        }
        let minutes = (e - s) / 60;
        let rem = (e - s) % 60;
        if minutes > i64::from(t.max_chunk_min) || (minutes == i64::from(t.max_chunk_min) && rem > 0) {
            bad(4, Some(i), Some(tid), format!("block is {minutes} min, above max_chunk_min {}", t.max_chunk_min));
        }
        if minutes < i64::from(t.eff_min_chunk()) {
            bad(4, Some(i), Some(tid), format!("block is {minutes} min, below the minimum {}", t.eff_min_chunk()));
        }
        if t.hard_due && t.due.is_some_and(|d| e > d) {
            bad(7, Some(i), Some(tid), format!("ends {}, after the hard due", f(e)));
        }
        // Rule 3 against busy time: the last widened busy interval starting before e.
        let k = blocked.partition_point(|&(bs, _)| bs < e);
        if k > 0 && blocked[k - 1].1 > s {
            bad(
                3,
                Some(i),
                Some(tid),
                format!("block {}..{} overlaps busy time (buffer {} min)", f(s), f(e), p.settings.buffer_min),
            );
        }
    }
    // Rule 3 between blocks: one sweep in start order.
    let mut order: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].2 > blocks[i].1).collect();
    order.sort_by_key(|&i| (blocks[i].1, blocks[i].2, i));
    let mut reach: Option<(i64, usize)> = None;
    for &i in &order {
        let (tid, s, e) = blocks[i];
        if let Some((r, j)) = reach {
            if s < r {
                more.push(violation(
                    3,
                    Some(i),
                    Some(tid),
                    format!("block {}..{} overlaps block #{j} ({})", f(s), f(e), blocks[j].0),
                    user(i) && user(j),
                ));
            }
        }
        if reach.is_none_or(|(r, _)| e > r) {
            reach = Some((e, i));
        }
    }
    // Per-task sums: rules 5 and 6; `mine` counts only the planner's blocks.
    let n = p.tasks.len();
    let mut placed = vec![0i64; n];
    let mut mine = vec![0i64; n];
    let mut first = vec![i64::MAX; n];
    let mut first_mine = vec![i64::MAX; n];
    let mut finish = vec![i64::MIN; n];
    for &i in &good {
        let (tid, s, e) = blocks[i];
        let k = index[tid];
        placed[k] += e - s;
        first[k] = first[k].min(s);
        finish[k] = finish[k].max(e);
        if !user(i) {
            mine[k] += e - s;
            first_mine[k] = first_mine[k].min(s);
        }
    }
    for (k, t) in p.tasks.iter().enumerate() {
        let full = |k: usize| placed[k] >= i64::from(p.tasks[k].duration_min) * 60;
        if placed[k] > i64::from(t.duration_min) * 60 {
            more.push(violation(
                5,
                None,
                Some(&t.id),
                format!("blocks add up to {} min, above duration_min {}", placed[k] / 60, t.duration_min),
                mine[k] == 0,
            ));
        }
        if placed[k] == 0 {
            continue;
        }
        for d in &t.depends_on {
            let dk = index[d.as_str()];
            // The user's blocks may come before a prerequisite; the planner's may not.
            let by_user = mine[k] == 0 || (full(dk) && first_mine[k] >= finish[dk]);
            if !full(dk) {
                more.push(violation(
                    6,
                    None,
                    Some(&t.id),
                    format!("has blocks but prerequisite {d:?} is not fully placed"),
                    by_user,
                ));
            } else if first[k] < finish[dk] {
                more.push(violation(
                    6,
                    None,
                    Some(&t.id),
                    format!("starts {}, before prerequisite {d:?} ends at {}", f(first[k]), f(finish[dk])),
                    by_user,
                ));
            }
        }
    }
    // Rule 8: minutes per local day, blocks split at local midnight.
    if let Some(cap) = p.settings.max_task_min_per_day {
        let days = Days::covering(tz, p.now, p.horizon_end);
        let mut per_day: BTreeMap<usize, (i64, i64)> = BTreeMap::new();
        for &i in &good {
            let (_, s, e) = blocks[i];
            for (d, a, b) in days.pieces(s, e) {
                let day = per_day.entry(d).or_default();
                day.0 += b - a;
                if !user(i) {
                    day.1 += b - a;
                }
            }
        }
        for (d, (secs, planners)) in per_day {
            if secs > i64::from(cap) * 60 {
                more.push(violation(
                    8,
                    None,
                    None,
                    format!("{}: {} min of task blocks, above max_task_min_per_day {cap}", days.date(d), secs / 60),
                    planners == 0,
                ));
            }
        }
    }
    // Rule 9: consecutive blocks of one task in start order, reported at the later one.
    let gap = i64::from(p.settings.task_break_min) * 60;
    if gap > 0 {
        let mut by_task: BTreeMap<usize, Vec<(i64, i64, usize)>> = BTreeMap::new();
        for &i in &good {
            let (tid, s, e) = blocks[i];
            by_task.entry(index[tid]).or_default().push((s, e, i));
        }
        for (k, mut list) in by_task {
            list.sort_unstable();
            for w in list.windows(2) {
                let ((_, e1, i1), (s2, _, i2)) = (w[0], w[1]);
                if s2 - e1 < gap {
                    more.push(violation(
                        9,
                        Some(i2),
                        Some(&p.tasks[k].id),
                        format!(
                            "starts {} min after the task's previous block ends, less than task_break_min {}",
                            (s2 - e1) / 60,
                            p.settings.task_break_min
                        ),
                        user(i1) && user(i2),
                    ));
                }
            }
        }
    }
    out.extend(more);
    out.sort_by_key(|v| (v.rule, v.block));
    out
}

fn violation(rule: u8, block: Option<usize>, task: Option<&str>, message: String, user_placed: bool) -> Violation {
    Violation { rule, task: task.map(str::to_owned), block, message, user_placed }
}
