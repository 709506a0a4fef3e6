import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Where {@link buildExtension} writes the unpacked extension that Chromium loads. */
export const EXTENSION_DIR = join(ROOT, 'extension', 'dist')

/**
 * Builds the web app into web/dist, which `tessera serve` serves, so the test runs the code
 * of this checkout. `E2E_SKIP_BUILD=1` reuses a build made beforehand (`npm run build:web`).
 */
export async function buildWebApp(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1') {
    return
  }
  await runBuild('vite build', 'npx', [
    '--no-install',
    'vite',
    'build',
    '--config',
    'web/vite.config.ts',
  ])
}

/** Builds the extension as `npm run build:extension` does, so the test loads this checkout's. */
export function buildExtension(): Promise<void> {
  return runBuild('extension build', process.execPath, [
    join(ROOT, 'scripts', 'build-extension.js'),
  ])
}

/** Runs a build at the repository's root; its output is kept quiet unless it fails. */
function runBuild(what: string, command: string, args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('error', reject)
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (${code}):\n${output}`)),
    )
  })
}
