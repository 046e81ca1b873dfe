// Signing in to a REAL Keystone 30 through the gateway's /iam (tests/cinder/up.sh,
// playwright.cinder.config.mjs): password sign-in -> the token's project and catalog -> export
// -> active; an application credential; a wrong password (Keystone's one 401); sign out
// revokes (the old token then gets Cinder's 401); switching project rescopes; a token revoked
// behind the page's back asks to sign in again in place. Nothing but the sign-in fields is typed:
// the project id comes from the token; behind the same-origin gateway the page keeps /evs and
// /ims (the catalog lists Cinder's and Glance's own ports, on other origins).
import fs from 'node:fs';
import { test, expect } from '@playwright/test';

const env = JSON.parse(fs.readFileSync(process.env.CINDER_ENV, 'utf8'));

const signInForm = (page) => page.getByRole('region', { name: /^Sign in/ });
const signInButton = (page) => page.getByRole('button', { name: 'Sign in', exact: true });
const bar = (page) => page.getByRole('region', { name: 'Signed in as' });
const disk = (page, name) => page.getByRole('radio', { name, exact: true });
const nameField = (page) => page.getByLabel('Image name');

test.beforeEach(async ({ page, request }) => {
  expect((await request.post('/__gateway/reset')).status()).toBe(204);
  page.on('dialog', async (d) => {
    await d.dismiss();
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto('/?dialect=cinder');
  await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible();
});

async function signIn(page, password = env.password) {
  const form = signInForm(page);
  await form.getByLabel('User name', { exact: true }).fill(env.user);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByLabel('Domain', { exact: true }).fill(env.user_domain);
  await form.getByLabel('Project', { exact: true }).fill(env.project_name);
  await signInButton(page).click();
}

test('password sign-in: the project and endpoints from the token, then an export to active', async ({ page, request }) => {
  await signIn(page);
  await expect(bar(page)).toContainText(env.user);
  await expect(bar(page)).toContainText(env.project_name);
  await expect(bar(page)).toContainText('RegionOne');
  await expect(disk(page, 'harness-available')).toBeVisible({ timeout: 20_000 });
  // The token's project went into the path; Keystone validated the token for Cinder.
  const log = await (await request.get('/__gateway/log')).json();
  expect(log.some((e) => e.path.includes(`/evs/v3/${env.project_id}/volumes`) && e.status === 200)).toBeTruthy();
  expect(log.some((e) => e.path.endsWith('/iam/v3/auth/tokens') && e.status === 201)).toBeTruthy();

  await disk(page, 'harness-available').check();
  const name = `signed-in e2e ${Date.now()}`;
  await nameField(page).fill(name);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result.getByRole('status').filter({ hasText: 'The image is active' }))
    .toBeVisible({ timeout: 45_000 });
});

test('an application credential signs in to its project', async ({ page }) => {
  const form = signInForm(page);
  await form.getByLabel('Sign in with').selectOption({ label: 'Application credential' });
  await form.getByLabel('Application credential ID').fill(env.app_cred_id);
  await form.getByLabel('Application credential secret').fill(env.app_cred_secret);
  await signInButton(page).click();
  await expect(bar(page)).toContainText(env.project_name);
  await expect(disk(page, 'harness-available')).toBeVisible({ timeout: 20_000 });
  await expect(form).toHaveCount(0);
});

test('a wrong password: Keystone\'s one 401, said honestly, the fields kept', async ({ page }) => {
  await signIn(page, `${env.password}-wrong`);
  const alert = signInForm(page).getByRole('alert');
  await expect(alert).toContainText('does not say which');
  await expect(alert).toContainText('The request you have made requires authentication.');
  await expect(alert).toContainText('401');
  await expect(signInForm(page).getByLabel('User name', { exact: true })).toHaveValue(env.user);
  await expect(signInForm(page).getByLabel('Password', { exact: true })).toHaveValue('');
});

test('sign out revokes the token at Keystone: Cinder then refuses it', async ({ page }) => {
  const firstList = page.waitForRequest((r) => r.url().includes('/volumes'));
  await signIn(page);
  const token = (await firstList).headers()['x-auth-token'];
  expect(token).toBeTruthy();
  const direct = () => fetch(`${env.cinder}/v3/${env.project_id}/volumes`, {
    headers: { 'X-Auth-Token': token, Accept: 'application/json' },
  });
  expect((await direct()).status).toBe(200);
  await bar(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('Signed out: the token is revoked and forgotten.')).toBeVisible();
  await expect.poll(async () => (await direct()).status, { timeout: 15_000 }).toBe(401);
});

test('switching project rescopes the token at Keystone: the second project\'s volumes, no password', async ({ page, request }) => {
  await signIn(page);
  await expect(disk(page, 'harness-available')).toBeVisible({ timeout: 20_000 });
  await bar(page).getByRole('button', { name: 'Switch project' }).click();
  const menu = bar(page).getByLabel('Project to use');
  // GET /v3/auth/projects: the user's two projects.
  await expect(menu.getByRole('option', { name: env.second_project_name, exact: true })).toHaveCount(1);
  await expect(menu.getByRole('option', { name: env.project_name, exact: true })).toHaveCount(1);
  await menu.selectOption({ label: env.second_project_name });
  await bar(page).getByRole('button', { name: 'Switch', exact: true }).click();
  await expect(bar(page)).toContainText(env.second_project_name);
  // The first project's volume is gone from the list: Cinder listed the second project's.
  await expect(disk(page, 'harness-available')).toHaveCount(0);
  await expect.poll(async () => {
    const log = await (await request.get('/__gateway/log')).json();
    return log.some((e) => e.path.includes(`/evs/v3/${env.second_project_id}/volumes`) && e.status === 200);
  }, { timeout: 20_000 }).toBe(true);
  const log = await (await request.get('/__gateway/log')).json();
  // Two token requests, both 201: the sign-in and the rescope (the password field is empty by then).
  expect(log.filter((e) => e.path.endsWith('/iam/v3/auth/tokens') && e.method === 'POST').map((e) => e.status))
    .toEqual([201, 201]);
  await expect(signInForm(page)).toHaveCount(0);
});

test('a token revoked at Keystone: sign in again in place, the disk and the name kept, nothing re-sent', async ({ page, request }) => {
  const firstList = page.waitForRequest((r) => r.url().includes('/volumes'));
  await signIn(page);
  const token = (await firstList).headers()['x-auth-token'];
  await disk(page, 'harness-available').check();
  const name = `kept across sign-in ${Date.now()}`;
  await nameField(page).fill(name);
  // Revoked behind the page's back (another tab signed out, an admin revoked it).
  const revoke = await fetch(`${env.keystone}/v3/auth/tokens`, {
    method: 'DELETE', headers: { 'X-Auth-Token': token, 'X-Subject-Token': token },
  });
  expect(revoke.status).toBe(204);
  // Cinder's keystonemiddleware sees the revocation (no token cache in the harness).
  await expect.poll(async () => (await fetch(`${env.cinder}/v3/${env.project_id}/volumes`, {
    headers: { 'X-Auth-Token': token, Accept: 'application/json' },
  })).status, { timeout: 15_000 }).toBe(401);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sign in again' })).toBeVisible({ timeout: 20_000 });
  await expect(disk(page, 'harness-available')).toBeChecked();
  await expect(nameField(page)).toHaveValue(name);
  await expect(signInForm(page).getByLabel('User name', { exact: true })).toHaveValue(env.user);
  const actions = async () => (await (await request.get('/__gateway/log')).json())
    .filter((e) => e.method === 'POST' && e.path.endsWith('/action'));
  // Cinder refused the revoked token; nothing was accepted.
  expect((await actions()).map((e) => e.status)).toEqual([401]);
  await signInForm(page).getByLabel('Password', { exact: true }).fill(env.password);
  await signInButton(page).click();
  await expect(page.getByRole('heading', { name: 'Sign in again' })).toHaveCount(0);
  await expect(disk(page, 'harness-available')).toBeChecked();
  await expect(nameField(page)).toHaveValue(name);
  // Nothing is re-sent without the operator.
  expect((await actions()).length).toBe(1);
});
