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
