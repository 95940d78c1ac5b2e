#!/usr/bin/env bash
# Prints the app's binary size and the idle memory of the running app (the app process and
# the WebKit processes it starts), measured on the release build under Xvfb with the demo
# week loaded: with the window shown, started hidden in the tray (`--hidden`), shown and then
# closed to the tray (as a window manager's close button does), and a bare Tauri window with a
# one-line page (tests/bench/bare-window: the floor WebKitGTK sets). Each figure is the
# proportional set size (PSS) and, of it, the private memory the processes wrote (heap,
# relocated data: what they own, as against the pages of program and library files).
# Prints numbers; asserts nothing. `--debug` measures the debug build instead (WebKit's
# processes, most of the memory, are the same; the app's own process is larger).
#
#   bash tests/bench/app_footprint.sh [--debug] [--no-build] [--settle SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build=1
settle=10
profile=release
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=0 ;;
    --debug) profile=debug ;;
    --settle) settle=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
app=${CARGO_TARGET_DIR:-target}/$profile/miraage
if [ $build = 1 ]; then
  npm run --silent ui:build
  if [ $profile = release ]; then release=(--release); else release=(); fi
  cargo build "${release[@]}" --features tauri/custom-protocol,bench-bare-window --bin miraage --bin bare-window --quiet
fi
[ -x $app ] || { echo "missing $app (run without --no-build)" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done
  sleep 1
  # The session's document portal may have mounted a FUSE folder in the cache.
  fusermount -u "$work/cache/doc" 2>/dev/null || true
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  display=:$((90 + RANDOM % 100))
  setsid Xvfb "$display" -screen 0 1280x900x24 >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  export DISPLAY=$display
  sleep 1
fi
export MIRAAGE_DB=$work/miraage.db XDG_DATA_HOME=$work/data XDG_CACHE_HOME=$work/cache XDG_CONFIG_HOME=$work/config
size=$(stat -c %s $app)
awk -v s="$size" -v p="$profile" 'BEGIN { printf "app binary (%s): %.1f MB\n", p, s / 1048576 }'

# Starts the app with the given arguments in its own session, waits, and prints the memory of
# the app and the WebKit processes it starts, by proportional set size: shared libraries are
# counted once across them, not once per process. Services the desktop session starts on
# demand (portals, accessibility bus, keyring) are not the app's. With close=1 the window is
# closed after the wait and the memory read after another.
measure() {
  local what=$1 root pid name pss rss written pss_kb=0 rss_kb=0 written_kb=0 parts=()
  shift
  setsid dbus-run-session -- "${bin:-$app}" "$@" >>"$work/app.log" 2>&1 &
  root=$!
  pids+=("$root")
  sleep "$settle"
  if [ "${close:-0}" = 1 ]; then
    (cd tests/tray && python3 -c 'import sys, x11; sys.exit(0 if x11.close("Miraage") else 1)') ||
      echo "no window to close" >&2
    sleep "$settle"
  fi
  for pid in $(ps -o pid= --sid "$root" 2>/dev/null || true); do
    name=$(cat "/proc/$pid/comm" 2>/dev/null || echo "?")
    case $name in miraage|bare-window|WebKit*) ;; *) continue ;; esac
    pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    written=$(awk '/^Private_Dirty:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    pss_kb=$((pss_kb + pss))
    written_kb=$((written_kb + written))
    rss_kb=$((rss_kb + rss))
    parts+=("$name $((pss / 1024)) MB")
  done
  printf 'idle memory after %ss, %s: %d MB PSS, %d MB of it private and written (%s; RSS sum %d MB)\n' \
    "$settle" "$what" $((pss_kb / 1024)) $((written_kb / 1024)) "$(IFS=,; echo "${parts[*]}")" $((rss_kb / 1024))
  kill -TERM -- "-$root" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$root" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$root" 2>/dev/null || true
}

measure "demo week shown"
measure "window hidden (--hidden)" --hidden
close=1 measure "window shown, then closed to the tray"
bin=${CARGO_TARGET_DIR:-target}/$profile/bare-window
if [ -x "$bin" ]; then
  measure "bare Tauri window (the floor)"
fi
