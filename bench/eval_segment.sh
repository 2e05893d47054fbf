#!/usr/bin/env bash
# Scores dhad's clitic segmentation on UD Arabic-PUD (pud-dev) with the shared
# scorer, and checks the segmenter's cache of decisions against its scorer.
#
#   bench/eval_segment.sh DRIVER_OR_DHAD SHARED_DIR [MIN_F1]
#
# DRIVER_OR_DHAD is build/tests/peers/segment_driver, or the dhad CLI (run as
# `dhad segment FILE`). Prints score_segment.py's two lines. With MIN_F1, exits
# 1 when the words F1 is lower. Exits 77 when SHARED_DIR has no pud-dev (1 with
# DHAD_REQUIRE_SHARED=1; tests/skip_lib.sh).
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 DRIVER_OR_DHAD SHARED_DIR [MIN_F1]" >&2
  exit 2
fi
tool=$1 shared=$2 min_f1=${3:-}
dev=$shared/eval/pud-dev
# shellcheck source=tests/skip_lib.sh
source "$(dirname "$0")/../tests/skip_lib.sh"
if [[ ! -f $dev/clean.txt || ! -f $dev/segment_gold.txt || ! -f $shared/eval/score_segment.py ]]; then
  skip_or_fail "eval_segment: no pud-dev (or eval/score_segment.py) under $shared"
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [[ $(basename "$tool") == dhad ]]; then
  "$tool" segment "$dev/clean.txt" >"$out"
else
  "$tool" "$dev/clean.txt" >"$out"
  "$tool" --check "$dev/clean.txt"
fi
result=$(/usr/bin/python3 "$shared/eval/score_segment.py" "$dev/segment_gold.txt" "$out")
echo "$result"
if [[ -n $min_f1 ]]; then
  f1=$(sed -n 's/.*F1 \([0-9.]*\).*/\1/p' <<<"$result" | head -1)
  if ! /usr/bin/python3 -c "import sys; sys.exit(0 if float('$f1') >= float('$min_f1') else 1)"; then
    echo "eval_segment: F1 $f1 is below $min_f1" >&2
    exit 1
  fi
fi
