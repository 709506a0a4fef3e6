import { readFileSync } from 'node:fs'
import type pg from 'pg'

/** Resident memory of process `pid` in MiB (VmRSS of /proc/<pid>/status), NaN once gone. */
export function residentMiB(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1])
    return kib / 1024
  } catch {
    return Number.NaN
  }
}

/** Size of the current database in MiB. */
export async function databaseMiB(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ bytes: number }>(
    'SELECT pg_database_size(current_database())::float8 AS bytes',
  )
  return (rows[0]?.bytes ?? Number.NaN) / 2 ** 20
}

/** What the dispatch path costs in storage, for one table. */
export interface TableFigures {
  table: string
  live: number
  dead: number
  /** Heap (with TOAST) and all its indexes, MiB. */
  heapMiB: number
  indexMiB: number
  autovacuums: number
  /** Updates so far, and how many of them were HOT (no new index entries). */
  updates: number
  hotUpdates: number
}

/**
 * Live and dead tuples, sizes and autovacuum runs of `tables`. The tuple counts come from
 * the statistics collector, which lags the truth by a second or so: fine for a trend.
 */
export async function tableFigures(pool: pg.Pool, tables: string[]): Promise<TableFigures[]> {
  const { rows } = await pool.query<{
    relname: string
    n_live_tup: number
    n_dead_tup: number
    heap: number
    indexes: number
    autovacuum_count: number
    n_tup_upd: number
    n_tup_hot_upd: number
  }>(
    `SELECT relname, n_live_tup::float8, n_dead_tup::float8, autovacuum_count::float8,
       n_tup_upd::float8, n_tup_hot_upd::float8,
       pg_table_size(relid)::float8 AS heap, pg_indexes_size(relid)::float8 AS indexes
     FROM pg_stat_user_tables WHERE relname = ANY($1) ORDER BY array_position($1, relname::text)`,
    [tables],
  )
  return rows.map((row) => ({
    table: row.relname,
    live: row.n_live_tup,
    dead: row.n_dead_tup,
    heapMiB: row.heap / 2 ** 20,
    indexMiB: row.indexes / 2 ** 20,
    autovacuums: row.autovacuum_count,
    updates: row.n_tup_upd,
    hotUpdates: row.n_tup_hot_upd,
  }))
}

/** The session whose snapshot is the oldest, and how far behind it is. */
export interface HorizonHolder {
  /** Transaction ids since its snapshot, and seconds since its transaction began. */
  xids: number
  seconds: number
  /** Who it is: backend type, application name and state. */
  who: string
}

/**
 * The session holding the xmin horizon back the most: nothing deleted or updated after its
 * snapshot can be vacuumed away while it lasts.
 */
export async function horizonHolder(pool: pg.Pool): Promise<HorizonHolder> {
  const { rows } = await pool.query<{ xids: number; seconds: number; who: string }>(
    `SELECT age(backend_xmin)::float8 AS xids,
       coalesce(extract(epoch FROM now() - xact_start), 0)::float8 AS seconds,
       concat_ws(' ', backend_type, nullif(application_name, ''), state) AS who
     FROM pg_stat_activity
     WHERE backend_xmin IS NOT NULL AND pid <> pg_backend_pid()
     ORDER BY age(backend_xmin) DESC LIMIT 1`,
  )
  return rows[0] ?? { xids: 0, seconds: 0, who: 'none' }
}

/** Index entries read so far by scans of `index` (dead ones included: that is the point). */
export async function indexEntriesRead(pool: pg.Pool, index: string): Promise<number> {
  const { rows } = await pool.query<{ read: number }>(
    'SELECT idx_tup_read::float8 AS read FROM pg_stat_user_indexes WHERE indexrelname = $1',
    [index],
  )
  return rows[0]?.read ?? Number.NaN
}
