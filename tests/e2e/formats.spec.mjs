// The formats this cloud accepts (Cinder dialect): the image service's schema narrows the
// menus, an encrypted disk gets raw/bare only, `compressed` is offered with its note and its
// 400 is explained; Huawei keeps its own lists.
import { test, expect } from './fixtures.mjs';
import {
  reset, deployment, open, connect, fill, exportButton, exportCalls, forbidDialogs, simLog, formAlert,
  PROJECT,
} from './helpers.mjs';

const diskFormat = (page) => page.getByLabel('Disk format');
const containerFormat = (page) => page.getByLabel('Container format');
const options = (select) => select.locator('option').allTextContents();

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

test('a stock image service: Cinder\'s whole list, compressed with its note', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'fmt-stock');
  await expect(page.getByText('Only the formats this cloud\'s image service accepts are offered.')).toBeVisible();
  expect(await options(diskFormat(page))).toEqual(['raw', 'qcow2', 'vmdk', 'vdi', 'vhd', 'vhdx', 'ploop']);
  expect(await options(containerFormat(page))).toEqual(['bare', 'ovf', 'ova', 'ami', 'ari', 'aki', 'docker', 'compressed']);
  await expect(page.getByText('Why are some formats not offered?')).toHaveCount(0);
  expect((await simLog(request)).filter((e) => e.path.endsWith('/v2/schemas/image'))).toHaveLength(1);

  // compressed: offered with its note; the cloud here does not allow it, and the 400 says why.
  await containerFormat(page).selectOption('compressed');
  await expect(page.getByText(/only when the cloud sets allow_compression_on_image_upload/i)).toBeVisible();
  await exportButton(page).click();
  await expect(formAlert(page)).toContainText('Image compression upload disallowed');
  await expect(formAlert(page)).toContainText('this cloud does not allow compression on upload');
  expect(await exportCalls(request)).toHaveLength(1);
});

test('fewer deployed formats: only those are offered, and the page says why', async ({ page, request }) => {
  await deployment(request, { disk_formats: ['qcow2', 'raw', 'iso'], container_formats: ['bare', 'ovf'] });
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'fmt-few');
  await expect(diskFormat(page).locator('option')).toHaveText(['raw', 'qcow2']);
  expect(await options(containerFormat(page))).toEqual(['bare', 'ovf']);
  await page.getByText('Why are some formats not offered?').click();
  const why = page.locator('details', { hasText: 'Why are some formats not offered?' });
  await expect(why.getByRole('listitem').filter({ hasText: 'vmdk' })).toHaveText('vmdk: this cloud\'s image service does not accept it.');
  await expect(why.getByRole('listitem').filter({ hasText: 'compressed' })).toBeVisible();
  await expect(why.getByRole('listitem').filter({ hasText: /^iso/ })).toHaveCount(0);

  await diskFormat(page).selectOption('qcow2');
  await exportButton(page).click();
  await expect(page.getByRole('region', { name: 'Export accepted' })).toBeVisible();
  const calls = await exportCalls(request);
  expect(calls).toHaveLength(1);
  expect(calls[0].status).toBe(202);
});

test('an encrypted disk: raw / bare preselected and explained', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await fill(page, 'data-disk-01', 'fmt-enc');
  await diskFormat(page).selectOption('qcow2');
  await containerFormat(page).selectOption('ovf');
  await fill(page, '数据盘-财务', 'fmt-enc');
  await expect(page.getByText(/This disk is encrypted: Cinder exports an encrypted disk only as raw/)).toBeVisible();
  await expect(diskFormat(page)).toHaveValue('raw');
  await expect(containerFormat(page)).toHaveValue('bare');
  expect(await options(diskFormat(page))).toEqual(['raw']);
  await page.getByText('Why are some formats not offered?').click();
  await expect(page.getByRole('listitem').filter({ hasText: /^qcow2/ })).toContainText('the disk is encrypted');
  await exportButton(page).click();
  await expect(page.getByRole('region', { name: 'Export accepted' })).toBeVisible();
  const calls = await exportCalls(request);
  expect(calls.map((c) => c.status)).toEqual([202]);

  // Another disk gets the whole list back; the choice stays raw / bare until changed.
  await fill(page, 'data-disk-01', 'fmt-plain');
  await expect(diskFormat(page).locator('option')).toHaveCount(7);
});

test('Huawei keeps its formats and reads no schema', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await fill(page, '数据盘-财务', 'fmt-huawei');
  expect(await options(diskFormat(page))).toEqual(['zvhd2', 'zvhd', 'vhd', 'qcow2', 'raw']);
  expect(await options(containerFormat(page))).toEqual(['bare', 'ovf', 'ami', 'ari', 'aki']);
  await expect(page.getByText(/This disk is encrypted/)).toHaveCount(0);
  expect((await simLog(request)).filter((e) => e.path.includes('/schemas/'))).toHaveLength(0);
});

test('Chinese: the notes are translated', async ({ page, request }) => {
  await deployment(request, { disk_formats: ['raw'] });
  await page.goto(`/?project=${PROJECT}&dialect=cinder&lang=zh-CN`);
  await page.getByLabel('令牌', { exact: true }).fill('sim-token');
  await page.getByRole('button', { name: '加载磁盘' }).click();
  await page.getByRole('radio', { name: '数据盘-财务', exact: true }).check();
  await expect(page.getByText(/此磁盘已加密/)).toBeVisible();
  await page.getByText('为什么有些格式未列出？').click();
  await expect(page.getByRole('listitem').filter({ hasText: /^qcow2/ })).toHaveText('qcow2：此云平台的镜像服务不接受该格式。');
});
