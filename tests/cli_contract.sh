#!/usr/bin/env bash
# Runs ../shared/checks/cli-contract.sh against the built CLI; skips (77) when
# the shared folder is absent (a clean clone outside the workspace), or fails
# then with DHAD_REQUIRE_SHARED=1 (tests/skip_lib.sh).
set -u
dhad=${1:?usage: cli_contract.sh DHAD SHARED_DIR}
shared=${2:?usage: cli_contract.sh DHAD SHARED_DIR}
# shellcheck source=tests/skip_lib.sh
source "$(dirname "$0")/skip_lib.sh"
[[ -x "$shared/checks/cli-contract.sh" ]] || skip_or_fail "$shared/checks/cli-contract.sh not found"
# The checker calls `python3`; make sure it is Debian's, which has json.
PATH=/usr/bin:$PATH exec "$shared/checks/cli-contract.sh" "$dhad"
