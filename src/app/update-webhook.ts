import { webhookNotFound } from '../contract/errors'
import type { UpdateWebhookBody } from '../contract/webhooks'
import { assertPublicTarget } from '../core/webhooks/outbound-address'
import { assertWebhookUrl } from '../core/webhooks/url'
import { type WebhookRecord, updateWebhook as writeWebhook } from '../store/webhooks'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/**
 * Changes a webhook: pending deliveries go to the new URL; deactivating stops new events and
 * holds the pending ones until it is active again.
 */
export async function updateWebhook(
  scope: OrgScope,
  uid: string,
  body: UpdateWebhookBody,
  allowPrivateAddresses: boolean,
): Promise<WebhookRecord> {
  if (body.url !== undefined) {
    assertWebhookUrl(body.url)
    assertPublicTarget(body.url, allowPrivateAddresses)
  }
  return foundOr(await writeWebhook(scope.db.pool, scope.orgUid, uid, body), webhookNotFound)
}
