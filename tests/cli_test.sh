#!/usr/bin/env bash
# Tests of the dhad command line's contracts (DESIGN.md "Errors", "The command line").
# Usage: tests/cli_test.sh PATH/TO/dhad
# Exit 0 when every check passes; otherwise prints "FAIL: ..." lines and exits 1.
set -u

if [[ $# -ne 1 || ! -x "$1" ]]; then
  echo "usage: $0 PATH/TO/dhad" >&2
  exit 2
fi
DHAD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
PY=/usr/bin/python3
TESTS=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/dhad_cli_test.XXXXXX")
# shellcheck disable=SC2317  # called by the trap
cleanup() {
  chmod -R u+rwX "$T" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
cd "$T" || exit 2

passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() {
  echo "FAIL: $*"
  failed=$((failed + 1))
}
# check WHAT EXPECTED GOT
check() {
  if [[ "$2" == "$3" ]]; then ok; else fail "$1: expected [$2], got [$3]"; fi
}
# check_file WHAT EXPECTED_FILE GOT_FILE (byte for byte)
check_file() {
  if cmp -s "$2" "$3"; then
    ok
  else
    fail "$1: output differs ($(cmp "$2" "$3" 2>&1 | head -1))"
  fi
}
# check_true WHAT COMMAND... (the command's exit status decides)
check_true() {
  local what=$1
  shift
  if "$@"; then ok; else fail "$what"; fi
}

# d ARGS...: runs dhad, stdout -> out, stderr -> err, status -> $rc.
d() {
  "$DHAD" "$@" >out 2>err
  rc=$?
}
# d_in INPUT_FILE ARGS...: the same, with stdin from INPUT_FILE.
d_in() {
  local input=$1
  shift
  "$DHAD" "$@" <"$input" >out 2>err
  rc=$?
}
# check_error WHAT STATUS: the last d/d_in ended with STATUS, printed one line
# on stderr starting "dhad: " and nothing on stdout.
check_error() {
  check "$1: exit status" "$2" "$rc"
  local lines first
  lines=$(wc -l <err)
  first=$(head -c 6 err)
  if [[ "$lines" == 1 && "$first" == "dhad: " ]]; then
    ok
  else
    fail "$1: want one stderr line starting 'dhad: ', got: $(head -c 300 err)"
  fi
}
# check_err_has WHAT ERE: stderr matches the extended regexp.
check_err_has() {
  if grep -Eq -- "$2" err; then ok; else fail "$1: stderr lacks /$2/: $(head -c 300 err)"; fi
}
# check_quiet WHAT: status 0 and nothing on stderr.
check_quiet() {
  check "$1: exit status" 0 "$rc"
  if [[ ! -s err ]]; then ok; else fail "$1: unexpected stderr: $(head -c 300 err)"; fi
}

# --------------------------------------------------------------------------
# Help, usage errors, version
for args in "--help" "-h" "help" "help --help" "help tokenize" "normalize --help" \
            "tokenize --help" "sentences --help" "version --help" "tokenize -h" \
            "segment --help" "stem --help" "analyze --help" "help analyze" \
            "correct --help" "learn --help"; do
  # shellcheck disable=SC2086
  d $args
  check_quiet "dhad $args"
  if grep -q '^usage: dhad' out; then ok; else fail "dhad $args: stdout lacks 'usage: dhad'"; fi
done
d help tokenize
cp out help_topic
d tokenize --help
check_file "dhad help tokenize = dhad tokenize --help" help_topic out
for c in normalize tokenize sentences segment stem analyze version; do
  d "$c" --help
  check "dhad $c --help: first line" "usage: dhad $c" "$(head -1 out | cut -d' ' -f1-3)"
done

d frobnicate
check_error "unknown command" 2
check "unknown command: stdout empty" 0 "$(wc -c <out)"
for c in normalize tokenize sentences segment stem analyze version; do
  d "$c" --no-such-option
  check_error "dhad $c --no-such-option" 2
done
d
check_error "no command" 2
d tokenize -j 0
check_error "tokenize -j 0" 2
d tokenize --format xml
check_error "tokenize --format xml" 2

d version
check "version exit status" 0 "$rc"
check "version prefix" "dhad " "$(head -c 5 out)"
check "version is one line" 1 "$(wc -l <out)"

# --------------------------------------------------------------------------
# I/O errors
printf 'سلام عليكم\n' >small.txt
d tokenize no_such_file.txt
check_error "missing file" 3
check_err_has "missing file names it" 'no_such_file\.txt'
d normalize small.txt no_such_file.txt
check_error "missing second file" 3
check "missing second file: no output written" 0 "$(wc -c <out)"
mkdir adir
d normalize adir
check_error "directory as input" 3
check_err_has "directory as input names it" 'adir'
if [[ $(id -u) == 0 ]]; then
  echo "note: running as root: skipping the unreadable-file check (chmod 000 is readable by root)"
else
  printf 'سر\n' >secret.txt
  chmod 000 secret.txt
  d normalize secret.txt
  check_error "unreadable file" 3
  check_err_has "unreadable file names it" 'secret\.txt'
  chmod 644 secret.txt
fi

if [[ -w /dev/full ]]; then
  d normalize small.txt -o /dev/full
  check_error "write to /dev/full" 3
  "$DHAD" tokenize --format jsonl small.txt >/dev/full 2>err
  rc=$?
  check_error "stdout is /dev/full" 3
else
  echo "note: /dev/full is not writable here: skipping the write-error checks"
fi

cp small.txt small.orig
d normalize small.txt -o small.txt
check_error "-o same as input" 2
check_file "-o same as input leaves the input alone" small.orig small.txt
mkdir -p sub
d tokenize sub/../small.txt --output=./small.txt
check_error "--output= same file, other spelling" 2
check_file "-o same file, other spelling, input unchanged" small.orig small.txt
d normalize small.txt -o norm_out.txt
check_quiet "-o to a new file"
check "-o writes nothing to stdout" 0 "$(wc -c <out)"
"$DHAD" normalize small.txt >norm_stdout.txt
check_file "-o FILE = stdout" norm_stdout.txt norm_out.txt

# A closed pipe: dhad ends quietly with status 0.
yes 'نص عربي' | head -c 50000000 | "$DHAD" tokenize 2>pipe_err | head -1 >pipe_out
st=("${PIPESTATUS[@]}")
check "closed pipe: dhad status" 0 "${st[2]}"
check "closed pipe: first line" "نص عربي" "$(cat pipe_out)"
if [[ ! -s pipe_err ]]; then ok; else fail "closed pipe: stderr not empty: $(head -c 300 pipe_err)"; fi
yes 'جملة قصيرة.' | head -c 20000000 | "$DHAD" sentences -j 2 2>pipe_err | head -3 >pipe_out
st=("${PIPESTATUS[@]}")
check "closed pipe -j 2 (sentences): dhad status" 0 "${st[2]}"
if [[ ! -s pipe_err ]]; then ok; else fail "closed pipe -j 2: stderr not empty: $(head -c 300 pipe_err)"; fi

# --------------------------------------------------------------------------
# Invalid UTF-8 policies
printf 'ص\nب\nج \xff د\n' >bad3.txt # the bad byte is on line 3 at byte 2+1+2+1+2+1 = 9
for cmd in normalize tokenize sentences; do
  for j in 1 2; do
    d "$cmd" --invalid-utf8 strict -j "$j" bad3.txt
    check_error "$cmd strict -j $j" 1
    check_err_has "$cmd strict -j $j offset" 'byte 9([^0-9]|$)'
    check_err_has "$cmd strict -j $j names the file" 'bad3\.txt'
  done
done
d_in bad3.txt normalize --invalid-utf8=strict
check_error "strict from stdin" 1
check_err_has "strict from stdin offset" 'byte 9([^0-9]|$)'

printf 'ا\xffب\xfe\xfdج \xd8 د\n' >bad4.txt # four invalid sequences
d normalize bad4.txt
check "replace: exit status" 0 "$rc"
printf 'ا\xef\xbf\xbdب\xef\xbf\xbd\xef\xbf\xbdج \xef\xbf\xbd د\n' >expect
check_file "replace: U+FFFD for each invalid sequence" expect out
check_err_has "replace: count on stderr" 'replaced 4 '
check "replace: one stderr line" 1 "$(wc -l <err)"
d normalize --invalid-utf8 replace bad4.txt
check_file "explicit --invalid-utf8 replace" expect out

d normalize --invalid-utf8 keep bad4.txt
check_quiet "keep: normalize"
check_file "keep: normalize passes raw bytes" bad4.txt out
printf 'ا \xff ب\n' >bad1.txt
d tokenize --invalid-utf8 keep bad1.txt
check_quiet "keep: tokenize text"
check_file "keep: tokenize text passes raw bytes" bad1.txt out
d tokenize --invalid-utf8 keep --format jsonl bad1.txt
check_quiet "keep: tokenize jsonl"
check_true "keep: tokenize jsonl marks the bad token invalid_utf8 and shows U+FFFD" \
  $PY -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [r["text"] for r in recs] == ["ا", "\ufffd", "ب"], recs
assert [r.get("invalid_utf8") for r in recs] == [None, True, None], recs
assert recs[1]["begin"] == 3 and recs[1]["end"] == 4, recs
' out
d tokenize --format jsonl bad1.txt
check "replace: tokenize jsonl status" 0 "$rc"
check_true "replace: tokenize jsonl has U+FFFD and no invalid_utf8 key" \
  $PY -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [r["text"] for r in recs] == ["ا", "\ufffd", "ب"], recs
assert all("invalid_utf8" not in r for r in recs), recs
' out
d normalize --invalid-utf8 sloppy bad1.txt
check_error "unknown --invalid-utf8 policy" 2

# --------------------------------------------------------------------------
# stdin, file and "-" agree; several files
cat >mixed.txt <<'EOF'
زار الوفد المدينة يوم ٢٠٢٤/٣/١٥ وقابل ٣٠٠شخص.
راسلونا على user@example.org أو زوروا https://example.org/ar?x=1 #أخبار 😀
قال: "هذا أمرٌ مهمّ جداً!" ثم غادر... هل عاد؟ نعم؛ عاد.

Latin words, 3.14 و ٧٫٥ و$ و%
EOF
for cmd in "normalize" "normalize --profile search" "tokenize" "tokenize --format jsonl" \
           "tokenize --format tsv" "sentences" "sentences --format jsonl"; do
  # shellcheck disable=SC2086
  "$DHAD" $cmd mixed.txt >from_file 2>/dev/null
  # shellcheck disable=SC2086
  "$DHAD" $cmd <mixed.txt >from_stdin 2>/dev/null
  # shellcheck disable=SC2086
  "$DHAD" $cmd - <mixed.txt >from_dash 2>/dev/null
  check_file "$cmd: stdin = file" from_file from_stdin
  check_file "$cmd: '-' = file" from_file from_dash
  if [[ -s from_file ]]; then ok; else fail "$cmd: empty output"; fi
done

printf 'كتب الولد الدرس\n' >one.txt
printf 'قرأت البنت\nكتاباً جديداً\n' >two.txt
d tokenize --format jsonl one.txt two.txt
check "several files: status" 0 "$rc"
check_true "several files: records carry file, offsets restart at 0 per file" \
  $PY -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
files = [r["file"] for r in recs]
assert files == ["one.txt"] * 3 + ["two.txt"] * 4, files
data = {f: open(f, "rb").read() for f in ("one.txt", "two.txt")}
for r in recs:
    assert data[r["file"]][r["begin"]:r["end"]].decode() == r["text"], r
assert recs[3]["begin"] == 0, recs[3]
assert list(recs[0].keys()) == ["kind", "text", "begin", "end", "norm", "file"], recs[0]
' out
d tokenize --format tsv one.txt two.txt
check "several files tsv: header" "$(printf 'kind\ttext\tbegin\tend\tnorm\tfile')" "$(head -1 out)"
check "several files tsv: rows" 8 "$(wc -l <out)"
d normalize one.txt two.txt
cat one.txt two.txt >expect
check_file "several files normalize = concatenation" expect out

# --------------------------------------------------------------------------
# Line structure
printf 'أولاً\r\n\r\nبـــيت  \xc2\xa0 كبير\n\n\n\t\nسطر أخير بلا نهاية' >lines.txt
printf 'أولاً\r\n\r\nبيت كبير\n\n\n\t\nسطر أخير بلا نهاية' >expect
d normalize lines.txt
check_quiet "normalize lines"
check_file "normalize light: exact output, CRLF/empty lines/last line kept" expect out
printf 'اولا\r\n\r\nبيت  \xc2\xa0 كبير\n\n\n\t\nسطر اخير بلا نهايه' >expect
d normalize --profile lucene lines.txt
check_file "normalize lucene: exact output, CRLF/empty lines/last line kept" expect out
d tokenize lines.txt
check_quiet "tokenize lines"
check "tokenize keeps the line count" "$(wc -l <lines.txt)" "$(wc -l <out)"
check "tokenize keeps CRLF" "$(grep -c $'\r$' lines.txt)" "$(grep -c $'\r$' out)"
check "tokenize: last line without newline" "$(tail -c 1 lines.txt | od -An -c)" "$(tail -c 1 out | od -An -c)"
check "tokenize: line 3 tokens" "بـــيت كبير" "$(sed -n 3p out)"
printf 'كلمة\n' >nl.txt
for cmd in normalize tokenize sentences; do
  d "$cmd" nl.txt
  check_file "$cmd: one line with newline" nl.txt out
done
printf 'كلمة' >nonl.txt
for cmd in normalize tokenize; do
  d "$cmd" nonl.txt
  check_file "$cmd: one line without newline stays without" nonl.txt out
done

printf 'أحمد\nمدرسة\nعلى\nإسلام\nآمن\nكِتَابٌ\nـــقلمـــ\nمؤمن\n' >words.txt
printf 'احمد\nمدرسه\nعلي\nاسلام\nامن\nكتاب\nقلم\nمؤمن\n' >expect
d normalize --profile lucene words.txt
check_quiet "lucene one word per line"
check_file "lucene: one token per line in, one per line out" expect out

# --------------------------------------------------------------------------
# tokenize --format jsonl / tsv
d tokenize --format jsonl mixed.txt
check_quiet "tokenize jsonl mixed"
cp out mixed.jsonl
check_true "tokenize jsonl: key order, exact spans, only whitespace between tokens" \
  $PY -c '
import json, sys
data = open(sys.argv[2], "rb").read()
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(recs) > 30, len(recs)
cursor = 0
for r in recs:
    assert list(r.keys()) == ["kind", "text", "begin", "end", "norm"], r
    assert data[r["begin"]:r["end"]].decode() == r["text"], r
    assert r["begin"] >= cursor and r["end"] > r["begin"], r
    assert data[cursor:r["begin"]].decode().isspace() or cursor == r["begin"], (cursor, r)
    cursor = r["end"]
assert data[cursor:].decode().strip() == "", cursor
kinds = {r["kind"] for r in recs}
for k in ("arabic", "latin", "number", "punct", "url", "email", "hashtag", "emoji"):
    assert k in kinds, (k, kinds)
' out mixed.txt
d tokenize --format tsv mixed.txt
check "tsv header" "$(printf 'kind\ttext\tbegin\tend\tnorm')" "$(head -1 out)"
check "tsv rows = jsonl records" "$(wc -l <mixed.jsonl)" "$(($(wc -l <out) - 1))"
check "tsv: five cells per row" "" "$(tail -n +2 out | awk -F'\t' 'NF != 5' | head -1)"

printf 'حضر ٢٧٠الف مشجع\n' >fused.txt
d tokenize --format jsonl fused.txt
check_true "٢٧٠الف splits into number + arabic" \
  $PY -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
got = [(r["kind"], r["text"], r["begin"], r["end"]) for r in recs]
want = [("arabic", "حضر", 0, 6), ("number", "٢٧٠", 7, 13), ("arabic", "الف", 13, 19),
        ("arabic", "مشجع", 20, 28)]
assert got == want, got
' out
d tokenize fused.txt
check "tokenize text: ٢٧٠الف split" "حضر ٢٧٠ الف مشجع" "$(cat out)"

printf 'أحمد في المدرسة\n' >prof.txt
d tokenize --format jsonl prof.txt
check "norm under light" "أحمد في المدرسة" "$($PY -c 'import json,sys; print(" ".join(json.loads(l)["norm"] for l in open(sys.argv[1])))' out)"
d tokenize --format jsonl --profile lucene prof.txt
check "norm under lucene" "احمد في المدرسه" "$($PY -c 'import json,sys; print(" ".join(json.loads(l)["norm"] for l in open(sys.argv[1])))' out)"
d tokenize --format jsonl --profile lucene --disable teh_marbuta prof.txt
check "norm under lucene minus teh_marbuta" "احمد في المدرسة" "$($PY -c 'import json,sys; print(" ".join(json.loads(l)["norm"] for l in open(sys.argv[1])))' out)"

# --------------------------------------------------------------------------
# --field
cat >rec.jsonl <<'EOF'
{"id":1.50,"t":"أحمد ـــعلى","x":"\u0627b","y":{"k":[1e3, true, null]}}

{"t":"قال \"نعم\" مدرسة", "id" : 2.0e-1 ,"z":"\ud83d\ude00"}
   
{"x":"ة","t":"\u0623\u062d\u0645\u062f"}
EOF
cat >expect <<'EOF'
{"id":1.50,"t":"احمد علي","x":"\u0627b","y":{"k":[1e3, true, null]}}

{"t":"قال \"نعم\" مدرسه", "id" : 2.0e-1 ,"z":"\ud83d\ude00"}
   
{"x":"ة","t":"احمد"}
EOF
d normalize --field t --profile lucene rec.jsonl
check_quiet "normalize --field"
check_file "normalize --field: only the field changes, blank lines kept" expect out
d tokenize --field t rec.jsonl
check_quiet "tokenize --field"
check_true "tokenize --field: record numbers and offsets into the field text" \
  $PY -c '
import json, sys
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [r["record"] for r in recs] == [0, 0, 0, 2, 2, 2, 2, 2, 4], [r["record"] for r in recs]
for r in recs:
    field = json.loads(lines[r["record"]])["t"].encode()
    assert field[r["begin"]:r["end"]].decode() == r["text"], r
    assert list(r.keys()) == ["kind", "text", "begin", "end", "norm", "record"], r
assert recs[3]["begin"] == 0 and recs[3]["text"] == "قال", recs[3]
' out rec.jsonl
d tokenize --field t --format text rec.jsonl
check "tokenize --field --format text: one line per record" 3 "$(wc -l <out)"
d sentences --field t --format jsonl rec.jsonl
check "sentences --field: status" 0 "$rc"
check_true "sentences --field: records" \
  $PY -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [r["record"] for r in recs] == [0, 2, 4], recs
' out

printf '{"t":"ص"}\n\n{"t": 5}\n{"t":"ب"}\n' >bad_field.jsonl
d normalize --field t bad_field.jsonl
check_error "field not a string" 1
check_err_has "field not a string: line number" 'line 3([^0-9]|$)'
printf '{"t":"ص"}\n{"t":"ب"}\n{"t":"ج"\n' >bad_json.jsonl
d tokenize --field t bad_json.jsonl
check_error "malformed JSON record" 1
check_err_has "malformed JSON record: line number" 'line 3([^0-9]|$)'
printf '{"a":"ص"}\n' >no_field.jsonl
d normalize --field t no_field.jsonl
check_error "record without the field" 1
check_err_has "record without the field: line number" 'line 1([^0-9]|$)'
d normalize --field t --on-error skip bad_field.jsonl
check "--on-error skip: status" 0 "$rc"
check_err_has "--on-error skip: count" 'skipped 1 '
check "--on-error skip: one stderr line" 1 "$(wc -l <err)"
printf '{"t":"ص"}\n\n{"t":"ب"}\n' >expect
check_file "--on-error skip: output (the blank line kept, the bad record gone)" expect out
printf '{"t":"ص \xff"}\n' >bad_utf8.jsonl
d normalize --field t --invalid-utf8 strict bad_utf8.jsonl
check_error "--field strict invalid UTF-8" 1
check_err_has "--field strict: line number" 'line 1([^0-9]|$)'

# --------------------------------------------------------------------------
# sentences
printf 'ذهب الطالب إلى المدرسة. ثم عاد؟ نعم\nعاد مبكراً!\n\nفقرة جديدة بلا نقطة' >sent.txt
printf 'ذهب الطالب إلى المدرسة.\nثم عاد؟\nنعم عاد مبكراً!\nفقرة جديدة بلا نقطة\n' >expect
d sentences sent.txt
check_quiet "sentences text"
check_file "sentences: one sentence per line" expect out
d sentences --format jsonl sent.txt
check_quiet "sentences jsonl"
check_true "sentences jsonl: exact spans, keys" \
  $PY -c '
import json, sys
data = open(sys.argv[2], "rb").read()
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(recs) == 4, recs
for r in recs:
    assert list(r.keys()) == ["text", "begin", "end"], r
    assert data[r["begin"]:r["end"]].decode() == r["text"], r
assert recs[2]["text"] == "نعم\nعاد مبكراً!", recs[2]
' out sent.txt
d sentences --format jsonl mixed.txt
check_true "sentences jsonl on mixed text: exact spans" \
  $PY -c '
import json, sys
data = open(sys.argv[2], "rb").read()
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(recs) >= 5, recs
for r in recs:
    assert data[r["begin"]:r["end"]].decode() == r["text"], r
' out mixed.txt
d sentences --format tsv sent.txt
check "sentences tsv header" "$(printf 'text\tbegin\tend')" "$(head -1 out)"
check "sentences tsv rows" 5 "$(wc -l <out)"

# --------------------------------------------------------------------------
# normalize rules and profiles
printf 'أحمد مدرسة على\n' >rules.txt
d normalize rules.txt
check "light leaves letters alone" "أحمد مدرسة على" "$(cat out)"
d normalize --enable alef rules.txt
check "--enable alef" "احمد مدرسة على" "$(cat out)"
d normalize --enable alef,teh_marbuta,alef_maksura rules.txt
check "--enable a list" "احمد مدرسه علي" "$(cat out)"
d normalize --profile lucene --disable teh_marbuta rules.txt
check "lucene --disable teh_marbuta" "احمد مدرسة علي" "$(cat out)"
d normalize --disable alef --profile lucene rules.txt
check "--disable before --profile" "أحمد مدرسه علي" "$(cat out)"
d normalize --enable no_such_rule rules.txt
check_error "unknown rule" 2
d normalize --disable alef,no_such_rule rules.txt
check_error "unknown rule in a list" 2
d normalize --profile no_such_profile rules.txt
check_error "unknown profile" 2
d tokenize --profile no_such_profile rules.txt
check_error "tokenize: unknown profile" 2
d normalize --format jsonl rules.txt
check_error "normalize --format jsonl" 2

# --------------------------------------------------------------------------
# Empty input
: >empty.txt
for cmd in "normalize" "tokenize" "tokenize --format jsonl" "sentences" "sentences --format jsonl" \
           "normalize --field t" "tokenize --field t"; do
  # shellcheck disable=SC2086
  d $cmd empty.txt
  check_quiet "empty input: $cmd"
  check "empty input: $cmd: output bytes" 0 "$(wc -c <out)"
done
d_in empty.txt normalize
check "empty stdin: output bytes" 0 "$(wc -c <out)"

# --------------------------------------------------------------------------
# -j N: same output as -j 1, on an input of several blocks
$PY - big.txt clean.txt <<'EOF'
import sys
lines = [
    "ذهب الولد إلى المدرسة صباحاً ثم عاد إلى البيت.",
    "قرأت\u00a0البنت كتاباً جديداً عن تاريخ المدينة القديمة؟",
    "اشترى التاجر ٢٥٠كيلو من القمح بسعر 3.75 دينار للكيلو!",
    "كـــان الجــو جميلاً جداً؛ والسماء صافية…",
    "قال المعلم: «اكتبوا الدرس في دفاتركم» ثم خرج.",
    "زوروا https://example.org/news?id=7 أو راسلونا على info@example.org",
    "المباراة انتهت ٢-١ لصالح الفريق الأول في الدقيقة ٩٠",
    "ﻻ تنسَ أن تُغلق النافذة قبل النوم يا أحمد",
    "",
    "سافرنا ٣ أيام\u00a0\u00a0في الصحراء مع 12رجلاً من القبيلة",
    "هل تعلم أن الشمس أكبر من الأرض بكثير ؟ نعم أعلم.",
]
big = open(sys.argv[1], "wb")
clean = open(sys.argv[2], "wb")
i = 0
size = 0
while size < 8_500_000:
    line = lines[i % len(lines)]
    if i % 13 == 5:
        line += " رقم%d" % i
    b = line.encode()
    c = b
    if i % 997 == 3:
        b = b[:7] + b"\xff" + b[7:]
    if i % 101 == 50:
        b = b + b"\r"
        c = c + b"\r"
    big.write(b + b"\n")
    clean.write(c + b"\n")
    size += len(b) + 1
    i += 1
EOF
check "big input is >= 8 MB" 1 "$(($(wc -c <big.txt) >= 8000000))"
for cmd in "normalize" "normalize --profile search" "tokenize" "tokenize --format jsonl" "sentences" \
           "sentences --format jsonl" "segment" "segment --format jsonl" "stem" \
           "stem --algorithm isri" "analyze"; do
  # shellcheck disable=SC2086
  "$DHAD" $cmd -j 1 big.txt >j1 2>j1.err
  r1=$?
  check "$cmd -j 1 on big input: status" 0 "$r1"
  for j in 2 4; do
    # shellcheck disable=SC2086
    "$DHAD" $cmd -j "$j" big.txt >jn 2>jn.err
    check "$cmd -j $j: status" 0 "$?"
    check_file "$cmd: -j $j = -j 1" j1 jn
    check_file "$cmd: -j $j stderr = -j 1 stderr" j1.err jn.err
  done
  case "$cmd" in
    normalize*|"tokenize")
      check "$cmd big: line count kept" "$(wc -l <big.txt)" "$(wc -l <j1)"
      check "$cmd big: CRLF count kept" "$(grep -c $'\r$' big.txt)" "$(grep -c $'\r$' j1)"
      ;;
  esac
done
"$DHAD" tokenize --format jsonl -j 4 clean.txt >tok_clean 2>/dev/null
check_true "big clean input: tokenize -j 4 jsonl spans exact across blocks" \
  $PY -c '
import json, sys
data = open(sys.argv[2], "rb").read()
n = 0
last_end = 0
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    if data[r["begin"]:r["end"]].decode() != r["text"] or r["begin"] < last_end:
        raise SystemExit("bad span %r" % r)
    last_end = r["end"]
    n += 1
assert n > 100000, n
' tok_clean clean.txt

# stem's text path (blocks tokenized in slices of lines, light10's chunk pass,
# the memo) writes what its record path says token by token, on several blocks
# with \r\n and empty lines.
head -n 40000 clean.txt >stem_big.txt
for algo in light10 isri "light10 --min-stem 3"; do
  # shellcheck disable=SC2086  # the algorithm and its option, as two words
  "$DHAD" stem --algorithm $algo stem_big.txt >stem_text 2>/dev/null
  # shellcheck disable=SC2086
  "$DHAD" stem --algorithm $algo --format jsonl stem_big.txt >stem_records 2>/dev/null
  check_true "stem $algo: text path equals the records on several blocks" \
    $PY "$TESTS/stem_text_vs_records.py" stem_big.txt stem_records stem_text
done

# Strict with the bad byte several blocks in, at a known absolute offset.
head -n 60000 clean.txt >late_bad.txt
prefix=$(wc -c <late_bad.txt)
printf 'سطر\nثم \xff هنا\n' >>late_bad.txt
cat clean.txt >>late_bad.txt
want=$((prefix + 7 + 5))  # "سطر\n" is 7 bytes, "ثم " 5
check "late bad byte is past 2 MB" 1 "$((prefix > 2100000))"
for cmd in normalize tokenize sentences; do
  for j in 1 2 4; do
    d "$cmd" --invalid-utf8 strict -j "$j" late_bad.txt
    check_error "$cmd strict -j $j, bad byte late" 1
    check_err_has "$cmd strict -j $j, bad byte late: offset $want" "byte ${want}([^0-9]|\$)"
  done
done

# --------------------------------------------------------------------------
# stem: one word per line in -> one stem per line out; non-Arabic passes.
d stem --help
check_quiet "stem --help"
printf 'والمدرسة\nبالكتابين\n\n2015\nhello\n،\n' >stem_in.txt
d stem stem_in.txt
check_quiet "stem light10"
check "stem light10 output" "$(printf 'مدرس\nكتاب\n\n2015\nhello\n،')" "$(cat out)"
d stem --algorithm isri stem_in.txt
check_quiet "stem isri"
check "stem isri output" "$(printf 'درس\nكتب\n\n2015\nhello\n،')" "$(cat out)"
d stem --algorithm porter stem_in.txt
check_error "stem unknown algorithm" 2
printf 'منها\nفيه\nوالكتابات\n' >stem_short.txt
d stem --min-stem 3 stem_short.txt
check_quiet "stem --min-stem 3"
check "stem --min-stem 3 output" "$(printf 'منها\nفيه\nكتاب')" "$(cat out)"
d stem --min-stem 0 stem_short.txt
check "stem --min-stem 0 is light10" "$(printf 'من\nفي\nكتاب')" "$(cat out)"
d stem --min-stem three stem_short.txt
check_error "stem --min-stem not a number" 2
d stem --algorithm isri --min-stem 3 stem_short.txt
check_error "stem --min-stem with isri" 2
d normalize --min-stem 3 stem_short.txt
check_error "normalize takes no --min-stem" 2
d stem --format jsonl stem_in.txt
check_quiet "stem jsonl"
check "stem jsonl first record" '{"kind":"arabic","text":"والمدرسة","begin":0,"end":16,"stem":"مدرس"}' "$(head -1 out)"
printf '{"id":7,"text":"والمدرسة جميلة"}\n' >stem_rec.jsonl
d stem --field text stem_rec.jsonl
check_quiet "stem --field"
check "stem --field keeps other fields" '{"id":7,"text":"مدرس جميل"}' "$(cat out)"

# -jN is -j N.
d tokenize -j3 stem_in.txt
check_quiet "tokenize -j3"

# --------------------------------------------------------------------------
# segment: clitics split by evidence, UD Arabic-PUD text format.
printf 'وبالكتاب فسيكتبونها لأوباما وزيرها للسلطة\nوزير بلد لبنان فرنسا كتاب سيارة ولاية\n\n3%% و2006\r\n' >seg_in.txt
d segment seg_in.txt
check_quiet "segment"
check "segment output" "$(printf 'و+ ب+ الكتاب ف+ س+ يكتبون+ ها ل+ أوباما وزير+ ها ل+ لسلطة\nوزير بلد لبنان فرنسا كتاب سيارة ولاية\n\n3+ %% و+ 2006\r')" "$(cat out)"
d segment --split-article seg_in.txt
check_quiet "segment --split-article"
check "segment --split-article: first words" "و+ ب+ ال+ كتاب" "$(head -1 out | cut -d' ' -f1-4)"
check "segment --split-article: لل" "ل+ ل+ سلطة" "$(head -1 out | awk '{print $(NF-2), $(NF-1), $NF}')"
d segment --format jsonl seg_in.txt
check_quiet "segment jsonl"
check "segment jsonl first record" \
  '{"kind":"arabic","text":"وبالكتاب","begin":0,"end":16,"segments":[{"text":"و","begin":0,"end":2,"role":"proclitic"},{"text":"ب","begin":2,"end":4,"role":"proclitic"},{"text":"الكتاب","begin":4,"end":16,"role":"stem"}]}' \
  "$(head -1 out)"
check_true "segment jsonl: pieces tile each token, spans exact" $PY -c '
import json, sys
data = open(sys.argv[2], "rb").read()
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    assert data[r["begin"]:r["end"]].decode() == r["text"], r
    p = r["segments"]
    assert p[0]["begin"] == r["begin"] and p[-1]["end"] == r["end"], r
    assert all(a["end"] == b["begin"] for a, b in zip(p, p[1:])), r
    assert "".join(x["text"] for x in p) == r["text"], r
    assert all(data[x["begin"]:x["end"]].decode() == x["text"] for x in p), r
' out seg_in.txt
d segment --format tsv seg_in.txt
check_quiet "segment tsv"
check "segment tsv header" "$(printf 'kind\ttext\tbegin\tend\tsegments')" "$(head -1 out)"
check "segment tsv row" "$(printf 'arabic\tوزيرها\t53\t65\tوزير+ ها')" "$(sed -n 5p out)"
printf '{"id":1,"text":"وبالكتاب"}\n' >seg_rec.jsonl
d segment --field text seg_rec.jsonl
check_quiet "segment --field"
check "segment --field" '{"id":1,"text":"و+ ب+ الكتاب"}' "$(cat out)"
# Without the '+ ' marks the output is the tokenizer's text output, on any text.
"$DHAD" segment clean.txt | sed 's/+ //g' >seg_joined
"$DHAD" tokenize clean.txt >tok_text
check_file "segment minus '+ ' = tokenize (8 MB)" tok_text seg_joined
# Models: missing (I/O, 3), not a model or truncated (4); the output file untouched.
d segment --model no_such.model seg_in.txt
check_error "segment --model missing" 3
head -c 3000 /dev/urandom >junk.model
: >empty.model
for m in junk.model empty.model; do
  echo keep >seg_out.txt
  d segment --model "$m" -o seg_out.txt seg_in.txt
  check_error "segment --model $m" 4
  check "segment --model $m: output file untouched" keep "$(cat seg_out.txt)"
done
d tokenize --model junk.model seg_in.txt
check_error "tokenize --model" 2

# --------------------------------------------------------------------------
# analyze: one record per token with every stage.
printf 'والمدرسة بالكتابين 2015\n' >an_in.txt
d analyze an_in.txt
check_quiet "analyze"
check "analyze first record" \
  '{"kind":"arabic","text":"والمدرسة","begin":0,"end":16,"norm":"والمدرسة","segments":[{"text":"و","begin":0,"end":2,"role":"proclitic"},{"text":"المدرسة","begin":2,"end":16,"role":"stem"}],"stem":"مدرس","root":"درس"}' \
  "$(head -1 out)"
check "analyze: a number keeps its text as stem and root" \
  '"stem":"2015","root":"2015"}' "$(tail -1 out | grep -o '"stem":"[^"]*","root":"[^"]*"}')"
d analyze --format tsv --profile search an_in.txt
check_quiet "analyze tsv"
check "analyze tsv" "$(printf 'kind\ttext\tbegin\tend\tnorm\tsegments\tstem\troot\narabic\tبالكتابين\t17\t35\tبالكتابين\tب+ الكتابين\tكتاب\tكتب')" \
  "$(sed -n '1p;3p' out)"
d analyze --format text an_in.txt
check_error "analyze --format text" 2
printf 'كتاب \xff\xfe و\n' >an_bad.txt
d analyze --invalid-utf8 keep an_bad.txt
check "analyze keep: status" 0 "$rc"
check "analyze keep: invalid token flagged" 1 "$(grep -c '"invalid_utf8":true' out)"

# --------------------------------------------------------------------------
# correct: fixes misspellings and keeps every other byte; learn builds models.
printf 'ذهب الي المدرسه, و Hello 123!\r\n\n  اكبر\n' >co_in.txt
d correct co_in.txt
check_quiet "correct"
check "correct text" "$(printf 'ذهب إلى المدرسة, و Hello 123!\r\n\n  أكبر\n')" "$(cat out)"
d correct --min-confidence 1 co_in.txt
check_file "correct: nothing is that sure, so nothing changes" co_in.txt out
d correct --format jsonl co_in.txt
check_quiet "correct jsonl"
check "correct jsonl first edit" \
  '{"begin":7,"end":13,"text":"الي","replacement":"إلى","class":"hamza","confidence":0.' \
  "$(head -1 out | grep -o '^.*"confidence":0\.')"
check "correct jsonl edits" 3 "$(wc -l <out)"
d correct --classes ta_marbuta co_in.txt
check "correct --classes" "$(printf 'ذهب الي المدرسة, و Hello 123!\r\n\n  اكبر\n')" "$(cat out)"
d correct --classes spelling co_in.txt
check_error "correct --classes unknown" 2
d correct --min-confidence 2 co_in.txt
check_error "correct --min-confidence 2" 2
d correct --weights edit=x co_in.txt
check_error "correct --weights bad" 2
printf '{"id":1,"text":"ذهب الي المدرسه"}\n\n{"text":"اكبر","n":2}\n' >co.jsonl
d correct --field text co.jsonl
check_quiet "correct --field"
check "correct --field keeps records" \
  "$(printf '{"id":1,"text":"ذهب إلى المدرسة"}\n\n{"text":"أكبر","n":2}')" "$(cat out)"
printf 'DHADCORR' >bad.model
d correct --model bad.model co_in.txt
check_error "correct --model bad" 4
d correct --model missing.model co_in.txt
check_error "correct --model missing" 3
# learn: a tiny corpus, then correct with it.
for i in $(seq 30); do printf 'قال الوزير إن الحكومة أكبر من أن تفشل\nذهب الولد إلى المدرسة\n'; done >corpus.txt
d learn corpus.txt
check_error "learn without -o" 2
d learn corpus.txt -o my.model --progress never
check_quiet "learn"
printf 'قال الوزير ان الحكومة اكبر\n' >co2.txt
d correct --model my.model co2.txt
check "correct with a learned model" "قال الوزير إن الحكومة أكبر" "$(cat out)"
d learn corpus.txt -o corpus.txt
check_error "learn -o onto its input" 2
d learn --lexicon missing.txt corpus.txt -o my2.model
check_error "learn --lexicon missing" 3
check_true "learn: a failed run leaves no model" test ! -e my2.model
printf 'ذهب الي المدرسه ٣٥٠الف\n' >an_co.txt
d analyze --correct --format tsv an_co.txt
check_quiet "analyze --correct"
check "analyze --correct: the corrected column" "$(printf 'corrected\nذهب\nإلى\nالمدرسة\n٣٥٠\nألف')" \
  "$(cut -f9 out)"
d analyze --min-confidence 0.9 an_co.txt
check_error "analyze --min-confidence without --correct" 2
d learn --format jsonl corpus.txt -o my3.model
check_error "learn --format" 2

# --------------------------------------------------------------------------
echo "cli_test: $passed checks passed"
if ((failed > 0)); then
  echo "cli_test: $failed checks FAILED"
  exit 1
fi
exit 0
