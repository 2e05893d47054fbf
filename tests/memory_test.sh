#!/usr/bin/env bash
# Bounded memory: every streaming command stays under 64 MB of resident memory
# on a single 512 MB line with no newline, and on a 64 MB token with no space,
# and loses no bytes. usage: tests/memory_test.sh PATH/TO/dhad
set -euo pipefail
dhad=${1:?usage: memory_test.sh DHAD}
limit_kb=$((64 * 1024))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# Words of our own, single spaces, no newline anywhere: 512 MiB (and 64 MiB).
/usr/bin/python3 - "$tmp/line.txt" "$tmp/token.txt" "$tmp/line64.txt" <<'PY'
import sys
words = "المدينة تنتظر مشروع الماء منذ سنوات طويلة ، وقال المسؤول إن العمل بدأ . 2024 ".encode()
for path, size in ((sys.argv[1], 512 << 20), (sys.argv[3], 64 << 20)):
    with open(path, "wb") as f:
        chunk = words * (1 << 14)
        total = 0
        while total < size:
            f.write(chunk)
            total += len(chunk)
with open(sys.argv[2], "wb") as f:
    f.write("ب".encode() * (32 << 20))  # one 64 MiB token
PY

check() {  # name, expected output bytes or -, command...
  check_under "$limit_kb" "$@"
}

check_under() {  # limit in KB, name, expected output bytes or -, command...
  local limit_kb=$1 name=$2 want=$3
  shift 3
  local kb out_bytes
  kb=$( { /usr/bin/time -f '%M' "$@" | wc -c >"$tmp/bytes"; } 2>&1 | tail -n 1)
  out_bytes=$(cat "$tmp/bytes")
  if ((kb >= limit_kb)); then
    echo "FAIL: $name used ${kb} KB (limit ${limit_kb} KB)"
    fails=$((fails + 1))
  elif [[ $want != - && $out_bytes != "$want" ]]; then
    echo "FAIL: $name wrote $out_bytes bytes, want $want"
    fails=$((fails + 1))
  else
    echo "ok: $name: ${kb} KB, $out_bytes bytes out"
  fi
}

line_bytes=$(wc -c <"$tmp/line.txt")
token_bytes=$(wc -c <"$tmp/token.txt")
# light normalization leaves this text unchanged: output = input, byte for byte.
check "normalize 512 MB line" "$line_bytes" "$dhad" normalize "$tmp/line.txt"
check "normalize -j 4 512 MB line" "$line_bytes" "$dhad" normalize -j 4 "$tmp/line.txt"
check "normalize lucene 512 MB line" - "$dhad" normalize --profile lucene "$tmp/line.txt"
# Text tokenize of single-spaced text keeps every byte but the trailing space.
check "tokenize 512 MB line" "$((line_bytes - 1))" "$dhad" tokenize "$tmp/line.txt"
check "tokenize jsonl 512 MB line" - "$dhad" tokenize --format jsonl "$tmp/line.txt"
check "sentences 512 MB line" - "$dhad" sentences "$tmp/line.txt"
check "segment 512 MB line" - "$dhad" segment "$tmp/line.txt"
check "stem 512 MB line" - "$dhad" stem "$tmp/line.txt"
check "stem isri 512 MB line" - "$dhad" stem --algorithm isri "$tmp/line.txt"
check "correct 512 MB line" "$line_bytes" "$dhad" correct "$tmp/line.txt"
check "correct 64 MB token" "$token_bytes" "$dhad" correct "$tmp/token.txt"
# Records are ~20 bytes per input byte: a 64 MB line (no newline) keeps these short.
check "segment jsonl 64 MB line" - "$dhad" segment --format jsonl "$tmp/line64.txt"
check "analyze 64 MB line" - "$dhad" analyze "$tmp/line64.txt"
check "tokenize 64 MB token" "$token_bytes" "$dhad" tokenize "$tmp/token.txt"
check "segment 64 MB token" "$token_bytes" "$dhad" segment "$tmp/token.txt"
check "stem 64 MB token" - "$dhad" stem "$tmp/token.txt"
check "analyze 64 MB token" - "$dhad" analyze "$tmp/token.txt"
check "tokenize jsonl 64 MB token" - "$dhad" tokenize --format jsonl "$tmp/token.txt"
check "normalize 64 MB token" "$token_bytes" "$dhad" normalize "$tmp/token.txt"
check "sentences 64 MB token" "$((token_bytes + 1))" "$dhad" sentences "$tmp/token.txt"

