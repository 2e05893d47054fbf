#!/usr/bin/env bash
# Sets up (Debian packages), builds dhad in developer mode, and runs every test:
# unit tests, CLI contract and differential tests against live peers, the same
# suite under ASan+UBSan, the -j paths under ThreadSanitizer, generated-table freshness, clang-format, a short run
# of every fuzzer, and an install test (find_package + pkg-config).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
jobs=$(nproc)

# Each step's heading says when it began, so that a slow CI run shows where its time went.
step() { printf '\n== %s (at %dm%02ds)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

step "generated tables are up to date"
python3 tools/gen/gen_tables.py --check

step "clang-format"
git ls-files '*.cc' '*.h' | xargs clang-format --dry-run --Werror

step "build (developer mode: -Wall -Wextra -Werror)"
cmake -S . -B build/dev -G Ninja -DDHAD_DEVELOPER_MODE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/dev -j "$jobs"
step "tests"
ctest --test-dir build/dev --output-on-failure -j "$jobs"

step "Python package: pip install, equivalence with the CLI, properties, Dask (build/py)"
DHAD_BUILD_JOBS=$jobs python/run_tests.sh

step "build with ASan+UBSan"
cmake -S . -B build/asan -G Ninja -DDHAD_DEVELOPER_MODE=ON -DDHAD_SANITIZE=ON \
  -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build/asan -j "$jobs"
step "tests under ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j "$jobs" -LE slow

step "build with ThreadSanitizer, and the -j paths under it"
cmake -S . -B build/tsan -G Ninja -DDHAD_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/tsan -j "$jobs" --target dhad_cli
tests/tsan_test.sh build/tsan/dhad

step "fuzz: every target briefly (the long runs are recorded in fuzz/README.md)"
fuzz/run_all.sh 20 build/fuzz

step "install test"
tests/install/run.sh build/install-test
echo
echo "all tests passed in $((SECONDS / 60))m$((SECONDS % 60))s"
