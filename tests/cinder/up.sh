#!/usr/bin/env bash
# Starts a REAL OpenStack Cinder (API + scheduler + volume, one process) and a REAL Glance on
# 127.0.0.1, no Keystone, SQLite, fake RPC; creates the test volumes through the API; prints
#   cinder-up cinder=URL glance=URL project=HEX token=USER:PROJECT available=ID inuse=ID force_upload=BOOL
# and writes the same as JSON to $CINDER_RUN_DIR/env.json.
#
# Environment (all optional):
#   CINDER_PORT (18776), GLANCE_PORT (19292)  fixed ports; a busy one is replaced by a free one
#   CINDER_PROJECT   project id, [0-9a-f-]+ (default a fixed 32-hex id)
#   CINDER_FORCE_UPLOAD  true|false: Cinder's enable_force_upload (default true)
#   CINDER_CORS_ORIGIN   e.g. http://127.0.0.1:8080: let that page call both APIs directly
#   CINDER_TARGET    where the venv and run dir live (default <repo>/target)
#   PYTHON           the interpreter for the venv (default pyenv's 3.11.7, else python3.11/python3)
# The venv target/cinder-venv-<versions>-<hash of requirements.txt>/ is built only when missing.
# Stop everything with tests/cinder/down.sh.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TARGET="${CINDER_TARGET:-$ROOT/target}"
RUN_DIR="$TARGET/cinder-run"
STATE="$RUN_DIR/state"
CINDER_PORT="${CINDER_PORT:-18776}"
GLANCE_PORT="${GLANCE_PORT:-19292}"
PROJECT="${CINDER_PROJECT:-7c3e6f0a9b1d4e2f8a5b6c7d8e9f0a1b}"
FORCE_UPLOAD="${CINDER_FORCE_UPLOAD:-true}"

if [[ ! "$PROJECT" =~ ^[0-9a-f-]+$ ]]; then
    echo "up.sh: CINDER_PROJECT must match [0-9a-f-]+ (Cinder's noauth rejects others)" >&2
    exit 2
fi

T0=$(date +%s.%N)
elapsed() { python3 -c "import sys,time; print('%.1f' % (time.time() - float(sys.argv[1])))" "$T0"; }

# ---- the venv (cached; keyed by the pinned versions) -------------------------------------
REQ="$HERE/requirements.txt"
pin() { sed -n "s/^$1==//p" "$REQ"; }
REQ_HASH=$(sha256sum "$REQ" | cut -c1-10)
VENV="$TARGET/cinder-venv-cinder$(pin cinder)-glance$(pin glance)-$REQ_HASH"
# A venv records its own path (scripts' shebangs): one copied or moved from elsewhere is rebuilt.
if [[ -f "$VENV/.installed" ]] && ! "$VENV/bin/cinder-manage" --version >/dev/null 2>&1; then
    echo "up.sh: $VENV does not run here (moved?); rebuilding" >&2
    rm -f "$VENV/.installed"
fi
if [[ ! -f "$VENV/.installed" ]]; then
    if [[ -z "${PYTHON:-}" ]]; then
        for p in /root/.pyenv/versions/3.11.7/bin/python3 python3.11 python3; do
            if command -v "$p" >/dev/null 2>&1; then PYTHON="$p"; break; fi
        done
    fi
    echo "up.sh: building $VENV with $("$PYTHON" --version 2>&1) (one-time)" >&2
    rm -rf "$VENV"
    mkdir -p "$TARGET"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
        --only-binary :all: --no-binary simplegeneric -r "$REQ"
    touch "$VENV/.installed"
    echo "up.sh: venv ready after $(elapsed) s" >&2
fi
PY="$VENV/bin/python"

# ---- a fresh state dir (a previous run is stopped first) ---------------------------------
if [[ -d "$RUN_DIR" ]]; then
    bash "$HERE/down.sh" >/dev/null 2>&1 || true
fi
rm -rf "$STATE"
mkdir -p "$RUN_DIR" "$STATE/cinder/locks" "$STATE/cinder/conversion" \
    "$STATE/glance/images" "$STATE/glance/staging" "$STATE/glance/tasks" "$STATE/glance/locks"
