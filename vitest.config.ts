import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      'web/vitest.config.ts',
      {
        test: {
          // One real server and one headless Chromium, steps in order (test/e2e/web-app.e2e.ts).
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          // Building the app, creating the first user and starting the server take a while.
          hookTimeout: 300_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'sdk/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: the servers under test need one of them.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
