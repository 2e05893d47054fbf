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
# shellcheck source=tests/model_fresh_lib.sh
source "$root/tests/model_fresh_lib.sh"
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
build_or_fail "$work/log" tools/segment/build_model.py \
  "$python" "$root/tools/segment/build_model.py" --corpus "$corpus" --dic "$dic" --aff "$aff" \
  --out "$work/segment.model"
same_model_or_fail "$committed" "$work/segment.model" "$work/log" \
  "/usr/bin/python3 tools/segment/build_model.py"
