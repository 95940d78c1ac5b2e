#!/usr/bin/env bash
# Debian/Ubuntu packages Miraage needs, by purpose. Sourced by the other scripts.
# Build: what Tauri 2 compiles against (WebKitGTK 4.1, tray, rsvg) and SQLite's C build.
BUILD_PACKAGES=(build-essential pkg-config file libwebkit2gtk-4.1-dev libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
# Test: a virtual display, WebKit's WebDriver, screenshots, D-Bus and a keyring, notifications,
# Radicale, the real CalDAV server the sync tests start on 127.0.0.1, and Python's D-Bus and
# GLib bindings, with which tests/tray plays the desktop's panel and notification server.
TEST_PACKAGES=(xvfb xauth webkit2gtk-driver imagemagick dbus dbus-x11 gnome-keyring
  libsecret-tools keyutils dunst libnotify-bin fonts-dejavu-core
  python3-radicale python3-dbus python3-gi)

# Prints the packages of the given list that are not installed.
missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$p"
  done
}

# Installs missing packages when root; otherwise prints the exact command and fails.
ensure_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing $missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "setup: missing system packages. Install them with:" >&2
    echo "  sudo apt-get install -y $missing" >&2
    return 1
  fi
}

# Rust and Node come from their own installers (rustup, nodejs.org or nvm); say so clearly.
ensure_toolchains() {
  if ! command -v cargo >/dev/null; then
    echo "setup: Rust is missing. Install it from https://rustup.rs (1.90 or newer)." >&2
    return 1
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "setup: Node.js 20.19+ and npm are missing. Install them from https://nodejs.org." >&2
    return 1
  fi
}

# npm packages, when the lockfile changed since the last install. `npm ci` cannot be used:
# the lockfile lacks other platforms' optional @tauri-apps/cli binaries.
ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm install --no-audit --no-fund --loglevel=error
  fi
}
