import type { Queryable } from './database'
import { wakeOutbox } from './outbox-wake'
import type { WebhookRecord } from './webhooks'

/** How one endpoint is doing, as stored and counted. */
export interface WebhookHealthRecord {
  uid: string
  consecutive_failures: number
  backoff_until: Date | null
  paused_at: Date | null
  last_success_at: Date | null
  last_error: string | null
  last_error_at: Date | null
  pending: number
  /** Seconds since the oldest pending delivery was queued; 0 with nothing pending. */
  lag_seconds: number
}

/** How an endpoint's failures are spaced and when they pause it. */
export interface EndpointPolicy {
  baseMs: number
  maxMs: number
  pauseAfter: number
}

/** What one failed attempt did to its endpoint. */
export interface EndpointFailure {
  consecutiveFailures: number
  /** True for the one failure that paused the endpoint. */
  pausedNow: boolean
  /** When the endpoint may be tried again, in ms from now. */
  backoffMs: number
}

/** The health of the organization's webhooks (or of one), by uid. */
export async function readWebhookHealth(
  q: Queryable,
  orgUid: string,
  uid: string | null = null,
): Promise<Map<string, WebhookHealthRecord>> {
  const result = await q.query<WebhookHealthRecord>(
    `SELECT w.uid, w.consecutive_failures, w.backoff_until, w.paused_at, w.last_success_at,
       w.last_error, w.last_error_at, coalesce(p.pending, 0)::int AS pending,
       coalesce(extract(epoch FROM tessera_now() - p.oldest), 0)::float8 AS lag_seconds
     FROM webhooks w
     LEFT JOIN LATERAL (
       SELECT count(*) AS pending, min(d.created_at) AS oldest FROM webhook_deliveries d
       WHERE d.org_uid = w.org_uid AND d.webhook_uid = w.uid AND d.status = 'pending'
     ) p ON true
     WHERE w.org_uid = $1 AND ($2::uuid IS NULL OR w.uid = $2)`,
    [orgUid, uid],
  )
  return new Map(result.rows.map((row) => [row.uid, row]))
}

/**
 * Records a delivered attempt: the endpoint is healthy again, its back-off lifted. A healthy
 * endpoint's row is written at most once a second, so a backlog drained by many concurrent
 * attempts does not queue them all on the webhook's row lock (`last_success_at` is exact to
 * a second).
 */
export async function recordEndpointSuccess(
  q: Queryable,
  orgUid: string,
  webhookUid: string,
): Promise<void> {
  await q.query(
    `UPDATE webhooks SET consecutive_failures = 0, backoff_until = NULL,
       last_success_at = tessera_now()
     WHERE org_uid = $2 AND uid = $1 AND (consecutive_failures > 0 OR backoff_until IS NOT NULL
       OR last_success_at IS NULL OR last_success_at < tessera_now() - interval '1 second')`,
    [webhookUid, orgUid],
  )
}

/**
 * Records a failed attempt: the endpoint backs off alone, `min(maxMs, baseMs · 2^(n-1))` after
 * its n-th failure in a row (the second half random), and is paused at the `pauseAfter`-th.
 * Null if the webhook is gone.
 */
export async function recordEndpointFailure(
  q: Queryable,
  orgUid: string,
  webhookUid: string,
  error: string,
  policy: EndpointPolicy,
): Promise<EndpointFailure | null> {
  // The delay is computed from the row as locked by this UPDATE: failures recorded side by
  // side each see the count left by the one before.
  const result = await q.query<{ consecutive_failures: number; backoff_ms: number }>(
    `UPDATE webhooks w SET consecutive_failures = w.consecutive_failures + 1,
       last_error = $2, last_error_at = tessera_now(),
       backoff_until = tessera_now() + interval '1 millisecond'
         * least($3::float8, $4::float8 * power(2, least(w.consecutive_failures, 60)))
         * (0.5 + random() / 2),
       paused_at = CASE WHEN w.paused_at IS NULL AND w.consecutive_failures + 1 >= $5
         THEN tessera_now() ELSE w.paused_at END
     WHERE w.org_uid = $6 AND w.uid = $1
     RETURNING w.consecutive_failures,
       (extract(epoch FROM w.backoff_until - tessera_now()) * 1000)::float8 AS backoff_ms`,
    [webhookUid, error, policy.maxMs, policy.baseMs, policy.pauseAfter, orgUid],
  )
  const row = result.rows[0]
  if (!row) {
    return null
  }
  return {
    consecutiveFailures: row.consecutive_failures,
    pausedNow: row.consecutive_failures === policy.pauseAfter,
    backoffMs: Math.round(row.backoff_ms),
  }
}

/**
 * Resumes a paused or backing-off endpoint: its failure count starts over and its pending
 * deliveries are due at once. Null when the webhook does not exist.
 */
export async function resumeEndpoint(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<Pick<WebhookRecord, 'uid'> | null> {
  const result = await q.query<Pick<WebhookRecord, 'uid'>>(
    `WITH w AS (
       UPDATE webhooks SET paused_at = NULL, backoff_until = NULL, consecutive_failures = 0,
         updated_at = tessera_now()
       WHERE org_uid = $1 AND uid = $2
       RETURNING uid, active
     ), due AS (
       UPDATE webhook_deliveries d SET next_attempt_at = tessera_now()
       FROM w
       WHERE d.org_uid = $1 AND d.webhook_uid = w.uid AND d.status = 'pending' AND w.active
         AND d.next_attempt_at > tessera_now()
     ), ${wakeOutbox('webhook_deliveries')}
     SELECT uid FROM w WHERE EXISTS (SELECT 1 FROM wake)`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}
