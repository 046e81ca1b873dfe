// Network faults around the export: refused, reset, slow, too slow, navigation away, offline.
// The operator always sees what happened and can retry by hand; the page itself never sends
// the export twice. Each case counts the POSTs to the action path in the simulator's log
// (/__sim/log). errors.spec.mjs covers hang → timeout, 500-html and a dropped list; these
// are the other faults.
import { test, expect } from './fixtures.mjs';
import {
  reset, fault, open, connect, fill, nameField, exportButton, exportCalls, formAlert, forbidDialogs,
} from './helpers.mjs';

const NAME = 'fault test';
const result = (page) => page.getByRole('region', { name: 'Export accepted' });
const isAction = (u) => u.pathname.endsWith('/action');

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

async function ready(page, query = '') {
  await open(page, query);
  await connect(page);
  await fill(page, 'data-disk-01', NAME);
}

/** After a failed export: the message, the form intact, and the number of POSTs so far. */
async function failedThenRetry(page, request, { message, postsBefore }) {
  await expect(formAlert(page)).toContainText(message);
  await expect(nameField(page)).toHaveValue(NAME);
  expect(await exportCalls(request)).toHaveLength(postsBefore);
  // Retry by hand: one more click, one more POST, accepted.
  await expect(exportButton(page)).toBeEnabled();
  await exportButton(page).click();
  await expect(result(page)).toBeVisible();
  await expect(formAlert(page)).toHaveCount(0);
  const calls = await exportCalls(request);
  expect(calls).toHaveLength(postsBefore + 1);
  expect(calls.at(-1).status).toBe(202);
}

test('connection refused: said so, nothing sent twice, retry by hand works', async ({ page, request }) => {
  await ready(page);
  await page.route(isAction, (r) => r.abort('connectionrefused'), { times: 1 });
  await exportButton(page).click();
  await failedThenRetry(page, request, { message: 'Cannot reach the service', postsBefore: 0 });
});

test('connection dropped by the server: nothing processed, said so, retry by hand', async ({ page, request }) => {
  await ready(page);
  // Chromium itself resends a request whose reused connection closed before any answer byte
  // (that is the browser's network stack, not the page): queue enough drops for every try.
  await fault(request, { fault: 'drop', match: 'action', times: 20 });
  await exportButton(page).click();
  await expect(formAlert(page)).toContainText('Cannot reach the service');
  await page.waitForTimeout(1000);
  const tries = await exportCalls(request);
  expect(tries.length).toBeGreaterThanOrEqual(1);
  expect(tries.every((c) => c.status === 0)).toBeTruthy();
  console.log(`drop: one click, ${tries.length} POST(s) reached the server (browser resends), none processed`);
  await request.delete('/__sim/faults');
  await failedThenRetry(page, request, { message: 'Cannot reach the service', postsBefore: tries.length });
  expect((await exportCalls(request)).filter((c) => c.status === 202)).toHaveLength(1);
});

test('body cut mid-way after a 202: not resent, the disk shows the export running', async ({ page, request }) => {
  await ready(page);
  await fault(request, { fault: 'truncated', match: 'action' });
  await exportButton(page).click();
  await expect(formAlert(page)).toBeVisible();
  await expect(nameField(page)).toHaveValue(NAME);
  // The export did start: the re-read disk is uploading, so Export is off.
  await expect(page.getByText(/already running \(status "uploading"\)/)).toBeVisible();
  await expect(exportButton(page)).toBeDisabled();
  await page.waitForTimeout(1000);
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([202]);
});

/** While the POST is in flight: Export is off and says it is sending. */
async function inFlight(page) {
  await expect(exportButton(page)).toBeDisabled();
  await expect(page.getByText('Sending the export request…')).toBeVisible();
}

test('slow answer: busy while waiting, Enter and clicks send one request', async ({ page, request }) => {
  await ready(page, '&timeout_ms=10000');
  await fault(request, { fault: 'latency=2500', match: 'action' });
  await exportButton(page).click();
  await inFlight(page);
  await nameField(page).press('Enter');
  await exportButton(page).click({ force: true });
  await expect(result(page)).toBeVisible();
  await page.waitForTimeout(500);
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([202]);
});

test('slower than the timeout: says it may have been accepted, never resends', async ({ page, request }) => {
  await ready(page, '&timeout_ms=2000');
  await fault(request, { fault: 'latency=3500', match: 'action' });
  await exportButton(page).click();
  await inFlight(page);
  await expect(formAlert(page)).toContainText('may still have been accepted');
  await expect(nameField(page)).toHaveValue(NAME);
  // Past the server's delay: the page sent nothing more. (The simulator drops a request whose
  // client went away during the delay, so nothing was exported either.)
  await page.waitForTimeout(2500);
  expect((await exportCalls(request)).filter((c) => c.status === 202)).toHaveLength(0);
  await page.getByRole('button', { name: 'Check disk status' }).click();
  await expect(page.getByText('This disk can be exported.')).toBeVisible();
  const before = (await exportCalls(request)).length;
  expect(before).toBeLessThanOrEqual(1);
  await failedThenRetry(page, request, { message: 'may still have been accepted', postsBefore: before });
});

test('navigating away while the export is in flight: no resend, the new page is usable', async ({ page, request }) => {
  await ready(page);
  await fault(request, { fault: 'latency=1500', match: 'action' });
  await exportButton(page).click();
  await inFlight(page);
  await page.goto('about:blank');
  await open(page);
  await connect(page);
  await fill(page, 'data-disk-01', NAME);
  await page.waitForTimeout(2000);
  const calls = await exportCalls(request);
  expect(calls.length).toBeLessThanOrEqual(1);
  expect(calls.filter((c) => c.status === 202)).toHaveLength(0);
  await expect(page.getByText('This disk can be exported.')).toBeVisible();
  await exportButton(page).click();
  await expect(result(page)).toBeVisible();
  expect((await exportCalls(request)).filter((c) => c.status === 202)).toHaveLength(1);
});

test('offline on Export, then online: said so, retry by hand sends one', async ({ page, context, request }) => {
  await ready(page);
  await context.setOffline(true);
  await exportButton(page).click();
  await expect(formAlert(page)).toContainText('Cannot reach the service');
  await context.setOffline(false);
  await failedThenRetry(page, request, { message: 'Cannot reach the service', postsBefore: 0 });
});

test('offline during progress polling: retrying shown, back online polling resumes to active', async ({ page, context, request }) => {
  await ready(page);
  await exportButton(page).click();
  await expect(result(page)).toBeVisible();
  await context.setOffline(true);
  await expect(result(page).getByText(/Lost contact with the image service; retrying/)).toBeVisible({ timeout: 15_000 });
  await expect(result(page)).toContainText('Cannot reach the service');
  await expect(result(page).getByText('The image is active')).toHaveCount(0);
  await context.setOffline(false);
  await expect(result(page).getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  await expect(result(page).getByText(/Lost contact/)).toHaveCount(0);
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([202]);
});
