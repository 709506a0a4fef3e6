import { readFileSync } from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { analyzeTasks } from './analyze-tasks'
import type { EngineTarget } from './direct-db'
import { prepareEngine, withServer } from './engine'
import { HttpClient } from './http-client'
import { describeMachine } from './machine'
import { apiBatchIngest } from './measure-api'
import { raisePriority } from './priority'
import { querySettings, queryVersion } from './raw-sql'
import { writeReadmeSection } from './readme-section'
import { residentMiB } from './resident-memory'
import { batchBody, growTenants, TaskCounter } from './scale/grow'
import {
  BACKLOG_FILTER_PATH,
  measureIngest,
  measureRequests,
  type StepContext,
  type StepFigures,
} from './scale/measure'
import { DISPATCH_QUEUE, parseScaleOptions, type ScaleOptions } from './scale/options'
import { type EngineScale, renderScaleTable, renderVerdicts, scaleSection } from './scale/report'
import { apportion, createTenants, type Tenant } from './scale/tenants'

// `npm run bench:scale` (issue 17): one database grown from 100,000 to 1,000,000 tasks over
// a thousand organizations of uneven size; at each size the ingest rate, single create, the
// filtered backlog's p99 and the dispatch rate, each against its value at the first size.

const API = '/api/v1'
const BATCH = 1000
/**
 * What the profile of the run of 2026-12-05 found behind the figures; kept with the section on
 * every run (update it when a run says otherwise).
 */
const SCALE_NOTES = [
  '### What the figures of 2026-12-05 say',
  '',
  "- **A quiet machine** (the 1-minute load of 3–5 is the run's own). The run before this one, at a load of 14–19 from other engineers' suites, gave figures about a tenth of these.",
  "- **The filtered backlog now holds (1.31× at 1M, was 1.92×).** Its total count had used `tasks_fields`, the GIN index of every organization's fields. That index handed over every matching task in the database (100,000 row ids at 1,000,000 tasks for the organization's 800), so one tenant's count grew with the other tenants' data. Migrations 0024 and 0025 put `org_uid` first in the field, tag and search indexes (`btree_gin`). A filtered count of one organization at 1M went from 20.8 to 1.3 ms.",
  '- **Batch ingest slows to 1.54× at 1M (FAIL, by a hair; 1.06× at 500k).** Not profiled. The first thing to check: whether the indexes of `tasks` outgrow shared_buffers (128 MB here) between 500k and 1M, so that each batch reads and dirties more pages.',
  '- **Dispatch at 100k (90 tasks/s) is the first timed phase of the run, not the base of a trend**: 192–249 tasks/s at every later size. The ratio is judged against it, so it passes here without saying much.',
  '- **The largest organization** (36,680 → 254,604 tasks) sees its own filtered backlog go from 25 to 176 ms p99: the count over its own matches grows with it, which no index avoids; it has no target.',
  "- **PGlite reached 1,000,000 tasks and holds every target** (a separate run, `--engine pglite`, 12:00 UTC, load 0.8–1.2): batch ingest 4,917 → 3,927 tasks/s (worst 1.43× at 500k), single create 606 → 601 req/s, filtered backlog p99 16.6 → 22.3 ms (1.34×), dispatch 87 → 168 tasks/s (its first phase is again the slowest). **Server resident memory at 1,000,000 tasks: 497 MiB** (589 MiB at 100,000, the highest of the four steps): PGlite's whole database engine lives in the server process. The run before this one, at a load of 17, had stopped at 250,000 on its time budget.",
  '- The PostgreSQL server here runs with `autovacuum=off`; the ANALYZE before each step stands in for it (without it the plans of the first size would be kept for the last).',
]

/** Every second, the server's resident memory, keeping the highest. */
function sampleMemory(pid: number): { peak: () => number; stop: () => void } {
  let peak = residentMiB(pid)
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentMiB(pid))
    } catch {
      // The server has exited.
    }
  }, 1000)
  return { peak: () => peak, stop: () => clearInterval(timer) }
}

