import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TEST_SECRET_KEY } from './secret-key'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Kills a command left running this long, so that no test leaves a process behind. */
const SAFETY_TIMEOUT_MS = 10 * 60_000

/** What a finished `tessera` command left behind. */
export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  /** Whether it was killed because its output matched `killOn`. */
  killed: boolean
}

/**
 * Runs `tessera <args>` in the repository through `bin/tessera.js`, the file `npx tessera`
 * runs (without npx's own start-up, about 0.6 s of CPU per command), with no database
 * settings inherited from the environment. The bin rebuilds `dist/` first when the sources
 * changed, so the tests run the built code as users do, never a stale build. A command whose output matches `killOn` (say, a server
 * that should have refused to start says it is listening) is killed at once, so the test
 * fails on its assertions instead of hanging. `env` adds variables to its environment.
 */
export function runCli(
  args: string[],
  killOn?: RegExp,
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tessera.js'), ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: undefined,
        TESSERA_DATA_DIR: undefined,
        TESSERA_ORG: undefined,
        // The key test/support/server-process.ts gives every server (a restore checks it).
        TESSERA_SECRET_KEY: TEST_SECRET_KEY,
        TESSERA_SECRET_KEY_FILE: undefined,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let killed = false
    const kill = () => {
      killed = true
      child.kill('SIGKILL')
    }
    const timer = setTimeout(kill, SAFETY_TIMEOUT_MS)
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (killOn?.test(stdout)) {
        kill()
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, killed })
    })
  })
}
