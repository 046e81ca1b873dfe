// The README's screenshots (target/screenshots/readme-*.png; the chosen ones are copied to
// docs/screenshots by hand). Each also checks the state it shows, so it cannot pass on a
// broken page. Chinese needs a CJK font (scripts/setup.sh installs fonts-noto-cjk).
import { test, expect } from './fixtures.mjs';
import { reset, PROJECT, TOKEN, SHOTS } from './helpers.mjs';

test.beforeEach(async ({ request }) => reset(request));

async function ready(page, heading, token, load) {
  await page.goto(`/?project=${PROJECT}`);
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  await page.getByLabel(token, { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: load }).click();
  await expect(page.getByRole('radio', { name: 'data-disk-01', exact: true })).toBeVisible();
}

test.describe('light, 1200 px', () => {
  test.use({ viewport: { width: 1200, height: 900 }, colorScheme: 'light', locale: 'en-US' });
  test('form and active result', async ({ page }) => {
    await ready(page, 'Export a disk as an image', 'Token', 'Load disks');
    await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
    await page.getByLabel('Image name').fill('web-server-2026-11');
    await page.getByRole('heading', { name: 'Image', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/readme-light-form.png` });
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const result = page.getByRole('region', { name: 'Export accepted' });
    await expect(result.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
    await result.screenshot({ path: `${SHOTS}/readme-light-result.png` });
  });
});

test.describe('dark, 1200 px', () => {
  test.use({ viewport: { width: 1200, height: 900 }, colorScheme: 'dark', locale: 'en-US' });
  test('an in-use disk: the force warning', async ({ page }) => {
    await ready(page, 'Export a disk as an image', 'Token', 'Load disks');
    await page.getByRole('radio', { name: 'data-disk-02', exact: true }).check();
    await page.getByLabel('Image name').fill('app data/2026');
    await expect(page.getByText('is not allowed')).toBeVisible();
    const warning = page.getByText(/attached to a running server \(in-use\)/).first();
    await warning.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/readme-dark.png` });
  });
});

test.describe('narrow, 360 px', () => {
  test.use({ viewport: { width: 360, height: 800 }, colorScheme: 'light', locale: 'en-US' });
  test('the form on a phone-sized screen', async ({ page }) => {
    await ready(page, 'Export a disk as an image', 'Token', 'Load disks');
    await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
    await page.getByLabel('Image name').fill('narrow-screen');
    await page.getByLabel('Image name').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/readme-narrow.png` });
  });
});

test.describe('Chinese, 1200 px', () => {
  test.use({ viewport: { width: 1200, height: 900 }, colorScheme: 'light', locale: 'zh-CN' });
  test('an export followed to active, in Chinese', async ({ page }) => {
    await ready(page, '将磁盘导出为镜像', '令牌', '加载磁盘');
    await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
    await page.getByLabel('镜像名称').fill('数据盘镜像-2026');
    await page.getByRole('button', { name: '导出', exact: true }).click();
    const result = page.getByRole('region', { name: '导出请求已受理' });
    await expect(result.getByText(/^镜像已可用/)).toBeVisible({ timeout: 20_000 });
    await result.screenshot({ path: `${SHOTS}/readme-zh-result.png` });
  });
});
