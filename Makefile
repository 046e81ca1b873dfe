# Two commands for a fresh machine: `make serve` and `make test` (see README.md).
# Both install what is missing first (scripts/setup.sh: pinned, idempotent, registries only).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true
export TRUNK_SKIP_VERSION_CHECK := true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
export CARGO_TERM_COLOR := never

SIM_PORT ?= 8787
PAGE_PORT ?= 8080
SIM_PROJECT ?= 0f4e5d6c7b8a49e3a2b1c0d9e8f7a6b5
SIM_TOKEN ?= sim-token

.PHONY: setup serve test test-native test-wasm test-e2e build-release lint bench fuzz clean

setup:
	@bash scripts/setup.sh

## make serve: the simulator and `trunk serve` (with /evs, /ims and /iam proxied to it).
serve: setup
	@cargo build -q -p evs-sim
	@bash scripts/serve.sh "$(SIM_PORT)" "$(PAGE_PORT)" "$(SIM_PROJECT)" "$(SIM_TOKEN)"

## make test: every test — native, wasm in headless Chromium, Playwright on the release build.
test: setup
	@bash scripts/test.sh

test-native: setup
	cargo test --workspace

test-wasm: setup
	cargo test -p evs-console --target wasm32-unknown-unknown

build-release: setup
	trunk build --release

test-e2e: setup build-release
	cargo build -q -p evs-sim
	npx playwright test

## make bench: size and startup/interaction latency of the release build vs a vanilla page (bench/README.md).
bench: setup
	@bash bench/run.sh

## make lint: rustfmt, clippy, and every shell script through bash -n and shellcheck.
lint: setup
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p evs-console --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy -p evs-console --features prerender --bin prerender -- -D warnings
	@bash scripts/lint-shell.sh

clean:
	rm -rf dist target test-results
