// The console in the Cinder dialect against a REAL Keystone 30 + Cinder 29 + Glance 33
// (tests/cinder/up.sh), through the same-origin gateway of playwright.cinder.config.mjs. The
// servers' facts (URLs, user, project, a Keystone token of the member user, volume ids) come
// from env.json. Extra volumes are made, attached and deleted through Cinder's own API,
// straight to Cinder (not through the gateway, whose log then holds only what the page sent).
import fs from 'node:fs';
import { test, expect } from '@playwright/test';

const env = JSON.parse(fs.readFileSync(process.env.CINDER_ENV, 'utf8'));
const CINDER_FORMATS = ['raw', 'qcow2', 'vmdk', 'vdi', 'vhd', 'vhdx', 'ploop'];
const SHOTS = 'target/screenshots/cinder';

const tokenField = (page) => page.getByLabel('Token', { exact: true });
const exportButton = (page) => page.getByRole('button', { name: 'Export', exact: true });
const nameField = (page) => page.getByLabel('Image name');
const disk = (page, name) => page.getByRole('radio', { name, exact: true });
const formSection = (page) => page.locator('section', { has: nameField(page) });
const accepted = (page) => page.getByRole('region', { name: 'Export accepted' });

/** A call straight to Cinder's v3 API for this project. */
async function cinder(method, path, body, microversion = '3.0') {
  const r = await fetch(`${env.cinder}/v3/${env.project}${path}`, {
    method,
    headers: {
      'X-Auth-Token': env.token, 'Content-Type': 'application/json',
      Accept: 'application/json', 'OpenStack-API-Version': `volume ${microversion}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

async function volumeStatus(id) {
  const r = await cinder('GET', `/volumes/${id}`);
  return r.status === 404 ? 'gone' : r.json.volume.status;
}

async function waitVolume(id, wanted) {
  await expect.poll(() => volumeStatus(id), { timeout: 30_000, intervals: [250] }).toBe(wanted);
}

/** A fresh 1 GB volume of the harness's type, available. */
async function newVolume(name) {
  const r = await cinder('POST', '/volumes', {
    volume: { name, size: 1, volume_type: 'harness-ssd' },
  });
  expect(r.status).toBe(202);
  await waitVolume(r.json.volume.id, 'available');
  return r.json.volume.id;
}

/** Attaches a volume to a made-up server, as Nova would (attachments API), so it is in-use. */
async function attach(id) {
  const att = await cinder('POST', '/attachments', {
    attachment: {
      volume_uuid: id, instance_uuid: crypto.randomUUID(), mode: 'rw',
      connector: { initiator: 'iqn.1993-08.org.debian:01:e2e', ip: '127.0.0.1', host: 'e2e', platform: 'x86_64', os_type: 'linux', multipath: false, mountpoint: '/dev/vdc' },
    },
  }, '3.54');
  expect(att.status).toBe(200);
  const done = await cinder('POST', `/attachments/${att.json.attachment.id}/action`, { 'os-complete': {} }, '3.44');
  expect(done.status).toBe(204);
  await waitVolume(id, 'in-use');
}

async function glanceImage(id) {
  const r = await fetch(`${env.glance}/v2/images/${id}`, {
    headers: { 'X-Auth-Token': env.token, Accept: 'application/json' },
  });
  return { status: r.status, json: r.status === 200 ? await r.json() : null };
}

/** What the page sent through the gateway. */
async function gatewayLog(request) {
  return (await request.get('/__gateway/log')).json();
}
const exportCalls = async (request) => (await gatewayLog(request))
  .filter((e) => e.method === 'POST' && e.path.endsWith('/action'));

/** Opens the console in the Cinder dialect, types the Keystone token, loads the disks. */
async function connect(page, query = '') {
  await page.goto(`/?project=${env.project}&dialect=cinder${query}`);
  await expect(page.getByLabel('API dialect')).toHaveValue('cinder');
  await tokenField(page).fill(env.token);
  await page.getByRole('button', { name: 'Load disks' }).click();
  await expect(disk(page, 'harness-available')).toBeVisible();
}

test.beforeEach(async ({ page, request }) => {
  expect((await request.post('/__gateway/reset')).status()).toBe(204);
  page.on('dialog', async (d) => {
    await d.dismiss();
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
});

test('exports the available volume: the Glance image goes active, the volume back to available', async ({ page, request }) => {
  await connect(page);
  await expect(disk(page, 'harness-inuse')).toBeVisible();
  await disk(page, 'harness-available').check();
  const name = `harness-available e2e ${Date.now()}`;
  await nameField(page).fill(name);
  // Cinder's defaults: raw, bare, and private, which needs microversion 3.1.
  await expect(page.getByLabel('Disk format')).toHaveValue('raw');
  await expect(page.getByLabel('Container format')).toHaveValue('bare');
  await expect(page.getByLabel('Visibility')).toHaveValue('private');
  await expect(page.getByText('This disk can be exported.')).toBeVisible();
  await exportButton(page).click();

  const result = accepted(page);
  await expect(result).toBeVisible();
  const status = result.getByRole('status').filter({ hasText: 'The image is active' });
  await expect(status).toBeVisible({ timeout: 45_000 });
  await expect(result.getByText(name, { exact: true })).toBeVisible();
  await expect(result.getByRole('table', { name: 'Extra specs' })
    .getByRole('cell', { name: 'nova', exact: true })).toBeVisible();
  await expect(result.locator('dd', { hasText: /^available$/ }).first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/01-active.png`, fullPage: true });

  const calls = await exportCalls(request);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({
    status: 202, microversion: 'volume 3.1', path: `/evs/v3/${env.project}/volumes/${env.available}/action`,
  });
  expect(JSON.parse(calls[0].body)['os-volume_upload_image']).toMatchObject({
    image_name: name, disk_format: 'raw', container_format: 'bare', force: false, visibility: 'private',
  });
  // Every image poll asked Glance for JSON (the schema, read first for the format menus, too).
  const glance = (await gatewayLog(request)).filter((e) => e.service === 'glance');
  expect(glance[0].path).toBe('/ims/v2/schemas/image');
  expect(glance.every((e) => e.accept === 'application/json')).toBeTruthy();
  const polls = glance.filter((e) => e.path.startsWith('/ims/v2/images/'));
  expect(polls.length).toBeGreaterThan(0);
  expect(polls.every((e) => e.accept === 'application/json')).toBeTruthy();
  // Glance agrees: the image exists, active and private.
  const imageId = polls[0].path.split('/').pop();
  await expect(result.getByText(imageId, { exact: true })).toBeVisible();
  const image = await glanceImage(imageId);
  expect(image.json).toMatchObject({ status: 'active', visibility: 'private', name, disk_format: 'raw' });
  expect(await volumeStatus(env.available)).toBe('available');
});

