// The README's `make serve`, end to end: it starts the simulator and `trunk serve`, prints the
// URL, `User:` and `Password:`; a newcomer opens the URL, signs in with what was printed and
// exports a disk without typing a token, a base URL or a project id.
//
// Trunk.toml proxies /evs, /ims and /iam to the simulator on 8787, so that port must be free;
// the page gets a free port of its own (PAGE_PORT).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import net from 'node:net';

const SIM_PORT = 8787;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

let serve;
let printed = '';

test.afterAll(async () => {
  if (serve && serve.exitCode === null) {
    // make, serve.sh, the simulator and trunk: the whole process group.
    try { process.kill(-serve.pid, 'SIGTERM'); } catch { /* already gone */ }
    await new Promise((r) => { serve.once('exit', r); setTimeout(r, 10_000); });
  }
});

test('make serve: sign in with the printed user and password, then export a disk', async ({ page }) => {
  expect(await portIsFree(SIM_PORT), `port ${SIM_PORT} is taken (a running make serve?): stop it first`).toBe(true);
  const pagePort = await freePort();
  serve = spawn('make', ['serve', `PAGE_PORT=${pagePort}`], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  serve.stdout.on('data', (d) => { printed += d; });
  serve.stderr.on('data', (d) => { printed += d; });

  // What it prints: the console's URL, User (with domain and project) and Password.
  await expect.poll(() => printed, { timeout: 5 * 60_000, message: 'make serve printed its lines' })
    .toMatch(/Password:\s+\S+/);
  expect(serve.exitCode, printed).toBeNull();
  const url = printed.match(/Console:\s+(\S+)/)[1];
  const [, user, domain, project] = printed.match(/User:\s+(\S+)\s+\(domain (\S+), project ([^)\s]+)\)/);
  const password = printed.match(/Password:\s+(\S+)/)[1];
  expect(url).toBe(`http://127.0.0.1:${pagePort}/`);

  // trunk serve answers once its first build is done.
  await expect.poll(async () => {
    try { return (await fetch(url)).status; } catch { return 0; }
  }, { timeout: 12 * 60_000, intervals: [2_000], message: `trunk serve answers at ${url}` }).toBe(200);

  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Export a disk as an image' })).toBeVisible({ timeout: 60_000 });
  const form = page.getByRole('region', { name: /^Sign in/ });
  await form.getByLabel('User name', { exact: true }).fill(user);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByLabel('Domain', { exact: true }).fill(domain);
  await form.getByLabel('Project', { exact: true }).fill(project);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Signed in as' })).toContainText(user);

  // The first available disk of the list (the state file keeps earlier runs' exports).
  const available = page.getByRole('row').filter({ hasText: /available/ }).getByRole('radio');
  await expect(available.first()).toBeVisible();
  await available.first().check();
  await page.getByLabel('Image name').fill(`make-serve-${Date.now()}`);
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 60_000 });
});
