// Several disks at once: checkboxes named by disk, a name pattern with a per-disk preview
// and gate, "Export N disks", one POST per eligible disk one after another, per-disk
// progress rows and a summary; disks that cannot be exported are skipped and explained.
import { test, expect } from './fixtures.mjs';
import { reset, open, connect, exportCalls, forbidDialogs, simLog } from './helpers.mjs';

const several = (page) => page.getByLabel('Export several disks');
const pick = (page, name) => page.getByRole('checkbox', { name, exact: true });
const pattern = (page) => page.getByLabel('Image name pattern');
const preview = (page) => page.getByRole('table', { name: 'The images to be created' });
const progress = (page) => page.getByRole('region', { name: 'Several disks: progress' });

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

test('three disks in one click, each with its own name, one POST after another', async ({ page, request }) => {
  // Count the export POSTs in flight at once, as the browser sends them.
  let inFlight = 0;
  let most = 0;
  await page.route('**/action', async (route) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 300));
    const response = await route.fetch();
    inFlight -= 1;
    await route.fulfill({ response });
  });
  await open(page);
  await connect(page);
  await several(page).check();
  await expect(page.getByRole('radio')).toHaveCount(0);
  for (const name of ['data-disk-01', 'linux-boot', '数据盘-财务']) {
    await pick(page, name).check();
  }
  await expect(page.getByText('3 disks selected')).toBeVisible();
  await pattern(page).fill('{name}-bk-{date}');
  const date = new Date().toISOString().slice(0, 10).replaceAll('-', '');
  await expect(preview(page).getByRole('row')).toHaveCount(4);
  await expect(preview(page).getByRole('row').nth(1)).toContainText(`data-disk-01-bk-${date}`);
  await expect(preview(page).getByRole('row').nth(3)).toContainText(`数据盘-财务-bk-${date}`);
  await expect(preview(page).getByText('Will be exported.')).toHaveCount(3);

  await page.getByRole('button', { name: 'Export 3 disks' }).click();
  await expect(progress(page)).toBeVisible();
  await expect(progress(page).getByText('Exported: the image is active.')).toHaveCount(3, { timeout: 30_000 });
  await expect(progress(page).getByRole('status')).toHaveText('Done: 3. Failed: 0. Refused (not sent): 0.');

  const calls = await exportCalls(request);
  expect(calls.map((c) => c.status)).toEqual([202, 202, 202]);
  expect(most).toBe(1);
  const images = await (await request.get('/v2/images', { headers: { 'X-Auth-Token': 'sim-token' } })).json();
  // (The seeded state also holds older images: only this run's are compared.)
  expect(images.images.map((i) => i.name).filter((n) => n.includes('-bk-')).sort()).toEqual(
    [`data-disk-01-bk-${date}`, `linux-boot-bk-${date}`, `数据盘-财务-bk-${date}`].sort(),
  );
});

test('while the disks of a run are uploading they are not sent again; once their images are done they can be', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await several(page).check();
  for (const name of ['data-disk-01', 'linux-boot']) {
    await pick(page, name).check();
  }
  await page.getByRole('button', { name: 'Export 2 disks' }).click();
  await expect(progress(page)).toBeVisible();
  // Accepted: the plan now counts both disks as uploading.
  await expect(page.getByRole('button', { name: 'Export 0 disks' })).toBeDisabled();
  await expect(preview(page).getByText(/already running/)).toHaveCount(2);
  await expect(progress(page).getByRole('status')).toHaveText('Done: 2. Failed: 0. Refused (not sent): 0.', { timeout: 30_000 });
  // The rows' progress views read the disks back: available again.
  await expect(page.getByRole('button', { name: 'Export 2 disks' })).toBeEnabled({ timeout: 20_000 });
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([202, 202]);
});

test('a mixed selection skips and explains, and sends only the exportable disk', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await several(page).check();
  await pick(page, 'data-disk-01').check();
  await pick(page, 'data-disk-02').check(); // in use, Force not ticked
  await pick(page, 'broken-disk').check(); // error
  await expect(preview(page).getByRole('row').filter({ hasText: 'data-disk-02' })).toContainText('In use: skipped unless');
  await expect(preview(page).getByRole('row').filter({ hasText: 'broken-disk' })).toContainText('Skipped: The disk is in the "error" state');
  await page.getByRole('button', { name: 'Export 1 disk', exact: true }).click();
  await expect(progress(page).getByRole('status')).toHaveText('Done: 1. Failed: 0. Refused (not sent): 2.', { timeout: 30_000 });
  await expect(progress(page).getByRole('listitem')).toHaveCount(2);
  const calls = await exportCalls(request);
  expect(calls.map((c) => c.volume_id)).toEqual(['a0000000-0000-4000-8000-000000000001']);

  // "Select all on this page" ticks every disk of the page; a bad pattern is named.
  await page.getByRole('button', { name: 'Select all on this page' }).click();
  await expect(page.getByText('20 disks selected')).toBeVisible();
  await pattern(page).fill('{name}-{Date}');
  await expect(page.getByText('{Date} is not a placeholder: use {name}, {id} or {date}.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Export \d+ disks?$/ })).toBeDisabled();
  expect((await simLog(request)).filter((e) => e.method === 'POST').length).toBe(1);
});
