#!/usr/bin/env node
// Startup and interaction latency of the app (dist/) against the vanilla baseline
// (bench/baseline/), both served by one evs-sim on loopback, in headless Chromium.
//
//   node bench/startup.mjs [--dist dist] [--baseline bench/baseline] [--sim PATH]
//                          [--loads 20] [--throttled-loads 10] [--no-throttled]
//                          [--sim-requests 500] [--json-out FILE] [--deadline-s 480]
//                          [--no-precompress] [--repeat-loads 10] [--trace FILE]
//
// Both pages are served as a production server would: next to every .wasm/.js/.css/.html the
// copy gets a brotli (-q 11) and a gzip (-9) file, which evs-sim sends when the browser accepts
// the encoding (--no-precompress serves the raw files).
//
// Figures, each over cold loads (a fresh browser context: empty HTTP cache, no code cache):
//   (a) form interactive: navigation start -> the input labelled "Image name" is in the DOM,
//       connected, visible, enabled, not read-only, and DOMContentLoaded has fired (so deferred
//       and module scripts have run); then Playwright fills it and checks the value took.
//   (b) click -> request: the Export click event (capture listener on window, registered
//       before any page script) -> the page calls fetch() for POST .../action.
//   (c) response -> rendered: that fetch promise resolves -> the returned image id is in the
//       DOM (MutationObserver, which fires right after the mutating task).
//   repeat visit: (a) again, but in one persistent browser profile whose HTTP cache and
//       compiled-code cache were warmed by an earlier load of the same page (a new tab each).
// All times are performance.now() in the page (origin = navigation start), set by an init
// script that runs before any page script. At the end each goal of issue 16 is printed as
// MET or MISSED with the app's figure beside the baseline's. --trace FILE records one app
// export with a Chrome trace (CDP Tracing) and prints where (c)'s time goes, after tracing one
// cold load up to (a) and printing where that time went. See bench/README.md.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants as zc } from 'node:zlib';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import http from 'node:http';

// ---------------------------------------------------------------- options
const opt = {
  dist: 'dist', baseline: 'bench/baseline', sim: null, loads: 20, throttledLoads: 10,
  throttled: true, simRequests: 500, jsonOut: null, deadlineS: 480, precompress: true,
  repeatLoads: 10, trace: null,
};
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const [k, inline] = a[i].includes('=') ? a[i].split(/=(.*)/s) : [a[i], undefined];
    const v = () => inline ?? a[++i];
    switch (k) {
      case '--dist': opt.dist = v(); break;
      case '--baseline': opt.baseline = v(); break;
      case '--sim': opt.sim = v(); break;
      case '--loads': opt.loads = Number(v()); break;
      case '--throttled-loads': opt.throttledLoads = Number(v()); break;
      case '--no-throttled': opt.throttled = false; break;
      case '--no-precompress': opt.precompress = false; break;
      case '--sim-requests': opt.simRequests = Number(v()); break;
      case '--repeat-loads': opt.repeatLoads = Number(v()); break;
      case '--trace': opt.trace = v(); break;
      case '--json-out': opt.jsonOut = v(); break;
      case '--deadline-s': opt.deadlineS = Number(v()); break;
      case '-h': case '--help': {
        const src = readFileSync(new URL(import.meta.url), 'utf8').split('\n');
        console.log(src.slice(1, src.findIndex((l) => l.startsWith('import'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
        process.exit(0);
      }
      default:
        console.error(`startup.mjs: unknown argument ${a[i]} (see the header of bench/startup.mjs)`);
        process.exit(2);
    }
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
// Fast-3G-like: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up (bytes per second for CDP).
const NET_3G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_RATE = 4;

// ---------------------------------------------------------------- cleanup and deadline
const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch { /* best effort */ }
  }
}
const deadline = setTimeout(async () => {
  console.error(`startup.mjs: gave up after the ${opt.deadlineS} s deadline`);
  await cleanup();
  process.exit(3);
}, opt.deadlineS * 1000);
deadline.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });

// ---------------------------------------------------------------- simulator
function findSim() {
  if (opt.sim) return opt.sim;
  for (const p of ['target/release/evs-sim', 'target/debug/evs-sim']) if (existsSync(p)) return p;
  throw new Error('no simulator binary: run `cargo build --release -p evs-sim` (or pass --sim PATH)');
}

async function startSim(staticDir) {
  const bin = findSim();
  const child = spawn(bin, ['--port', '0', '--static', staticDir, '--quiet', '--export-seconds', '0.5'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => { child.once('exit', r); setTimeout(r, 2000).unref(); });
    }
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const line = await new Promise((res, rej) => {
    const rl = createInterface({ input: child.stdout });
    const t = setTimeout(() => rej(new Error(`${bin}: no "listening" line within 15 s\n${stderr}`)), 15000);
    rl.once('line', (l) => { clearTimeout(t); res(l); });
    child.once('exit', (code) => { clearTimeout(t); rej(new Error(`${bin} exited (${code}) before listening\n${stderr}`)); });
  });
  child.stdout.resume();
  const m = /listening on (http:\/\/127\.0\.0\.1:\d+)\S*\s+project_id=(\S+)\s+token=(\S+)/.exec(line);
  if (!m) throw new Error(`unexpected first line from ${bin}: ${line}`);
  return { bin, base: m[1], project: m[2], token: m[3] };
}