test('the in-use volume exports with force, and goes back to in-use', async ({ page, request }) => {
  await connect(page);
  await disk(page, 'harness-inuse').check();
  await nameField(page).fill('harness-inuse forced');
  await expect(exportButton(page)).toBeDisabled();
  await page.getByLabel('Force export of an in-use disk').check();
  await exportButton(page).click();
  const result = accepted(page);
  await expect(result.getByRole('status').filter({ hasText: 'The image is active' }))
    .toBeVisible({ timeout: 45_000 });
  await expect(result.locator('dd', { hasText: /^in-use$/ }).first()).toBeVisible({ timeout: 15_000 });
  const calls = await exportCalls(request);
  expect(calls.map((c) => c.status)).toEqual([202]);
  expect(JSON.parse(calls[0].body)['os-volume_upload_image'].force).toBe(true);
});

test('a volume attached meanwhile, exported without force, gets Cinder\'s own 400', async ({ page, request }) => {
  const volume = `e2e-attached-${Date.now()}`;
  const id = await newVolume(volume);
  await connect(page);
  await disk(page, volume).check();
  await nameField(page).fill('attached meanwhile');
  await expect(page.getByText('This disk can be exported.')).toBeVisible();
  // Someone attaches it after the list was read: the page still believes it is available.
  await attach(id);
  await exportButton(page).click();
  const alert = formSection(page).getByRole('alert');
  await expect(alert).toContainText(`Invalid volume: Volume ${id} status must be available`);
  await expect(alert.locator('dd').first()).toHaveText('400');
  await expect(alert).toContainText(/req-[0-9a-f-]{36}/);
  await expect(accepted(page)).toHaveCount(0);
  // The form keeps the name; the disk is re-read and now shows in-use, so force is asked for.
  await expect(nameField(page)).toHaveValue('attached meanwhile');
  await expect(page.getByText('The disk is in use: tick')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/02-inuse-400.png`, fullPage: true });
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([400]);
});

test('a volume deleted meanwhile gets Cinder\'s 404; an unknown volume in the address too', async ({ page, request }) => {
  const volume = `e2e-deleted-${Date.now()}`;
  const id = await newVolume(volume);
  await connect(page);
  await disk(page, volume).check();
  await nameField(page).fill('deleted meanwhile');
  expect((await cinder('DELETE', `/volumes/${id}`)).status).toBe(202);
  await waitVolume(id, 'gone');
  await exportButton(page).click();
  const alert = formSection(page).getByRole('alert');
  await expect(alert).toContainText(`Volume ${id} could not be found.`);
  await expect(alert.locator('dd').first()).toHaveText('404');
  await expect(nameField(page)).toHaveValue('deleted meanwhile');
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([404]);

  const unknown = '00000000-0000-4000-8000-00000000dead';
  await connect(page, `&volume=${unknown}`);
  const preset = page.getByRole('alert').filter({ hasText: 'The disk named in the address could not be loaded.' });
  await expect(preset).toContainText(`Volume ${unknown} could not be found.`);
  await expect(preset.locator('dd').first()).toHaveText('404');
});

/** Glance's image schema: the disk and container formats this deployment accepts. */
async function glanceSchema() {
  const r = await fetch(`${env.glance}/v2/schemas/image`, {
    headers: { 'X-Auth-Token': env.token, Accept: 'application/json' },
  });
  expect(r.status).toBe(200);
  const schema = await r.json();
  const list = (key) => schema.properties[key].enum.filter((f) => f !== null);
  return { disk: list('disk_format'), container: list('container_format') };
}

test('the form refuses what Cinder would refuse, before sending', async ({ page, request }) => {
  await connect(page);
  await disk(page, 'harness-available').check();
  // Cinder's disk formats that this Glance accepts (up.sh configures fewer than Cinder's
  // seven): no zvhd2 (nor zvhd), and none Glance would refuse.
  const deployed = await glanceSchema();
  const offered = CINDER_FORMATS.filter((f) => deployed.disk.includes(f));
  expect(offered.length).toBeLessThan(CINDER_FORMATS.length);
  await expect(page.getByLabel('Disk format').locator('option')).toHaveText(offered);
  await page.getByText('Why are some formats not offered?').click();
  for (const f of CINDER_FORMATS.filter((x) => !offered.includes(x))) {
    await expect(page.getByRole('listitem').filter({ hasText: new RegExp(`^${f}:`) }))
      .toHaveText(`${f}: this cloud's image service does not accept it.`);
  }
  // compressed: Glance lists it, so it is offered, with its condition.
  const containers = await page.getByLabel('Container format').locator('option').evaluateAll((os) => os.map((o) => o.value));
  expect(containers).toEqual(['bare', 'ovf', 'ova', 'ami', 'ari', 'aki', 'docker', 'compressed'].filter((c) => deployed.container.includes(c)));
  // 255 characters is Cinder's limit; 256 is refused by the form.
  await nameField(page).fill('x'.repeat(255));
  await expect(page.getByText('255 / 255')).toBeVisible();
  await expect(exportButton(page)).toBeEnabled();
  await nameField(page).fill('x'.repeat(256));
  await expect(page.getByText('256 / 255')).toBeVisible();
  await expect(exportButton(page)).toBeDisabled();
  await expect(formSection(page).getByText(/255/).filter({ hasText: /characters/ }).first()).toBeVisible();
  await nameField(page).press('Enter');
  await page.waitForTimeout(300);
  expect(await exportCalls(request)).toHaveLength(0);
});