/** Loads `tasks` tasks through the API in 1,000-task batches, optionally all to do. */
async function load(
  client: HttpClient,
  counter: TaskCounter,
  tasks: number,
  label: string,
  status?: 'TODO',
): Promise<void> {
  const bodies = Array.from({ length: Math.ceil(tasks / BATCH) }, (_, i) =>
    batchBody(counter, Math.min(BATCH, tasks - i * BATCH), status),
  )
  await apiBatchIngest(client, bodies, BATCH, 4, label)
}

/**
 * Fresh statistics before measuring, as a database in service has them: on PostgreSQL an
 * ANALYZE (what autovacuum does within a minute of a bulk load); PGlite has no autovacuum
 * and the server's own upkeep looks every 10 s, so wait for it.
 */
async function settle(target: EngineTarget): Promise<void> {
  if (target.engine === 'pglite') {
    await new Promise((resolve) => setTimeout(resolve, 11_000))
    return
  }
  await analyzeTasks(target.databaseUrl)
}

/** What the figures were measured on, for the README. */
async function engineVersion(target: EngineTarget): Promise<string> {
  if (target.engine === 'pglite') {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      dependencies: Record<string, string>
    }
    const version = manifest.dependencies['@electric-sql/pglite'] ?? '?'
    return `PGlite ${version} in the server process (one connection; no autovacuum: the server refreshes the statistics itself).`
  }
  const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 1 })
  try {
    return `${await queryVersion(pool)}; ${await querySettings(pool)}.`
  } finally {
    await pool.end()
  }
}

/** The measured list must be the page a reader sees: 50 open tasks of a thousand or so. */
async function checkBacklog(client: HttpClient): Promise<void> {
  const page = JSON.parse(await client.ok('GET', BACKLOG_FILTER_PATH)) as {
    items: { status: string; fields: { country?: string } }[]
    meta: { total_count: number }
  }
  const wrong = page.items.find((t) => t.status === 'DONE' || t.fields.country !== 'FR')
  if (page.items.length !== 50 || wrong || page.meta.total_count < 50) {
    throw new Error(`the filtered backlog is not what is measured: ${JSON.stringify(page.meta)}`)
  }
}

