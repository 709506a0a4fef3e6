import { webhookNotFound } from '../contract/errors'
import { type WebhookRecord, rotateWebhookSecret as writeSecret } from '../store/webhooks'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** Replaces a webhook's secret: every attempt from now on, retries included, is signed with it. */
export async function rotateWebhookSecret(
  scope: OrgScope,
  uid: string,
): Promise<{ webhook: WebhookRecord; secret: string }> {
  return foundOr(await writeSecret(scope.db.pool, scope.orgUid, uid), webhookNotFound)
}
