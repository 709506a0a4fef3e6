import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { type Checkout, checkOut } from './compare/checkout'
import { type CompareOptions, type ComparePath, parseCompareOptions } from './compare/options'
import { measureTessera } from './dispatch/measure'
import { createFixture, type DispatchFixture, resetQueue } from './dispatch/setup'
import { createToken, launchServer, prepareEngine } from './engine'
import { HttpClient } from './http-client'
import { runTimed } from './load'
import { describeMachine } from './machine'
import { cpuSeconds } from './startup/processes'
import { median } from './targets'
import { makeTask } from './task-data'

// `npm run bench:compare -- --base REV`: this checkout's server beside REV's, interleaved.

const API = '/api/v1'
const ROOT = new URL('..', import.meta.url).pathname

type Side = 'base' | 'this'

/** Operations done and server CPU seconds spent, summed over the rounds; each round's p99. */
interface Tally {
  operations: number
  cpuSeconds: number
  seconds: number
  p99Ms: number[]
}

/** What one round of a path measured on one side. */
interface PathRound {
  operations: number
  /** p99 latency of the request (for play: of `next`, the claim), in milliseconds. */
  p99Ms: number
}

/**
 * Runs `op` closed-loop for the options' seconds (bench/load.ts) and answers how many
 * completed; `n` numbers the operations started.
 */
async function timed(
  options: CompareOptions,
  op: (n: number) => Promise<void>,
): Promise<PathRound> {
  let started = 0
  const stats = await runTimed(
    { concurrency: options.concurrency, warmupMs: 0, durationMs: options.seconds * 1000 },
    () => op(started++),
  )
  return { operations: stats.count, p99Ms: stats.p99 }
}

interface Server {
  url: string
  pid: number
  client: HttpClient
}

async function measurePath(
  path: ComparePath,
  server: Server,
  options: CompareOptions,
  context: { uids: string[]; fixture: DispatchFixture | null; direct: pg.Pool; round: number },
): Promise<PathRound> {
  const { client } = server
  if (path === 'get') {
    const { uids } = context
    return timed(options, (n) =>
      client.ok('GET', `${API}/tasks/${uids[n % uids.length]}`).then(() => undefined),
    )
  }
  if (path === 'create') {
    const offset = 1_000_000 + context.round * 100_000
    return timed(options, (n) =>
      client.ok('POST', `${API}/tasks`, JSON.stringify(makeTask(offset + n))).then(() => undefined),
    )
  }
  const { fixture } = context
  if (!fixture) {
    throw new Error('play needs its fixture')
  }
  await resetQueue(context.direct, fixture.orgUid)
  const stats = await measureTessera(server, fixture, options.operators, {
    warmupMs: 1,
    durationMs: options.seconds * 1000,
  })
  return { operations: stats.claims, p99Ms: stats.claim.p99 }
}

function renderTable(
  options: CompareOptions,
  commits: Record<Side, string>,
  tallies: Map<string, Tally>,
): string {
  const unit: Record<ComparePath, string> = {
    get: 'request',
    create: 'request',
    play: `task (next + complete), ${options.operators} operators`,
  }
  const lines = [
    `| path | server CPU per op, base ${commits.base} (µs) | this checkout (µs) | this ÷ base | rate, base (/s) | rate, this (/s) | p99, base (ms) | p99, this (ms) |`,
    '|---|--:|--:|--:|--:|--:|--:|--:|',
  ]
  for (const path of options.paths) {
    const base = tallies.get(`${path} base`)
    const mine = tallies.get(`${path} this`)
    if (!base || !mine) {
      continue
    }
    const perOp = (t: Tally) => (t.cpuSeconds * 1e6) / Math.max(1, t.operations)
    const rate = (t: Tally) => t.operations / t.seconds
    lines.push(
      `| ${path}, per ${unit[path]} | ${perOp(base).toFixed(0)} | ${perOp(mine).toFixed(0)} | ${(perOp(mine) / perOp(base)).toFixed(2)} | ${rate(base).toFixed(0)} | ${rate(mine).toFixed(0)} | ${median(base.p99Ms).toFixed(1)} | ${median(mine.p99Ms).toFixed(1)} |`,
    )
  }
  return lines.join('\n')
}

