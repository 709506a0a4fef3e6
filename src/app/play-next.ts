import { AppError } from '../contract/errors'
import { playTask } from '../core/player/transitions'
import { describeChanges } from '../core/tasks/task-events'
import type { TaskState } from '../core/tasks/task-state'
import { claimTogether } from '../store/claims-together'
import { perDatabase, type WriteKind } from '../store/combined-writes'
import { type Transaction, transactionOn, withTransaction } from '../store/database'
import { claimNext, lockPlayer, type PlayerFacts } from '../store/dispatch'
import type { OrgQueue, OrgRules } from '../store/organizations'
import { countSkippedAvailable, forgetSkip } from '../store/player-skips'
import {
  type LockedWrite,
  type TaskRecord,
  updateTasksVersionedOfEach,
  type VersionedTask,
} from '../store/tasks'
import { type OrgContext, orgContext } from './org-context'
import type { PlayerContext } from './player'
import { type ClaimGuess, guessHolds, playerMemoryOf } from './player-memory'

/** What `next` answers: the task handed over, or null and how many skipped tasks wait. */
export interface NextResult {
  task: TaskRecord | null
  /**
   * With no task: how many tasks the operator skipped in this session could be handed to them
   * (0 with a task: it is not counted then).
   */
  skippedAvailable: number
}

/** One operator's `next`, as asked. */
interface NextCall {
  context: PlayerContext
  includeSkipped: boolean
  /** The claim the operator's last `next` made, sent before their facts are read. */
  guess: ClaimGuess | undefined
}

/** The queues the operator may be handed tasks from now, in their order. */
function playableQueues(
  rules: OrgRules,
  facts: { skills: string[]; sessionQueueUids: string[] | null },
): OrgQueue[] {
  return rules.queues.filter(
    (queue) =>
      (!facts.sessionQueueUids || facts.sessionQueueUids.includes(queue.uid)) &&
      queue.skills.every((skill) => facts.skills.includes(skill)),
  )
}

/** The claim made on `queue` with the operator's skills. */
function claimOn(skills: string[], queue: OrgQueue | undefined): ClaimGuess {
  return { skills, queue: queue ? { uid: queue.uid, priority: queue.priority } : null }
}

/**
 * Locks the operator and reads what the action decides on; refuses a deactivated user.
 * Every player action starts here, inside its transaction.
 */
async function lockActive(
  q: Transaction,
  context: PlayerContext,
  now: Date,
): Promise<PlayerFacts & { org: OrgContext }> {
  const facts = await lockPlayer(q, context.orgUid, context.userUid, context.rules)
  if (!facts.active) {
    throw new AppError('forbidden', 'This user is deactivated.')
  }
  return { ...facts, org: orgContext(facts.rules, now) }
}

/** What `next` writes of the task it hands `userUid`: assigned to them and started. */
function playedWrite(task: TaskState, userUid: string, org: OrgContext): LockedWrite {
  const after = org.settle(task, playTask(task, userUid, org.clock))
  return { before: task, after, events: describeChanges(task, after), actorUid: userUid }
}

/** Writes one locked task's new state with its history, and answers it with its row version. */
async function save(q: Transaction, orgUid: string, write: LockedWrite): Promise<VersionedTask> {
  const [written] = await updateTasksVersionedOfEach(q, orgUid, [write])
  if (!written) {
    throw new Error('a locked task vanished')
  }
  return written
}

/** One operator's `next`, in the transaction of `client`. */
async function playNextIn(client: Transaction, call: NextCall): Promise<NextResult> {
  const { context, includeSkipped, guess } = call
  const memory = playerMemoryOf(context.db)
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
  const queues = playableQueues(facts.org.rules, facts)
  const [first, ...others] = queues
  const actual = claimOn(facts.skills, first)
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
    task = (await claim(claimOn(facts.skills, queue))).task
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
    save(client, context.orgUid, playedWrite(task, context.userUid, org)),
  )
  memory.rememberPlayed(context.orgUid, context.userUid, played)
  return { task: played.task, skippedAvailable: 0 }
}

