#!/bin/bash
# usage: keyring-session.sh CMD...   runs CMD in a D-Bus session with an unlocked GNOME Keyring
set -e
export XDG_DATA_HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d)
chmod 700 "$XDG_RUNTIME_DIR"
exec dbus-run-session -- bash -c 'printf "ci-password" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null; exec "$@"' _ "$@"
