import { type WebhookRecord, rotateWebhookSecret as writeSecret } from '../store/webhooks'
import type { OrgScope } from './actor'
import { webhookNotFound } from './webhook-not-found'

/** Replaces a webhook's secret: every attempt from now on, retries included, is signed with it. */
export async function rotateWebhookSecret(
  scope: OrgScope,
  uid: string,
): Promise<{ webhook: WebhookRecord; secret: string }> {
  const rotated = await writeSecret(scope.db.pool, scope.orgUid, uid)
  if (!rotated) {
    throw webhookNotFound()
  }
  return rotated
}
