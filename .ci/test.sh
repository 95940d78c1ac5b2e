#!/usr/bin/env bash
# `npm test`: the whole test suite. Sets up what is missing first (system packages when run as
# root, else it prints the apt command; npm packages; tauri-driver), then runs
#   1. the UI's lint and format check, type check and build, and its unit tests (vitest);
#      rustfmt and clippy (warnings are errors);
#   2. every Rust crate's tests (cargo test --workspace, in a D-Bus session with a real
#      keyring, against a real Radicale CalDAV server and local fake servers), with the same
#      features as the app build so that Tauri compiles once; and checks that the committed
#      TypeScript bindings match the Rust types;
#   3. the end-to-end tests of the real app window under Xvfb (tests/e2e/), and the tray and
#      notifications read and answered over D-Bus (tests/tray/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=.ci/system-packages.sh
source .ci/system-packages.sh
ensure_toolchains
ensure_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  cargo install tauri-driver --locked --version '^2' --quiet
fi
ensure_node_modules

step() { printf '\n== %s\n' "$*"; }
FEATURES=(--features tauri/custom-protocol)

step "UI: lint (ESLint) and format check (Prettier)"
npm run --silent lint
step "UI: type check and build"
npm run --silent ui:build
step "UI: unit tests"
npm run --silent ui:test

step "Rust: format check (rustfmt.toml) and lints (clippy, workspace lints in Cargo.toml)"
cargo fmt --all --check
cargo clippy --workspace --all-targets "${FEATURES[@]}" --quiet -- -D warnings
step "Rust: all crates"
# In a D-Bus session with an unlocked GNOME Keyring: secrets are tested against the real
# Secret Service, as the app uses it.
bash .ci/keyring-session.sh cargo test --workspace --no-fail-fast "${FEATURES[@]}"
if git rev-parse --git-dir >/dev/null 2>&1; then
  if ! git diff --quiet -- ui/src/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/bindings)" ]; then
    echo "The TypeScript bindings in ui/src/bindings differ from the Rust types: commit the regenerated files." >&2
    git status --short ui/src/bindings >&2
    exit 1
  fi
fi

step "App: build the window and the CLI"
cargo build "${FEATURES[@]}" --bins --workspace
step "End to end: the real window"
npm run --silent e2e
# Files that move the test clock over days run in a session (and a database) of their own.
npm run --silent e2e -- tests/e2e-alone/
step "End to end: the tray and notifications over D-Bus"
bash tests/tray/run.sh
