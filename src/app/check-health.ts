import type { Database } from '../store/database'
import { oldestTransactionSeconds } from '../store/horizon'

/** Beyond this, someone should look: an open transaction is bloating the task queue. */
const OLD_TRANSACTION_SECONDS = 300

/** What the database said when asked how it is. */
export interface DatabaseHealth {
  engine: Database['engine']
  /** How long the oldest open transaction has held back vacuum (0: none). */
  oldestTransactionSeconds: number
  /** Whether that is long enough to slow `player/next` down. */
  isHorizonHeld: boolean
}

/** Asks the database how it is; throws when it does not answer. */
export async function checkHealth(db: Database): Promise<DatabaseHealth> {
  const seconds = await oldestTransactionSeconds(db.pool)
  return {
    engine: db.engine,
    oldestTransactionSeconds: seconds,
    isHorizonHeld: seconds >= OLD_TRANSACTION_SECONDS,
  }
}
