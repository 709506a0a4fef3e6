import { LRUCache } from 'lru-cache'
import type { TaskForCompletion } from '../store/completion'
import type { Database } from '../store/database'
import type { ClaimQueue } from '../store/dispatch'
import type { VersionedTask } from '../store/tasks'

/** What the first claim of an operator's `next` is made with: their skills and first queue. */
export interface ClaimGuess {
  skills: string[]
  /** The first queue of their session they may work (null: none, own tasks only). */
  queue: ClaimQueue | null
}

/** Whether a claim made with `guess` is the claim the operator's facts call for. */
export function guessHolds(guess: ClaimGuess, actual: ClaimGuess): boolean {
  return (
    guess.skills.length === actual.skills.length &&
    guess.skills.every((skill, i) => skill === actual.skills[i]) &&
    guess.queue?.uid === actual.queue?.uid &&
    JSON.stringify(guess.queue?.priority ?? null) === JSON.stringify(actual.queue?.priority ?? null)
  )
}

/** An organization's definitions and its queues' forms, as a completion last read them. */
interface CompletionRules {
  version: string
  definitions: TaskForCompletion['definitions']
  /** By queue uid ('' for a task in no queue); null: the queue has no form. */
  forms: Map<string, TaskForCompletion['form']>
}

/** Operators (and organizations) remembered per database; the least recently used go first. */
const MOST_OPERATORS = 10_000
const MOST_ORGANIZATIONS = 1_000

const operatorKey = (orgUid: string, userUid: string) => `${orgUid}:${userUid}`

/**
 * What this process remembers of its operators' play, to spare a round trip in each hand-out
 * and completion. Nothing here decides anything, so no other process needs to know it: every
 * use is checked against what the database says, under the operator's lock or in the
 * statement that relies on it.
 *
 * - The claim of each operator's last `next`: the next one sends its first claim with the
 *   operator's lock instead of waiting for the lock's answer, then compares the guess with
 *   what it read under the lock and claims again when they differ (skills, session or queues
 *   changed, perhaps through another server).
 * - The task each operator's last `next` started, as written, and each organization's
 *   definitions and forms as last read: a completion is decided on them without reading
 *   them again, and its write checks that the task's row version and the definitions' version
 *   are still those (src/store/tasks.ts, updateTaskIfUnchanged); if not, it reads and decides
 *   again.
 */
export class PlayerMemory {
  private readonly claims = new LRUCache<string, ClaimGuess>({ max: MOST_OPERATORS })
  /**
   * False: forgotten. Deleting the last entry makes lru-cache clear all its `max` slots (24 µs
   * at 10,000 here), which a lone operator's completions would pay every time.
   */
  private readonly played = new LRUCache<string, VersionedTask | false>({ max: MOST_OPERATORS })
  private readonly completionRules = new LRUCache<string, CompletionRules>({
    max: MOST_ORGANIZATIONS,
  })

  claimGuess(orgUid: string, userUid: string): ClaimGuess | undefined {
    return this.claims.get(operatorKey(orgUid, userUid))
  }

  rememberClaim(orgUid: string, userUid: string, guess: ClaimGuess): void {
    this.claims.set(operatorKey(orgUid, userUid), guess)
  }

  /** The task an operator's `next` has just started here, as written. */
  rememberPlayed(orgUid: string, userUid: string, played: VersionedTask): void {
    this.played.set(operatorKey(orgUid, userUid), played)
  }

  forgetPlayed(orgUid: string, userUid: string): void {
    const key = operatorKey(orgUid, userUid)
    if (this.played.peek(key)) {
      this.played.set(key, false)
    }
  }

  /** Keeps the definitions and the queue's form that a completion read from the database. */
  rememberCompletionRules(orgUid: string, read: TaskForCompletion): void {
    const queue = read.task.queue_uid ?? ''
    const known = this.completionRules.get(orgUid)
    if (known?.version === read.fieldsVersion) {
      known.forms.set(queue, read.form)
      return
    }
    this.completionRules.set(orgUid, {
      version: read.fieldsVersion,
      definitions: read.definitions,
      forms: new Map([[queue, read.form]]),
    })
  }

  /**
   * The operator's task as this process last started it (the one named, or their current
   * one), with what its completion is checked against, if all of it is remembered.
   */
  completionOf(
    orgUid: string,
    userUid: string,
    taskUid: string | undefined,
  ): TaskForCompletion | undefined {
    const played = this.played.get(operatorKey(orgUid, userUid))
    if (!played || (taskUid !== undefined && taskUid.toLowerCase() !== played.task.uid)) {
      return undefined
    }
    const rules = this.completionRules.get(orgUid)
    const queue = played.task.queue_uid ?? ''
    if (!rules?.forms.has(queue)) {
      return undefined
    }
    return {
      ...played,
      form: rules.forms.get(queue) ?? null,
      definitions: rules.definitions,
      fieldsVersion: rules.version,
    }
  }
}

const byDatabase = new WeakMap<Database, PlayerMemory>()

/** What this process remembers of `db`'s operators. */
export function playerMemoryOf(db: Database): PlayerMemory {
  let memory = byDatabase.get(db)
  if (!memory) {
    memory = new PlayerMemory()
    byDatabase.set(db, memory)
  }
  return memory
}
