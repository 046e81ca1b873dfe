// The embedding build a portal hosts (scripts/build-embed.sh): scripts/test.sh builds it for the
// public URL /static/evs-console/ into $EMBED_BUILD_ROOT/static/evs-console/. Here a second
// simulator serves $EMBED_BUILD_ROOT at / (so the files sit at the public URL, with the API under
// /evs and /ims on the same origin), a host page (tests/e2e/embed-host/) imports
// evs-export-image.js from there under a strict CSP, and the element renders the console and
// exports a disk through to an active image.
//
// Without EMBED_BUILD_ROOT (a plain `npx playwright test`) the file is skipped; to run it alone:
//   scripts/build-embed.sh /static/evs-console/ /tmp/embed/static/evs-console
//   EMBED_BUILD_ROOT=/tmp/embed npx playwright test tests/e2e/embed-build.spec.mjs
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startSimulator, stopSimulator } from './fixtures.mjs';
import { forbidDialogs } from './helpers.mjs';

const ROOT = process.env.EMBED_BUILD_ROOT;
const PUBLIC_URL = '/static/evs-console/';
const HOSTED = ['evs-export-image.js', 'evs-console.js', 'evs-console_bg.wasm', 'main.css'];
const HOST_PAGE = new URL('./embed-host/', import.meta.url);

test.skip(!ROOT, 'EMBED_BUILD_ROOT is not set (scripts/test.sh builds it with scripts/build-embed.sh)');

let sim;
let origin;

test.beforeAll(async () => {
  if (!ROOT) return;
  for (const name of ['index.html', 'host.js']) {
    copyFileSync(new URL(name, HOST_PAGE), join(ROOT, name));
  }
  ({ child: sim, url: origin } = await startSimulator(ROOT, ['--export-seconds', '1', '--seed', '11']));
});

test.afterAll(async () => {
  await stopSimulator(sim);
});

test('the build holds every file a portal hosts, each with .br and .gz siblings', () => {
  const dir = join(ROOT, PUBLIC_URL);
  for (const name of HOSTED) {
    for (const file of [name, `${name}.br`, `${name}.gz`]) {
      expect(existsSync(join(dir, file)), `${PUBLIC_URL}${file}`).toBe(true);
      expect(statSync(join(dir, file)).size, `${PUBLIC_URL}${file}`).toBeGreaterThan(0);
    }
  }
});

test('served at the public URL: types and precompressed encodings', async ({ request }) => {
  const types = {
    'evs-export-image.js': /^text\/javascript/,
    'evs-console.js': /^text\/javascript/,
    'evs-console_bg.wasm': /^application\/wasm$/,
    'main.css': /^text\/css/,
  };
  for (const [name, type] of Object.entries(types)) {
    for (const encoding of ['br', 'gzip']) {
      const r = await request.get(`${origin}${PUBLIC_URL}${name}`, { headers: { 'accept-encoding': encoding } });
      expect(r.status(), name).toBe(200);
      expect(r.headers()['content-type'], name).toMatch(type);
      expect(r.headers()['content-encoding'], name).toBe(encoding);
    }
  }
});

test('a host page mounts <evs-export-image> from the build and exports to an active image', async ({ page }) => {
  forbidDialogs(page);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  const loaded = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith(PUBLIC_URL)) loaded.push(`${r.status()} ${path.slice(PUBLIC_URL.length)}`);
  });

  await page.goto(`${origin}/`);
  const el = page.locator('#export');
  await expect(el.getByRole('radio', { name: 'data-disk-01', exact: true })).toBeVisible();
  // The glue, the wasm and the stylesheet all came from the public URL.
  expect(loaded.sort()).toEqual(HOSTED.map((f) => `200 ${f}`).sort());
  expect(await el.evaluate((h) => h.shadowRoot.querySelector('link[rel="stylesheet"]').getAttribute('href')))
    .toBe(`${origin}${PUBLIC_URL}main.css`);

  await el.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
  await el.getByLabel('Image name').fill('from the embed build');
  await el.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(el.getByRole('region', { name: 'Export accepted' }).getByText('The image is active'))
    .toBeVisible({ timeout: 20_000 });
  await expect(page.locator('body')).toHaveAttribute('data-image-active', /^[0-9a-f-]{36}$/);
  expect(problems).toEqual([]);
});
