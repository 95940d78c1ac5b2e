#!/usr/bin/env python3
"""Exact reference for small problems (yardstick only, not a product dependency):
a CP-SAT model of FORMAT.md's hard rules and score, solved by OR-Tools.

    python3 tests/bench/exact_small.py PROBLEM.json --out PLAN.json [--bench-dir DIR]
                                       [--time-limit SECONDS] [--workers N]

Needs `pip install ortools`. Reads the problem with the shared referee's reader
(score_plan.py in --bench-dir / MIRAAGE_BENCH_DIR), so windows and DST are resolved exactly
as the scorer does. Model: each task gets up to floor(duration / min block) optional blocks on
the 5-minute grid; a block picks one free segment of its hours set (windows minus busy time
widened by the buffer, clipped to now, earliest start, hard due and horizon; cut at local
midnight when a daily cap applies) and lies inside it; all blocks are pairwise disjoint;
dependencies, hard dues and the daily cap are constraints; the objective is the score table
times 60 (unscheduled, lateness, completion, fragmentation). Two simplifications, both
noted in the summary: context switches are not modelled (the scorer still counts them on the
result), and with a daily cap a block cannot cross local midnight. Prints a JSON summary
(status, objective, bound) on stderr.
"""
from __future__ import annotations

import argparse
import json
import os
import sys


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser()
    ap.add_argument("problem")
    ap.add_argument("--out", required=True)
    ap.add_argument("--bench-dir", default=os.environ.get("MIRAAGE_BENCH_DIR", os.path.join(repo, "..", "shared", "bench")))
    ap.add_argument("--time-limit", type=float, default=30.0)
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.bench_dir))
    import score_plan as sp  # the shared reader
    from ortools.sat.python import cp_model

    p = sp.load_problem(a.problem)
    G = sp.GRID_S
    origin = -(-p.now // G) * G
    n = max(0, (p.horizon_end - origin) // G)
    m = cp_model.CpModel()
    cap = None if p.cap_min is None else p.cap_min // 5

    def to_slot_ceil(t):
        return max(0, min(n, -(-(t - origin) // G)))

    def to_slot_floor(t):
        return max(0, min(n, (t - origin) // G))

    day_of = {}  # slot -> local day ordinal, for segments
    blocks = {}  # task id -> list of (present, start, end, size_eff, day_terms)
    obj = []
    finish, full, has = {}, {}, {}
    per_day: dict[int, list] = {}
    for t in p.tasks:
        w = t.weight
        D = t.duration // 5
        cmin = -(-t.eff_min_chunk // 5)
        cmax = t.max_chunk // 5
        lo = to_slot_ceil(max(p.now, t.earliest_start or p.now))
        hi = n if not t.hard_due else min(n, to_slot_floor(t.due))
        segs = []
        for s, e in p.free_segments(t.hours):
            a_, b_ = max(to_slot_ceil(s), lo), min(to_slot_floor(e), hi)
            if b_ - a_ < cmin:
                continue
            if cap is None:
                segs.append((a_, b_, 0))
            else:
                for day, x, y in p.clock.day_pieces(origin + a_ * G, origin + b_ * G):
                    xa, yb = to_slot_ceil(x), to_slot_floor(y)
                    if yb - xa >= cmin:
                        segs.append((xa, yb, day.toordinal()))
        K = 0 if (cmin == 0 or cmin > cmax or cmin > D or not segs) else D // cmin
        lst = []
        for k in range(K):
            pres = m.NewBoolVar(f"p_{t.id}_{k}")
            seg = m.NewIntVar(0, len(segs) - 1, f"g_{t.id}_{k}")
            start = m.NewIntVar(0, n, f"s_{t.id}_{k}")
            size = m.NewIntVar(cmin, cmax, f"z_{t.id}_{k}")
            end = m.NewIntVar(0, n, f"e_{t.id}_{k}")
            m.Add(end == start + size)
            ss = m.NewIntVar(0, n, "")
            se = m.NewIntVar(0, n, "")
            m.AddElement(seg, [x for x, _, _ in segs], ss)
            m.AddElement(seg, [y for _, y, _ in segs], se)
            m.Add(start >= ss).OnlyEnforceIf(pres)
            m.Add(end <= se).OnlyEnforceIf(pres)
            iv = m.NewOptionalIntervalVar(start, size, end, pres, f"i_{t.id}_{k}")
            eff = m.NewIntVar(0, cmax, "")
            m.Add(eff == size).OnlyEnforceIf(pres)
            m.Add(eff == 0).OnlyEnforceIf(pres.Not())
            if k:
                prev = lst[-1]
                m.AddImplication(pres, prev[0])
                m.Add(start >= prev[2]).OnlyEnforceIf(pres)
            if cap is not None:
                dayvar = m.NewIntVar(min(d for *_, d in segs), max(d for *_, d in segs), "")
                m.AddElement(seg, [d for *_, d in segs], dayvar)
                for d in sorted({d for *_, d in segs}):
                    on = m.NewBoolVar("")
                    m.Add(dayvar == d).OnlyEnforceIf(on)
                    m.Add(dayvar != d).OnlyEnforceIf(on.Not())
                    part = m.NewIntVar(0, cmax, "")
                    m.Add(part == eff).OnlyEnforceIf(on)
                    m.Add(part == 0).OnlyEnforceIf(on.Not())
                    per_day.setdefault(d, []).append(part)
            lst.append((pres, start, end, eff, iv))
        blocks[t.id] = lst
        placed = sum(b[3] for b in lst) if lst else 0
        if lst:
            m.Add(placed <= D)
        f = m.NewIntVar(0, n, f"f_{t.id}")
        h = m.NewBoolVar(f"h_{t.id}")
        if lst:
            m.Add(h == lst[0][0])
            for pres, _, end, _, _ in lst:
                m.Add(f >= end).OnlyEnforceIf(pres)
        else:
            m.Add(h == 0)
        m.Add(f == 0).OnlyEnforceIf(h.Not())
        fu = m.NewBoolVar(f"u_{t.id}")
        if lst and D * 5 == t.duration:
            m.Add(placed == D).OnlyEnforceIf(fu)
            m.Add(placed < D).OnlyEnforceIf(fu.Not())
        else:
            m.Add(fu == 0)
        finish[t.id], has[t.id], full[t.id] = f, h, fu
        # Objective, times 60: unscheduled 100 w per minute; completion w per hour;
        # lateness w per minute (per second here: times 60 / 60); fragments 30 each.
        obj.append(w * 100 * 60 * (t.duration - 5 * placed) if lst else w * 100 * 60 * t.duration)
        obj.append(5 * w * f + w * ((origin - p.now) // 60) * h)
        if t.due is not None and lst:
            late = m.NewIntVar(0, max(0, origin + n * G - t.due), f"l_{t.id}")
            m.Add(late >= origin + G * f - t.due).OnlyEnforceIf(h)
            obj.append(w * late)
        if lst:
            need = -(-t.duration // t.max_chunk)
            frag = m.NewIntVar(0, len(lst), "")
            m.Add(frag >= sum(b[0] for b in lst) - need)
            obj.append(1800 * frag)
    for t in p.tasks:  # rule 6
        if not blocks[t.id]:
            continue
        for d in t.depends_on:
            m.AddImplication(has[t.id], full[d])
            m.Add(blocks[t.id][0][1] >= finish[d]).OnlyEnforceIf(has[t.id])
    m.AddNoOverlap([b[4] for lst in blocks.values() for b in lst])
    if cap is not None:
        for d, parts in per_day.items():
            m.Add(sum(parts) <= cap)
    m.Minimize(sum(obj))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = a.time_limit
    solver.parameters.num_workers = a.workers
    status = solver.Solve(m)
    out = []
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for tid, lst in blocks.items():
            for pres, start, end, _, _ in lst:
                if solver.Value(pres):
                    out.append((solver.Value(start), solver.Value(end), tid))
    out.sort()
    plan = {"planner": "exact_small (CP-SAT)",
            "blocks": [{"task": tid, "start": p.fmt(origin + s * G), "end": p.fmt(origin + e * G)} for s, e, tid in out]}
    with open(a.out, "w") as f:
        json.dump(plan, f, indent=1)
    print(json.dumps({"status": solver.StatusName(status), "objective": solver.ObjectiveValue() / 60 if out or status == cp_model.OPTIMAL else None,
                      "bound": solver.BestObjectiveBound() / 60, "time_s": solver.WallTime(),
                      "note": "context switches not modelled; with a cap no block crosses midnight"}), file=sys.stderr)
    return 0 if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else 1


if __name__ == "__main__":
    sys.exit(main())
