#!/usr/bin/env bash
# End-to-end tests of the real Miraage window.
#
# Starts what the tests need and stops it all on exit, failure or Ctrl-C:
#   - a private D-Bus session (dbus-run-session), unless one is already set;
#   - Xvfb on a free display, unless DISPLAY is already set;
#   - tauri-driver on 127.0.0.1:4444 (or TAURI_DRIVER_PORT; the next free port pair if 4444
#     is taken and no port was asked for). It is always our own: the app inherits its
#     environment, and that is how MIRAAGE_DB reaches the app.
# Then runs `node --test tests/e2e/` against $CARGO_TARGET_DIR/debug/miraage (default target/;
# override: MIRAAGE_APP) with a fresh database, comparing the window with miraage-cli from the
# same folder (MIRAAGE_CLI).
# Screenshots and logs go to tests/artifacts/.
#
# Under Xvfb (no GPU) WebKit's DMA-BUF renderer puts the first frame on screen about a second
# after the DOM holds the events; WEBKIT_DISABLE_DMABUF_RENDERER=1 in the environment removes
# that lag. It is left to the caller so that the default run uses the default renderer.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

export E2E_ARTIFACTS=${E2E_ARTIFACTS:-$ROOT/tests/artifacts}
mkdir -p "$E2E_ARTIFACTS"

# The session bus and the services it starts on demand (portals, accessibility) are chatty
# on stderr, so stderr goes to a log from here on; progress and results go to stdout.
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" && -z "${MIRAAGE_E2E_DBUS:-}" ]]; then
  export MIRAAGE_E2E_DBUS=1
  exec dbus-run-session -- bash "$0" "$@" 2>"$E2E_ARTIFACTS/session.log"
fi

log() { printf 'e2e: %s\n' "$*"; }

TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
export MIRAAGE_APP=${MIRAAGE_APP:-$TARGET_DIR/debug/miraage}
export MIRAAGE_CLI=${MIRAAGE_CLI:-$TARGET_DIR/debug/miraage-cli}
for bin in "$MIRAAGE_APP" "$MIRAAGE_CLI"; do
  if [[ ! -x $bin ]]; then
    log "missing $bin; build it first: npm run ui:build && cargo build --features tauri/custom-protocol --bins"
    exit 2
  fi
done

TAURI_DRIVER=$(command -v tauri-driver || true)
TAURI_DRIVER=${TAURI_DRIVER:-$HOME/.cargo/bin/tauri-driver}
if [[ ! -x $TAURI_DRIVER ]]; then
  log "tauri-driver not found; install it: cargo install tauri-driver --locked --version '^2'"
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/miraage-e2e.XXXXXX")
PGIDS=()

# Each helper runs in its own process group (setsid) so that stopping the group also stops
# what it spawned (WebKitWebDriver and the app under tauri-driver).
cleanup() {
  local status=$?
  local pg
  for pg in "${PGIDS[@]}"; do kill -TERM -- "-$pg" 2>/dev/null || true; done
  for pg in "${PGIDS[@]}"; do
    for _ in $(seq 1 30); do kill -0 -- "-$pg" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pg" 2>/dev/null || true
  done
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The app's state stays inside $WORK: a fresh database (filled with the demo week on first
# start) and throwaway XDG folders, so WebKit storage from earlier runs cannot leak in.
export MIRAAGE_DB=$WORK/miraage.sqlite3
# The test clock (src-tauri/src/clock.rs): absent until a test writes an instant into it.
export MIRAAGE_NOW_FILE=$WORK/now
export XDG_DATA_HOME=$WORK/data XDG_CONFIG_HOME=$WORK/config XDG_CACHE_HOME=$WORK/cache
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
if [[ -z "${XDG_RUNTIME_DIR:-}" ]]; then
  export XDG_RUNTIME_DIR=$WORK/run
  mkdir -m 700 "$XDG_RUNTIME_DIR"
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local deadline=$((SECONDS + $1)) what=$2
  shift 2
  until "$@"; do
    if ((SECONDS >= deadline)); then log "timed out waiting for $what"; return 1; fi
    sleep 0.1
  done
}

if [[ -z "${DISPLAY:-}" ]]; then
  # -displayfd makes Xvfb pick a free display itself and print its number: no races.
  setsid Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp -noreset \
    3>"$WORK/display" >"$E2E_ARTIFACTS/xvfb.log" 2>&1 &
  PGIDS+=($!)
  wait_for 15 "Xvfb" test -s "$WORK/display"
  export DISPLAY=":$(tr -d '[:space:]' <"$WORK/display")"
  log "Xvfb on $DISPLAY"
else
  log "using the existing display $DISPLAY"
fi

PORT=${TAURI_DRIVER_PORT:-4444}
if port_busy "$PORT" || port_busy $((PORT + 1)); then
  if [[ -n "${TAURI_DRIVER_PORT:-}" ]]; then
    log "port $PORT or $((PORT + 1)) is in use"
    exit 2
  fi
  for candidate in $(seq 4446 2 4600); do
    if ! port_busy "$candidate" && ! port_busy $((candidate + 1)); then PORT=$candidate; break; fi
  done
  log "port 4444 is in use; tauri-driver takes $PORT instead"
fi
export TAURI_DRIVER_PORT=$PORT

setsid "$TAURI_DRIVER" --port "$PORT" --native-port $((PORT + 1)) \
  >"$E2E_ARTIFACTS/tauri-driver.log" 2>&1 &
PGIDS+=($!)
wait_for 20 "tauri-driver on port $PORT" port_busy "$PORT"
log "tauri-driver on 127.0.0.1:$PORT, database $MIRAAGE_DB"

status=0
# One app window at a time: the tests share the database and the driver. Arguments choose
# other test files (the window benchmark in tests/bench/ runs through here too).
node --test --test-concurrency=1 --test-reporter=spec "${@:-tests/e2e/}" || status=$?
if ((status == 0)); then log "PASSED (artifacts in ${E2E_ARTIFACTS#"$ROOT"/})"; else log "FAILED with status $status (logs and screenshots in ${E2E_ARTIFACTS#"$ROOT"/})"; fi
exit "$status"
