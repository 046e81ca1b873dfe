// The export flows against the simulator: happy path to `active`, force for in-use disks,
// disks that cannot be exported, one click = one request, server text shown as text.
import { test, expect } from './fixtures.mjs';
import {
  reset, fault, open, connect, fill, disk, nameField, exportButton, exportCalls, forbidDialogs, simLog,
  SHOTS,
} from './helpers.mjs';

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

test('exports an available disk through queued, saving and active', async ({ page, request }) => {
  await open(page);
  await page.screenshot({ path: `${SHOTS}/01-empty.png`, fullPage: true });
  await connect(page);
  await fill(page, 'data-disk-01', 'data-disk-01 backup');
  await expect(page.getByText('This disk can be exported.')).toBeVisible();
  await expect(page.getByText('19 / 128')).toBeVisible();
  await expect(exportButton(page)).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/02-form-filled.png`, fullPage: true });

  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result).toBeVisible();
  const stages = result.getByRole('list', { name: 'Export stages' }).getByRole('listitem');
  await expect(stages).toHaveText(['Queued', 'Saving', 'Active']);
  await expect(result.locator('[aria-current="step"]')).toHaveCount(1);
  await page.screenshot({ path: `${SHOTS}/03-progress.png`, fullPage: true });

  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  await expect(stages.nth(2)).toHaveAttribute('aria-current', 'step');
  await expect(result.getByRole('status').filter({ hasText: 'The image is active' })).toBeVisible();
  await expect(result.getByRole('button', { name: 'Copy image ID' })).toBeVisible();
  await expect(result.getByText('data-disk-01 backup', { exact: true })).toBeVisible();
  // The disk gets its status back.
  await expect(result.locator('dd', { hasText: /^available$/ }).first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/04-active.png`, fullPage: true });

  const calls = await exportCalls(request);
  expect(calls).toHaveLength(1);
  expect(calls[0].status).toBe(202);
});

test('an in-use disk needs force, then exports', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-02', 'app data');
  await expect(page.getByText(/attached to a running server \(in-use\)/).first()).toBeVisible();
  await expect(page.getByText(/Stop the server/).first()).toBeVisible();
  await expect(exportButton(page)).toBeDisabled();
  await expect(page.getByText('The disk is in use: tick')).toBeVisible();
  // The OS type explains it will be ignored for an in-use disk.
  await expect(page.getByText(/only takes effect when the disk is available/)).toBeVisible();

  await page.getByLabel('Force export of an in-use disk').check();
  await expect(exportButton(page)).toBeEnabled();
  await exportButton(page).click();
  await expect(page.getByRole('region', { name: 'Export accepted' })).toBeVisible();
  const calls = await exportCalls(request);
  expect(calls.map((c) => c.status)).toEqual([202]);
});

for (const [name, reason] of [
  ['broken-disk', /"error" state and cannot be exported/],
  ['busy-disk', /already running \(status "uploading"\)/],
  ['archive-2tb', /2048 GB; disks over 1024 GB \(1 TiB\) cannot be exported/],
]) {
  test(`${name} is explained and cannot be exported`, async ({ page, request }) => {
    await open(page);
    await connect(page);
    await fill(page, name, 'some image');
    await expect(page.getByText('This disk cannot be exported:')).toBeVisible();
    await expect(page.getByText(reason)).toBeVisible();
    await expect(exportButton(page)).toBeDisabled();
    await page.getByLabel('Force export of an in-use disk').check();
    await expect(exportButton(page)).toBeDisabled();
    await nameField(page).press('Enter');
    await page.waitForTimeout(300);
    expect(await exportCalls(request)).toHaveLength(0);
  });
}

test('a double click on Export sends exactly one request', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'linux-boot', 'twice');
  await exportButton(page).dblclick();
  await expect(page.getByRole('region', { name: 'Export accepted' })).toBeVisible();
  await page.waitForTimeout(500);
  const calls = await exportCalls(request);
  expect(calls).toHaveLength(1);
  expect(calls[0].status).toBe(202);
});

test('once accepted, the disk counts as uploading at once: no second export before the progress view has read it', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'linux-boot', 'once');
  // Hold every later reading of this disk: the page has only the 202 to go by.
  const held = [];
  await page.route(/\/volumes\/a0000000-0000-4000-8000-000000000004$/, (route) => { held.push(route); });
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result).toBeVisible();
  await expect(exportButton(page)).toBeDisabled();
  await expect(page.getByText(/already running \(status "uploading"\)/).first()).toBeVisible();
  await nameField(page).press('Enter');
  await page.waitForTimeout(300);
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([202]);
  await expect(result).toBeVisible();
  await page.unroute(/\/volumes\/a0000000-0000-4000-8000-000000000004$/);
  for (const r of held) await r.continue().catch(() => {});
});

