// How an export ends besides success, against the simulator: why it failed (Cinder's user
// messages; Huawei EVS has none), cancelling a running export, leftover images.
import { test, expect } from './fixtures.mjs';
import {
  reset, fault, freeze, advance, open, connect, fill, exportButton, forbidDialogs, simLog, PROJECT, TOKEN,
  DISK_01,
} from './helpers.mjs';

const DISK_02 = 'a0000000-0000-4000-8000-000000000002';

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

const accepted = (page) => page.getByRole('region', { name: 'Export accepted' });

test('a failed Cinder export shows why: Cinder\'s message, our explanation, the request id', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'cinder will fail');
  await fault(request, { fault: 'export-fails', match: 'action' });
  await exportButton(page).click();
  const result = accepted(page);
  await expect(result.getByRole('status').filter({ hasText: 'The export failed' })).toBeVisible({ timeout: 20_000 });
  const why = result.getByRole('region', { name: 'Why it failed' });
  await expect(why).toBeVisible();
  await expect(why.getByText('copy volume to image:Failed to upload volume to image at backend.', { exact: true }))
    .toBeVisible({ timeout: 10_000 });
  await expect(why.getByText('VOLUME_VOLUME_003_004')).toBeVisible();
  await expect(why).toContainText('could not write the disk\'s data into the image');
  await expect(why).toContainText('raw or qcow2');
  // The request id is the export's own (Cinder names the request that failed).
  const exportCall = (await simLog(request)).find((e) => e.method === 'POST' && e.path.endsWith('/action'));
  await expect(why.getByText(exportCall.request_id, { exact: true })).toBeVisible();
  // Asked with microversion 3.3, about this disk.
  const asks = (await simLog(request)).filter((e) => e.path.includes('/messages'));
  expect(asks.length).toBeGreaterThan(0);
  expect(asks[0].path).toContain(`/evs/v3/${PROJECT}/messages?resource_uuid=`);
  expect(asks.every((e) => e.status === 200)).toBeTruthy();

  // The same in Chinese: our words change, Cinder's stay as sent.
  await page.getByLabel('Language / 语言').selectOption('zh-CN');
  const zh = page.getByRole('region', { name: '失败原因' });
  await expect(zh).toContainText('存储后端未能将磁盘数据写入镜像');
  await expect(zh.getByText('copy volume to image:Failed to upload volume to image at backend.')).toBeVisible();
});

test('a failed Huawei EVS export says there is no messages API and where to look', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-01', 'huawei will fail');
  await fault(request, { fault: 'export-fails', match: 'action' });
  await exportButton(page).click();
  const why = accepted(page).getByRole('region', { name: 'Why it failed' });
  await expect(why).toBeVisible({ timeout: 20_000 });
  await expect(why).toContainText('Huawei Cloud EVS has no API that says why an export failed');
  await expect(why).toContainText('Cloud Trace Service');
  await expect(why.locator('dd', { hasText: /^killed$/ })).toBeVisible();
  // Nothing was asked of a messages API that does not exist.
  expect((await simLog(request)).filter((e) => e.path.includes('/messages'))).toHaveLength(0);
});

test('a successful export shows no failure reason', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'fine');
  await exportButton(page).click();
  await expect(accepted(page).getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Why it failed' })).toHaveCount(0);
  expect((await simLog(request)).filter((e) => e.path.includes('/messages'))).toHaveLength(0);
});

// ---------------------------------------------------------------- cancel

const api = { 'X-Auth-Token': TOKEN, Accept: 'application/json' };

/** Reads the image from the simulator's image service, as the API answers it. */
function imageRead(request, id) {
  return request.get(`/ims/v2/images/${id}`, { headers: api });
}

/** "Cancel export" (in `from`: the result, or its alert after a refusal), then "Delete the
 * image" in the confirmation. */
async function cancelAndDelete(result, from = result) {
  await from.getByRole('button', { name: 'Cancel export' }).click();
  await result.getByRole('group', { name: 'Cancel this export?' }).getByRole('button', { name: 'Delete the image' }).click();
}

/** The image id of the export, from the simulator's log of the page's image reads. */
async function exportedImageId(request) {
  const read = (await simLog(request)).find((e) => e.method === 'GET' && /\/v2\/images\/[^/?]+$/.test(e.path));
  return read.path.split('/').pop();
}

async function volumeStatus(request, dialect, id) {
  const prefix = dialect === 'cinder' ? 'v3' : 'v2';
  const r = await request.get(`/evs/${prefix}/${PROJECT}/volumes/${id}`, { headers: api });
  return (await r.json()).volume.status;
}

