#!/usr/bin/env bash
# Builds the Python package the way a user installs it (pip, no network, no
# build isolation: Debian's setuptools, pybind11 and CMake), into a temporary
# folder, with the dhad CLI beside it in build/py, and runs its tests under
# Debian's Python and pytest: equivalence with the CLI, hypothesis
# properties, and the Dask cluster and fault tests.
#   python/run_tests.sh [PYTEST ARGS...]
# DHAD_BUILD_JOBS: build parallelism (default: every core).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=/usr/bin/python3
jobs=${DHAD_BUILD_JOBS:-$(nproc)}
target=$(mktemp -d)
trap 'rm -rf "$target"' EXIT

# setup.py configures build/py (python/CMakeLists.txt) and builds the module;
# the CLI comes from the same build, so both see the same library.
DHAD_BUILD_JOBS=$jobs "$PYTHON" -m pip install --quiet --no-build-isolation --no-deps \
  --target "$target" . 2> >(grep -v "Running pip as the 'root' user" >&2)
cmake --build build/py --target dhad_cli -j "$jobs" >/dev/null

cd "$target"  # so that python/dhad (no extension there) is not what is imported
PYTHONPATH="$target" PYTHONDONTWRITEBYTECODE=1 DHAD_CLI="$OLDPWD/build/py/dhad/dhad" \
  "$PYTHON" -m pytest -p no:cacheprovider -q "$OLDPWD/python/tests" "$@"
