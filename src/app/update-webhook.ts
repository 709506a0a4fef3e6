import { webhookNotFound } from '../contract/errors'
import type { UpdateWebhookBody } from '../contract/webhooks'
import { assertPublicTarget } from '../core/webhooks/outbound-address'
import { assertWebhookUrl } from '../core/webhooks/url'
import { withTransaction } from '../store/database'
import { findWebhook, type WebhookRecord, updateWebhook as writeWebhook } from '../store/webhooks'
import type { OrgScope } from './actor'
import { foundOr } from './found'
import { recordAudit } from './record-audit'

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
  return withTransaction(scope.db, async (client) => {
    const before = foundOr(await findWebhook(client, scope.orgUid, uid), webhookNotFound)
    const after = foundOr(await writeWebhook(client, scope.orgUid, uid, body), webhookNotFound)
    // Turning a webhook off and on is a PATCH of `active`; the action says which it was.
    const action =
      before.active !== after.active
        ? after.active
          ? 'webhook.activated'
          : 'webhook.deactivated'
        : 'webhook.updated'
    await recordAudit(client, scope, { action, object: { kind: 'webhook', uid }, before, after })
    return after
  })
}