test('a vhd export, which Cinder 29 accepts and then fails, is reported as failed', async ({ page, request }) => {
  await connect(page);
  await disk(page, 'harness-available').check();
  await nameField(page).fill('vhd will fail');
  await page.getByLabel('Disk format').selectOption('vhd');
  await expect(page.getByText(/fail on OpenStack Cinder 29/)).toBeVisible();
  await exportButton(page).click();
  const result = accepted(page);
  await expect(result).toBeVisible();
  const status = result.getByRole('status').filter({ hasText: 'The export failed' });
  await expect(status).toBeVisible({ timeout: 45_000 });
  await expect(result.locator('dd', { hasText: /^available$/ }).first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/03-vhd-failed.png`, fullPage: true });
  const calls = await exportCalls(request);
  expect(calls.map((c) => c.status)).toEqual([202]);
  // Cinder removed the image: Glance no longer has it.
  const imageId = (await gatewayLog(request)).find((e) => e.service === 'glance').path.split('/').pop();
  await expect.poll(async () => (await glanceImage(imageId)).status, { timeout: 15_000 }).toBe(404);
  // Why: Cinder's own user message, as recorded for this export, with our explanation.
  const why = result.getByRole('region', { name: 'Why it failed' });
  await expect(why.getByText('copy volume to image:Failed to upload volume to image at backend.', { exact: true }))
    .toBeVisible({ timeout: 15_000 });
  await expect(why.getByText('VOLUME_VOLUME_003_004')).toBeVisible();
  await expect(why).toContainText('raw or qcow2');
  const messages = await cinder('GET', `/messages?resource_uuid=${env.available}`, undefined, '3.3');
  const [mine] = messages.json.messages.filter((m) => m.resource_uuid === env.available)
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  expect(mine.event_id).toBe('VOLUME_VOLUME_003_004');
  await expect(why.getByText(mine.request_id, { exact: true })).toBeVisible();
  const asked = (await gatewayLog(request)).filter((e) => e.path.includes('/messages'));
  expect(asked.length).toBeGreaterThan(0);
  expect(asked.every((e) => e.microversion === 'volume 3.3' && e.status === 200)).toBeTruthy();
  await page.screenshot({ path: `${SHOTS}/03b-vhd-why.png`, fullPage: true });
});

test('cancelling a running export deletes the image in Glance and the volume is available again', async ({ page, request }) => {
  // A volume of the harness's slow backend: its upload waits 60 s (harness_driver.py).
  const created = await cinder('POST', '/volumes', {
    volume: { name: 'harness-slow', size: 1, volume_type: 'harness-ssd', metadata: { harness_upload_seconds: '60' } },
  });
  expect(created.status).toBe(202);
  const id = created.json.volume.id;
  await waitVolume(id, 'available');
  try {
    await connect(page);
    await disk(page, 'harness-slow').check();
    await nameField(page).fill('to be cancelled');
    await exportButton(page).click();
    const result = accepted(page);
    await expect(result.locator('dd', { hasText: /^queued$/ }).first()).toBeVisible({ timeout: 20_000 });
    await result.getByRole('button', { name: 'Cancel export' }).click();
    await result.getByRole('group', { name: 'Cancel this export?' }).getByRole('button', { name: 'Delete the image' }).click();
    const verdict = result.getByRole('status').filter({ hasText: 'The export was cancelled' });
    await expect(verdict).toBeVisible({ timeout: 15_000 });
    await expect(verdict).toContainText('Disk status: available.', { timeout: 15_000 });
    // Cinder records the failed upload, but the page presents the cancel, not that message.
    await expect(page.getByRole('region', { name: 'Why it failed' })).toHaveCount(0);
    await expect(result.getByText(/The export failed/)).toHaveCount(0);
    // Checked through the APIs: Glance no longer has the image; the volume is available.
    const deletes = (await gatewayLog(request)).filter((e) => e.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0].status).toBe(204);
    const imageId = deletes[0].path.split('/').pop();
    expect((await glanceImage(imageId)).status).toBe(404);
    expect(await volumeStatus(id)).toBe('available');
    await page.screenshot({ path: `${SHOTS}/04-cancelled.png`, fullPage: true });
  } finally {
    await cinder('DELETE', `/volumes/${id}`);
  }
});

/** A password sign-in body, scoped by the names a user types. */
const passwordAuth = ({ user, password, user_domain: domain, project_name: project }) => ({
  auth: {
    identity: { methods: ['password'], password: { user: { name: user, domain: { name: domain }, password } } },
    scope: { project: { name: project, domain: { name: domain } } },
  },
});

test('a token signed in through the gateway\'s /iam works in the page; revoked, Cinder\'s 401 points at the token field', async ({ page, request }) => {
  await page.goto(`/?project=${env.project}&dialect=cinder`);
  // Same origin: every header of Keystone's answer is readable, X-Subject-Token included.
  const signIn = await page.evaluate(async (body) => {
    const r = await fetch('/iam/v3/auth/tokens', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
    });
    const answer = await r.json();
    return {
      status: r.status, token: r.headers.get('X-Subject-Token'), project: answer.token.project.id,
      types: answer.token.catalog.map((s) => s.type),
    };
  }, passwordAuth(env));
  expect(signIn.status).toBe(201);
  expect(signIn.token).toBeTruthy();
  expect(signIn.project).toBe(env.project_id);
  expect(signIn.types).toEqual(expect.arrayContaining(['identity', 'volumev3', 'block-storage', 'image']));

  await expect(page.getByLabel('API dialect')).toHaveValue('cinder');
  await tokenField(page).fill(signIn.token);
  await page.getByRole('button', { name: 'Load disks' }).click();
  await disk(page, 'harness-available').check();
  await nameField(page).fill('after sign-out');
  await expect(page.getByText('This disk can be exported.')).toBeVisible();

  // Signed out elsewhere (the token revoked), then Export: Cinder refuses the token at once.
  const revoked = await page.evaluate(async (t) => (await fetch('/iam/v3/auth/tokens', {
    method: 'DELETE', headers: { 'X-Auth-Token': t, 'X-Subject-Token': t },
  })).status, signIn.token);
  expect(revoked).toBe(204);
  await exportButton(page).click();
  const alert = formSection(page).getByRole('alert');
  await expect(alert).toContainText('Not signed in: the token was refused (401)');
  await expect(alert).not.toContainText(signIn.token);
  await expect(accepted(page)).toHaveCount(0);
  await expect(nameField(page)).toHaveValue('after sign-out');
  await alert.getByRole('button', { name: 'Check the token in Connection' }).click();
  await expect(tokenField(page)).toBeFocused();
  expect((await exportCalls(request)).map((c) => c.status)).toEqual([401]);
  const iam = (await gatewayLog(request)).filter((e) => e.service === 'keystone');
  expect(iam.map((e) => [e.method, e.path, e.status])).toEqual([
    ['POST', '/iam/v3/auth/tokens', 201], ['DELETE', '/iam/v3/auth/tokens', 204]]);
});

test('with CORS for this origin, Chromium calls Keystone, then Cinder and Glance at the catalog\'s endpoints', async ({ page, baseURL }) => {
  const origin = new URL(baseURL).origin;
  const allowed = (env.cors_origin || '').split(',').map((o) => o.trim());
  test.skip(!allowed.includes(origin), `CORS is not configured for ${origin} (up.sh's CINDER_CORS_ORIGIN; scripts/test.sh sets it)`);
  // A page without the console's CSP (connect-src 'self' would refuse other origins).
  const across = (p) => p.evaluate(async (e) => {
    const k = await fetch(`${e.keystone}/v3/auth/tokens`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['application_credential'], application_credential: { id: e.app_cred_id, secret: e.app_cred_secret } } } }),
    });
    const token = k.headers.get('X-Subject-Token');
    const { catalog } = (await k.json()).token;
    const endpoint = (type) => catalog.find((s) => s.type === type).endpoints.find((x) => x.interface === 'public').url;
    const v = await fetch(`${endpoint('block-storage')}/volumes/detail`, {
      headers: { 'X-Auth-Token': token, 'OpenStack-API-Version': 'volume 3.1', Accept: 'application/json' },
    });
    const volumes = (await v.json()).volumes.map((x) => x.name);
    const g = await fetch(`${endpoint('image')}/v2/images?limit=1`, { headers: { 'X-Auth-Token': token, Accept: 'application/json' } });
    const refused = await fetch(`${endpoint('volumev3')}/volumes/detail`, { headers: { 'X-Auth-Token': 'not-a-token' } });
    return {
      keystone: [k.status, Boolean(token), Boolean(k.headers.get('X-OpenStack-Request-Id'))],
      cinder: [v.status, v.headers.get('OpenStack-API-Version'), Boolean(v.headers.get('X-OpenStack-Request-Id')), volumes],
      glance: [g.status, Boolean(g.headers.get('X-OpenStack-Request-Id'))],
      refused: refused.status,
    };
  }, env).catch((err) => ({ error: String(err) }));

  await page.goto('/__gateway/blank');
  const out = await across(page);
  expect(out.keystone).toEqual([201, true, true]);
  expect(out.cinder.slice(0, 3)).toEqual([200, 'volume 3.1', true]);
  expect(out.cinder[3]).toEqual(expect.arrayContaining(['harness-available', 'harness-inuse']));
  expect(out.glance).toEqual([200, true]);
  expect(out.refused).toBe(401);

  // Another origin (localhost is not 127.0.0.1 to the browser) gets nothing: fetch fails.
  const port = new URL(baseURL).port;
  await page.goto(`http://localhost:${port}/__gateway/blank`);
  const stranger = await across(page);
  expect(stranger.error).toContain('Failed to fetch');
});

