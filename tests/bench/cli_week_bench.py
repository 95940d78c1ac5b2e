#!/usr/bin/env python3
"""A week from the CLI, per process: `miraage-cli events` for one week of a store with 100,000
events (tests/bench/ics_gen.py: four years in Europe/Berlin with 250 weekly series, imported
once), against `miraage-cli --version` in the same run (the cost of starting the process at
all: loading, linking, exiting). The in-process query of the same week is the storage
benchmark's figure (`cargo bench -p miraage-cli --bench storage`). Prints the medians and
their difference, what the query itself costs a process; asserts nothing but success.

    python3 tests/bench/cli_week_bench.py [--events 100000] [--runs 40] [--cli PATH]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import ics_gen  # noqa: E402


def timed(cmd, runs):
    """Median and p90 wall time of `runs` runs of `cmd`, in ms (one warm-up run first)."""
    subprocess.run(cmd, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=40)
    ap.add_argument("--cli", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"), "release", "miraage-cli"))
    args = ap.parse_args()
    if not os.access(args.cli, os.X_OK):
        sys.exit(f"missing {args.cli}: build it with cargo build --release -p miraage-cli")
    with tempfile.TemporaryDirectory(prefix="miraage-cli-week-") as tmp:
        ics, db = Path(tmp) / "events.ics", Path(tmp) / "miraage.db"
        ics_gen.write(ics, args.events)
        base = [args.cli, "--db", str(db), "--tz", "Europe/Berlin"]
        subprocess.run([*base, "import", str(ics), "--calendar", "Bench"], check=True, capture_output=True)
        week = [*base, "events", "--from", "2024-03-25", "--to", "2024-04-01"]
        shown = subprocess.run(week, check=True, capture_output=True, text=True).stdout.count("\n")
        print(f"store: {args.events} events imported; the week shows {shown} lines; {args.runs} runs each")
        floor, floor90 = timed([args.cli, "--version"], args.runs)
        query, query90 = timed(week, args.runs)
        json_q, json_q90 = timed([*week, "--json"], args.runs)
        print(f"  miraage-cli --version           median {floor:6.1f} ms  p90 {floor90:6.1f} ms  (starting a process)")
        print(f"  miraage-cli events (one week)   median {query:6.1f} ms  p90 {query90:6.1f} ms")
        print(f"  miraage-cli events --json       median {json_q:6.1f} ms  p90 {json_q90:6.1f} ms")
        print(f"  the week's own share per process: {query - floor:.1f} ms (text), {json_q - floor:.1f} ms (JSON)")


if __name__ == "__main__":
    main()
