#!/usr/bin/env bash
# Runs the iCalendar reader's and the recurrence expander's "never panics" properties
# (src-tauri/crates/miraage-ical/tests/never_panics.rs) for longer than the test command does.
#   tests/fuzz/ical.sh [CASES]     (default 20000 files per property; release build)
# A failure prints the smallest file proptest found; make it a test in robust_reader.rs.
set -euo pipefail
cd "$(dirname "$0")/../../src-tauri"
cases="${1:-20000}"
start=$(date +%s)
PROPTEST_CASES="$cases" cargo test --release -p miraage-ical --test never_panics -- --test-threads 2
end=$(date +%s)
echo "never_panics: $cases files per property in $((end - start)) s (build included)"
