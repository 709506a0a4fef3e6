import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
 * Runs `npx tessera <args>` in the repository, as a user would, with no database settings
 * inherited from the environment. A command whose output matches `killOn` (say, a server
 * that should have refused to start says it is listening) is killed at once, so the test
 * fails on its assertions instead of hanging.
 */
export function runCli(args: string[], killOn?: RegExp): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--no-install', 'tessera', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: undefined,
        TESSERA_DATA_DIR: undefined,
        TESSERA_ORG: undefined,
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
