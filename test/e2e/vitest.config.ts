import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

/**
 * The browser end-to-end test: one real server and one headless Chromium, steps in order.
 * `npx vitest run --config test/e2e/vitest.config.ts`, or the `e2e` project of the root
 * configuration.
 */
// biome-ignore lint/style/noDefaultExport: Vitest loads a project from the default export.
export default defineProject({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    // Creating the first user and starting the server each migrate a fresh PGlite database.
    hookTimeout: 300_000,
    // The steps share one browser session and build on each other.
    sequence: { concurrent: false },
    fileParallelism: false,
  },
})
