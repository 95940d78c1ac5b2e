//! Re-plans put a displaced block back whole: the minutes of a previous block that could not
//! stay go into the earliest free gap that holds all of them, as one block of the same
//! length. The decoder alone would rather fill an earlier, shorter gap and add a piece
//! elsewhere (the parts finish sooner), which turns one sitting the user had into two. A
//! block is split only when no gap holds it, or when whole it would finish later past its
//! due date than in parts; the plan's `split` list then says why.

use crate::construct::{first_gap, place_task, splittable, State};
use crate::model::{Model, Slot};
use crate::problem::PrevBlock;

/// Places the displaced blocks of `prev` (those `st` does not hold) whole where they fit.
pub(crate) fn place_whole(m: &Model, st: &mut State, prev: &[PrevBlock]) {
    let index = m.p.task_index();
    let mut gone: Vec<(usize, Slot, Slot)> = prev
        .iter()
        .filter_map(|b| {
            let t = *index.get(b.task.as_str())?;
            let (a, z) = m.to_slots(b.start.max(m.p.now), b.end.min(m.p.horizon_end))?;
            let kept = st.blocks_of(t).any(|x| x == (a, z));
            (!kept).then_some((t, a, z))
        })
        .collect();
    gone.sort_unstable();
    gone.dedup();
    // The most valuable (then most urgent) first: they get the earliest gaps.
    let far = i64::MAX;
    gone.sort_by_key(|&(t, a, _)| (-m.tasks[t].w, m.tasks[t].due.unwrap_or(far), t, a));
    for (t, a, z) in gone {
        let len = z - a;
        let mt = &m.tasks[t];
        let missing = mt.missing(st.placed[t]);
        if !mt.placeable()
            || !(mt.cmin..=mt.cmax).contains(&len)
            || missing < len
            || !splittable(missing - len, mt.cmin, mt.cmax)
        {
            continue;
        }
        let Some(lo) = st.ready_at(m, t) else {
            continue;
        };
        let zones = st.break_zones(m, t);
        let Some(x) = first_gap(m, &st.free[mt.hours], &st.cap_used, &zones, (lo, mt.hi), len) else {
            continue;
        };
        if crate::construct::chunk_gain(m, st, t, x, len) >= 0.0 {
            continue; // not worth placing at all there: the decoder decides
        }
        if let Some(due) = mt.due {
            let whole = m.epoch(x + len).max(m.epoch(st.finish[t]));
            if whole > due {
                // Late whole: keep it only if the parts would not finish earlier.
                let mut parts = st.clone();
                place_task(m, &mut parts, t, false);
                let split = m.epoch(parts.finish[t]);
                if parts.placed[t] > st.placed[t] && split < whole {
                    continue;
                }
            }
        }
        st.add(m, t, x, x + len);
    }
}
