#!/usr/bin/env bash
# Installs the Debian 12 packages dhad needs. Idempotent: installs only what is
# missing; uses sudo only when not root.
#   scripts/setup.sh          build dependencies (library + CLI)
#   scripts/setup.sh --dev    also tests, benchmarks, sanitizers, peers
set -euo pipefail

build_pkgs=(cmake ninja-build g++ pkg-config)
dev_pkgs=(
  googletest libgtest-dev libbenchmark-dev   # unit tests, benchmarks
  clang clang-format libclang-rt-14-dev      # fuzzers, format check, sanitizer runtime
  python3 unicode-data                       # table generator (UCD 15.0.0)
  liblucene++-dev libboost-dev               # Lucene++ peer (needs Boost headers)
  python3-nltk libstemmer-dev hunspell hunspell-ar  # other peers
  hyperfine                                  # whole-CLI benchmarks
  postgresql-15 postgresql-server-dev-15    # the PostgreSQL extension (tests/postgres_test.sh)
  pybind11-dev python3-pybind11 python3-dev python3-setuptools python3-pip python3-wheel  # Python package
  python3-pytest python3-hypothesis python3-dask python3-distributed python3-pandas  # its tests
)

pkgs=("${build_pkgs[@]}")
[[ "${1:-}" == "--dev" ]] && pkgs+=("${dev_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "setup: all ${#pkgs[@]} packages present"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
