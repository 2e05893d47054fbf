#!/usr/bin/env bash
# The committed segmentation model is what its inputs build today: rebuilds it
# with tools/segment/build_model.py (hunspell-ar, SHARED_DIR/corpus and
# data/segment/*.tsv) into a temporary file and compares the bytes with
# data/segment/segment.model. About 15 s (one core).
#
#   segment_model_fresh.sh SHARED_DIR
#
# Exit: 0 the same bytes, 1 other bytes or a failed build, 77 skipped without
# the corpus, hunspell-ar or Debian's python3 (1 with DHAD_REQUIRE_SHARED=1).
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 SHARED_DIR" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/skip_lib.sh
source "$root/tests/skip_lib.sh"
corpus=$1/corpus/saudinewsnet.txt
python=/usr/bin/python3
dic=/usr/share/hunspell/ar.dic
aff=/usr/share/hunspell/ar.aff
[[ -f $corpus ]] || skip_or_fail "$corpus not found"
[[ -x $python ]] || skip_or_fail "$python not found"
[[ -f $dic && -f $aff ]] || skip_or_fail "$dic or $aff not found (Debian: hunspell-ar)"

committed=$root/data/segment/segment.model
work=$(mktemp -d "${TMPDIR:-/tmp}/segment_model_fresh.XXXXXX")
trap 'rm -rf "$work"' EXIT
if ! "$python" "$root/tools/segment/build_model.py" --corpus "$corpus" --dic "$dic" --aff "$aff" \
  --out "$work/segment.model" 2> "$work/log"; then
  echo "FAIL: tools/segment/build_model.py failed:" >&2
  tail -n 5 "$work/log" >&2
  exit 1
fi
if cmp -s "$work/segment.model" "$committed"; then
  echo "data/segment/segment.model: rebuilt from its inputs, the same $(wc -c < "$committed") bytes"
  exit 0
fi
{
  echo "FAIL: data/segment/segment.model is not what its inputs build today" \
    "($(wc -c < "$committed") bytes committed, $(wc -c < "$work/segment.model") rebuilt):"
  cmp "$committed" "$work/segment.model" || true
  echo "the rebuilt model's summary:"
  tail -n 6 "$work/log"
  echo "rebuild it: /usr/bin/python3 tools/segment/build_model.py"
} >&2
exit 1
