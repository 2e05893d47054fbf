#!/usr/bin/env bash
# Configures BUILD_DIR as the fuzz tree if it is not yet one, and builds
# TARGET in it (run.sh: one TARGET_fuzzer; run_all.sh: dhad_fuzzers). On a
# failed build, prints the build's log and exits 1.
#
#   fuzz/build.sh BUILD_DIR TARGET
#
# DHAD_FUZZ_JOBS sets the build's parallelism (default: every core).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BUILD_DIR TARGET" >&2
  exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$1
target=$2

if [[ ! -f $build/CMakeCache.txt ]]; then
  # Developer mode (-Wall -Wextra -Werror): this is the one clang build, whose
  # warnings (a printf format in a check) gcc's developer build does not see.
  CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S "$repo" -B "$build" -G Ninja -DDHAD_FUZZ=ON \
    -DDHAD_DEVELOPER_MODE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
if ! cmake --build "$build" --target "$target" --parallel "${DHAD_FUZZ_JOBS:-$(nproc)}" \
  >"$build/fuzz-build.log" 2>&1; then
  cat "$build/fuzz-build.log" >&2
  exit 1
fi
