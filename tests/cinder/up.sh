#!/usr/bin/env bash
# Starts a REAL OpenStack Keystone, Cinder (API + scheduler + volume, one process) and Glance
# on 127.0.0.1: SQLite, fernet tokens, fake RPC; Cinder and Glance check every token with
# Keystone (keystonemiddleware). Makes the users, projects and catalog through Keystone's API
# and the test volumes through Cinder's; prints
#   cinder-up keystone=URL cinder=URL glance=URL user=… password=… user_domain=… project_name=…
#     project_id=… second_project_name=… second_project_id=… app_cred_id=… app_cred_secret=…
#     token=… available=ID inuse=ID force_upload=BOOL
# and writes the same (and more) as JSON to target/cinder-run/env.json.
#
# Environment (all optional):
#   CINDER_PORT (18776), GLANCE_PORT (19292), KEYSTONE_PORT (15000)
#                    fixed ports; a busy one is replaced by a free one
#   CINDER_FORCE_UPLOAD  true|false: Cinder's enable_force_upload (default true)
#   GLANCE_DISK_FORMATS  Glance's disk_formats (default raw,qcow2,vhd,iso: fewer than Cinder's)
#   CINDER_CORS_ORIGIN   e.g. http://127.0.0.1:8080 (a comma-separated list is fine): let a
#                    page on that origin call Keystone, Cinder and Glance directly
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
KEYSTONE_PORT="${KEYSTONE_PORT:-15000}"
FORCE_UPLOAD="${CINDER_FORCE_UPLOAD:-true}"
# Glance's [image_format] disk_formats. Fewer than Cinder's seven by default, as deployments
# often configure, so the page's flows see it offer only what Glance takes (the harness itself
# exports raw, qcow2 and vhd); GLANCE_DISK_FORMATS=ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop
# is Glance's own default.
GLANCE_DISK_FORMATS="${GLANCE_DISK_FORMATS:-raw,qcow2,vhd,iso}"
CORS_ORIGIN="${CINDER_CORS_ORIGIN:-}"
# Throwaway passwords of a loopback test cloud: Keystone's admin (bootstrap) and the service
# users cinder and glance (keystonemiddleware). The member user's is in harness.py.
ADMIN_PASSWORD=harness-admin-password
SERVICE_PASSWORD=harness-service-password

if [[ -n "${CINDER_PROJECT:-}" ]]; then
    echo "up.sh: CINDER_PROJECT is ignored: the project ids now come from Keystone" >&2
fi

T0=$(date +%s.%N)
elapsed() { python3 -c "import sys,time; print('%.1f' % (time.time() - float(sys.argv[1])))" "$T0"; }

# ---- the venv (cached; keyed by the pinned versions) -------------------------------------
REQ="$HERE/requirements.txt"
pin() { sed -n "s/^$1==//p" "$REQ"; }
REQ_HASH=$(sha256sum "$REQ" | cut -c1-10)
VENV="$TARGET/cinder-venv-cinder$(pin cinder)-glance$(pin glance)-keystone$(pin keystone)-$REQ_HASH"
# A venv records its own path (scripts' shebangs) and links to its base interpreter: one
# copied or moved from elsewhere is rebuilt. (Checked without importing the services, which
# would take seconds.)
venv_runs() {
    local s
    for s in cinder-manage glance-manage keystone-manage gunicorn; do
        [[ "$(head -1 "$VENV/bin/$s" 2>/dev/null)" == "#!$VENV/bin/python" ]] || return 1
    done
    "$VENV/bin/python" -c 'import cinder, glance, keystone' 2>/dev/null
}
if [[ -f "$VENV/.installed" ]] && ! venv_runs; then
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
    "$STATE/glance/images" "$STATE/glance/staging" "$STATE/glance/tasks" "$STATE/glance/locks" \
    "$STATE/keystone/fernet-keys" "$STATE/keystone/credential-keys"
chmod 700 "$STATE/keystone/fernet-keys" "$STATE/keystone/credential-keys"
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
KEYSTONE_PORT=$(free_port "$KEYSTONE_PORT")
while [[ "$KEYSTONE_PORT" == "$CINDER_PORT" || "$KEYSTONE_PORT" == "$GLANCE_PORT" ]]; do
    KEYSTONE_PORT=$(free_port 0)
done
KEYSTONE="http://127.0.0.1:$KEYSTONE_PORT"

