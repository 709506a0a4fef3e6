import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { TEST_SECRET_KEY } from './secret-key'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A Tessera server running as a child process, as a user would run it. */
export interface ServerProcess {
  url: string
  process: ChildProcess
  /** Everything it printed so far (JSON log lines). */
  output: () => string
  /** SIGTERM and wait for exit; SIGKILL when `kill` is set. */
  stop: (options?: { kill?: boolean }) => Promise<void>
}

/**
 * Starts `tessera serve` on a free port with extra CLI arguments and environment; `root` is
 * the checkout to run (another one: `npm run bench:compare`).
 */
export async function startServer(
  args: string[],
  env: Record<string, string | undefined> = {},
  root = ROOT,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    // The built code, as `npx tessera` runs it (bin/tessera.js rebuilds it when stale): tsx
    // would transpile every module again in every server a test starts.
    [join(root, 'bin', 'tessera.js'), 'serve', '--port', '0', ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: undefined,
        TESSERA_DATA_DIR: undefined,
        TESSERA_ENGINE: undefined,
        // Tests' webhook receivers listen on the loopback; test/api/webhook-targets.test.ts
        // starts its servers with 0 to prove the refusal.
        TESSERA_WEBHOOK_ALLOW_PRIVATE: '1',
        // test/api/sso.test.ts runs its OpenID provider on the loopback, over http.
        TESSERA_SSO_ALLOW_PRIVATE: '1',
        // One key for every server: those of one database must open each other's secrets.
        TESSERA_SECRET_KEY: TEST_SECRET_KEY,
        TESSERA_SECRET_KEY_FILE: undefined,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let giveUp: NodeJS.Timeout | undefined
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /"url":"(http:\/\/[^"]+)".*"msg":"listening"/.exec(output)
      if (match?.[1]) {
        // Started: the deadline below must not kill it later on.
        clearTimeout(giveUp)
        resolve(match[1])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
    giveUp = setTimeout(() => {
      // A server that never came up must not outlive the test run.
      child.kill('SIGKILL')
      reject(new Error(`server did not start in 180 s:\n${output}`))
    }, 180_000).unref()
  })
  return {
    url,
    process: child,
    output: () => output,
    stop: async ({ kill } = {}) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(kill ? 'SIGKILL' : 'SIGTERM')
      }
      await exited
    },
  }
}
