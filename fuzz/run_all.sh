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

"$fuzz_dir/build.sh" "$build" dhad_fuzzers

# Every fuzz/TARGET_fuzzer.cc, so that a new target cannot be left out here
# (fuzz/CMakeLists.txt builds them; a source it does not build fails in run.sh).
failed=0
for source in "$fuzz_dir"/*_fuzzer.cc; do
  target=$(basename "$source" _fuzzer.cc)
  DHAD_FUZZ_NO_BUILD=1 "$fuzz_dir/run.sh" "$target" "$seconds" "$build" || failed=1
done
exit "$failed"
