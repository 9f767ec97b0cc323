/*
 * The adoption test's checks (npm test -- adopt): the same Chromium, launched as the
 * browser tests launch it, against the app scripts/adopt.js generated and started; its
 * address comes in ADOPT_BASE_URL. No webServer: the script runs and stops the app.
 */
import { defineConfig } from '@playwright/test';
import browserTests from '../playwright.config';

export default defineConfig({
  testDir: '.',
  timeout: 300_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: '../e2e-test-results/adopt/playwright',
  use: {
    baseURL: process.env.ADOPT_BASE_URL,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: browserTests.use?.launchOptions,
  },
});
