import type pg from 'pg'
import { runCounted, type TimedLoad, timedPhase } from './load'
import { startProgress } from './progress'
import { insertBatch, insertOne, insertWithHistory, selectByUid, selectFiltered } from './raw-sql'
import type { PhaseStats } from './stats'
import { makeTask, toRow } from './task-data'

/** The store's batch statement, fed the same batches, `concurrency` at a time. */
export async function rawBatchIngest(
  pool: pg.Pool,
  orgUid: string,
  batches: string[],
  tasksPerBatch: number,
  concurrency: number,
): Promise<PhaseStats> {
  const progress = startProgress('SQL  batch insert', batches.length * tasksPerBatch, 'tasks')
  try {
    return await runCounted(
      {
        concurrency,
        operations: batches.length,
        unitsPerOperation: tasksPerBatch,
        onDone: () => progress.increment(tasksPerBatch),
      },
      async (index) => {
        const inserted = (await insertBatch(pool, orgUid, batches[index] ?? '[]')).length
        if (inserted !== tasksPerBatch) {
          throw new Error(`the baseline batch inserted ${inserted} rows, not ${tasksPerBatch}`)
        }
      },
    )
  } finally {
    progress.stop()
  }
}

/**
 * Single-row INSERTs of new tasks: into the baseline table, or, `withHistory`, as the store
 * writes them, into Tessera's own table: each row with its `created` history entry in one
 * statement, paying the table's indexes, search-vector trigger and foreign key and the
 * history's indexes and trigger. No HTTP, no token: what the history costs the database.
 */
export function rawSingleInsert(
  pool: pg.Pool,
  orgUid: string,
  load: TimedLoad,
  withHistory = false,
): Promise<PhaseStats> {
  const insert = withHistory ? insertWithHistory : insertOne
  let n = 0
  return timedPhase(
    withHistory ? 'SQL  single insert with history' : 'SQL  single insert',
    load,
    async () => {
      await insert(pool, orgUid, toRow(makeTask(n++)))
    },
  )
}

/** The store's lookup by uid, of uids picked at random. */
export function rawGetByUid(
  pool: pg.Pool,
  orgUid: string,
  uids: string[],
  load: TimedLoad,
): Promise<PhaseStats> {
  return timedPhase('SQL  get by uid', load, async () => {
    await selectByUid(pool, orgUid, uids[Math.floor(Math.random() * uids.length)] ?? '')
  })
}

/** The list route's two statements for the filter, in parallel as the route runs them. */
export function rawFilter(pool: pg.Pool, orgUid: string, load: TimedLoad): Promise<PhaseStats> {
  return timedPhase('SQL  filter by custom field', load, () => selectFiltered(pool, orgUid))
}
