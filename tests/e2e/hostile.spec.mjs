// Hostile responses served to the real page (release build, headless Chromium).
//
// The test helper is Playwright's request interception: `page.route(matcher, handler)` catches
// one of the console's calls before it leaves the browser and answers it with
// `route.fulfill({status, headers, body})` (any status, any headers, any bytes) or
// `route.abort(kind)` (no answer). Matchers, by URL path: the export POST (`…/action`), the
// disk list (`…/volumes/detail`), one disk (`…/volumes/{id}`) and the image (`/ims/v2/images/…`).
// Everything not routed goes to the simulator as usual. The cases are the table in
// hostile-cases.mjs; one page load serves every case of a target (the routed answer changes,
// the page stays), so a case also proves the page is still usable for the next one.
//
// After every case: no panic (console and pageerror), no script ran (window.__pwned, no
// dialog), no element from data (img/script/svg/iframe/object/embed, on* attributes, links),
// the form kept the typed image name, typing still updates the counter, the layout is not
// wider than twice the viewport and Export is still reachable. The export POST is always
// routed, so the simulator's log must show no export at all.
import { test, expect } from './fixtures.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';
import { CASES, accepted, image } from './hostile-cases.mjs';
import {
  reset, open, connect, fill, disk, nameField, exportButton, formAlert, exportCalls, forbidDialogs, DISK_01,
} from './helpers.mjs';

const NAME = 'keep this name';
const BROKEN = /panicked|RuntimeError|unreachable executed|wasm-bindgen: imported JS function that was not marked as `catch` threw/i;

const isAction = (u) => u.pathname.endsWith('/action');
const isList = (u) => u.pathname.endsWith('/volumes/detail');
const isShow = (u) => u.pathname.endsWith(`/volumes/${DISK_01}`);
const isImage = (u) => u.pathname.includes('/ims/v2/images/');
const MATCHER = { export: isAction, list: isList, show: isShow, image: isImage };

const answer = (reply) => (route) => (reply.abort ? route.abort(reply.abort) : route.fulfill(reply));
const ok = (status, value) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

const totals = { cases: 0, panics: 0, executions: 0, injectedElements: 0, simExports: 0 };

test.describe.configure({ mode: 'default' });

test.beforeEach(async ({ request }) => {
  await reset(request);
});

test.afterAll(async () => {
  mkdirSync('target', { recursive: true });
  writeFileSync('target/hostile-summary.json', `${JSON.stringify(totals, null, 2)}\n`);
  console.log(`hostile: ${JSON.stringify(totals)}`);
});

/** Console and pageerror lines that mean the wasm broke. */
function watch(page) {
  const broken = [];
  page.on('pageerror', (e) => {
    totals.panics += 1;
    broken.push(`pageerror: ${e.message}`);
  });
  page.on('console', (m) => {
    if (BROKEN.test(m.text())) {
      totals.panics += 1;
      broken.push(`console: ${m.text()}`);
    }
  });
  forbidDialogs(page);
  return broken;
}

/** Elements and attributes that only data could have put there (the app renders none). */
const INJECTED = 'img, script, svg, iframe, object, embed, math, a[href], [onerror], [onload]';

async function setUp(page) {
  const broken = watch(page);
  page.setDefaultTimeout(15_000);
  // Every export POST and image GET is answered here; the simulator never sees an export.
  await page.route(isAction, answer(ok(202, accepted())));
  await page.route(isImage, answer(ok(200, image())));
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-01', NAME);
  expect(await page.evaluate((sel) => document.body.querySelectorAll(sel).length, INJECTED)).toBe(0);
  return broken;
}

const diskRegion = (page) => page.getByRole('region', { name: 'Disk', exact: true });
const result = (page) => page.getByRole('region', { name: 'Export accepted' });

async function trigger(page, c) {
  if (c.target === 'export' || c.target === 'image') {
    await expect(exportButton(page)).toBeEnabled();
    await exportButton(page).click();
  } else if (c.target === 'list') {
    await diskRegion(page).getByRole('button', { name: 'Refresh' }).click();
  } else {
    await diskRegion(page).getByRole('button', { name: 'Check disk status' }).click();
  }
}

