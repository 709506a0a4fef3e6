import { webhookNotFound } from '../contract/errors'
import { sealSecret } from '../core/secrets'
import { generateWebhookSecret } from '../core/webhooks/signature'
import { replaceWebhookSecret, type WebhookRecord } from '../store/webhooks'
import { foundOr } from './found'
import type { SealingScope } from './key-ring-scope'

/** Replaces a webhook's secret: every attempt from now on, retries included, is signed with it. */
export async function rotateWebhookSecret(
  scope: SealingScope,
  uid: string,
): Promise<{ webhook: WebhookRecord; secret: string }> {
  const secret = generateWebhookSecret()
  const webhook = foundOr(
    await replaceWebhookSecret(scope.db.pool, scope.orgUid, uid, sealSecret(scope.keys, secret)),
    webhookNotFound,
  )
  return { webhook, secret }
}
