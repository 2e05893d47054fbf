#!/usr/bin/env bash
# A refactor proves itself by identical output: runs every command and format
# of two dhad binaries on the same input and prints an md5 table, one row per
# run, flagging any difference. Exit 1 if any output differs.
# usage: bench/compare_outputs.sh OLD_DHAD NEW_DHAD TEXT_FILE [JSONL_FILE FIELD]
#   e.g. bench/compare_outputs.sh /tmp/old/dhad build/dev/dhad <(head -c 50000000 \
#          ../shared/corpus/saudinewsnet.txt) ../shared/corpus/saudinewsnet-sample.jsonl text
set -uo pipefail
old=${1:?usage: compare_outputs.sh OLD NEW TEXT [JSONL FIELD]}
new=${2:?}
text=${3:?}
jsonl=${4:-}
field=${5:-text}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$text" "$tmp/in.txt"
runs=(
  "normalize" "normalize --profile lucene" "normalize --profile camel" "normalize --profile search"
  "tokenize" "tokenize --format jsonl" "tokenize --format tsv"
  "sentences" "sentences --format jsonl" "sentences --format tsv"
  "segment" "segment --format jsonl" "segment --format tsv" "segment --split-article"
  "stem" "stem --algorithm isri" "stem --format jsonl" "stem --format tsv --algorithm isri"
  "analyze" "analyze --format tsv" "stem -j 2" "analyze -j 2" "tokenize --format jsonl -j 2"
)
differ=0
printf '| run | before | after | |\n|---|---|---|---|\n'
compare() {  # label, input, args...
  local label=$1 input=$2
  shift 2
  # shellcheck disable=SC2068
  a=$("$old" $@ "$input" 2>/dev/null | md5sum | cut -c1-12)
  # shellcheck disable=SC2068
  b=$("$new" $@ "$input" 2>/dev/null | md5sum | cut -c1-12)
  if [[ $a == "$b" ]]; then
    printf '| `%s` | %s | %s | same |\n' "$label" "$a" "$b"
  else
    printf '| `%s` | %s | %s | **DIFFERS** |\n' "$label" "$a" "$b"
    differ=1
  fi
}
for r in "${runs[@]}"; do
  # shellcheck disable=SC2086
  compare "$r" "$tmp/in.txt" $r
done
if [[ -n $jsonl ]]; then
  for r in "normalize" "tokenize" "stem" "segment" "analyze" "sentences" "stem --format jsonl"; do
    # shellcheck disable=SC2086
    compare "$r --field $field" "$jsonl" $r --field "$field"
  done
fi
exit $differ
