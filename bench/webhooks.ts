import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { hangingReceiver } from '../test/support/hanging-receiver'
import { createToken, prepareEngine, withServer } from './engine'
import { HttpClient } from './http-client'
import { describeMachine } from './machine'
import { writeReadmeSection } from './readme-section'
import { quantile } from './stats'
import { makeTask } from './task-data'
import { startHealthy } from './webhook-receiver'

// `npm run bench:webhooks`: does a dead webhook hold up a healthy one (issue 15)? Two runs
// on fresh databases: one healthy receiver alone (the baseline), then the same with a second
// webhook whose receiver accepts connections and never answers. Each imports the tasks with
// POST /tasks/batch, waits until the healthy receiver has every import event (the dead one's
// deliveries stay pending), then writes probe tasks one by one and times each one's
// `task.created` from the API's answer to its arrival at the healthy receiver.

const API = '/api/v1'
const BATCH = 1000
const TARGET_P99_MS = 2000
/** What the figures do not say by themselves; kept with the section on every run. */
const NOTE =
  "Deliveries go out oldest first per endpoint, so an event written while the healthy endpoint's own backlog drains waits behind that backlog, in both runs alike; the dead endpoint's pending deliveries no longer take its turns. The machine is shared with other work (see the load), which moves the drain times more than the probe times."

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'pglite' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    tasks: { type: 'string', default: '10000' },
    probes: { type: 'string', default: '100' },
    'no-readme': { type: 'boolean', default: false },
  },
})
const engine = values.engine === 'postgres' ? 'postgres' : 'pglite'
const TASKS = Number(values.tasks)
const PROBES = Number(values.probes)

interface RunFigures {
  label: string
  importSeconds: number
  /** From the end of the import until the healthy receiver had every import event. */
  drainSeconds: number
  probeMs: number[]
  /** Connections the dead receiver took in the whole run. */
  deadTotal: number
}

/** A receiver that hangs, listening on loopback, with the URL its webhook points at. */
function startDead(): Promise<ReturnType<typeof hangingReceiver> & { url: string }> {
  const receiver = hangingReceiver()
  return new Promise((resolve) =>
    receiver.server.listen(0, '127.0.0.1', () =>
      resolve({
        ...receiver,
        url: `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`,
      }),
    ),
  )
}

