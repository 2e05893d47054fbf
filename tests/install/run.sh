#!/usr/bin/env bash
# Installs dhad into a scratch prefix and builds a consumer against the
# installed headers only, once with find_package(dhad) and once with pkg-config.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(realpath -m "${1:?usage: run.sh WORKDIR}")
rm -rf "$work"
cmake -S "$root" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_INSTALL_PREFIX="$work/prefix" >/dev/null
cmake --build "$work/build" >/dev/null
cmake --install "$work/build" >/dev/null

cmake -S "$root/tests/install/consumer" -B "$work/consumer" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer"

PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig" \
  sh -c 'g++ -std=c++20 "$0" $(pkg-config --cflags --libs dhad) -o "$1"' \
  "$root/tests/install/consumer/consumer.cc" "$work/consumer-pc"
"$work/consumer-pc"
"$work/prefix/bin/dhad" version

# The shared library: it exports the public API and nothing else, and the
# same consumers (C++ and the C API test) build and run against it.
cmake -S "$root" -B "$work/build-shared" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_SHARED_LIBS=ON -DCMAKE_INSTALL_PREFIX="$work/prefix-shared" >/dev/null
cmake --build "$work/build-shared" >/dev/null
cmake --install "$work/build-shared" >/dev/null
so=$(find "$work/prefix-shared" -name 'libdhad.so' | head -n 1)
nm -D --defined-only "$so" | awk '{print $3}' | c++filt >"$work/exports.txt"
bad=$(grep -Ev '^(dhad::|typeinfo for dhad::|typeinfo name for dhad::|vtable for dhad::|dhad_[a-z_0-9]+$|DHAD_)' "$work/exports.txt" |
  grep -Ev '^$' || true)
internal=$(grep -E '_internal::|dhad::cli::|dhad::jsonl::|\(anonymous namespace\)' "$work/exports.txt" || true)
if [[ -n $bad || -n $internal ]]; then
  echo "FAIL: libdhad.so exports more than the public API:"
  printf '%s\n' "$bad" "$internal" | head -20
  exit 1
fi
for want in 'dhad::Pipeline::create' 'dhad::Normalizer::normalize' 'dhad_stem' 'dhad_pipeline_create'; do
  grep -q "$want" "$work/exports.txt" || { echo "FAIL: libdhad.so does not export $want"; exit 1; }
done
echo "install test: libdhad.so exports $(wc -l <"$work/exports.txt") symbols, all public API"
cmake -S "$root/tests/install/consumer" -B "$work/consumer-shared" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix-shared" >/dev/null
cmake --build "$work/consumer-shared" >/dev/null
LD_LIBRARY_PATH=$(dirname "$so") "$work/consumer-shared/consumer"
cc -std=c11 -Wall -Wextra -Werror -pedantic "$root/tests/c_api_test.c" -I"$work/prefix-shared/include" \
  -L"$(dirname "$so")" -ldhad -o "$work/c_api_test"
LD_LIBRARY_PATH=$(dirname "$so") "$work/c_api_test"
