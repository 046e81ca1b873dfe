#!/usr/bin/env bash
# Installs, idempotently and at pinned versions, every tool `make serve` and `make test` use.
# Only the package registries are used: crates.io, npm, Debian. Each step is skipped when the
# pinned version is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130   # must equal the `=` pin of wasm-bindgen in Cargo.toml
log() { printf '[setup] %s\n' "$*" >&2; }

# 1. Rust target (rust-toolchain.toml pins the compiler; rustup fetches the target on first use).
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. Cargo-installed tools.
have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q " $2\b"; }
if ! have_version trunk "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 6 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if ! have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # Not --locked: its lockfile names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# 3. Debian packages, in one apt-get call for whatever is missing:
#    chromium + chromium-driver (headless browser tests); qemu-utils (the real Cinder's volume
#    driver converts images with qemu-img, tests/cinder); fonts-noto-cjk (Chinese renders in
#    Chromium's screenshots instead of boxes); shellcheck (`make lint` checks every shell
#    script, scripts/lint-shell.sh).
debs=()
command -v chromium >/dev/null 2>&1 || debs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || debs+=(chromium-driver)
command -v qemu-img >/dev/null 2>&1 || debs+=(qemu-utils)
command -v shellcheck >/dev/null 2>&1 || debs+=(shellcheck)
command -v fc-list >/dev/null 2>&1 || debs+=(fontconfig)
# (grep without -q: an early exit would kill fc-list with SIGPIPE, and pipefail fail the test)
fc-list 2>/dev/null | grep -i 'Noto Sans CJK' >/dev/null || debs+=(fonts-noto-cjk)
if [ ${#debs[@]} -gt 0 ]; then
  log "installing from Debian: ${debs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${debs[@]}" >/dev/null
fi

# 4. npm dev packages (binaryen's wasm-opt, playwright-core, axe-core) from the lockfile.
if [ ! -f node_modules/.setup-stamp ] || [ package-lock.json -nt node_modules/.setup-stamp ]; then
  log "installing npm dev packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.setup-stamp
fi
# 5. Crates for every target (Trunk runs cargo with --offline).
cargo fetch --locked >/dev/null 2>&1 || cargo fetch
log "tools ready"
