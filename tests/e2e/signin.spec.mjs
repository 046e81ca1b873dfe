// Signing in against the simulator's identity service (Keystone v3 shape, /iam): password and
// application credential, a refusal, switching project, an expired token (sign in again in
// place, nothing lost, nothing re-sent), and sign-out revoking the token.
import { test, expect } from './fixtures.mjs';
import {
  reset, advance, disk, nameField, exportButton, exportCalls, forbidDialogs, simLog, formAlert, PROJECT,
} from './helpers.mjs';

const USER = 'operator';
const PASSWORD = 'evs-sim-password';

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

const signInForm = (page) => page.getByRole('region', { name: /^Sign in/ });
const signInButton = (page) => page.getByRole('button', { name: 'Sign in', exact: true });
const bar = (page) => page.getByRole('region', { name: 'Signed in as' });

/** Opens the page without any preset: nothing to type but the sign-in fields. */
async function openBare(page) {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible();
}

async function signIn(page, { user = USER, password = PASSWORD, domain = 'Default', project = 'sim-project' } = {}) {
  const form = signInForm(page);
  await form.getByLabel('User name', { exact: true }).fill(user);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByLabel('Domain', { exact: true }).fill(domain);
  await form.getByLabel('Project', { exact: true }).fill(project);
  await signInButton(page).click();
}

/** Types the password into the Sign in again form and sends it. */
async function signInAgain(page) {
  await signInForm(page).getByLabel('Password', { exact: true }).fill(PASSWORD);
  await signInButton(page).click();
}

test('password sign-in lists the disks and exports without a token, base URL or project typed', async ({ page, request }) => {
  await openBare(page);
  const requests = [];
  page.on('request', (r) => requests.push(r));
  await signIn(page);
  await expect(bar(page)).toContainText('operator');
  await expect(bar(page)).toContainText('sim-project');
  await expect(bar(page)).toContainText('RegionOne');
  await expect(bar(page).locator('time')).toBeVisible();
  // The form is gone and the password is nowhere: not in a URL, not in the page, not stored.
  await expect(signInForm(page)).toHaveCount(0);
  await expect(disk(page, 'data-disk-01')).toBeVisible();
  for (const r of requests) expect(r.url()).not.toContain(PASSWORD);
  expect(await page.content()).not.toContain(PASSWORD);
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })))
    .not.toContain(PASSWORD);
  const tokenCall = requests.find((r) => r.url().endsWith('/iam/v3/auth/tokens'));
  expect(tokenCall.method()).toBe('POST');

  await disk(page, 'data-disk-01').check();
  await nameField(page).fill('signed-in export');
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  const calls = await exportCalls(request);
  expect(calls).toHaveLength(1);
  expect(calls[0].status).toBe(202);
});

test('an application credential signs in to its own project', async ({ page }) => {
  await openBare(page);
  const form = signInForm(page);
  await form.getByLabel('Sign in with').selectOption({ label: 'Application credential' });
  await expect(form.getByLabel('User name', { exact: true })).toHaveCount(0);
  await form.getByLabel('Application credential ID').fill('sim-app-cred');
  await form.getByLabel('Application credential secret').fill('sim-app-cred-secret');
  await signInButton(page).click();
  await expect(bar(page)).toContainText('sim-project');
  await expect(disk(page, 'data-disk-01')).toBeVisible();
});

test('a wrong password says so honestly, keeps what was typed and clears the password', async ({ page }) => {
  await openBare(page);
  const form = signInForm(page);
  await signInButton(page).click();
  // Nothing typed: every field is named, nothing is sent.
  await expect(form.getByText('User name: Required.')).toBeVisible();
  await expect(form.getByText('Password: Required.')).toBeVisible();
  await signIn(page, { password: 'not-the-password' });
  const alert = form.getByRole('alert');
  await expect(alert).toContainText('Sign-in failed');
  await expect(alert).toContainText('does not say which');
  await expect(alert).toContainText('The request you have made requires authentication.');
  await expect(form.getByLabel('User name', { exact: true })).toHaveValue(USER);
  await expect(form.getByLabel('Domain', { exact: true })).toHaveValue('Default');
  await expect(form.getByLabel('Project', { exact: true })).toHaveValue('sim-project');
  await expect(form.getByLabel('Password', { exact: true })).toHaveValue('');
  // In Chinese too.
  await page.getByLabel('Language / 语言').selectOption('zh-CN');
  const zhAlert = page.getByRole('region', { name: '登录' }).getByRole('alert');
  await expect(zhAlert).toContainText('登录失败');
  await expect(zhAlert).toContainText('身份服务拒绝了登录');
  await expect(page.getByLabel('用户名', { exact: true })).toHaveValue(USER);
  // A locked user is told apart.
  await page.getByLabel('语言 / Language').selectOption('en');
  await signIn(page, { user: 'locked-user', password: 'x' });
  await expect(alert).toContainText('This user is locked');
  // The identity service down (an HTML gateway page): a clear message too.
  await page.route('**/iam/v3/auth/tokens', (route) => route.continue({ headers: { ...route.request().headers(), 'x-sim-fault': '502-html' } }));
  await signIn(page);
  await expect(alert).toContainText('The identity service could not sign you in.');
  await expect(alert).toContainText('502');
});

