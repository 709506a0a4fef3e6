import { readFileSync } from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { analyzeTasks } from './analyze-tasks'
import { checkpoint } from './checkpoint'
import type { EngineTarget } from './direct-db'
import { prepareEngine, withServer } from './engine'
import { HttpClient } from './http-client'
import { describeMachine } from './machine'
import { apiBatchIngest } from './measure-api'
import { raisePriority } from './priority'
import { querySettings, queryVersion } from './raw-sql'
import { readReadmeBlock, writeReadmeSection } from './readme-section'
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
import {
  type EngineScale,
  renderScaleTable,
  renderVerdicts,
  scaleBlockMarker,
  scaleSection,
} from './scale/report'
import { apportion, createTenants, type Tenant } from './scale/tenants'

// `npm run bench:scale` (issue 17): one database grown from 100,000 to 1,000,000 tasks over
// a thousand organizations of uneven size; at each size the ingest rate, single create, the
// filtered backlog's p99 and the dispatch rate, each against its value at the first size.

const API = '/api/v1'
const BATCH = 1000
/**
 * What the runs of 2026-12-06 found behind the figures; kept with the section on
 * every run (update it when a run says otherwise).
 */
const SCALE_NOTES = [
  '### What the figures of 2026-12-06 say',
  '',
  "- **A quiet machine, and a faster one than yesterday's** (2 CPUs, Intel Xeon; the 1-minute load of 1.3–3.5 is the run's own). Single creates on PostgreSQL ran at 1,659–1,762 req/s against 595–834 on the AMD EPYC machine of 2026-12-05; compare ratios, not rates, between the two days.",
  "- **Batch ingest holds on PostgreSQL (1.33× at 1M; 1.54×, FAIL, yesterday on the other machine).** Tasks created without a uid now get a UUIDv7 (commit 995e8f5), so a batch's rows go to the right edge of the primary key `(org_uid, uid)` and of the history's `(org_uid, task_uid, id)` instead of to a thousand random leaf pages. Full PostgreSQL runs on this machine, 500k → 1M tasks: with random (v4) uids 13,205 → 9,932 tasks/s (one run); with v7 13,682 → 12,691, 13,798 → 12,472 and 14,090 → 11,371 (three runs). The 1M step is still the slowest: while the database grew, the server wrote about 3.7 GB of WAL in two minutes and requested a checkpoint every 15 s or so (`max_wal_size` 1 GB), so a page first touched after each checkpoint goes into the WAL whole.",
  "- **Dispatch at 100k ran at half the rate of the later sizes in the tables above** (297 tasks/s on PostgreSQL, 163 on PGlite, against 556–601 and 390–399), so its ratio passed without saying much. Not a first-phase effect: a shorter run (`--steps 100000,150000,200000 --ingest-sample 10000`) gave 293, 246 and 229. Two causes, both found with `auto_explain` and both fixed after these tables were measured. The claim (commit d90fb2d): planned as a bitmap scan of the whole 10,000-task queue and a sort, 20 to 85 ms, because the planner took `skills <@ '{}'` to keep 0.5% of the rows. And the two writes of each task (`next`'s and `complete`'s), which scanned all of the dispatch organization's tasks (10,000 open, and those done) to write one, about 4.7 ms each: the plan pg keeps for a prepared statement expected the average organization (a hundred tasks at 100k over 1,000 tenants) and the uid was only a join condition. The writes now search the primary key with the batch's uids. After both fixes, the same shorter run: 552 and 543 tasks/s at 100k and 150k (1.02×).",
  '- **The filtered backlog holds** (1.28× at worst on PostgreSQL, 1.00× on PGlite). **The largest organization** (36,680 → 276,621 tasks) sees its own filtered backlog go from 12 to 72 ms p99 on PostgreSQL and from 17 to 124 ms on PGlite: the count over its own matches grows with it, which no index avoids; it has no target.',
  "- **PGlite reached 1,000,000 tasks and holds every target** (a separate run after commit e19a9bc): batch ingest 7,968 → 6,323 tasks/s (1.26×), single create 1,771 → 1,825 req/s, filtered backlog p99 15.7 → 12.7 ms, dispatch 163 → 393 tasks/s. **Server resident memory: 562–647 MiB at every size.** The full run before that commit had grown it from 723 to 1,545 MiB: PGlite's worker thread kept every reply it had parsed (`execProtocolRaw`; see `src/store/engines/pglite-worker.mjs`). On 2026-12-05, before PGlite had a thread of its own, the server held 497 MiB at 1M.",
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
  await startFromCheckpoint(target)
}

/**
 * On PostgreSQL, a checkpoint before a step's timed phases, so that each size starts alike.
 * Growing the database writes gigabytes of WAL, and a checkpoint it requests (every 1 GB,
 * `max_wal_size`) otherwise lands in whichever phase follows: one run measured its 250k step
 * at 1.56× the base's ingest time and 1.63× its single creates, and its 500k and 1M steps at
 * 1.28–1.37×.
 */
async function startFromCheckpoint(target: EngineTarget): Promise<void> {
  if (target.engine === 'pglite') {
    return
  }
  const client = new pg.Client({ connectionString: target.databaseUrl })
  await client.connect()
  try {
    await checkpoint(client)
  } finally {
    await client.end()
  }
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
          await startFromCheckpoint(target)
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
    writeReadmeSection(
      'scale',
      scaleSection(results, machine, options, date, SCALE_NOTES, (engine) =>
        readReadmeBlock(scaleBlockMarker(engine)),
      ),
    )
    process.stdout.write('\nWrote the scale section of bench/README.md\n')
  }
}

try {
  await main(parseScaleOptions(process.argv.slice(2)))
} catch (error) {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
}