test('cancel while queued: confirmed in the page, the image deleted, the disk available again', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'to cancel');
  await freeze(request);
  await exportButton(page).click();
  const result = accepted(page);
  await expect(result.locator('dd', { hasText: /^queued$/ }).first()).toBeVisible();
  // Asked first; "Keep exporting" changes nothing.
  await result.getByRole('button', { name: 'Cancel export' }).click();
  let confirm = result.getByRole('group', { name: 'Cancel this export?' });
  await expect(confirm).toContainText('The image is deleted, the upload stops, and the disk returns');
  await confirm.getByRole('button', { name: 'Keep exporting' }).click();
  await expect(confirm).toHaveCount(0);
  expect((await simLog(request)).filter((e) => e.method === 'DELETE')).toHaveLength(0);

  await result.getByRole('button', { name: 'Cancel export' }).click();
  confirm = result.getByRole('group', { name: 'Cancel this export?' });
  await confirm.getByRole('button', { name: 'Delete the image' }).click();
  const verdict = result.getByRole('status').filter({ hasText: 'The export was cancelled' });
  await expect(verdict).toBeVisible();
  await expect(verdict).toContainText('Disk status: available.');
  // A cancel, not a failure: no "failed", no failure reason, no more Cancel button.
  await expect(result.getByText(/The export failed/)).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Why it failed' })).toHaveCount(0);
  await expect(result.getByRole('button', { name: 'Cancel export' })).toHaveCount(0);
  // Checked through the APIs: the image is gone, the disk available.
  const id = await exportedImageId(request);
  const deletes = (await simLog(request)).filter((e) => e.method === 'DELETE');
  expect(deletes.map((e) => [e.path, e.status])).toEqual([[`/ims/v2/images/${id}`, 204]]);
  expect((await imageRead(request, id)).status()).toBe(404);
  expect(await volumeStatus(request, 'cinder', DISK_01)).toBe('available');
});

test('cancel while saving: an in-use disk returns to in-use', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-02', 'to cancel while saving');
  await page.getByLabel('Force export of an in-use disk').check();
  await freeze(request);
  await exportButton(page).click();
  const result = accepted(page);
  await expect(result.locator('dd', { hasText: /^queued$/ }).first()).toBeVisible();
  await advance(request, 1); // 3 s exports: saving from 0.45 s
  await expect(result.locator('dd', { hasText: /^saving$/ }).first()).toBeVisible();
  await cancelAndDelete(result);
  const verdict = result.getByRole('status').filter({ hasText: 'The export was cancelled' });
  await expect(verdict).toContainText('Disk status: in-use.');
  const id = await exportedImageId(request);
  expect((await imageRead(request, id)).status()).toBe(404);
  expect(await volumeStatus(request, 'huawei', DISK_02)).toBe('in-use');
});

test('cancel after the image became active is refused clearly and deletes nothing', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-01', 'finished first');
  await freeze(request);
  await exportButton(page).click();
  const result = accepted(page);
  await result.getByRole('button', { name: 'Cancel export' }).click();
  await expect(result.getByRole('group', { name: 'Cancel this export?' })).toBeVisible();
  await advance(request, 10);
  // Whichever comes first — the page's next poll or the click — the answer is the same.
  await result.getByRole('button', { name: 'Delete the image' }).click({ timeout: 2_000 }).catch(() => {});
  await expect(result.getByText(/Too late to cancel: the export finished and the image is active/)).toBeVisible();
  await expect(result.getByText('The image is active')).toBeVisible();
  expect((await simLog(request)).filter((e) => e.method === 'DELETE')).toHaveLength(0);
  const id = await exportedImageId(request);
  expect((await (await imageRead(request, id)).json()).status).toBe('active');
});

test('a protected image cannot be deleted: the refusal is explained and the export goes on', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'protected one');
  await page.getByLabel('Protected (the image cannot be deleted)').check();
  await freeze(request);
  await exportButton(page).click();
  const result = accepted(page);
  await cancelAndDelete(result);
  const alert = result.getByRole('alert');
  await expect(alert).toContainText('refused to delete the image: it is protected');
  await expect(alert).toContainText('is protected and cannot be deleted.');
  await expect(alert.getByRole('button', { name: 'Cancel export' })).toBeVisible();
  const id = await exportedImageId(request);
  expect((await (await imageRead(request, id)).json()).status).toBe('queued');
  expect(await volumeStatus(request, 'cinder', DISK_01)).toBe('uploading');
  // The export goes on to the end.
  await advance(request, 10);
  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 15_000 });
});

