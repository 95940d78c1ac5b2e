#!/usr/bin/env bash
# `npm start`: set up what is missing, build the UI, and start the app on its embedded
# default (a local SQLite store with a local calendar; a new database gets the demo week).
# Extra arguments go to the app, e.g. `npm start -- --demo` to refresh the demo week.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=.ci/system-packages.sh
source .ci/system-packages.sh
ensure_toolchains
ensure_packages "${BUILD_PACKAGES[@]}"
ensure_node_modules
npm run --silent ui:build
exec cargo run --features tauri/custom-protocol --bin miraage -- "$@"
