import os from 'node:os'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { createThrowawayDatabase } from '../test/support/throwaway-database'
import { analyzeTasks } from './analyze-tasks'
import { startBareServer } from './bare'
import { FLOOR_ROUTES } from './bare-routes'
import { createToken, prepareEngine, withServer } from './engine'
import { HttpClient } from './http-client'
import { type TimedLoad, timedPhase } from './load'
import { describeLoad, describeMachine, describeRun, type MachineInfo } from './machine'
import { apiBatchIngest, FILTER_PATH } from './measure-api'
import { niceness, positiveInteger } from './option-values'
import { installPeer, preparePeerDatabase, startPeer } from './peers/peer-process'
import { raisePriority } from './priority'
import { writeReadmeSection } from './readme-section'
import { markdownTable, median } from './soak/chart'
import { cpuSeconds, postgresCpuSeconds } from './startup/processes'
import type { PhaseStats } from './stats'
import { outOfReach } from './targets'
import { FILTER_COUNTRY, makeTask } from './task-data'

// `npm run bench:peers`: Tessera beside the peer a team would otherwise stand up (issue 17),
// both on one PostgreSQL server, same bodies, same load generator, rounds alternating.

const USAGE = `npm run bench:peers -- [options]

  --rounds N          alternating rounds; figures are their medians (default 3)
  --tasks N           tasks loaded into each side before timing (default 20000)
  --concurrency N     requests in flight for the concurrent phases (default 8)
  --duration S        measured seconds per phase (default 6)
  --warmup S          unmeasured seconds before each phase (default 2)
  --database-url URL  PostgreSQL server; the bench creates and drops its own databases there
                      (default postgres://postgres@127.0.0.1:5432/postgres)
  --nice=N            scheduling priority of the benchmark and its servers (default 0)
  --no-readme         do not rewrite the peers section of bench/README.md
`

interface PeerOptions {
  rounds: number
  tasks: number
  concurrency: number
  durationMs: number
  warmupMs: number
  databaseUrl: string
  nice: number
  writeReadme: boolean
}

function parseOptions(argv: string[]): PeerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string' },
      tasks: { type: 'string' },
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'database-url': { type: 'string' },
      nice: { type: 'string' },
      'no-readme': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    process.exit(0)
  }
  const whole = (value: string | undefined, name: string, fallback: number) =>
    value === undefined ? fallback : positiveInteger(value, name, USAGE)
  return {
    rounds: whole(values.rounds, 'rounds', 3),
    tasks: whole(values.tasks, 'tasks', 20_000),
    concurrency: whole(values.concurrency, 'concurrency', 8),
    durationMs: whole(values.duration, 'duration', 6) * 1000,
    warmupMs: whole(values.warmup, 'warmup', 2) * 1000,
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    nice: values.nice === undefined ? 0 : niceness(values.nice, USAGE),
    writeReadme: !values['no-readme'],
  }
}

/** One side of the comparison: how it is asked for the same four things. */
interface Side {
  name: 'Tessera' | 'peer' | 'floor'
  client: HttpClient
  /** The server process, whose CPU time each phase reads. */
  pid: number
  createPath: string
  getPath: (uid: string) => string
  listPath: string
  uids: string[]
}

interface Phase {
  key: string
  label: string
  /** The HTTP + SQL floor answers this phase too, with Tessera's own statement. */
  withFloor?: boolean
  concurrency: (options: PeerOptions) => number
  op: (side: Side, body: () => string) => Promise<void>
}

const PHASES: Phase[] = [
  {
    key: 'create-n',
    label: 'single create',
    withFloor: true,
    concurrency: (o) => o.concurrency,
    op: async (side, body) => void (await side.client.ok('POST', side.createPath, body())),
  },
  {
    key: 'create-1',
    label: 'single create',
    concurrency: () => 1,
    op: async (side, body) => void (await side.client.ok('POST', side.createPath, body())),
  },
  {
    key: 'get-n',
    label: 'get by uid',
    withFloor: true,
    concurrency: (o) => o.concurrency,
    op: async (side) => {
      const uid = side.uids[Math.floor(Math.random() * side.uids.length)] as string
      await side.client.ok('GET', side.getPath(uid))
    },
  },
  {
    key: 'list-n',
    label: `filtered list (country=${FILTER_COUNTRY}, 50, with total)`,
    concurrency: (o) => o.concurrency,
    op: async (side) => void (await side.client.ok('GET', side.listPath)),
  },
]

