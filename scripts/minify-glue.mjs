// Release builds only: minifies the wasm-bindgen glue (evs-console*.js) with terser (from
// package-lock.json), and updates the Subresource Integrity hash Trunk wrote for it in
// index.html. About 55 KB → 25 KB raw, 8.3 KB → 6.1 KB brotli. Works in TRUNK_STAGING_DIR.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('minify-glue: TRUNK_STAGING_DIR is not set (run as a Trunk hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE === 'release') {
  const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
  const htmlPath = join(dir, 'index.html');
  let html = readFileSync(htmlPath, 'utf8');
  for (const name of readdirSync(dir).filter((f) => /^evs-console(-[0-9a-f]+)?\.js$/.test(f))) {
    const path = join(dir, name);
    const source = readFileSync(path, 'utf8');
    const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
    if (!code) {
      console.error(`minify-glue: terser gave nothing for ${name}`);
      process.exit(1);
    }
    writeFileSync(path, code);
    const before = sri(source);
    if (html.includes(before)) html = html.split(before).join(sri(code));
  }
  writeFileSync(htmlPath, html);
}
