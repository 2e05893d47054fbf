#!/usr/bin/env bash
# The committed correction model is what its inputs build today: rebuilds it
# with tools/correct/build_model.sh (the shared corpus, hunspell-ar, and this
# build's dhad learn) into a temporary file and compares the bytes with
# data/correct/correct.model. About 30 s (one core).
#
#   correct_model_fresh.sh SHARED_DIR PATH/TO/dhad
#
# Exit: 0 the same bytes, 1 other bytes or a failed build, 77 skipped without
# the corpus or hunspell-ar (1 with DHAD_REQUIRE_SHARED=1).
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 SHARED_DIR PATH/TO/dhad" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/skip_lib.sh
source "$root/tests/skip_lib.sh"
# shellcheck source=tests/model_fresh_lib.sh
source "$root/tests/model_fresh_lib.sh"
[[ -f $1/corpus/saudinewsnet.txt ]] || skip_or_fail "$1/corpus/saudinewsnet.txt not found"
command -v hunspell > /dev/null || skip_or_fail "hunspell not installed"
[[ -f /usr/share/hunspell/ar.dic ]] || skip_or_fail "hunspell-ar not installed"
[[ -x /usr/bin/python3 ]] || skip_or_fail "/usr/bin/python3 not found"
committed=$root/data/correct/correct.model
work=$(mktemp -d "${TMPDIR:-/tmp}/correct_model_fresh.XXXXXX")
trap 'rm -rf "$work"' EXIT
build_or_fail "$work/log" tools/correct/build_model.sh \
  "$root/tools/correct/build_model.sh" "$1" "$2" "$work/correct.model"
same_model_or_fail "$committed" "$work/correct.model" "$work/log" \
  "tools/correct/build_model.sh ../shared build/rel/dhad data/correct/correct.model (data/NOTICE)"