// ---------------------------------------------------------------- loopback HTTP client
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
cleanups.push(async () => agent.destroy());
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((res, rej) => {
    const req = http.request(url, { method, headers, agent }, (r) => {
      const chunks = [];
      r.on('data', (c) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode, headers: r.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', rej);
    req.setTimeout(10000, () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    if (body) req.write(body);
    req.end();
  });
}

async function findDisk(sim) {
  const r = await request(`${sim.base}/evs/v2/${sim.project}/volumes/detail`, { headers: { 'X-Auth-Token': sim.token } });
  if (r.status !== 200) throw new Error(`GET volumes/detail: HTTP ${r.status}: ${r.body.slice(0, 200)}`);
  const vols = JSON.parse(r.body).volumes || [];
  const v = vols.find((x) => x.name === 'data-disk-01') || vols.find((x) => x.status === 'available');
  if (!v) throw new Error('the simulator has no available disk');
  return v.id;
}

// Before each load: restore the seeded disks, then make sure the disk is available again.
async function resetSim(sim, disk) {
  const r = await request(`${sim.base}/__sim/reset`, { method: 'POST' });
  for (let i = 0; i < 100; i++) {
    const s = await request(`${sim.base}/evs/v2/${sim.project}/volumes/${disk}`, { headers: { 'X-Auth-Token': sim.token } });
    let status = null;
    try { status = JSON.parse(s.body).volume?.status; } catch { /* below */ }
    if (status === 'available') return;
    if (s.status !== 200 && r.status >= 400) throw new Error(`disk ${disk}: HTTP ${s.status} and reset HTTP ${r.status}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`disk ${disk} did not become available after a reset`);
}

// ---------------------------------------------------------------- in-page probe
// Runs before any page script in every document.
const PROBE = String.raw`(() => {
  if (window.__bench) return;
  const B = window.__bench = { formReady: null, dcl: null, clickT: null, clickN: 0, fetchT: null, respT: null, bodyT: null,
    fetchErr: null, log: [], fetches: [] };
  const LABEL = 'Image name';
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  function field() {
    for (const l of document.querySelectorAll('label')) {
      const t = norm(l.textContent);
      if (t === LABEL || t.startsWith(LABEL)) {
        const c = l.control || l.querySelector('input, textarea');
        if (c) return c;
      }
    }
    for (const el of document.querySelectorAll('input[aria-labelledby], input[aria-label]')) {
      const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      const t = ids.length ? norm(ids.map((i) => document.getElementById(i)?.textContent).join(' '))
        : norm(el.getAttribute('aria-label'));
      if (t.startsWith(LABEL)) return el;
    }
    return null;
  }
  function check(t) {
    if (B.formReady !== null || B.dcl === null) return;
    const el = field();
    if (el && el.isConnected && !el.disabled && !el.readOnly && el.getClientRects().length > 0
        && !el.closest('[inert], [hidden], fieldset:disabled, [aria-busy="true"]')) {
      B.formReady = t;
      performance.mark('bench-form-ready');
    }
  }
  document.addEventListener('DOMContentLoaded', () => { B.dcl = performance.now(); check(B.dcl); }, { once: true });
  new MutationObserver((recs) => {
    const t = performance.now();
    if (B.formReady === null) check(t);
    if (B.respT === null) return;
    let text = '';
    for (const r of recs) {
      if (r.type === 'characterData') text += r.target.data + '\n';
      else if (r.type === 'childList') for (const n of r.addedNodes) text += (n.textContent || '') + '\n';
      else if (r.type === 'attributes' && r.attributeName === 'value') text += r.target.getAttribute('value') + '\n';
    }
    if (text.trim()) {
      B.log.push({ t, text: text.slice(0, 20000) });
      // For --trace: the end of (c) as a User Timing mark (the probe knows the id only later,
      // so every batch after the response is marked; the summary picks the right one).
      performance.mark('bench-dom-' + (B.log.length - 1));
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ['disabled', 'readonly', 'hidden', 'inert', 'class', 'style', 'value'] });
  // A fallback for visibility changes made by style sheets alone (no mutation).
  const raf = () => { if (B.formReady === null) { check(performance.now()); requestAnimationFrame(raf); } };
  requestAnimationFrame(raf);
  addEventListener('click', (e) => {
    const b = e.target && e.target.closest && e.target.closest('button, input[type=submit]');
    if (b && B.fetchT === null && /export/i.test(b.textContent || b.value || '')) {
      B.clickT = performance.now(); B.clickN++;
    }
  }, true);
  // When the page has read the export response's body (splits figure (c) in two).
  const exportResponses = new WeakSet();
  for (const m of ['text', 'json', 'arrayBuffer', 'blob', 'bytes']) {
    const f = Response.prototype[m];
    if (typeof f !== 'function') continue;
    Response.prototype[m] = function () {
      const p = f.apply(this, arguments);
      if (exportResponses.has(this) && B.bodyT === null) p.then(() => { if (B.bodyT === null) B.bodyT = performance.now(); }, () => {});
      return p;
    };
  }
  const orig = window.fetch;
  window.fetch = function (input, init) {
    const t = performance.now();
    const url = typeof input === 'string' ? input : (input && input.url) || String(input);
    const method = String((init && init.method) || (input && input.method) || 'GET').toUpperCase();
    B.fetches.push(method + ' ' + url);
    const p = orig.apply(this, arguments);
    if (method === 'POST' && /\/action(\?|$)/.test(url) && B.fetchT === null) {
      B.fetchT = t;
      p.then((r) => { B.respT = performance.now(); performance.mark('bench-response'); exportResponses.add(r); },
        (e) => { B.fetchErr = String(e); });
    }
    return p;
  };
})();`;

// ---------------------------------------------------------------- one cold load
class FigureError extends Error {}

async function field(page, name) {
  const exact = page.getByLabel(name, { exact: true });
  const loc = (await exact.count()) ? exact : page.getByLabel(name);
  const n = await loc.count();
  if (!n) return null;
  return loc.first();
}

// Makes a field visible when it sits in a collapsed section (<details>, a disclosure button).
async function reveal(page, loc, hint) {
  if (await loc.isVisible()) return;
  const summary = page.locator('details:not([open]) > summary').filter({ hasText: hint });
  if (await summary.count()) await summary.first().click();
  else {
    const btn = page.getByRole('button', { name: hint });
    if (await btn.count()) await btn.first().click();
  }
  await loc.waitFor({ state: 'visible', timeout: 5000 });
}

async function coldLoad(browser, sim, disk, which, url, throttled, i, extra = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    await context.addInitScript({ content: PROBE });
    return await measureLoad(context, sim, disk, which, url, { throttled, i, ...extra });
  } finally {
    await context.close().catch(() => {});
  }
}

// One load of `url` in a new tab of `context` (which has the probe as an init script).
// `full: false` measures (a) and the navigation figures only; `trace` records (c) with CDP.
async function measureLoad(context, sim, disk, which, url, { throttled = false, i = 0, full = true, trace = null } = {}) {
  const out = { which, i, a: null, b: null, c: null, errors: {} };
  const page = await context.newPage();
  try {
    const timeout = throttled ? 60000 : 20000;
    page.setDefaultTimeout(timeout);
    if (throttled) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', NET_3G);
    }
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e.message || e)));
    await page.goto(url, { waitUntil: 'commit' });

    // (a) form interactive
    try {
      await page.waitForFunction(() => window.__bench && window.__bench.formReady !== null, null, { timeout, polling: 50 });
      const input = await field(page, 'Image name');
      if (!input) throw new FigureError('no field labelled "Image name"');
      const name = `bench image ${which} ${i}`;
      await input.fill(name);
      if ((await input.inputValue()) !== name) throw new FigureError('the "Image name" field did not keep typed input');
      out.a = await page.evaluate(() => window.__bench.formReady);
      out.nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        const res = performance.getEntriesByType('resource');
        return {
          dcl: n && n.domContentLoadedEventEnd, load: n && n.loadEventEnd,
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
          bytes: (n ? n.encodedBodySize : 0) + res.reduce((s, r) => s + (r.encodedBodySize || 0), 0),
          decoded: (n ? n.decodedBodySize : 0) + res.reduce((s, r) => s + (r.decodedBodySize || 0), 0),
          // Headers and bodies actually fetched: 0 for a file served from the HTTP cache.
          transfer: (n ? n.transferSize : 0) + res.reduce((s, r) => s + (r.transferSize || 0), 0),
          requests: 1 + res.length,
        };
      });
    } catch (e) {
      out.errors.a = why(e, pageErrors, 'the form never became interactive');
      return out; // nothing else can be measured
    }
    if (!full) return out;

    // (b) click -> request
    let imageId = null;
    try {
      const token = await field(page, 'Token');
      if (!token) throw new FigureError('no field labelled "Token"');
      await reveal(page, token, /connection|settings|token/i);
      await token.fill(sim.token);
      // The app lists disks (and picks the ?volume= one) once the token is in and
      // "Load disks" is chosen; the baseline has no such step. Not part of any figure.
      const loadDisks = page.getByRole('button', { name: 'Load disks', exact: true });
      if (await loadDisks.count()) await loadDisks.first().click();
      const button = page.getByRole('button', { name: 'Export', exact: true });
      if (!(await button.count())) throw new FigureError('no button named "Export"');
      await button.first().waitFor({ state: 'visible' });
      try {
        await page.waitForFunction((el) => !el.disabled, await button.first().elementHandle(), { timeout: timeout / 2, polling: 50 });
      } catch {
        const gate = await page.evaluate(() => document.querySelector('.evs-gate, [role=status]')?.textContent || '');
        throw new FigureError(`the Export button stayed disabled${gate ? ` ("${gate.trim().slice(0, 120)}")` : ''}`);
      }
      const respP = page.waitForResponse((r) => r.request().method() === 'POST' && /\/action(\?|$)/.test(r.url()), { timeout });
      respP.catch(() => {});
      // Let the page settle after typing (the frameworks' input handlers, validation).
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      if (trace) await trace.start(page);
      await button.first().click();
      const resp = await respP.catch(async () => {
        const st = await page.evaluate(() => ({ clicks: window.__bench.clickN, fetches: window.__bench.fetches }));
        throw new FigureError(`no export request after the click (export clicks seen: ${st.clicks}; fetches: ${st.fetches.join(', ') || 'none'})`);
      });
      const st = await page.evaluate(() => ({ clickT: window.__bench.clickT, fetchT: window.__bench.fetchT }));
      if (st.clickT === null) throw new FigureError('the click on Export was not seen by the probe');
      if (st.fetchT === null) throw new FigureError('the export request did not go through window.fetch');
      out.b = st.fetchT - st.clickT;
      if (resp.status() !== 202) {
        throw new FigureError(`export answered HTTP ${resp.status()}: ${(await resp.text()).slice(0, 200)}`);
      }
      imageId = JSON.parse(await resp.text())['os-volume_upload_image']?.image_id;
      if (!imageId) throw new FigureError('the 202 answer had no image_id');
    } catch (e) {
      out.errors.b = why(e, pageErrors, 'click -> request failed');
      out.errors.c = 'not measured (no export response)';
      return out;
    }

    // (c) response -> rendered
    try {
      await page.waitForFunction((id) => window.__bench.respT !== null && window.__bench.log.some((x) => x.text.includes(id)),
        imageId, { timeout: throttled ? 30000 : 10000, polling: 50 })
        .catch(async () => {
          const inText = await page.evaluate((id) => document.body.innerText.includes(id), imageId);
          throw new FigureError(inText ? 'the image id is on the page but was never seen added (rendered in an attribute?)'
            : `the image id ${imageId} never appeared on the page`);
        });
      const c = await page.evaluate((id) => {
        const B = window.__bench;
        const t = B.log.find((x) => x.text.includes(id)).t;
        return { c: t - B.respT, body: B.bodyT === null ? null : B.bodyT - B.respT, render: B.bodyT === null ? null : t - B.bodyT };
      }, imageId);
      out.c = c.c;
      out.c1 = c.body;
      out.c2 = c.render;
      if (trace) {
        // A frame after the id appeared, so the paint that shows it is in the trace too.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        out.markIndex = await page.evaluate((id) => window.__bench.log.findIndex((x) => x.text.includes(id)), imageId);
        out.trace = await trace.stop();
      }
    } catch (e) {
      out.errors.c = why(e, pageErrors, 'response -> rendered failed');
    }
    return out;
  } finally {
    if (trace) await trace.abort();
    await page.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- Chrome trace of (c)
const TRACE_CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing', 'v8.execute', 'v8', 'v8.wasm', 'disabled-by-default-v8.cpu_profiler', 'loading', 'blink',
];

// Tracing over CDP for one tab (`categories`: TRACE_CATEGORIES unless given).
function cdpTrace(categories = TRACE_CATEGORIES) {
  let cdp = null;
  let events = [];
  return {
    async start(page) {
      cdp = await page.context().newCDPSession(page);
      events = [];
      cdp.on('Tracing.dataCollected', (e) => { events.push(...e.value); });
      await cdp.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: categories },
      });
    },
    async stop() {
      const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
      await cdp.send('Tracing.end');
      await done;
      cdp = null;
      return events;
    },
    async abort() {
      if (!cdp) return;
      try { await cdp.send('Tracing.end'); } catch { /* already ended */ }
      cdp = null;
    },
  };
}

// Self time of the complete ('X') trace events of one thread, clipped to [t0, t1] (µs): a
// nested event's time is taken out of its parent's. Also how many of each there were.
function selfTimes(events, pid, tid, t0, t1) {
  const xs = events.filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && e.dur !== undefined
    && e.ts < t1 && e.ts + e.dur > t0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const count = new Map();
  const stack = [];
  const clip = (a, b) => Math.max(0, Math.min(b, t1) - Math.max(a, t0));
  const add = (e, us) => self.set(e.name, (self.get(e.name) || 0) + us);
  for (const e of xs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) add(parent.e, -clip(e.ts, e.ts + e.dur));
    add(e, clip(e.ts, e.ts + e.dur));
    count.set(e.name, (count.get(e.name) || 0) + 1);
    stack.push({ e, end: e.ts + e.dur });
  }
  return { xs, self, count, clip };
}

// One cold load of the app traced (no CPU profiler: its code logging would add to the wasm
// figures), from navigation start to the 'bench-form-ready' mark the probe sets when (a) is
// reached: where the page's main thread spent that time, and how many wasm functions V8
// compiled on their first call (lazy compilation, 'wasm.CompileLazy').
async function traceStartup(browser, sim, disk, url) {
  await resetSim(sim, disk);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  cleanups.push(async () => context.close());
  await context.addInitScript({ content: PROBE });
  const page = await context.newPage();
  const trace = cdpTrace(TRACE_CATEGORIES.filter((c) => !c.includes('cpu_profiler')));
  let events;
  try {
    await trace.start(page);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench && window.__bench.formReady !== null, null, { timeout: 20000, polling: 50 });
    events = await trace.stop();
  } catch (e) {
    await trace.abort();
    return { error: `not recorded: ${String(e.message || e).split('\n')[0]}` };
  } finally {
    await context.close().catch(() => {});
  }
  const ready = events.find((e) => e.name === 'bench-form-ready' && String(e.cat).includes('blink.user_timing'));
  if (!ready) return { error: 'the bench-form-ready mark is missing from the trace' };
  const { pid, tid } = ready;
  const navs = events.filter((e) => e.name === 'navigationStart' && e.pid === pid && e.ts <= ready.ts);
  if (!navs.length) return { error: 'no navigationStart for the page in the trace' };
  const t0 = Math.max(...navs.map((e) => e.ts)), t1 = ready.ts;
  const { xs, self, count, clip } = selfTimes(events, pid, tid, t0, t1);
  const lazy = xs.filter((e) => e.name === 'wasm.CompileLazy');
  const busy = xs.filter((e) => e.name === 'RunTask').reduce((a, e) => a + clip(e.ts, e.ts + e.dur), 0);
  // The task that ran the wasm's start and rendered the live console: the longest task after
  // the wasm was instantiated.
  const inst = xs.find((e) => e.name === 'wasm.SyncInstantiate' || e.name === 'wasm.AsyncInstantiate');
  const tasks = xs.filter((e) => e.name === 'RunTask' && (!inst || e.ts + e.dur >= inst.ts));
  const start = tasks.sort((a, b) => b.dur - a.dur)[0];
  let startTask = null;
  if (start) {
    const inner = selfTimes(events, pid, tid, start.ts, start.ts + start.dur);
    const lz = inner.xs.filter((e) => e.name === 'wasm.CompileLazy');
    startTask = { ms: clip(start.ts, start.ts + start.dur) / 1000, lazy_count: lz.length,
      lazy_ms: (inner.self.get('wasm.CompileLazy') || 0) / 1000 };
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 10).filter(([, v]) => v > 200)
    .map(([k, v]) => [k, v / 1000, count.get(k) || 0]);
  return {
    window_ms: (t1 - t0) / 1000, main_thread_busy_ms: busy / 1000,
    lazy_count: lazy.length, lazy_ms: (self.get('wasm.CompileLazy') || 0) / 1000,
    start_task: startTask, self_ms: top,
  };
}

function printStartupTrace(t) {
  console.log('\nChrome trace of one cold app load, navigation start -> form interactive (a), no CPU profiler');
  if (t.error) { console.log(`  ${t.error}`); return; }
  console.log(`  window ${ms(t.window_ms)} ms, main thread busy ${ms(t.main_thread_busy_ms)} ms; wasm functions compiled on ` +
    `first call (wasm.CompileLazy): ${t.lazy_count}, ${ms(t.lazy_ms)} ms`);
  if (t.start_task) {
    console.log(`  the task that ran the wasm's start and rendered the console: ${ms(t.start_task.ms)} ms, of it ` +
      `${ms(t.start_task.lazy_ms)} ms compiling ${t.start_task.lazy_count} functions on first call`);
  }
  console.log('  self time by trace event (ms, count):');
  for (const [k, v, n] of t.self_ms) console.log(`    ${v.toFixed(2).padStart(7)}  ${k} (${n})`);
}

// Where the time between the 'bench-response' mark and the mark of the DOM batch that
// holds the image id goes, on the page's main thread: self time per trace event, the
// functions the CPU profiler sampled most, and the frames drawn.
function traceSummary(events, markIndex) {
  const mark = (name) => events.find((e) => e.name === name && String(e.cat).includes('blink.user_timing'));
  const m0 = mark('bench-response'), m1 = mark(`bench-dom-${markIndex}`);
  if (!m0 || !m1) return { error: 'the User Timing marks are missing from the trace' };
  const { pid, tid } = m0;
  const t0 = m0.ts, t1 = m1.ts;
  const { xs, self, clip } = selfTimes(events, pid, tid, t0, t1);
  const busy = xs.filter((e) => e.name === 'RunTask').reduce((s, e) => s + clip(e.ts, e.ts + e.dur), 0);
  // CPU profile samples ('ProfileChunk'): the self time of functions (wasm ones by index
  // unless the build keeps names).
  const nodes = new Map();
  const fn = new Map();
  let sampleT = null;
  for (const e of events.filter((x) => x.name === 'ProfileChunk' || x.name === 'Profile')) {
    if (e.name === 'Profile') { sampleT = e.args?.data?.startTime ?? sampleT; continue; }
    const d = e.args?.data?.cpuProfile;
    const deltas = e.args?.data?.timeDeltas || [];
    for (const n of d?.nodes || []) nodes.set(n.id, n.callFrame);
    (d?.samples || []).forEach((id, k) => {
      sampleT = (sampleT ?? 0) + (deltas[k] || 0);
      if (sampleT < t0 || sampleT > t1) return;
      const cf = nodes.get(id);
      if (!cf) return;
      const name = `${cf.functionName || '(anonymous)'}${cf.url ? ` ${cf.url.split('/').pop()}` : ''}`;
      fn.set(name, (fn.get(name) || 0) + 1);
    });
  }
  const frames = events.filter((e) => (e.name === 'DrawFrame' || e.name === 'BeginFrame' && e.cat.includes('timeline.frame'))
    && e.ts >= t0 && e.ts <= t1).length;
  const paints = events.filter((e) => e.name === 'Paint' && e.ts >= t0 && e.ts <= t1).length;
  const top = (m, n, scale) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, v * scale]);
  return {
    window_ms: (t1 - t0) / 1000, main_thread_busy_ms: busy / 1000, frames, paints,
    lazy_count: xs.filter((e) => e.name === 'wasm.CompileLazy').length,
    lazy_ms: (self.get('wasm.CompileLazy') || 0) / 1000,
    self_ms: top(self, 12, 1 / 1000).filter(([, v]) => v > 0.05),
    samples: top(fn, 12, 1),
  };
}

function printTrace(t) {
  console.log('\nChrome trace of one export, (c) window: fetch resolved -> image id in the DOM');
  if (t.error) { console.log(`  ${t.error}`); return; }
  console.log(`  window ${ms(t.window_ms, 2)} ms, main thread busy ${ms(t.main_thread_busy_ms, 2)} ms, ` +
    `frames begun ${t.frames}, paints ${t.paints}`);
  console.log(`  wasm functions compiled on first call in the window (wasm.CompileLazy): ${t.lazy_count}, ${ms(t.lazy_ms, 2)} ms`);
  console.log('  self time by trace event (ms):');
  for (const [k, v] of t.self_ms) console.log(`    ${v.toFixed(2).padStart(7)}  ${k}`);
  if (t.samples.length) {
    console.log('  CPU profiler samples by function (self; one sample ~0.1-1 ms):');
    for (const [k, v] of t.samples) console.log(`    ${String(v).padStart(7)}  ${k}`);
  }
}

function why(e, pageErrors, fallback) {
  let msg = e instanceof FigureError ? e.message : `${fallback}: ${String(e.message || e).split('\n')[0]}`;
  if (pageErrors.length) msg += ` [page errors: ${pageErrors.slice(0, 2).join(' | ').slice(0, 300)}]`;
  return msg;
}

// ---------------------------------------------------------------- statistics
function quantile(xs, q) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const stats = (xs) => ({ n: xs.length, median: quantile(xs, 0.5), p90: quantile(xs, 0.9), p99: quantile(xs, 0.99),
  min: xs.length ? Math.min(...xs) : null, max: xs.length ? Math.max(...xs) : null });
const ms = (x, d = 1) => (x === null || x === undefined ? '—' : x.toFixed(d));

const FIGURES = [
  ['a', '(a) navigation start -> form interactive', 'ms'],
  ['b', '(b) click Export -> fetch() called', 'ms'],
  ['c', '(c) fetch resolved -> image id in DOM', 'ms'],
];

async function runSeries(browser, sim, disk, urls, loads, throttled) {
  const results = { app: [], baseline: [] };
  // One discarded warm-up load of each (first-use costs of the browser process itself).
  for (const which of ['baseline', 'app']) {
    await resetSim(sim, disk);
    await coldLoad(browser, sim, disk, which, urls[which], throttled, -1);
  }
  for (let i = 0; i < loads; i++) {
    // Alternate the order so that drift affects both equally.
    for (const which of i % 2 ? ['app', 'baseline'] : ['baseline', 'app']) {
      await resetSim(sim, disk);
      results[which].push(await coldLoad(browser, sim, disk, which, urls[which], throttled, i));
    }
  }
  return results;
}

function summarize(title, results) {
  const summary = {};
  console.log(`\n${title}`);
  const head = ['figure', 'app median', 'app p90', 'base median', 'base p90', 'app/base', 'ok loads'];
  const rows = [];
  for (const [k, label] of FIGURES) {
    const s = {};
    for (const which of ['app', 'baseline']) s[which] = stats(results[which].map((r) => r[k]).filter((x) => x !== null));
    const ratio = s.app.median !== null && s.baseline.median ? s.app.median / s.baseline.median : null;
    summary[k] = { ...s, ratio };
    rows.push([label, ms(s.app.median), ms(s.app.p90), ms(s.baseline.median), ms(s.baseline.p90),
      ratio === null ? '—' : `${ratio.toFixed(2)}x`, `${s.app.n}/${results.app.length} | ${s.baseline.n}/${results.baseline.length}`]);
  }
  for (const [k, label, f] of [
    ['c1', '    (c) part 1: fetch resolved -> body read', (r) => r.c1],
    ['c2', '    (c) part 2: body read -> image id in DOM', (r) => r.c2],
    ['dcl', '    (context) DOMContentLoaded', (r) => r.nav?.dcl], ['load', '    (context) load event end', (r) => r.nav?.load],
    ['fcp', '    (context) first contentful paint', (r) => r.nav?.fcp]]) {
    const s = {};
    for (const which of ['app', 'baseline']) s[which] = stats(results[which].map(f).filter((x) => x !== null && x !== undefined));
    summary[k] = s;
    rows.push([label, ms(s.app.median), ms(s.app.p90), ms(s.baseline.median), ms(s.baseline.p90),
      s.app.median !== null && s.baseline.median ? `${(s.app.median / s.baseline.median).toFixed(2)}x` : '—', '']);
  }
  const w = [Math.max(...rows.map((r) => r[0].length), 6), 10, 9, 11, 9, 8, 9];
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  console.log(fmt(head) + '   (ms)');
  console.log('-'.repeat(fmt(head).length));
  rows.forEach((r) => console.log(fmt(r)));
  summary.bytes = {};
  for (const which of ['app', 'baseline']) {
    const r = results[which].find((x) => x.nav);
    summary.bytes[which] = quantile(results[which].filter((x) => x.nav).map((x) => x.nav.bytes), 0.5);
    if (r) console.log(`  ${which}: ${r.nav.requests} requests, bodies ${r.nav.bytes} bytes on the wire, ${r.nav.decoded} bytes decoded`);
  }
  // One line per distinct failure, so a half-built app gives a clear reason per figure.
  for (const which of ['app', 'baseline']) {
    for (const [k] of FIGURES) {
      const errs = new Map();
      for (const r of results[which]) if (r.errors[k]) errs.set(r.errors[k], (errs.get(r.errors[k]) || 0) + 1);
      for (const [msg, n] of errs) console.log(`  ${which} (${k}) not measured in ${n} load(s): ${msg}`);
    }
  }
  return summary;
}

// ---------------------------------------------------------------- repeat visits
// One persistent profile (an on-disk HTTP cache and V8's code cache, as a returning operator
// has): each page is loaded twice to warm them (V8 caches compiled wasm from the second
// compile on), then every measured load is a new tab of the same profile.
async function runRepeat(sim, disk, urls, loads) {
  const dir = mkdtempSync(join(tmpdir(), 'evs-bench-profile-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: CHROME_ARGS, serviceWorkers: 'block',
  });
  cleanups.push(async () => context.close());
  await context.addInitScript({ content: PROBE });
  const results = { app: [], baseline: [] };
  for (const which of ['baseline', 'app']) {
    for (let k = 0; k < 2; k++) {
      await resetSim(sim, disk);
      await measureLoad(context, sim, disk, which, urls[which], { i: -1, full: false });
    }
  }
  for (let i = 0; i < loads; i++) {
    for (const which of i % 2 ? ['app', 'baseline'] : ['baseline', 'app']) {
      await resetSim(sim, disk);
      results[which].push(await measureLoad(context, sim, disk, which, urls[which], { i, full: false }));
    }
  }
  await context.close().catch(() => {});
  return results;
}

function summarizeRepeat(title, results) {
  console.log(`\n${title}`);
  const out = {};
  const head = ['figure', 'app median', 'app p90', 'base median', 'base p90', 'app/base', 'ok loads'];
  const w = [44, 10, 9, 11, 9, 8, 9];
  const fmt = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  console.log(fmt(head) + '   (ms)');
  console.log('-'.repeat(fmt(head).length));
  for (const [k, label, f] of [['a', '(a) navigation start -> form interactive', (r) => r.a],
    ['fcp', '    (context) first contentful paint', (r) => r.nav?.fcp]]) {
    const st = {};
    for (const which of ['app', 'baseline']) st[which] = stats(results[which].map(f).filter((x) => x !== null && x !== undefined));
    const ratio = st.app.median !== null && st.baseline.median ? st.app.median / st.baseline.median : null;
    out[k] = { ...st, ratio };
    console.log(fmt([label, ms(st.app.median), ms(st.app.p90), ms(st.baseline.median), ms(st.baseline.p90),
      ratio === null ? '—' : `${ratio.toFixed(2)}x`, `${st.app.n}/${results.app.length} | ${st.baseline.n}/${results.baseline.length}`]));
  }
  out.bytes = {};
  for (const which of ['app', 'baseline']) {
    out.bytes[which] = quantile(results[which].filter((x) => x.nav).map((x) => x.nav.transfer), 0.5);
    console.log(`  ${which}: median ${out.bytes[which] ?? '—'} bytes fetched per repeat visit (headers and bodies; cached files count 0)`);
    const errs = new Map();
    for (const r of results[which]) if (r.errors.a) errs.set(r.errors.a, (errs.get(r.errors.a) || 0) + 1);
    for (const [msg, n] of errs) console.log(`  ${which} (a) not measured in ${n} load(s): ${msg}`);
  }
  return out;
}

// ---------------------------------------------------------------- goals (issue 16)
function goals(report) {
  const u = report.unthrottled, th = report.throttled, rp = report.repeat;
  const x = (v) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}x`);
  const rows = [];
  const ratioGoal = (label, fig, limit) => {
    if (!fig) return rows.push([label, '—', '—', 'not run', null]);
    const r = fig.ratio ?? (fig.app.median !== null && fig.baseline.median ? fig.app.median / fig.baseline.median : null);
    rows.push([label, `${ms(fig.app.median)} ms`, `${ms(fig.baseline.median)} ms`, x(r), r === null ? null : r <= limit]);
  };
  ratioGoal('first contentful paint <= 1.2x baseline', u.fcp, 1.2);
  ratioGoal('first contentful paint, throttled, <= 1.2x', th?.fcp, 1.2);
  ratioGoal('navigation -> form interactive <= 1.4x', u.a, 1.4);
  ratioGoal('form interactive, throttled, <= 2.5x', th?.a, 2.5);
  const kb = (b) => (b === null || b === undefined ? '—' : `${(b / 1000).toFixed(1)} KB`);
  rows.push(['first-load transfer <= 150 KB (bodies, brotli)', kb(u.bytes.app), kb(u.bytes.baseline), '',
    u.bytes.app === null ? null : u.bytes.app <= 150000]);
  const c = u.c.app.median;
  rows.push(['response -> rendered <= 16 ms (stretch 8)', `${ms(c)} ms`, `${ms(u.c.baseline.median)} ms`,
    c === null ? '' : c <= 8 ? 'stretch met' : '', c === null ? null : c <= 16]);
  ratioGoal('repeat visit: form interactive <= 1.2x', rp?.a, 1.2);
  const b = u.b.app.median;
  rows.push(['click -> request <= 5 ms (earlier goal)', `${ms(b)} ms`, `${ms(u.b.baseline.median)} ms`, '',
    b === null ? null : b <= 5]);
  console.log('\nGoals (issue 16; medians; app beside the vanilla baseline)');
  const w = [48, 12, 12, 11, 8];
  const fmt = (r) => r.map((v, i) => (i === 0 ? String(v).padEnd(w[i]) : String(v).padStart(w[i]))).join('  ');
  console.log(fmt(['goal', 'app', 'baseline', 'ratio', 'result']));
  console.log('-'.repeat(fmt(['goal', 'app', 'baseline', 'ratio', 'result']).length));
  for (const r of rows) console.log(fmt([r[0], r[1], r[2], r[3], r[4] === null ? 'n/a' : r[4] ? 'MET' : 'MISSED']));
  return rows.map(([goal, app, baseline, ratio, met]) => ({ goal, app, baseline, ratio, met }));
}

// ---------------------------------------------------------------- simulator overhead
async function simOverhead(sim, n) {
  const targets = [
    ['GET /evs/v2/{p}/volumes/detail', `${sim.base}/evs/v2/${sim.project}/volumes/detail`, { 'X-Auth-Token': sim.token }],
    ['GET / (static index.html)', `${sim.base}/`, {}],
  ];
  const out = {};
  console.log(`\nSimulator overhead (node http client, keep-alive, loopback; ${n} requests per row)`);
  const head = ['request', 'mode', 'req/s', 'p50 ms', 'p99 ms', 'max ms'];
  const w = [32, 16, 8, 7, 7, 7];
  const fmt = (r) => r.map((c, i) => (i < 2 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  ');
  console.log(fmt(head));
  console.log('-'.repeat(fmt(head).length));
  for (const [label, url, headers] of targets) {
    for (const conc of [1, 8]) {
      await request(url, { headers }); // warm the connection
      const lat = [];
      let next = 0, bad = 0;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: conc }, async () => {
        while (next < n) {
          next++;
          const s = performance.now();
          const r = await request(url, { headers });
          lat.push(performance.now() - s);
          if (r.status !== 200) bad++;
        }
      }));
      const secs = (performance.now() - t0) / 1000;
      const s = stats(lat);
      const mode = conc === 1 ? 'sequential' : `${conc} concurrent`;
      out[`${label} ${mode}`] = { rps: n / secs, ...s, non200: bad };
      console.log(fmt([label, mode, (n / secs).toFixed(0), ms(s.median, 2), ms(s.p99, 2), ms(s.max, 2)]) +
        (bad ? `   (${bad} non-200!)` : ''));
    }
  }
  return out;
}

// ---------------------------------------------------------------- main
function precompress(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) precompress(p);
    else if (/\.(wasm|m?js|css|html)$/i.test(e.name)) {
      const buf = readFileSync(p);
      writeFileSync(`${p}.br`, brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }));
      writeFileSync(`${p}.gz`, gzipSync(buf, { level: 9 }));
    }
  }
}

// Other work on the machine (compilers, tests) skews every figure: say how busy it was.
function loadLine(when) {
  const l = loadavg(), n = cpus().length;
  console.log(`  load average at ${when}: ${l.map((x) => x.toFixed(2)).join(' ')} on ${n} CPUs` +
    (l[0] > n * 0.5 ? '  (BUSY machine: figures are inflated and noisy)' : ''));
  return l;
}

async function main() {
  const dist = resolve(opt.dist), base = resolve(opt.baseline);
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${opt.dist}/index.html missing: run \`trunk build --release\` first`);
  if (!existsSync(join(base, 'index.html'))) throw new Error(`${opt.baseline}/index.html missing`);
  const root = mkdtempSync(join(tmpdir(), 'evs-bench-'));
  cleanups.push(async () => rmSync(root, { recursive: true, force: true }));
  cpSync(dist, root, { recursive: true });
  cpSync(base, join(root, 'baseline'), { recursive: true });
  if (opt.precompress) precompress(root);

  const sim = await startSim(root);
  const disk = await findDisk(sim);
  const q = `?project=${encodeURIComponent(sim.project)}&volume=${encodeURIComponent(disk)}`;
  const urls = { app: `${sim.base}/${q}`, baseline: `${sim.base}/baseline/index.html${q}` };

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_ARGS });
  cleanups.push(async () => browser.close());
  const report = {
    date: new Date().toISOString(), chromium: browser.version(), simulator: sim.bin, disk,
    loads: opt.loads, throttledLoads: opt.throttled ? opt.throttledLoads : 0,
  };
  console.log(`Startup benchmark: Chromium ${browser.version()}, simulator ${sim.bin} at ${sim.base}, disk ${disk}`);
  console.log(`  app:      ${urls.app}\n  baseline: ${urls.baseline}`);
  console.log('  each load: a fresh browser context (empty cache), simulator reset before it; medians and p90 over the loads');
  report.loadavgStart = loadLine('start');

  report.unthrottled = summarize(`Cold loads, no throttling (${opt.loads} per page, after 1 discarded warm-up each)`,
    await runSeries(browser, sim, disk, urls, opt.loads, false));
  if (opt.throttled && opt.throttledLoads > 0) {
    report.throttled = summarize(
      `Cold loads, CPU ${CPU_RATE}x slower + fast 3G (150 ms, 1.6 Mbit/s down, 750 kbit/s up) (${opt.throttledLoads} per page)`,
      await runSeries(browser, sim, disk, urls, opt.throttledLoads, true));
  }
  if (opt.repeatLoads > 0) {
    report.repeat = summarizeRepeat(
      `Repeat visits: one profile, HTTP cache and code cache warm (${opt.repeatLoads} per page, after 2 warming loads each)`,
      await runRepeat(sim, disk, urls, opt.repeatLoads));
  }
  if (opt.trace) {
    report.startup_trace = await traceStartup(browser, sim, disk, urls.app);
    printStartupTrace(report.startup_trace);
    await resetSim(sim, disk);
    const r = await coldLoad(browser, sim, disk, 'app', urls.app, false, 0, { trace: cdpTrace() });
    if (r.trace) {
      writeFileSync(opt.trace, JSON.stringify({ traceEvents: r.trace }));
      report.trace = { file: opt.trace, c_ms: r.c, ...traceSummary(r.trace, r.markIndex) };
      printTrace(report.trace);
      console.log(`  (the whole trace: ${opt.trace}; open it in DevTools' Performance panel)`);
    } else {
      console.log(`\nChrome trace: not recorded (${Object.values(r.errors).join('; ') || 'no trace'})`);
    }
  }
  report.simulator_overhead = await simOverhead(sim, opt.simRequests);
  report.goals = goals(report);

  report.loadavgEnd = loadLine('end');
  if (opt.jsonOut) writeFileSync(opt.jsonOut, JSON.stringify(report, null, 2));
}

main().then(async () => { await cleanup(); clearTimeout(deadline); process.exit(0); },
  async (e) => { console.error(`startup.mjs: ${e.message || e}`); await cleanup(); process.exit(1); });
