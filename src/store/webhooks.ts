import type { WebhookEventType } from '../contract/webhooks'
import type { Queryable } from './database'
import { wakeOutbox } from './outbox-wake'

/** A webhook as stored, minus its secret: what listings may show. */
export interface WebhookRecord {
  uid: string
  url: string
  description: string
  events: WebhookEventType[]
  active: boolean
  created_at: Date
  updated_at: Date
}

/** What a webhook is made of, minus bookkeeping. */
export type WebhookInput = Pick<WebhookRecord, 'url' | 'description' | 'events' | 'active'>

// The secret is deliberately absent: it is stored sealed (src/core/secrets), read only to
// sign deliveries, and shown once, in the answer to the request that made it.
const WEBHOOK_COLUMNS = 'uid, url, description, events, active, created_at, updated_at'

/** The organization's webhooks, oldest first. */
export async function listWebhooks(q: Queryable, orgUid: string): Promise<WebhookRecord[]> {
  const result = await q.query<WebhookRecord>(
    `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE org_uid = $1 ORDER BY created_at, uid`,
    [orgUid],
  )
  return result.rows
}

/** One webhook of the organization, or null. */
export async function findWebhook(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<WebhookRecord | null> {
  const result = await q.query<WebhookRecord>(
    `SELECT ${WEBHOOK_COLUMNS} FROM webhooks WHERE org_uid = $1 AND uid = $2`,
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}

/**
 * Creates a webhook with its sealed secret; null when the organization already has `max`. Two
 * concurrent creations may both pass the count: the cap bounds fan-out, it is not a quota.
 */
export async function insertWebhook(
  q: Queryable,
  orgUid: string,
  input: WebhookInput & { secretSealed: string },
  max: number,
): Promise<WebhookRecord | null> {
  const result = await q.query<WebhookRecord>(
    `INSERT INTO webhooks (org_uid, url, description, events, active, secret_sealed)
     SELECT $1, $2, $3, $4, $5, $6
     WHERE (SELECT count(*) FROM webhooks WHERE org_uid = $1) < $7
     RETURNING ${WEBHOOK_COLUMNS}`,
    [orgUid, input.url, input.description, input.events, input.active, input.secretSealed, max],
  )
  return result.rows[0] ?? null
}

/**
 * Changes the given attributes of a webhook; null when it does not exist. Deactivating
 * unschedules its pending deliveries (they stay in the log, nobody looks at them); activating
 * makes them due at once.
 */
export async function updateWebhook(
  q: Queryable,
  orgUid: string,
  uid: string,
  patch: Partial<WebhookInput>,
): Promise<WebhookRecord | null> {
  const result = await q.query<WebhookRecord>(
    `WITH w AS (
       UPDATE webhooks SET url = coalesce($3, url), description = coalesce($4, description),
         events = coalesce($5, events), active = coalesce($6, active), updated_at = tessera_now()
       WHERE org_uid = $1 AND uid = $2
       RETURNING ${WEBHOOK_COLUMNS}
     ), scheduled AS (
       UPDATE webhook_deliveries d
       SET next_attempt_at = CASE WHEN w.active THEN tessera_now() END
       FROM w
       WHERE d.org_uid = $1 AND d.webhook_uid = w.uid AND d.status = 'pending'
         AND (d.next_attempt_at IS NULL) = w.active
     ), ${wakeOutbox('webhook_deliveries')}
     SELECT * FROM w WHERE EXISTS (SELECT 1 FROM wake)`,
    [
      orgUid,
      uid,
      patch.url ?? null,
      patch.description ?? null,
      patch.events ?? null,
      patch.active ?? null,
    ],
  )
  return result.rows[0] ?? null
}

/** Replaces a webhook's sealed secret; deliveries from now on are signed with the new one. */
export async function replaceWebhookSecret(
  q: Queryable,
  orgUid: string,
  uid: string,
  secretSealed: string,
): Promise<WebhookRecord | null> {
  const result = await q.query<WebhookRecord>(
    `UPDATE webhooks SET secret_sealed = $3, secret = NULL, updated_at = tessera_now()
     WHERE org_uid = $1 AND uid = $2
     RETURNING ${WEBHOOK_COLUMNS}`,
    [orgUid, uid, secretSealed],
  )
  return result.rows[0] ?? null
}

/** Deletes a webhook and its delivery log, pending deliveries included; false if absent. */
export async function deleteWebhook(q: Queryable, orgUid: string, uid: string): Promise<boolean> {
  const result = await q.query('DELETE FROM webhooks WHERE org_uid = $1 AND uid = $2', [
    orgUid,
    uid,
  ])
  return (result.rowCount ?? 0) > 0
}

/** Where and how to sign a webhook's requests: its URL and sealed secret, or null. */
export async function findWebhookTarget(
  q: Queryable,
  orgUid: string,
  uid: string,
): Promise<{ url: string; secret_sealed: string } | null> {
  const result = await q.query<{ url: string; secret_sealed: string }>(
    'SELECT url, secret_sealed FROM webhooks WHERE org_uid = $1 AND uid = $2',
    [orgUid, uid],
  )
  return result.rows[0] ?? null
}
