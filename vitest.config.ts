import { configDefaults, defineConfig } from 'vitest/config'
import { filesNotRun, findMissingRequirements, notRunLines } from './test/support/requirements.ts'
import { WallTimeReporter } from './test/support/wall-time-reporter.ts'

/** CI runs everything: there a missing requirement fails the run instead of leaving files out. */
const IN_CI = Boolean(process.env.CI) && process.env.CI !== 'false'
const PROJECTS = ['unit', 'web', 'api', 'e2e', 'slow']

export default defineConfig(async () => {
  const missing = await findMissingRequirements()
  if (IN_CI && missing.length > 0) {
    throw new Error(
      `CI runs every suite, but here: ${notRunLines(missing, PROJECTS).join('; ')}. Provide what is missing, or unset CI to run the rest.`,
    )
  }
  /** What vitest always leaves out, and the files of `project` this machine cannot run. */
  const excluded = (project: string) => [
    ...configDefaults.exclude,
    ...filesNotRun(missing, project),
  ]
  // The API and slow suites share the servers that the global setup starts, one per engine.
  const serverSuite = { globalSetup: ['test/support/global-setup.ts'], hookTimeout: 120_000 }

  return {
    test: {
      reporters: ['default', new WallTimeReporter(missing)],
      projects: [
        'web/vitest.config.ts',
        {
          test: {
            // One real server and one headless Chromium, steps in order (test/e2e/web-app.e2e.ts).
            name: 'e2e',
            include: ['test/e2e/**/*.e2e.ts'],
            exclude: excluded('e2e'),
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
            include: [
              'src/**/*.test.ts',
              'sdk/**/*.test.ts',
              'extension/src/**/*.test.ts',
              'bench/**/*.test.ts',
            ],
            sequence: { groupOrder: 0 },
          },
        },
        {
          test: {
            name: 'api',
            include: ['test/**/*.test.ts'],
            exclude: [...excluded('api'), 'test/slow/**'],
            ...serverSuite,
            testTimeout: 60_000,
            // Two cores: the servers under test need one of them.
            maxWorkers: 2,
            sequence: { groupOrder: 1 },
          },
        },
        {
          test: {
            // Crash, outage and multi-process proofs: minutes each, run by `npm run test:slow`.
            name: 'slow',
            include: ['test/slow/**/*.test.ts'],
            exclude: excluded('slow'),
            ...serverSuite,
            testTimeout: 60_000,
            maxWorkers: 2,
            sequence: { groupOrder: 3 },
          },
        },
      ],
    },
  }
})
