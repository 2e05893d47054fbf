#!/usr/bin/env bash
# Builds the corrector's default model, data/correct/correct.model, from the
# SaudiNewsNet corpus and hunspell-ar (Debian: hunspell hunspell-ar):
#
#   tools/correct/build_model.sh [SHARED_DIR] [DHAD] [OUT] [ARTICLES]
#
# 1. the distinct Arabic words of the corpus, sorted (C locale);
# 2. those hunspell-ar accepts (hunspell -G): the lexicon;
# 3. dhad learn over the corpus with that lexicon.
# Deterministic: the same corpus, hunspell-ar and dhad give the same bytes.
# Defaults: ../shared, build/rel/dhad, data/correct/correct.model.
#
# ARTICLES N learns from the corpus's first N articles (lines) only, so that
# the rest is text the model has never seen: there the corrector meets names,
# loanwords and rare forms it does not know, as it does in a user's text. What
# it changes there, for a person to judge (tools/correct/review.py):
#
#   tools/correct/build_model.sh ../shared build/rel/dhad /tmp/first.model 28000
#   tail -n +28001 ../shared/corpus/saudinewsnet.txt > /tmp/rest.txt
#   tools/correct/review.py /tmp/rest.txt -- --model /tmp/first.model
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${1:-$root/../shared}
dhad=${2:-$root/build/rel/dhad}
out=${3:-$root/data/correct/correct.model}
articles=${4:-}
corpus=$shared/corpus/saudinewsnet.txt
[[ -f $corpus ]] || { echo "build_model.sh: $corpus not found" >&2; exit 1; }
[[ -z $articles || $articles =~ ^[1-9][0-9]*$ ]] ||
  { echo "build_model.sh: ARTICLES must be a positive number, not '$articles'" >&2; exit 2; }
[[ -x $dhad ]] || { echo "build_model.sh: $dhad not found (build it first)" >&2; exit 1; }
command -v hunspell > /dev/null || { echo "build_model.sh: hunspell not installed" >&2; exit 1; }
[[ -f /usr/share/hunspell/ar.dic ]] || { echo "build_model.sh: hunspell-ar not installed" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/correct_model.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [[ -n $articles ]]; then
  head -n "$articles" "$corpus" > "$work/corpus.txt"
  corpus=$work/corpus.txt
fi
# Words as dhad learn counts them: runs of Arabic letters (U+0621-063A, U+0641-064A).
/usr/bin/python3 - "$corpus" > "$work/words.txt" <<'PY'
import re, sys
words = set()
with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
    for line in f:
        words.update(re.findall("[\u0621-\u063a\u0641-\u064a]+", line))
sys.stdout.write("".join(w + "\n" for w in sorted(words)))
PY
hunspell -d ar -G < "$work/words.txt" | LC_ALL=C sort -u > "$work/lexicon.txt"
"$dhad" learn --progress never --lexicon "$work/lexicon.txt" -o "$out" "$corpus"
echo "$out: $(wc -c < "$out") bytes, lexicon $(wc -l < "$work/lexicon.txt") of $(wc -l < "$work/words.txt") words" >&2
