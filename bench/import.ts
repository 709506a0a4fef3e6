import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os, { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HttpClient } from './http-client'
import { timeImport, writeCsv } from './import-cli'
import { type ImportTarget, startImportTarget } from './import-engine'
import { type ImportBenchOptions, type ImportEngine, parseImportOptions } from './import-options'
import { runCounted } from './load'
import { describeLoad, describeMachine, describeRun, type MachineInfo } from './machine'
import { startProgress } from './progress'
import { writeReadmeSection } from './readme-section'
import { makeTask } from './task-data'

// `npm run bench:import`: `tessera import csv` and `import fragment` against a running
// server, beside the batch ingest floor: the same number of tasks sent as pre-built
// `PUT /tasks/batch` bodies, with nothing to read, parse, map or look up.

const API = '/api/v1'
const BATCH = 1000

/** One measured step: tasks written and the wall time it took. */
interface Step {
  label: string
  tasks: number
  seconds: number
}

interface EngineFigures {
  engine: ImportEngine
  steps: Step[]
  floor: Step
}

/** The floor: pre-built `PUT /tasks/batch` bodies of new tasks, `concurrency` in flight. */
async function floorIngest(client: HttpClient, tasks: number, concurrency: number): Promise<Step> {
  const bodies: string[] = []
  for (let first = 0; first < tasks; first += BATCH) {
    const size = Math.min(BATCH, tasks - first)
    bodies.push(
      JSON.stringify({
        items: Array.from({ length: size }, (_, i) => ({
          uid: randomUUID(),
          ...makeTask(first + i),
        })),
      }),
    )
  }
  const progress = startProgress('floor: PUT /tasks/batch', tasks, 'tasks')
  const stats = await runCounted(
    {
      concurrency,
      operations: bodies.length,
      unitsPerOperation: BATCH,
      onDone: () => progress.increment(BATCH),
    },
    async (index) => {
      await client.ok('PUT', `${API}/tasks/batch`, bodies[index])
    },
  )
  progress.stop()
  return {
    label: `floor: pre-built \`PUT /tasks/batch\` bodies, ${BATCH.toLocaleString('en-US')} per request`,
    tasks,
    seconds: stats.seconds,
  }
}

/** Fills the source organization: `tasks` tasks, a comment on every tenth. */
async function seedSource(client: HttpClient, tasks: number): Promise<number> {
  const uids: string[] = []
  for (let first = 0; first < tasks; first += BATCH) {
    const items = Array.from({ length: Math.min(BATCH, tasks - first) }, (_, i) => ({
      uid: randomUUID(),
      ...makeTask(first + i),
    }))
    await client.ok('PUT', `${API}/tasks/batch`, JSON.stringify({ items }))
    uids.push(...items.map((item) => item.uid))
  }
  const commented = uids.filter((_, i) => i % 10 === 0)
  await runCounted({ concurrency: 4, operations: commented.length, unitsPerOperation: 1 }, (i) =>
    client
      .ok('POST', `${API}/tasks/${commented[i]}/comments`, JSON.stringify({ text: `Comment ${i}` }))
      .then(() => undefined),
  )
  return commented.length
}

/** Seconds of a phase the CLI reported on stderr (`tasks: 10,000/10,000 in 4.2 s …`). */
function phaseSeconds(stderr: string, phase: string): number {
  const match = new RegExp(`^${phase}: [\\d,/]+ in ([\\d.]+) s`, 'm').exec(stderr)
  return match ? Number(match[1]) : Number.NaN
}

