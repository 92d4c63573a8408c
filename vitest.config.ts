import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,server,renderer,electron}/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'test/e2e/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites start real servers and databases: keep them from starving each other on 2 cores.
    maxWorkers: 2,
    server: {
      deps: {
        // The faked `electron` module must reach electron-store's own import of it.
        inline: ['electron-store', 'conf'],
      },
    },
  },
});
