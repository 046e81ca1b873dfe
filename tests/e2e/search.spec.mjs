// The filter searches every disk of the project on the server (Cinder's name~ from 3.34,
// Huawei's name), debounced; a whole id reads that disk; a cloud that refuses the filter
// gets the page's own filter, and the page says so.
import { test, expect } from './fixtures.mjs';
import { reset, deployment, open, connect, disk, forbidDialogs, simLog } from './helpers.mjs';

const filterField = (page) => page.getByLabel('Filter by name or ID');
// The browser sends `name~` as `name%7E` (URLSearchParams); both are the same parameter.
const searches = async (request, param) => (await simLog(request))
  .filter((e) => e.method === 'GET' && e.path.includes('/volumes/detail')
    && e.path.replace(/%7E/gi, '~').includes(param));

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

test('Cinder: name~ finds a disk on another page, debounced', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await expect(disk(page, 'bulk-disk-30')).toHaveCount(0); // page 2
  await filterField(page).pressSequentially('bulk-disk-3', { delay: 30 });
  await expect(disk(page, 'bulk-disk-30')).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(1);
  await expect(page.getByText(/Searching every disk of the project by name/)).toBeVisible();
  const sent = await searches(request, 'name~=');
  expect(sent.length).toBeGreaterThanOrEqual(1);
  expect(sent.length).toBeLessThanOrEqual(2); // typing pauses at most once on a busy machine
  expect(sent.at(-1).path.replace(/%7E/gi, '~')).toContain('name~=bulk-disk-3');
  expect(sent.at(-1).status).toBe(200);

  // Cleared: the first page of every disk again.
  await filterField(page).fill('');
  await expect(disk(page, 'data-disk-01')).toBeVisible();
  await expect(page.getByText(/Searching every disk/)).toHaveCount(0);
});

test('a whole disk id reads that disk', async ({ page, request }) => {
  await open(page, '&dialect=cinder');
  await connect(page);
  await filterField(page).fill('B0000000-0000-4000-8000-000000000030');
  await expect(disk(page, 'bulk-disk-30')).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(1);
  const log = await simLog(request);
  expect(log.some((e) => e.path.endsWith('/volumes/b0000000-0000-4000-8000-000000000030'))).toBe(true);
  await filterField(page).fill('b0000000-0000-4000-8000-000000000099');
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByText('No disk of the project matches the search.')).toBeVisible();
});

test('Huawei: the name parameter', async ({ page, request }) => {
  await open(page);
  await connect(page);
  await filterField(page).fill('bulk-disk-25');
  await expect(disk(page, 'bulk-disk-25')).toBeVisible();
  const sent = await searches(request, 'name=bulk-disk-25');
  expect(sent.length).toBe(1);
});

test('a cloud that refuses name~ gets the page\'s own filter, said so', async ({ page, request }) => {
  await deployment(request, { like_filter: false });
  await open(page, '&dialect=cinder');
  await connect(page);
  await filterField(page).fill('bulk-disk-30');
  const note = page.getByText(/This cloud does not filter disks by name on the server/);
  await expect(note).toBeVisible();
  await expect(note).toContainText('Invalid filters name~ are found in query options.');
  await expect(page.getByRole('radio')).toHaveCount(0);
  await filterField(page).fill('DATA-disk');
  await expect(page.getByRole('radio')).toHaveCount(2);
  // Once refused, the page does not ask the server again with this connection.
  expect((await searches(request, 'name~=')).length).toBe(1);
});
