// WCAG 2.1 AA checks with axe-core over every state of the console — empty, invalid,
// blocked, force, submitting, progress, active, failed and each kind of error — in light
// and dark, in English and Chinese. Plus focus management and the live regions.
import { test, expect } from './fixtures.mjs';
import { reset, fault, freeze, thaw, PROJECT, TOKEN } from './helpers.mjs';

// The release page's CSP allows only its own scripts: axe is injected from node_modules.
test.use({ bypassCSP: true });

const WORDS = {
  en: {
    heading: 'Export a disk as an image', token: 'Token', load: 'Load disks', name: 'Image name',
    export: 'Export', force: 'Force export of an in-use disk', accepted: 'Export accepted',
    active: 'The image is active', failed: 'The export failed', saving: 'Saving:',
    cancel: 'Cancel export', confirm: 'Cancel this export?', deleteImage: 'Delete the image',
    cancelled: 'The export was cancelled', leftovers: 'Leftover images', find: 'Find leftover images',
    deleteLeftover: 'Delete leftover-01', leftoverConfirm: 'Delete this leftover image?', why: 'Why it failed',
    details: 'Image details (optional)', description: 'Description', minDisk: 'Minimum disk (GB)',
    several: 'Export several disks', preview: 'The images to be created', exportTwo: 'Export 2 disks',
    batchProgress: 'Several disks: progress', batchDone: 'Done: 2. Failed: 0. Refused (not sent): 0.',
  },
  zh: {
    heading: '将磁盘导出为镜像', token: '令牌', load: '加载磁盘', name: '镜像名称',
    export: '导出', force: '强制导出使用中的磁盘', accepted: '导出请求已受理',
    active: '镜像已可用', failed: '导出失败', saving: '保存中：',
    cancel: '取消导出', confirm: '取消此导出？', deleteImage: '删除镜像',
    cancelled: '导出已取消', leftovers: '遗留镜像', find: '查找遗留镜像',
    deleteLeftover: '删除 leftover-01', leftoverConfirm: '删除此遗留镜像？', why: '失败原因',
    details: '镜像详情（可选）', description: '描述', minDisk: '最小磁盘（GB）',
    several: '导出多个磁盘', preview: '将创建的镜像', exportTwo: '导出 2 个磁盘',
    batchProgress: '多个磁盘：进度', batchDone: '完成：2。失败：0。拒绝（未发送）：0。',
  },
};

/** Runs axe (WCAG 2.0/2.1 A and AA) and records the violations under `state`. */
async function axe(page, found, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], resultTypes: ['violations'] }));
  for (const v of result.violations) {
    for (const n of v.nodes) {
      found.push(`${state}: ${v.id} (${v.impact}) at ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`);
    }
  }
  return result.violations.length;
}

/** Opens the console in `lang`, connects and picks `diskName`. */
async function start(page, w, query = '') {
  await page.goto(`/?project=${PROJECT}${query}`);
  await expect(page.getByRole('heading', { name: w.heading })).toBeVisible();
}

async function connect(page, w) {
  await page.getByLabel(w.token, { exact: true }).fill(TOKEN);
  await page.getByRole('button', { name: w.load }).click();
  await expect(page.getByRole('radio', { name: 'data-disk-01', exact: true })).toBeVisible();
}

