import type { Queryable } from './database'
import { wakeOutbox } from './outbox-wake'

/** The kinds of channel a notification can go through. */
export type ChannelKind = 'slack' | 'email' | 'in_app'

/** A channel as stored, minus its sealed secret: what listings may show. */
export interface ChannelRecord {
  uid: string
  kind: ChannelKind
  name: string
  /** Kind-specific settings that may be shown (never a secret). */
  settings: Record<string, unknown>
  /** Whether a secret (Slack URL, SMTP password) is stored; its value never leaves. */
  has_secret: boolean
  active: boolean
  consecutive_failures: number
  backoff_until: Date | null
  paused_at: Date | null
  last_success_at: Date | null
  last_error: string | null
  last_error_at: Date | null
  created_at: Date
  updated_at: Date
}

const CHANNEL_COLUMNS = `uid, kind, name, settings, secret_sealed IS NOT NULL AS has_secret,
  active, consecutive_failures, backoff_until, paused_at, last_success_at, last_error,
  last_error_at, created_at, updated_at`

/** Most channels an organization may have. */
export const MAX_CHANNELS_PER_ORG = 50

/** The organization's channels, oldest first. */
export async function listChannels(q: Queryable, orgUid: string): Promise<ChannelRecord[]> {
  const result = await q.query<ChannelRecord>(
    `SELECT ${CHANNEL_COLUMNS} FROM notification_channels WHERE org_uid = $1
     ORDER BY created_at, uid`,
    [orgUid],
  )
  return result.rows
}

/** One channel of the organization, or null. */
export async function findChannel(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<ChannelRecord | null> {
  const result = await q.query<ChannelRecord>(
    `SELECT ${CHANNEL_COLUMNS} FROM notification_channels WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** A channel with its sealed secret, for sending; null if absent. */
export async function findChannelTarget(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<(ChannelRecord & { secret_sealed: string | null }) | null> {
  const result = await q.query<ChannelRecord & { secret_sealed: string | null }>(
    `SELECT ${CHANNEL_COLUMNS}, secret_sealed FROM notification_channels
     WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** Creates a channel; null when the organization already has `max`. */
export async function insertChannel(
  q: Queryable,
  orgUid: string,
  input: {
    kind: ChannelKind
    name: string
    settings: Record<string, unknown>
    secretSealed: string | null
    active: boolean
  },
  max: number = MAX_CHANNELS_PER_ORG,
): Promise<ChannelRecord | null> {
  const result = await q.query<ChannelRecord>(
    `INSERT INTO notification_channels (org_uid, kind, name, settings, secret_sealed, active)
     SELECT $1, $2, $3, $4, $5, $6
     WHERE (SELECT count(*) FROM notification_channels WHERE org_uid = $1) < $7
     RETURNING ${CHANNEL_COLUMNS}`,
    [
      orgUid,
      input.kind,
      input.name,
      JSON.stringify(input.settings),
      input.secretSealed,
      input.active,
      max,
    ],
  )
  return result.rows[0] ?? null
}

/**
 * Changes a channel: `settings` replaces the stored ones, a secret given replaces the sealed
 * one (undefined keeps it). Null when it does not exist.
 */
export async function updateChannel(
  q: Queryable,
  orgUid: string,
  uid: string,
  patch: {
    name?: string
    settings?: Record<string, unknown>
    secretSealed?: string
    active?: boolean
  },
): Promise<ChannelRecord | null> {
  const result = await q.query<ChannelRecord>(
    `UPDATE notification_channels SET name = coalesce($3, name),
       settings = coalesce($4, settings), secret_sealed = coalesce($5, secret_sealed),
       active = coalesce($6, active), updated_at = tessera_now()
     WHERE org_uid = $1 AND uid = $2
     RETURNING ${CHANNEL_COLUMNS}`,
    [
      orgUid,
      uid,
      patch.name ?? null,
      patch.settings ? JSON.stringify(patch.settings) : null,
      patch.secretSealed ?? null,
      patch.active ?? null,
    ],
  )
  return result.rows[0] ?? null
}

/** Deletes a channel and its waiting messages; false if absent. */
export async function deleteChannel(q: Queryable, orgUid: string, uid: string): Promise<boolean> {
  const result = await q.query(
    'DELETE FROM notification_channels WHERE org_uid = $1 AND uid = $2',
    [orgUid, uid],
  )
  return (result.rowCount ?? 0) > 0
}

/** Resumes a paused or backing-off channel: its waiting messages are due at once. */
export async function resumeChannel(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<ChannelRecord | null> {
  const result = await q.query<ChannelRecord>(
    `WITH c AS (
       UPDATE notification_channels SET paused_at = NULL, backoff_until = NULL,
         consecutive_failures = 0, updated_at = tessera_now()
       WHERE org_uid = $1 AND uid = $2
       RETURNING ${CHANNEL_COLUMNS}
     ), due AS (
       UPDATE notification_outbox o SET next_attempt_at = tessera_now()
       FROM c WHERE o.org_uid = $1 AND o.channel_uid = c.uid AND o.status = 'pending'
     ), ${wakeOutbox('notification_outbox')}
     SELECT * FROM c WHERE EXISTS (SELECT 1 FROM wake)`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/** Records a delivered message: the channel is healthy again. */
export async function recordChannelSuccess(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<void> {
  await q.query(
    `UPDATE notification_channels SET consecutive_failures = 0, backoff_until = NULL,
       last_success_at = tessera_now()
     WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid],
  )
}

/**
 * Records a failed attempt: the channel backs off alone (`min(maxMs, baseMs · 2^(n-1))`, the
 * second half random) and is paused at the `pauseAfter`-th failure in a row. Returns the
 * failure count, or null if the channel is gone.
 */
export async function recordChannelFailure(
  q: Queryable,
  orgUid: string,
  uid: string,
  error: string,
  policy: { baseMs: number; maxMs: number; pauseAfter: number },
): Promise<{ consecutiveFailures: number; pausedNow: boolean } | null> {
  const result = await q.query<{ consecutive_failures: number }>(
    `UPDATE notification_channels c SET consecutive_failures = c.consecutive_failures + 1,
       last_error = $3, last_error_at = tessera_now(),
       backoff_until = tessera_now() + interval '1 millisecond'
         * least($4::float8, $5::float8 * power(2, least(c.consecutive_failures, 60)))
         * (0.5 + random() / 2),
       paused_at = CASE WHEN c.paused_at IS NULL AND c.consecutive_failures + 1 >= $6
         THEN tessera_now() ELSE c.paused_at END
     WHERE c.org_uid = $1 AND c.uid = $2
     RETURNING c.consecutive_failures`,
    [orgUid, uid, error, policy.maxMs, policy.baseMs, policy.pauseAfter],
  )
  const row = result.rows[0]
  return row
    ? {
        consecutiveFailures: row.consecutive_failures,
        pausedNow: row.consecutive_failures === policy.pauseAfter,
      }
    : null
}
