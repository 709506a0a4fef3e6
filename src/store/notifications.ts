import type { Queryable } from './database'

/** One item of a user's bell. */
export interface NotificationRecord {
  id: number
  uid: string
  subject: string
  body: string
  task_uid: string | null
  read_at: Date | null
  created_at: Date
}

/** A message waiting in the outbox, claimed by this process for one attempt. */
export interface ClaimedMessage {
  id: number
  uid: string
  org_uid: string
  channel_uid: string
  kind: 'slack' | 'email'
  settings: Record<string, unknown>
  secret_sealed: string | null
  subject: string
  body: string
  task_uid: string | null
  recipients: string[]
  /** Attempts so far, this one included: the fence of {@link recordMessageAttempt}. */
  attempts: number
}

/** The organization's users among `userUids`, with their email addresses. */
export async function usersOfOrg(
  q: Queryable,
  orgUid: string,
  userUids: string[] | null,
): Promise<{ uid: string; email: string }[]> {
  const result = await q.query<{ uid: string; email: string }>(
    `SELECT uid, email FROM users
     WHERE org_uid = $1 AND ($2::uuid[] IS NULL OR uid = ANY ($2::uuid[]))
     ORDER BY uid`,
    [orgUid, userUids],
  )
  return result.rows
}

/** Adds one bell item per user; returns their uids. */
export async function insertNotifications(
  q: Queryable,
  orgUid: string,
  userUids: string[],
  item: { subject: string; body: string; taskUid: string | null },
): Promise<string[]> {
  if (userUids.length === 0) {
    return []
  }
  const result = await q.query<{ uid: string }>(
    `INSERT INTO notifications (org_uid, user_uid, subject, body, task_uid)
     SELECT $1, u, $3, $4, $5 FROM unnest($2::uuid[]) AS u
     RETURNING uid`,
    [orgUid, userUids, item.subject, item.body, item.taskUid],
  )
  return result.rows.map((row) => row.uid)
}

/** Puts a Slack or email message in the outbox; returns its uid. */
export async function insertOutboxMessage(
  q: Queryable,
  orgUid: string,
  message: {
    channelUid: string
    subject: string
    body: string
    taskUid: string | null
    recipients: string[]
  },
): Promise<string> {
  const result = await q.query<{ uid: string }>(
    `INSERT INTO notification_outbox (org_uid, channel_uid, subject, body, task_uid, recipients)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING uid`,
    [
      orgUid,
      message.channelUid,
      message.subject,
      message.body,
      message.taskUid,
      message.recipients,
    ],
  )
  // INSERT … RETURNING without a condition yields its one row.
  return (result.rows[0] as { uid: string }).uid
}

