// `make serve`, the README's first command, as a newcomer runs it (tests/serve/serve.spec.mjs
// starts it itself, reads what it prints, and stops it):
//   npx playwright test -c playwright.serve.config.mjs
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.mjs';

export default defineConfig({
  testDir: 'tests/serve',
  outputDir: 'target/playwright/serve-results',
  // The first `trunk serve` builds the page in the dev profile before it answers.
  timeout: 15 * 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
