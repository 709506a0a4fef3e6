import {
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { BUILT_CLI, ROOT } from './build-state.js'

/**
 * Gives every bundled module the `import.meta.url` it has in `src/`, computed at run time from
 * the bundle's own location, so that code finding files beside itself (the migrations, the web
 * app's `web/dist`) finds the same files built as it does under tsx, in a checkout or in an
 * installed package.
 */
const keepSourceLocations = {
  name: 'keep-source-locations',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      if (!source.includes('import.meta.url')) {
        return { contents: source, loader: 'ts' }
      }
      const fromBundle = relative(dirname(BUILT_CLI), args.path).split('\\').join('/')
      const url = `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' }
    })
  },
}

/** Whether Node's ES module loader finds `specifier` from the package root, as dist/ would. */
function resolvesInNode(specifier) {
  try {
    // Node 20 answers a URL for a file that does not exist: look for it.
    const url = import.meta.resolve(specifier)
    return !url.startsWith('file:') || statSync(fileURLToPath(url)).isFile()
  } catch {
    return false
  }
}

/**
 * Keeps every dependency import loadable by Node itself. tsx (and TypeScript's bundler
 * resolution) accept a deep import without its extension, such as `ajv-formats/dist/formats`;
 * Node's ES module loader does not, so the build adds the `.js` such a file has, and fails,
 * naming the import, when even that does not resolve.
 */
const nodeResolvableImports = {
  name: 'node-resolvable-imports',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || resolvesInNode(args.path)) {
        return { path: args.path, external: true }
      }
      if (resolvesInNode(`${args.path}.js`)) {
        return { path: `${args.path}.js`, external: true }
      }
      return { errors: [{ text: `Node cannot import "${args.path}" (from ${args.importer}).` }] }
    })
  },
}

/** Writes `contents` to `path` through a rename, so a concurrent reader sees all or nothing. */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, contents)
  renameSync(temporary, path)
}

/**
 * Bundles the CLI and server (`src/cli/main.ts` and everything it imports from `src/`) into
 * `dist/cli.js`. Dependencies stay in `node_modules` (`packages: 'external'`): several find
 * their own files at run time (PGlite's WebAssembly, the PostgreSQL binaries, pino's worker
 * transports, Swagger UI's assets), which a bundle would lose.
 *
 * Code a command loads with `await import()` goes to a chunk of its own (`splitting`), with
 * the dependencies only it imports: a command then pays only for what it runs.
 *
 * Several processes may build at once (test workers finding the build stale): each writes
 * whole files through a rename, chunks (named by their content) before the entry that names
 * them, and the build is stamped with the time it started reading the sources, so an edit
 * made during a build leaves it stale.
 *
 * @returns the size of the code written (without source maps), in bytes, and how long the build took
 */
export async function buildCli() {
  const startedAt = new Date()
  const { build } = await import('esbuild')
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outdir: dirname(BUILT_CLI),
    entryNames: 'cli',
    chunkNames: 'chunk-[hash]',
    splitting: true,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [keepSourceLocations, nodeResolvableImports],
    logLevel: 'warning',
    write: false,
  })
  mkdirSync(dirname(BUILT_CLI), { recursive: true })
  const entry = result.outputFiles.filter((file) => file.path === BUILT_CLI)
  for (const file of [...result.outputFiles.filter((f) => f.path !== BUILT_CLI), ...entry]) {
    writeAtomically(file.path, file.contents)
    utimesSync(file.path, startedAt, startedAt)
  }
  removeOldChunks(new Set(result.outputFiles.map((file) => file.path)))
  const code = result.outputFiles.filter((file) => file.path.endsWith('.js'))
  const bytes = code.reduce((sum, file) => sum + file.contents.byteLength, 0)
  return { bytes, ms: Date.now() - startedAt.getTime() }
}

/**
 * Removes chunks of earlier builds. A process started just before this build may still be
 * loading one, so only those untouched for a minute go. Another build may remove the same
 * chunks at the same time: one gone since the listing is skipped, not a failed build.
 */
function removeOldChunks(current) {
  const dir = dirname(BUILT_CLI)
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (!name.startsWith('chunk-') || current.has(path)) {
      continue
    }
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs
    if (modified !== undefined && modified < Date.now() - 60_000) {
      rmSync(path, { force: true })
    }
  }
}

/**
 * Ends the process after a failed build, saying why unless esbuild has: its failures carry the
 * `errors` it printed, and its stack trace would only bury them. Anything else (a file system
 * error) is printed, so that a build never fails in silence.
 *
 * @returns never
 */
export function exitAfterFailedBuild(error) {
  if (!Array.isArray(error?.errors)) {
    console.error('tessera: the build failed:', error)
  }
  process.exit(1)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { bytes, ms } = await buildCli().catch(exitAfterFailedBuild)
  const where = relative(process.cwd(), BUILT_CLI) || BUILT_CLI
  console.log(`Built ${where} (${Math.round(bytes / 1024)} KiB) in ${ms} ms.`)
}
