import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * Builds the web app into web/dist, which `tessera serve` serves, so the test runs the code
 * of this checkout. `E2E_SKIP_BUILD=1` reuses a build made beforehand (`npm run build:web`).
 */
export async function buildWebApp(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1') {
    return
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      'npx',
      ['--no-install', 'vite', 'build', '--config', 'web/vite.config.ts'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('error', reject)
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (${code}):\n${output}`)),
    )
  })
}