/** Task bodies as JSON, the same for both sides. */
function bodies(count: number): string[] {
  return Array.from({ length: count }, (_, n) => JSON.stringify(makeTask(n)))
}

async function seedTessera(
  client: HttpClient,
  tasks: number,
  databaseUrl: string,
): Promise<string[]> {
  const all = bodies(tasks)
  const batches: string[] = []
  for (let i = 0; i < all.length; i += 1000) {
    batches.push(`{"items":[${all.slice(i, i + 1000).join(',')}]}`)
  }
  const { uids } = await apiBatchIngest(client, batches, 1000, 4, 'Tessera: loading tasks')
  // The peer's table is analyzed after its load; so is Tessera's. A server whose autovacuum
  // is off (this machine's is) would otherwise plan the list on an empty table's statistics
  // (measured: 229 ms p50 at 8 in flight instead of about 40).
  await analyzeTasks(databaseUrl)
  return uids
}

/** A phase's load figures and the CPU each request cost, in µs. */
interface Measured extends PhaseStats {
  serverCpuUs: number
  postgresCpuUs: number
}

/**
 * The floor's organizations in Tessera's database: the one `createToken` made, whose tasks
 * it reads, and a new one for its creates, which in Tessera's own would lengthen the filtered
 * list that Tessera is measured on next.
 */
async function floorOrganizations(
  databaseUrl: string,
): Promise<{ orgUid: string; createOrgUid: string }> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ uid: string }>('SELECT uid FROM organizations')
    const [only] = rows
    if (!only || rows.length !== 1) {
      throw new Error(`expected one organization in Tessera's database, found ${rows.length}`)
    }
    const created = await client.query<{ uid: string }>(
      "INSERT INTO organizations (name) VALUES ('bench floor') RETURNING uid",
    )
    return { orgUid: only.uid, createOrgUid: (created.rows[0] as { uid: string }).uid }
  } finally {
    await client.end()
  }
}

type Results = Map<string, Record<Side['name'], Measured[]>>

/**
 * Runs one phase and reads the CPU time the side's server and PostgreSQL spent from the end
 * of its warm-up to the end of the phase: throughput alone cannot tell a server that works
 * harder per request from one that waits longer.
 */
async function measurePhase(
  label: string,
  load: TimedLoad,
  side: Side,
  op: () => Promise<void>,
): Promise<Measured> {
  let before = { server: 0, postgres: 0 }
  const mark = setTimeout(() => {
    before = { server: cpuSeconds(side.pid), postgres: postgresCpuSeconds() }
  }, load.warmupMs)
  try {
    const stats = await timedPhase(label, load, op)
    const perRequest = (seconds: number) => (seconds * 1e6) / Math.max(1, stats.count)
    return {
      ...stats,
      serverCpuUs: perRequest(cpuSeconds(side.pid) - before.server),
      postgresCpuUs: perRequest(postgresCpuSeconds() - before.postgres),
    }
  } finally {
    clearTimeout(mark)
  }
}

async function measureRounds(sides: Side[], options: PeerOptions): Promise<Results> {
  const results: Results = new Map()
  const fresh = bodies(5000)
  let next = 0
  const body = () => fresh[next++ % fresh.length] as string
  for (let round = 1; round <= options.rounds; round++) {
    // Alternate who goes first: a machine warming up or cooling down favours no side.
    const order = round % 2 === 1 ? sides : [...sides].reverse()
    for (const phase of PHASES) {
      const load: TimedLoad = {
        concurrency: phase.concurrency(options),
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
      }
      for (const side of order.filter((s) => s.name !== 'floor' || phase.withFloor)) {
        const label = `round ${round}/${options.rounds} ${side.name}: ${phase.label}`
        const stats = await measurePhase(label, load, side, () => phase.op(side, body))
        const entry = results.get(phase.key) ?? { Tessera: [], peer: [], floor: [] }
        entry[side.name].push(stats)
        results.set(phase.key, entry)
      }
    }
  }
  return results
}

interface SideRow {
  rate: number
  p50: number
  p99: number
  serverCpuUs: number
  postgresCpuUs: number
}

interface Row {
  path: string
  tessera: SideRow
  peer: SideRow
  /** The HTTP + SQL floor, on the phases it answers. */
  floor?: SideRow
  /** The targets, where it sets one for this path. */
  target?: { pass: boolean; text: string }
}

