#!/usr/bin/env bash
# Every tracked shell script (*.sh and .ci/run) through `bash -n` (syntax) and shellcheck
# (Debian's package; scripts/setup.sh installs it). Called by `make lint` and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t scripts < <(git ls-files -- '*.sh' .ci/run)
if [ ${#scripts[@]} -eq 0 ]; then
  echo "lint-shell: no tracked shell scripts found (is this a git checkout?)" >&2
  exit 1
fi
for f in "${scripts[@]}"; do
  bash -n "$f"
done
if ! command -v shellcheck >/dev/null 2>&1; then
  echo "lint-shell: shellcheck is missing; run scripts/setup.sh (Debian package shellcheck)" >&2
  exit 1
fi
shellcheck "${scripts[@]}"
echo "lint-shell: ${#scripts[@]} scripts pass bash -n and shellcheck"
