#!/usr/bin/env bash
# `make bench`: builds the release page and the simulator, then prints the size table (app
# and vanilla baseline) and the startup/interaction latency figures. Loopback only; stops by
# itself within BENCH_DEADLINE_S (default 600) seconds. See bench/README.md.
#
# Environment: BENCH_LOADS (20), BENCH_THROTTLED_LOADS (10), BENCH_REPEAT_LOADS (10),
# BENCH_SKIP_BUILD=1 (reuse target/bench/dist and target/release/evs-sim), BENCH_DEADLINE_S (600).
# The Chrome trace of one export is left in target/bench/trace.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true CARGO_TERM_COLOR=never

deadline_s=${BENCH_DEADLINE_S:-600}
loads=${BENCH_LOADS:-20}
throttled_loads=${BENCH_THROTTLED_LOADS:-10}
repeat_loads=${BENCH_REPEAT_LOADS:-10}
out=target/bench
dist=$out/dist
started=$SECONDS
left() { echo $(( deadline_s - (SECONDS - started) )); }
step() { printf '\n== %s (%ss)\n' "$*" "$(( SECONDS - started ))"; }
bounded() { # bounded SECONDS_RESERVED_FOR_LATER CMD...: runs CMD with what is left of the deadline
  local reserve=$1; shift
  local t=$(( $(left) - reserve ))
  if (( t < 10 )); then echo "bench: out of time before: $*" >&2; exit 3; fi
  timeout --kill-after=10 "$t" "$@"
}
mkdir -p "$out"

step "machine"
echo "date:     $(date)"
echo "commit:   $(git rev-parse --short HEAD 2>/dev/null || echo '?') $(git diff --quiet 2>/dev/null || echo '(work tree has changes)')"
echo "nproc:    $(nproc)"
echo "cpu:      $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
echo "node:     $(node --version)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ ${BENCH_SKIP_BUILD:-} != 1 ]]; then
  step "release build of the page (trunk build --release --dist $dist)"
  bounded 200 trunk build --release --dist "$dist"
  step "release build of the simulator"
  bounded 150 cargo build --release -p evs-sim
fi
[[ -f $dist/index.html ]] || { echo "bench: $dist/index.html missing (build failed?)" >&2; exit 1; }
sim=target/release/evs-sim
[[ -x $sim ]] || { echo "bench: $sim missing (cargo build --release -p evs-sim)" >&2; exit 1; }

step "transfer size"
node bench/size.mjs --label "app (trunk build --release)" "$dist"
node bench/size.mjs --label "vanilla baseline" bench/baseline
node bench/size.mjs --json "$dist" > "$out/size-app.json"
node bench/size.mjs --json bench/baseline > "$out/size-baseline.json"

step "startup and interaction latency (headless Chromium, loopback)"
t=$(( $(left) - 15 ))
bounded 5 node bench/startup.mjs --dist "$dist" --baseline bench/baseline --sim "$sim" \
  --loads "$loads" --throttled-loads "$throttled_loads" --repeat-loads "$repeat_loads" \
  --trace "$out/trace.json" --deadline-s "$t" --json-out "$out/startup.json"

step "done (JSON in $out/)"