rm -f "$RUN_DIR"/*.log "$RUN_DIR/env.json"

free_port() { # $1: wanted port; prints it if free on 127.0.0.1, else a free one
    "$PY" - "$1" <<'EOF'
import socket, sys
want = int(sys.argv[1])
s = socket.socket()
# Like the servers themselves: a port whose old connections linger in TIME_WAIT is free.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(('127.0.0.1', want))
    s.listen(1)
except OSError:
    s.close(); s = socket.socket(); s.bind(('127.0.0.1', 0))
print(s.getsockname()[1]); s.close()
EOF
}
CINDER_PORT=$(free_port "$CINDER_PORT")
GLANCE_PORT=$(free_port "$GLANCE_PORT")
if [[ "$CINDER_PORT" == "$GLANCE_PORT" ]]; then GLANCE_PORT=$(free_port 0); fi

fill() { # template -> file
    sed -e "s|@STATE@|$STATE|g" -e "s|@CINDER_PORT@|$CINDER_PORT|g" \
        -e "s|@GLANCE_PORT@|$GLANCE_PORT|g" -e "s|@FORCE_UPLOAD@|$FORCE_UPLOAD|g" "$1" >"$2"
}
fill "$HERE/cinder.conf.in" "$STATE/cinder/cinder.conf"
fill "$HERE/glance-api.conf.in" "$STATE/glance/glance-api.conf"
if [[ -n "${CINDER_CORS_ORIGIN:-}" ]]; then
    # Cinder's and Glance's defaults already allow X-Auth-Token / OpenStack-API-Version and
    # expose the request-id headers; only the origin is needed.
    for f in "$STATE/cinder/cinder.conf" "$STATE/glance/glance-api.conf"; do
        printf '\n[cors]\nallowed_origin = %s\n' "$CINDER_CORS_ORIGIN" >>"$f"
    done
fi
# The paste pipelines as shipped by the pinned packages (noauth / unauthenticated flavours).
# Their CORS filters read /etc/<project>/*.conf unless told which file (oslo_config_file).
sed "s|^oslo_config_project = cinder|&\noslo_config_file = $STATE/cinder/cinder.conf|" \
    "$VENV/etc/cinder/api-paste.ini" >"$STATE/cinder/api-paste.ini"
sed "s|^oslo_config_project = glance|&\noslo_config_file = $STATE/glance/glance-api.conf|" \
    "$VENV/etc/glance/glance-api-paste.ini" >"$STATE/glance/glance-api-paste.ini"

# ---- databases (both at once) ---------------------------------------------------------
"$VENV/bin/cinder-manage" --config-file "$STATE/cinder/cinder.conf" db sync \
    >"$RUN_DIR/cinder-dbsync.log" 2>&1 &
CSYNC=$!
"$VENV/bin/glance-manage" --config-file "$STATE/glance/glance-api.conf" db_sync \
    >"$RUN_DIR/glance-dbsync.log" 2>&1 &
GSYNC=$!
wait "$CSYNC" || { tail -30 "$RUN_DIR/cinder-dbsync.log" >&2; exit 1; }
wait "$GSYNC" || { tail -30 "$RUN_DIR/glance-dbsync.log" >&2; exit 1; }

# ---- servers ----------------------------------------------------------------------------
OS_GLANCE_CONFIG_DIR="$STATE/glance" setsid "$VENV/bin/gunicorn" \
    --bind "127.0.0.1:$GLANCE_PORT" --workers 1 --worker-class gthread --threads 8 \
    --timeout 120 --chdir "$STATE/glance" --pid "$RUN_DIR/glance.gunicorn.pid" \
    glance.wsgi.api:application </dev/null >"$RUN_DIR/glance.log" 2>&1 &
echo $! >"$RUN_DIR/glance.pid"

PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$HERE" setsid "$PY" "$HERE/cinder_all.py" --config-file "$STATE/cinder/cinder.conf" \
    </dev/null >"$RUN_DIR/cinder.log" 2>&1 &
echo $! >"$RUN_DIR/cinder.pid"

fail() {
    echo "up.sh: $1" >&2
    for f in glance cinder; do
        echo "---- last lines of $RUN_DIR/$f.log" >&2
        tail -25 "$RUN_DIR/$f.log" >&2 || true
    done
    bash "$HERE/down.sh" >/dev/null 2>&1 || true
    exit 1
}

# ---- wait, then the test volumes through the real API ------------------------------------
# harness.py waits for both endpoints and the volume service; check the processes meanwhile.
"$PY" "$HERE/harness.py" setup --run-dir "$RUN_DIR" \
    --cinder "http://127.0.0.1:$CINDER_PORT" --glance "http://127.0.0.1:$GLANCE_PORT" \
    --project "$PROJECT" --force-upload "$FORCE_UPLOAD" &
SETUP=$!
while kill -0 "$SETUP" 2>/dev/null; do
    for f in glance cinder; do
        if ! kill -0 "$(cat "$RUN_DIR/$f.pid")" 2>/dev/null; then
            kill "$SETUP" 2>/dev/null || true
            fail "$f exited during start-up"
        fi
    done
    sleep 0.3
done
wait "$SETUP" || fail "setting up the test volumes failed"
echo "up.sh: up after $(elapsed) s (logs in $RUN_DIR)" >&2
