#!/usr/bin/env bash
# Differential test: dhad's stemmers must equal their peers, token for token.
#
#   stem_diff.sh STEM_DRIVER LUCENE_PEER SHARED_DIR [DHAD]
#
#   light10  stem_driver light10  vs  lucene_peer stem (Lucene++ ArabicLetterTokenizer
#            + ArabicNormalizationFilter + ArabicStemFilter)
#   isri     stem_driver isri     vs  NLTK's ISRIStemmer().stem under /usr/bin/python3
#
# Input: distinct tokens of Lucene's ArabicLetterTokenizer, one per line. A token
# is made of token characters only, so Lucene re-tokenizes each line into exactly
# that token and the outputs align line by line (checked, not assumed). Two passes:
#   corpus     the tokens of the first ~2 MB of whole lines of
#              SHARED_DIR/corpus/saudinewsnet.txt
#   generated  40000 random words over the letters the rules test (fixed seed)
# With DHAD (the CLI), also: `dhad stem`'s text path (light10's chunk pass, the
# memo) on the corpus slice as text says what its jsonl records (the stemmer,
# token by token) say, for both algorithms.
# Exit: 0 no difference, 1 a difference or a broken invariant, 77 skipped (1 with
# DHAD_REQUIRE_SHARED=1; tests/skip_lib.sh).
set -euo pipefail
export LC_ALL=C

