#!/usr/bin/env bash
# Runs ../shared/checks/cli-contract.sh against the built CLI; skips (77) when
# the shared folder is absent (a clean clone outside the workspace).
set -u
dhad=${1:?usage: cli_contract.sh DHAD SHARED_DIR}
shared=${2:?usage: cli_contract.sh DHAD SHARED_DIR}
if [[ ! -x "$shared/checks/cli-contract.sh" ]]; then
  echo "skip: $shared/checks/cli-contract.sh not found"
  exit 77
fi
# The checker calls `python3`; make sure it is Debian's, which has json.
PATH=/usr/bin:$PATH exec "$shared/checks/cli-contract.sh" "$dhad"
