#!/usr/bin/env bash
# Prints the app's binary size and the idle memory of the running app (the app process and
# the WebKit processes it starts), measured on the release build under Xvfb with the demo
# week loaded. Prints numbers; asserts nothing.
#
#   bash tests/bench/app_footprint.sh [--no-build] [--settle SECONDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build=1
settle=10
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=0 ;;
    --settle) settle=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
app=${CARGO_TARGET_DIR:-target}/release/miraage
if [ $build = 1 ]; then
  npm run --silent ui:build
  cargo build --release --features tauri/custom-protocol --bin miraage --quiet
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
setsid dbus-run-session -- "$app" >"$work/app.log" 2>&1 &
pids+=($!)
root=$!
sleep "$settle"

# The app and the WebKit processes it starts (web content, network), by proportional set
# size: shared libraries are counted once across them, not once per process. Services the
# desktop session starts on demand (portals, accessibility bus, keyring) are not the app's.
pss_kb=0
rss_kb=0
parts=()
for pid in $(ps -o pid= --sid "$root" 2>/dev/null || true); do
  name=$(cat "/proc/$pid/comm" 2>/dev/null || echo "?")
  case $name in miraage|WebKit*) ;; *) continue ;; esac
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  pss_kb=$((pss_kb + pss))
  rss_kb=$((rss_kb + rss))
  parts+=("$name $((pss / 1024)) MB")
done
size=$(stat -c %s $app)
awk -v s="$size" 'BEGIN { printf "app binary (release, stripped): %.1f MB\n", s / 1048576 }'
printf 'idle memory after %ss, demo week shown: %d MB PSS (%s; RSS sum %d MB)\n' "$settle" $((pss_kb / 1024)) "$(IFS=,; echo "${parts[*]}")" $((rss_kb / 1024))