async function runEngine(
  engine: EngineTarget['engine'],
  options: ScaleOptions,
): Promise<EngineScale> {
  const prepared = await prepareEngine(engine, options.databaseUrl, options.nice)
  const { target } = prepared
  const steps: StepFigures[] = []
  let peakRssMiB = 0
  let stoppedEarly: string | undefined
  let version = '?'
  try {
    process.stderr.write(
      `${engine}: migrating and creating ${options.organizations} organizations…\n`,
    )
    const tenants = await createTenants(target, options.organizations, options.operators)
    await withServer(target, {}, async (server) => {
      const pid = server.process.pid
      if (pid === undefined) {
        throw new Error('the server has no pid')
      }
      const memory = sampleMemory(pid)
      const auth = (token: string) => ({ authorization: `Bearer ${token}` })
      const largestTenant = tenants.others[0] as Tenant
      const measured = new HttpClient(server.url, auth(tenants.measured.token))
      const largest = new HttpClient(server.url, auth(largestTenant.token))
      const dispatchAdmin = new HttpClient(server.url, auth(tenants.dispatch.token))
      try {
        const counter = new TaskCounter()
        const queue = JSON.parse(
          await dispatchAdmin.ok('POST', `${API}/queues`, JSON.stringify({ name: 'Claims' })),
        ) as { uid: string }
        await load(measured, counter, options.measuredTasks, 'measured backlog')
        await load(dispatchAdmin, counter, DISPATCH_QUEUE, 'dispatch queue', 'TODO')
        let total = options.measuredTasks + DISPATCH_QUEUE
        let largestTasks = 0
        const ctx: StepContext = {
          serverUrl: server.url,
          measured,
          largest,
          dispatchAdmin,
          fixture: {
            orgUid: tenants.dispatch.uid,
            queueUid: queue.uid,
            operators: tenants.dispatch.operators,
          },
          counter,
          ingestSample: options.ingestSample,
          concurrency: options.concurrency,
          operators: options.operators,
          warmupMs: options.warmupMs,
          durationMs: options.durationMs,
        }
        const began = performance.now()
        /** Seconds a step took, per task it added: what the next step is projected from. */
        let secondsPerTask = 0
        for (const size of options.steps) {
          const grow = size - options.ingestSample - total
          const stepStart = performance.now()
          const left = options.budgetMinutes * 60 - (stepStart - began) / 1000
          if (steps.length > 0 && secondsPerTask * (size - total) > left) {
            stoppedEarly = `reaching ${size.toLocaleString('en-US')} tasks would take about ${Math.round((secondsPerTask * (size - total)) / 60)} more minutes at the pace of the last step (${Math.round(1 / secondsPerTask).toLocaleString('en-US')} tasks a second, measuring included), and ${Math.max(0, Math.round(left / 60))} of this engine's ${options.budgetMinutes} (\`--budget\`) were left.`
            break
          }
          const before = total
          if (grow > 0) {
            await growTenants(server.url, tenants.others, grow, counter)
            total += grow
            largestTasks += apportion(tenants.others, grow)[0] ?? 0
          }
          const ingest = await measureIngest(ctx)
          total += options.ingestSample
          largestTasks += options.ingestSample
          await settle(target)
          if (steps.length === 0) {
            await checkBacklog(measured)
          }
          const figures = await measureRequests(ctx)
          const step: StepFigures = {
            tasks: total,
            largestTasks,
            ingest,
            ...figures,
            loadAfter: os.loadavg()[0] ?? 0,
            serverRssMiB: residentMiB(pid),
          }
          steps.push(step)
          total += figures.created + figures.refilled
          largestTasks += figures.created
          secondsPerTask = (performance.now() - stepStart) / 1000 / (total - before)
          process.stdout.write(
            `\n${engine}, ${step.tasks.toLocaleString('en-US')} tasks:\n${renderScaleTable(steps, options)}\n\n`,
          )
        }
      } catch (error) {
        // A size the engine cannot reach is a finding (PGlite's memory), not a lost run.
        if (steps.length === 0) {
          throw error
        }
        stoppedEarly = (error as Error).message.split('\n')[0]
      } finally {
        // PGlite's directory belongs to the server until it stops, so only PostgreSQL is asked.
        version = await engineVersion(target).catch(() => '?')
        peakRssMiB = memory.peak()
        memory.stop()
        measured.close()
        largest.close()
        dispatchAdmin.close()
      }
    })
  } finally {
    await prepared.dispose()
  }
  return { engine, steps, peakRssMiB, stoppedEarly, version }
}

async function main(options: ScaleOptions): Promise<void> {
  raisePriority(options.nice)
  const machine = describeMachine()
  const date = new Date()
  const results: EngineScale[] = []
  for (const engine of options.engines) {
    const result = await runEngine(engine, options)
    results.push(result)
    process.stdout.write(
      `\n== ${engine} ==\n${renderScaleTable(result.steps, options)}\n\n${renderVerdicts(result.steps, options)}\n`,
    )
    if (result.stoppedEarly) {
      process.stdout.write(`\nStopped early: ${result.stoppedEarly}\n`)
    }
  }
  machine.loadAtEnd = os.loadavg()[0]
  if (options.writeReadme) {
    writeReadmeSection('scale', scaleSection(results, machine, options, date, SCALE_NOTES))
    process.stdout.write('\nWrote the scale section of bench/README.md\n')
  }
}

try {
  await main(parseScaleOptions(process.argv.slice(2)))
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