test('compressed, which this Cinder does not allow: its 400 is explained', async ({ page, request }) => {
  await connect(page);
  await disk(page, 'harness-available').check();
  await nameField(page).fill(`harness compressed e2e ${Date.now()}`);
  await page.getByLabel('Container format').selectOption('compressed');
  await expect(page.getByText(/only when the cloud sets allow_compression_on_image_upload/i)).toBeVisible();
  await exportButton(page).click();
  const alert = formSection(page).getByRole('alert');
  await expect(alert).toContainText('Image compression upload disallowed, but container_format is compressed');
  await expect(alert).toContainText('this cloud does not allow compression on upload');
  expect((await exportCalls(request)).map((e) => e.status)).toEqual([400]);
});

test('the image\'s details: set once active, and Glance shows the tags and properties', async ({ page, request }) => {
  await connect(page);
  await disk(page, 'harness-available').check();
  const name = `harness metadata e2e ${Date.now()}`;
  await nameField(page).fill(name);
  const details = page.getByRole('group', { name: 'Image details (optional)' });
  await details.getByLabel('Description').fill('Nightly backup <b>of</b> harness-available');
  await details.getByLabel('Tags').fill('backup, e2e');
  await details.getByLabel('Minimum disk (GB)').fill('1');
  await details.getByLabel('Minimum memory (MB)').fill('256');
  await details.getByLabel('OS distribution (os_distro)').fill('debian');
  await details.getByLabel('OS version (os_version)').fill('12');
  await exportButton(page).click();
  const card = accepted(page).locator('.evs-metadata-result');
  await expect(card.getByText('Image details set:')).toBeVisible({ timeout: 45_000 });
  const patches = (await gatewayLog(request)).filter((e) => e.method === 'PATCH');
  expect(patches.map((e) => e.status)).toEqual([200]);
  const imageId = patches[0].path.split('/').pop();
  const image = await glanceImage(imageId);
  expect(image.json).toMatchObject({
    name, status: 'active', tags: expect.arrayContaining(['backup', 'e2e']), min_disk: 1, min_ram: 256,
    os_distro: 'debian', os_version: '12', description: 'Nightly backup <b>of</b> harness-available',
  });
  await expect(card.locator('dd').nth(0)).toHaveText('Nightly backup <b>of</b> harness-available');
  await expect(page.locator('b')).toHaveCount(0);
  await waitVolume(env.available, 'available');
});

