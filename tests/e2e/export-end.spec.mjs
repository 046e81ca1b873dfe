// How an export ends besides success, against the simulator: why it failed (Cinder's user
// messages; Huawei EVS has none), cancelling a running export, leftover images.
import { test, expect } from '@playwright/test';
import {
  reset, open, connect, fill, exportButton, forbidDialogs, simLog, PROJECT,
} from './helpers.mjs';

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

const accepted = (page) => page.getByRole('region', { name: 'Export accepted' });

test('a failed Cinder export shows why: Cinder\'s message, our explanation, the request id', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'cinder will fail');
  await request.post('/__sim/faults', { data: { fault: 'export-fails', match: 'action' } });
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
  await request.post('/__sim/faults', { data: { fault: 'export-fails', match: 'action' } });
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
