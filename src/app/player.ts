import { AppError, taskNotFound } from '../contract/errors'
import { completionErrors, withFormData } from '../core/fields/task-values'
import { completeTask, pauseTask, releaseTask, skipTask } from '../core/player/transitions'
import { describeChanges, type TaskEventDraft } from '../core/tasks/task-events'
import type { TaskState } from '../core/tasks/task-state'
import { updateTaskIfUnchangedCombined } from '../store/combined-writes'
import { readTaskForCompletion, type TaskForCompletion } from '../store/completion'
import { type Database, type Queryable, withTransaction } from '../store/database'
import { lockOperatorTasks, lockPlayer } from '../store/dispatch'
import { loadOrgRules, type OrgRules } from '../store/organizations'
import {
  endSession,
  findSession,
  type PlayerSessionRecord,
  startSession,
} from '../store/player-sessions'
import { forgetSkips, recordSkip } from '../store/player-skips'
import { listQueues } from '../store/queues'
import {
  readTaskVersion,
  type TaskRecord,
  type UnchangedWrite,
  updateTaskIfUnchanged,
  updateTasks,
  type VersionedTask,
} from '../store/tasks'
import { findUser, type UserRecord } from '../store/users'
import { type OrgContext, orgContext } from './org-context'
import { playerMemoryOf } from './player-memory'

/** The operator acting through the player. */
export interface PlayerContext {
  db: Database
  orgUid: string
  userUid: string
  /** The organization's rules, when the caller has already read them (with the token). */
  rules?: OrgRules
}

type Move<F extends VersionedTask = VersionedTask> = (
  task: TaskState,
  org: OrgContext,
  found: F,
) => TaskState

type TaskTarget = { uid: string } | { startedBy: string }

async function operator(q: Queryable, context: PlayerContext): Promise<UserRecord> {
  const user = await findUser(q, context.orgUid, context.userUid)
  if (!user?.active) {
    throw new AppError('forbidden', 'This user is deactivated.')
  }
  return user
}

/** The operator's session (null: not playing) and their task in progress. */
export interface PlayerState {
  session: PlayerSessionRecord | null
  current: TaskRecord | null
}

/** The operator's task in progress, if any (the most recently played, should there be several). */
async function currentTask(context: PlayerContext): Promise<TaskRecord | null> {
  const q = context.db.pool
  const [current] = await lockOperatorTasks(q, context.orgUid, context.userUid, ['STARTED'], false)
  return current ?? null
}

/** Starts a playing session on some queues (or all the operator may work). */
export async function startPlaying(
  context: PlayerContext,
  queueUids: string[] | null,
): Promise<PlayerState> {
  const q = context.db.pool
  await operator(q, context)
  if (queueUids) {
    const known = new Set((await listQueues(q, context.orgUid)).map((queue) => queue.uid))
    const unknown = queueUids.findIndex((uid) => !known.has(uid.toLowerCase()))
    if (unknown >= 0) {
      throw new AppError('validation_failed', 'No such queue.', [
        { path: `/body/queue_uids/${unknown}`, message: 'is not a queue of your organization' },
      ])
    }
  }
  const session = await withTransaction(context.db, async (client) => {
    // A new session starts with a clean slate: tasks skipped before may be served again.
    await forgetSkips(client, context.orgUid, context.userUid)
    return startSession(
      client,
      context.orgUid,
      context.userUid,
      queueUids?.map((uid) => uid.toLowerCase()) ?? null,
    )
  })
  return { session, current: await currentTask(context) }
}

/** How often a move reads again after someone else changed its task in between. */
const MOVE_ATTEMPTS = 5

/**
 * Applies a player move to the given task, or to the operator's current started task, without
 * a transaction: read the task, decide in the core, then write only if the row is unchanged
 * (compare-and-set on its version), reading again if it was not. Two round trips, or one when
 * the task is remembered from the `next` that started it (`recall`), against six with a lock
 * held across them.
 *
 * No operator lock either: a move only ever ends or suspends the operator's own task, so it
 * cannot break the one-started-task rule that the lock protects for `next`. The token lookup
 * has already refused a deactivated user.
 */
