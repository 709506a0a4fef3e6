import type { Database } from '../store/database'
import { analyzeTasks } from '../store/table-statistics'

/** Fewest new rows that call for fresh statistics, plus a share of the table's size. */
const BASE_THRESHOLD = 1000
const SCALE_FACTOR = 0.1
const MIN_INTERVAL_MS = 10_000

interface Tally {
  inserted: number
  rowsAtLastAnalyze: number
  lastAnalyzeAt: number
  running: boolean
}

const tallies = new WeakMap<Database, Tally>()

/**
 * Counts inserted tasks and, past autovacuum's own threshold (1,000 + 10% of the table),
 * refreshes the planner statistics in the background. PGlite runs no autovacuum at all, and
 * some PostgreSQL servers have it off; on a server where it runs this is merely redundant.
 * The count is per process on purpose: it only schedules maintenance, it decides nothing.
 */
export function noteNewTasks(db: Database, count: number): void {
  if (count === 0) {
    return
  }
  const tally = tallies.get(db) ?? {
    inserted: 0,
    rowsAtLastAnalyze: 0,
    lastAnalyzeAt: 0,
    running: false,
  }
  tallies.set(db, tally)
  tally.inserted += count
  const due = tally.inserted >= BASE_THRESHOLD + SCALE_FACTOR * tally.rowsAtLastAnalyze
  if (!due || tally.running || Date.now() - tally.lastAnalyzeAt < MIN_INTERVAL_MS) {
    return
  }
  tally.running = true
  tally.inserted = 0
  analyzeTasks(db.pool)
    .then((rows) => {
      tally.rowsAtLastAnalyze = rows
    })
    .catch(() => {
      // Statistics are an optimisation: a failed ANALYZE is retried after the next inserts.
    })
    .finally(() => {
      tally.running = false
      tally.lastAnalyzeAt = Date.now()
    })
}