# The token comes back in 1 MiB pieces whose spans tile it exactly.
"$dhad" tokenize --format jsonl "$tmp/token.txt" | /usr/bin/python3 -c '
import json, sys
spans = [json.loads(l) for l in sys.stdin]
assert all(r.get("piece") for r in spans), "pieces not flagged"
assert spans[0]["begin"] == 0 and spans[-1]["end"] == int(sys.argv[1])
assert all(a["end"] == b["begin"] for a, b in zip(spans, spans[1:])), "gap between pieces"
assert all(r["end"] - r["begin"] <= 1 << 20 for r in spans), "piece over 1 MiB"
print("ok: 64 MB token in", len(spans), "flagged pieces of at most 1 MiB")
' "$token_bytes" || fails=$((fails + 1))

# Inputs whose records far outnumber their bytes, at -j 1 and -j 4: 64 MB at
# -j 1, and 16 MB more per extra thread (the worst found: a line of one-letter
# tokens and emoji through analyze took 263 MB, random bytes 134 MB).
/usr/bin/python3 - "$tmp/emoji.txt" "$tmp/dots.txt" "$tmp/random.bin" <<'PY'
import random, sys
open(sys.argv[1], "w", encoding="utf-8").write("ب😀" * (2 << 20))  # 12 MiB, one line
open(sys.argv[2], "w").write("a." * (6 << 20))                     # 12 MiB of 1-byte tokens
random.seed(7)
open(sys.argv[3], "wb").write(random.randbytes(10 << 20))
PY
for input in emoji.txt dots.txt random.bin; do
  for args in "normalize" "tokenize" "tokenize --format jsonl" "sentences --format jsonl" \
              "segment" "segment --format jsonl" "stem --format tsv" "analyze" "correct" \
              "correct --format jsonl"; do
    for j in 1 4; do
      # shellcheck disable=SC2086
      check_under $((limit_kb + (j - 1) * 16 * 1024)) "$args -j $j $input" - \
        "$dhad" $args -j $j "$tmp/$input"
    done
  done
done
# -j far beyond the cores is capped (with a warning), not a multiplier of memory.
cap=$(( $(nproc) * 2 > 4 ? $(nproc) * 2 : 4 ))
check_under $((limit_kb + (cap - 1) * 16 * 1024)) "tokenize --format jsonl -j 64 (capped at $cap) emoji.txt" - \
  "$dhad" tokenize --format jsonl -j 64 "$tmp/emoji.txt"

# Cut lines come out the same whatever the number of threads.
for args in "tokenize $tmp/line.txt" "sentences $tmp/line.txt" "tokenize --format jsonl $tmp/token.txt" \
            "segment $tmp/line.txt" "analyze $tmp/line64.txt"; do
  # shellcheck disable=SC2086
  a=$("$dhad" $args | md5sum)
  # shellcheck disable=SC2086
  b=$("$dhad" ${args%% *} -j 3 ${args#* } | md5sum)
  if [[ $a != "$b" ]]; then
    echo "FAIL: dhad $args differs between -j 1 and -j 3"
    fails=$((fails + 1))
  else
    echo "ok: dhad $args: -j 3 = -j 1"
  fi
done

if ((fails > 0)); then
  echo "memory_test: $fails failure(s)"
  exit 1
fi
echo "memory_test: all under ${limit_kb} KB"
