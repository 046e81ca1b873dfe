#!/usr/bin/env bash
# Builds the console for embedding in a portal: release build with stable file names (no
# content hashes) for the sub-path the portal serves it under, plus .br and .gz siblings.
#
#   scripts/build-embed.sh [PUBLIC_URL] [OUT_DIR]      (defaults: /evs-console/ dist-embed)
#
# OUT_DIR then holds evs-export-image.js (the module a portal imports), evs-console.js (the
# wasm-bindgen glue it imports), evs-console_bg.wasm, main.css (linked inside each shadow root)
# and the standalone index.html. Serve the directory at PUBLIC_URL, with
# `Content-Type: application/wasm` for .wasm, and let the server send the .br/.gz files for
# `Accept-Encoding: br`/`gzip` (nginx: brotli_static on; gzip_static on;). The names never
# change between builds: give them a short cache lifetime or a versioned PUBLIC_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
public_url=${1:-/evs-console/}
out=${2:-dist-embed}
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true

trunk build --release --filehash false --public-url "$public_url" --dist "$out"
for f in evs-export-image.js evs-console.js evs-console_bg.wasm main.css; do
  [ -f "$out/$f" ] || { echo "build-embed: $out/$f is missing" >&2; exit 1; }
done
# .br/.gz siblings come from the release build itself (scripts/precompress.mjs).
echo "build-embed: $out/ for $public_url:"
ls -l "$out"
