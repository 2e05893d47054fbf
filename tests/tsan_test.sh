#!/usr/bin/env bash
# The -j paths under ThreadSanitizer: the ordered pipeline, output handed over
# in pieces while a block is still being worked on (OutputSink), and blocks
# finished in order on the writing thread (normalize, sentences across cuts).
# usage: tests/tsan_test.sh PATH/TO/dhad-built-with-DHAD_TSAN
set -euo pipefail
dhad=${1:?usage: tsan_test.sh DHAD}
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 ${TSAN_OPTIONS:-}"
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
open(d + "/emoji.txt", "w", encoding="utf-8").write("ب😀" * 300000 + "\n" + "كتب الولد. " * 50000 + "\n")
open(d + "/spaces.txt", "w").write(("a" + " " * 300000 + "b. ") * 12 + "\n")
PY
for args in "analyze" "tokenize --format jsonl" "normalize" "sentences" "stem" "segment --format jsonl"; do
  for input in emoji.txt spaces.txt; do
    # shellcheck disable=SC2086
    one=$(DHAD_BLOCK_SIZE=65536 "$dhad" $args -j 1 "$tmp/$input" | md5sum)
    # shellcheck disable=SC2086
    three=$(DHAD_BLOCK_SIZE=65536 "$dhad" $args -j 3 "$tmp/$input" | md5sum)
    [[ $one == "$three" ]] || { echo "FAIL: dhad $args $input: -j 3 differs from -j 1"; exit 1; }
    echo "ok: dhad $args -j 3 $input (no race reported, same bytes as -j 1)"
  done
done
/usr/bin/python3 "$root/tests/block_boundary_test.py" "$dhad" --rounds 3
