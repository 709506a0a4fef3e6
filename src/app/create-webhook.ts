import { AppError } from '../contract/errors'
import {
  type CreateWebhookBody,
  MAX_WEBHOOKS_PER_ORG,
  WEBHOOK_EVENT_TYPES,
} from '../contract/webhooks'
import { assertPublicTarget } from '../core/webhooks/outbound-address'
import { assertWebhookUrl } from '../core/webhooks/url'
import { insertWebhook, type WebhookRecord } from '../store/webhooks'
import type { OrgScope } from './actor'

/**
 * Subscribes a URL to task events (all of them unless told), with a new signing secret that
 * the answer shows this once. An organization has at most {@link MAX_WEBHOOKS_PER_ORG}.
 */
export async function createWebhook(
  scope: OrgScope,
  body: CreateWebhookBody,
  allowPrivateAddresses: boolean,
): Promise<{ webhook: WebhookRecord; secret: string }> {
  assertWebhookUrl(body.url)
  assertPublicTarget(body.url, allowPrivateAddresses)
  const created = await insertWebhook(
    scope.db.pool,
    scope.orgUid,
    {
      url: body.url,
      description: body.description ?? '',
      events: body.events ?? [...WEBHOOK_EVENT_TYPES],
      active: body.active ?? true,
    },
    MAX_WEBHOOKS_PER_ORG,
  )
  if (!created) {
    throw new AppError(
      'webhook_limit_reached',
      `An organization may have ${MAX_WEBHOOKS_PER_ORG} webhooks; delete one first.`,
    )
  }
  return created
}
