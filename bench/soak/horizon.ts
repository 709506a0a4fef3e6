import { performance } from 'node:perf_hooks'
import pg from 'pg'
import type { HttpClient } from '../http-client'
import { startTimedProgress } from '../progress'
import type { SoakCluster } from './cluster'
import {
  type HorizonHolder,
  horizonHolder,
  indexEntriesRead,
  type TableFigures,
  tableFigures,
} from './samplers'
import { seedQueue, startPlaying } from './seed'
import { everyWindow, type WindowFigures, WindowRecorder } from './windows'

/** The tables the dispatch path writes: the queue itself, its history, the webhook outbox. */
export const DISPATCH_TABLES = ['tasks', 'task_events', 'webhook_deliveries']

/** The partial index `next` claims from (src/store/migrations/0002_routing_player.sql). */
const DISPATCH_INDEX = 'tasks_dispatch'

export type Stage = 'normal' | 'held' | 'released'

/** One sampling window of the dispatch phase. */
export interface HorizonWindow {
  stage: Stage
  /** Tasks completed per second. */
  rate: number
  /** `next` latency in the window. */
  next: WindowFigures
  /**
   * Entries of the dispatch index read per `next`: with the horizon held, the entries of
   * every task dispatched since stay, and each `next` steps over them all.
   */
  entriesPerNext: number
  tables: TableFigures[]
  horizon: HorizonHolder
}

/** What the horizon phase saw. */
export interface HorizonResult {
  queued: number
  stageMs: number
  windows: HorizonWindow[]
  /** Errors (non-200 answers), and `next` calls that found the queue empty. */
  errors: number
  empty: number
  errorSamples: string[]
}

/**
 * A transaction that holds the xmin horizon: it has an xid and a repeatable-read snapshot,
 * and then does nothing, as a forgotten `psql` session or a long report would.
 */
async function holdHorizon(databaseUrl: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'soak-held' })
  await client.connect()
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
  await client.query('SELECT txid_current()')
  return async () => {
    await client.query('ROLLBACK')
    await client.end()
  }
}

interface Tally {
  errors: number
  empty: number
  samples: Set<string>
}

/** One operator: next, complete, next… until `isOver`. Latency of `next` only. */
async function playUntil(
  http: HttpClient,
  isOver: () => boolean,
  recorder: WindowRecorder,
  done: { count: number },
  tally: Tally,
): Promise<void> {
  const wrong = (what: string, status: number, body: string) => {
    tally.errors++
    recorder.fail()
    if (tally.samples.size < 5) {
      tally.samples.add(`${what} ${status} ${body.slice(0, 300)}`)
    }
  }
  // A connection error is an error like a 500, with the reason as its body.
  const failed = (error: Error) => ({ status: 0, body: `${error.message}` })
  while (!isOver()) {
    const began = performance.now()
    const next = await http.request('POST', '/api/v1/player/next', '{}').catch(failed)
    if (next.status !== 200) {
      wrong('next', next.status, next.body)
      if (next.status === 0) {
        // No connection: do not spin while the server is away.
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      continue
    }
    recorder.record(performance.now() - began)
    const task = (JSON.parse(next.body) as { task: { uid: string } | null }).task
    if (!task) {
      tally.empty++
      continue
    }
    const body = JSON.stringify({ task_uid: task.uid })
    const complete = await http.request('POST', '/api/v1/player/complete', body).catch(failed)
    if (complete.status === 200) {
      done.count++
    } else {
      wrong('complete', complete.status, complete.body)
    }
  }
}

/**
 * Phase 2: queue `queued` open tasks, then dispatch them with every operator for three
 * stages of `stageMs`: normally, while another connection holds the xmin horizon, and after
 * it lets go. Samples throughput, `next` latency and the dispatch tables every window.
 */
export async function runHorizon(
  cluster: SoakCluster,
  options: { queue: number; stageMs: number; windowMs: number },
): Promise<HorizonResult> {
  await seedQueue(cluster, options.queue)
  await startPlaying(cluster)
  // Start from a vacuumed, analysed table, as a server that has run for a while would be.
  await cluster.admin.query(`VACUUM ANALYZE ${DISPATCH_TABLES.join(', ')}`)
  let stage: Stage = 'normal'
  let over = false
  const recorder = new WindowRecorder()
  const done = { count: 0 }
  const tally: Tally = { errors: 0, empty: 0, samples: new Set() }
  const windows: HorizonWindow[] = []
  let entriesBefore = await indexEntriesRead(cluster.admin, DISPATCH_INDEX)
  const stopSampling = everyWindow(options.windowMs, async () => {
    const next = recorder.cut()
    const entries = await indexEntriesRead(cluster.admin, DISPATCH_INDEX)
    windows.push({
      stage,
      rate: done.count / next.seconds,
      next,
      entriesPerNext: (entries - entriesBefore) / next.ops,
      tables: await tableFigures(cluster.admin, DISPATCH_TABLES),
      horizon: await horizonHolder(cluster.admin),
    })
    done.count = 0
    entriesBefore = entries
  })
  const players = cluster.operators.map((http) =>
    playUntil(http, () => over, recorder, done, tally),
  )
  let release: (() => Promise<void>) | null = null
  try {
    for (const next of ['normal', 'held', 'released'] as const) {
      stage = next
      if (next === 'held') {
        release = await holdHorizon(cluster.databaseUrl)
      } else if (release) {
        await release()
        release = null
      }
      const progress = startTimedProgress(`dispatch, horizon ${next}`, options.stageMs)
      await new Promise((resolve) => setTimeout(resolve, options.stageMs))
      progress.stop()
    }
  } finally {
    over = true
    await Promise.all(players)
    await stopSampling()
    await release?.()
  }
  cluster.assertAlive()
  return {
    queued: options.queue,
    stageMs: options.stageMs,
    windows,
    errors: tally.errors,
    empty: tally.empty,
    errorSamples: [...tally.samples],
  }
}
