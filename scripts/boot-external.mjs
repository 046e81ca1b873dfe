// Trunk post_build hook: moves Trunk's inline boot <script type="module"> into a file beside
// the wasm glue, so the page runs under a strict Content-Security-Policy
// (script-src 'self' 'wasm-unsafe-eval': no 'unsafe-inline', no nonce), and — in release
// builds — adds that policy to index.html as a <meta> tag (style-src also lists the sha256 of
// the stylesheet scripts/prerender.mjs inlined). Trunk's own nonce placeholders are
// dropped. Works in Trunk's staging dir (TRUNK_STAGING_DIR), so `trunk serve` and
// `trunk build` both get it.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('boot-external: TRUNK_STAGING_DIR is not set (run as a Trunk hook)');
  process.exit(1);
}
const release = process.env.TRUNK_PROFILE === 'release';
const htmlPath = join(dir, 'index.html');
let html = readFileSync(htmlPath, 'utf8');

const inline = /<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/;
const match = html.match(inline);
if (!match) {
  console.error('boot-external: no inline module script found in index.html');
  process.exit(1);
}
const code = match[1].trim() + '\n';
// The glue's URL in the boot code tells where assets live (honours --public-url).
const glue = code.match(/from '([^']*\/)[^/']+\.js'/);
const base = glue ? glue[1] : '/';
const digest = createHash('sha384').update(code).digest();
const name = `boot-${digest.toString('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
const integrity = `sha384-${digest.toString('base64')}`;
html = html.replace(
  inline,
  `<script type="module" src="${base}${name}" integrity="${integrity}" crossorigin="anonymous"></script>`,
);
html = html.replace(/ nonce="[^"]*"/g, '');
if (release && !html.includes('Content-Security-Policy')) {
  // The stylesheet inlined by scripts/prerender.mjs is allowed by its hash, nothing else inline.
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  const policy = styles.length
    ? CSP.replace("style-src 'self'", `style-src 'self' ${styles.join(' ')}`)
    : CSP;
  html = html.replace(
    /<meta charset="utf-8" ?\/?>/i,
    (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
  );
}
writeFileSync(htmlPath, html);
