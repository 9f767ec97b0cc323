/*
 * The browser tests: real Chromium (the system's, found by scripts/lib/system.js and passed
 * as CHROMIUM_PATH) driving the portal exactly as `npm start` runs it.
 */
import { defineConfig } from '@playwright/test';
import fs from 'node:fs';

const yarn = 'node .yarn/releases/yarn-4.13.0.cjs';
// The portal's logs go here, beside the screenshots; a fresh clone has no such folder.
fs.mkdirSync('e2e-test-results/screenshots', { recursive: true });

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'e2e-test-report' }]],
  outputDir: 'e2e-test-results/playwright',
  webServer: [
    {
      command: `${yarn} portal backend > e2e-test-results/backend.log 2>&1`,
      url: 'http://localhost:7007/.backstage/health/v1/readiness',
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    {
      // The first compile of the app takes a minute or two on a two-core machine.
      command: `${yarn} portal app > e2e-test-results/app.log 2>&1`,
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 420_000,
    },
  ],
  use: {
    baseURL: 'http://localhost:3000',
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      // Flags that work as root on a machine with no network beyond localhost.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
