#!/usr/bin/env bash
# Re-records the fixtures in tests/cinder/recorded/ from the real servers: one run with
# Cinder's enable_force_upload = false (the *_force_disabled_* answers), then one with true
# (everything else). Files of the same name are replaced; the timing-dependent one
# (image_vhd_after_failed_upload_{404,deleted_200}.json) keeps whichever variants exist.
# Then run: cargo test -p evs-model --test recorded_cinder
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
trap 'bash "$HERE/down.sh" >/dev/null 2>&1 || true' EXIT
CINDER_FORCE_UPLOAD=false bash "$HERE/up.sh"
bash "$HERE/smoke.sh" --record
CINDER_FORCE_UPLOAD=true bash "$HERE/up.sh"
bash "$HERE/smoke.sh" --record
