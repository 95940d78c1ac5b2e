#!/usr/bin/env bash
# Benchmark of the real window: render of a week with 300 events and 100 ghosts, and Plan to
# ghosts on screen for the shared medium problem. Builds the app (release unless --debug)
# and runs tests/bench/window_bench.test.mjs through the end-to-end harness (Xvfb,
# tauri-driver, a fresh database). Prints numbers; asserts nothing about time.
#   bash tests/bench/window_bench.sh [--debug] [--no-build]   (BENCH_DIR: the shared bench tools)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
profile=release
build=1
for arg in "$@"; do
  case $arg in
    --debug) profile=debug ;;
    --no-build) build=0 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
target=${CARGO_TARGET_DIR:-target}
if [ $build = 1 ]; then
  npm run --silent ui:build
  release=()
  [ $profile = release ] && release=(--release)
  cargo build "${release[@]}" --features tauri/custom-protocol --bin miraage --quiet
  cargo build "${release[@]}" -p miraage-cli --quiet
fi
export MIRAAGE_APP=${MIRAAGE_APP:-$target/$profile/miraage} MIRAAGE_CLI=${MIRAAGE_CLI:-$target/$profile/miraage-cli}
export BENCH_DIR=${BENCH_DIR:-$(cd .. && pwd)/shared/bench}
exec bash tests/e2e/run.sh tests/bench/window_bench.test.mjs
