#!/bin/bash
# usage: keyring-session.sh CMD...   runs CMD in a D-Bus session with an unlocked GNOME Keyring
# and a kernel session keyring of its own (as pam_keyinit gives a login; the secrets crate
# falls back to it where no Secret Service answers)
set -e
export XDG_DATA_HOME=$(mktemp -d) XDG_RUNTIME_DIR=$(mktemp -d)
chmod 700 "$XDG_RUNTIME_DIR"
exec keyctl session - dbus-run-session -- bash -c 'printf "ci-password" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null; exec "$@"' _ "$@"
