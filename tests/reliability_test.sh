#!/usr/bin/env bash
# Regression tests for defects that lost records or bytes (issue 10): each
# check failed on the build before its fix. Memory bounds are in
# memory_test.sh, block-boundary properties in block_boundary_test.py.
# usage: tests/reliability_test.sh PATH/TO/dhad
set -uo pipefail
dhad=$(realpath "${1:?usage: reliability_test.sh DHAD}")
root=$(cd "$(dirname "$0")/.." && pwd)
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
  echo "FAIL: $*"
  failed=$((failed + 1))
}
expect_eq() {  # name want got
  if [[ "$2" == "$3" ]]; then ok; else bad "$1: want [$2], got [$3]"; fi
}

# --- 1. --field: every record up to 8 MiB works; a longer one is skipped or named
$PY - <<'PY'
import json
small = {"text": "كتب الولد"}
with open("fits.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps(small, ensure_ascii=False) + "\n")
    f.write(json.dumps({"text": "a" * 300000}) + "\n")              # no space at all
    f.write(json.dumps({"text": "ب " * 1200000}, ensure_ascii=False) + "\n")  # 4.8 MB
    f.write(json.dumps({"text": "x." * 1000000}) + "\n")            # 1M tokens, no space
    f.write(json.dumps(small, ensure_ascii=False) + "\n")
with open("over.jsonl", "w", encoding="utf-8") as f:
    f.write(json.dumps(small, ensure_ascii=False) + "\n")
    f.write(json.dumps({"text": "a " * (5 << 20)}) + "\n")          # 10 MiB: over the limit
    f.write(json.dumps(small, ensure_ascii=False) + "\n")
PY
for cmd in normalize tokenize sentences segment stem analyze; do
  "$dhad" "$cmd" --field text fits.jsonl >out 2>err
  rc=$?
  expect_eq "$cmd --field: records up to the limit: status ($(head -c 200 err))" 0 "$rc"
  case $cmd in
    normalize | segment | stem) expect_eq "$cmd --field: one line per record" 5 "$(wc -l <out)" ;;
    *) expect_eq "$cmd --field: records 0 and 4 both there" "0 4" \
      "$($PY -c 'import json,sys; r=[json.loads(l)["record"] for l in open(sys.argv[1])]; print(min(r), max(r))' out)" ;;
  esac
  "$dhad" "$cmd" --field text --on-error skip over.jsonl >out 2>err
  rc=$?
  expect_eq "$cmd --field --on-error skip: a record over 8 MiB: status" 0 "$rc"
  grep -q 'skipped 1 ' err && ok || bad "$cmd --on-error skip: count on stderr: $(cat err)"
  case $cmd in
    normalize | segment | stem) expect_eq "$cmd --on-error skip: the records around it kept" 2 "$(wc -l <out)" ;;
    *) expect_eq "$cmd --on-error skip: records 0 and 2 there" "0 2" \
      "$($PY -c 'import json,sys; r=[json.loads(l)["record"] for l in open(sys.argv[1])]; print(min(r), max(r))' out)" ;;
  esac
  "$dhad" "$cmd" --field text over.jsonl >out 2>err
  rc=$?
  expect_eq "$cmd --field: a record over 8 MiB fails" 1 "$rc"
  grep -q 'line 2: record longer than 8 MiB' err && ok || bad "$cmd: the long record named by line: $(cat err)"
done

# --- 2. the output file is standard input, or the model
printf 'سطر أول\n' >v.txt
"$dhad" normalize - -o v.txt <v.txt 2>err
expect_eq "-o onto stdin's file: usage error" 2 "$?"
expect_eq "-o onto stdin's file: the file is untouched" "سطر أول" "$(cat v.txt)"
"$dhad" normalize -o v.txt <v.txt 2>err
expect_eq "-o onto stdin's file (no -): usage error" 2 "$?"
cat v.txt | "$dhad" normalize -o v.txt 2>err
expect_eq "-o with a pipe on stdin is fine" 0 "$?"
cp "$root/data/segment/segment.model" m.model
before=$(md5sum <m.model)
printf 'كتب\n' | "$dhad" segment --model m.model -o m.model 2>err
expect_eq "-o onto the --model file: usage error" 2 "$?"
expect_eq "-o onto the --model file: the model is untouched" "$before" "$(md5sum <m.model)"

# --- 4. normalize gives the same bytes wherever a long line is cut
$PY -c "import sys; sys.stdout.write('a' + ' ' * 3000000 + 'b\n')" | "$dhad" normalize >out
expect_eq "a 3 MB run of spaces across the 1 MiB cuts collapses to one" "a b" "$(cat out)"
$PY -c "import sys; sys.stdout.write('a \u0640' * 1 + '\u0640' * 1500000 + ' b\n')" | "$dhad" normalize >out
expect_eq "spaces around a 3 MB run of tatweel collapse to one" "a b" "$(cat out)"
$PY -c "import sys; sys.stdout.write(('x' * 100 + '\t') * 2 + '\u00a0' * 1200000 + '\tb\n')" |
  "$dhad" normalize | $PY -c "import sys; t=sys.stdin.read(); print(t.count(' '), t.count('\t'))" >out
expect_eq "a tab, 2.4 MB of no-break spaces, a tab: one space" "1 1" "$(cat out)"

