#!/usr/bin/env bash
# Smoke test against the servers started by tests/cinder/up.sh: the export of an available
# volume to an active Glance image, the 3.1 parameters, the forced in-use export, and the
# real error answers. Every answer is recorded (status, request-id/microversion headers, raw
# body) under target/cinder-run/recorded/ and compared in shape with tests/cinder/recorded/.
#   --record   write the recordings into tests/cinder/recorded/ instead (the committed fixtures)
# Ends with "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN_DIR="${CINDER_TARGET:-$ROOT/target}/cinder-run"
[[ -f "$RUN_DIR/env.json" ]] || { echo "smoke.sh: no $RUN_DIR/env.json: run tests/cinder/up.sh first" >&2; exit 2; }
# harness.py needs only the standard library: a venv's interpreter if there is one, else python3.
PY=python3
for p in "${CINDER_TARGET:-$ROOT/target}"/cinder-venv-*/bin/python; do
    if [[ -x "$p" ]]; then PY=$p; break; fi
done
ARGS=(smoke --run-dir "$RUN_DIR")
if [[ "${1:-}" == "--record" ]]; then ARGS+=(--record "$HERE/recorded"); fi
exec "$PY" "$HERE/harness.py" "${ARGS[@]}"