if [[ $# -ne 3 && $# -ne 4 ]]; then
  echo "usage: $0 STEM_DRIVER LUCENE_PEER SHARED_DIR [DHAD]" >&2
  exit 2
fi
driver=$1
peer=$2
cli=${4:-}
sample_bytes=2000000
# shellcheck source=tests/peer_diff_lib.sh
source "$(dirname "$0")/peer_diff_lib.sh"
peer_diff_setup stem_diff "$3" "$driver" "$peer"
if ! "$python" -c 'from nltk.stem.isri import ISRIStemmer' 2> /dev/null; then
  skip_or_fail "NLTK is not importable by $python (Debian: python3-nltk)"
fi

# ---- the tokens ----------------------------------------------------------------
# Whole lines only; Lucene++ yields no tokens for invalid UTF-8, so such lines are
# dropped (and counted by valid_lines) rather than silently losing tokens.
valid_lines "$sample_bytes" > "$work/sample.txt"

"$peer" tokens < "$work/sample.txt" > "$work/all.tokens"
sort -u "$work/all.tokens" > "$work/tokens"
# ---- one pass: both stemmers on one list of distinct tokens ------------------------
status=0

# report NAME PASS PEER_LABEL TOKENS PEER_OUT DHAD_OUT: compares, prints the verdict.
report() {
  local name=$1 pass=$2 peer_label=$3 tokens=$4 peer_out=$5 dhad_out=$6
  if cmp -s "$peer_out" "$dhad_out"; then
    echo "$name ($pass): $(lines_of "$tokens") distinct tokens, 0 differences"
    return 0
  fi
  status=1
  "$python" - "$name ($pass)" "$peer_label" "$tokens" "$peer_out" "$dhad_out" >&2 <<'EOF'
import sys

def lines(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data.endswith(b'\n'):
        data = data[:-1]
    return data.split(b'\n')

def show(b):
    s = b.decode('utf-8', 'backslashreplace')
    cps = ' '.join('U+%04X' % ord(c) for c in s) if len(s) <= 8 else ''
    return '%s%s' % (s, ' [' + cps + ']' if cps else '')

name, peer_label = sys.argv[1:3]
tokens, peer, dhad = (lines(p) for p in sys.argv[3:6])
missing = b'<missing>'
at = lambda xs, i: xs[i] if i < len(xs) else missing
diffs = [i for i in range(max(len(peer), len(dhad))) if at(peer, i) != at(dhad, i)]
print('FAIL: %s: %d distinct tokens, %d differences from %s; first 10:'
      % (name, len(tokens), len(diffs), peer_label))
if len(dhad) != len(peer):
    print('  dhad wrote %d lines for %d tokens' % (len(dhad), len(tokens)))
for i in diffs[:10]:
    print('  token %s | %s %s | dhad %s' % (show(at(tokens, i)), peer_label,
                                           show(at(peer, i)), show(at(dhad, i))))
EOF
}

# run_pass PASS TOKENS: both peers and both dhad stemmers on TOKENS (distinct
# Lucene tokens, one per line).
run_pass() {
  local pass=$1 tokens=$2
  local out=$work/$1 n
  n=$(lines_of "$tokens")
  [[ $n -gt 0 ]] || fail "$pass: no tokens"
  "$peer" tokens < "$tokens" > "$out.retok"
  cmp -s "$tokens" "$out.retok" ||
    fail "$pass: lucene_peer tokens does not reproduce its own tokens ($n in, $(lines_of "$out.retok") out)"

  "$peer" stem < "$tokens" > "$out.light10.peer"
  [[ $(lines_of "$out.light10.peer") -eq $n ]] ||
    fail "$pass: lucene_peer stem gave $(lines_of "$out.light10.peer") lines for $n tokens"
  # Lines are split on \n alone: str.splitlines would also split on U+2028 and others.
  "$python" -c '
import sys
from nltk.stem.isri import ISRIStemmer
stemmer = ISRIStemmer()
data = sys.stdin.buffer.read().decode("utf-8")
words = data[:-1].split("\n") if data.endswith("\n") else data.split("\n")
sys.stdout.buffer.write("".join(stemmer.stem(w) + "\n" for w in words).encode("utf-8"))
' < "$tokens" > "$out.isri.peer"
  [[ $(lines_of "$out.isri.peer") -eq $n ]] ||
    fail "$pass: NLTK ISRIStemmer gave $(lines_of "$out.isri.peer") lines for $n tokens"

  local name label rc
  for name in light10 isri; do
    rc=0
    "$driver" "$name" < "$tokens" > "$out.$name.dhad" 2> "$out.$name.err" || rc=$?
    if [[ $rc -ne 0 ]]; then
      echo "FAIL: stem_driver $name exited with $rc:" >&2
      head -n 5 "$out.$name.err" >&2
      status=1
      continue
    fi
    label=Lucene++
    [[ $name == isri ]] && label=NLTK
    report "$name" "$pass" "$label" "$tokens" "$out.$name.peer" "$out.$name.dhad"
  done
}

# ---- pass 1: the corpus slice -------------------------------------------------------
run_pass corpus "$work/tokens"

# ---- the CLI's text path on the slice as running text ---------------------------------
if [[ -n $cli ]]; then
  for name in light10 isri; do
    "$cli" stem --algorithm "$name" "$work/sample.txt" > "$work/text.$name"
    "$cli" stem --algorithm "$name" --format jsonl "$work/sample.txt" > "$work/records.$name"
    if ! "$python" "$(dirname "$0")/stem_text_vs_records.py" "$work/sample.txt" \
      "$work/records.$name" "$work/text.$name" > "$work/text.$name.verdict"; then
      echo "FAIL: dhad stem --algorithm $name: text path differs from its records" >&2
      status=1
      continue
    fi
    echo "$name (text path): $(cat "$work/text.$name.verdict")"
  done
fi

# ---- pass 2: generated words ----------------------------------------------------------
# Random words over the letters that the affix and pattern rules test, plus hamza
# forms, ى, ة, tatweel, harakat and a Latin letter, 1 to 10 characters long, so that
# every prefix, suffix, pattern and length rule is met many times. Fixed seed;
# Lucene's tokenizer decides what is a token.
"$python" -c '
import random
import sys
rng = random.Random(20240229)
common = "اليوبكفهنتمس"
rare = "ةأإآئؤءىعرد\u0640\u064e\u0650\u0651\u0652x"
words = set()
while len(words) < 40000:
    size = rng.randint(1, 10)
    words.add("".join(rng.choice(common) if rng.random() < 0.8 else rng.choice(rare)
                      for _ in range(size)))
sys.stdout.buffer.write("".join(w + "\n" for w in sorted(words)).encode("utf-8"))
' > "$work/generated.candidates"
"$peer" tokens < "$work/generated.candidates" | sort -u > "$work/generated.tokens"
run_pass generated "$work/generated.tokens"

exit $status
