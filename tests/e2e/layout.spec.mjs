// Narrow screens, dark mode and a keyboard-only export.
import { test, expect } from './fixtures.mjs';
import { reset, open, connect, fill, exportButton, disk, tokenField, nameField, TOKEN, SHOTS } from './helpers.mjs';

test.beforeEach(async ({ request }) => {
  await reset(request);
});

test('works at 360 px without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-02', 'narrow');
  await page.getByLabel('Force export of an in-use disk').check();
  await expect(exportButton(page)).toBeEnabled();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/07-narrow-360.png`, fullPage: true });
  await exportButton(page).click();
  await expect(page.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  const after = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(after).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/08-narrow-360-result.png`, fullPage: true });
});

test('dark colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-02', 'bad/name');
  await expect(page.getByText('is not allowed')).toBeVisible();
  const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.evs-section')).backgroundColor);
  expect(bg).toBe('rgb(22, 27, 34)');
  await page.screenshot({ path: `${SHOTS}/09-dark.png`, fullPage: true });
});

/** Presses Tab until `target` has focus (at most `max` times). */
async function tabTo(page, target, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('could not reach the control with Tab');
}

test('keyboard only, from the token to an active image', async ({ page }) => {
  await open(page);
  await tabTo(page, tokenField(page));
  await page.keyboard.type(TOKEN);
  await page.keyboard.press('Enter');
  await expect(disk(page, 'data-disk-01')).toBeVisible();
  // Into the radio group: the first disk gets focus; arrows move the choice.
  await tabTo(page, disk(page, 'data-disk-01'));
  await page.keyboard.press('Space');
  await expect(disk(page, 'data-disk-01')).toBeChecked();
  await tabTo(page, nameField(page));
  await page.keyboard.type('typed by keyboard');
  await tabTo(page, exportButton(page));
  const outline = await exportButton(page).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result.getByRole('heading', { name: 'Export accepted' })).toBeFocused();
  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
});
