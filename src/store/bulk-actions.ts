import type { ListFilter } from '../core/tasks/list-filter'
import type { Queryable } from './database'
import { buildWhere } from './task-list'

/** A bulk action as stored: its request, how far it went, and its undo's progress. */
export interface BulkActionRecord {
  uid: string
  actor_uid: string | null
  request: unknown
  /** The last task uid a filter's walk looked at; null before its first chunk. */
  position: string | null
  finished: boolean
  processed: number
  changed: number
  unchanged: number
  undone_at: Date | null
  undo_processed: number
  undo_restored: number
  created_at: Date
}

const BULK_COLUMNS = `uid, actor_uid, request, position, finished, processed, changed, unchanged,
  undone_at, undo_processed, undo_restored, created_at`

/** Starts a bulk action. */
export async function insertBulkAction(
  q: Queryable,
  orgUid: string,
  input: { actorUid: string | null; request: unknown },
): Promise<BulkActionRecord> {
  const result = await q.query<BulkActionRecord>({
    name: 'tessera.insertBulkAction',
    text: `INSERT INTO bulk_actions (org_uid, actor_uid, request) VALUES ($1, $2, $3)
     RETURNING ${BULK_COLUMNS}`,
    values: [orgUid, input.actorUid, JSON.stringify(input.request)],
  })
  return result.rows[0] as BulkActionRecord
}

/**
 * A bulk action of the organization younger than `since`, locked until the transaction ends:
 * the requests that go on with it, and its undo, run one at a time. Null if there is none.
 */
export async function lockBulkAction(
  q: Queryable,
  orgUid: string,
  uid: string,
  since: Date,
): Promise<BulkActionRecord | null> {
  const result = await q.query<BulkActionRecord>({
    name: 'tessera.lockBulkAction',
    text: `SELECT ${BULK_COLUMNS} FROM bulk_actions
     WHERE org_uid = $1 AND uid = $2 AND created_at >= $3
     FOR UPDATE`,
    values: [orgUid, uid, since],
  })
  return result.rows[0] ?? null
}

/** Records how far a bulk action went, after one more chunk. */
export async function recordBulkProgress(
  q: Queryable,
  orgUid: string,
  uid: string,
  progress: Pick<BulkActionRecord, 'position' | 'finished' | 'processed' | 'changed' | 'unchanged'>,
): Promise<void> {
  await q.query({
    name: 'tessera.recordBulkProgress',
    text: `UPDATE bulk_actions
     SET position = $3, finished = $4, processed = $5, changed = $6, unchanged = $7
     WHERE org_uid = $1 AND uid = $2`,
    values: [
      orgUid,
      uid,
      progress.position,
      progress.finished,
      progress.processed,
      progress.changed,
      progress.unchanged,
    ],
  })
}

/** Records how far an undo went (its first call stamps `undone_at`). */
export async function recordUndoProgress(
  q: Queryable,
  orgUid: string,
  uid: string,
  progress: { processed: number; restored: number },
): Promise<void> {
  await q.query({
    name: 'tessera.recordUndoProgress',
    text: `UPDATE bulk_actions
     SET undone_at = coalesce(undone_at, tessera_now()), undo_processed = $3, undo_restored = $4
     WHERE org_uid = $1 AND uid = $2`,
    values: [orgUid, uid, progress.processed, progress.restored],
  })
}

/** Deletes the organization's bulk actions older than `before`, with their undo records. */
export async function pruneBulkActions(q: Queryable, orgUid: string, before: Date): Promise<void> {
  await q.query({
    name: 'tessera.pruneBulkActions',
    text: 'DELETE FROM bulk_actions WHERE org_uid = $1 AND created_at < $2',
    values: [orgUid, before],
  })
}

/** What an undo needs of one changed task. */
export interface UndoRow {
  task_uid: string
  before: Record<string, unknown>
  /** The task's updated_at right after the bulk action changed it. */
  updated_at: Date
}

/**
 * Keeps what the undo of these tasks needs: each task's values before, and its updated_at as
 * the bulk action's write left it (read from the row, in the same transaction).
 */
export async function insertUndoRows(
  q: Queryable,
  orgUid: string,
  bulkUid: string,
  rows: { task_uid: string; before: unknown }[],
): Promise<void> {
  if (rows.length === 0) {
    return
  }
  await q.query({
    name: 'tessera.insertUndoRows',
    text: `INSERT INTO bulk_action_tasks (org_uid, bulk_uid, task_uid, before, updated_at)
     SELECT $1, $2, x.task_uid, x.before, t.updated_at
     FROM jsonb_to_recordset($3::jsonb) AS x(task_uid uuid, before jsonb)
     JOIN tasks t ON t.org_uid = $1 AND t.uid = x.task_uid`,
    values: [orgUid, bulkUid, JSON.stringify(rows)],
  })
}

/** The next `limit` tasks an undo has still to look at, in uid order. */
export async function readUndoRows(
  q: Queryable,
  orgUid: string,
  bulkUid: string,
  limit: number,
): Promise<UndoRow[]> {
  const result = await q.query<UndoRow>({
    name: 'tessera.readUndoRows',
    text: `SELECT task_uid, before, updated_at FROM bulk_action_tasks
     WHERE org_uid = $1 AND bulk_uid = $2
     ORDER BY task_uid
     LIMIT $3`,
    values: [orgUid, bulkUid, limit],
  })
  return result.rows
}

/** Forgets the undo records of these tasks: their undo has restored or skipped them. */
export async function deleteUndoRows(
  q: Queryable,
  orgUid: string,
  bulkUid: string,
  taskUids: string[],
): Promise<void> {
  await q.query({
    name: 'tessera.deleteUndoRows',
    text: `DELETE FROM bulk_action_tasks
     WHERE org_uid = $1 AND bulk_uid = $2 AND task_uid = ANY($3::uuid[])`,
    values: [orgUid, bulkUid, taskUids],
  })
}

/**
 * The uids of the first `limit` tasks the list filter matches after `afterUid` (exclusive),
 * in uid order: a bulk action walks its filter this way, so a task the action moves out of
 * the filter (or into it) is never looked at twice.
 */
export async function selectTaskUids(
  q: Queryable,
  orgUid: string,
  filter: ListFilter,
  afterUid: string | null,
  limit: number,
): Promise<string[]> {
  const w = buildWhere(orgUid, filter)
  if (afterUid) {
    w.add(`t.uid > ${w.param(afterUid)}::uuid`)
  }
  const result = await q.query<{ uid: string }>(
    `SELECT t.uid FROM tasks t WHERE ${w.toSql()} ORDER BY t.uid LIMIT ${w.param(limit)}`,
    w.params,
  )
  return result.rows.map((row) => row.uid)
}

/** How many tasks the list filter matches after `afterUid` (exclusive). */
export async function countTasksAfter(
  q: Queryable,
  orgUid: string,
  filter: ListFilter,
  afterUid: string | null,
): Promise<number> {
  const w = buildWhere(orgUid, filter)
  if (afterUid) {
    w.add(`t.uid > ${w.param(afterUid)}::uuid`)
  }
  const result = await q.query<{ count: number }>(
    `SELECT count(*)::integer AS count FROM tasks t WHERE ${w.toSql()}`,
    w.params,
  )
  return result.rows[0]?.count ?? 0
}
