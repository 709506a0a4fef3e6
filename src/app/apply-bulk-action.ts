import {
  BULK_CHUNK_SIZE,
  BULK_UNDO_DAYS,
  type BulkAction,
  type BulkActionBody,
  type BulkActionResult,
} from '../contract/bulk'
import { AppError, type FieldError, TASK_NOT_FOUND } from '../contract/errors'
import { fieldValueErrors } from '../core/fields/task-values'
import {
  actionErrors,
  applyBulkAction as applyToTask,
  type BulkContext,
  bulkEvents,
  canonicalJson,
  encodeBulkCursor,
  IN_PROGRESS,
  type TaskProblem,
  undoRecord,
} from '../core/tasks/bulk-action'
import { type BulkSelection, readSelection } from '../core/tasks/bulk-selection'
import type { TaskState } from '../core/tasks/task-state'
import {
  type BulkActionRecord,
  countTasksAfter,
  insertBulkAction,
  insertUndoRows,
  lockBulkAction,
  pruneBulkActions,
  recordBulkProgress,
  selectTaskUids,
} from '../store/bulk-actions'
import { type Queryable, withTransaction } from '../store/database'
import { listDefinedFields } from '../store/fields'
import { loadOrgRules } from '../store/organizations'
import { lockTasks, type TaskRecord, updateTasks } from '../store/tasks'
import { findUser } from '../store/users'
import type { Actor } from './actor'
import { type OrgContext, orgContext } from './org-context'
import { secondStarts } from './second-starts'

/** The oldest a bulk action may be and still be gone on with or undone. */
export function undoHorizon(now: Date): Date {
  return new Date(now.getTime() - BULK_UNDO_DAYS * 86_400_000)
}

/** The actions that may change a task's status or archived flag, and so its parent's counters. */
const MOVES_COUNTERS = new Set<BulkAction['type']>(['set_status', 'archive', 'restore'])

/**
 * With the organization's `strict_fields` on, a value `set_field` would write that does not
 * fit its field's definition is a 422 naming `/body/action/value`, as a PATCH is refused.
 */
async function refuseMisfitValue(
  q: Queryable,
  orgUid: string,
  org: OrgContext,
  action: BulkAction,
): Promise<void> {
  if (action.type !== 'set_field' || action.value === null || !org.rules.settings.strict_fields) {
    return
  }
  const definitions = await listDefinedFields(q, orgUid)
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]))
  const errors = fieldValueErrors({ [action.key]: action.value }, byKey, '/body/action')
  if (errors.length > 0) {
    throw new AppError(
      'validation_failed',
      'The value does not fit its field definition (the organization has strict_fields on).',
      errors.map((error) => ({ ...error, path: '/body/action/value' })),
    )
  }
}

/**
 * The bulk action a request goes on with (`after`), locked: a 422 naming `after` when it is
 * unknown, older than the undo horizon, undone, or asked with another filter or action.
 */
async function continuedAction(
  q: Queryable,
  actor: Actor,
  bulkUid: string,
  request: unknown,
): Promise<BulkActionRecord> {
  const bulk = await lockBulkAction(q, actor.orgUid, bulkUid, undoHorizon(new Date()))
  const refuse = (message: string): never => {
    throw new AppError('validation_failed', 'This bulk action cannot go on.', [
      { path: '/body/selection/after', message },
    ])
  }
  if (!bulk) {
    return refuse(`names no bulk action of your organization of the last ${BULK_UNDO_DAYS} days`)
  }
  if (bulk.undone_at) {
    return refuse('names a bulk action that was undone')
  }
  if (canonicalJson(bulk.request) !== canonicalJson(request)) {
    return refuse('was handed out for another filter or action: send the same body again')
  }
  return bulk
}

/** The tasks of this request, locked in uid order, and where a filter's walk is then. */
interface Chunk {
  /** The uids asked for that name no task of the organization. */
  missing: string[]
  tasks: TaskRecord[]
  /** Tasks matching the filter beyond this chunk when it was read (0 for uids). */
  beyond: number
  /** The last uid of the chunk: where the walk goes on from. */
  last: string | null
  /** Whether more tasks match after it. */
  more: boolean
}

async function readChunk(
  q: Queryable,
  actor: Actor,
  selection: BulkSelection,
  position: string | null,
  family: boolean,
): Promise<Chunk> {
  const lock = (uids: string[]) =>
    lockTasks(q, actor.orgUid, uids, family ? { childrenOf: uids, parents: [] } : undefined)
  if (selection.kind === 'uids') {
    const tasks = await lock(selection.uids)
    const found = new Set(tasks.map((task) => task.uid))
    const missing = selection.uids.filter((uid) => !found.has(uid))
    return { missing, tasks, beyond: 0, last: null, more: false }
  }
  const [remaining, uids] = await Promise.all([
    countTasksAfter(q, actor.orgUid, selection.filter, position),
    selectTaskUids(q, actor.orgUid, selection.filter, position, BULK_CHUNK_SIZE + 1),
  ])
  const chunk = uids.slice(0, BULK_CHUNK_SIZE)
  const more = uids.length > BULK_CHUNK_SIZE
  // A task that left the filter between the read and the lock was matched when read: it is
  // changed like the others (a write racing a bulk action, as two people's would).
  const tasks = await lock(chunk)
  return {
    missing: [],
    tasks,
    // At least one more when the walk goes on, whatever a concurrent write did to the count.
    beyond: more ? Math.max(1, remaining - chunk.length) : 0,
    last: chunk.at(-1) ?? null,
    more,
  }
}

/**
 * Writes the changed tasks with their history (and so their webhook deliveries, which the
 * history's trigger queues) in one statement, then what their undo needs.
 */
