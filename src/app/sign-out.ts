import type { Database } from '../store/database'
import { deleteSession } from '../store/sessions'

/** Ends the session behind a cookie, if any: signing out twice is no error. */
export async function signOut(db: Database, secret: string | undefined): Promise<void> {
  if (secret) {
    await deleteSession(db.pool, secret)
  }
}
