import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { createThrowawayDatabase } from '../../test/support/throwaway-database'
import { BIN, type CommandRun, startServer, temporaryDirectory, timeCommand } from './launch'
import type { EngineName, StartupOptions } from './options'
import { descendants, treeUsage } from './processes'

/** How one engine is reached from the command line. */
export interface EngineTarget {
  name: EngineName
  label: string
  /** Arguments naming the data: a directory for the embedded engines, else a URL. */
  args(where: string): string[]
  /** Whether a first start makes a new data directory (the postgres engine has none). */
  hasDataDir: boolean
}

/** Figures of one engine. */
export interface EngineFigures {
  target: EngineTarget
  firstStart?: CommandRun[]
  warmStart: CommandRun[]
  tokensCreate: CommandRun[]
  idle: IdleFigures
}

/** An idle server: CPU in % of one core, and memory, of Tessera and of what it started. */
export interface IdleFigures {
  cpuPercent: { own: number; children: number }
  pssMiB: { own: number; children: number }
  /** Processes below Tessera (the embedded PostgreSQL's postmaster and its workers). */
  childProcesses: number
}

/**
 * The engines this CLI offers: `--engine` (postgres, the default, or pglite) once the
 * embedded PostgreSQL exists, else `--data` meaning PGlite; and a PostgreSQL server.
 */
export function availableEngines(): EngineTarget[] {
  const help = execFileSync(process.execPath, [BIN, 'serve', '--help'], { encoding: 'utf8' })
  const hasEngineFlag = help.includes('--engine')
  const data = (dir: string) => ['--data', join(dir, 'data')]
  return [
    ...(hasEngineFlag
      ? [
          {
            name: 'embedded' as const,
            label: 'embedded PostgreSQL (the default)',
            args: data,
            hasDataDir: true,
          },
        ]
      : []),
    {
      name: 'pglite',
      label: hasEngineFlag ? 'PGlite (`--engine pglite`)' : 'PGlite (`--data`)',
      args: (dir) => [...data(dir), ...(hasEngineFlag ? ['--engine', 'pglite'] : [])],
      hasDataDir: true,
    },
    {
      name: 'postgres',
      label: 'PostgreSQL server (`--database-url`)',
      args: (url) => ['--database-url', url],
      hasDataDir: false,
    },
  ]
}

/** Starts a server on `args`, notes how long /health took and the CPU used, and stops it. */
async function timedStart(args: string[]): Promise<CommandRun> {
  const server = await startServer(args)
  await server.stop()
  return { seconds: server.secondsToHealth, cpuSeconds: server.cpuSecondsToHealth }
}

async function repeat<T>(runs: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = []
  for (let i = 0; i < runs; i += 1) {
    results.push(await run(i))
  }
  return results
}

/** Starts a server, lets it settle, then measures its CPU over `idleMs` and its memory. */
async function measureIdle(args: string[], idleMs: number): Promise<IdleFigures> {
  const server = await startServer(args)
  try {
    // Start-up work (JIT, first checkpoint, pools filling) is not idleness.
    await new Promise((resolve) => setTimeout(resolve, 5000))
    const before = treeUsage(server.pid)
    await new Promise((resolve) => setTimeout(resolve, idleMs))
    const after = treeUsage(server.pid)
    const percent = (from: number, to: number) => ((to - from) / (idleMs / 1000)) * 100
    return {
      cpuPercent: {
        own: percent(before.cpuSeconds.own, after.cpuSeconds.own),
        children: percent(before.cpuSeconds.children, after.cpuSeconds.children),
      },
      pssMiB: after.pssMiB,
      childProcesses: descendants(server.pid).length,
    }
  } finally {
    await server.stop()
  }
}

/** Every figure of one engine; `progress` hears what is being measured. */
export async function measureEngine(
  target: EngineTarget,
  options: StartupOptions,
  progress: (step: string) => void,
): Promise<EngineFigures> {
  const scratch = temporaryDirectory(target.name)
  const database = target.hasDataDir
    ? undefined
    : await createThrowawayDatabase(options.databaseUrl, 'tessera_startup')
  try {
    let firstStart: CommandRun[] | undefined
    let where = database?.url ?? scratch
    if (target.hasDataDir) {
      progress('first start, new data directory')
      // Each first start in a directory of its own; the first of them is then the warm one.
      firstStart = await repeat(options.runs, (i) => {
        const dir = i === 0 ? scratch : join(scratch, `first-${i}`)
        mkdirSync(dir, { recursive: true })
        return timedStart(target.args(dir))
      })
      where = scratch
    } else {
      progress('first start, migrating the new database (not timed)')
      await timedStart(target.args(where))
    }
    progress('start on existing data')
    const warmStart = await repeat(options.runs, () => timedStart(target.args(where)))
    progress('tokens create')
    const tokensCreate = await repeat(options.runs, (i) =>
      timeCommand(process.execPath, [
        BIN,
        'tokens',
        'create',
        '--name',
        `bench ${i}`,
        '--role',
        'super_admin',
        ...target.args(where),
      ]),
    )
    progress(`idle for ${options.idleMs / 1000} s`)
    const idle = await measureIdle(target.args(where), options.idleMs)
    return { target, firstStart, warmStart, tokensCreate, idle }
  } finally {
    await database?.drop()
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** Whether the PostgreSQL server at `url` answers; the reason in words when not. */
export async function checkServer(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  } finally {
    await client.end().catch(() => {})
  }
}
