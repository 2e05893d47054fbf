#!/usr/bin/env bash
# Sets up (Debian packages), builds dhad, and runs it on the noisy sample that
# ships in samples/: every stage per token (analyze), clitic segmentation, stems,
# sentences, tokens with kinds and offsets, normalized text.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release --target dhad_cli
dhad=build/release/dhad
sample=samples/news-noisy.txt

echo
echo "== dhad correct $sample  (paragraph 3, before and after)"
sed -n 5p "$sample"
echo "--"
"$dhad" correct "$sample" | sed -n 5p
echo
echo "== dhad correct --format tsv $sample  (the first 12 corrections: byte span, class, confidence)"
"$dhad" correct --format tsv "$sample" | head -n 13
echo
echo "== dhad analyze --format tsv $sample  (tokens 1-12: kind, offsets, norm, segments, stem, root)"
"$dhad" analyze --format tsv "$sample" | head -n 13
echo
echo "== dhad segment $sample  (first line: clitics split, UD Arabic-PUD format)"
"$dhad" segment "$sample" | head -n 1
echo
echo "== dhad stem --algorithm light10 $sample  (first line)"
"$dhad" stem "$sample" | head -n 1
echo
echo "== dhad sentences $sample  (first 6)"
"$dhad" sentences "$sample" | head -n 6
echo
echo "== dhad tokenize --format tsv $sample  (tokens 60-75: kinds, byte offsets, light norm)"
"$dhad" tokenize --format tsv "$sample" | sed -n '1p;61,75p'
echo
echo "== dhad normalize --profile search $sample  (paragraph 2)"
"$dhad" normalize --profile search "$sample" | sed -n 3p
echo
echo "== dhad normalize (light: NBSP, tatweel, ligatures, bidi marks, double spaces) -> build/release/news-noisy.norm.txt"
"$dhad" normalize "$sample" -o build/release/news-noisy.norm.txt
printf 'bytes in: %s, out: %s\n' "$(wc -c <"$sample")" "$(wc -c <build/release/news-noisy.norm.txt)"