function summarise(results: Results, options: PeerOptions): Row[] {
  return PHASES.map((phase) => {
    const entry = results.get(phase.key) ?? { Tessera: [], peer: [], floor: [] }
    const of = (runs: Measured[]): SideRow => ({
      rate: median(runs.map((r) => r.rate)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      serverCpuUs: median(runs.map((r) => r.serverCpuUs)),
      postgresCpuUs: median(runs.map((r) => r.postgresCpuUs)),
    })
    const tessera = of(entry.Tessera)
    const peer = of(entry.peer)
    const inFlight = phase.concurrency(options)
    const row: Row = { path: `${phase.label}, ${inFlight} in flight`, tessera, peer }
    if (entry.floor.length > 0) {
      row.floor = of(entry.floor)
    }
    if ((phase.key === 'create-n' || phase.key === 'get-n') && inFlight === 8) {
      const share = tessera.rate / peer.rate
      const tail = tessera.p99 / peer.p99
      // One rule for the pass and for the floor's verdict on it.
      const meetsShare = (ratio: number) => ratio >= 0.8
      row.target = {
        pass: meetsShare(share) && tail <= 2,
        text: `≥ 80% of the peer (${pct(share)}), p99 ≤ 2× (${tail.toFixed(1)}×)${outOfReach({
          meets: meetsShare,
          show: pct,
          ceiling: {
            what:
              phase.key === 'create-n'
                ? "the floor writing Tessera's row and its history"
                : "the floor reading Tessera's row",
            rounds: entry.floor.map(
              (run, round) => run.rate / (entry.peer[round]?.rate ?? Number.NaN),
            ),
          },
        })}`,
      }
    }
    return row
  })
}

const pct = (ratio: number) => `${Math.round(ratio * 100)}%`
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString())

function renderTable(rows: Row[]): string {
  const lines = [
    '| path | Tessera req/s (p50 / p99 ms) | peer req/s (p50 / p99 ms) | Tessera ÷ peer | target |',
    '|---|--:|--:|--:|---|',
  ]
  for (const row of rows) {
    const target = row.target ? `${row.target.pass ? 'pass' : 'FAIL'}: ${row.target.text}` : ''
    lines.push(
      `| ${row.path} | ${fmt(row.tessera.rate)} (${ms(row.tessera.p50)} / ${ms(row.tessera.p99)}) | ${fmt(row.peer.rate)} (${ms(row.peer.p50)} / ${ms(row.peer.p99)}) | ${pct(row.tessera.rate / row.peer.rate)} | ${target} |`,
    )
  }
  return lines.join('\n')
}

/** Where each request's CPU went, per side: the server process and PostgreSQL. */
function renderCpuTable(rows: Row[]): string {
  return markdownTable(
    ['path', 'Tessera server µs', 'peer server µs', 'Tessera PostgreSQL µs', 'peer PostgreSQL µs'],
    rows.map((row) => [
      row.path,
      fmt(row.tessera.serverCpuUs),
      fmt(row.peer.serverCpuUs),
      fmt(row.tessera.postgresCpuUs),
      fmt(row.peer.postgresCpuUs),
    ]),
  )
}

/**
 * The HTTP + SQL floor beside both: a bare Fastify process (bench/bare-server.ts) answering
 * the row of Tessera's own SELECT, with no token, log, presenter or response schema. If it
 * stays under a target's share of the peer, no server on Tessera's row can reach it.
 */
function renderFloorTable(rows: Row[]): string {
  return markdownTable(
    [
      'path',
      'floor req/s (p50 / p99 ms)',
      'floor ÷ peer',
      'Tessera ÷ floor',
      'floor server µs',
      'floor PostgreSQL µs',
    ],
    rows.flatMap(({ path, tessera, peer, floor }) =>
      floor
        ? [
            [
              path,
              `${fmt(floor.rate)} (${ms(floor.p50)} / ${ms(floor.p99)})`,
              pct(floor.rate / peer.rate),
              pct(tessera.rate / floor.rate),
              fmt(floor.serverCpuUs),
              fmt(floor.postgresCpuUs),
            ],
          ]
        : [],
    ),
  )
}

