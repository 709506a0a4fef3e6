/**
 * `npm run screenshots`: runs the browser test, then copies the screenshots the README shows
 * (every PNG already in docs/screenshots) from that run's output. Tests never write into
 * tracked files; this command is the one way the docs' pictures change.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SCREENSHOTS_DIR } from './browser'

const DOCS_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))

/** When `file` was last written, or 0 if it does not exist. */
function writtenAt(file: string): number {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

const started = Date.now()
const run = spawnSync('npx', ['vitest', 'run', '--project', 'e2e'], { stdio: 'inherit' })
if (run.status !== 0) {
  console.error('The browser test did not pass: docs/screenshots left as they were.')
  process.exit(1)
}
const names = readdirSync(DOCS_DIR).filter((name) => name.endsWith('.png'))
const stale = names.filter((name) => writtenAt(join(SCREENSHOTS_DIR, name)) < started)
if (stale.length > 0) {
  console.error(`The run saved no new ${stale.join(', ')}: docs/screenshots left as they were.`)
  process.exit(1)
}
for (const name of names) {
  copyFileSync(join(SCREENSHOTS_DIR, name), join(DOCS_DIR, name))
  console.log(`docs/screenshots/${name} refreshed`)
}
