import type { Database } from '../store/database'
import type { ClaimQueue } from '../store/dispatch'

/** What the first claim of an operator's `next` is made with: their skills and first queue. */
export interface ClaimGuess {
  skills: string[]
  /** The first queue of their session they may work (null: none, own tasks only). */
  queue: ClaimQueue | null
}

/** Operators remembered per database; the oldest are forgotten past this. */
const MOST_REMEMBERED = 10_000

/**
 * What each operator's last `next` in this process claimed with, so that the next one can send
 * its first claim together with the operator's lock instead of waiting for the lock's answer:
 * one round trip fewer per hand-out. Only a guess: `next` compares it with what it reads under
 * the lock and claims again when they differ (skills, session or queues changed, perhaps on
 * another server), so nothing here decides anything and no other process needs to know it.
 */
export class ClaimGuesses {
  private readonly guesses = new Map<string, ClaimGuess>()

  guess(orgUid: string, userUid: string): ClaimGuess | undefined {
    return this.guesses.get(`${orgUid}:${userUid}`)
  }

  remember(orgUid: string, userUid: string, guess: ClaimGuess): void {
    const key = `${orgUid}:${userUid}`
    // Deleted first so that the Map's insertion order is the order of last use.
    this.guesses.delete(key)
    this.guesses.set(key, guess)
    if (this.guesses.size > MOST_REMEMBERED) {
      const oldest = this.guesses.keys().next().value
      if (oldest !== undefined) {
        this.guesses.delete(oldest)
      }
    }
  }
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

const byDatabase = new WeakMap<Database, ClaimGuesses>()

/** The guesses of `db`'s operators in this process. */
export function claimGuessesOf(db: Database): ClaimGuesses {
  let guesses = byDatabase.get(db)
  if (!guesses) {
    guesses = new ClaimGuesses()
    byDatabase.set(db, guesses)
  }
  return guesses
}
