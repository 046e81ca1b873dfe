#!/usr/bin/env node
// Transfer size of a built page: raw, gzip -9 and brotli -q 11 bytes per file and in total.
//
//   node bench/size.mjs [--json] [--budget BYTES] [--label NAME] [DIR ...]   (default DIR: dist)
//
// Counted kinds: .wasm .js .css .html (other files are listed but not counted). With
// --budget, exits 1 when the counted brotli total of any DIR exceeds BYTES. Node only (zlib).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const COUNTED = new Set(['.wasm', '.js', '.mjs', '.css', '.html']);

function usage(msg) {
  if (msg) console.error(`size.mjs: ${msg}`);
  console.error('usage: node bench/size.mjs [--json] [--budget BYTES] [--label NAME] [DIR ...]');
  process.exit(2);
}

const args = process.argv.slice(2);
let json = false, budget = null;
const dirs = [], labels = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--json') json = true;
  else if (a === '--budget' || a.startsWith('--budget=')) {
    const v = a.includes('=') ? a.split('=')[1] : args[++i];
    if (v === undefined || !/^\d+$/.test(v)) usage('--budget needs a whole number of bytes');
    budget = Number(v);
  } else if (a === '--label' || a.startsWith('--label=')) {
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
    if (!v) usage('--label needs a name');
    labels.push(v);
  } else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('--')) usage(`unknown flag ${a}`);
  else dirs.push(a);
}
if (dirs.length === 0) dirs.push('dist');

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function measure(dir, label) {
  let st;
  try { st = statSync(dir); } catch { usage(`${dir}: no such directory (build it first)`); }
  if (!st.isDirectory()) usage(`${dir} is not a directory`);
  const files = walk(dir).sort().map((p) => {
    const buf = readFileSync(p);
    const ext = extname(p).toLowerCase();
    return {
      file: relative(dir, p),
      kind: ext.slice(1) || 'other',
      counted: COUNTED.has(ext),
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const byKind = {};
  for (const f of files) {
    if (!f.counted) continue;
    const k = f.kind === 'mjs' ? 'js' : f.kind;
    byKind[k] ??= { raw: 0, gzip: 0, brotli: 0 };
    for (const m of ['raw', 'gzip', 'brotli']) { total[m] += f[m]; byKind[k][m] += f[m]; }
  }
  const over = budget !== null && total.brotli > budget;
  return { label: label || dir, dir, files, byKind, total, budget, overBudget: over };
}

const results = dirs.map((d, i) => measure(d, labels[i]));

const kb = (n) => (n / 1024).toFixed(1);
if (json) {
  console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
} else {
  for (const r of results) {
    const rows = r.files.map((f) => [f.file + (f.counted ? '' : ' (not counted)'), f.raw, f.gzip, f.brotli]);
    for (const [k, t] of Object.entries(r.byKind).sort()) rows.push([`  all .${k}`, t.raw, t.gzip, t.brotli]);
    rows.push(['TOTAL wasm+js+css+html', r.total.raw, r.total.gzip, r.total.brotli]);
    const w = Math.max(24, ...rows.map((x) => x[0].length));
    const line = (c, a, b, d) => `${c.padEnd(w)}  ${a.padStart(16)}  ${b.padStart(16)}  ${d.padStart(16)}`;
    const cell = (n) => `${n} (${kb(n)} KiB)`;
    console.log(`\nSize of ${r.label} (${r.dir}): bytes (KiB)`);
    console.log(line('file', 'raw', 'gzip -9', 'brotli -q 11'));
    console.log('-'.repeat(w + 54));
    rows.forEach((x, i) => {
      if (i === rows.length - 1) console.log('-'.repeat(w + 54));
      console.log(line(x[0], cell(x[1]), cell(x[2]), cell(x[3])));
    });
    if (r.budget !== null) {
      console.log(`budget: brotli total ${r.total.brotli} ${r.overBudget ? '>' : '<='} ${r.budget} bytes: ` +
        (r.overBudget ? 'OVER BUDGET' : 'ok'));
    }
  }
}
if (results.some((r) => r.overBudget)) {
  for (const r of results.filter((x) => x.overBudget)) {
    console.error(`size.mjs: ${r.label}: brotli total ${r.total.brotli} bytes exceeds the budget of ${r.budget} bytes`);
  }
  process.exit(1);
}
