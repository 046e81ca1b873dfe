// The image's own details: optional fields validated as you type, set with one PATCH once
// the image is active (never delaying the export), shown in the result; errors explained.
import { test, expect } from './fixtures.mjs';
import {
  reset, open, connect, fill, exportButton, exportCalls, forbidDialogs, simLog,
} from './helpers.mjs';

const details = (page) => page.getByRole('group', { name: 'Image details (optional)' });
const result = (page) => page.getByRole('region', { name: 'Export accepted' });
const card = (page) => result(page).locator('.evs-metadata-result');
const patches = async (request) => (await simLog(request)).filter((e) => e.method === 'PATCH');

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

test('Cinder: the details are set once the image is active and shown', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'meta-cinder');
  await details(page).getByLabel('Description').fill('Nightly <b>backup</b>');
  await details(page).getByLabel('Tags').fill('backup, db, backup');
  await details(page).getByLabel('Minimum disk (GB)').fill('40');
  await details(page).getByLabel('Minimum memory (MB)').fill('2048');
  await details(page).getByLabel('OS distribution (os_distro)').fill('ubuntu');
  await details(page).getByLabel('OS version (os_version)').fill('24.04');
  await exportButton(page).click();

  await expect(result(page)).toBeVisible();
  // The export went first, alone; nothing is patched before the image is active.
  expect(await exportCalls(request)).toHaveLength(1);
  await expect(card(page).getByText('Will be set when the image is active.')).toBeVisible();
  expect(await patches(request)).toHaveLength(0);

  await expect(card(page).getByText('Image details set:')).toBeVisible({ timeout: 20_000 });
  await expect(card(page).locator('dd').nth(0)).toHaveText('Nightly <b>backup</b>');
  await expect(card(page).locator('dd').nth(1)).toHaveText('backup, db');
  await expect(page.locator('.evs-console b')).toHaveCount(0);
  const sent = await patches(request);
  expect(sent).toHaveLength(1);
  expect(sent[0].status).toBe(200);
  const imageId = sent[0].path.split('/').pop();
  const image = await (await request.get(`/v2/images/${imageId}`, { headers: { 'X-Auth-Token': 'sim-token' } })).json();
  expect(image.tags).toEqual(['backup', 'db']);
  expect([image.min_disk, image.min_ram, image.os_distro, image.os_version]).toEqual([40, 2048, 'ubuntu', '24.04']);
  expect(image.description).toBe('Nightly <b>backup</b>');
  // Applied once: polling goes on settling the disk, no second PATCH.
  await page.waitForTimeout(1500);
  expect(await patches(request)).toHaveLength(1);
});

test('bad details are named, block Export, and keep what was typed', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'meta-bad');
  const ram = details(page).getByLabel('Minimum memory (MB)');
  await ram.fill('2 GB');
  await expect(details(page).getByText('"2 GB" is not a whole number from 0 to 2147483647.')).toBeVisible();
  await expect(ram).toHaveAttribute('aria-invalid', 'true');
  await expect(exportButton(page)).toBeDisabled();
  await expect(page.getByText('Correct the image details marked above.')).toBeVisible();
  // Enter in the name field is refused and moves focus to the field to correct.
  await page.getByLabel('Image name').press('Enter');
  await expect(ram).toBeFocused();
  await expect(ram).toHaveValue('2 GB');
  expect(await exportCalls(request)).toHaveLength(0);
  await ram.fill('2048');
  await expect(exportButton(page)).toBeEnabled();
});

test('a refused update is explained; the image itself is fine', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'meta-refused');
  await details(page).getByLabel('Description').fill('x');
  await page.route('**/ims/v2/images/*', (route) => (route.request().method() === 'PATCH'
    ? route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({ message: 'Property <i>description</i> already present.', code: '409 Conflict', title: 'Conflict' }),
    })
    : route.continue()));
  await exportButton(page).click();
  await expect(result(page).getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  await expect(card(page).getByRole('alert')).toContainText('Property <i>description</i> already present.');
  await expect(card(page).getByText(/could not be set\. The image itself is fine/)).toBeVisible();
  await expect(page.locator('.evs-console i')).toHaveCount(0);
  await expect(result(page).getByText('The image is active')).toBeVisible();
});

test('Huawei: description and minimum memory through IMS', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-01', 'meta-huawei');
  await expect(details(page).getByLabel('Tags')).toHaveCount(0);
  await expect(details(page).getByText(/lets the description and minimum memory be set/)).toBeVisible();
  await details(page).getByLabel('Description').fill('系统盘备份');
  await details(page).getByLabel('Minimum memory (MB)').fill('1024');
  await exportButton(page).click();
  await expect(card(page).getByText('Image details set:')).toBeVisible({ timeout: 20_000 });
  await expect(card(page).locator('dd').nth(0)).toHaveText('系统盘备份');
  const sent = await patches(request);
  expect(sent.map((e) => [e.path.replace(/[^/]+$/, ''), e.status])).toEqual([['/ims/v2/cloudimages/', 200]]);
});