async function outcome(page, c) {
  switch (`${c.target}:${c.expect}`) {
    case 'export:alert':
      await expect(formAlert(page)).toBeVisible();
      await expect(result(page)).toHaveCount(0);
      break;
    case 'export:result':
      await expect(result(page)).toBeVisible();
      await expect(formAlert(page)).toHaveCount(0);
      break;
    case 'list:alert':
    case 'show:alert':
      await expect(diskRegion(page).getByRole('alert')).toBeVisible();
      break;
    case 'list:list':
      await expect(disk(page, 'data-disk-01')).toHaveCount(0);
      await expect(diskRegion(page).getByRole('alert')).toHaveCount(0);
      await expect(diskRegion(page).getByRole('table')).toBeVisible();
      break;
    case 'show:shown':
      await expect(diskRegion(page).getByRole('alert')).toHaveCount(0);
      break;
    case 'image:image-error':
      await expect(result(page).getByText(/Lost contact with the image service; retrying/)).toBeVisible();
      break;
    case 'image:shown':
      await expect(result(page).getByRole('status').filter({ hasText: 'Image status:' })).toBeVisible();
      break;
    default:
      throw new Error(`no outcome check for ${c.target}:${c.expect}`);
  }
  for (const t of c.text ?? []) {
    await expect(page.locator('body')).toContainText(t);
  }
  if (c.pick) {
    await page.getByRole('radio', { name: c.pick, exact: true }).check();
    await expect(page.getByText('Selected disk:')).toBeVisible();
  }
}

/** The checks every case ends with. */
async function unharmed(page, broken, n) {
  expect(broken, 'no panic').toEqual([]);
  const state = await page.evaluate((sel) => ({
    pwned: typeof window.__pwned,
    injected: document.body.querySelectorAll(sel).length,
    width: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }), INJECTED);
  if (state.pwned !== 'undefined') totals.executions += 1;
  totals.injectedElements += state.injected;
  expect(state.pwned, 'no script ran').toBe('undefined');
  expect(state.injected, 'no element from data').toBe(0);
  expect(state.width, 'page not wider than 2× the viewport').toBeLessThanOrEqual(2 * state.viewport);
  // The form kept the typed name, and the page still reacts to typing.
  await expect(nameField(page)).toHaveValue(NAME);
  const probe = `probe ${n}`;
  await nameField(page).fill(probe);
  await expect(page.getByText(`Characters: ${probe.length} / 128`, { exact: true })).toBeVisible();
  await nameField(page).fill(NAME);
  await expect(page.getByText(`Characters: ${NAME.length} / 128`, { exact: true })).toBeVisible();
  // Export is still reachable.
  const button = exportButton(page);
  await button.scrollIntoViewIfNeeded();
  await expect(button).toBeInViewport();
  const box = await button.boundingBox();
  expect(box.x + box.width).toBeLessThanOrEqual(2 * state.viewport);
}

/** Puts the disk list and the picked disk back to the simulator's. */
async function restore(page, c) {
  if (c.target === 'list') {
    await diskRegion(page).getByRole('button', { name: 'Refresh' }).click();
    await disk(page, 'data-disk-01').check();
  }
  if (c.target === 'list' || c.target === 'show') {
    await diskRegion(page).getByRole('button', { name: 'Check disk status' }).click();
    await expect(page.getByText('This disk can be exported.')).toBeVisible();
  }
}

for (const target of ['export', 'list', 'show', 'image']) {
  const cases = CASES.filter((c) => c.target === target);
  test(`hostile ${target} answers: ${cases.length} cases on one page`, async ({ page, request }) => {
    test.setTimeout(240_000);
    const broken = await setUp(page);
    let n = 0;
    for (const c of cases) {
      await test.step(c.id, async () => {
        n += 1;
        totals.cases += 1;
        const matcher = MATCHER[c.target];
        const handler = answer(c.reply);
        await page.route(matcher, handler);
        try {
          await trigger(page, c);
          await outcome(page, c);
        } finally {
          await page.unroute(matcher, handler);
        }
        await unharmed(page, broken, n);
        await restore(page, c);
      });
    }
    const sim = await exportCalls(request);
    totals.simExports += sim.length;
    expect(sim, 'every export POST was answered by the route').toHaveLength(0);
  });
}

test('the checks see a planted injection, and the policy blocks its handler', async ({ page }) => {
  await setUp(page);
  await page.evaluate(() => {
    document.querySelector('form').insertAdjacentHTML('beforeend', '<img src=x onerror="window.__pwned=1">');
  });
  await page.waitForTimeout(300);
  expect(await page.evaluate((sel) => document.body.querySelectorAll(sel).length, INJECTED)).toBe(1);
  // Even markup that got in could not run: the page's CSP has no 'unsafe-inline'.
  expect(await page.evaluate(() => typeof window.__pwned)).toBe('undefined');
});