# --- 5. "piece" only on what a cut split
$PY -c "import sys; sys.stdout.write('a' * 300000 + '\n\nb c.\n')" >long.txt
"$dhad" sentences --format jsonl <long.txt >out
expect_eq "sentences jsonl (stdin): no piece where nothing was cut" 0 "$(grep -c '"piece"' out)"
"$dhad" sentences --format jsonl long.txt >out
expect_eq "sentences jsonl (file): no piece where nothing was cut" 0 "$(grep -c '"piece"' out)"
$PY -c "import sys; sys.stdout.write('ب😀' * 400000 + '\n')" >emoji.txt
"$dhad" tokenize --format jsonl emoji.txt >out
expect_eq "tokenize jsonl: a cut between two one-letter tokens makes no piece" 0 "$(grep -c '"piece"' out)"
expect_eq "tokenize jsonl: every token there" 800000 "$(wc -l <out)"
$PY -c "import sys; sys.stdout.write('ب' * 1200000 + '\n')" >token.txt
"$dhad" tokenize --format jsonl token.txt >out
expect_eq "tokenize jsonl: a 2.4 MB token comes in pieces, each marked" "$(wc -l <out)" "$(grep -c '"piece":true' out)"

# --- 6. a file's end ends its last line
printf 'والكتاب' >f1
printf 'والمدرسة\n' >f2
expect_eq "stem f1 f2 (f1 without a final newline)" $'كتاب\nمدرس' "$("$dhad" stem f1 f2)"
expect_eq "segment f1 f2" $'و+ الكتاب\nو+ المدرسة' "$("$dhad" segment f1 f2)"
expect_eq "normalize f1 f2" $'والكتاب\nوالمدرسة' "$("$dhad" normalize f1 f2)"
expect_eq "one file without a final newline stays so" "والكتابx" "$("$dhad" normalize f1; printf x)"

# --- 7. -o is atomic
printf 'old\n' >o.txt
printf 'ص \xff\n' | "$dhad" normalize --invalid-utf8 strict -o o.txt 2>err
expect_eq "-o: a failed run leaves the old file" "old" "$(cat o.txt)"
$PY -c "import sys; sys.stdout.write('كلمة ' * 1000000 + '\n')" >big.txt
(cat big.txt; sleep 3) | "$dhad" normalize -o o.txt &
pid=$!  # dhad, the last command of the pipeline
sleep 1
kill -9 "$pid"
wait "$pid" 2>/dev/null
expect_eq "-o: after kill -9 the old file is still whole" "old" "$(cat o.txt)"
rm -f .o.txt.dhad-*
(cat big.txt; sleep 3) | "$dhad" normalize -o o.txt &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid" 2>/dev/null
expect_eq "-o: after SIGTERM the old file is still whole" "old" "$(cat o.txt)"
expect_eq "-o: after SIGTERM no temporary file is left" "" "$(ls -A | grep dhad- || true)"
"$dhad" normalize big.txt -o o.txt
expect_eq "-o: a run that succeeds replaces the file" "$(wc -c <big.txt)" "$(wc -c <o.txt)"
chmod 640 o.txt
"$dhad" normalize f2 -o o.txt
expect_eq "-o: the replaced file keeps its mode" 640 "$(stat -c %a o.txt)"

# --- 8. smaller ones
printf '\xef\xbb\xbf{"t":"أحمد"}\n' >bom.jsonl
"$dhad" normalize --field t --profile lucene bom.jsonl >out 2>err
expect_eq "JSONL with a byte order mark: accepted" 0 "$?"
expect_eq "JSONL with a byte order mark: kept" "$(printf '\xef\xbb\xbf{"t":"احمد"}')" "$(cat out)"
printf '{"t":"أحمد"}\r\n\r\n{"t":"إلى"}\r\n' >crlf.jsonl
"$dhad" normalize --field t --profile lucene crlf.jsonl >out
expect_eq "--field keeps CRLF and blank lines" "$(printf '{"t":"احمد"}\r\n\r\n{"t":"الي"}\r\n' | md5sum)" "$(md5sum <out)"
printf '{"t":"a\\ud83d b"}\n' >sur.jsonl
"$dhad" normalize --field t --invalid-utf8 strict sur.jsonl >out 2>err
expect_eq "a lone surrogate escape under strict: bad input" 1 "$?"
"$dhad" normalize --field t sur.jsonl >out 2>err
grep -q 'replaced 1 ' err && ok || bad "a lone surrogate escape under replace: counted: $(cat err)"
"$dhad" normalize "$(printf 'no\nsuch\033[31mfile')" 2>err
expect_eq "a file name with a newline and an escape: one line on stderr" 1 "$(wc -l <err)"
grep -q 'no\\x0asuch\\x1b\[31mfile' err && ok || bad "file name escaped: $(cat err)"
for args in "tokenize --algorithm isri" "normalize --on-error skip" "sentences --profile lucene" \
  "stem --enable tatweel" "normalize --enable=" "normalize --enable tatweel,,harakat"; do
  # shellcheck disable=SC2086
  echo x | "$dhad" $args >/dev/null 2>err
  expect_eq "an option that does not apply is a usage error: dhad $args" 2 "$?"
done
"$dhad" help help >out 2>&1
expect_eq "dhad help help" 0 "$?"
printf '\xff\xfeA\x00\n\x00' | "$dhad" normalize >out 2>err
expect_eq "UTF-16 input: bad input" 1 "$?"
grep -q 'UTF-16' err && ok || bad "UTF-16 input: said on stderr: $(cat err)"

echo "reliability_test: $passed checks passed"
if ((failed > 0)); then
  echo "reliability_test: $failed checks FAILED"
  exit 1
fi