test('two volumes in one click, to two active images named by the pattern', async ({ page, request }) => {
  const stamp = Date.now();
  const ids = [await newVolume(`harness-batch-a-${stamp}`), await newVolume(`harness-batch-b-${stamp}`)];
  try {
    await connect(page);
    await page.getByLabel('Export several disks').check();
    await page.getByLabel('Filter by name or ID').fill(`harness-batch-`);
    for (const n of ['a', 'b']) {
      await page.getByRole('checkbox', { name: `harness-batch-${n}-${stamp}`, exact: true }).check();
    }
    await expect(page.getByText('2 disks selected')).toBeVisible();
    await page.getByLabel('Image name pattern').fill('{name}-image');
    await page.getByRole('button', { name: 'Export 2 disks' }).click();
    const progress = page.getByRole('region', { name: 'Several disks: progress' });
    await expect(progress.getByRole('status')).toHaveText('Done: 2. Failed: 0. Refused (not sent): 0.', { timeout: 90_000 });
    const posts = await exportCalls(request);
    expect(posts.map((e) => e.status)).toEqual([202, 202]);
    for (const [i, n] of [[0, 'a'], [1, 'b']]) {
      const imageId = (await progress.getByRole('row').nth(i + 1).locator('td').nth(4).textContent()).trim();
      const image = await glanceImage(imageId);
      expect(image.json).toMatchObject({ name: `harness-batch-${n}-${stamp}-image`, status: 'active' });
      await waitVolume(ids[i], 'available');
    }
  } finally {
    for (const id of ids) {
      await cinder('DELETE', `/volumes/${id}`);
    }
  }
});

