#!/usr/bin/env bash
# Stops the servers started by tests/cinder/up.sh (PIDs in the run dir). Safe to run twice.
# Each server was started with setsid, so its pid is also its process group: TERM the group,
# give it 3 s (their state is thrown away by the next up.sh anyway), then KILL it.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN_DIR="${CINDER_TARGET:-$ROOT/target}/cinder-run"

pids=()
names=()
for name in keystone cinder glance; do
    pidfile="$RUN_DIR/$name.pid"
    [[ -f "$pidfile" ]] || continue
    pid=$(cat "$pidfile")
    rm -f "$pidfile"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
        pids+=("$pid")
        names+=("$name")
    fi
done
for _ in $(seq 30); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
done
for i in "${!pids[@]}"; do
    pid=${pids[$i]}
    if kill -0 "$pid" 2>/dev/null || kill -0 -- "-$pid" 2>/dev/null; then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
    echo "down.sh: stopped ${names[$i]} (pid $pid)"
done
rm -f "$RUN_DIR/glance.gunicorn.pid" "$RUN_DIR/keystone.gunicorn.pid"