export async function writeBulkChanges(
  q: Queryable,
  actor: Actor,
  changes: { before: TaskState; after: TaskState }[],
  undo: { bulkUid: string; records: unknown[] } | null,
): Promise<void> {
  if (changes.length === 0) {
    return
  }
  const events = changes.flatMap(({ before, after }) => bulkEvents(before, after))
  await updateTasks(
    q,
    actor.orgUid,
    changes.map(({ after }) => after),
    events,
    actor.actorUid,
  )
  if (undo) {
    await insertUndoRows(
      q,
      actor.orgUid,
      undo.bulkUid,
      changes.map(({ after }, i) => ({ task_uid: after.uid, before: undo.records[i] })),
    )
  }
}

/**
 * Applies one action to a selection of tasks: every uid listed (up to 1,000, in one
 * transaction), or the tasks a list filter matches, 500 per request (each one transaction),
 * walked in uid order and gone on with `after`. Each task goes through the same transitions
 * as the single-task calls and gets the same history and webhooks; one the action cannot
 * apply to, or a uid of nothing here, is reported and left alone. What changed is recorded
 * for an undo.
 */
export async function applyBulkAction(
  actor: Actor,
  body: BulkActionBody,
): Promise<BulkActionResult> {
  const { action } = body
  const errors: FieldError[] = []
  let selection: BulkSelection | null = null
  try {
    selection = readSelection(body.selection)
  } catch (error) {
    errors.push(...(error as AppError).fields)
  }
  errors.push(...actionErrors(action, new Date()))
  if (errors.length > 0 || !selection) {
    throw new AppError('validation_failed', 'The bulk action is invalid.', errors)
  }
  const chosen = selection
  // What a request going on must repeat; a list of uids is done in one request, so its count
  // is enough.
  const request =
    chosen.kind === 'filter' ? { filter: chosen.raw, action } : { uids: chosen.uids.length, action }
  return withTransaction(actor.db, async (client) => {
    const org = orgContext(await loadOrgRules(client, actor.orgUid))
    await refuseMisfitValue(client, actor.orgUid, org, action)
    let bulk: BulkActionRecord
    if (chosen.kind === 'filter' && chosen.after) {
      bulk = await continuedAction(client, actor, chosen.after.bulkUid, request)
    } else {
      // Undo records live 7 days: an organization's old ones go as it starts a new one.
      await pruneBulkActions(client, actor.orgUid, undoHorizon(org.clock.now))
      bulk = await insertBulkAction(client, actor.orgUid, { actorUid: actor.actorUid, request })
    }
    const chunk: Chunk = bulk.finished
      ? { missing: [], tasks: [], beyond: 0, last: null, more: false }
      : await readChunk(client, actor, chosen, bulk.position, MOVES_COUNTERS.has(action.type))
    const context: BulkContext = {
      clock: org.clock,
      routing: org.routing,
      actorUid: actor.actorUid,
      assignee:
        action.type === 'assign'
          ? await findUser(client, actor.orgUid, action.assignee_uid.toLowerCase())
          : undefined,
    }
    if (chunk.missing.length > 0) {
      // A uid that names no task of ours (another organization's, or nothing) is bad input:
      // the whole request is refused and the transaction rolls back, bulk record included.
      // The message is the one for a uid that names nothing, so it reveals no other tenant.
      // Named by their place in the request, which the selection's sorted copy has lost.
      const asked = 'uids' in body.selection ? (body.selection.uids ?? []) : []
      const positions = new Map(
        asked.map((uid, i): [string, number] => [uid.toLowerCase(), i]).reverse(),
      )
      throw new AppError(
        'validation_failed',
        `${chunk.missing.length} of the uids name no task in your organization: nothing was changed.`,
        chunk.missing
          .map((uid) => positions.get(uid) ?? 0)
          .sort((a, b) => a - b)
          .map((index) => ({ path: `/body/selection/uids/${index}`, message: TASK_NOT_FOUND })),
      )
    }
    const failed: (TaskProblem & { uid: string })[] = []
    let changes: { before: TaskState; after: TaskState }[] = []
    let unchanged = 0
    for (const task of chunk.tasks) {
      const outcome = applyToTask(task, action, context)
      if (outcome.kind === 'changed') {
        changes.push({ before: task, after: org.settle(task, outcome.after) })
      } else if (outcome.kind === 'unchanged') {
        unchanged++
      } else {
        failed.push({ uid: task.uid, code: outcome.code, message: outcome.message })
      }
    }
    const refused = await secondStarts(client, actor.orgUid, org, changes)
    if (refused.size > 0) {
      failed.push(...[...refused].map((uid) => ({ uid, ...IN_PROGRESS })))
      changes = changes.filter(({ after }) => !refused.has(after.uid))
    }
    await writeBulkChanges(client, actor, changes, {
      bulkUid: bulk.uid,
      records: changes.map(({ before, after }) => undoRecord(before, after)),
    })
    const looked = chunk.tasks.length + chunk.missing.length
    const progress = {
      position: chunk.last ?? bulk.position,
      finished: !chunk.more,
      processed: bulk.processed + looked,
      changed: bulk.changed + changes.length,
      unchanged: bulk.unchanged + unchanged,
    }
    await recordBulkProgress(client, actor.orgUid, bulk.uid, progress)
    return {
      matched_total: progress.processed + chunk.beyond,
      processed: progress.processed,
      changed: progress.changed,
      unchanged: progress.unchanged,
      failed: failed.sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0)),
      next:
        chunk.more && chunk.last
          ? encodeBulkCursor({ bulkUid: bulk.uid, lastUid: chunk.last })
          : null,
      undo_uid: bulk.uid,
    }
  })
}
