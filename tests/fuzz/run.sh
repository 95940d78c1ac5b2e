#!/usr/bin/env bash
# The fuzz harness, run for longer than the test command does (release build):
#   tests/fuzz/run.sh [CASES] [TARGET...]
#   tests/fuzz/run.sh --minutes N [TARGET...]
# CASES inputs per property (default 20000); with --minutes, each target runs batches of
# 5000 inputs with a fresh seed each (printed) until N minutes have passed. TARGETs among
#   ical      the iCalendar reader and the bounded recurrence expansion (mutated real calendars)
#   rrule     the recurrence expander alone (rules from every RRULE part, years 1 to 9999)
#   caldav    the WebDAV/CalDAV multistatus XML reader (mutated server answers, arbitrary text)
#   planner   the planner's problem reader (damaged problems: refused by field, or planned validly)
#   quickadd  the quick-add parser (arbitrary text, the contract's words in any order)
# (all five when none is named). Each is a proptest "never panics" suite that `npm test` runs
# with a few hundred cases; a failure prints the smallest input proptest found and the seed
# (PROPTEST_RNG_SEED replays it): make it a regression test beside the suite. Prints inputs
# per second per target.
set -euo pipefail
cd "$(dirname "$0")/../../src-tauri"
minutes=""
if [ "${1:-}" = "--minutes" ]; then
  minutes="$2"
  shift 2
fi
cases="20000"
if [ -z "$minutes" ] && [ -n "${1:-}" ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  cases="$1"
  shift
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(ical rrule caldav planner quickadd)

args_of() {
  case "$1" in
    ical) echo "-p miraage-ical --test never_panics" ;;
    rrule) echo "-p miraage-domain --test recurrence_never_panics" ;;
    caldav) echo "-p miraage-caldav --lib xml_fuzz" ;;
    planner) echo "-p miraage-planner --test robustness" ;;
    quickadd) echo "-p miraage-quickadd --test properties" ;;
    *) echo "unknown target $1 (ical, rrule, caldav, planner, quickadd)" >&2; exit 2 ;;
  esac
}

# The test filter inside the built binary (a lib's fuzz module).
filter_of() {
  case "$1" in
    caldav) echo "xml_fuzz" ;;
    *) echo "" ;;
  esac
}

# Builds the target's test binary once and prints its path: batches run it directly, so an
# edit elsewhere in the shared tree never rebuilds (and slows) a run midway.
binary_of() {
  # shellcheck disable=SC2046
  cargo test --release --no-run --message-format=json $(args_of "$1") 2>/dev/null |
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(m["executable"])' | tail -1
}

# One batch of `$2` inputs per property with seed `$3`; prints the number of properties.
batch() {
  local out
  # shellcheck disable=SC2046
  out=$(PROPTEST_CASES="$2" PROPTEST_RNG_SEED="$3" "$bin" $(filter_of "$1") --test-threads 2 2>&1) || {
    echo "$out" >&2
    echo "FAILED: target $1, PROPTEST_RNG_SEED=$3 PROPTEST_CASES=$2" >&2
    return 1
  }
  grep -c '^test .* ok$' <<<"$out"
}

for t in "${targets[@]}"; do
  # shellcheck disable=SC2046
  cargo test --release --no-run $(args_of "$t") >/dev/null 2>&1 || cargo test --release --no-run $(args_of "$t")
  bin=$(binary_of "$t")
  start=$(date +%s.%N)
  total=0
  runs=0
  failures=0
  if [ -z "$minutes" ]; then
    properties=$(batch "$t" "$cases" "$(shuf -i 1-4000000000 -n 1)") || exit 1
    total=$((properties * cases))
    runs=1
  else
    # Every batch runs to its end or its first failure; failures are counted and the
    # batches go on until the time is up.
    deadline=$(($(date +%s) + minutes * 60))
    while [ "$(date +%s)" -lt "$deadline" ]; do
      seed=$(shuf -i 1-4000000000 -n 1)
      if properties=$(batch "$t" 5000 "$seed"); then
        total=$((total + properties * 5000))
      else
        failures=$((failures + 1))
      fi
      runs=$((runs + 1))
    done
  fi
  end=$(date +%s.%N)
  awk -v t="$t" -v n="$total" -v r="$runs" -v f="$failures" -v s="$start" -v e="$end" 'BEGIN {
    d = e - s; printf "%-9s %d inputs in %d runs, %.1f s: %.0f inputs/s, %d failed runs\n", t, n, r, d, n / d, f }'
done
