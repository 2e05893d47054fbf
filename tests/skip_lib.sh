# shellcheck shell=bash
# Sourced, not run, by the tests that need ../shared or a live peer. Defines:
#   skip_or_fail MESSAGE  says what is missing and exits 77 (ctest: skipped), so a
#                         bare clone passes; with DHAD_REQUIRE_SHARED=1 (CI) it
#                         exits 1 instead, as there nothing may be missing.

skip_or_fail() {
  if [[ ${DHAD_REQUIRE_SHARED:-} == 1 ]]; then
    echo "FAIL: $* (DHAD_REQUIRE_SHARED=1)" >&2
    exit 1
  fi
  echo "skip: $*"
  exit 77
}
