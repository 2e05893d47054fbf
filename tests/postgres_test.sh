#!/usr/bin/env bash
# The PostgreSQL extension end to end: build it against a libdhad.a, install
# it, start a throwaway PostgreSQL 15 cluster (a temporary folder, a Unix
# socket there, no TCP), run `make installcheck`, the no-crash test and the
# search benchmark's small form, then stop the server and remove the folder.
# usage: tests/postgres_test.sh [PATH/TO/libdhad.a]  (default: build/pg's,
#        built here, Release, if missing)
# Skips (77) without PostgreSQL 15, or without root or passwordless sudo
# (installing needs it); fails instead with DHAD_REQUIRE_SHARED=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
# shellcheck source=tests/skip_lib.sh
source "$here/skip_lib.sh"

pg_bin=/usr/lib/postgresql/15/bin
if [[ ! -x $pg_bin/pg_config || ! -f /usr/include/postgresql/15/server/postgres.h ]]; then
  "$repo/scripts/setup.sh" --dev || true  # uses sudo when not root
fi
[[ -x $pg_bin/initdb && -f /usr/include/postgresql/15/server/postgres.h ]] ||
  skip_or_fail "PostgreSQL 15 (postgresql-15, postgresql-server-dev-15) is not installed"
# Installing writes to PostgreSQL's folders, and the server runs as the
# postgres account (initdb refuses root).
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
  as_postgres=(runuser -u postgres --)
elif sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
  as_postgres=(sudo -n -u postgres --)
else
  skip_or_fail "installing the extension needs root or passwordless sudo"
fi
id postgres >/dev/null 2>&1 || skip_or_fail "no postgres account to run the server as"

lib=${1:-$repo/build/pg/libdhad.a}
if [[ ! -f $lib && -z ${1:-} ]]; then
  cmake -S "$repo" -B "$repo/build/pg" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$repo/build/pg" --target libdhad.a
fi
[[ -f $lib ]] || { echo "FAIL: no $lib" >&2; exit 1; }
# A sanitizer build's objects cannot be loaded into an uninstrumented server.
if nm "$lib" 2>/dev/null | grep -q ' U __asan_'; then
  skip_or_fail "$lib is built with ASan; the extension needs an uninstrumented build"
fi

tmp=$(mktemp -d)
chmod 755 "$tmp"
port=54329
pgdir=$tmp/pg  # the server's: data, log and socket
data=$pgdir/data
server_started=0
cleanup() {
  if ((server_started)); then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  fi
  "${as_root[@]}" rm -rf "$tmp"
}
trap cleanup EXIT

# Build out of the source tree, so that no build output lands in postgres/ and
# the module is linked against exactly this library.
cp -r "$repo/postgres" "$tmp/ext"
rm -rf "$tmp/ext/results" "$tmp"/ext/*.o "$tmp"/ext/*.so "$tmp"/ext/*.bc
ext_make=(make -s -C "$tmp/ext" PG_CONFIG="$pg_bin/pg_config" DHAD_ROOT="$repo"
  DHAD_BUILD="$(dirname "$lib")")
{ "${ext_make[@]}" && "${as_root[@]}" "${ext_make[@]}" install; } >"$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log" >&2; echo "FAIL: building the extension" >&2; exit 1; }

mkdir "$pgdir"
"${as_root[@]}" chown postgres "$pgdir"
"${as_postgres[@]}" "$pg_bin/initdb" -D "$data" -E UTF8 --locale=C.UTF-8 -A trust \
  -U postgres >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$pgdir/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$pgdir' -p $port" start >/dev/null
server_started=1
export PGHOST=$pgdir PGPORT=$port PGUSER=postgres
server_log() { "${as_postgres[@]}" cat "$pgdir/server.log"; }

fails=0
step() {  # name, command...
  local name=$1
  shift
  local start=$SECONDS
  if "$@"; then
    echo "ok: $name ($((SECONDS - start)) s)"
  else
    echo "FAIL: $name" >&2
    fails=$((fails + 1))
  fi
}

installcheck() {
  "${ext_make[@]}" installcheck || {
    cat "$tmp/ext/regression.diffs" >&2 2>/dev/null
    return 1
  }
}
step "make installcheck" installcheck

nocrash() {
  createdb dhad_nocrash &&
    psql -X -q -v ON_ERROR_STOP=1 -d dhad_nocrash -f "$repo/postgres/test/nocrash.sql" &&
    server_log >"$tmp/server.log" &&
    ! grep -E 'terminated by signal|server process .* was terminated' "$tmp/server.log"
}
step "no crash on random and adversarial values" nocrash

if [[ -f $repo/../shared/corpus/saudinewsnet.txt ]]; then
  step "search benchmark, small form" /usr/bin/python3 "$repo/bench/pg_search.py" --small \
    --corpus "$repo/../shared/corpus/saudinewsnet.txt"
elif [[ ${DHAD_REQUIRE_SHARED:-} == 1 ]]; then
  echo "FAIL: no ../shared/corpus/saudinewsnet.txt for the benchmark (DHAD_REQUIRE_SHARED=1)" >&2
  fails=$((fails + 1))
else
  echo "skip: the search benchmark needs ../shared/corpus/saudinewsnet.txt"
fi

if ((fails)); then
  echo "server log:" >&2
  server_log | tail -20 >&2
  exit 1
fi
echo "postgres_test: all passed"
