#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS on a scratch copy of its seed corpus and
# prints a one-line summary. Exits non-zero if the fuzzer found a crash, a
# failed check, a timeout or an out-of-memory.
#
#   fuzz/run.sh TARGET SECONDS [BUILD_DIR]
#
# TARGET: the name of a fuzz/TARGET_fuzzer.cc (utf8, normalize, tokenize, ...).
# Inputs are at most 4096 bytes, 65536 for segment_model and model (model files).
#
# BUILD_DIR defaults to build/fuzz; it is configured and the target built if
# needed (DHAD_FUZZ_JOBS sets the build's parallelism). The working corpus,
# log and any crash artifact live in BUILD_DIR/fuzz-work/TARGET/, so the
# committed seeds under fuzz/corpus/ are never written to. Extra libFuzzer
# flags can be passed in DHAD_FUZZ_FLAGS.
set -euo pipefail

if [[ $# -lt 2 || $# -gt 3 ]]; then
  echo "usage: $0 TARGET SECONDS [BUILD_DIR]" >&2
  exit 2
fi
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$fuzz_dir")
target=$1
seconds=$2
build=${3:-$repo/build/fuzz}
binary=$build/fuzz/${target}_fuzzer
if [[ ! -d $fuzz_dir/corpus/$target ]]; then
  echo "unknown target '$target' (no fuzz/corpus/$target)" >&2
  exit 2
fi

if [[ -z ${DHAD_FUZZ_NO_BUILD:-} || ! -x $binary ]]; then
  "$fuzz_dir/build.sh" "$build" "${target}_fuzzer"
fi

work=$build/fuzz-work/$target
mkdir -p "$work/corpus" "$work/artifacts"
rm -f "$work/artifacts/"*
cp "$fuzz_dir/corpus/$target/"* "$work/corpus/"
if [[ -d $fuzz_dir/regressions/$target ]]; then
  cp "$fuzz_dir/regressions/$target/"* "$work/corpus/" 2>/dev/null || true
fi
log=$work/fuzz.log
max_len=4096
if [[ $target == segment_model || $target == model ]]; then
  max_len=65536  # a model file: header, section table, weights and tables
fi

status=0
start=$SECONDS
# shellcheck disable=SC2086  # DHAD_FUZZ_FLAGS is a list of flags
"$binary" "$work/corpus" -dict="$fuzz_dir/arabic.dict" -max_total_time="$seconds" \
  -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" ${DHAD_FUZZ_FLAGS:-} >"$log" 2>&1 || status=$?
elapsed=$((SECONDS - start))

# A stat the log lacks (a finding before the first status line) is '?', not
# a silent exit under pipefail.
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
cov=$( (grep -o 'cov: [0-9]*' "$log" || true) | tail -1 | cut -d' ' -f2)
ft=$( (grep -o 'ft: [0-9]*' "$log" || true) | tail -1 | cut -d' ' -f2)
corp=$( (grep -o 'corp: [0-9]*' "$log" || true) | tail -1 | cut -d' ' -f2)
if [[ $status -eq 0 ]]; then
  result=ok
else
  artifact=$(ls "$work/artifacts/" 2>/dev/null | head -1)
  result="FAILED (exit $status${artifact:+, reproducer $work/artifacts/$artifact}; log $log)"
fi
printf '%s: %ss, %s execs, cov %s, ft %s, corpus %s: %s\n' "$target" "$elapsed" \
  "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
if [[ $status -ne 0 ]]; then
  grep -E 'check failed|ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error' \
    "$log" | head -5 >&2 || true
fi
exit "$status"
