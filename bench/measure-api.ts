import type { HttpClient } from './http-client'
import { runCounted, type TimedLoad, timedPhase } from './load'
import { startProgress } from './progress'
import type { PhaseStats } from './stats'
import { FILTER_COUNTRY } from './task-data'

const API = '/api/v1'

interface BatchAnswer {
  items: { status: number; uid: string }[]
}

/**
 * Loads every batch through `POST /tasks/batch`, `concurrency` requests at a time, and
 * returns the uids the server gave the tasks. Every item must come back 200.
 */
export async function apiBatchIngest(
  client: HttpClient,
  batches: string[],
  tasksPerBatch: number,
  concurrency: number,
  label = 'API  batch ingest',
  path = `${API}/tasks/batch`,
): Promise<{ stats: PhaseStats; uids: string[] }> {
  const uids: string[] = []
  const progress = startProgress(label, batches.length * tasksPerBatch, 'tasks')
  try {
    const stats = await runCounted(
      {
        concurrency,
        operations: batches.length,
        unitsPerOperation: tasksPerBatch,
        onDone: () => progress.increment(tasksPerBatch),
      },
      async (index) => {
        const body = await client.ok('POST', path, batches[index])
        for (const item of (JSON.parse(body) as BatchAnswer).items) {
          if (item.status !== 200) {
            throw new Error(`batch item ${item.uid} answered ${item.status}`)
          }
          uids.push(item.uid)
        }
      },
    )
    return { stats, uids }
  } finally {
    progress.stop()
  }
}

/** `POST /tasks` with bodies taken in turn from `bodies`. */
export function apiSingleCreate(
  client: HttpClient,
  bodies: string[],
  load: TimedLoad,
  label = 'API  single create',
  path = `${API}/tasks`,
): Promise<PhaseStats> {
  let next = 0
  return timedPhase(label, load, async () => {
    await client.ok('POST', path, bodies[next++ % bodies.length])
  })
}

/** `GET /tasks/{uid}` of uids picked at random. */
export function apiGetByUid(
  client: HttpClient,
  uids: string[],
  load: TimedLoad,
): Promise<PhaseStats> {
  return timedPhase('API  get by uid', load, async () => {
    await client.ok('GET', `${API}/tasks/${uids[Math.floor(Math.random() * uids.length)]}`)
  })
}

/** The filtered list's path: a custom-field equality, the default page size and sort. */
export const FILTER_PATH = `${API}/tasks?country=${FILTER_COUNTRY}&limit=50`

/** How many tasks the filtered list says match, checked before it is timed. */
export async function apiFilterTotal(client: HttpClient): Promise<number> {
  const page = JSON.parse(await client.ok('GET', FILTER_PATH)) as {
    items: unknown[]
    meta: { total_count: number }
  }
  if (page.items.length !== 50) {
    throw new Error(`the filtered list returned ${page.items.length} items, not 50`)
  }
  return page.meta.total_count
}

/** `GET /tasks?country=FR&limit=50`, which also counts every match (total_count). */
export function apiFilter(client: HttpClient, load: TimedLoad): Promise<PhaseStats> {
  return timedPhase('API  filter by custom field', load, async () => {
    await client.ok('GET', FILTER_PATH)
  })
}
