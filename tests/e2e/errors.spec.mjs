// Every failure is shown clearly next to the form, which keeps what was typed.
import { test, expect } from './fixtures.mjs';
import {
  reset, fault, open, connect, fill, nameField, exportButton, exportCalls, formAlert, tokenField,
  PROJECT, TOKEN, DISK_01, SHOTS,
} from './helpers.mjs';

test.beforeEach(async ({ request }) => {
  await reset(request);
});

async function ready(page, query = '') {
  await open(page, query);
  await connect(page);
  await fill(page, 'data-disk-01', 'keep this name');
}

async function expectFormIntact(page) {
  await expect(nameField(page)).toHaveValue('keep this name');
  await expect(page.getByRole('radio', { name: 'data-disk-01' })).toBeChecked();
}

test('400: the disk became busy before Export', async ({ page, request }) => {
  await ready(page);
  // Another export of the same disk starts elsewhere.
  const other = await request.post(`/evs/v2/${PROJECT}/volumes/${DISK_01}/action`, {
    headers: { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json' },
    data: { 'os-volume_upload_image': { image_name: 'elsewhere' } },
  });
  expect(other.status()).toBe(202);
  await exportButton(page).click();
  const alert = formAlert(page);
  await expect(alert).toContainText('The request was rejected (400)');
  await expect(alert).toContainText('Invalid volume');
  await expect(alert).toContainText('EVS.2002');
  await expect(alert).toContainText(/req-[0-9a-f-]{36}/);
  await expect(alert).toContainText('nothing was exported');
  await expectFormIntact(page);
  // The disk panel re-read the disk: it now shows why it cannot be exported.
  await expect(page.getByText(/already running \(status "uploading"\)/)).toBeVisible();
  await expect(exportButton(page)).toBeDisabled();
  await page.screenshot({ path: `${SHOTS}/05-error-400.png`, fullPage: true });
});

test('404: unknown disk from the address, and an unknown project on Export', async ({ page }) => {
  await open(page, '&volume=no-such-disk');
  await connect(page);
  const diskAlert = page.getByRole('alert').filter({ hasText: 'The disk named in the address' });
  await expect(diskAlert).toContainText('Not found (404)');
  await expect(diskAlert).toContainText('Volume no-such-disk could not be found.');

  await fill(page, 'data-disk-01', 'keep this name');
  await page.getByLabel('Project ID').fill('00000000000000000000000000000000');
  await exportButton(page).click();
  const alert = formAlert(page);
  await expect(alert).toContainText('Not found (404)');
  await expect(alert).toContainText('Check the project ID');
  await expectFormIntact(page);
});

test('401: a wrong token points at the token field', async ({ page, request }) => {
  await ready(page);
  await tokenField(page).fill('wrong-token');
  await exportButton(page).click();
  const alert = formAlert(page);
  await expect(alert).toContainText('Not signed in: the token was refused (401)');
  await expect(alert).toContainText('APIGW.0301');
  await expect(alert).not.toContainText('wrong-token');
  await expectFormIntact(page);
  await alert.getByRole('button', { name: 'Check the token in Connection' }).click();
  await expect(tokenField(page)).toBeFocused();
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([401]);

  // Sign out clears the token.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(tokenField(page)).toHaveValue('');
});

test('500 with an HTML page', async ({ page, request }) => {
  await ready(page);
  await fault(request, { fault: '500-html', match: 'action' });
  await exportButton(page).click();
  const alert = formAlert(page);
  await expect(alert).toContainText('The service failed (500)');
  await expect(alert).toContainText('HTML page');
  await expect(alert).toContainText("Check the disk's status");
  await expectFormIntact(page);
  // Not retried: one POST.
  expect(await exportCalls(request)).toHaveLength(1);
});

test('timeout: the export may have been accepted', async ({ page, request }) => {
  await ready(page, '&timeout_ms=2000');
  await fault(request, { fault: 'hang', match: 'action' });
  const started = Date.now();
  await exportButton(page).click();
  const alert = formAlert(page);
  await expect(alert).toContainText('The service did not answer in time');
  await expect(alert).toContainText('No answer within 2 seconds.');
  await expect(alert).toContainText('may still have been accepted');
  expect(Date.now() - started).toBeLessThan(15_000);
  await expectFormIntact(page);
  // The hung request never reached the disk: it is still available, Export works again.
  await expect(exportButton(page)).toBeEnabled();
  await page.screenshot({ path: `${SHOTS}/06-error-timeout.png`, fullPage: true });
  expect(await exportCalls(request)).toHaveLength(1);
});

test('network drop on the list is retried, then shown', async ({ page, request }) => {
  await open(page);
  await fault(request, { fault: 'drop', match: 'volumes', times: 1 });
  await connect(page);
  // A dropped connection, then the retry succeeded.
  const lists = (await (await request.get('/__sim/log')).json()).filter((e) => e.path.includes('/volumes/detail'));
  expect(lists[0].status).toBe(0);
  expect(lists.at(-1).status).toBe(200);

  // Chromium itself may repeat a GET whose connection dropped: queue enough drops for all.
  await fault(request, { fault: 'drop', match: 'volumes', times: 10 });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('alert')).toContainText('Cannot reach the service');
});
