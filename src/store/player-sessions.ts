import type { Queryable } from './database'

/** An operator's playing session: which queues, since when, how many tasks completed. */
export interface PlayerSessionRecord {
  queue_uids: string[] | null
  started_at: Date
  completed: number
}

/** Starts (or restarts) the operator's session on `queueUids` (null: all they may work). */
export async function startSession(
  q: Queryable,
  orgUid: string,
  userUid: string,
  queueUids: string[] | null,
): Promise<PlayerSessionRecord> {
  const result = await q.query<PlayerSessionRecord>(
    `INSERT INTO player_sessions (org_uid, user_uid, queue_uids) VALUES ($1, $2, $3)
     ON CONFLICT (org_uid, user_uid) DO UPDATE
       SET queue_uids = EXCLUDED.queue_uids, started_at = tessera_now(), completed = 0
     RETURNING queue_uids, started_at, completed`,
    [orgUid, userUid, queueUids],
  )
  const session = result.rows[0]
  if (!session) {
    throw new Error('session upsert returned nothing')
  }
  return session
}

/** The operator's session, or null when they are not playing. */
export async function findSession(
  q: Queryable,
  orgUid: string,
  userUid: string,
): Promise<PlayerSessionRecord | null> {
  const result = await q.query<PlayerSessionRecord>(
    'SELECT queue_uids, started_at, completed FROM player_sessions WHERE org_uid = $1 AND user_uid = $2',
    [orgUid, userUid],
  )
  return result.rows[0] ?? null
}

/** Ends the operator's session. */
export async function endSession(q: Queryable, orgUid: string, userUid: string): Promise<void> {
  await q.query('DELETE FROM player_sessions WHERE org_uid = $1 AND user_uid = $2', [
    orgUid,
    userUid,
  ])
}
