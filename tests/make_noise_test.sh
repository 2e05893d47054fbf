#!/usr/bin/env bash
# tools/correct/make_noise.py writes a set the shared scorer reads as its
# gold says: every error it lists is one the scorer finds between the noisy
# and clean lines, of the same class (the clean text as a system's output
# corrects all of them, with no false change), the same seed gives the same
# bytes, and tools/correct/eval.py scores dhad on it.
#
#   make_noise_test.sh SHARED_DIR PATH/TO/dhad
#
# Exit: 0 pass, 1 fail, 77 skipped without the shared corpus and scorer (1
# with DHAD_REQUIRE_SHARED=1). About 20 s.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 SHARED_DIR PATH/TO/dhad" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/skip_lib.sh
source "$root/tests/skip_lib.sh"
shared=$1
dhad=$2
for f in corpus/saudinewsnet.txt eval/score_correct.py eval/pud-dev/stats.json; do
  [[ -f $shared/$f ]] || skip_or_fail "$shared/$f not found"
done
py=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/make_noise_test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
make_set() {
  "$py" "$root/tools/correct/make_noise.py" "$shared/corpus/saudinewsnet.txt" "$1" \
    --sentences 300 --seed 7 --stats "$shared/eval/pud-dev/stats.json" 2> "$work/log" ||
    fail "make_noise.py: $(cat "$work/log")"
}
make_set "$work/a"
make_set "$work/b"
for f in clean.txt noisy.txt noisy_gold.tsv; do
  cmp -s "$work/a/$f" "$work/b/$f" || fail "$f differs between two runs with one seed"
done
[[ $(wc -l < "$work/a/clean.txt") -eq 300 && $(wc -l < "$work/a/noisy.txt") -eq 300 ]] ||
  fail "not 300 lines each"
errors=$(($(wc -l < "$work/a/noisy_gold.tsv") - 1))
((errors > 100)) || fail "only $errors errors in 300 sentences"
# The clean text as the system's output: every listed error corrected.
"$py" "$shared/eval/score_correct.py" "$work/a/noisy.txt" "$work/a/clean.txt" \
  "$work/a/clean.txt" --errors "$work/a/noisy_gold.tsv" --json > "$work/score.json"
"$py" - "$work/score.json" "$errors" << 'PY' || fail "the scorer does not read the gold as listed"
import json, sys
s = json.load(open(sys.argv[1]))
everything = s["classes"]["ALL"]
assert everything["gold"] == int(sys.argv[2]), (everything, sys.argv[2])
assert everything["corrected"] == everything["gold"] == everything["changes"], everything
assert s["false_change_rate"] == 0, s
PY
"$py" "$root/tools/correct/eval.py" --dhad "$dhad" --shared "$shared" --set "$work/a" \
  --half held > "$work/eval.txt" || fail "eval.py --set"
grep -q "^ALL " "$work/eval.txt" || fail "eval.py printed no table: $(cat "$work/eval.txt")"
echo "PASS: make_noise.py ($errors errors in 300 sentences, read back by the scorer)"
