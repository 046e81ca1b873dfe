// The prerendered first screen (scripts/prerender.mjs, from the same components as the live
// console): painted from index.html before the wasm runs, honest while it waits (marked busy,
// every button disabled, Enter submits nothing), replaced by the live console in one task
// with what the operator typed meanwhile carried over (src/platform/carry.rs), readable
// without JavaScript, and not used by an embedding portal.
import { test, expect } from './fixtures.mjs';
import {
  reset, forbidDialogs, servePortal, PROJECT, TOKEN, tokenField, nameField, exportButton, disk,
} from './helpers.mjs';

const staticScreen = (page) => page.locator('#evs-static');
const loadDisks = (page) => page.getByRole('button', { name: 'Load disks' });

/** Holds every .wasm request until `release()`; `seen()` counts them. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  let seen = 0;
  await page.route((url) => url.pathname.endsWith('.wasm'), async (route) => {
    seen += 1;
    await gate;
    await route.continue();
  });
  return { release: () => release(), seen: () => seen };
}

/** Page errors and panics, to be empty at the end. */
function watchErrors(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return problems;
}

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

test('the first screen is painted from the HTML while the wasm is still held back, its buttons inert', async ({ page }) => {
  const problems = watchErrors(page);
  const wasm = await holdWasm(page);
  await page.goto(`/?project=${PROJECT}`);
  await expect(staticScreen(page)).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible();
  await expect(nameField(page)).toBeVisible();
  await expect(nameField(page)).toBeEditable();
  await expect(tokenField(page)).toBeEditable();
  await expect(page.getByLabel('Disk format')).toHaveValue('zvhd2');
  // Nothing can be done yet: every button is disabled, and says so by its look (cursor).
  const buttons = staticScreen(page).getByRole('button');
  expect(await buttons.count()).toBeGreaterThanOrEqual(3);
  for (const b of await buttons.all()) await expect(b).toBeDisabled();
  await expect(loadDisks(page)).toHaveCSS('cursor', 'progress');
  await expect(exportButton(page)).toBeDisabled();
  // It was painted, and the wasm was requested with the page (held here), so before it ran.
  const paints = await page.evaluate(() => new Promise((done) => {
    new PerformanceObserver((list) => done(list.getEntries().map((e) => e.name)))
      .observe({ type: 'paint', buffered: true });
  }));
  expect(paints).toContain('first-contentful-paint');
  expect(wasm.seen()).toBe(1);
  // Enter in a static field submits nothing (the form's submit button is disabled).
  const url = page.url();
  await nameField(page).press('Enter');
  await tokenField(page).press('Enter');
  expect(page.url()).toBe(url);
  await expect(staticScreen(page)).toBeVisible();

  wasm.release();
  await expect(staticScreen(page)).toHaveCount(0);
  await expect(loadDisks(page)).toBeEnabled();
  // One console: the live one replaced the static one.
  await expect(page.locator('main')).toHaveCount(1);
  await expect(nameField(page)).toHaveCount(1);
  expect(problems).toEqual([]);
});

test('what the operator typed before the wasm started is kept, and the console uses it', async ({ page }) => {
  const problems = watchErrors(page);
  const wasm = await holdWasm(page);
  await page.goto(`/?project=${PROJECT}`);
  await expect(staticScreen(page)).toBeVisible();
  await tokenField(page).fill(TOKEN);
  await page.getByLabel('Disk format').selectOption('qcow2');
  await page.getByLabel('Force export of an in-use disk').check();
  await nameField(page).fill('typed before the wasm');
  await nameField(page).evaluate((el) => el.setSelectionRange(5, 5));

  wasm.release();
  await expect(staticScreen(page)).toHaveCount(0);
  await expect(nameField(page)).toHaveValue('typed before the wasm');
  await expect(nameField(page)).toBeFocused();
  expect(await nameField(page).evaluate((el) => [el.selectionStart, el.selectionEnd])).toEqual([5, 5]);
  await expect(tokenField(page)).toHaveValue(TOKEN);
  await expect(page.getByLabel('Disk format')).toHaveValue('qcow2');
  await expect(page.getByLabel('Force export of an in-use disk')).toBeChecked();
  // Not only shown: the console's state has them. The carried token loads the list, and the
  // request the form would send holds the carried name, format and force.
  await loadDisks(page).click();
  await disk(page, 'data-disk-01').check();
  await page.getByText('Show request').click();
  const request = page.locator('details.evs-request');
  await expect(request).toContainText('"image_name": "typed before the wasm"');
  await expect(request).toContainText('"disk_format": "qcow2"');
  await expect(request).toContainText('"force": true');
  // The carried name is validated like a typed one.
  await nameField(page).fill(' bad');
  await expect(page.getByText('The name cannot start with a space.').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the first screen is readable and stays marked busy, its buttons inert', async ({ page }) => {
    await page.goto(`/?project=${PROJECT}`);
    await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible();
    await expect(nameField(page)).toBeVisible();
    await expect(loadDisks(page)).toBeDisabled();
    await expect(exportButton(page)).toBeDisabled();
    await expect(staticScreen(page)).toHaveAttribute('aria-busy', 'true');
    // (The <noscript> line is not shown here: Playwright turns scripts off after parsing.)
    await expect(page.locator('noscript')).toHaveCount(1);
  });
});

test('an embedding portal does not get the prerendered screen', async ({ page }) => {
  await servePortal(page);
  const problems = watchErrors(page);
  await page.goto('/portal/');
  const a = page.locator('#export-a');
  await expect(a.getByRole('radio', { name: 'data-disk-01', exact: true })).toBeVisible();
  await expect(a.getByLabel('Image name')).toBeEditable();
  expect(await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean)];
    return roots.filter((r) => r.querySelector('#evs-static, [aria-busy="true"] form')).length;
  })).toBe(0);
  expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
});
