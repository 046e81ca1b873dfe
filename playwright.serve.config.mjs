// `make serve`, the README's first command, as a newcomer runs it (tests/serve/serve.spec.mjs
// starts it itself, reads what it prints, and stops it): the simulator flows' settings
// (playwright.config.mjs) with their own directory, one worker and longer waits.
//   npx playwright test -c playwright.serve.config.mjs
import { defineConfig } from '@playwright/test';
import base from './playwright.config.mjs';

export default defineConfig({
  ...base,
  testDir: 'tests/serve',
  outputDir: 'target/playwright/serve-results',
  // The first `trunk serve` builds the page in the dev profile before it answers.
  timeout: 15 * 60_000,
  expect: { timeout: 20_000 },
  workers: 1,
});
