// Embedding in a portal (examples/portal, served at /portal/): the <evs-export-image> element
// and mount() under a strict CSP and hostile global CSS, the events the host hears, the token
// provider (refreshed after a 401), update/unmount, and options errors thrown to the host.
import { test, expect } from './fixtures.mjs';
import {
  reset, fault, freeze, simLog, exportCalls, forbidDialogs, servePortal, PROJECT, TOKEN, DISK_01, SHOTS,
} from './helpers.mjs';

const LINUX_BOOT = 'a0000000-0000-4000-8000-000000000004';
const FINANCE_DISK = 'a0000000-0000-4000-8000-000000000008';
const API = /\/(evs|ims)\//;

const elementConsole = (page) => page.locator('#export-a');
const mountedConsole = (page) => page.locator('#export-b');
const events = (page) => page.getByRole('list', { name: 'Console events' }).getByRole('listitem');
const providerCalls = async (page) => Number(await page.locator('#provider-calls').textContent());

/** The `detail` of the logged events named `name` from the console `id`. */
async function logged(page, id, name) {
  const lines = await events(page).allTextContents();
  const prefix = `${id}: ${name} `;
  return lines.filter((l) => l.startsWith(prefix)).map((l) => JSON.parse(l.slice(prefix.length)));
}

/** Fails the test on any CSP violation or uncaught page error. */
function watchErrors(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|panicked|unreachable/i.test(m.text())) {
      problems.push(m.text());
    }
  });
  return problems;
}

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
  await servePortal(page);
});

test('the element exports through to an active image inside its shadow root; the host hears it', async ({ page, request }) => {
  const problems = watchErrors(page);
  await page.goto('/portal/');
  const a = elementConsole(page);
  // The portal's token provider is used: no token field, no remember, no sign out.
  await expect(a.getByRole('radio', { name: 'data-disk-01', exact: true })).toBeVisible();
  await expect(a.getByLabel('Token', { exact: true })).toHaveCount(0);
  await expect(a.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await expect(a.getByLabel('Remember for this tab')).toHaveCount(0);
  // The portal hides every table and input and makes button text transparent: not in here.
  await expect(a.getByRole('table')).toBeVisible();
  await a.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
  await a.getByLabel('Image name').fill('portal backup');
  const exportButton = a.getByRole('button', { name: 'Export', exact: true });
  await expect(exportButton).toBeEnabled();
  // Themed through the documented custom property the portal sets on the element.
  expect(await exportButton.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(108, 46, 185)');
  expect(await exportButton.evaluate((b) => getComputedStyle(b).color)).not.toBe('rgba(0, 0, 0, 0)');
  await exportButton.click();

  const result = a.getByRole('region', { name: 'Export accepted' });
  await expect(result).toBeVisible();
  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: `${SHOTS}/embed-portal.png`, fullPage: true });

  const images = await (await request.get('/ims/v2/images', { headers: { 'X-Auth-Token': TOKEN } })).json();
  const image = images.images.find((i) => i.name === 'portal backup');
  expect(image?.status).toBe('active');
  await expect(events(page).filter({ hasText: 'export-a: evs-image-active' })).toHaveCount(1);
  expect(await logged(page, 'export-a', 'evs-export-submitted')).toEqual([
    { volumeId: DISK_01, imageId: image.id, imageName: 'portal backup' },
  ]);
  expect(await logged(page, 'export-a', 'evs-image-active')).toEqual([{ imageId: image.id, volumeId: DISK_01 }]);
  expect(await logged(page, 'export-a', 'evs-export-failed')).toEqual([]);
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([202]);
  expect(problems).toEqual([]);
});

