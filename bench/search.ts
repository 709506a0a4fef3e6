import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { analyzeTasks } from './analyze-tasks'
import { createToken, prepareEngine, withServer } from './engine'
import { HttpClient } from './http-client'
import { describeLoad, describeMachine, describeRun, type MachineInfo } from './machine'
import { apiBatchIngest } from './measure-api'
import { positiveInteger } from './option-values'
import { startProgress } from './progress'
import { writeReadmeSection } from './readme-section'
import { residentMiB } from './resident-memory'
import { type PhaseStats, summarise } from './stats'

// `npm run bench:search`: search and export over a large organization (issue 14), on a
// PostgreSQL server. Search latency is measured beside the plain custom-field filter in the
// same run (the list's own floor); export throughput and the server's memory while it streams.

const USAGE = `usage: npm run bench:search -- [--tasks N] [--export-tasks N] [--requests N]
  --tasks         tasks the searches run over (default 100000)
  --export-tasks  tasks in the organization when exporting (default: --tasks; 1000000 for the
                  flat-memory proof); the search tasks are part of them
  --requests      requests per search phase (default 300)
  BENCH_DATABASE_URL: an admin URL of the server (default postgres://postgres@127.0.0.1:5432/postgres)`

const API = '/api/v1'
const BATCH = 1000

const VERBS = ['Review', 'Check', 'Refund', 'Replace', 'Repair', 'Verify', 'Escalate', 'Call']
const THINGS = [
  'espresso machine',
  'water damage',
  'broken screen',
  'late delivery',
  'passport scan',
  'invoice dispute',
  'missing parcel',
  'kitchen leak',
  'insurance claim',
  'address change',
]
const PEOPLE = ['Müller', 'José Álvarez', 'Zoë Dupont', 'Björn Lindqvist', 'Ana Souza', 'Chen Wei']
const STATES = ['broken', 'urgent', 'pending', 'disputed', 'resolved', 'new']

/** Task number n: varied words, accented names, an exact reference, as a back office sends. */
function searchableTask(n: number) {
  const pick = <T>(list: readonly T[], salt: number) => list[(n * 7 + salt * 13) % list.length] as T
  const reference = `REF-${String(1_000_000 + n)}`
  return {
    fields: {
      title: `${pick(VERBS, 1)} ${pick(THINGS, 2)} for ${pick(PEOPLE, 3)}`,
      note: `Customer reports the ${pick(THINGS, 5)} is ${pick(STATES, 4)}; see ${reference}.`,
      reference,
      country: ['FR', 'DE', 'ES', 'IT', 'GB', 'US', 'NL', 'BE', 'PT', 'PL'][n % 10],
      url: `https://backoffice.example.com/cases/${reference}`,
    },
  }
}

/** What a person types, from a first prefix to reordered, accent-free words and an exact id. */
const QUERIES = [
  ['prefix while typing', 'esp'],
  ['two words, reordered', 'damage water'],
  ['accent-free name', 'muller'],
  ['three words', 'refund parcel missing'],
  ['exact reference', 'REF-1012345'],
  ['word in every task', 'customer'],
  ['nothing matches', 'zeppelin'],
] as const

interface SearchRow {
  label: string
  path: string
  stats: PhaseStats
}

interface ExportFigures {
  tasks: number
  seconds: number
  bytes: number
  rssBeforeMiB: number
  rssPeakMiB: number
}

/** Sends `path` `requests` times, one at a time (a person typing), and times each answer. */
async function timeRequests(
  client: HttpClient,
  path: string,
  requests: number,
): Promise<PhaseStats> {
  for (let i = 0; i < 5; i++) {
    await client.ok('GET', path)
  }
  const latencies: number[] = []
  const started = performance.now()
  for (let i = 0; i < requests; i++) {
    const began = performance.now()
    await client.ok('GET', path)
    latencies.push(performance.now() - began)
  }
  return summarise(latencies, (performance.now() - started) / 1000)
}

/** Streams the whole organization as CSV, sampling the server's memory as it goes. */
async function timeExport(baseUrl: string, token: string, pid: number): Promise<ExportFigures> {
  const rssBeforeMiB = residentMiB(pid)
  let rssPeakMiB = rssBeforeMiB
  const sampler = setInterval(() => {
    rssPeakMiB = Math.max(rssPeakMiB, residentMiB(pid))
  }, 100)
  const started = performance.now()
  let bytes = 0
  let lines = 0
  try {
    const res = await fetch(
      `${baseUrl}${API}/tasks/export?columns=uid,fields.title,status,due_at`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    )
    if (!res.ok || !res.body) {
      throw new Error(`export answered ${res.status}: ${await res.text()}`)
    }
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length
      for (const byte of chunk) {
        if (byte === 10) {
          lines++
        }
      }
    }
  } finally {
    clearInterval(sampler)
  }
  return {
    tasks: lines - 1,
    seconds: (performance.now() - started) / 1000,
    bytes,
    rssBeforeMiB,
    rssPeakMiB,
  }
}