test('server text with angle brackets is shown literally', async ({ page }) => {
  await open(page);
  await connect(page);
  // A disk whose name is markup is listed by that text.
  await expect(disk(page, '<img src=x onerror=alert(1)>')).toBeVisible();
  await fill(page, 'data-disk-01', 'specs');
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  const specs = result.getByRole('table', { name: 'Extra specs' });
  await expect(specs).toBeVisible();
  await expect(specs.getByRole('cell', { name: /^<or> iaas blockstorage_SAS/ })).toBeVisible();
  await expect(specs.getByRole('rowheader', { name: 'volume_backend_name' })).toBeVisible();
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('.evs-console b')).toHaveCount(0);
});

test('paging, filter and the request view (Cinder dialect)', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await expect(page.getByLabel('API dialect')).toHaveValue('cinder');
  await connect(page);
  await expect(page.getByText('Page 1: 20 of 20 disks shown.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Previous page' })).toBeDisabled();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(disk(page, 'bulk-disk-11')).toBeVisible();
  await expect(page.getByText(/^Page 2:/)).toBeVisible();
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(disk(page, 'data-disk-01')).toBeVisible();

  await page.getByLabel('Filter by name or ID').fill('DATA-disk');
  await expect(page.getByRole('radio')).toHaveCount(2);
  await page.getByLabel('Filter by name or ID').fill('a0000000-0000-4000-8000-000000000007');
  await expect(page.getByRole('radio')).toHaveCount(1);
  await expect(disk(page, 'archive-2tb')).toBeVisible();
  await page.getByLabel('Filter by name or ID').fill('');

  await fill(page, 'data-disk-01', "it's mine");
  await page.getByLabel('Visibility').selectOption('shared');
  await page.getByText('Show request').click();
  const details = page.locator('details');
  await expect(details.getByText('"image_name": "it\'s mine"')).toBeVisible();
  await expect(details).toContainText('/evs/v3/');
  await expect(details).toContainText(`'OpenStack-API-Version: volume 3.1'`);
  await expect(details).toContainText(`"image_name":"it'\\''s mine"`);
  await expect(details.getByText(/curl -i -X POST/)).toContainText('"X-Auth-Token: $OS_TOKEN"');
  await expect(details).not.toContainText('sim-token');
  await expect(details).toContainText(`'Content-Type: application/json'`);
  await exportButton(page).click();
  await expect(details.getByText(/^HTTP 202/)).toBeVisible();
  await expect(details).toContainText('"image_id"');
  await expect(details).toContainText('"visibility": "shared"');
  const calls = await exportCalls(request);
  expect(calls.map((c) => [c.dialect, c.status])).toEqual([['cinder', 202]]);
});

test('an export that fails says what to do', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-01', 'will fail');
  await fault(request, { fault: 'export-fails', match: 'action' });
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  const status = result.getByRole('status').filter({ hasText: 'The export failed' });
  await expect(status).toBeVisible({ timeout: 20_000 });
  await expect(status).toContainText('Image status: killed.');
  await expect(status).toContainText('export again');
  await page.screenshot({ path: `${SHOTS}/10-export-failed.png`, fullPage: true });
});

test('polling survives failing image reads and keeps the view', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-01', 'flaky');
  // Enough 503s to outlast one poll's retries; the next poll succeeds.
  await fault(request, { fault: '503-html', match: 'images', times: 3 });
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result.getByText(/Lost contact with the image service; retrying/)).toBeVisible();
  await expect(result.getByRole('button', { name: 'Copy image ID' })).toBeVisible();
  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  await expect(result.getByText(/Lost contact/)).toHaveCount(0);
});

test('a failed Cinder export (the image deleted, then gone) says the export failed', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'cinder will fail');
  await fault(request, { fault: 'export-fails', match: 'action' });
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  const status = result.getByRole('status').filter({ hasText: 'The export failed' });
  await expect(status).toBeVisible({ timeout: 20_000 });
  await expect(result.locator('dd', { hasText: /^deleted$/ }).first()).toBeVisible();
  // The disk gets its status back, and the polling stops at the 404.
  await expect(result.locator('dd', { hasText: /^available$/ }).first()).toBeVisible();
  const polls = (await simLog(request)).filter((e) => e.path.includes('/v2/images/'));
  await page.waitForTimeout(2_500);
  expect((await simLog(request)).filter((e) => e.path.includes('/v2/images/'))).toHaveLength(polls.length);
});
