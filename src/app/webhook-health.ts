import { webhookNotFound } from '../contract/errors'
import { withTransaction } from '../store/database'
import {
  readWebhookHealth,
  resumeEndpoint,
  type WebhookHealthRecord,
} from '../store/webhook-health'
import type { WebhookRecord } from '../store/webhooks'
import type { OrgScope } from './actor'
import { foundOr } from './found'
import { getWebhook } from './read-webhooks'
import { recordAudit } from './record-audit'

/** A webhook with how its deliveries are going. */
export interface WebhookWithHealth {
  webhook: WebhookRecord
  health: WebhookHealthRecord
}

/** Health of a webhook just made or without a row yet: nothing sent, nothing pending. */
function freshHealth(uid: string): WebhookHealthRecord {
  return {
    uid,
    consecutive_failures: 0,
    backoff_until: null,
    paused_at: null,
    last_success_at: null,
    last_error: null,
    last_error_at: null,
    pending: 0,
    lag_seconds: 0,
  }
}

/** Pairs each webhook with its health, read in one query. */
export async function withHealth(
  scope: OrgScope,
  webhooks: WebhookRecord[],
): Promise<WebhookWithHealth[]> {
  const uid = webhooks.length === 1 ? (webhooks[0]?.uid ?? null) : null
  const health = await readWebhookHealth(scope.db.pool, scope.orgUid, uid)
  return webhooks.map((webhook) => ({
    webhook,
    health: health.get(webhook.uid) ?? freshHealth(webhook.uid),
  }))
}

/** One webhook with its health. */
export async function withHealthOf(
  scope: OrgScope,
  webhook: WebhookRecord,
): Promise<WebhookWithHealth> {
  const [one] = await withHealth(scope, [webhook])
  return one ?? { webhook, health: freshHealth(webhook.uid) }
}

/**
 * Resumes a webhook paused after consecutive failures (or one backing off): its pending
 * deliveries are due at once. Resuming a healthy webhook changes nothing; 404 for any other uid.
 */
export async function resumeWebhook(scope: OrgScope, uid: string): Promise<WebhookRecord> {
  await withTransaction(scope.db, async (client) => {
    foundOr(await resumeEndpoint(client, scope.orgUid, uid), webhookNotFound)
    // Recorded even on a healthy webhook: someone chose to retry its deliveries now.
    await recordAudit(client, scope, {
      action: 'webhook.resumed',
      object: { kind: 'webhook', uid },
    })
  })
  return getWebhook(scope, uid)
}