test('switching project rescopes with the token, without the password', async ({ page, request }) => {
  await openBare(page);
  await signIn(page);
  await expect(disk(page, 'data-disk-01')).toBeVisible();
  await bar(page).getByRole('button', { name: 'Switch project' }).click();
  const menu = bar(page).getByLabel('Project to use');
  await expect(menu.getByRole('option')).toHaveText(['sim-project', 'sim-project-2']);
  await menu.selectOption({ label: 'sim-project-2' });
  await bar(page).getByRole('button', { name: 'Switch', exact: true }).click();
  await expect(bar(page)).toContainText('sim-project-2');
  await expect(disk(page, 'data-disk-01')).toHaveCount(0);
  const log = await simLog(request);
  expect(log.filter((e) => e.path.endsWith('/auth/tokens') && e.method === 'POST').map((e) => e.status)).toEqual([201, 201]);
  expect(log.some((e) => e.path.includes('7c3e1b2a9d8f4e6c8b5a4f3e2d1c0b9a/volumes') && e.status === 200)).toBeTruthy();
  // And back.
  await bar(page).getByRole('button', { name: 'Switch project' }).click();
  await bar(page).getByLabel('Project to use').selectOption({ label: 'sim-project' });
  await bar(page).getByRole('button', { name: 'Switch', exact: true }).click();
  await expect(disk(page, 'data-disk-01')).toBeVisible();
});

test('an expired token asks to sign in again in place: form, disk and name kept, nothing re-sent', async ({ page, request }) => {
  await openBare(page);
  await signIn(page);
  await disk(page, 'data-disk-01').check();
  await nameField(page).fill('kept across sign-in');
  // The token expires (the simulator's clock moves past its lifetime).
  await advance(request, 3700);
  await exportButton(page).click();
  await expect(page.getByRole('heading', { name: 'Sign in again' })).toBeVisible();
  await expect(signInForm(page).getByText(/refused the token/)).toBeVisible();
  // The signed-in line stays; the form keeps the user, domain and project.
  await expect(signInForm(page).getByLabel('User name', { exact: true })).toHaveValue(USER);
  await expect(disk(page, 'data-disk-01')).toBeChecked();
  await expect(nameField(page)).toHaveValue('kept across sign-in');
  const before = (await exportCalls(request)).length;
  expect(before).toBe(1);
  await signInAgain(page);
  await expect(page.getByRole('heading', { name: 'Sign in again' })).toHaveCount(0);
  await expect(disk(page, 'data-disk-01')).toBeChecked();
  await expect(nameField(page)).toHaveValue('kept across sign-in');
  expect((await exportCalls(request)).length).toBe(before);
  // The operator sends it again: now accepted.
  await exportButton(page).click();
  await expect(page.getByRole('region', { name: 'Export accepted' })).toBeVisible();
});

test('after a 401 while signed in, the error panel points at Sign in again, not at the hidden token field', async ({ page, request }) => {
  await openBare(page);
  await signIn(page);
  await disk(page, 'data-disk-01').check();
  await nameField(page).fill('refused then renewed');
  await advance(request, 3700);
  await exportButton(page).click();
  const alert = formAlert(page);
  await expect(alert).toContainText('401');
  await expect(alert.getByRole('button', { name: 'Check the token in Connection' })).toHaveCount(0);
  await alert.getByRole('button', { name: 'Sign in again', exact: true }).click();
  await expect(signInForm(page).getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in again' })).toHaveCount(0);
  await expect(nameField(page)).toHaveValue('refused then renewed');
});

test('a 401 during several disks asks to sign in again in place, and nothing more is sent once signed in', async ({ page, request }) => {
  await openBare(page);
  await signIn(page);
  await page.getByLabel('Export several disks').check();
  for (const name of ['data-disk-01', 'linux-boot']) {
    await page.getByRole('checkbox', { name, exact: true }).check();
  }
  await advance(request, 3700);
  await page.getByRole('button', { name: 'Export 2 disks' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in again' })).toBeVisible();
  await expect(signInForm(page).getByText(/refused the token/)).toBeVisible();
  const refused = await exportCalls(request);
  expect(refused.map((c) => c.status)).toEqual([401, 401]);
  // The selection is kept; signing in again re-sends nothing by itself.
  await expect(page.getByRole('checkbox', { name: 'linux-boot', exact: true })).toBeChecked();
  await signInAgain(page);
  await expect(page.getByRole('heading', { name: 'Sign in again' })).toHaveCount(0);
  expect((await exportCalls(request)).length).toBe(2);
  await page.getByRole('button', { name: 'Export 2 disks' }).click();
  await expect(page.getByRole('region', { name: 'Several disks: progress' }).getByRole('status'))
    .toHaveText(/Done: 2\. Failed: 0\./, { timeout: 30_000 });
});

test('sign out revokes the token: the old token then gets 401', async ({ page, request }) => {
  await openBare(page);
  const firstList = page.waitForRequest((r) => r.url().includes('/volumes'));
  await signIn(page);
  const token = (await firstList).headers()['x-auth-token'];
  expect(token).toBeTruthy();
  await expect(disk(page, 'data-disk-01')).toBeVisible();
  const before = await request.get(`/evs/v2/${PROJECT}/volumes/detail`, { headers: { 'X-Auth-Token': token } });
  expect(before.status()).toBe(200);
  await bar(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByText('Signed out: the token is revoked and forgotten.')).toBeVisible();
  await expect(signInForm(page)).toBeVisible();
  await expect(bar(page)).toHaveCount(0);
  const after = await request.get(`/evs/v2/${PROJECT}/volumes/detail`, { headers: { 'X-Auth-Token': token } });
  expect(after.status()).toBe(401);
  const log = await simLog(request);
  expect(log.some((e) => e.method === 'DELETE' && e.path.endsWith('/iam/v3/auth/tokens') && e.status === 204)).toBeTruthy();
  // Nothing on the page sends a token any more.
  expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain(token);
});
