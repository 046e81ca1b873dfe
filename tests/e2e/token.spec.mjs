// Token hygiene, checked against an evs-sim of this test's own (its stderr goes to a file, so
// the per-request log lines can be searched too) with a token no other test uses. Extends
// settings.spec.mjs (memory only, remember, sign out during polling, token in the address):
// here the token must not appear in any request URL or body, localStorage, cookies, any
// console message, any text the page shows (errors and the request view included), the
// simulator's /__sim/log or its stderr; and after Sign out no request carries it.
import { test, expect } from './fixtures.mjs';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PROJECT, forbidDialogs, tokenField, disk, fill, exportButton, formAlert } from './helpers.mjs';

const TOKEN = `MIItok-${Date.now().toString(36)}-secret`;
const STDERR = 'target/token-sim.stderr.log';
let sim;
let base;

test.beforeAll(async () => {
  mkdirSync('target', { recursive: true });
  const err = openSync(STDERR, 'w');
  sim = spawn('target/debug/evs-sim', ['--port', '0', '--static', 'dist', '--export-seconds', '2', '--token', TOKEN], {
    stdio: ['ignore', 'pipe', err],
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: sim.stdout }).once('line', resolve);
    sim.once('exit', (code) => reject(new Error(`evs-sim exited ${code}`)));
  });
  base = line.match(/http:\/\/127\.0\.0\.1:\d+/)[0];
  // The start line names the token (it is the simulator's own configuration); nothing else may.
});

test.afterAll(async () => {
  if (sim) sim.kill('SIGTERM');
});

test('the token never leaves the request header, and Sign out drops it', async ({ page }) => {
  forbidDialogs(page);
  const seen = [];
  page.on('console', (m) => seen.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  const requests = [];
  page.on('request', (r) => requests.push(r));

  await page.goto(`${base}/?project=${PROJECT}`);
  await tokenField(page).fill(TOKEN);
  await page.getByLabel('Remember for this tab').check();
  await page.getByRole('button', { name: 'Load disks' }).click();
  await expect(disk(page, 'data-disk-01')).toBeVisible();

  // A real export with the request view open, then one with a token the server refuses (401).
  await fill(page, 'data-disk-01', 'token test');
  await page.getByText('Show request').click();
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  await tokenField(page).fill(`${TOKEN}-wrong`);
  await fill(page, 'linux-boot', 'token test');
  await exportButton(page).click();
  await expect(formAlert(page)).toContainText('(401)');
  await tokenField(page).fill(TOKEN);

  // Everything the page shows, stores and logs.
  const shown = await page.evaluate(() => document.body.innerText);
  expect(shown).not.toContain(TOKEN.slice(0, 12));
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).not.toContain(TOKEN);
  expect(JSON.stringify(await page.context().cookies())).not.toContain(TOKEN);
  // Remembered: sessionStorage has it (the one place it may be) until Sign out.
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).toContain(TOKEN);

  // Sign out: memory and sessionStorage cleared; Load disks then sends nothing with it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(tokenField(page)).toHaveValue('');
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(TOKEN);
  const before = requests.length;
  await page.getByRole('button', { name: 'Load disks' }).click();
  await expect(page.getByText('Enter the project ID and a token')).toBeVisible();
  await page.waitForTimeout(1000);
  const after = requests.slice(before);
  for (const r of after) expect(await r.headerValue('x-auth-token')).toBeNull();
  expect(after.filter((r) => r.url().includes('/evs/') || r.url().includes('/ims/'))).toEqual([]);
  await page.reload();
  await expect(tokenField(page)).toHaveValue('');

  // Requests: the token only ever in the X-Auth-Token header.
  expect(requests.length).toBeGreaterThan(5);
  let withHeader = 0;
  for (const r of requests) {
    expect(r.url()).not.toContain(TOKEN.slice(0, 12));
    expect(r.postData() ?? '').not.toContain(TOKEN.slice(0, 12));
    const h = await r.allHeaders();
    for (const [k, v] of Object.entries(h)) {
      if (k !== 'x-auth-token') expect(v, k).not.toContain(TOKEN.slice(0, 12));
    }
    if (h['x-auth-token']?.startsWith(TOKEN)) withHeader += 1;
  }
  expect(withHeader).toBeGreaterThan(3);
  for (const s of seen) expect(s).not.toContain(TOKEN.slice(0, 12));

  // The simulator's request log and its stderr.
  const log = await (await page.request.get(`${base}/__sim/log`)).text();
  expect(log.length).toBeGreaterThan(100);
  expect(log).not.toContain(TOKEN.slice(0, 12));
  const stderr = readFileSync(STDERR, 'utf8');
  expect(stderr).toContain('/action -> 202');
  expect(stderr).not.toContain(TOKEN.slice(0, 12));
});

test('a token pasted into a query of an API path is redacted in the simulator log', async ({ request }) => {
  await request.get(`${base}/evs/v2/${PROJECT}/volumes/detail?token=${TOKEN}&x=${encodeURIComponent(TOKEN)}`, {
    headers: { 'X-Auth-Token': TOKEN },
  });
  const log = await (await request.get(`${base}/__sim/log`)).text();
  expect(log).not.toContain(TOKEN.slice(0, 12));
  expect(readFileSync(STDERR, 'utf8')).not.toContain(TOKEN.slice(0, 12));
});
