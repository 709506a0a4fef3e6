import { type ExecFileException, execFile } from 'node:child_process'
import { constants } from 'node:fs'
import { access } from 'node:fs/promises'

/** The Chromium the browser tests drive: Debian's package, never a downloaded browser. */
export const CHROMIUM_PATH = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium'

/** The Redis that the Redis-backed suites count in. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Test files of one vitest project that cannot run without one requirement. */
export interface Dependent {
  project: string
  /** Globs relative to the repository root, as vitest's `exclude` takes them. */
  files: string[]
  /** What is not run without the requirement, for the line that says so. */
  what: string
}

/**
 * Something beyond Node that some test files need and a bare machine may lack. Where it is
 * missing, vitest.config.ts leaves those files out and the run ends with one line naming them
 * and why (wall-time-reporter.ts): no skipped tests, no file with an empty suite. With CI set,
 * the run fails instead.
 */
interface Requirement {
  /** Why it is missing here, or undefined when it is present. */
  probe: () => Promise<string | undefined>
  dependents: Dependent[]
}

/** A requirement missing on this machine, and the files it keeps from running. */
export interface MissingRequirement {
  reason: string
  dependents: Dependent[]
}

/** Resolves with the exit error of a command, or undefined when it exits 0. */
function runs(command: string, args: string[]): Promise<ExecFileException | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 10_000 }, (error) => resolve(error ?? undefined))
  })
}

async function probePython(): Promise<string | undefined> {
  const error = await runs('python3', ['-c', 'import requests'])
  if (!error) {
    return undefined
  }
  return error.code === 'ENOENT'
    ? 'python3 not found'
    : 'python3 has no requests module (pip install requests)'
}

async function probeRedis(): Promise<string | undefined> {
  // Imported here: only this probe needs a Redis client.
  const { Redis } = await import('ioredis')
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  redis.on('error', () => {})
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG' ? undefined : `${REDIS_URL} does not answer as Redis`
  } catch {
    return `no Redis answers at ${REDIS_URL} (start one, or set REDIS_URL)`
  } finally {
    redis.disconnect()
  }
}

async function probeChromium(): Promise<string | undefined> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK)
    return undefined
  } catch {
    return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set E2E_CHROMIUM)`
  }
}

const REQUIREMENTS: Requirement[] = [
  {
    probe: probePython,
    dependents: [
      {
        project: 'api',
        files: ['test/api/fragment-quickstart.test.ts'],
        what: 'Fragment-compatibility script',
      },
    ],
  },
  {
    probe: probeRedis,
    dependents: [
      {
        project: 'api',
        files: ['test/api/rate-limit-redis.test.ts'],
        what: 'Redis-backed rate limits',
      },
      {
        // Its PostgreSQL-counter variant checks that nothing was counted in Redis, too.
        project: 'slow',
        files: ['test/slow/multi-process.test.ts'],
        what: 'three server processes on one database',
      },
    ],
  },
  {
    probe: probeChromium,
    dependents: [{ project: 'e2e', files: ['test/e2e/**'], what: 'browser end-to-end test' }],
  },
]

/** Probes every requirement at once and lists those missing on this machine. */
export async function findMissingRequirements(): Promise<MissingRequirement[]> {
  const reasons = await Promise.all(REQUIREMENTS.map((requirement) => requirement.probe()))
  return REQUIREMENTS.flatMap((requirement, i) => {
    const reason = reasons[i]
    return reason ? [{ reason, dependents: requirement.dependents }] : []
  })
}

/** The files of `project` that cannot run here. */
export function filesNotRun(missing: MissingRequirement[], project: string): string[] {
  return missing.flatMap((m) =>
    m.dependents.filter((d) => d.project === project).flatMap((d) => d.files),
  )
}

/** One line per suite of `projects` that cannot run here: what it is, and why. */
export function notRunLines(missing: MissingRequirement[], projects: string[]): string[] {
  return missing.flatMap((m) =>
    m.dependents
      .filter((d) => projects.includes(d.project))
      .map((d) => `${d.what} (${d.files.join(', ')}): ${m.reason}`),
  )
}
