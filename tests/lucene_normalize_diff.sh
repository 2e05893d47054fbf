#!/usr/bin/env bash
# Differential test: `dhad normalize --profile lucene` must be exactly Lucene++'s
# ArabicNormalizer (via ArabicNormalizationFilter), token for token.
#
#   lucene_normalize_diff.sh DHAD LUCENE_PEER SHARED_DIR
#
# Both sides get the same input: Lucene's own tokens (ArabicLetterTokenizer), one
# per line. A token is made of token characters only, so Lucene re-tokenizes each
# line into exactly that one token and the two outputs align line by line (the
# script checks this rather than assuming it). Two passes:
#   corpus  the tokens of the first ~2 MB of whole lines of SHARED_DIR/corpus/saudinewsnet.txt
#   hard    every code point of U+0600-06FF, U+0750-077F, U+FB50-FEFF that the
#           tokenizer keeps, as ب X ب, X alone and ب X X ب
# Exit: 0 no difference, 1 a difference or a broken invariant, 77 skipped (1 with
# DHAD_REQUIRE_SHARED=1; tests/skip_lib.sh).
set -euo pipefail
export LC_ALL=C

if [[ $# -ne 3 ]]; then
  echo "usage: $0 DHAD LUCENE_PEER SHARED_DIR" >&2
  exit 2
fi
dhad=$1
peer=$2
sample_bytes=2000000
# shellcheck source=tests/peer_diff_lib.sh
source "$(dirname "$0")/peer_diff_lib.sh"
peer_diff_setup lucene_normalize_diff "$3" "$dhad" "$peer"

# compare_pass NAME TOKENS_FILE DETAIL: normalizes TOKENS_FILE with both sides and
# compares them line by line.
compare_pass() {
  local name=$1 tokens=$2 detail=$3
  local label="lucene normalize"
  [[ $name == corpus ]] || label="$label ($name)"
  local lucene_out=$work/$name.lucene dhad_out=$work/$name.dhad
  local n
  n=$(lines_of "$tokens")

  # Invariant 1: a token alone on a line re-tokenizes to itself.
  "$peer" tokens < "$tokens" > "$work/$name.retok"
  cmp -s "$tokens" "$work/$name.retok" ||
    fail "$name: lucene_peer tokens does not reproduce its own tokens ($n in, $(lines_of "$work/$name.retok") out)"
  # Invariant 2: one normalized token per input token.
  "$peer" normalize < "$tokens" > "$lucene_out"
  [[ $(lines_of "$lucene_out") -eq $n ]] ||
    fail "$name: lucene_peer normalize gave $(lines_of "$lucene_out") lines for $n tokens"

  local rc=0
  "$dhad" normalize --profile lucene < "$tokens" > "$dhad_out" 2> "$work/$name.dhad.err" || rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "FAIL: $name: dhad normalize --profile lucene exited with $rc:" >&2
    head -n 5 "$work/$name.dhad.err" >&2
    exit 1
  fi

  if cmp -s "$lucene_out" "$dhad_out"; then
    echo "$label: $n tokens ($detail), 0 differences"
    return 0
  fi
  echo "FAIL: $label: dhad differs from Lucene++" >&2
  "$python" - "$tokens" "$lucene_out" "$dhad_out" >&2 <<'EOF'
import sys

def lines(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data.endswith(b'\n'):
        data = data[:-1]
    return data.split(b'\n') if data else []

def show(b):
    s = b.decode('utf-8', 'backslashreplace')
    cps = ' '.join('U+%04X' % ord(c) for c in s) if len(s) <= 8 else ''
    return '%s%s' % (s, ' [' + cps + ']' if cps else '')

tokens, lucene, dhad = (lines(p) for p in sys.argv[1:4])
if len(dhad) != len(lucene):
    print('  dhad wrote %d lines for %d tokens (Lucene++: %d)' % (len(dhad), len(tokens), len(lucene)))
diffs = [i for i in range(max(len(lucene), len(dhad)))
         if i >= len(lucene) or i >= len(dhad) or lucene[i] != dhad[i]]
distinct = {tokens[i] if i < len(tokens) else None for i in diffs}
print('  %d differing lines (%d distinct input tokens); first 10:' % (len(diffs), len(distinct)))
missing = b'<missing>'
for i in diffs[:10]:
    print('  line %d: input %s | lucene %s | dhad %s' % (
        i + 1, show(tokens[i] if i < len(tokens) else missing),
        show(lucene[i] if i < len(lucene) else missing),
        show(dhad[i] if i < len(dhad) else missing)))
EOF
  exit 1
}

# ---- pass 1: corpus slice ------------------------------------------------------
# Whole lines only; Lucene++ yields no tokens for invalid UTF-8, so such lines are
# dropped (and counted by valid_lines) rather than silently losing tokens.
valid_lines "$sample_bytes" > "$work/sample.txt"

"$peer" tokens < "$work/sample.txt" > "$work/corpus.tokens"
n_tokens=$(lines_of "$work/corpus.tokens")
[[ $n_tokens -gt 0 ]] || fail "lucene_peer tokens produced no tokens from the corpus slice"
# The normalization filter never drops a token: same count on the raw text.
"$peer" normalize < "$work/sample.txt" > "$work/sample.normalized"
[[ $(lines_of "$work/sample.normalized") -eq $n_tokens ]] ||
  fail "ArabicNormalizationFilter changed the token count ($n_tokens -> $(lines_of "$work/sample.normalized"))"
n_distinct=$(sort -u "$work/corpus.tokens" | wc -l | tr -d ' ')
compare_pass corpus "$work/corpus.tokens" "$n_distinct distinct"
# Tokenizing one token per line must agree with tokenizing the running text.
cmp -s "$work/sample.normalized" "$work/corpus.lucene" ||
  fail "Lucene++ normalizes tokens in running text differently from tokens alone"

# ---- pass 2: hard code points ----------------------------------------------------
# Candidates for every code point; Lucene's tokenizer decides which it keeps (a
# rejected X splits ب X ب into two ب tokens, which stay in as plain input).
"$python" -c '
import sys
beh = "\u0628"
out = []
for lo, hi in ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFEFF)):
    for cp in range(lo, hi + 1):
        x = chr(cp)
        out += [beh + x + beh, x, beh + x + x + beh]
sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8"))
' > "$work/hard.candidates"
"$peer" tokens < "$work/hard.candidates" > "$work/hard.tokens"
n_kept=$("$python" -c '
import sys
print(len(set(open(sys.argv[1], encoding="utf-8").read()) - {"\n"}))
' "$work/hard.tokens")
compare_pass "hard" "$work/hard.tokens" "$n_kept code points kept by the tokenizer"
