// Shared steps of the browser tests: the simulator's control endpoints and the console's
// main controls, found by role and label.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';

export const PROJECT = '0f4e5d6c7b8a49e3a2b1c0d9e8f7a6b5';
export const TOKEN = 'sim-token';
export const DISK_01 = 'a0000000-0000-4000-8000-000000000001';
export const SHOTS = 'target/screenshots';

/** Seeded state, empty log, no queued faults. */
export async function reset(request) {
  const r = await request.post('/__sim/reset');
  expect(r.ok()).toBeTruthy();
}

/** Queues a simulator fault, e.g. `{fault: '500-html', match: 'action'}`. */
export async function fault(request, body) {
  const r = await request.post('/__sim/faults', { data: body });
  expect(r.status()).toBe(201);
}

/** Stops the simulator's clock: an export stays where it is until `advance` (or `thaw`). */
export async function freeze(request) {
  expect((await request.post('/__sim/clock', { data: { frozen: true } })).ok()).toBeTruthy();
}

/** Lets the simulator's clock run again. */
export async function thaw(request) {
  expect((await request.post('/__sim/clock', { data: { frozen: false } })).ok()).toBeTruthy();
}

/** Moves the simulator's clock `seconds` ahead (exports progress, tokens expire). */
export async function advance(request, seconds) {
  expect((await request.post('/__sim/advance', { data: { seconds } })).ok()).toBeTruthy();
}

/** The simulated cloud's deployment settings, e.g. `{like_filter: false}` or the image
 * service's formats. */
export async function deployment(request, settings) {
  expect((await request.post('/__sim/deployment', { data: settings })).ok()).toBeTruthy();
}

// Release builds leave the example portal out (it is no part of the bundle): `servePortal`
// serves it from examples/portal at /portal/, next to the real evs-export-image.js of dist/.
const PORTAL = new URL('../../examples/portal/', import.meta.url);
const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
export async function servePortal(page) {
  await page.route((url) => url.pathname.startsWith('/portal/'), async (route) => {
    const file = new URL(route.request().url()).pathname.slice('/portal/'.length) || 'index.html';
    if (!/^[a-z]+\.(html|js|css)$/.test(file)) return route.fulfill({ status: 404, body: 'not found' });
    await route.fulfill({ body: readFileSync(new URL(file, PORTAL)), contentType: TYPES[file.split('.')[1]] });
  });
}

/** The simulator's request log. */
export async function simLog(request) {
  return (await request.get('/__sim/log')).json();
}

/** The export calls in the log. */
export async function exportCalls(request) {
  return (await simLog(request)).filter((e) => e.method === 'POST' && e.path.endsWith('/action'));
}

/** Opens the console with a project preset (plus any extra query). */
export async function open(page, query = '') {
  await page.goto(`/?project=${PROJECT}${query}`);
  await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible();
}

export const tokenField = (page) => page.getByLabel('Token', { exact: true });
export const exportButton = (page) => page.getByRole('button', { name: 'Export', exact: true });
export const nameField = (page) => page.getByLabel('Image name');
export const disk = (page, name) => page.getByRole('radio', { name, exact: true });
export const formAlert = (page) => page.locator('section', { has: nameField(page) }).getByRole('alert');

/** Types the token and loads the disk list. */
export async function connect(page, token = TOKEN) {
  await tokenField(page).fill(token);
  await page.getByRole('button', { name: 'Load disks' }).click();
  if (token === TOKEN) {
    await expect(disk(page, 'data-disk-01')).toBeVisible();
  }
}

/** Picks a disk and types an image name. */
export async function fill(page, diskName, imageName) {
  await disk(page, diskName).check();
  await nameField(page).fill(imageName);
}

/** Fails the test on any dialog (an alert() would mean injected markup ran). */
export function forbidDialogs(page) {
  page.on('dialog', async (d) => {
    await d.dismiss();
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
}
