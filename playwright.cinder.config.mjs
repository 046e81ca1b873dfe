// The browser tests against a REAL Cinder 29 + Glance 33 (tests/cinder/up.sh must have run):
// the release build (dist/) behind a same-origin gateway (tests/cinder/gateway.mjs) that
// forwards /evs/* to Cinder and /ims/* to Glance, so the page keeps its default base URLs.
// The servers' facts come from env.json (CINDER_ENV, default target/cinder-run/env.json).
//   npx playwright test -c playwright.cinder.config.mjs
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.mjs';

// A port per run (workers inherit the main process's environment), so concurrent runs do not
// collide. E2E_GATEWAY_PORT overrides it (scripts/test.sh sets it).
if (!process.env.E2E_GATEWAY_PORT) {
  process.env.E2E_GATEWAY_PORT = String(40000 + (process.pid % 20000));
}
const PORT = Number(process.env.E2E_GATEWAY_PORT);
const ENV = process.env.CINDER_ENV
  || `${process.env.CINDER_TARGET || 'target'}/cinder-run/env.json`;
process.env.CINDER_ENV = ENV;

export default defineConfig({
  testDir: 'tests/cinder/e2e',
  outputDir: 'target/playwright/cinder-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `node tests/cinder/gateway.mjs --port ${PORT} --static dist --env ${ENV}`,
    url: `http://127.0.0.1:${PORT}/__gateway/log`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 15_000,
  },
});
