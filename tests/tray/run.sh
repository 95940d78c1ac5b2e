#!/usr/bin/env bash
# The tray test: a private D-Bus session and a virtual display, then tray_test.py as the panel.
# The binaries come from CARGO_TARGET_DIR (default target/) as `cargo build --features
# tauri/custom-protocol --bins --workspace` leaves them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
target="${CARGO_TARGET_DIR:-target}"
exec dbus-run-session -- xvfb-run -a /usr/bin/python3 tests/tray/tray_test.py \
  "$target/debug/miraage" "$target/debug/miraage-cli"
