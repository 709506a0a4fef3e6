import { AppError, taskNotFound } from '../contract/errors'
import { completionErrors, withFormData } from '../core/fields/task-values'
import {
  completeTask,
  pauseTask,
  playTask,
  releaseTask,
  skipTask,
} from '../core/player/transitions'
import { describeChanges, type TaskEventDraft } from '../core/tasks/task-events'
import type { TaskState } from '../core/tasks/task-state'
import { updateTaskIfUnchangedCombined } from '../store/combined-writes'
import { readTaskForCompletion, type TaskForCompletion } from '../store/completion'
import { type Database, type Queryable, withTransaction } from '../store/database'
import { claimNext, lockOperatorTasks, lockPlayer, type PlayerFacts } from '../store/dispatch'
import { loadOrgRules, type OrgQueue, type OrgRules } from '../store/organizations'
import {
  endSession,
  findSession,
  type PlayerSessionRecord,
  startSession,
} from '../store/player-sessions'
import { countSkippedAvailable, forgetSkip, forgetSkips, recordSkip } from '../store/player-skips'
import { listQueues } from '../store/queues'
import {
  readTaskVersion,
  type TaskRecord,
  type UnchangedWrite,
  updateTaskIfUnchanged,
  updateTasks,
  updateTasksVersioned,
  type VersionedTask,
} from '../store/tasks'
import { findUser, type UserRecord } from '../store/users'
import { type OrgContext, orgContext } from './org-context'
import { type ClaimGuess, guessHolds, playerMemoryOf } from './player-memory'

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

/** Writes one task's new state with its history, and answers it with its row version. */
async function save(
  q: Queryable,
  context: PlayerContext,
  before: TaskState,
  after: TaskState,
): Promise<VersionedTask> {
  const events = describeChanges(before, after)
  const [written] = await updateTasksVersioned(
    q,
    context.orgUid,
    [after],
    events,
    context.userUid,
    [before],
  )
  if (!written) {
    throw new Error('a locked task vanished')
  }
  return written
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

/**
 * Locks the operator and reads what the action decides on; refuses a deactivated user.
 * Every player action starts here, inside its transaction.
 */
async function lockActive(
  q: Queryable,
  context: PlayerContext,
  now: Date,
): Promise<PlayerFacts & { org: OrgContext }> {
  const facts = await lockPlayer(q, context.orgUid, context.userUid, context.rules)
  if (!facts.active) {
    throw new AppError('forbidden', 'This user is deactivated.')
  }
  return { ...facts, org: orgContext(facts.rules, now) }
}

/** What `next` answers: the task handed over, or null and how many skipped tasks wait. */
export interface NextResult {
  task: TaskRecord | null
  /**
   * With no task: how many tasks the operator skipped in this session could be handed to them
   * (0 with a task: it is not counted then).
   */
  skippedAvailable: number
}

/**
 * Hands the operator the most urgent task they may work, assigned and started, atomically:
 * their own waiting tasks first (paused, or back from a snooze), then each queue of their
 * session in position order. Tasks they skipped in this session are passed over, whatever
 * skip_mode says, unless `includeSkipped` (then a task served is no longer counted as skipped).
 * With no task, says how many skipped tasks wait, so that the player can say so.
 *
 * The operator's skills and session are read under their lock; the queues and their order
 * are the organization's rules as the caller has them (`context.rules`, from the process's
 * cache, which a change reaches within its bound: src/server/auth-cache.ts), else read with
 * the lock.
 */
export async function playNext(
  context: PlayerContext,
  options: { includeSkipped?: boolean } = {},
): Promise<NextResult> {
  const includeSkipped = options.includeSkipped ?? false
  const memory = playerMemoryOf(context.db)
  const guess = memory.claimGuess(context.orgUid, context.userUid)
  return withTransaction(context.db, async (client) => {
    const now = new Date()
    const claim = (made: ClaimGuess) =>
      claimNext(client, {
        orgUid: context.orgUid,
        userUid: context.userUid,
        skills: made.skills,
        now,
        queue: made.queue,
        includeSkipped,
      })
    // The lock is sent first; a claim sent behind it, before its answer, runs once the lock
    // is held (a statement of its own, so it sees what the operator's other calls committed).
    const locking = lockActive(client, context, now)
    const early = guess ? { guess, claimed: claim(guess) } : null
    // Awaited below, or dropped with the transaction when the lock fails.
    early?.claimed.catch(() => undefined)
    const facts = await locking
    const queues = facts.org.rules.queues.filter(
      (queue) =>
        (!facts.sessionQueueUids || facts.sessionQueueUids.includes(queue.uid)) &&
        queue.skills.every((skill) => facts.skills.includes(skill)),
    )
    const [first, ...others] = queues
    const made = (queue: OrgQueue | undefined): ClaimGuess => ({
      skills: facts.skills,
      queue: queue ? { uid: queue.uid, priority: queue.priority } : null,
    })
    const actual = made(first)
    memory.rememberClaim(context.orgUid, context.userUid, actual)
    // A claim made on a wrong guess is not used: the task it locked stays as it was.
    const { started, task: claimed } =
      early && guessHolds(early.guess, actual) ? await early.claimed : await claim(actual)
    const { org } = facts
    if (!org.rules.settings.allow_parallel_tasks && started > 0) {
      throw new AppError('task_in_progress', 'Complete, pause or skip your current task first.')
    }
    let task = claimed
    for (const queue of others) {
      if (task) {
        break
      }
      task = (await claim(made(queue))).task
    }
    if (!task) {
      const skippedAvailable = includeSkipped
        ? 0
        : await countSkippedAvailable(client, {
            orgUid: context.orgUid,
            userUid: context.userUid,
            skills: facts.skills,
            now,
            queueUids: queues.map((queue) => queue.uid),
          })
      return { task: null, skippedAvailable }
    }
    if (includeSkipped) {
      await forgetSkip(client, context.orgUid, context.userUid, task.uid)
    }
    // The task is locked by the claim: its write cannot miss, so COMMIT may travel with it.
    const played = await client.commitWith(() =>
      save(client, context, task, org.settle(task, playTask(task, context.userUid, org.clock))),
    )
    memory.rememberPlayed(context.orgUid, context.userUid, played)
    return { task: played.task, skippedAvailable: 0 }
  })
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
