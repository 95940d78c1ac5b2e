#!/usr/bin/env bash
# The fuzz harness, run for longer than the test command does (release build):
#   tests/fuzz/run.sh [CASES] [TARGET...]
# CASES inputs per property (default 20000); TARGETs among
#   ical      the iCalendar reader and the bounded recurrence expansion (mutated real calendars)
#   caldav    the WebDAV/CalDAV multistatus XML reader (mutated server answers, arbitrary text)
#   planner   the planner's problem reader (damaged problems: refused by field, or planned validly)
#   quickadd  the quick-add parser (arbitrary text, the contract's words in any order)
# (all four when none is named). Each is a proptest "never panics" suite that `npm test` runs
# with a few hundred cases; a failure prints the smallest input proptest found: make it a
# regression test beside the suite. Prints inputs per second per target.
set -euo pipefail
cd "$(dirname "$0")/../../src-tauri"
cases="${1:-20000}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(ical caldav planner quickadd)

args_of() {
  case "$1" in
    ical) echo "-p miraage-ical --test never_panics" ;;
    caldav) echo "-p miraage-caldav --lib xml_fuzz" ;;
    planner) echo "-p miraage-planner --test robustness" ;;
    quickadd) echo "-p miraage-quickadd --test properties" ;;
    *) echo "unknown target $1 (ical, caldav, planner, quickadd)" >&2; exit 2 ;;
  esac
}

for t in "${targets[@]}"; do
  # shellcheck disable=SC2046
  cargo test --release --no-run $(args_of "$t") >/dev/null 2>&1 || cargo test --release --no-run $(args_of "$t")
  start=$(date +%s.%N)
  # shellcheck disable=SC2046
  out=$(PROPTEST_CASES="$cases" cargo test --release $(args_of "$t") -- --test-threads 2 2>&1) || { echo "$out"; exit 1; }
  end=$(date +%s.%N)
  properties=$(grep -c '^test .* ok$' <<<"$out")
  awk -v t="$t" -v c="$cases" -v p="$properties" -v s="$start" -v e="$end" 'BEGIN {
    d = e - s; printf "%-9s %d properties x %d inputs in %.1f s: %.0f inputs/s, no failure\n", t, p, c, d, p * c / d }'
done
