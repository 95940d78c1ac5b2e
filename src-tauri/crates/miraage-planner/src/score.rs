//! The benchmark score of a plan (FORMAT.md "Score"), term by term. Lower is better.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::plan::Plan;
use crate::problem::Problem;
use crate::time::windows::{merge, subtract, total};
use crate::time::Days;

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ScoreBreakdown {
    pub unscheduled: f64,
    pub lateness: f64,
    pub completion: f64,
    pub fragmentation: f64,
    pub context_switch: f64,
    pub churn: f64,
    pub total: f64,
}

/// Scores `plan` (habits expanded). Blocks of unknown tasks or empty blocks are ignored, as
/// the reference scorer ignores them; check validity with [`crate::validate`].
pub fn score(problem: &Problem, plan: &Plan) -> ScoreBreakdown {
    let p = problem.expanded();
    score_raw(&p, &plan.spans())
}

pub(crate) fn score_raw(p: &Problem, blocks: &[(&str, i64, i64)]) -> ScoreBreakdown {
    let index = p.task_index();
    let n = p.tasks.len();
    let mut by_task: Vec<Vec<(i64, i64)>> = vec![Vec::new(); n];
    for &(tid, s, e) in blocks {
        if let Some(&k) = index.get(tid) {
            if e > s {
                by_task[k].push((s, e));
            }
        }
    }
    let mut sc = ScoreBreakdown::default();
    let (mut completion_ws, mut lateness_ws) = (0i64, 0i64);
    for (k, t) in p.tasks.iter().enumerate() {
        let w = t.weight();
        let placed: i64 = by_task[k].iter().map(|(s, e)| e - s).sum();
        let unsched = (i64::from(t.duration_min) * 60 - placed).max(0);
        sc.unscheduled += (w * 100 * unsched) as f64 / 60.0;
        if let Some(finish) = by_task[k].iter().map(|b| b.1).max() {
            completion_ws += w * (finish - p.now);
            if let Some(due) = t.due {
                lateness_ws += w * (finish - due).max(0);
            }
        }
        let need = i64::from(t.duration_min.div_ceil(t.max_chunk_min));
        let extra = by_task[k].len() as i64 - need;
        if extra > 0 {
            sc.fragmentation += 30.0 * extra as f64;
        }
    }
    sc.completion = completion_ws as f64 / 3600.0;
    sc.lateness = lateness_ws as f64 / 60.0;

    let days = Days::covering(p.timezone, p.now, p.horizon_end);
    let mut order: Vec<(i64, i64, usize)> =
        blocks.iter().filter_map(|&(tid, s, e)| index.get(tid).filter(|_| e > s).map(|&k| (s, e, k))).collect();
    order.sort_unstable();
    let mut prev: Option<(usize, &str)> = None;
    for &(s, _, k) in &order {
        let day = days.index_of(s);
        let proj = p.tasks[k].project.as_str();
        if let Some((d, pp)) = prev {
            if d == day && pp != proj {
                sc.context_switch += 10.0;
            }
        }
        prev = Some((day, proj));
    }

    if let Some(prev) = &p.previous_plan {
        let mut prev_by: BTreeMap<usize, Vec<(i64, i64)>> = BTreeMap::new();
        for b in prev {
            if let Some(&k) = index.get(b.task.as_str()) {
                prev_by.entry(k).or_default().push((b.start.max(p.now), b.end.min(p.horizon_end)));
            }
        }
        let mut lost = 0;
        for (k, list) in prev_by {
            let prev = merge(list);
            let cover = merge(by_task[k].clone());
            lost += total(&subtract(&prev, &cover));
        }
        sc.churn = 0.5 * lost as f64 / 60.0;
    }
    sc.total = sc.unscheduled + sc.lateness + sc.completion + sc.fragmentation + sc.context_switch + sc.churn;
    sc
}
