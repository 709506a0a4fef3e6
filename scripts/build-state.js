import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository (or installed package) root: this file sits one folder below it. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The built CLI and server, one ES module: what `bin/tessera.js` runs. */
export const BUILT_CLI = join(ROOT, 'dist', 'cli.js')

/** Inputs of the build besides `src/`: a change to any of them calls for a new build. */
const BUILD_INPUTS = ['package.json', 'scripts/build.js', 'scripts/build-state.js']

/** The entry page of the web app `npm run build:web` makes: its age is the build's. */
export const BUILT_WEB_INDEX = join(ROOT, 'web', 'dist', 'index.html')

function newestMtimeMs(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory() && entry.name !== 'dist' && entry.name !== 'node_modules') {
      newest = Math.max(newest, newestMtimeMs(path))
    } else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) {
      // Unit tests sit beside the sources but are not part of the build.
      // A file deleted between the listing and now (an editor's temporary file) does not count.
      newest = Math.max(newest, statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0)
    }
  }
  return newest
}

/**
 * Whether `dist/` is missing or older than the sources it is built from. Walking `src/`
 * (some 250 files) costs about 10 ms on a busy machine, far less than a stale build costs.
 *
 * @returns true when `npm run build` (or {@link import('./build.js').buildCli}) is due
 */
export function isBuildStale() {
  let builtAt
  try {
    builtAt = statSync(BUILT_CLI).mtimeMs
  } catch {
    return true
  }
  const inputs = BUILD_INPUTS.map((file) => statSync(join(ROOT, file)).mtimeMs)
  return Math.max(newestMtimeMs(join(ROOT, 'src')), ...inputs) > builtAt
}

/** Whether `web/dist` is missing or older than the web app's sources and configuration. */
export function isWebBuildStale() {
  let builtAt
  try {
    builtAt = statSync(BUILT_WEB_INDEX).mtimeMs
  } catch {
    return true
  }
  return newestMtimeMs(join(ROOT, 'web')) > builtAt
}
