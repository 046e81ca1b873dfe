// Release builds only: writes a .br (quality 11) and a .gz (level 9) beside every .wasm, .js,
// .css and .html of Trunk's staging dir, so a web server can send them as they are
// (nginx: `brotli_static on; gzip_static on;`; the simulator's --static does the same).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precompress: TRUNK_STAGING_DIR is not set (run as a Trunk hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE === 'release') {
  for (const name of readdirSync(dir).filter((f) => /\.(wasm|js|css|html)$/.test(f))) {
    const path = join(dir, name);
    const data = readFileSync(path);
    writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
    writeFileSync(
      `${path}.br`,
      brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
}