async function main(options: CompareOptions): Promise<void> {
  const checkout = checkOut(ROOT, options.base)
  try {
    await compareWith(checkout, options)
  } finally {
    checkout.dispose()
  }
}

async function compareWith(checkout: Checkout, options: CompareOptions): Promise<void> {
  const machine = describeMachine()
  const prepared = await prepareEngine('postgres', options.databaseUrl)
  const direct =
    prepared.target.engine === 'postgres'
      ? new pg.Pool({ connectionString: prepared.target.databaseUrl, max: 2 })
      : null
  const started: Awaited<ReturnType<typeof launchServer>>[] = []
  try {
    if (!direct || prepared.target.engine !== 'postgres') {
      throw new Error('compare runs on PostgreSQL')
    }
    const token = await createToken(prepared.target, 'admin')
    const launch = async (root?: string): Promise<Server> => {
      const server = await launchServer(prepared.target, {}, root)
      started.push(server)
      const pid = server.process.pid
      if (pid === undefined) {
        throw new Error('the server has no pid')
      }
      return {
        url: server.url,
        pid,
        client: new HttpClient(server.url, { authorization: `Bearer ${token}` }),
      }
    }
    const servers: Record<Side, Server> = {
      this: await launch(),
      base: await launch(checkout.root),
    }
    // Each side creates half the tasks, so that neither starts with a warmer JIT.
    const uids: string[] = []
    for (let n = 0; n < 1000; n++) {
      const side = n % 2 === 0 ? servers.this : servers.base
      const body = await side.client.ok('POST', `${API}/tasks`, JSON.stringify(makeTask(n)))
      uids.push((JSON.parse(body) as { uid: string }).uid)
    }
    const fixture = options.paths.includes('play')
      ? await createFixture(
          servers.this.client,
          prepared.target.databaseUrl,
          30_000,
          options.operators,
        )
      : null
    const tallies = new Map<string, Tally>()
    // Round 0 warms both servers up and is not counted.
    for (let round = 0; round <= options.rounds; round++) {
      process.stderr.write(round === 0 ? 'warm-up round\n' : `round ${round}/${options.rounds}\n`)
      const order: Side[] = round % 2 === 0 ? ['this', 'base'] : ['base', 'this']
      for (const path of options.paths) {
        const context = { uids, fixture, direct, round }
        const measure = async (side: Side) => {
          const server = servers[side]
          const cpuBefore = cpuSeconds(server.pid)
          const began = performance.now()
          const { operations, p99Ms } = await measurePath(path, server, options, context)
          return {
            side,
            operations,
            p99Ms,
            cpuSeconds: cpuSeconds(server.pid) - cpuBefore,
            seconds: (performance.now() - began) / 1000,
          }
        }
        const measured = []
        if (options.together && path !== 'play') {
          measured.push(...(await Promise.all(order.map(measure))))
        } else {
          for (const side of order) {
            measured.push(await measure(side))
          }
        }
        if (round === 0) {
          continue
        }
        for (const { side, ...spent } of measured) {
          const key = `${path} ${side}`
          const tally = tallies.get(key) ?? { operations: 0, cpuSeconds: 0, seconds: 0, p99Ms: [] }
          tally.operations += spent.operations
          tally.cpuSeconds += spent.cpuSeconds
          tally.seconds += spent.seconds
          tally.p99Ms.push(spent.p99Ms)
          tallies.set(key, tally)
        }
      }
    }
    for (const server of Object.values(servers)) {
      server.client.close()
    }
    process.stdout.write(
      `\n${renderTable(options, { base: checkout.commit, this: machine.commit }, tallies)}\n\n` +
        `${options.rounds} rounds of ${options.seconds} s per path and side, ${options.together ? 'both sides loaded at once on get and create, ' : ''}alternating which side goes first; ` +
        `${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAtStart.toFixed(2)} at the start. ` +
        'Server CPU is user + system time of the server process from /proc, divided by the operations it completed; ' +
        "p99 is the median of the rounds' p99 (for play, of `next` alone).\n",
    )
  } finally {
    await Promise.all(started.map((server) => server.stop()))
    await direct?.end()
    await prepared.dispose()
  }
}

main(parseCompareOptions(process.argv.slice(2))).catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
  process.exit(1)
})
