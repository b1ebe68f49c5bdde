import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/lib/chromium.mjs';

const project = process.argv.find((arg) => arg.startsWith('--project'));
const wantsBrowser = !project || !process.argv.join(' ').includes('--project electron');

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/support/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 2,
  // npm test also asks for a JSON report, so its summary can repeat what failed and why.
  reporter: process.env.E2E_JSON_REPORT
    ? [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT }]]
    : [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      // The renderer bundle in Debian's Chromium, against the loopback host (what CI runs).
      name: 'browser',
      testDir: 'e2e/browser',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 860 },
        launchOptions: wantsBrowser ? { executablePath: ensureChromium(), args: CHROMIUM_ARGS } : {},
      },
    },
    {
      // The desktop app itself, where the Electron binary exists; skipped with a note elsewhere.
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