/** A user's items, newest first, after the cursor (an item id), and their unread count. */
export async function listNotifications(
  q: Queryable,
  orgUid: string,
  userUid: string,
  options: { limit: number; beforeId: number | null; unreadOnly: boolean },
): Promise<{ items: NotificationRecord[]; unread: number }> {
  const items = await q.query<NotificationRecord>(
    `SELECT id::int AS id, uid, subject, body, task_uid, read_at, created_at FROM notifications
     WHERE org_uid = $1 AND user_uid = $2 AND ($3::bigint IS NULL OR id < $3)
       AND (NOT $5 OR read_at IS NULL)
     ORDER BY id DESC LIMIT $4`,
    [orgUid, userUid, options.beforeId, options.limit, options.unreadOnly],
  )
  const unread = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notifications
     WHERE org_uid = $1 AND user_uid = $2 AND read_at IS NULL`,
    [orgUid, userUid],
  )
  return { items: items.rows, unread: unread.rows[0]?.n ?? 0 }
}

/** Marks a user's items read (the given ones, or all); returns how many changed. */
export async function markNotificationsRead(
  q: Queryable,
  orgUid: string,
  userUid: string,
  uids: string[] | null,
): Promise<number> {
  const result = await q.query(
    `UPDATE notifications SET read_at = tessera_now()
     WHERE org_uid = $1 AND user_uid = $2 AND read_at IS NULL
       AND ($3::uuid[] IS NULL OR uid = ANY ($3::uuid[]))`,
    [orgUid, userUid, uids],
  )
  return result.rowCount ?? 0
}

/**
 * Takes up to `limit` due outbox messages for one attempt each. Each channel is looked at on
 * its own: one backing off, paused or inactive is skipped whole, and a failing one gets a
 * single probe at a time, so a dead channel never holds up another's messages. SKIP LOCKED
 * lets several processes claim side by side; the claim then holds as a lease.
 */
export async function claimDueMessages(
  q: Queryable,
  limit: number,
  leaseMs: number,
): Promise<ClaimedMessage[]> {
  const result = await q.query<ClaimedMessage>(
    `WITH due AS (
       SELECT o.id FROM notification_channels c
       CROSS JOIN LATERAL (
         SELECT o.id, o.next_attempt_at FROM notification_outbox o
         WHERE o.org_uid = c.org_uid AND o.channel_uid = c.uid AND o.status = 'pending'
           AND o.next_attempt_at <= tessera_now()
           AND (o.locked_until IS NULL OR o.locked_until <= tessera_now())
         ORDER BY o.next_attempt_at, o.id
         LIMIT GREATEST(0,
           CASE WHEN c.consecutive_failures > 0 THEN 1 ELSE $1::int END
           - (SELECT count(*) FROM notification_outbox f
              WHERE f.channel_uid = c.uid AND f.status = 'pending'
                AND f.locked_until > tessera_now()))
         FOR UPDATE OF o SKIP LOCKED
       ) o
       WHERE c.active AND c.paused_at IS NULL AND c.kind <> 'in_app'
         AND (c.backoff_until IS NULL OR c.backoff_until <= tessera_now())
       ORDER BY o.next_attempt_at, o.id
       LIMIT $1
     ), claimed AS (
       UPDATE notification_outbox o SET attempts = o.attempts + 1,
         locked_until = tessera_now() + $2 * interval '1 millisecond'
       FROM due WHERE o.id = due.id
       RETURNING o.*
     )
     SELECT m.id::int AS id, m.uid, m.org_uid, m.channel_uid, c.kind, c.settings,
       c.secret_sealed, m.subject, m.body, m.task_uid, m.recipients, m.attempts
     FROM claimed m
     JOIN notification_channels c ON c.org_uid = m.org_uid AND c.uid = m.channel_uid
     ORDER BY m.id`,
    [limit, leaseMs],
  )
  return result.rows
}

/**
 * Records the end of an attempt and lifts the lease: delivered, failed for good (`retryInMs`
 * null) or due again later. Ignored if the message was claimed again meanwhile.
 */
export async function recordMessageAttempt(
  q: Queryable,
  claim: Pick<ClaimedMessage, 'id' | 'org_uid' | 'attempts'>,
  outcome: { delivered: boolean; error: string | null; retryInMs: number | null },
): Promise<void> {
  const status = outcome.delivered ? 'delivered' : outcome.retryInMs === null ? 'failed' : 'pending'
  await q.query(
    `UPDATE notification_outbox SET status = $3, last_error = $4, locked_until = NULL,
       next_attempt_at = CASE WHEN $3 = 'pending'
         THEN tessera_now() + $5 * interval '1 millisecond' ELSE next_attempt_at END,
       finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE tessera_now() END
     WHERE id = $1 AND org_uid = $6 AND attempts = $2 AND status = 'pending'`,
    [claim.id, claim.attempts, status, outcome.error, outcome.retryInMs, claim.org_uid],
  )
}

/** Gives a claimed message back untried (shutting down). */
export async function releaseMessage(
  q: Queryable,
  claim: Pick<ClaimedMessage, 'id' | 'org_uid' | 'attempts'>,
): Promise<void> {
  await q.query(
    `UPDATE notification_outbox SET attempts = attempts - 1, locked_until = NULL
     WHERE id = $1 AND org_uid = $3 AND attempts = $2 AND status = 'pending'`,
    [claim.id, claim.attempts, claim.org_uid],
  )
}

/**
 * Erases finished outbox messages and read bell items older than `days`, a bounded batch of
 * each at a time.
 */
export async function pruneNotifications(q: Queryable, days: number): Promise<number> {
  const outbox = await q.query(
    `DELETE FROM notification_outbox WHERE id IN (
       SELECT id FROM notification_outbox
       WHERE status <> 'pending' AND finished_at < tessera_now() - $1 * interval '1 day'
       LIMIT 10000)`,
    [days],
  )
  const items = await q.query(
    `DELETE FROM notifications WHERE id IN (
       SELECT id FROM notifications
       WHERE read_at < tessera_now() - $1 * interval '1 day'
       LIMIT 10000)`,
    [days],
  )
  return (outbox.rowCount ?? 0) + (items.rowCount ?? 0)
}