test('a 409 from the image service on delete is explained, nothing is lost, and a retry can delete', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'conflict one');
  await freeze(request);
  await exportButton(page).click();
  const result = accepted(page);
  // Glance answers the first DELETE with its webob 409 page (the simulator has no such state).
  let refused = 0;
  await page.route('**/ims/v2/images/*', async (route) => {
    if (route.request().method() === 'DELETE' && refused === 0) {
      refused += 1;
      await route.fulfill({
        status: 409, contentType: 'text/html; charset=UTF-8',
        body: '<html><head><title>409 Conflict</title></head><body><h1>409 Conflict</h1>There was a conflict when trying to complete your request.<br /><br />Image status transition from saving to deleted is not allowed</body></html>',
      });
      return;
    }
    await route.continue();
  });
  await cancelAndDelete(result);
  const alert = result.getByRole('alert');
  await expect(alert).toContainText('cannot delete the image in its current state (409)');
  await expect(alert).toContainText('Image status transition from saving to deleted is not allowed');
  await expect(alert.locator('h1, b, br')).toHaveCount(0);
  const id = await exportedImageId(request);
  expect((await (await imageRead(request, id)).json()).status).toBe('queued');
  // Nothing lost: the operator can ask again, and this time the image is deleted.
  await cancelAndDelete(result, alert);
  await expect(result.getByText('The export was cancelled')).toBeVisible();
  expect((await imageRead(request, id)).status()).toBe(404);
});

// ---------------------------------------------------------------- leftovers

test('leftover images are listed with their age and deleted one by one, after a confirmation', async ({ page, request }) => {
  await open(page);
  await connect(page);
  const section = page.getByRole('region', { name: 'Leftover images' });
  // Nothing is asked of the image service before the operator opens the view.
  expect((await simLog(request)).filter((e) => e.path.startsWith('/ims/v2/images?'))).toHaveLength(0);
  await section.getByRole('button', { name: 'Find leftover images' }).click();
  const rows = section.getByRole('table', { name: 'Leftover images of the project' }).getByRole('row');
  await expect(rows).toHaveCount(4); // a header and the three seeded leftovers
  // Oldest first, with their age (the simulator seeds them 5 h, 10 h and 15 h old).
  await expect(rows.nth(1)).toContainText('leftover-03');
  await expect(rows.nth(1)).toContainText('15 h');
  await expect(rows.nth(3)).toContainText('leftover-01');
  await expect(rows.nth(3)).toContainText('5 h');
  // Found through the image service's queued filter, for this project.
  const lists = (await simLog(request)).filter((e) => e.path.startsWith('/ims/v2/images?'));
  expect(lists[0].path).toContain('status=queued');
  expect(lists[0].path).toContain(`owner=${PROJECT}`);

  // The same confirmation as a cancel; keeping it changes nothing.
  await section.getByRole('button', { name: 'Delete leftover-02' }).click();
  let confirm = section.getByRole('group', { name: 'Delete this leftover image?' });
  await expect(confirm).toContainText('It never received any data');
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toHaveCount(0);
  await section.getByRole('button', { name: 'Delete leftover-02' }).click();
  confirm = section.getByRole('group', { name: 'Delete this leftover image?' });
  await confirm.getByRole('button', { name: 'Delete the image' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'The leftover image was deleted.' })).toBeVisible();
  await expect(rows).toHaveCount(3);
  await expect(section.getByText('leftover-02')).toHaveCount(0);
  const deletes = (await simLog(request)).filter((e) => e.method === 'DELETE');
  expect(deletes.map((e) => e.status)).toEqual([204]);
  // Read again: the image service agrees.
  await section.getByRole('button', { name: 'Refresh' }).click();
  await expect(rows).toHaveCount(3);
  const queued = await (await request.get('/ims/v2/images?status=queued', { headers: api })).json();
  expect(queued.images.map((i) => i.name).sort()).toEqual(['leftover-01', 'leftover-03']);
});

test('leftover images in Chinese, and a running export is not a leftover', async ({ page, request }) => {
  await page.goto(`/?project=${PROJECT}&lang=zh-CN`);
  await expect(page.getByRole('heading', { name: '将磁盘导出为镜像' })).toBeVisible();
  await page.getByLabel('令牌', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: '加载磁盘' }).click();
  await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
  await page.getByLabel('镜像名称').fill('young');
  await freeze(request);
  await page.getByRole('button', { name: '导出', exact: true }).click();
  const section = page.getByRole('region', { name: '遗留镜像' });
  await section.getByRole('button', { name: '查找遗留镜像' }).click();
  const rows = section.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1)).toContainText('15 小时');
  await expect(section.getByText('young')).toHaveCount(0);
});
