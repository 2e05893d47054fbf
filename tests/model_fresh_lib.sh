# shellcheck shell=bash
# Sourced by the model staleness tests (segment_model_fresh.sh,
# correct_model_fresh.sh). Defines:
#   build_or_fail LOG NAME COMMAND...  runs a model builder, its stderr to LOG;
#                                      on failure says so with LOG's tail, exits 1
#   same_model_or_fail COMMITTED BUILT LOG HINT
#                                      exits 0 if the committed model's bytes are
#                                      the rebuilt one's, else 1 with the sizes,
#                                      the first difference, LOG's tail and HINT
#                                      (how to rebuild it)

build_or_fail() {
  local log=$1 name=$2
  shift 2
  if ! "$@" 2> "$log"; then
    echo "FAIL: $name failed:" >&2
    tail -n 5 "$log" >&2
    exit 1
  fi
}

same_model_or_fail() {
  local committed=$1 built=$2 log=$3 hint=$4 name
  name=${committed#"$root"/}
  if cmp -s "$built" "$committed"; then
    echo "$name: rebuilt from its inputs, the same $(wc -c < "$committed") bytes"
    exit 0
  fi
  {
    echo "FAIL: $name is not what its inputs build today" \
      "($(wc -c < "$committed") bytes committed, $(wc -c < "$built") rebuilt):"
    cmp "$committed" "$built" || true
    echo "the rebuild's last lines:"
    tail -n 6 "$log"
    echo "rebuild it: $hint"
  } >&2
  exit 1
}
