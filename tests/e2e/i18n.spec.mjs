// Chinese: chosen from the browser's language, complete through an export to an active
// image, with Chinese validation messages and status names; and switching language in the
// page keeps what was typed.
import { test, expect } from './fixtures.mjs';
import { reset, exportCalls, PROJECT, TOKEN, SHOTS } from './helpers.mjs';

test.beforeEach(async ({ request }) => reset(request));

test.describe('a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('exports data-disk-01 to active, all in Chinese', async ({ page, request }) => {
    await page.goto(`/?project=${PROJECT}`);
    await expect(page.getByRole('heading', { name: '将磁盘导出为镜像' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByLabel('语言 / Language')).toHaveValue('zh-CN');
    await page.getByLabel('令牌', { exact: true }).fill(TOKEN);
    await page.getByRole('button', { name: '加载磁盘' }).click();
    const disk = page.getByRole('radio', { name: 'data-disk-01', exact: true });
    await expect(disk).toBeVisible();
    // Disk statuses by their Chinese names; the column headers too.
    const table = page.getByRole('table', { name: '项目中的磁盘：选择一个进行导出' });
    await expect(table.getByRole('columnheader', { name: '状态' })).toBeVisible();
    await expect(table.getByRole('row', { name: /data-disk-01/ })).toContainText('可用');
    await expect(table.getByRole('row', { name: /data-disk-02/ })).toContainText('正在使用');
    await expect(page.getByText(/第 1 页：显示 \d+ 个磁盘/)).toBeVisible();
    await disk.check();
    await expect(page.getByText('此磁盘可以导出。')).toBeVisible();

    // Invalid names: evs-model's rules, in Chinese.
    const name = page.getByLabel('镜像名称');
    await name.fill('坏/名字');
    await expect(page.getByText('第 2 个字符 "/" (U+002F) 不允许使用。请使用字母、数字、空格、连字符（-）、句点（.）和下划线（_）。')).toBeVisible();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    const exportButton = page.getByRole('button', { name: '导出', exact: true });
    await expect(exportButton).toBeDisabled();
    await expect(page.getByText('请更正上方标出的字段。')).toBeVisible();
    await name.fill(' 开头空格');
    await expect(page.getByText('名称不能以空格开头。')).toBeVisible();
    await name.fill('x'.repeat(130));
    await expect(page.getByText('名称长 130 个字符，上限为 128 个。请删除 2 个字符。')).toBeVisible();

    // Format help in Chinese; server-bound values unchanged.
    await expect(page.getByText(/华为云最新格式/)).toBeVisible();
    await page.getByLabel('磁盘格式').selectOption('qcow2');
    await expect(page.getByText(/QEMU 写时复制/)).toBeVisible();

    await name.fill('数据盘镜像-01');
    await expect(exportButton).toBeEnabled();
    await page.screenshot({ path: `${SHOTS}/i18n-zh-form.png`, fullPage: true });
    await exportButton.click();
    const result = page.getByRole('region', { name: '导出请求已受理' });
    await expect(result.getByRole('heading', { name: '导出请求已受理' })).toBeFocused();
    await expect(result.getByText('镜像将出现在您的私有镜像列表中。镜像 ID 见下方，可直接复制。')).toBeVisible();
    const stages = result.getByRole('list', { name: '导出阶段' }).getByRole('listitem');
    await expect(stages).toHaveText(['排队中', '保存中', '可用']);
    await expect(result.getByRole('status').filter({ hasText: '镜像状态' })).toContainText(/镜像状态：(排队中|保存中)。/);
    await expect(result.getByText('镜像已可用：已在您的私有镜像列表中，可以使用。镜像 ID 见下方。')).toBeVisible({ timeout: 20_000 });
    await expect(result.getByRole('button', { name: '复制镜像 ID' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/i18n-zh-active.png`, fullPage: true });

    // What was sent is the API's, not the language's.
    const calls = await exportCalls(request);
    expect(calls).toHaveLength(1);
  });
});

test('switching language in the page keeps the form and follows <html lang>', async ({ page }) => {
  await page.goto(`/?project=${PROJECT}`);
  await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Token', { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: 'Load disks' }).click();
  await page.getByRole('radio', { name: 'data-disk-02', exact: true }).check();
  await page.getByLabel('Image name').fill('a/b');
  await expect(page.getByText('Character 2, "/" (U+002F), is not allowed.', { exact: false })).toBeVisible();
  await expect(page.getByText(/attached to a running server \(in-use\)/).first()).toBeVisible();

  await page.getByLabel('Language / 语言').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '将磁盘导出为镜像' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByLabel('镜像名称')).toHaveValue('a/b');
  await expect(page.getByText(/第 2 个字符 "\/" \(U\+002F\) 不允许使用/)).toBeVisible();
  await expect(page.getByText(/此磁盘已挂载到运行中的云服务器（正在使用）/).first()).toBeVisible();
  await expect(page.getByRole('radio', { name: 'data-disk-02', exact: true })).toBeChecked();
  await expect(page.getByText('Export a disk as an image')).toHaveCount(0);

  await page.getByLabel('语言 / Language').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('?lang=zh-CN overrides an English browser', async ({ page }) => {
  await page.goto(`/?project=${PROJECT}&lang=zh-CN`);
  await expect(page.getByRole('heading', { name: '将磁盘导出为镜像' })).toBeVisible();
  await expect(page.getByLabel('令牌', { exact: true })).toBeVisible();
});

test('the language menu works by keyboard alone', async ({ page }) => {
  await page.goto(`/?project=${PROJECT}`);
  await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible();
  const menu = page.getByLabel('Language / 语言');
  for (let i = 0; i < 10 && !(await menu.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(menu).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { name: '将磁盘导出为镜像' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByLabel('语言 / Language')).toBeFocused();
});