async function measureEngine(
  engine: ImportEngine,
  options: ImportBenchOptions,
): Promise<EngineFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-csv-'))
  let target: ImportTarget | null = null
  try {
    const csv = join(dir, 'claims.csv')
    writeCsv(csv, options.rows)
    target = await startImportTarget(engine, options.databaseUrl)
    const apiUrl = `${target.server.url}${API}`
    const csvArgs = [
      'csv',
      csv,
      '--id-column',
      'claim_id',
      '--api-url',
      apiUrl,
      '--token',
      target.destinationToken,
      '--concurrency',
      String(options.concurrency),
    ]
    const rows = options.rows.toLocaleString('en-US')
    const steps: Step[] = []
    const first = await timeImport(csvArgs)
    if (!first.stdout.includes(`created ${rows} tasks, updated 0, refused 0 rows`)) {
      throw new Error(`the first import did not create every row:\n${first.stdout}`)
    }
    steps.push({
      label: `\`import csv\`, ${rows} rows, all new (command start to exit)`,
      tasks: options.rows,
      seconds: first.seconds,
    })
    const again = await timeImport(csvArgs)
    if (!again.stdout.includes(`created 0 tasks, updated ${options.rows}, refused 0 rows`)) {
      throw new Error(`the second import did not update every row:\n${again.stdout}`)
    }
    steps.push({
      label: `\`import csv\` again: every row an update`,
      tasks: options.rows,
      seconds: again.seconds,
    })

    const client = new HttpClient(target.server.url, {
      authorization: `Bearer ${target.destinationToken}`,
    })
    const floor = await floorIngest(client, options.rows, options.concurrency)
    client.close()

    const source = new HttpClient(target.server.url, {
      authorization: `Bearer ${target.sourceToken}`,
    })
    const comments = await seedSource(source, options.fragmentTasks)
    source.close()
    const copy = await timeImport([
      'fragment',
      '--base-url',
      apiUrl,
      '--token',
      target.sourceToken,
      '--api-url',
      apiUrl,
      '--api-token',
      target.destinationToken,
      '--concurrency',
      String(options.concurrency),
    ])
    const tasks = options.fragmentTasks.toLocaleString('en-US')
    steps.push({
      label: `\`import fragment\`, ${tasks} tasks: the tasks (source pages in, batches out)`,
      tasks: options.fragmentTasks,
      seconds: phaseSeconds(copy.stderr, 'tasks'),
    })
    steps.push({
      label: `\`import fragment\`: comments (${tasks} tasks read, ${comments.toLocaleString('en-US')} comments copied)`,
      tasks: options.fragmentTasks,
      seconds: phaseSeconds(copy.stderr, 'comments'),
    })
    steps.push({
      label: '`import fragment`, whole command',
      tasks: options.fragmentTasks,
      seconds: copy.seconds,
    })
    return { engine, steps, floor }
  } finally {
    await target?.dispose()
    rmSync(dir, { recursive: true, force: true })
  }
}

const ENGINE_NAMES: Record<ImportEngine, string> = {
  pglite: 'PGlite (`--engine pglite`)',
  embedded: 'embedded PostgreSQL (the default engine)',
  postgres: 'a PostgreSQL server (`--database-url`)',
}

function renderEngine(figures: EngineFigures, concurrency: number): string {
  const rate = (step: Step) => step.tasks / step.seconds
  const floorRate = rate(figures.floor)
  const lines = [
    `#### ${ENGINE_NAMES[figures.engine]}`,
    '',
    `| step (${concurrency} batch requests in flight) | tasks | seconds | tasks/s | ÷ floor |`,
    '|---|---:|---:|---:|---:|',
  ]
  for (const step of [...figures.steps, figures.floor]) {
    lines.push(
      `| ${step.label} | ${step.tasks.toLocaleString('en-US')} | ${step.seconds.toFixed(1)} | ${Math.round(rate(step)).toLocaleString('en-US')} | ${(rate(step) / floorRate).toFixed(2)}× |`,
    )
  }
  return lines.join('\n')
}

function renderSection(
  results: EngineFigures[],
  machine: MachineInfo,
  date: Date,
  options: ImportBenchOptions,
): string {
  return [
    '## Moving in (`npm run bench:import`)',
    '',
    '<!-- Written by `npm run bench:import` (bench/import.ts): edit that file, not this one. -->',
    '',
    '`npm run bench:import` starts a fresh Tessera per engine and times `tessera import csv` on a',
    'generated CSV export (first run: every row new; second run: every row an update), then',
    '`tessera import fragment` copying a second organization (standing in for Fragment) with a',
    'comment on every tenth task. The floor is the batch ingest the import is built on: the same',
    'number of new tasks sent as pre-built `PUT /tasks/batch` bodies, with nothing to read, parse,',
    'map or look up. The import also asks which uids exist before each batch (`POST /tasks/query`),',
    'to tell creations from updates, and its time includes starting the command.',
    '',
    '```sh',
    'npm run bench:import                        # pglite and the embedded PostgreSQL',
    'npm run bench:import -- --rows 10000 --engine postgres',
    'npm run bench:import -- --help',
    '```',
    '',
    '### Latest figures',
    '',
    `${describeRun(machine, date)}; ${describeLoad(machine)}. The load generator, the CLI, the server and the database share these CPUs.`,
    '',
    ...results.map((result) => `${renderEngine(result, options.concurrency)}\n`),
  ].join('\n')
}

async function main(options: ImportBenchOptions): Promise<void> {
  const machine = describeMachine()
  const date = new Date()
  const results: EngineFigures[] = []
  for (const engine of options.engines) {
    process.stderr.write(`\n== ${engine} ==\n`)
    const figures = await measureEngine(engine, options)
    results.push(figures)
    process.stdout.write(`\n${renderEngine(figures, options.concurrency)}\n`)
  }
  machine.loadAtEnd = os.loadavg()[0]
  if (options.writeReadme) {
    writeReadmeSection('import', renderSection(results, machine, date, options))
    process.stdout.write('\nWrote the import section of bench/README.md\n')
  }
}

try {
  await main(parseImportOptions(process.argv.slice(2)))
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
