import { defineConfig } from '@playwright/test';

/**
 * e2e runs in Debian's Chromium: Playwright's own browser download is not reachable here. The
 * flags keep Chromium from calling home (refused on this network) and let it run as root.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  // An open defect, not a timing margin: a file's second test, signing the same agent in again on
  // the same server, sometimes stays "Syncing" (sla-lifecycle and work-a-ticket, 2026-12-03). A retry
  // runs on a fresh worker and server; the list reporter still names the test as flaky.
  retries: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.TIERDESK_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
