#!/usr/bin/env bash
# Reproduces bench/README.md's table: sets up, builds dhad and the peer
# harnesses in Release, and runs bench/run.py (extra arguments go to it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
cmake -S . -B build/perf -G Ninja -DDHAD_DEVELOPER_MODE=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/perf --target dhad_cli lucene_peer stem_driver bench_kernels
exec /usr/bin/python3 bench/run.py --dhad build/perf/dhad --peer-dir build/perf/tests/peers \
  --kernels build/perf/bench/bench_kernels "$@"