fill() { # template -> file
    sed -e "s|@STATE@|$STATE|g" -e "s|@CINDER_PORT@|$CINDER_PORT|g" \
        -e "s|@GLANCE_PORT@|$GLANCE_PORT|g" -e "s|@KEYSTONE_PORT@|$KEYSTONE_PORT|g" \
        -e "s|@SERVICE_PASSWORD@|$SERVICE_PASSWORD|g" -e "s|@FORCE_UPLOAD@|$FORCE_UPLOAD|g" \
        -e "s|@GLANCE_DISK_FORMATS@|$GLANCE_DISK_FORMATS|g" \
        "$1" >"$2"
}
fill "$HERE/cinder.conf.in" "$STATE/cinder/cinder.conf"
fill "$HERE/glance-api.conf.in" "$STATE/glance/glance-api.conf"
fill "$HERE/keystone.conf.in" "$STATE/keystone/keystone.conf"
if [[ -n "$CORS_ORIGIN" ]]; then
    # The same for all three (each service's own defaults differ: Keystone's lack
    # OpenStack-API-Version, Glance's do not expose it). Content-Type is listed because a
    # JSON body's type is not one the browser sends without asking.
    for f in "$STATE/cinder/cinder.conf" "$STATE/glance/glance-api.conf" \
        "$STATE/keystone/keystone.conf"; do
        cat >>"$f" <<EOF

[cors]
allowed_origin = $CORS_ORIGIN
allow_headers = X-Auth-Token,X-Subject-Token,OpenStack-API-Version,Content-Type,X-OpenStack-Request-Id
expose_headers = X-Subject-Token,X-OpenStack-Request-Id,OpenStack-API-Version,Openstack-Auth-Receipt
allow_methods = GET,PUT,POST,DELETE,PATCH,HEAD
EOF
    done
fi
# The paste pipelines as shipped by the pinned packages (auth_strategy / [paste_deploy]
# flavor pick the keystone ones). Their CORS filters build their own oslo.config object and
# read /etc/<project>/*.conf unless told which file (oslo_config_file); Keystone's (no paste
# file) is told by keystone_wsgi.py.
sed "s|^oslo_config_project = cinder|&\noslo_config_file = $STATE/cinder/cinder.conf|" \
    "$VENV/etc/cinder/api-paste.ini" >"$STATE/cinder/api-paste.ini"
sed "s|^oslo_config_project = glance|&\noslo_config_file = $STATE/glance/glance-api.conf|" \
    "$VENV/etc/glance/glance-api-paste.ini" >"$STATE/glance/glance-api-paste.ini"

# ---- databases and Keystone's keys: made once per venv, copied on every start -------------
# db_sync of the three services and keystone-manage's fernet_setup / credential_setup give the
# same thing every time (empty schemas, fresh keys) and cost ~20 s of CPU, nearly all of it
# importing the services: the first start runs them into the state dir and keeps the result
# beside the venv (state-template/); later starts copy it. bootstrap runs on every start (its
# endpoint names this run's port).
TEMPLATE="$VENV/state-template"
KM=("$VENV/bin/keystone-manage" --config-file "$STATE/keystone/keystone.conf")
if [[ -f "$TEMPLATE/.complete" ]]; then
    cp "$TEMPLATE/cinder.sqlite" "$STATE/cinder/cinder.sqlite"
    cp "$TEMPLATE/glance.sqlite" "$STATE/glance/glance.sqlite"
    cp "$TEMPLATE/keystone.sqlite" "$STATE/keystone/keystone.sqlite"
    cp -p "$TEMPLATE/fernet-keys/"* "$STATE/keystone/fernet-keys/"
    cp -p "$TEMPLATE/credential-keys/"* "$STATE/keystone/credential-keys/"
    echo "up.sh: schemas and keys copied from $TEMPLATE" >&2
