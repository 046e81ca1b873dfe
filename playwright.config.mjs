// Playwright runs the release build (dist/) served by the simulator, which also answers the
// API under /evs and /ims on the same origin. Chromium is Debian's (/usr/bin/chromium):
// nothing downloads a browser.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.mjs';

// A port per run (workers inherit the environment of the main process, which evaluates this
// first), so concurrent runs on one machine do not collide. E2E_SIM_PORT overrides it.
if (!process.env.E2E_SIM_PORT) {
  process.env.E2E_SIM_PORT = String(20000 + (process.pid % 20000));
}
const SIM_PORT = Number(process.env.E2E_SIM_PORT);
export const BASE_URL = `http://127.0.0.1:${SIM_PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'target/playwright/results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `target/debug/evs-sim --port ${SIM_PORT} --static dist --export-seconds 3 --seed 7 --leftovers 3`,
    url: `${BASE_URL}/__sim/health`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 30_000,
  },
});
