import type { Calendar } from '../contract/calendar'
import type { DeliveryType } from '../contract/webhooks'
import type { TaskEventType } from '../core/tasks/task-events'
import type { Queryable } from './database'
import { TASK_COLUMNS, type TaskRecord } from './tasks'

/** Where a delivery stands. */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

/** One row of a webhook's delivery log. */
export interface DeliveryRecord {
  uid: string
  webhook_uid: string
  type: DeliveryType
  task_uid: string
  event_id: number
  event_type: TaskEventType
  status: DeliveryStatus
  attempts: number
  last_response_status: number | null
  last_error: string | null
  created_at: Date
  last_attempt_at: Date | null
  /** Null while the webhook is inactive. */
  next_attempt_at: Date | null
  finished_at: Date | null
}

/** A delivery taken by this process for one attempt, with all it needs to be sent. */
export interface ClaimedDelivery {
  id: number
  uid: string
  org_uid: string
  webhook_uid: string
  type: DeliveryType
  event_id: number
  event_type: TaskEventType
  actor_uid: string | null
  info: Record<string, unknown>
  task: TaskRecord
  occurred_at: Date
  /** Attempts so far, this one included: the fence of {@link recordAttempt}. */
  attempts: number
  url: string
  /** The webhook's secret, sealed (src/core/secrets): the dispatcher opens it to sign. */
  secret_sealed: string
  calendar: Calendar | null
}

const LOG_COLUMNS = `uid, webhook_uid, type, task_uid, event_id, event_type, status, attempts,
  last_response_status, last_error, created_at, last_attempt_at, next_attempt_at, finished_at`

/** The most recent deliveries of one webhook, newest first. */
export async function listDeliveries(
  q: Queryable,
  orgUid: string,
  webhookUid: string,
  options: { limit: number; status?: DeliveryStatus },
): Promise<DeliveryRecord[]> {
  const result = await q.query<DeliveryRecord>(
    `SELECT ${LOG_COLUMNS} FROM webhook_deliveries
     WHERE webhook_uid = $1 AND org_uid = $2 AND ($3::text IS NULL OR status = $3)
     ORDER BY id DESC LIMIT $4`,
    [webhookUid, orgUid, options.status ?? null, options.limit],
  )
  return result.rows
}

// The snapshot is read back through the `tasks` row type, so every column comes out typed
// (dates as Date) exactly as a task read from the table does, whatever columns it has.
const SNAPSHOT_PREFIX = 'task__'
const SNAPSHOT_COLUMNS = TASK_COLUMNS.replace(/t\.(\w+)/g, `t.$1 AS ${SNAPSHOT_PREFIX}$1`)

/** Splits a claim row into the delivery's own columns and the task snapshot's. */
function splitSnapshot(row: Record<string, unknown>): ClaimedDelivery {
  const delivery: Record<string, unknown> = {}
  const task: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(row)) {
    if (key.startsWith(SNAPSHOT_PREFIX)) {
      task[key.slice(SNAPSHOT_PREFIX.length)] = value
    } else {
      delivery[key] = value
    }
  }
  return { ...delivery, task } as unknown as ClaimedDelivery
}

/**
 * Takes up to `limit` due deliveries for one attempt each, fairly across endpoints. Only the
 * oldest pending delivery of a (webhook, task) pair is ever taken, so a task's events reach a
 * receiver in order. Each endpoint is looked at on its own: one that is backing off or paused
 * is skipped whole, one that is failing gets a single probe attempt at a time, and a healthy
 * one at most `perEndpoint` attempts in flight (counted over every process, by lease), so a
 * dead receiver's hanging attempts never fill a process's whole concurrency, and a backlog of
 * one endpoint never queues another's events behind it.
 * SKIP LOCKED lets several processes claim side by side without waiting or sharing a row;
 * the claim then holds as a lease (`locked_until`) rather than as a row lock, so no
 * transaction stays open while a receiver takes its time. A sender that dies mid-attempt
 * leaves the delivery to be taken again when its lease ends: at least once.
 */
