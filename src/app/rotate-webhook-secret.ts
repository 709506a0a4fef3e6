import { webhookNotFound } from '../contract/errors'
import { sealSecret } from '../core/secrets'
import { generateWebhookSecret } from '../core/webhooks/signature'
import { withTransaction } from '../store/database'
import { replaceWebhookSecret, type WebhookRecord } from '../store/webhooks'
import { foundOr } from './found'
import type { SealingScope } from './key-ring-scope'
import { recordAudit } from './record-audit'

/** Replaces a webhook's secret: every attempt from now on, retries included, is signed with it. */
export async function rotateWebhookSecret(
  scope: SealingScope,
  uid: string,
): Promise<{ webhook: WebhookRecord; secret: string }> {
  const secret = generateWebhookSecret()
  return withTransaction(scope.db, async (client) => {
    const webhook = foundOr(
      await replaceWebhookSecret(client, scope.orgUid, uid, sealSecret(scope.keys, secret)),
      webhookNotFound,
    )
    // The secret shows as changed, redacted on both sides.
    await recordAudit(client, scope, {
      action: 'webhook.secret_rotated',
      object: { kind: 'webhook', uid: webhook.uid, name: webhook.url },
      before: { secret: 'old' },
      after: { secret: 'new' },
    })
    return { webhook, secret }
  })
}