async function ingest(client: HttpClient, from: number, to: number, label: string): Promise<void> {
  const bodies: string[] = []
  for (let first = from; first < to; first += BATCH) {
    const items = []
    for (let n = first; n < Math.min(to, first + BATCH); n++) {
      items.push(searchableTask(n))
    }
    bodies.push(JSON.stringify({ items }))
  }
  await apiBatchIngest(client, bodies, BATCH, 2, label)
}

function render(
  machine: MachineInfo,
  date: Date,
  tasks: number,
  rows: SearchRow[],
  filter: SearchRow,
  exported: ExportFigures,
): string {
  const ms = (value: number) => value.toFixed(1)
  const lines = [
    '## Search and export (`npm run bench:search`)',
    '',
    `PostgreSQL server, ${tasks.toLocaleString('en-US')} tasks (statistics refreshed after loading, as autovacuum would) with varied titles and notes (accented names, references), one request at a time as a person types. The baseline is the plain custom-field filter (\`GET /tasks?country=FR\`, GIN containment) in the same run. Target: search p99 under 50 ms.`,
    '',
    '| request | p50 ms | p99 ms | p99 ÷ filter p99 | p99 < 50 ms |',
    '|---|--:|--:|--:|:-:|',
    `| baseline: ${filter.label} | ${ms(filter.stats.p50)} | ${ms(filter.stats.p99)} | 1.00 | |`,
    ...rows.map(
      (row) =>
        `| ${row.label} | ${ms(row.stats.p50)} | ${ms(row.stats.p99)} | ${(row.stats.p99 / filter.stats.p99).toFixed(2)} | ${row.stats.p99 < 50 ? 'pass' : 'FAIL'} |`,
    ),
    '',
    `Export of all ${exported.tasks.toLocaleString('en-US')} tasks as CSV (four columns): ${exported.seconds.toFixed(1)} s, ${Math.round(exported.tasks / exported.seconds).toLocaleString('en-US')} tasks/s, ${(exported.bytes / 2 ** 20).toFixed(1)} MiB. Server resident memory ${exported.rssBeforeMiB.toFixed(0)} MiB before, ${exported.rssPeakMiB.toFixed(0)} MiB at the peak while streaming.`,
    '',
    `${describeRun(machine, date)}; ${describeLoad(machine)}.`,
  ]
  return lines.join('\n')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tasks: { type: 'string', default: '100000' },
      'export-tasks': { type: 'string' },
      requests: { type: 'string', default: '300' },
    },
  })
  const tasks = positiveInteger(values.tasks, 'tasks', USAGE)
  const exportTasks = positiveInteger(values['export-tasks'] ?? values.tasks, 'export-tasks', USAGE)
  const requests = positiveInteger(values.requests, 'requests', USAGE)
  const machine = describeMachine()
  const date = new Date()
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const engine = await prepareEngine('postgres', adminUrl)
  const { databaseUrl } = engine.target as { databaseUrl: string }
  try {
    const token = await createToken(engine.target, 'admin')
    await withServer(engine.target, {}, async (server) => {
      const client = new HttpClient(server.url, { authorization: `Bearer ${token}` })
      await ingest(client, 0, tasks, `ingest ${tasks.toLocaleString('en-US')} tasks`)
      await analyzeTasks(databaseUrl)
      const filter: SearchRow = {
        label: 'plain filter, GET /tasks?country=FR',
        path: `${API}/tasks?country=FR&limit=50`,
        stats: await timeRequests(client, `${API}/tasks?country=FR&limit=50`, requests),
      }
      const rows: SearchRow[] = []
      const progress = startProgress('search phases', QUERIES.length * 2, 'phases')
      for (const [label, q] of QUERIES) {
        const encoded = encodeURIComponent(q)
        for (const [kind, path] of [
          ['GET /tasks/search', `${API}/tasks/search?q=${encoded}`],
          ['GET /tasks?q=', `${API}/tasks?q=${encoded}&limit=50`],
        ] as const) {
          rows.push({
            label: `${kind} ${label} (“${q}”)`,
            path,
            stats: await timeRequests(client, path, requests),
          })
          progress.increment()
        }
      }
      progress.stop()
      if (exportTasks > tasks) {
        await ingest(
          client,
          tasks,
          exportTasks,
          `ingest up to ${exportTasks.toLocaleString('en-US')}`,
        )
      }
      const pid = server.process.pid
      if (pid === undefined) {
        throw new Error('the server has no pid')
      }
      const exported = await timeExport(server.url, token, pid)
      machine.loadAtEnd = os.loadavg()[0]
      const section = render(machine, date, tasks, rows, filter, exported)
      console.log(`\n${section}`)
      writeReadmeSection('search', section)
    })
  } finally {
    await engine.dispose()
  }
}

await main()
