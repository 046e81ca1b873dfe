// The token: memory only, sessionStorage only when asked, never in a URL or the console.
import { test, expect } from './fixtures.mjs';
import { reset, simLog, open, connect, fill, exportButton, disk, tokenField, TOKEN, PROJECT } from './helpers.mjs';

test.beforeEach(async ({ request }) => {
  await reset(request);
});

test('the token stays in memory unless remembered; sign out clears it', async ({ page, request }) => {
  const logged = [];
  page.on('console', (m) => logged.push(m.text()));
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));

  await open(page);
  await connect(page);
  await fill(page, 'data-disk-01', 'remember test');
  await exportButton(page).click();
  await expect(page.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toContain(TOKEN);

  // Not remembered: a reload forgets it.
  await page.reload();
  await expect(tokenField(page)).toHaveValue('');
  await expect(page.getByText('Enter the project ID and a token')).toBeVisible();

  // Remembered for this tab: a reload keeps it and loads the disks.
  await tokenField(page).fill(TOKEN);
  await page.getByLabel('Remember for this tab').check();
  await page.reload();
  await expect(tokenField(page)).toHaveValue(TOKEN);
  await expect(disk(page, 'data-disk-01')).toBeVisible();

  // Sign out during an export: the token is cleared and the polling stops with the view.
  await fill(page, 'linux-boot', 'signed out');
  await exportButton(page).click();
  await expect(page.getByRole('region', { name: 'Export accepted' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(tokenField(page)).toHaveValue('');
  await expect(page.getByText('Signed out: the token is cleared.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Export accepted' })).toHaveCount(0);
  const before = (await simLog(request)).length;
  await page.waitForTimeout(2500);
  expect((await simLog(request)).length).toBe(before);
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(TOKEN);
  await page.reload();
  await expect(tokenField(page)).toHaveValue('');

  for (const u of urls) expect(u).not.toContain(TOKEN);
  for (const l of logged) expect(l).not.toContain(TOKEN);
});

test('a token in the address is ignored and removed', async ({ page }) => {
  await page.goto(`/?project=${PROJECT}&token=${TOKEN}&volume=a0000000-0000-4000-8000-000000000001`);
  await expect(page.getByRole('alert').filter({ hasText: 'A token in the address was ignored' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect(page.url()).toContain('volume=a0000000');
  await expect(tokenField(page)).toHaveValue('');
  // The preset disk is picked once connected.
  await connect(page);
  await expect(disk(page, 'data-disk-01')).toBeChecked();
  await expect(page.locator('p', { hasText: 'Selected disk:' })).toContainText('data-disk-01');
});
