# Shared by the differential tests against live peers (lucene_normalize_diff.sh,
# stem_diff.sh); sourced, not run. Defines:
#   peer_diff_setup NAME SHARED_DIR EXE...  skips (skip_or_fail of skip_lib.sh)
#                      without the corpus or Debian's python3, fails unless each
#                      EXE is executable, and sets $corpus, $python and $work (a
#                      temp dir, removed on exit)
#   fail MESSAGE       prints FAIL: MESSAGE and exits 1
#   lines_of FILE      its number of lines
#   valid_lines BYTES  the first BYTES of $corpus, whole lines, valid UTF-8 only
#                      (Lucene++ yields no tokens for a line that is not), on stdout

# shellcheck source=tests/skip_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/skip_lib.sh"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

lines_of() { wc -l < "$1" | tr -d ' '; }

peer_diff_setup() {
  local name=$1 shared=$2
  shift 2
  corpus=$shared/corpus/saudinewsnet.txt
  python=/usr/bin/python3
  [[ -f $corpus ]] || skip_or_fail "$corpus not found"
  [[ -x $python ]] || skip_or_fail "$python not found"
  local exe
  for exe in "$@"; do
    [[ -x $exe ]] || fail "$exe is not an executable"
  done
  work=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")
  # shellcheck disable=SC2064  # $work is fixed now
  trap "rm -rf '$work'" EXIT
}

valid_lines() {
  head -c "$1" "$corpus" | "$python" -c '
import sys
data = sys.stdin.buffer.read()
cut = data.rfind(b"\n")
data = data[:cut + 1] if cut >= 0 else b""
invalid = 0
out = sys.stdout.buffer
for line in data.splitlines(keepends=True):
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        invalid += 1
        continue
    out.write(line)
if invalid:
    print("note: dropped %d corpus lines that are not valid UTF-8" % invalid, file=sys.stderr)
'
}