for (const scheme of ['light', 'dark']) {
  for (const lang of ['en', 'zh']) {
    const w = WORDS[lang];
    test.describe(`${scheme}, ${lang}`, () => {
      test.use({ colorScheme: scheme, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
      test.beforeEach(async ({ request }) => reset(request));

      test('every state of an export passes axe', async ({ page, request }) => {
        const found = [];
        await start(page, w);
        await axe(page, found, 'empty');
        await connect(page, w);
        await axe(page, found, 'disk list');
        // Blocked disk, invalid name (errors shown).
        await page.getByRole('radio', { name: 'broken-disk', exact: true }).check();
        await page.getByLabel(w.name).fill(' bad/name');
        await expect(page.locator('.evs-errors li').first()).toBeVisible();
        await axe(page, found, 'blocked disk, invalid name');
        // In-use disk: the force warning.
        await page.getByRole('radio', { name: 'data-disk-02', exact: true }).check();
        await page.getByLabel(w.name).fill('forced image');
        await axe(page, found, 'in-use disk, force warning');
        // Submitting: the export answers 3 s late.
        await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
        await fault(request, { fault: 'latency=3000', match: 'action' });
        await page.getByRole('button', { name: w.export, exact: true }).click();
        await expect(page.getByRole('button', { name: w.export, exact: true })).toBeDisabled();
        await axe(page, found, 'submitting');
        // Accepted: progress, then active.
        const result = page.getByRole('region', { name: w.accepted });
        await expect(result.getByText(w.saving)).toBeVisible({ timeout: 10_000 });
        await axe(page, found, 'progress (saving)');
        await expect(result.getByText(w.active)).toBeVisible({ timeout: 20_000 });
        await axe(page, found, 'active');
        // A failed export (image killed).
        await fault(request, { fault: 'export-fails', match: 'action' });
        await expect(page.getByRole('button', { name: w.export, exact: true })).toBeEnabled({ timeout: 20_000 });
        await page.getByRole('button', { name: w.export, exact: true }).click();
        await expect(page.getByText(w.failed)).toBeVisible({ timeout: 20_000 });
        await axe(page, found, 'failed (killed)');
        expect(found, found.join('\n')).toEqual([]);
      });

      test('the cancel, the leftover images and the failure reason pass axe', async ({ page, request }) => {
        const found = [];
        await start(page, w, '&dialect=cinder');
        await connect(page, w);
        await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
        await page.getByLabel(w.name).fill('cancel me');
        await freeze(request);
        await page.getByRole('button', { name: w.export, exact: true }).click();
        const result = page.getByRole('region', { name: w.accepted });
        await result.getByRole('button', { name: w.cancel }).click();
        await expect(result.getByRole('group', { name: w.confirm })).toBeVisible();
        await axe(page, found, 'cancel confirmation');
        await result.getByRole('button', { name: w.deleteImage }).click();
        await expect(result.getByText(w.cancelled)).toBeVisible();
        await axe(page, found, 'cancelled');
        const leftovers = page.getByRole('region', { name: w.leftovers });
        await leftovers.getByRole('button', { name: w.find }).click();
        await leftovers.getByRole('button', { name: w.deleteLeftover }).click();
        await expect(leftovers.getByRole('group', { name: w.leftoverConfirm })).toBeVisible();
        await axe(page, found, 'leftover images, confirmation');
        await thaw(request);
        await fault(request, { fault: 'export-fails', match: 'action' });
        await expect(page.getByRole('button', { name: w.export, exact: true })).toBeEnabled({ timeout: 20_000 });
        await page.getByRole('button', { name: w.export, exact: true }).click();
        await expect(page.getByRole('region', { name: w.why }).getByText('VOLUME_VOLUME_003_004', { exact: true }))
          .toBeVisible({ timeout: 20_000 });
        await axe(page, found, 'failure reason (Cinder)');
        expect(found, found.join('\n')).toEqual([]);
      });

      test('the sign-in form, the image details and several disks pass axe', async ({ page }) => {
        const found = [];
        await start(page, w, '&dialect=cinder');
        await axe(page, found, 'first screen with the sign-in form');
        await connect(page, w);
        await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
        await page.getByLabel(w.name).fill('details image');
        const details = page.getByRole('group', { name: w.details });
        await details.getByLabel(w.description).fill('Nightly backup');
        await details.getByLabel(w.minDisk).fill('99999999999');
        await expect(details.getByLabel(w.minDisk)).toHaveAttribute('aria-invalid', 'true');
        await axe(page, found, 'image details, one invalid');
        await page.getByLabel(w.several).check();
        for (const name of ['data-disk-01', 'linux-boot']) {
          await page.getByRole('checkbox', { name, exact: true }).check();
        }
        await expect(page.getByRole('table', { name: w.preview })).toBeVisible();
        await axe(page, found, 'several disks, preview');
        await page.getByRole('button', { name: w.exportTwo }).click();
        await expect(page.getByRole('region', { name: w.batchProgress }).getByRole('status'))
          .toHaveText(w.batchDone, { timeout: 30_000 });
        await axe(page, found, 'several disks, progress and summary');
        expect(found, found.join('\n')).toEqual([]);
      });

      test('every kind of error passes axe', async ({ page, request }) => {
        const found = [];
        await start(page, w, '&timeout_ms=1500');
        await connect(page, w);
        await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
        await page.getByLabel(w.name).fill('error image');
        // (A dropped POST is retried by Chromium itself: the network error is taken on the list.)
        for (const kind of ['empty-400', 'empty-401', '500-html', 'empty-404', 'empty-429', 'hang', 'invalid-json']) {
          await fault(request, { fault: kind, match: 'action' });
          const button = page.getByRole('button', { name: w.export, exact: true });
          await expect(button).toBeEnabled({ timeout: 10_000 });
          await button.click();
          const panel = page.locator('.evs-error[role=alert]').first();
          await expect(panel).toBeVisible({ timeout: 10_000 });
          await axe(page, found, `error ${kind}`);
          if (kind === 'invalid-json') break; // the export started: the disk is uploading now
          await reset(request);
        }
        // The service cannot be reached (the list's connection dropped, retries included).
        await fault(request, { fault: 'drop', match: 'volumes', times: 10 });
        await page.getByRole('button', { name: w.load }).click();
        await expect(page.locator('.evs-picker .evs-error[role=alert]')).toBeVisible({ timeout: 20_000 });
        await axe(page, found, 'network error');
        await reset(request);
        // A bad token on the list: the 401 panel with its button.
        await page.getByLabel(w.token, { exact: true }).fill('wrong');
        await page.getByRole('button', { name: w.load }).click();
        await expect(page.locator('.evs-error[role=alert]').first()).toBeVisible();
        await axe(page, found, 'list 401');
        expect(found, found.join('\n')).toEqual([]);
      });
    });
  }
}

test.describe('focus and announcements', () => {
  test.beforeEach(async ({ request }) => reset(request));

  test('Enter with an invalid name focuses the field and announces why', async ({ page }) => {
    const w = WORDS.en;
    await start(page, w);
    await connect(page, w);
    await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
    // Export is disabled, so Enter in the name field is handled by the form itself.
    const name = page.getByLabel(w.name);
    await name.fill('bad/name');
    await expect(page.getByRole('button', { name: w.export, exact: true })).toBeDisabled();
    await name.press('Enter');
    await expect(name).toBeFocused();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    const live = page.locator('form.evs-form [role=status]').last();
    await expect(live).toContainText('Correct the fields marked above.');
    await expect(live).toContainText('Character 4, "/" (U+002F), is not allowed.');
    // An empty name: the same, with its own message; nothing was sent.
    await name.fill('');
    await name.press('Enter');
    await expect(name).toBeFocused();
    await expect(live).toContainText('Enter an image name.');
  });

  test('Enter with an in-use disk and no force focuses the force checkbox', async ({ page }) => {
    const w = WORDS.en;
    await start(page, w);
    await connect(page, w);
    await page.getByRole('radio', { name: 'data-disk-02', exact: true }).check();
    await page.getByLabel(w.name).fill('needs force');
    await page.getByLabel(w.name).press('Enter');
    await expect(page.getByLabel(w.force)).toBeFocused();
  });

  test('after an error the error panel has focus; the live regions exist', async ({ page, request }) => {
    const w = WORDS.en;
    await start(page, w);
    // The status line of the disk list and the progress announcement are live regions.
    await expect(page.locator('.evs-picker [role=status]')).toHaveCount(1);
    await connect(page, w);
    await page.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
    await page.getByLabel(w.name).fill('error focus');
    await fault(request, { fault: '500-html', match: 'action' });
    await page.getByRole('button', { name: w.export, exact: true }).click();
    const panel = page.locator('section', { has: page.getByLabel(w.name) }).getByRole('alert');
    await expect(panel).toBeFocused();
    await page.getByRole('button', { name: w.export, exact: true }).click();
    const result = page.getByRole('region', { name: w.accepted });
    await expect(result.getByRole('heading', { name: w.accepted })).toBeFocused();
    const live = result.locator('[role=status][aria-live=polite]').first();
    await expect(live).toContainText(/Image status: (queued|saving)\./);
    await expect(live).toContainText(w.active, { timeout: 20_000 });
  });
});

test('the axe harness reports a planted violation (so a pass means something)', async ({ page }) => {
  await page.goto(`/?project=${PROJECT}`);
  await expect(page.getByRole('heading', { name: WORDS.en.heading })).toBeVisible();
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'faint';
    p.style.cssText = 'color:#ccc;background:#fff';
    document.querySelector('main').append(p, document.createElement('input'));
  });
  const found = [];
  expect(await axe(page, found, 'planted')).toBeGreaterThanOrEqual(2);
  expect(found.join('\n')).toMatch(/color-contrast/);
  expect(found.join('\n')).toMatch(/label/);
});
