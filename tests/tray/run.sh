#!/usr/bin/env bash
# The tray and notification tests: a kernel session keyring of their own (where the CalDAV
# password goes with no Secret Service), a private D-Bus session (session.conf: no service
# activation) and a virtual display, then each test script as the desktop's side (the panel,
# the notification server). The binaries come from CARGO_TARGET_DIR (default target/) as
# `cargo build --features tauri/custom-protocol --bins --workspace` leaves them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
target="${CARGO_TARGET_DIR:-target}"
exec keyctl session - dbus-run-session --config-file=tests/tray/session.conf -- xvfb-run -a bash -c '
  set -e
  for t in tray_test window_life_test quick_add_test notify_test sync_notify_test; do
    echo "== tests/tray/$t.py"
    /usr/bin/python3 "tests/tray/$t.py" "$0/debug/miraage" "$0/debug/miraage-cli"
  done' "$target"
