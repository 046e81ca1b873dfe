// Playwright runs the release build (dist/) served by the simulator, which also answers the
// API under /evs, /ims and /iam on the same origin. Every worker starts its own simulator on a
// free port (tests/e2e/fixtures.mjs: the `baseURL` of its tests), so spec files run on two
// workers side by side without sharing disks, clock or faults; E2E_WORKERS overrides the
// count. Chromium is Debian's (/usr/bin/chromium): nothing downloads a browser.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.mjs';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'target/playwright/results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS || 2),
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