test('several disks: evs-export-submitted per disk, then evs-batch-finished with the summary', async ({ page, request }) => {
  const problems = watchErrors(page);
  await page.goto('/portal/');
  const a = elementConsole(page);
  await a.getByLabel('Export several disks').check();
  await a.getByRole('checkbox', { name: 'data-disk-01', exact: true }).check();
  await a.getByRole('checkbox', { name: 'linux-boot', exact: true }).check();
  await a.getByRole('checkbox', { name: 'broken-disk', exact: true }).check();
  await a.getByLabel('Image name pattern').fill('{name}-portal');
  await a.getByRole('button', { name: 'Export 2 disks' }).click();
  await expect(events(page).filter({ hasText: 'export-a: evs-batch-finished' })).toHaveCount(1, { timeout: 30_000 });
  const images = (await (await request.get('/ims/v2/images', { headers: { 'X-Auth-Token': TOKEN } })).json()).images;
  const id = (name) => images.find((i) => i.name === name).id;
  expect(await logged(page, 'export-a', 'evs-export-submitted')).toEqual([
    { volumeId: DISK_01, imageId: id('data-disk-01-portal'), imageName: 'data-disk-01-portal' },
    { volumeId: LINUX_BOOT, imageId: id('linux-boot-portal'), imageName: 'linux-boot-portal' },
  ]);
  expect(await logged(page, 'export-a', 'evs-batch-finished')).toEqual([{
    done: 2,
    failed: 0,
    refused: 1,
    disks: [
      { volumeId: DISK_01, imageName: 'data-disk-01-portal', imageId: id('data-disk-01-portal'), result: 'done' },
      { volumeId: LINUX_BOOT, imageName: 'linux-boot-portal', imageId: id('linux-boot-portal'), result: 'done' },
      { volumeId: 'a0000000-0000-4000-8000-000000000005', imageName: 'broken-disk-portal', imageId: null, result: 'refused' },
    ],
  }]);
  expect(problems).toEqual([]);
});

test('a refused export is told to the host as evs-export-failed (stage "request")', async ({ page, request }) => {
  await page.goto('/portal/');
  const a = elementConsole(page);
  await a.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
  await a.getByLabel('Image name').fill('refused');
  await fault(request, { fault: '500-html', match: 'action' });
  await a.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(a.getByRole('alert').first()).toBeVisible();
  await expect(events(page).filter({ hasText: 'evs-export-failed' })).toHaveCount(1);
  const [failed] = await logged(page, 'export-a', 'evs-export-failed');
  expect(failed).toMatchObject({ stage: 'request', status: 500, code: null });
  expect(failed.message.length).toBeGreaterThan(0);
  expect(await logged(page, 'export-a', 'evs-export-submitted')).toEqual([]);
});