else
    "${KM[@]}" db_sync >"$RUN_DIR/keystone-dbsync.log" 2>&1 &
    KSYNC=$!
    { "${KM[@]}" fernet_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)" &&
        "${KM[@]}" credential_setup --keystone-user "$(id -un)" --keystone-group "$(id -gn)"
    } >"$RUN_DIR/keystone-keys.log" 2>&1 &
    KKEYS=$!
    "$VENV/bin/cinder-manage" --config-file "$STATE/cinder/cinder.conf" db sync \
        >"$RUN_DIR/cinder-dbsync.log" 2>&1 &
    CSYNC=$!
    "$VENV/bin/glance-manage" --config-file "$STATE/glance/glance-api.conf" db_sync \
        >"$RUN_DIR/glance-dbsync.log" 2>&1 &
    GSYNC=$!
    wait "$CSYNC" || { tail -30 "$RUN_DIR/cinder-dbsync.log" >&2; exit 1; }
    wait "$GSYNC" || { tail -30 "$RUN_DIR/glance-dbsync.log" >&2; exit 1; }
    wait "$KSYNC" || { tail -30 "$RUN_DIR/keystone-dbsync.log" >&2; exit 1; }
    wait "$KKEYS" || { tail -30 "$RUN_DIR/keystone-keys.log" >&2; exit 1; }
    # Kept only once complete (a concurrent start may have kept its own meanwhile: fine).
    t="$TEMPLATE.tmp.$$"
    rm -rf "$t"
    mkdir -p "$t"
    cp "$STATE/cinder/cinder.sqlite" "$STATE/glance/glance.sqlite" \
        "$STATE/keystone/keystone.sqlite" "$t/"
    cp -rp "$STATE/keystone/fernet-keys" "$STATE/keystone/credential-keys" "$t/"
    touch "$t/.complete"
    mv -T "$t" "$TEMPLATE" 2>/dev/null || rm -rf "$t"
    echo "up.sh: db syncs and keys after $(elapsed) s (kept in $TEMPLATE)" >&2
fi
keystone_bootstrap() {
    "${KM[@]}" bootstrap --bootstrap-username admin --bootstrap-password "$ADMIN_PASSWORD" \
        --bootstrap-project-name admin --bootstrap-role-name admin \
        --bootstrap-service-name keystone --bootstrap-region-id RegionOne \
        --bootstrap-public-url "$KEYSTONE/v3" \
        >"$RUN_DIR/keystone-bootstrap.log" 2>&1 ||
        { tail -30 "$RUN_DIR/keystone-bootstrap.log" >&2; return 1; }
    echo "up.sh: keystone bootstrap after $(elapsed) s" >&2
}
keystone_bootstrap &
KPREP=$!

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
    for f in keystone glance cinder; do
        echo "---- last lines of $RUN_DIR/$f.log" >&2
        tail -25 "$RUN_DIR/$f.log" >&2 || true
    done
    bash "$HERE/down.sh" >/dev/null 2>&1 || true
    exit 1
}

# Keystone starts while bootstrap runs (loading the application asks nothing of the
# database); the harness's first request waits for bootstrap.
OS_KEYSTONE_CONFIG_FILES="$STATE/keystone/keystone.conf" PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH="$HERE" setsid "$VENV/bin/gunicorn" \
    --bind "127.0.0.1:$KEYSTONE_PORT" --workers 1 --worker-class gthread --threads 8 \
    --timeout 120 --chdir "$STATE/keystone" --pid "$RUN_DIR/keystone.gunicorn.pid" \
    keystone_wsgi:application </dev/null >"$RUN_DIR/keystone.log" 2>&1 &
echo $! >"$RUN_DIR/keystone.pid"
wait "$KPREP" || fail "keystone-manage bootstrap failed (log $RUN_DIR/keystone-bootstrap.log)"

# ---- wait, then identity and test volumes through the real APIs ---------------------------
# harness.py waits for the three endpoints and the volume service; check the processes meanwhile.
"$PY" "$HERE/harness.py" setup --run-dir "$RUN_DIR" --keystone "$KEYSTONE" \
    --cinder "http://127.0.0.1:$CINDER_PORT" --glance "http://127.0.0.1:$GLANCE_PORT" \
    --admin-password "$ADMIN_PASSWORD" --service-password "$SERVICE_PASSWORD" \
    --force-upload "$FORCE_UPLOAD" --cors-origin "$CORS_ORIGIN" &
SETUP=$!
while kill -0 "$SETUP" 2>/dev/null; do
    for f in keystone glance cinder; do
        if ! kill -0 "$(cat "$RUN_DIR/$f.pid")" 2>/dev/null; then
            kill "$SETUP" 2>/dev/null || true
            fail "$f exited during start-up"
        fi
    done
    sleep 0.3
done
wait "$SETUP" || fail "setting up the identities or the test volumes failed"
echo "up.sh: up after $(elapsed) s (logs in $RUN_DIR)" >&2
