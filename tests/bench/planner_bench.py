#!/usr/bin/env python3
"""Benchmark of the Miraage planner against the naive baseline (and, on small problems,
an exact optimum), on problems from the shared generator, scored by the shared referee.

    python3 tests/bench/planner_bench.py [--bench-dir DIR] [--planner-cmd CMD]
        [--sizes small,medium,large] [--seeds N] [--exact] [--replan] [--task-break N]
        [--work-dir DIR]

--bench-dir (or MIRAAGE_BENCH_DIR) is the folder with gen_problem.py, baseline_edf.py and
score_plan.py (default: ../shared/bench next to the repository). --planner-cmd is the command
that takes `PROBLEM.json --out PLAN.json [--time-budget-ms N]` (default: the prebuilt example
binary if present, else `cargo run -q --release -p miraage-planner --example plan --`). The
planner's own in-process time is read from the JSON summary it prints on stderr when there is
one, else the wall time of the command is used (which includes process start-up). The CPU
columns are the user + system time of the whole planner process (start-up and JSON included),
which is what "one core" means on a machine shared with other work.

Sizes: small = 15 tasks, 1 week; medium = 150 tasks, 4 weeks; large = 1000 tasks, 12 weeks,
--busy-per-day 8; habits = the medium problem with 20 habits added (daily and weekly, their own
windows, sessions of 15-90 min). The planner writes a habits problem expanded into tasks
(`--expanded-out`, as the planner's README describes) and the referee and the baseline score
that. Each seed alternates the generator's options (DST crossing, dependencies,
hard dues, caps) so every rule is exercised; --task-break N gives every problem
settings.task_break_min N (rule 9, the generator's --task-break). Prints one table row per
size: validity rate of ours and of the baseline, median scores, the ratio of medians
ours/baseline, the median of per-problem ratios, and our planning time (median and max, ms).

--exact runs tests/bench/exact_small.py (OR-Tools CP-SAT, `pip install ortools`) on the small
problems and reports the median gap of ours over the optimum. --replan measures a re-plan after
adding one 1-hour meeting over one of our blocks on each medium problem: time, churned minutes,
the minutes of the blocks the meeting displaced, and the tasks the re-plan newly lists in its
`split` (placed in more blocks than they need, or in several where they had one).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

SIZES = {
    "small": dict(tasks=15, weeks=1, busy=4.0, seeds=20),
    "medium": dict(tasks=150, weeks=4, busy=4.0, seeds=10),
    "large": dict(tasks=1000, weeks=12, busy=8.0, seeds=5),
    "habits": dict(tasks=150, weeks=4, busy=4.0, seeds=10, habits=20),
}

WINDOWS = [  # (days, start, end): mornings, lunch, evenings, weekends
    (["mon", "tue", "wed", "thu", "fri"], "07:00", "09:00"),
    (["mon", "tue", "wed", "thu", "fri"], "12:00", "14:00"),
    (["mon", "tue", "wed", "thu", "fri"], "18:00", "22:00"),
    (["sat", "sun"], "09:00", "17:00"),
    (["mon", "wed", "fri"], "17:00", "20:00"),
]


def habits(seed: int, n: int) -> list[dict]:
    """`n` habits and study goals, the same for a seed: a third daily, the rest weekly."""
    out = []
    for i in range(n):
        days, start, end = WINDOWS[(seed + i) % len(WINDOWS)]
        daily = i % 3 == 0
        minutes = 15 + 15 * ((seed + i) % 3) if daily else 60 + 30 * ((seed * 7 + i) % 7)
        lo = 15 if daily else 30
        out.append({"id": f"habit{i}", "title": f"Habit {i}", "minutes": minutes, "per": "day" if daily else "week",
                    "min_chunk_min": lo, "max_chunk_min": lo * 2 if daily else 90,
                    "window": {"days": days, "start": start, "end": end}, "priority": 1 + (seed + i) % 4})
    return out


def variant(seed: int) -> list[str]:
    """Generator options by seed, so the runs cover DST, dependencies, hard dues and caps."""
    extra = []
    if seed % 3 == 1:
        extra.append("--dst")
    if seed % 2 == 0:
        extra += ["--deps", "0.2"]
    if seed % 4 in (1, 2):
        extra += ["--hard-due", "0.3"]
    if seed % 5 == 3:
        extra += ["--cap", "360"]
    return extra


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def default_planner_cmd() -> str:
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    exe = os.path.join(target, "release", "examples", "plan")
    if os.path.exists(exe):
        return shlex.quote(exe)
    return "cargo run -q --release -p miraage-planner --example plan --"


def score(bench: str, problem: str, plan: str) -> dict:
    r = run([sys.executable, os.path.join(bench, "score_plan.py"), problem, plan, "--json"])
    if r.returncode == 2 or not r.stdout.strip():
        return {"valid": False, "total": float("inf"), "error": r.stderr.strip()}
    return json.loads(r.stdout)


def run_planner(cmd: str, problem: str, out: str, extra: list[str]) -> tuple[bool, float, str, float]:
    """Runs the planner; returns (ok, planning ms, stderr, CPU ms of the whole process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = run(shlex.split(cmd) + [problem, "--out", out] + extra)
    wall = (time.perf_counter() - t0) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    ms = wall
    for line in r.stderr.splitlines():
        try:
            ms = float(json.loads(line)["elapsed_ms"])
        except (ValueError, KeyError, TypeError):
            pass
    return r.returncode == 0, ms, r.stderr.strip(), cpu


def generate(bench: str, work: str, size: str, seed: int, task_break: int = 0) -> str:
    spec = SIZES[size]
    # Problems are cached by name, so the break is part of it.
    suffix = f"-break{task_break}" if task_break else ""
    path = os.path.join(work, f"{size}-{seed}{suffix}.problem.json")
    if not os.path.exists(path):
        cmd = [sys.executable, os.path.join(bench, "gen_problem.py"), "--seed", str(seed),
               "--tasks", str(spec["tasks"]), "--weeks", str(spec["weeks"]),
               "--busy-per-day", str(spec["busy"])] + variant(seed)
        if task_break:
            cmd += ["--task-break", str(task_break)]
        r = run(cmd)
        if r.returncode:
            sys.exit(f"gen_problem failed: {r.stderr}")
        text = r.stdout
        if spec.get("habits"):
            p = json.loads(text)
            p["habits"] = habits(seed, spec["habits"])
            text = json.dumps(p)
        with open(path, "w") as f:
            f.write(text)
    return path


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def bench_size(a, size: str) -> dict:
    n = a.seeds or SIZES[size]["seeds"]
    ours, base, ratios, times, cpus, exact_gaps, exact_status = [], [], [], [], [], [], []
    valid_o = valid_b = 0
    for seed in range(1, n + 1):
        prob = generate(a.bench_dir, a.work_dir, size, seed, a.task_break)
        stem = prob[: -len(".problem.json")]
        extra = list(a.planner_args)
        if SIZES[size].get("habits"):
            # The referee and the baseline read the problem with its habits expanded into tasks.
            extra += ["--expanded-out", stem + ".expanded.json"]
        ok, ms, err, cpu = run_planner(a.planner_cmd, prob, stem + ".ours.json", extra)
        if SIZES[size].get("habits") and ok:
            prob = stem + ".expanded.json"
        so = score(a.bench_dir, prob, stem + ".ours.json") if ok else {"valid": False, "total": float("inf")}
        if not ok:
            print(f"  {size} seed {seed}: planner failed: {err[-300:]}", file=sys.stderr)
        elif not so["valid"]:
            print(f"  {size} seed {seed}: INVALID plan: {so.get('violations', so)!s:.500}", file=sys.stderr)
        r = run([sys.executable, os.path.join(a.bench_dir, "baseline_edf.py"), prob])
        with open(stem + ".base.json", "w") as f:
            f.write(r.stdout)
        sb = score(a.bench_dir, prob, stem + ".base.json")
        valid_o += bool(so["valid"])
        valid_b += bool(sb["valid"])
        ours.append(so["total"])
        base.append(sb["total"])
        ratios.append(so["total"] / sb["total"] if sb["total"] else 1.0)
        times.append(ms)
        cpus.append(cpu)
        if a.exact and size == "small":
            exact_plan = stem + ".exact.json"
            status_file = stem + ".exact.status.json"
            fresh = all(os.path.exists(f) and os.path.getmtime(f) >= os.path.getmtime(prob)
                        for f in (exact_plan, status_file))
            if fresh:
                ex = subprocess.CompletedProcess([], 0, "", "")
            else:
                ex = run([sys.executable, os.path.join(HERE, "exact_small.py"), prob, "--out",
                          exact_plan, "--bench-dir", a.bench_dir, "--time-limit", str(a.exact_time)])
                if ex.returncode == 0:
                    with open(status_file, "w") as f:
                        f.write(ex.stderr.strip().splitlines()[-1] if ex.stderr.strip() else "{}")
            if ex.returncode == 0:
                with open(status_file) as f:
                    exact_status.append(json.loads(f.read() or "{}").get("status", "?"))
                se = score(a.bench_dir, prob, stem + ".exact.json")
                if se["valid"] and se["total"] > 0:
                    exact_gaps.append(so["total"] / se["total"] - 1)
            else:
                print(f"  exact solver failed on seed {seed}: {(ex.stderr or '').strip()[-300:]}", file=sys.stderr)
    return dict(size=size, n=n, valid_o=valid_o / n, valid_b=valid_b / n, med_o=median(ours),
                med_b=median(base), ratio=median(ours) / median(base), med_ratio=median(ratios),
                t_med=median(times), t_max=max(times), cpu_med=median(cpus), cpu_max=max(cpus), exact=exact_gaps,
                exact_optimal=sum(st == "OPTIMAL" for st in exact_status))


def bench_replan(a) -> None:
    """Add one 1-hour meeting over one of our blocks, re-plan from our plan, measure."""
    print("\nre-plan after adding one 1-hour meeting (medium problems):")
    print(f"{'seed':>5} {'time ms':>9} {'churn min':>10} {'displaced min':>14} {'new splits':>11} {'valid':>6}")
    for seed in range(1, (a.seeds or SIZES["medium"]["seeds"]) + 1):
        prob = generate(a.bench_dir, a.work_dir, "medium", seed, a.task_break)
        stem = prob[: -len(".problem.json")]
        first = stem + ".ours.json"
        if not os.path.exists(first):
            run_planner(a.planner_cmd, prob, first, a.planner_args)
        with open(prob) as f:
            p = json.load(f)
        with open(first) as f:
            plan = json.load(f)
        if not plan["blocks"]:
            continue
        blk = plan["blocks"][len(plan["blocks"]) // 3]
        sys.path.insert(0, a.bench_dir)
        import score_plan as sp  # the shared reader, for times
        s = sp.parse_time(blk["start"], "start")
        meeting = (s, s + 3600)
        p["busy"].append({"id": "new-meeting", "start": sp.format_time(meeting[0], sp.ZoneInfo(p["timezone"])),
                          "end": sp.format_time(meeting[1], sp.ZoneInfo(p["timezone"])), "title": "New meeting"})
        p["previous_plan"] = [{"task": b["task"], "start": b["start"], "end": b["end"]} for b in plan["blocks"]]
        pad = (p.get("settings") or {}).get("buffer_min") or 0
        displaced = 0
        for b in plan["blocks"]:
            bs, be = sp.parse_time(b["start"], "s"), sp.parse_time(b["end"], "e")
            if bs < meeting[1] + pad * 60 and meeting[0] - pad * 60 < be:
                displaced += (be - bs) // 60
        changed = stem + ".changed.problem.json"
        with open(changed, "w") as f:
            json.dump(p, f)
        ok, ms, err, _ = run_planner(a.planner_cmd, changed, stem + ".replan.json", ["--replan", first])
        if not ok:
            print(f"{seed:>5} re-plan failed: {err[-200:]}")
            continue
        sc = score(a.bench_dir, changed, stem + ".replan.json")
        churn_min = sc.get("terms", {}).get("churn", 0) * 2
        with open(stem + ".replan.json") as f:
            again = json.load(f)
        before = {x["task"] for x in plan.get("split", [])}
        new_splits = sum(x["task"] not in before for x in again.get("split", []))
        print(f"{seed:>5} {ms:>9.2f} {churn_min:>10g} {displaced:>14} {new_splits:>11} {str(sc['valid']):>6}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench-dir", default=os.environ.get("MIRAAGE_BENCH_DIR", os.path.join(REPO, "..", "shared", "bench")))
    ap.add_argument("--planner-cmd", default=None)
    ap.add_argument("--planner-args", default="", help="extra arguments for the planner, e.g. '--time-budget-ms 100'")
    ap.add_argument("--sizes", default="small,medium,large", help="any of small,medium,large,habits")
    ap.add_argument("--seeds", type=int, default=0, help="seeds per size (default: 20/10/5)")
    ap.add_argument("--exact", action="store_true", help="compare small problems with exact_small.py (needs ortools)")
    ap.add_argument("--exact-time", type=float, default=30.0, help="CP-SAT time limit per problem, s")
    ap.add_argument("--replan", action="store_true", help="also measure re-plans after one added meeting")
    ap.add_argument("--task-break", type=int, default=0,
                    help="settings.task_break_min of every generated problem (gen_problem.py --task-break)")
    ap.add_argument("--work-dir", default=os.path.join(REPO, "tests", "artifacts", "bench"))
    a = ap.parse_args()
    a.bench_dir = os.path.abspath(a.bench_dir)
    a.planner_cmd = a.planner_cmd or default_planner_cmd()
    a.planner_args = shlex.split(a.planner_args)
    if not os.path.exists(os.path.join(a.bench_dir, "score_plan.py")):
        sys.exit(f"no score_plan.py in {a.bench_dir}: pass --bench-dir or set MIRAAGE_BENCH_DIR")
    os.makedirs(a.work_dir, exist_ok=True)
    rows = [bench_size(a, s.strip()) for s in a.sizes.split(",") if s.strip()]
    print(f"planner: {a.planner_cmd} {' '.join(a.planner_args)}"
          + (f"  (task_break_min {a.task_break})" if a.task_break else ""))
    print(f"{'size':<8}{'n':>4}{'valid':>8}{'base valid':>11}{'median ours':>14}{'median base':>14}"
          f"{'ratio':>8}{'med ratio':>10}{'t med ms':>10}{'t max ms':>10}{'cpu med':>9}{'cpu max':>9}")
    for r in rows:
        print(f"{r['size']:<8}{r['n']:>4}{r['valid_o']:>8.0%}{r['valid_b']:>11.0%}{r['med_o']:>14.1f}"
              f"{r['med_b']:>14.1f}{r['ratio']:>8.3f}{r['med_ratio']:>10.3f}{r['t_med']:>10.1f}{r['t_max']:>10.1f}"
              f"{r['cpu_med']:>9.1f}{r['cpu_max']:>9.1f}")
        if r["exact"]:
            gaps = r["exact"]
            print(f"  vs exact optimum on {len(gaps)} small problems ({r['exact_optimal']} proven optimal): "
                  f"median gap {median(gaps):+.2%}, max {max(gaps):+.2%}")
    if a.replan:
        bench_replan(a)
    return 0 if all(r["valid_o"] == 1 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