function renderSection(
  rows: Row[],
  machine: MachineInfo,
  date: Date,
  options: PeerOptions,
): string {
  return `## Tessera beside a peer (\`npm run bench:peers\`)

The peer is what a team would stand up in an afternoon instead: Platformatic's REST API
generated from a \`tasks\` table (\`@platformatic/sql-mapper\` + \`@platformatic/sql-openapi\`
2.x on Fastify, no auth), installed into \`bench/peers\` on first run. Both sides run on the
same PostgreSQL server, each in a database of its own holding ${fmt(options.tasks)} tasks, are
sent the same bodies (status, due date, title, url and three custom fields) by the same
keep-alive client, in ${options.rounds} rounds that alternate who goes first; figures are the
medians of the rounds (${options.durationMs / 1000} s measured after ${options.warmupMs / 1000} s of warm-up per phase).
Tessera does more per request: a token looked up, a shared rate-limit count, routing, the task's
history written in the same statement. The peer's filter column is a generated column with an
index; Tessera filters a custom field.

${renderTable(rows)}

CPU time per request (medians of the rounds), read from \`/proc\` between the end of each
phase's warm-up and its end: the side's server process, and all PostgreSQL processes.

${renderCpuTable(rows)}

The HTTP + SQL floor: a bare Fastify process (\`bench/bare-server.ts\`) on Tessera's
database, with no token, log, presenter or response schema, in the same rounds. For get by
uid it runs the store's SELECT of the task (every column, as a prepared statement) and
answers the row. For single create it inserts the row and its history entry in one
statement, as the store does, into Tessera's own tables: their indexes, search-vector
trigger, foreign key and history trigger are what any server keeping Tessera's data pays
(it writes them for an organization of its own, so Tessera's lists stay as Tessera made them).
Where that floor stays under a target's share of the peer, the target line says the target
is out of reach here.

${renderFloorTable(rows)}

${describeRun(machine, date)}; ${describeLoad(machine)}.`
}

async function main(options: PeerOptions): Promise<void> {
  raisePriority(options.nice)
  const machine = describeMachine()
  const date = new Date()
  await installPeer()
  const tessera = await prepareEngine('postgres', options.databaseUrl, options.nice)
  if (tessera.target.engine !== 'postgres') {
    throw new Error('the peer runs on PostgreSQL only')
  }
  const tesseraUrl = tessera.target.databaseUrl
  const peerDb = await createThrowawayDatabase(options.databaseUrl, 'tessera_peer')
  try {
    process.stderr.write('Loading the peer’s tasks…\n')
    const peerTasks = await preparePeerDatabase(peerDb.url, bodies(options.tasks))
    const token = await createToken(tessera.target, 'admin')
    const peer = await startPeer(peerDb.url)
    try {
      await withServer(tessera.target, {}, async (server) => {
        const tesseraClient = new HttpClient(server.url, { authorization: `Bearer ${token}` })
        const peerClient = new HttpClient(peer.baseUrl)
        const tesseraUids = await seedTessera(tesseraClient, options.tasks, tesseraUrl)
        const floor = await startBareServer({
          databaseUrl: tesseraUrl,
          ...(await floorOrganizations(tesseraUrl)),
        })
        const floorClient = new HttpClient(floor.url)
        try {
          const sides: Side[] = [
            {
              name: 'Tessera',
              client: tesseraClient,
              pid: server.process.pid ?? 0,
              createPath: '/api/v1/tasks',
              getPath: (uid) => `/api/v1/tasks/${uid}`,
              listPath: FILTER_PATH,
              uids: tesseraUids,
            },
            {
              name: 'peer',
              client: peerClient,
              pid: peer.pid,
              createPath: '/tasks',
              getPath: (uid) => `/tasks/${uid}`,
              listPath: `/tasks?where.country.eq=${FILTER_COUNTRY}&limit=50&orderby.created_at=asc&totalCount=true`,
              uids: peerTasks,
            },
            {
              name: 'floor',
              client: floorClient,
              pid: floor.pid,
              createPath: FLOOR_ROUTES.createWithHistory,
              getPath: (uid) => `/api/v1/tasks/${uid}`,
              listPath: FILTER_PATH,
              uids: tesseraUids,
            },
          ]
          const rows = summarise(await measureRounds(sides, options), options)
          machine.loadAtEnd = os.loadavg()[0]
          process.stdout.write(
            `\n${renderTable(rows)}\n\n${renderCpuTable(rows)}\n\n${renderFloorTable(rows)}\n`,
          )
          if (options.writeReadme) {
            writeReadmeSection('peers', renderSection(rows, machine, date, options))
            process.stdout.write('\nWrote the peers section of bench/README.md\n')
          }
        } finally {
          tesseraClient.close()
          peerClient.close()
          floorClient.close()
          await floor.stop()
        }
      })
    } finally {
      await peer.stop()
    }
  } finally {
    await peerDb.drop()
    await tessera.dispose()
  }
}

try {
  await main(parseOptions(process.argv.slice(2)))
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
