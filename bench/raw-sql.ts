import type pg from 'pg'
import { FILTER_COUNTRY, type TaskRow } from './task-data'

// The baselines run the statements Tessera's store runs (src/store/tasks.ts and
// src/store/task-list.ts), copied here because bench/ may only reach the server through
// its public API. Keep them in step when the store changes, or the ratios mean nothing.

// Reads and RETURNING take every column (t.*): at least what the store reads, and it does
// not go stale as the table gains columns.
const COLUMNS = 't.*'

/** A table shaped like `tasks` (same columns, indexes and checks) for the write baselines. */
export const BASELINE_TABLE = 'bench_tasks'

/**
 * Creates the baseline table. Writes go there so that the API's table keeps exactly the
 * tasks the API loaded; the foreign key is added so each insert pays the same check.
 */
export async function createBaselineTable(q: pg.Pool): Promise<void> {
  await q.query(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`)
  await q.query(`CREATE TABLE ${BASELINE_TABLE} (LIKE tasks INCLUDING ALL)`)
  await q.query(
    `ALTER TABLE ${BASELINE_TABLE} ADD FOREIGN KEY (org_uid) REFERENCES organizations (uid)`,
  )
}

/** Drops the baseline table. */
export async function dropBaselineTable(q: pg.Pool): Promise<void> {
  await q.query(`DROP TABLE IF EXISTS ${BASELINE_TABLE}`)
}

/** A row a baseline wrote, as RETURNING gives it. */
export type WrittenRow = Record<string, unknown> & { uid: string }

const INSERT_INTO = (table: string) =>
  `INSERT INTO ${table} AS t (org_uid, uid, status, archived, fields, due_at, started_at, done_at, skills, parent_uid)`

/** The store's batch insert: one jsonb parameter ($2) unpacked by jsonb_to_recordset. */
const insertRecordset = (table: string) => `${INSERT_INTO(table)}
  SELECT $1, x.uid, x.status, x.archived, x.fields, x.due_at, x.started_at, x.done_at, x.skills, x.parent_uid
  FROM jsonb_to_recordset($2::jsonb) AS x(
    uid uuid, status text, archived boolean, fields jsonb, due_at timestamptz,
    started_at timestamptz, done_at timestamptz, skills text[], parent_uid uuid)
  ON CONFLICT (org_uid, uid) DO NOTHING
  RETURNING ${COLUMNS}`

/** The plainest single-row insert: one VALUES row ({@link rowValues}). */
const insertValues = (table: string) => `${INSERT_INTO(table)}
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  RETURNING ${COLUMNS}`

/**
 * `insert` with each written row's `created` history entry in the same statement, as the
 * store writes (src/store/tasks.ts insertTasks): into Tessera's own tables, so the history's
 * indexes and trigger are paid with the task's indexes, search-vector trigger and foreign key.
 */
const withHistory = (insert: string) => `WITH written AS (${insert}), events AS (
  INSERT INTO task_events (org_uid, task_uid, type, data)
  SELECT $1, w.uid, 'created', jsonb_build_object('status', w.status) FROM written w
)
SELECT * FROM written`

// Built once: the floor runs them on every request.
const BATCH_WITH_HISTORY = withHistory(insertRecordset('tasks'))
const ONE_WITH_HISTORY = withHistory(insertValues('tasks'))

function rowValues(orgUid: string, row: TaskRow): unknown[] {
  return [
    orgUid,
    row.uid,
    row.status,
    row.archived,
    JSON.stringify(row.fields),
    row.due_at,
    row.started_at,
    row.done_at,
    row.skills,
    row.parent_uid,
  ]
}

/**
 * The store's batch insert, into the baseline table unless told (the HTTP floor writes where
 * the API does).
 */
export async function insertBatch(
  q: pg.Pool,
  orgUid: string,
  rowsJson: string,
  table = BASELINE_TABLE,
): Promise<WrittenRow[]> {
  const result = await q.query<WrittenRow>(insertRecordset(table), [orgUid, rowsJson])
  return result.rows
}

/** {@link insertBatch} into Tessera's table, each row's history written by the same statement. */
export async function insertBatchWithHistory(
  q: pg.Pool,
  orgUid: string,
  rowsJson: string,
): Promise<WrittenRow[]> {
  const result = await q.query<WrittenRow>(BATCH_WITH_HISTORY, [orgUid, rowsJson])
  return result.rows
}

/** The plainest single-row insert, returning the task. */
export async function insertOne(
  q: pg.Pool,
  orgUid: string,
  row: TaskRow,
  table = BASELINE_TABLE,
): Promise<WrittenRow> {
  const result = await q.query<WrittenRow>(insertValues(table), rowValues(orgUid, row))
  return result.rows[0] as WrittenRow
}

/** A single create as the store writes it: the row and its history entry in one statement. */
export async function insertWithHistory(
  q: pg.Pool,
  orgUid: string,
  row: TaskRow,
): Promise<WrittenRow> {
  const result = await q.query<WrittenRow>({
    name: 'bench.insertWithHistory',
    text: ONE_WITH_HISTORY,
    values: rowValues(orgUid, row),
  })
  return result.rows[0] as WrittenRow
}

/** The store's findTask, as a named (prepared) statement like the store's; returns the row. */
export async function selectByUid(q: pg.Pool, orgUid: string, uid: string): Promise<WrittenRow> {
  const result = await q.query<WrittenRow>({
    name: 'bench.selectByUid',
    text: `SELECT ${COLUMNS} FROM tasks t WHERE t.org_uid = $1 AND t.uid = $2`,
    values: [orgUid, uid],
  })
  const [row] = result.rows
  if (!row) {
    throw new Error(`task ${uid} not found by the baseline`)
  }
  return row
}

const FILTER_WHERE = 't.org_uid = $1 AND t.archived = $2 AND (t.fields @> $3::jsonb)'

/** The list route's two statements for `?country=FR&limit=50` (the page asks one row more). */
export const FILTER_STATEMENTS = {
  page: `SELECT ${COLUMNS} FROM tasks t WHERE ${FILTER_WHERE}
    ORDER BY t.due_at ASC, t.uid ASC LIMIT $4`,
  count: `SELECT count(*) AS count FROM tasks t WHERE ${FILTER_WHERE}`,
}

/** The parameters of {@link FILTER_STATEMENTS}. */
export function filterParams(orgUid: string) {
  const containment = JSON.stringify({ country: FILTER_COUNTRY })
  return { page: [orgUid, false, containment, 51], count: [orgUid, false, containment] }
}

/** What the list route runs: the page and the count, in parallel as the route runs them. */
export async function selectFiltered(q: pg.Pool, orgUid: string): Promise<void> {
  const params = filterParams(orgUid)
  await Promise.all([
    q.query(FILTER_STATEMENTS.page, params.page),
    q.query(FILTER_STATEMENTS.count, params.count),
  ])
}

/** The engine's version string. */
export async function queryVersion(q: pg.Pool): Promise<string> {
  const result = await q.query<{ version: string }>('SELECT version()')
  return result.rows[0]?.version ?? '?'
}

const SETTINGS = ['fsync', 'synchronous_commit', 'autovacuum', 'shared_buffers', 'work_mem']

/** The settings that move these figures, as `name=value, …`. */
export async function querySettings(q: pg.Pool): Promise<string> {
  const result = await q.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1) ORDER BY name`,
    [SETTINGS],
  )
  return result.rows.map((row) => `${row.name}=${row.setting}`).join(', ')
}
