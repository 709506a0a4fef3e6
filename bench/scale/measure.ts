import os from 'node:os'
import type pg from 'pg'
import { measureTessera } from '../dispatch/measure'
import type { DispatchFixture } from '../dispatch/setup'
import type { DispatchStats } from '../dispatch/timed-pairs'
import { markWal, walPerTask } from '../dispatch/wal-marks'
import type { HttpClient } from '../http-client'
import { timedPhase } from '../load'
import { apiBatchIngest } from '../measure-api'
import type { PhaseStats } from '../stats'
import { makeTask } from '../task-data'
import { batchBody, type TaskCounter } from './grow'

const API = '/api/v1'
const BATCH = 1000

/**
 * The backlog's request (web/src/pages/backlog: open tasks, not archived, due date first,
 * 50 a page, with the total count) narrowed by a custom field, as a reader filtering it does.
 */
export const BACKLOG_FILTER_PATH = `${API}/tasks?status=TODO%2CSTARTED&country=FR&limit=50`

/** Everything measured at one size of the database. */
export interface StepFigures {
  /** Tasks in the database when the timed phases began. */
  tasks: number
  /** 1-minute load average before and after the step's timed phases. */
  loadBefore: number
  loadAfter: number
  /**
   * The share of the CPUs' time the hypervisor gave other guests over the step's timed
   * phases (null where unknown): a step slow across the board with a high share was slowed
   * by the host, not by the size of the database.
   */
  steal: number | null
  ingest: PhaseStats
  /**
   * WAL written per task of the timed ingest, kB, on PostgreSQL (null on PGlite): what grows
   * with the database when the ingest slows, full-page images of more pages first touched
   * after the checkpoint the step starts from.
   */
  ingestWalKb: number | null
  create: PhaseStats
  list: PhaseStats
  /** The same list in the largest organization, which grows with the database. */
  listLargest: PhaseStats
  dispatch: DispatchStats
  /** Tasks of the largest organization when the timed phases began. */
  largestTasks: number
  /** Resident memory of the server process after the step, MiB. */
  serverRssMiB: number
}

/** What the timed phases of a step act on. */
export interface StepContext {
  serverUrl: string
  /** The measured organization's backlog, which keeps its size. */
  measured: HttpClient
  /** The largest organization: timed ingest, single creates and the growing backlog. */
  largest: HttpClient
  /** Admin of the dispatch organization, to put back the tasks the operators finished. */
  dispatchAdmin: HttpClient
  fixture: DispatchFixture
  /** PostgreSQL only: a pool of the bench's own to read the WAL position on. */
  database?: pg.Pool
  counter: TaskCounter
  ingestSample: number
  concurrency: number
  operators: number
  warmupMs: number
  durationMs: number
}

/** Timed `POST /tasks/batch` of the sample, 1,000 per request, 4 in flight. */
export async function measureIngest(
  ctx: StepContext,
): Promise<{ stats: PhaseStats; walKb: number | null }> {
  const bodies = Array.from({ length: ctx.ingestSample / BATCH }, () =>
    batchBody(ctx.counter, BATCH),
  )
  const before = ctx.database ? await markWal(ctx.database) : null
  const { stats } = await apiBatchIngest(ctx.largest, bodies, BATCH, 4, 'timed batch ingest')
  const after = ctx.database ? await markWal(ctx.database) : null
  const wal = before && after ? walPerTask(before, after, ctx.ingestSample) : null
  return { stats, walKb: wal?.walKb ?? null }
}

/**
 * The timed phases that follow the ingest sample: single create, the filtered backlog (one
 * request at a time: its p99 is then the request's own time, not queueing behind others),
 * and next + complete. Returns the figures and how many tasks the phases added.
 */
export async function measureRequests(ctx: StepContext): Promise<
  Omit<
    StepFigures,
    'tasks' | 'largestTasks' | 'ingest' | 'ingestWalKb' | 'serverRssMiB' | 'loadAfter' | 'steal'
  > & {
    created: number
    refilled: number
  }
> {
  const loadBefore = os.loadavg()[0] ?? 0
  const load = { warmupMs: ctx.warmupMs, durationMs: ctx.durationMs }
  let created = 0
  const create = await timedPhase(
    'single create',
    { ...load, concurrency: ctx.concurrency },
    async () => {
      await ctx.largest.ok('POST', `${API}/tasks`, JSON.stringify(makeTask(ctx.counter.take(1))))
      created++
    },
  )
  const list = await timedPhase('filtered backlog', { ...load, concurrency: 1 }, async () => {
    await ctx.measured.ok('GET', BACKLOG_FILTER_PATH)
  })
  const listLargest = await timedPhase(
    'filtered backlog, largest organization',
    { ...load, concurrency: 1 },
    async () => {
      await ctx.largest.ok('GET', BACKLOG_FILTER_PATH)
    },
  )
  const dispatch = await measureTessera({ url: ctx.serverUrl }, ctx.fixture, ctx.operators, load)
  await refillQueue(ctx, dispatch.claims)
  return {
    loadBefore,
    create,
    list,
    listLargest,
    dispatch,
    created,
    refilled: dispatch.claims,
  }
}

/** Puts back as many open tasks as the operators finished, so every step plays the same queue. */
export async function refillQueue(ctx: StepContext, tasks: number): Promise<void> {
  for (let sent = 0; sent < tasks; sent += BATCH) {
    await ctx.dispatchAdmin.ok(
      'POST',
      `${API}/tasks/batch`,
      batchBody(ctx.counter, Math.min(BATCH, tasks - sent), 'TODO'),
    )
  }
}