test('the filter asks Cinder (name~ at 3.34); Cinder 29 refuses it for a member, so the page filters and says so', async ({ page, request }) => {
  await connect(page);
  await page.getByLabel('Filter by name or ID').fill('harness-inuse');
  // A member's like-filter is refused by Cinder 29 with its shipped resource_filters.json
  // (tests/cinder/DIFFERENCES.md): the page falls back to its own filter and shows why.
  const note = page.getByText(/This cloud does not filter disks by name on the server/);
  await expect(note).toBeVisible();
  await expect(note).toContainText('Invalid filters name~ are found in query options.');
  const searches = async () => (await gatewayLog(request))
    .filter((e) => e.method === 'GET' && e.path.replace(/%7E/gi, '~').includes('name~=harness-inuse'))
    .map((e) => [e.status, e.microversion]);
  await expect.poll(searches).toEqual([[400, 'volume 3.34']]);
  await expect(disk(page, 'harness-inuse')).toBeVisible();
  await expect(disk(page, 'harness-available')).toHaveCount(0);
  // Once refused, the page does not ask again with this connection.
  await page.getByLabel('Filter by name or ID').fill('harness-avail');
  await expect(disk(page, 'harness-available')).toBeVisible();
  await page.waitForTimeout(600);
  expect((await gatewayLog(request)).filter((e) => e.path.replace(/%7E/gi, '~').includes('name~=')).length).toBe(1);
});