export async function claimDueDeliveries(
  q: Queryable,
  limit: number,
  leaseMs: number,
  perEndpoint: number = limit,
): Promise<ClaimedDelivery[]> {
  const result = await q.query<Record<string, unknown>>(
    `WITH due AS (
       SELECT d.id FROM webhooks w
       CROSS JOIN LATERAL (
         SELECT d.id, d.next_attempt_at FROM webhook_deliveries d
         WHERE d.webhook_uid = w.uid AND d.org_uid = w.org_uid
           AND d.status = 'pending' AND d.next_attempt_at <= tessera_now()
           AND (d.locked_until IS NULL OR d.locked_until <= tessera_now())
           AND NOT EXISTS (
             SELECT 1 FROM webhook_deliveries p
             WHERE p.webhook_uid = d.webhook_uid AND p.task_uid = d.task_uid
               AND p.status = 'pending' AND p.id < d.id)
         ORDER BY d.next_attempt_at, d.id
         LIMIT GREATEST(0,
           CASE WHEN w.consecutive_failures > 0 THEN 1 ELSE $3::int END
           - (SELECT count(*) FROM webhook_deliveries f
              WHERE f.webhook_uid = w.uid AND f.status = 'pending'
                AND f.locked_until > tessera_now()))
         FOR UPDATE OF d SKIP LOCKED
       ) d
       WHERE w.active AND w.paused_at IS NULL
         AND (w.backoff_until IS NULL OR w.backoff_until <= tessera_now())
       ORDER BY d.next_attempt_at, d.id
       LIMIT $1
     ), claimed AS (
       UPDATE webhook_deliveries d SET attempts = d.attempts + 1,
         last_attempt_at = tessera_now(),
         locked_until = tessera_now() + $2 * interval '1 millisecond'
       FROM due WHERE d.id = due.id
       RETURNING d.*
     )
     SELECT c.id, c.uid, c.org_uid, c.webhook_uid, c.type, c.event_id, c.event_type,
       c.actor_uid, c.info, c.occurred_at, c.attempts, w.url, w.secret_sealed, o.calendar,
       ${SNAPSHOT_COLUMNS}
     FROM claimed c
     JOIN webhooks w ON w.org_uid = c.org_uid AND w.uid = c.webhook_uid
     JOIN organizations o ON o.uid = c.org_uid
     CROSS JOIN LATERAL jsonb_populate_record(NULL::tasks, c.task) t
     ORDER BY c.id`,
    [limit, leaseMs, perEndpoint],
  )
  return result.rows.map(splitSnapshot)
}

/**
 * Moves due deliveries that wait behind an earlier one of their task to that one's next
 * attempt, so they are not looked at again before it. Only a head that is not in flight
 * counts: its next attempt cannot come before it is taken, so a blocked delivery is never
 * held back past the moment its turn can come, even if this runs on a stale snapshot.
 */
export async function deferBlockedDeliveries(q: Queryable, limit: number): Promise<number> {
  const result = await q.query(
    `WITH blocked AS (
       SELECT n.id, h.next_attempt_at
       FROM webhook_deliveries n
       JOIN LATERAL (
         SELECT p.next_attempt_at, p.locked_until FROM webhook_deliveries p
         WHERE p.webhook_uid = n.webhook_uid AND p.task_uid = n.task_uid
           AND p.status = 'pending' AND p.id < n.id
         ORDER BY p.id LIMIT 1
       ) h ON true
       WHERE n.status = 'pending' AND n.next_attempt_at <= tessera_now()
         AND h.next_attempt_at > n.next_attempt_at
         AND (h.locked_until IS NULL OR h.locked_until <= tessera_now())
       LIMIT $1
     )
     UPDATE webhook_deliveries d SET next_attempt_at = b.next_attempt_at
     FROM blocked b WHERE d.id = b.id AND d.status = 'pending'`,
    [limit],
  )
  return result.rowCount ?? 0
}

/** How one attempt ended. */
export interface AttemptOutcome {
  delivered: boolean
  responseStatus: number | null
  error: string | null
  /** After a failure: ms until the next attempt, or null to give up. */
  retryInMs: number | null
}

/**
 * Records the end of an attempt and lifts the lease. Ignored if the delivery was claimed
 * again meanwhile (its attempt count moved on): the newer attempt owns the row. A retry of
 * a webhook deactivated meanwhile stays unscheduled until it is active again.
 */
export async function recordAttempt(
  q: Queryable,
  claim: Pick<ClaimedDelivery, 'id' | 'org_uid' | 'attempts'>,
  outcome: AttemptOutcome,
): Promise<void> {
  const status = outcome.delivered ? 'delivered' : outcome.retryInMs === null ? 'failed' : 'pending'
  await q.query(
    `UPDATE webhook_deliveries SET status = $3, last_response_status = $4, last_error = $5,
       locked_until = NULL,
       next_attempt_at = CASE WHEN $3 = 'pending' AND next_attempt_at IS NOT NULL
         THEN tessera_now() + $6 * interval '1 millisecond' ELSE next_attempt_at END,
       finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE tessera_now() END
     WHERE id = $1 AND org_uid = $7 AND attempts = $2 AND status = 'pending'`,
    [
      claim.id,
      claim.attempts,
      status,
      outcome.responseStatus,
      outcome.error,
      outcome.retryInMs,
      claim.org_uid,
    ],
  )
}

/** Gives a claimed delivery back untried (shutting down): free at once, attempt not counted. */
export async function releaseDelivery(
  q: Queryable,
  claim: Pick<ClaimedDelivery, 'id' | 'org_uid' | 'attempts'>,
): Promise<void> {
  await q.query(
    `UPDATE webhook_deliveries SET attempts = attempts - 1, locked_until = NULL
     WHERE id = $1 AND org_uid = $3 AND attempts = $2 AND status = 'pending'`,
    [claim.id, claim.attempts, claim.org_uid],
  )
}

/** Erases deliveries finished more than `days` ago, a bounded batch at a time. */
export async function pruneDeliveries(q: Queryable, days: number): Promise<number> {
  const result = await q.query(
    `DELETE FROM webhook_deliveries WHERE id IN (
       SELECT id FROM webhook_deliveries
       WHERE status <> 'pending' AND finished_at < tessera_now() - $1 * interval '1 day'
       LIMIT 10000)`,
    [days],
  )
  return result.rowCount ?? 0
}