/**
 * Several operators' `next` of one organization and one claim guess, in the transaction of
 * `client`: one round trip locks them all and the tasks they may be handed (claimTogether),
 * the core decides each hand-out as `next` alone would, and one statement writes them with
 * their history under each operator's name, COMMIT travelling with it. An operator whose
 * `next` is anything but the plain case (deactivated, guess gone stale, a task already
 * started, nothing left in the first queue) is answered null: their `next` is made again
 * alone, after this transaction, and answers as it always would.
 */
async function playTogether(
  client: Transaction,
  calls: NextCall[],
): Promise<(NextResult | null)[]> {
  const [first] = calls
  const guess = first?.guess
  if (!first || !guess?.queue) {
    return calls.map(() => null)
  }
  const now = new Date()
  const { orgUid } = first.context
  const claims = await claimTogether(client, {
    orgUid,
    userUids: calls.map((call) => call.context.userUid),
    skills: guess.skills,
    now,
    queue: guess.queue,
  })
  const handed = new Set<string>()
  const handOuts = calls.map((call) => {
    const { userUid, rules } = call.context
    const facts = claims.operators.get(userUid)
    if (!facts?.active || !rules || !call.guess) {
      return null
    }
    if (
      !guessHolds(call.guess, claimOn(facts.skills, playableQueues(rules, facts)[0])) ||
      (!rules.settings.allow_parallel_tasks && facts.started > 0)
    ) {
      return null
    }
    const open = (task: TaskRecord) => !handed.has(task.uid) && !facts.skipped.has(task.uid)
    // Their own waiting tasks first, then the queue: as claimNext decides it alone.
    const task =
      claims.own.find((own) => own.assignee_uid === userUid && open(own)) ?? claims.free.find(open)
    if (!task) {
      return null
    }
    handed.add(task.uid)
    return { call, write: playedWrite(task, userUid, orgContext(rules, now)) }
  })
  const writes = handOuts.flatMap((handOut) => (handOut ? [handOut.write] : []))
  if (writes.length === 0) {
    return calls.map(() => null)
  }
  const written = await client.commitWith(() => updateTasksVersionedOfEach(client, orgUid, writes))
  const byUid = new Map(written.map((played) => [played.task.uid, played]))
  return handOuts.map((handOut) => {
    const played = handOut && byUid.get(handOut.write.after.uid)
    if (!handOut || !played) {
      return null
    }
    const { orgUid: org, userUid } = handOut.call.context
    playerMemoryOf(handOut.call.context.db).rememberPlayed(org, userUid, played)
    return { task: played.task, skippedAvailable: 0 }
  })
}

/** Numbers the shapes of `next` calls that go alone, so that none joins another. */
let loneCalls = 0
const loneShape = () => {
  loneCalls += 1
  return `alone|${loneCalls}`
}

/** Hand-outs of `next`, made together while they wait for a connection. */
const HAND_OUTS: WriteKind<NextCall, NextResult | null> = {
  // Only the plain case is combined: the operator's rules known (from the token's cache), a
  // claim remembered to guess with, and skipped tasks passed over. Any other `next` has a
  // shape of its own, and goes alone.
  shape: ({ context, includeSkipped, guess }) =>
    context.rules && guess?.queue && !includeSkipped
      ? `${context.orgUid}|${JSON.stringify(guess)}`
      : loneShape(),
  // One operator's two calls (two tabs) never share a transaction: they run one after the other.
  keys: ({ context }) => [context.userUid],
  alone: (client, call) => transactionOn(client, (transaction) => playNextIn(transaction, call)),
  outside: (db, call) => withTransaction(db, (transaction) => playNextIn(transaction, call)),
  together: (client, calls) =>
    transactionOn(client, (transaction) => playTogether(transaction, calls)),
}

const handOutsOf = perDatabase(HAND_OUTS)

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
 * the lock. Operators whose `next` waits for a connection at the same time are handed their
 * tasks in one transaction (playTogether).
 */
export async function playNext(
  context: PlayerContext,
  options: { includeSkipped?: boolean } = {},
): Promise<NextResult> {
  const call: NextCall = {
    context,
    includeSkipped: options.includeSkipped ?? false,
    guess: playerMemoryOf(context.db).claimGuess(context.orgUid, context.userUid),
  }
  const played = await handOutsOf(context.db).write(call)
  return played ?? withTransaction(context.db, (transaction) => playNextIn(transaction, call))
}
