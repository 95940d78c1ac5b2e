#!/usr/bin/env bash
# Launch to first paint: Miraage's window with the demo week against a bare Tauri window (the
# floor WebKitGTK sets), under Xvfb, each launched RUNS times. Miraage logs its stages under
# MIRAAGE_STARTUP_TRACE (src-tauri/src/startup.rs: main, setup, store open, window made; the
# page's navigation, script, week drawn, painted) as wall-clock instants; this script puts them
# on one line from the moment it launched the process and prints the median of each stage.
# The first launch of a new database (which writes the demo week) is printed apart, and so is
# the window opened from the tray (a second launch hands over, as a launcher's Open does):
# shortly after a hidden start, and once the app has given its idle memory back
# (src-tauri/src/memory.rs), when the code the window needs must be read in again.
# Prints numbers; asserts nothing.
#
#   bash tests/bench/first_paint.sh [--debug] [--no-build] [--runs N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build=1
runs=7
profile=release
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=0 ;;
    --debug) profile=debug ;;
    --runs) runs=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
target=${CARGO_TARGET_DIR:-target}
if [ $build = 1 ]; then
  npm run --silent ui:build
  if [ $profile = release ]; then release=(--release); else release=(); fi
  cargo build "${release[@]}" --features tauri/custom-protocol,bench-bare-window --bin miraage --bin bare-window --quiet
fi
for b in miraage bare-window; do
  [ -x "$target/$profile/$b" ] || { echo "missing $target/$profile/$b (run without --no-build)" >&2; exit 2; }
done

work=$(mktemp -d)
xvfb=""
cleanup() {
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
  [ -n "${buspid:-}" ] && kill "$buspid" 2>/dev/null
  fusermount -u "$work/cache/doc" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  display=:$((190 + RANDOM % 100))
  Xvfb "$display" -screen 0 1280x900x24 >"$work/xvfb.log" 2>&1 &
  xvfb=$!
  export DISPLAY=$display
  sleep 1
fi
# One session bus for every launch (as a desktop session has), so that starting a bus is not
# counted in the launch.
bus=$(dbus-daemon --session --fork --print-address=1 --print-pid=1)
export DBUS_SESSION_BUS_ADDRESS=${bus%%$'\n'*}
buspid=${bus##*$'\n'}
export MIRAAGE_DB=$work/miraage.db XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache XDG_CONFIG_HOME=$work/config
export MIRAAGE_STARTUP_TRACE=1

# Waits until the app started in session $1 logged "painted" in $2, ends it, and prints the
# stages it logged at or after $3 (ms since the epoch) as "stage ms" lines, ms from $3.
stages_since() {
  local root=$1 log=$2 t0=$3
  for _ in $(seq 300); do grep -q "startup: painted at" "$log" && break; sleep 0.1; done
  kill -TERM -- "-$root" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$root" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$root" 2>/dev/null || true
  grep -o "startup: .* at [0-9.]*" "$log" | sed 's/^startup: //' |
    awk -v t0="$t0" '{ at = $NF; $NF = ""; sub(/ at $/, ""); if (at >= t0) printf "%s\t%.0f\n", $0, at - t0 }'
}

# Launches $1 once; prints "stage ms" lines, ms from the launch, once it logged "painted".
launch() {
  local bin=$1 log=$work/launch.log t0
  : >"$log"
  t0=$(date +%s%3N)
  setsid "$bin" >"$log" 2>&1 &
  stages_since $! "$log" "$t0"
}

# Starts $1 hidden in the tray and, after $2 seconds or (with "trimmed") once it has given
# memory back, opens the window by a second launch; prints the page's "stage ms" lines, ms
# from that launch.
from_tray() {
  local bin=$1 when=$2 log=$work/tray.log t0 root
  : >"$log"
  setsid "$bin" --hidden >"$log" 2>&1 &
  root=$!
  if [ "$when" = trimmed ]; then
    for _ in $(seq 300); do grep -q "waiting in the tray" "$log" && break; sleep 0.1; done
    sleep 1
  else
    sleep "$when"
  fi
  t0=$(date +%s%3N)
  "$bin" >/dev/null 2>&1 || true
  stages_since "$root" "$log" "$t0"
}

# Reads "stage<TAB>ms" lines of several runs; prints each stage's median in first-seen order.
medians() {
  awk -F'\t' '{ if (!($1 in n)) order[++k] = $1; v[$1, ++n[$1]] = $2 }
    END { for (i = 1; i <= k; i++) { s = order[i]; m = n[s]
      for (a = 1; a <= m; a++) x[a] = v[s, a]
      for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (x[b] < x[a]) { t = x[a]; x[a] = x[b]; x[b] = t }
      printf "  %-14s %5d ms   (min %d, max %d, %d runs)\n", s, x[int((m + 1) / 2)], x[1], x[m], m } }'
}

echo "first launch of a new database (the demo week written), $profile:"
launch "$target/$profile/miraage" | medians
for which in miraage bare-window; do
  echo "$which, $runs launches, $profile (median stage times from the launch):"
  for _ in $(seq "$runs"); do launch "$target/$profile/$which"; done | medians
done
trayruns=$(( (runs + 1) / 2 ))
echo "miraage opened from the tray 3 s after a hidden start, $trayruns launches, $profile:"
for _ in $(seq "$trayruns"); do from_tray "$target/$profile/miraage" 3; done | medians
echo "miraage opened from the tray after it gave its idle memory back, $trayruns launches, $profile:"
for _ in $(seq "$trayruns"); do from_tray "$target/$profile/miraage" trimmed; done | medians
