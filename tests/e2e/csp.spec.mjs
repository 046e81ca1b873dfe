// Content Security Policy (the stylesheet inlined for the first paint is allowed by its hash):
// the release page runs a whole export flow, an error and the request
// view under its strict policy without one violation — once with the <meta> policy that
// scripts/boot-external.mjs writes into index.html, once with the same policy also sent as a
// real response header (the document is routed and the header added; `frame-ancestors` and
// violation reporting only work there).
import { test, expect } from './fixtures.mjs';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  reset, fault, open, connect, fill, exportButton, formAlert, forbidDialogs,
} from './helpers.mjs';

const META = readFileSync('dist/index.html', 'utf8').match(
  /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/,
);

test.beforeEach(async ({ page, request }) => {
  await reset(request);
  forbidDialogs(page);
});

/** Collects `securitypolicyviolation` events (from the first script on) and CSP console lines. */
async function watch(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const lines = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) lines.push(m.text());
  });
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  return lines;
}

async function flow(page, request) {
  await open(page);
  await connect(page);
  // An error panel first (its markup is rendered only on failure).
  await fill(page, 'data-disk-01', 'csp flow');
  await fault(request, { fault: '503-html', match: 'action' });
  await exportButton(page).click();
  await expect(formAlert(page)).toContainText('(503)');
  // The request view, then a real export through to active.
  await page.getByText('Show request').click();
  await expect(page.locator('details').getByText(/curl -i -X POST/)).toBeVisible();
  await exportButton(page).click();
  const result = page.getByRole('region', { name: 'Export accepted' });
  await expect(result.getByText('The image is active')).toBeVisible({ timeout: 20_000 });
  // Copy uses the clipboard API; a refusal must not be a CSP matter.
  await result.getByRole('button', { name: 'Copy image ID' }).click();
}

test('the release page carries the strict policy in a meta tag', () => {
  expect(META, 'dist/index.html has a CSP meta (scripts/boot-external.mjs)').not.toBeNull();
  const policy = META[1];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).toContain("style-src 'self' 'sha256-");
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/'unsafe-eval'/);
  // No inline script left for the policy to block, no style attribute; the one inline
  // <style> (the stylesheet, inlined by scripts/prerender.mjs for the first paint) is allowed
  // by its sha256 in style-src, not by 'unsafe-inline'.
  const html = readFileSync('dist/index.html', 'utf8');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/\sstyle="/);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  expect(styles).toHaveLength(1);
  expect(styles[0]).toContain('.evs-console');
  const styleSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('style-src'));
  const hash = createHash('sha256').update(styles[0]).digest('base64');
  expect(styleSrc).toBe(`style-src 'self' 'sha256-${hash}'`);
  expect(html.match(/<style[\s>]/g)).toHaveLength(1);
});

test('no violation under the meta policy through a full export', async ({ page, request }) => {
  const lines = await watch(page);
  await flow(page, request);
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
  expect(lines).toEqual([]);
});

test('no violation with the policy as a response header too', async ({ page, request }) => {
  const policy = `${META[1]}; frame-ancestors 'none'`;
  let served = 0;
  await page.route((u) => u.pathname === '/' || u.pathname === '/index.html', async (route) => {
    const response = await route.fetch();
    served += 1;
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'content-security-policy': policy },
    });
  });
  const lines = await watch(page);
  await flow(page, request);
  expect(served).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.__csp)).toEqual([]);
  expect(lines).toEqual([]);
  // The header policy is enforced: an inline script is refused and reported.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 1';
    document.body.append(s);
  });
  await expect.poll(() => page.evaluate(() => window.__csp.length)).toBeGreaterThan(0);
  expect(await page.evaluate(() => typeof window.__pwned)).toBe('undefined');
});
