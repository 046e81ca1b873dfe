// Trunk post_build hook: puts the <evs-export-image> module (embed/evs-export-image.js) next to
// the wasm-bindgen glue, importing the glue, fetching the wasm and linking the stylesheet by
// their built names (Trunk adds content hashes unless --filehash false), without its comments.
// Development builds (`make serve`) also get the example portal at /portal/ (examples/portal);
// release builds leave it out, it is no part of the bundle (the e2e tests serve it themselves).
// Works in TRUNK_STAGING_DIR, so `trunk serve`, `trunk build` and scripts/build-embed.sh all get it.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('embed-module: TRUNK_STAGING_DIR is not set (run as a Trunk hook)');
  process.exit(1);
}
const files = readdirSync(dir);
const pick = (re, what) => {
  const found = files.filter((f) => re.test(f));
  if (found.length !== 1) {
    console.error(`embed-module: expected one ${what} in ${dir}, found ${found.length}`);
    process.exit(1);
  }
  return found[0];
};
const glue = pick(/^evs-console(-[0-9a-f]+)?\.js$/, 'wasm-bindgen glue (evs-console*.js)');
const wasm = pick(/^evs-console(-[0-9a-f]+)?_bg\.wasm$/, 'wasm (evs-console*_bg.wasm)');
const css = pick(/^main(-[0-9a-f]+)?\.css$/, 'stylesheet (main*.css)');
const src = readFileSync(new URL('../embed/evs-export-image.js', import.meta.url), 'utf8');
const out = src
  .replace(/^\s*\/\/.*\n/gm, '')
  .replace(/\/\*\*[\s\S]*?\*\/\n/g, '')
  .replace(/^[ \t]+/gm, '')
  .replace("from './evs-console.js'", `from './${glue}'`)
  .replace("new URL('./main.css'", `new URL('./${css}'`)
  .replace("new URL('./evs-console_bg.wasm'", `new URL('./${wasm}'`);
if (![glue, css, wasm].every((f) => out.includes(`'./${f}'`))) {
  console.error('embed-module: a file name (glue, stylesheet, wasm) was not found in embed/evs-export-image.js');
  process.exit(1);
}
writeFileSync(join(dir, 'evs-export-image.js'), out);
if (process.env.TRUNK_PROFILE !== 'release') {
  cpSync(new URL('../examples/portal', import.meta.url), join(dir, 'portal'), { recursive: true });
}
