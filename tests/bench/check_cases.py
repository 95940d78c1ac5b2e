#!/usr/bin/env python3
"""Runs the crate's own validator and scorer (example `score`) over the shared referee's
pinned cases (cases/cases.tsv in --bench-dir) and compares exit code, broken rules and
total with what the referee expects. The cases are read in place, never copied.

    python3 tests/bench/check_cases.py [--bench-dir DIR] [--score-cmd CMD]
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench-dir", default=os.environ.get("MIRAAGE_BENCH_DIR", os.path.join(REPO, "..", "shared", "bench")))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
    exe = os.path.join(target, "release", "examples", "score")
    ap.add_argument("--score-cmd", default=shlex.quote(exe) if os.path.exists(exe)
                    else "cargo run -q --release -p miraage-planner --example score --")
    a = ap.parse_args()
    cases = os.path.join(a.bench_dir, "cases")
    failures = total = 0
    with open(os.path.join(cases, "cases.tsv")) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    for name, prob, plan, code, rules, want_total in rows[1:]:
        total += 1
        r = subprocess.run(shlex.split(a.score_cmd) + [os.path.join(cases, prob + ".problem.json"),
                           os.path.join(cases, plan + ".plan.json")], capture_output=True, text=True)
        problems = []
        if r.returncode != int(code):
            problems.append(f"exit {r.returncode}, want {code}")
        if r.returncode in (0, 1) and r.stdout.strip():
            out = json.loads(r.stdout)
            got_rules = ",".join(str(x) for x in sorted(set(out["rules"]))) or "-"
            if rules != "-" and got_rules != rules:
                problems.append(f"rules {got_rules}, want {rules}")
            if rules == "-" and got_rules != "-":
                problems.append(f"rules {got_rules}, want none")
            if want_total != "-" and abs(out["terms"]["total"] - float(want_total)) > 1e-6:
                problems.append(f"total {out['terms']['total']}, want {want_total}")
        status = "ok" if not problems else "FAIL " + "; ".join(problems)
        failures += bool(problems)
        print(f"{name:<40} {status}")
    print(f"{total - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