async function until(what: string, test: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (!test()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

async function run(label: string, withDead: boolean): Promise<RunFigures> {
  const prepared = await prepareEngine(engine, values['database-url'] ?? '')
  const healthy = await startHealthy()
  const dead = await startDead()
  try {
    const token = await createToken(prepared.target, 'admin')
    return await withServer(prepared.target, {}, async (server) => {
      const client = new HttpClient(server.url, { authorization: `Bearer ${token}` })
      const post = async (path: string, body: unknown) => {
        const res = await client.request('POST', `${API}${path}`, JSON.stringify(body))
        if (res.status !== 200) {
          throw new Error(`POST ${path} answered ${res.status}: ${res.body}`)
        }
        return JSON.parse(res.body)
      }
      await post('/webhooks', { url: healthy.url })
      if (withDead) {
        await post('/webhooks', { url: dead.url })
      }
      const importStarted = performance.now()
      for (let from = 0; from < TASKS; from += BATCH) {
        const items = Array.from({ length: Math.min(BATCH, TASKS - from) }, (_, i) =>
          makeTask(from + i),
        )
        await post('/tasks/batch', { items })
      }
      const imported = performance.now()
      await until(
        'the import events at the healthy receiver',
        () => healthy.arrived.size >= TASKS,
        600_000,
      )
      const drained = performance.now()
      const probeMs: number[] = []
      for (let i = 0; i < PROBES; i++) {
        const task = await post('/tasks', { fields: { title: `probe ${i}` } })
        const answered = performance.now()
        await until(`probe ${i}`, () => healthy.arrived.has(task.uid), 120_000)
        probeMs.push((healthy.arrived.get(task.uid) ?? answered) - answered)
      }
      return {
        label,
        importSeconds: (imported - importStarted) / 1000,
        drainSeconds: (drained - imported) / 1000,
        probeMs,
        deadTotal: dead.total(),
      }
    })
  } finally {
    healthy.close()
    dead.stop()
    dead.server.close()
    await prepared.dispose()
  }
}

const ms = (n: number) => `${Math.round(n)} ms`
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '—')

function render(base: RunFigures, dead: RunFigures): string {
  const stats = (r: RunFigures) => {
    const sorted = Float64Array.from(r.probeMs).sort()
    return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? 0 }
  }
  const b = stats(base)
  const d = stats(dead)
  const rows = [
    ['probe event to the healthy receiver, p50', ms(d.p50), ms(b.p50), ratio(d.p50, b.p50)],
    ['probe event to the healthy receiver, p99', ms(d.p99), ms(b.p99), ratio(d.p99, b.p99)],
    ['probe event to the healthy receiver, max', ms(d.max), ms(b.max), ratio(d.max, b.max)],
    [
      `${TASKS} import events to the healthy receiver, after the import`,
      `${dead.drainSeconds.toFixed(1)} s`,
      `${base.drainSeconds.toFixed(1)} s`,
      ratio(dead.drainSeconds, base.drainSeconds),
    ],
    [
      `import of ${TASKS} tasks (POST /tasks/batch)`,
      `${dead.importSeconds.toFixed(1)} s`,
      `${base.importSeconds.toFixed(1)} s`,
      ratio(dead.importSeconds, base.importSeconds),
    ],
  ]
  const header = ['metric', 'one dead + one healthy', 'healthy alone (baseline)', 'ratio']
  const table = [header, ...rows].map((row) => `| ${row.join(' | ')} |`)
  table.splice(1, 0, '|---|---:|---:|---:|')
  const verdict = d.p99 <= TARGET_P99_MS ? 'met' : 'NOT met'
  return [
    table.join('\n'),
    '',
    `Target: p99 ≤ ${TARGET_P99_MS} ms with a dead endpoint: **${verdict}** (${ms(d.p99)}). The dead receiver took ${dead.deadTotal} connections in the whole run (at most half of \`TESSERA_WEBHOOK_CONCURRENCY\` = 10 at once, then one probe at a time after its back-off).`,
  ].join('\n')
}

async function main(): Promise<void> {
  const machine = describeMachine()
  const progress = (line: string) => process.stderr.write(`… ${line}\n`)
  progress(`${engine}: healthy receiver alone`)
  const base = await run('healthy alone', false)
  progress(`${engine}: one dead receiver and one healthy`)
  const dead = await run('one dead + one healthy', true)
  const figures = render(base, dead)
  console.log(figures)
  if (!values['no-readme']) {
    writeReadmeSection(
      'webhooks',
      [
        '## Webhook isolation (`npm run bench:webhooks`, issue 15)',
        '',
        `${new Date().toISOString().slice(0, 10)}, commit ${machine.commit}, ${machine.cpus} × ${machine.cpuModel}, ${machine.ramGiB} GiB, Node ${machine.node}, engine \`${engine}\`, load ${machine.loadAtStart.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)}.`,
        '',
        `Two runs, each on a fresh database with default webhook settings: a webhook to a local receiver that answers 200 at once, alone (the baseline), then beside a second webhook to a local port that accepts connections and never answers (each attempt waits out the 5 s timeout). Each run imports ${TASKS} tasks with \`POST /tasks/batch\` (so both webhooks get ${TASKS} \`task.created\`), waits for the healthy receiver to have all of them (the dead one's stay pending), then creates ${PROBES} probe tasks one after the other and times each one's \`task.created\` from the API's answer to its arrival.`,
        '',
        figures,
        '',
        NOTE,
      ].join('\n'),
    )
  }
}

await main()
