#!/usr/bin/env python3
"""`miraage-cli import` against Python's `icalendar` parse of the same file, in the same run.

For each size it writes a file with tests/bench/ics_gen.py (Europe/Berlin with its
VTIMEZONE, 250 weekly series with EXDATEs and moved instances, random 15-90-minute events
over four years), imports it into a fresh database with the release CLI (the whole process:
start, read, parse, one transaction, exit), imports it again (every event updated in
place), and times `icalendar.Calendar.from_ical` on the same bytes (the parse only, file
already read). It prints the ratio and the time per event, so that linear growth shows as a
flat column. It asserts nothing but the imports' success and counts.

`icalendar` is installed from PyPI into a venv under tests/artifacts/ when missing.

    python3 tests/bench/import_bench.py [--sizes 10000,50000,200000] [--runs N] [--cli PATH]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "tests" / "artifacts" / "import-bench-venv"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
import ics_gen  # noqa: E402

PYTHON_PARSE = """
import sys, time, icalendar
data = open(sys.argv[1], 'rb').read()
t = time.perf_counter()
cal = icalendar.Calendar.from_ical(data)
s = time.perf_counter() - t
print(s, len(cal.walk('VEVENT')), icalendar.__version__)
"""


def venv_python():
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {VENV.relative_to(ROOT)} with icalendar from PyPI", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if subprocess.run([str(python), "-c", "import icalendar"], capture_output=True).returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "icalendar"], check=True)
    return python


def release_cli():
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not target.is_absolute():
        target = ROOT / target
    subprocess.run(["cargo", "build", "--release", "-p", "miraage-cli"], cwd=ROOT, check=True)
    return target / "release" / "miraage-cli"


def time_import(cli, db, path, expected):
    t = time.perf_counter()
    run = subprocess.run([str(cli), "--db", str(db), "--tz", "Europe/Berlin", "import", str(path)], capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if run.returncode != 0:
        sys.exit(f"miraage-cli import failed:\n{run.stdout}{run.stderr}")
    imported = re.match(r"Imported (\d+) events", run.stdout)
    if not imported or int(imported.group(1)) != expected or run.stderr:
        sys.exit(f"unexpected import answer for {expected} events:\n{run.stdout}{run.stderr}")
    return seconds


def time_python(python, path, expected):
    out = subprocess.run([str(python), "-c", PYTHON_PARSE, str(path)], capture_output=True, text=True, check=True).stdout.split()
    if int(out[1]) != expected:
        sys.exit(f"icalendar read {out[1]} events, expected {expected}")
    return float(out[0]), out[2]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,50000,200000", help="events per file, comma-separated")
    ap.add_argument("--runs", type=int, default=1, help="runs of each measurement; the best is shown")
    ap.add_argument("--cli", help="miraage-cli binary (default: build the release one)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    python = venv_python()
    cli = Path(args.cli) if args.cli else release_cli()

    rows = []
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        for n in sizes:
            path = Path(tmp) / f"{n}.ics"
            ics_gen.write(path, n)
            first, again, parse = [], [], []
            for run in range(args.runs):
                db = Path(tmp) / f"{n}-{run}.db"
                first.append(time_import(cli, db, path, n))
                again.append(time_import(cli, db, path, n))
                seconds, version = time_python(python, path, n)
                parse.append(seconds)
            rows.append((n, path.stat().st_size / 1e6, min(first), min(again), min(parse)))
            for f in Path(tmp).glob(f"{n}*"):
                f.unlink()

    print(f"miraage-cli import (release, whole process) vs icalendar {version} Calendar.from_ical, best of {args.runs}")
    print(f"{'events':>8} {'file MB':>8} {'ours (s)':>9} {'again (s)':>10} {'python parse (s)':>17} {'ratio':>7} {'ours µs/event':>14} {'python µs/event':>16}")
    for n, mb, ours, again, parse in rows:
        print(f"{n:>8} {mb:>8.1f} {ours:>9.2f} {again:>10.2f} {parse:>17.2f} {parse / ours:>6.1f}x {ours / n * 1e6:>14.1f} {parse / n * 1e6:>16.1f}")
    if len(rows) > 1:
        (n0, _, t0, _, p0), (n1, _, t1, _, p1) = rows[0], rows[-1]
        print(f"time per event at {n1} over at {n0}: ours {t1 / n1 / (t0 / n0):.2f}, python {p1 / n1 / (p0 / n0):.2f} (linear: 1)")


if __name__ == "__main__":
    main()