async function moveTask<F extends VersionedTask = VersionedTask>(
  context: PlayerContext,
  taskUid: string | undefined,
  move: Move<F>,
  options: {
    extra?: (task: TaskState) => TaskEventDraft[]
    countsAsCompleted?: boolean
    /** Runs the move on this connection (a transaction) rather than the pool. */
    q?: Queryable
    /** Reads the task and what the move needs besides (default: the task alone). */
    read?: (q: Queryable, orgUid: string, target: TaskTarget) => Promise<F | null>
    /** The task and what the move needs, as remembered, to decide on before reading. */
    recall?: () => F | undefined
    /** The fields version that what was read carries, for the write to check. */
    fieldsVersion?: (found: F) => string
  } = {},
): Promise<TaskRecord> {
  const q = options.q ?? context.db.pool
  const org = orgContext(context.rules ?? (await loadOrgRules(q, context.orgUid)))
  const read = options.read ?? (readTaskVersion as NonNullable<typeof options.read>)
  const target: TaskTarget = taskUid ? { uid: taskUid } : { startedBy: context.userUid }
  let remembered = options.recall?.()
  if (remembered) {
    // Used at most once: after this move, whatever it does, what `next` remembered is old.
    playerMemoryOf(context.db).forgetPlayed(context.orgUid, context.userUid)
  }
  for (let attempt = 0; attempt < MOVE_ATTEMPTS; attempt++) {
    const fromMemory = remembered !== undefined
    const found = remembered ?? (await read(q, context.orgUid, target))
    remembered = undefined
    let after: TaskState
    try {
      if (!found) {
        throw taskUid
          ? taskNotFound()
          : new AppError('no_task_in_progress', 'You have no task in progress.')
      }
      if (found.task.assignee_uid !== context.userUid || found.task.status === 'DONE') {
        throw new AppError('not_your_open_task', 'This task is not one of your open tasks.')
      }
      after = org.settle(found.task, move(found.task, org, found))
    } catch (error) {
      // Refused on what was remembered: only what the database says now may refuse it.
      if (fromMemory) {
        continue
      }
      throw error
    }
    const write: UnchangedWrite = {
      orgUid: context.orgUid,
      before: found.task,
      after,
      version: found.version,
      events: [...(options.extra?.(found.task) ?? []), ...describeChanges(found.task, after)],
      actorUid: context.userUid,
      countCompletedFor: options.countsAsCompleted ? context.userUid : null,
      fieldsVersion: options.fieldsVersion?.(found) ?? null,
      asCurrent: !taskUid,
    }
    // Outside a transaction, the write may share a statement with others waiting for a
    // connection (store/combined-writes.ts).
    const written = options.q
      ? await updateTaskIfUnchanged(options.q, write)
      : await updateTaskIfUnchangedCombined(context.db, write)
    if (written) {
      // The operator's task has ended or been set aside: what `next` remembered of it is old.
      playerMemoryOf(context.db).forgetPlayed(context.orgUid, context.userUid)
      return written
    }
  }
  throw new AppError('version_conflict', 'The task kept changing meanwhile; try again.')
}

/**
 * Completes the operator's task with what they entered in its queue's form (`formData`):
 * the values join the task's `fields` and `form_data`, and the form is recorded in
 * `metadata_form_uid`, in the statement that completes it. Refused (422 naming each
 * `/body/form_data/<key>`) while a required field of the form, or a definition marked
 * `required_for_completion`, has no value; with `strict_fields`, also while a value entered
 * does not fit its definition.
 */
export function completeCurrent(
  context: PlayerContext,
  taskUid?: string,
  formData: Record<string, unknown> = {},
): Promise<TaskRecord> {
  const complete: Move<TaskForCompletion> = (task, org, found) => {
    const filled = withFormData(task, formData, found.form?.uid ?? null)
    const errors = completionErrors(filled.fields, formData, {
      form: found.form,
      definitions: found.definitions,
      strict: org.rules.settings.strict_fields,
    })
    if (errors.length > 0) {
      throw new AppError(
        'validation_failed',
        'Fill in the required fields before completing this task.',
        errors,
      )
    }
    return completeTask(filled, org.clock)
  }
  const memory = playerMemoryOf(context.db)
  return moveTask(context, taskUid, complete, {
    countsAsCompleted: true,
    recall: () => memory.completionOf(context.orgUid, context.userUid, taskUid),
    read: async (q, orgUid, target) => {
      const found = await readTaskForCompletion(q, orgUid, target)
      if (found) {
        memory.rememberCompletionRules(orgUid, found)
      }
      return found
    },
    fieldsVersion: (found) => found.fieldsVersion,
  })
}

/** Pauses the operator's task: it stays theirs. */
export function pauseCurrent(context: PlayerContext, taskUid?: string): Promise<TaskRecord> {
  return moveTask(context, taskUid, (task, org) => pauseTask(task, org.clock))
}

/**
 * Skips the operator's task, with a reason, as the organization's settings say, and records
 * the skip for the session. Both commit together: a `next` of the same operator (on any
 * server) sees either the task still theirs and started, or free and marked as skipped.
 */
export function skipCurrent(
  context: PlayerContext,
  input: { taskUid?: string; reason: string; snoozeUntil?: Date },
): Promise<TaskRecord> {
  return withTransaction(context.db, async (client) => {
    const skipped = await moveTask(
      context,
      input.taskUid,
      (task, org) =>
        skipTask(task, context.userUid, org.rules.settings, org.clock, input.snoozeUntil),
      {
        extra: (task) => [{ task_uid: task.uid, type: 'skipped', data: { reason: input.reason } }],
        q: client,
      },
    )
    await recordSkip(client, context.orgUid, context.userUid, skipped.uid)
    return skipped
  })
}

/** Ends the session and gives every unfinished task of the operator back to the pool. */
export async function stopPlaying(context: PlayerContext): Promise<number> {
  return withTransaction(context.db, async (client) => {
    // Even a deactivated operator's tasks go back to the pool.
    const { rules } = await lockPlayer(client, context.orgUid, context.userUid)
    const org = orgContext(rules)
    const mine = await lockOperatorTasks(client, context.orgUid, context.userUid, [
      'TODO',
      'STARTED',
    ])
    const released = mine.map((task) =>
      org.settle(task, releaseTask(task, context.userUid, org.clock)),
    )
    const events = mine.flatMap((task, i) => describeChanges(task, released[i] as TaskState))
    await updateTasks(client, context.orgUid, released, events, context.userUid)
    await endSession(client, context.orgUid, context.userUid)
    await forgetSkips(client, context.orgUid, context.userUid)
    playerMemoryOf(context.db).forgetPlayed(context.orgUid, context.userUid)
    return mine.length
  })
}

/** The operator's session and current task. */
export async function playerState(context: PlayerContext): Promise<PlayerState> {
  const session = await findSession(context.db.pool, context.orgUid, context.userUid)
  return { session, current: await currentTask(context) }
}
