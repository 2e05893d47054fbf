#!/usr/bin/env bash
# Builds every fuzz target (if needed) and runs each for SECONDS, one after the
# other (CI: fuzz/run_all.sh 20). Exits non-zero if any target failed.
#
#   fuzz/run_all.sh SECONDS [BUILD_DIR]
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 SECONDS [BUILD_DIR]" >&2
  exit 2
fi
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$fuzz_dir")
seconds=$1
build=${2:-$repo/build/fuzz}

if [[ ! -f $build/CMakeCache.txt ]]; then
  # Developer mode (-Wall -Wextra -Werror): this is the one clang build, whose
  # warnings (a printf format in a check) gcc's developer build does not see.
  CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S "$repo" -B "$build" -G Ninja -DDHAD_FUZZ=ON \
    -DDHAD_DEVELOPER_MODE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
if ! cmake --build "$build" --target dhad_fuzzers --parallel "${DHAD_FUZZ_JOBS:-$(nproc)}" \
  >"$build/fuzz-build.log" 2>&1; then
  cat "$build/fuzz-build.log" >&2
  exit 1
fi

# Every fuzz/TARGET_fuzzer.cc, so that a new target cannot be left out here
# (fuzz/CMakeLists.txt builds them; a source it does not build fails in run.sh).
failed=0
for source in "$fuzz_dir"/*_fuzzer.cc; do
  target=$(basename "$source" _fuzzer.cc)
  DHAD_FUZZ_NO_BUILD=1 "$fuzz_dir/run.sh" "$target" "$seconds" "$build" || failed=1
done
exit "$failed"
