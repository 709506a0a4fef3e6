import { AppError } from '../contract/errors'
import {
  type CreateWebhookBody,
  MAX_WEBHOOKS_PER_ORG,
  WEBHOOK_EVENT_TYPES,
} from '../contract/webhooks'
import { sealSecret } from '../core/secrets'
import { assertPublicTarget } from '../core/webhooks/outbound-address'
import { generateWebhookSecret } from '../core/webhooks/signature'
import { assertWebhookUrl } from '../core/webhooks/url'
import { withTransaction } from '../store/database'
import { insertWebhook, type WebhookRecord } from '../store/webhooks'
import type { SealingScope } from './key-ring-scope'
import { recordAudit } from './record-audit'

/**
 * Subscribes a URL to task events (all of them unless told), with a new signing secret that
 * the answer shows this once and the database keeps sealed. An organization has at most
 * {@link MAX_WEBHOOKS_PER_ORG}.
 */
export async function createWebhook(
  scope: SealingScope,
  body: CreateWebhookBody,
  allowPrivateAddresses: boolean,
): Promise<{ webhook: WebhookRecord; secret: string }> {
  assertWebhookUrl(body.url)
  assertPublicTarget(body.url, allowPrivateAddresses)
  const secret = generateWebhookSecret()
  return withTransaction(scope.db, async (client) => {
    const webhook = await insertWebhook(
      client,
      scope.orgUid,
      {
        url: body.url,
        description: body.description ?? '',
        events: body.events ?? [...WEBHOOK_EVENT_TYPES],
        active: body.active ?? true,
        secretSealed: sealSecret(scope.keys, secret),
      },
      MAX_WEBHOOKS_PER_ORG,
    )
    if (!webhook) {
      throw new AppError(
        'webhook_limit_reached',
        `An organization may have ${MAX_WEBHOOKS_PER_ORG} webhooks; delete one first.`,
      )
    }
    await recordAudit(client, scope, {
      action: 'webhook.created',
      object: { kind: 'webhook', uid: webhook.uid },
      after: { ...webhook, secret: true },
    })
    return { webhook, secret }
  })
}