test("the host page's styles are untouched and its traps do not reach the component", async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto('/portal/?defer=1');
  const hostStyles = () => page.evaluate(() => {
    const pick = (sel, props) => {
      const s = getComputedStyle(document.querySelector(sel));
      return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
    };
    return {
      body: pick('body', ['margin-top', 'background-color', 'font-family', 'font-size', 'color', 'box-sizing']),
      title: pick('#portal-title', ['font-size', 'font-family', 'color']),
      h2: pick('#h-mount', ['text-transform', 'letter-spacing', 'font-size']),
      button: pick('#switch', ['color', 'font-size', 'box-sizing']),
      table: pick('.portal-table', ['display']),
      events: pick('#events', ['font-family', 'font-size']),
    };
  });
  const before = await hostStyles();
  expect(before.table.display).toBe('none');
  await expect(mountedConsole(page).getByRole('button', { name: 'Export', exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Mount components' }).click();
  const a = elementConsole(page);
  const b = mountedConsole(page);
  await expect(a.getByRole('radio', { name: 'data-disk-01', exact: true })).toBeVisible();
  await expect(b.getByText('linux-boot')).toBeVisible();
  expect(await hostStyles()).toEqual(before);

  // Inside: inputs visible despite `input { display: none }`, the component's own font size
  // despite `* { font-size: 20px }`, border-box despite `* { box-sizing: content-box }`.
  for (const c of [a, b]) {
    const name = c.getByLabel('Image name');
    await expect(name).toBeVisible();
    expect(await name.evaluate((e) => [getComputedStyle(e).fontSize, getComputedStyle(e).boxSizing])).toEqual(['16px', 'border-box']);
    const label = c.getByText('Image name', { exact: true });
    expect(await label.evaluate((e) => getComputedStyle(e).fontFamily)).not.toContain('Georgia');
  }
  // No inline styles anywhere (style-src 'self'), only the linked stylesheet in each shadow root.
  expect(await page.evaluate(() => [...document.querySelectorAll('#export-a, #export-b')].map((h) => [
    h.shadowRoot.querySelectorAll('[style], style').length,
    h.shadowRoot.querySelectorAll('link[rel="stylesheet"]').length,
  ]))).toEqual([[0, 1], [0, 1]]);
  await page.screenshot({ path: `${SHOTS}/embed-portal-deferred.png`, fullPage: true });
  expect(problems).toEqual([]);
});

test('mount(): hidePicker, update switches the volume, unmount stops polling and requests', async ({ page, request }) => {
  await page.goto('/portal/');
  const b = mountedConsole(page);
  await expect(b.getByText('linux-boot')).toBeVisible();
  await expect(b.getByRole('table')).toHaveCount(0); // hidePicker with a volumeId

  await page.getByRole('button', { name: 'Switch to disk 数据盘-财务' }).click();
  await expect(b.getByText('数据盘-财务')).toBeVisible();
  expect((await simLog(request)).some((e) => e.method === 'GET' && e.path.endsWith(`/volumes/${FINANCE_DISK}`))).toBe(true);

  // Keep the progress polling busy: the image service answers 503 for a while.
  await fault(request, { fault: '503-html', match: 'images', times: 1000 });
  await b.getByLabel('Image name').fill('finance backup');
  await b.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(b.getByRole('region', { name: 'Export accepted' })).toBeVisible();
  const imageGets = async () => (await simLog(request)).filter((e) => e.path.includes('/v2/images/')).length;
  await expect.poll(imageGets, { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

  const sent = [];
  page.on('request', (r) => { if (API.test(r.url())) sent.push(r.url()); });
  await page.getByRole('button', { name: 'Unmount' }).click();
  await expect(b.getByRole('button', { name: 'Export', exact: true })).toHaveCount(0);
  await page.waitForTimeout(300); // anything already on the wire
  const logAfter = (await simLog(request)).length;
  const sentAfter = sent.length;
  await page.waitForTimeout(5_000);
  expect(sent.slice(sentAfter)).toEqual([]);
  expect((await simLog(request)).length).toBe(logAfter);
  // The other console is still there and working.
  await expect(elementConsole(page).getByRole('radio', { name: 'data-disk-01', exact: true })).toBeVisible();
});

test('update() in place: the language switches live and a running export keeps its progress; a new disk rebuilds', async ({ page, request }) => {
  const problems = watchErrors(page);
  await page.goto('/portal/?defer=1');
  await page.evaluate(async ({ project, disk, token }) => {
    const { mount } = await import('/evs-export-image.js');
    const host = document.createElement('div');
    host.id = 'live';
    document.body.append(host);
    window.liveOptions = { projectId: project, volumeId: disk, hidePicker: true, tokenProvider: () => token };
    window.liveHandle = mount(host, window.liveOptions);
  }, { project: PROJECT, disk: DISK_01, token: TOKEN });
  const live = page.locator('#live');
  // Keep the export running: the image service answers 503 for a while.
  await fault(request, { fault: '503-html', match: 'images', times: 1000 });
  await live.getByLabel('Image name').fill('live update');
  await live.getByRole('button', { name: 'Export', exact: true }).click();
  const result = live.getByRole('region', { name: 'Export accepted' });
  await expect(result).toBeVisible();
  await expect(result.getByText(/Lost contact with the image service; retrying/)).toBeVisible({ timeout: 15_000 });
  const imageId = (await result.locator('code').first().textContent()).trim();

  await page.evaluate(() => window.liveHandle.update({ ...window.liveOptions, locale: 'zh-CN', timeoutMs: 9000 }));
  const zh = live.getByRole('region', { name: '导出请求已受理' });
  await expect(zh).toBeVisible();
  await expect(zh.getByText(imageId)).toBeVisible();
  await expect(live.getByLabel('镜像名称')).toHaveValue('live update');
  await expect(zh.getByText(/与镜像服务失去联系，正在重试/)).toBeVisible();
  // Still the same export: one POST, and the polling goes on.
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([202]);
  const imageGets = async () => (await simLog(request)).filter((e) => e.path.includes('/v2/images/')).length;
  const polled = await imageGets();
  await expect.poll(imageGets, { timeout: 15_000 }).toBeGreaterThan(polled);

  // Back to English, then another disk: that rebuilds the console (no result any more).
  await page.evaluate(() => window.liveHandle.update({ ...window.liveOptions, locale: 'en' }));
  await expect(live.getByRole('region', { name: 'Export accepted' })).toBeVisible();
  await page.evaluate((disk) => window.liveHandle.update({ ...window.liveOptions, volumeId: disk }), LINUX_BOOT);
  await expect(live.getByText('linux-boot')).toBeVisible();
  await expect(live.getByRole('region', { name: 'Export accepted' })).toHaveCount(0);
  await expect(live.getByLabel('Image name')).toHaveValue('');
  expect(problems).toEqual([]);
});

test('the token provider is asked before each request, and again after a 401 (the POST too)', async ({ page, request }) => {
  // ?stale=1: the provider's first answer is an expired token.
  await page.goto('/portal/?stale=1');
  const a = elementConsole(page);
  await expect(a.getByRole('radio', { name: 'data-disk-01', exact: true })).toBeVisible();
  await expect(mountedConsole(page).getByText('linux-boot')).toBeVisible();
  let log = await simLog(request);
  expect(log.filter((e) => e.status === 401)).toHaveLength(1);
  expect(log.every((e) => e.status === 401 || e.status === 200)).toBe(true);
  // One call per request sent (the retried one included).
  await expect.poll(() => providerCalls(page)).toBe(log.length);

  // The portal's token expires; the export's 401 asks the provider again and retries once.
  await page.getByRole('button', { name: 'Expire the portal token' }).click();
  const callsBefore = await providerCalls(page);
  await a.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
  await a.getByLabel('Image name').fill('after refresh');
  await a.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(a.getByRole('region', { name: 'Export accepted' })).toBeVisible();
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([401, 202]);
  expect(await providerCalls(page)).toBeGreaterThanOrEqual(callsBefore + 2);
  await expect(events(page).filter({ hasText: 'export-a: evs-export-submitted' })).toHaveCount(1);
  await expect(a.getByRole('alert')).toHaveCount(0);
});

test('a provider that keeps giving a bad token fails after one retry, with the 401 shown', async ({ page, request }) => {
  await page.goto('/portal/?defer=1');
  const result = await page.evaluate(async ({ project, disk }) => {
    const { mount } = await import('/evs-export-image.js');
    const host = document.createElement('div');
    host.id = 'bad-token';
    document.body.append(host);
    let calls = 0;
    const failures = [];
    host.addEventListener('evs-export-failed', (e) => failures.push(e.detail));
    mount(host, { projectId: project, volumeId: disk, hidePicker: true, tokenProvider: () => { calls += 1; return 'wrong'; } });
    await new Promise((r) => setTimeout(r, 1500));
    return { calls, failures };
  }, { project: PROJECT, disk: DISK_01 });
  // The preset disk read: provider, 401, provider again, 401 → shown, not retried further.
  const log = await simLog(request);
  expect(log.map((e) => e.status)).toEqual([401, 401]);
  expect(result.calls).toBe(2);
  await expect(page.locator('#bad-token').getByRole('alert')).toContainText('401');
});

test('bad options are thrown to the host as clear errors, and the page keeps working', async ({ page }) => {
  const problems = watchErrors(page);
  await page.goto('/portal/?defer=1');
  const outcomes = await page.evaluate(async (project) => {
    const { mount } = await import('/evs-export-image.js');
    const cases = {
      dialect: { projectId: project, dialect: 'aws' },
      noProject: { dialect: 'cinder' },
      provider: { projectId: project, tokenProvider: 'sim-token' },
      locale: { projectId: project, locale: 'fr' },
      type: { projectId: project, timeoutMs: 'soon' },
      notObject: 42,
    };
    const out = {};
    for (const [k, options] of Object.entries(cases)) {
      const host = document.createElement('div');
      document.body.append(host);
      try {
        mount(host, options);
        out[k] = 'mounted';
      } catch (e) {
        out[k] = `${e instanceof Error}: ${e.message}`;
      }
    }
    // Unknown keys are fine, and the wasm is still alive after all those errors.
    const ok = document.createElement('div');
    document.body.append(ok);
    const handle = mount(ok, { projectId: project, unknownKey: 1, locale: 'zh-CN' });
    out.fine = handle.mounted;
    handle.unmount();
    out.afterUnmount = handle.mounted;
    return out;
  }, PROJECT);
  expect(outcomes.dialect).toMatch(/^true: evs-export-image: unknown dialect "aws"/);
  expect(outcomes.noProject).toBe('true: evs-export-image: projectId is required');
  expect(outcomes.provider).toMatch(/^true: evs-export-image: tokenProvider must be a function/);
  expect(outcomes.locale).toMatch(/^true: evs-export-image: unknown locale "fr"/);
  expect(outcomes.type).toBe('true: evs-export-image: bad options: timeoutMs must be a number');
  expect(outcomes.notObject).toBe('true: evs-export-image: options must be an object');
  expect(outcomes.fine).toBe(true);
  expect(outcomes.afterUnmount).toBe(false);

  // The element reports a bad attribute in itself and to the host.
  await page.evaluate(() => {
    const el = document.createElement('evs-export-image');
    el.id = 'export-bad';
    el.setAttribute('dialect', 'aws');
    el.setAttribute('project-id', 'p');
    document.body.append(el);
  });
  // Not defined yet on a deferred page: define it, the element upgrades and reports.
  await page.evaluate(async () => (await import('/evs-export-image.js')).defineEvsExportImage());
  await expect(page.locator('#export-bad').getByRole('alert')).toContainText('unknown dialect "aws"');
  await expect(events(page).filter({ hasText: 'export-bad: evs-config-error' })).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('embedded, a cancel is told to the host as evs-export-cancelled { volumeId, imageId }', async ({ page, request }) => {
  await page.goto('/portal/');
  const a = elementConsole(page);
  await a.getByRole('radio', { name: 'data-disk-01', exact: true }).check();
  await a.getByLabel('Image name').fill('portal cancel');
  await freeze(request);
  await a.getByRole('button', { name: 'Export', exact: true }).click();
  const result = a.getByRole('region', { name: 'Export accepted' });
  await result.getByRole('button', { name: 'Cancel export' }).click();
  await result.getByRole('group', { name: 'Cancel this export?' }).getByRole('button', { name: 'Delete the image' }).click();
  await expect(result.getByRole('status').filter({ hasText: 'The export was cancelled' })).toBeVisible();
  const read = (await simLog(request)).find((e) => e.method === 'GET' && /\/v2\/images\/[^/?]+$/.test(e.path));
  const id = read.path.split('/').pop();
  await expect(events(page).filter({ hasText: 'export-a: evs-export-cancelled' })).toHaveCount(1);
  expect(await logged(page, 'export-a', 'evs-export-cancelled')).toEqual([{ volumeId: DISK_01, imageId: id }]);
  // A cancel is not a failure.
  await expect(events(page).filter({ hasText: 'evs-export-failed' })).toHaveCount(0);
});
