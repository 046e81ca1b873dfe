#!/usr/bin/env bash
# Starts the simulator, then `trunk serve` in the foreground; stops the simulator on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
sim_port=$1 page_port=$2 project=$3 token=$4
mkdir -p target/logs
password=${SIM_PASSWORD:-evs-sim-password}
# --public-url: the catalog of a signed-in token points at trunk's same-origin proxy paths.
target/debug/evs-sim --port "$sim_port" --project-id "$project" --token "$token" \
  --password "$password" --public-url "http://127.0.0.1:$page_port" \
  --state target/sim-state.json --leftovers 2 2> target/logs/evs-sim.log &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$sim_port/__sim/health" >/dev/null 2>&1 && break
  sleep 0.1
done
cat <<MSG

  Simulator:  http://127.0.0.1:$sim_port   (log: target/logs/evs-sim.log)
  Console:    http://127.0.0.1:$page_port/
  User:       operator   (domain Default, project sim-project)
  Password:   $password
  Token:      $token   (or paste this token instead; it is never put in a URL)

MSG
# Its own dist directory: a release build in dist/ (make test, make bench) is left alone.
trunk serve --port "$page_port" --address 127.0.0.1 --dist target/serve-dist
