/** Runs one statement and returns its rows, on whichever engine. */
export type RunQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>

/** What {@link checkDatabaseIntegrity} looked at, and what it found wrong. */
export interface IntegrityReport {
  indexesChecked: number
  tablesChecked: number
  problems: string[]
}

async function names(query: RunQuery, sql: string): Promise<string[]> {
  return (await query(sql)).map((row) => String(row.name))
}

const RELATIONS_OF_SCHEMA = `
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relpersistence <> 't'`

/**
 * The database's own consistency checks (amcheck) over every table and index of the schema:
 * `bt_index_check` with `heapallindexed` (each btree is well formed and indexes every row),
 * `verify_heapam` with TOAST (no corrupt tuple or page), and `gin_index_check` where the
 * server has it (PostgreSQL 18, which PGlite is).
 */
export async function checkDatabaseIntegrity(query: RunQuery): Promise<IntegrityReport> {
  await query('CREATE EXTENSION IF NOT EXISTS amcheck')
  const problems: string[] = []
  const check = async (what: string, sql: string, params: unknown[]) => {
    try {
      for (const row of await query(sql, params)) {
        problems.push(`${what}: ${JSON.stringify(row)}`)
      }
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`)
    }
  }
  const btrees = await names(
    query,
    `SELECT c.oid::regclass::text AS name ${RELATIONS_OF_SCHEMA}
       AND c.relkind = 'i' AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'btree')`,
  )
  for (const index of btrees) {
    // bt_index_check returns one empty row when the index is sound, and raises otherwise.
    await check(`btree ${index}`, 'SELECT 1 FROM bt_index_check($1::regclass, true) WHERE false', [
      index,
    ])
  }
  const tables = await names(
    query,
    `SELECT c.oid::regclass::text AS name ${RELATIONS_OF_SCHEMA} AND c.relkind IN ('r', 'm')`,
  )
  for (const table of tables) {
    await check(`heap ${table}`, 'SELECT * FROM verify_heapam($1::regclass, check_toast => true)', [
      table,
    ])
  }
  const hasGinCheck =
    (await query(`SELECT 1 FROM pg_proc WHERE proname = 'gin_index_check'`)).length > 0
  const gins = hasGinCheck
    ? await names(
        query,
        `SELECT c.oid::regclass::text AS name ${RELATIONS_OF_SCHEMA}
           AND c.relkind = 'i' AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'gin')`,
      )
    : []
  for (const index of gins) {
    await check(`gin ${index}`, 'SELECT 1 FROM gin_index_check($1::regclass) WHERE false', [index])
  }
  return {
    indexesChecked: btrees.length + gins.length,
    tablesChecked: tables.length,
    problems,
  }
}
