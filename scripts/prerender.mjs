// Trunk post_build step (scripts/post-build.mjs runs it first): the standalone page's first
// screen, rendered at build time from the same Leptos components as the live console
// (`cargo run --features prerender --bin prerender`, natively; `shell::standalone::prerender`), is written into
// index.html's <body data-evs-standalone>, so the form is painted with the HTML instead of
// after the wasm has downloaded and run. The wasm replaces it when it starts (carrying over
// what the operator typed meanwhile: src/platform/carry.rs).
//
// Release builds also inline the stylesheet as a <style> element, so the first paint waits for
// no second request; scripts/boot-external.mjs then lists its sha256 in the policy's
// style-src (still no 'unsafe-inline'). The main*.css file stays for embedding portals.
// A page without data-evs-standalone (a portal's) is left alone.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('prerender: TRUNK_STAGING_DIR is not set (run as a Trunk hook)');
  process.exit(1);
}
const root = process.env.TRUNK_SOURCE_DIR || process.cwd();
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
const body = /<body\b[^>]*\bdata-evs-standalone\b[^>]*>/;
if (body.test(html)) {
  if (html.includes('id="evs-static"')) {
    console.error('prerender: index.html already holds a prerendered screen');
    process.exit(1);
  }
  // Native, dev profile: shares target/debug with the native tests; a few seconds once built.
  let markup;
  try {
    markup = execFileSync('cargo', ['run', '--quiet', '--features', 'prerender', '--bin', 'prerender'], {
      cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 << 20,
    });
  } catch (e) {
    console.error(`prerender: cargo run --features prerender --bin prerender failed (${e.status ?? e.message})`);
    process.exit(1);
  }
  if (!markup.startsWith('<div id="evs-static"') || !markup.includes('<main')) {
    console.error('prerender: unexpected output from the prerender binary');
    process.exit(1);
  }
  html = html.replace(body, (m) => `${m}\n    ${markup}`);

  if (process.env.TRUNK_PROFILE === 'release') {
    const link = /<link rel="stylesheet" href="[^"]*?(main(?:-[0-9a-f]+)?\.css)"[^>]*>/;
    const m = html.match(link);
    if (!m) {
      console.error('prerender: no stylesheet link (main*.css) in index.html');
      process.exit(1);
    }
    const css = readFileSync(join(dir, m[1]), 'utf8');
    if (css.includes('</')) {
      console.error('prerender: the stylesheet contains "</": it cannot be inlined as it is');
      process.exit(1);
    }
    html = html.replace(link, () => `<style>${css}</style>`);
    const hash = createHash('sha256').update(css).digest('base64');
    console.log(`prerender: first screen ${markup.length} bytes, stylesheet inlined (sha256-${hash})`);
  }
}
writeFileSync(htmlPath, html);
