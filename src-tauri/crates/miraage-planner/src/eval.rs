//! Fast scoring of a schedule state, term for term the same as [`crate::score`], used by
//! construction and search to compare candidates without building a [`crate::Plan`].

use crate::construct::State;
use crate::model::Model;
use crate::time::windows::{merge, subtract, total};

pub(crate) fn eval(m: &Model, st: &State) -> f64 {
    let now = m.p.now;
    let mut s = 0.0;
    let mut completion_ws = 0i64;
    let mut lateness_ws = 0i64;
    for (t, mt) in m.tasks.iter().enumerate() {
        let placed_s = i64::from(st.placed[t]) * 300;
        let unsched = (i64::from(mt.dur_min) * 60 - placed_s).max(0);
        s += (mt.w * 100 * unsched) as f64 / 60.0;
        if st.nblocks[t] > 0 {
            let f = m.epoch(st.finish[t]);
            completion_ws += mt.w * (f - now);
            if let Some(due) = mt.due {
                lateness_ws += mt.w * (f - due).max(0);
            }
            let extra = i64::from(st.nblocks[t]) - mt.need_blocks;
            if extra > 0 {
                s += 30.0 * extra as f64;
            }
        }
    }
    s += completion_ws as f64 / 3600.0 + lateness_ws as f64 / 60.0;
    s += context_switches(m, st);
    if m.has_prev {
        s += churn(m, st);
    }
    s
}

pub(crate) fn sorted_blocks(st: &State) -> Vec<(u32, u32, u32)> {
    let mut b = st.blocks.clone();
    b.sort_unstable();
    b
}

pub(crate) fn context_switches(m: &Model, st: &State) -> f64 {
    let blocks = sorted_blocks(st);
    let mut n = 0u32;
    let mut prev: Option<(u16, u32)> = None;
    for &(a, _, t) in &blocks {
        let day = m.day_of_slot[a as usize];
        let proj = m.tasks[t as usize].project;
        if let Some((d, p)) = prev {
            if d == day && p != proj {
                n += 1;
            }
        }
        prev = Some((day, proj));
    }
    10.0 * f64::from(n)
}

pub(crate) fn churn(m: &Model, st: &State) -> f64 {
    let mut by_task: Vec<Vec<(i64, i64)>> = vec![Vec::new(); m.tasks.len()];
    for &(a, b, t) in &st.blocks {
        if !m.tasks[t as usize].prev.is_empty() {
            by_task[t as usize].push((m.epoch(a), m.epoch(b)));
        }
    }
    let mut lost = 0i64;
    for (t, mt) in m.tasks.iter().enumerate() {
        if !mt.prev.is_empty() {
            let cover = merge(std::mem::take(&mut by_task[t]));
            lost += total(&subtract(&mt.prev, &cover));
        }
    }
    0.5 * lost as f64 / 60.0
}
