import { webhookNotFound } from '../contract/errors'
import { withTransaction } from '../store/database'
import { findWebhook, deleteWebhook as removeWebhook } from '../store/webhooks'
import type { OrgScope } from './actor'
import { recordAudit } from './record-audit'

/** Deletes a webhook with its delivery log; its pending deliveries are dropped. */
export async function deleteWebhook(scope: OrgScope, uid: string): Promise<void> {
  await withTransaction(scope.db, async (client) => {
    const before = await findWebhook(client, scope.orgUid, uid)
    if (!before || !(await removeWebhook(client, scope.orgUid, uid))) {
      throw webhookNotFound()
    }
    await recordAudit(client, scope, {
      action: 'webhook.deleted',
      object: { kind: 'webhook', uid: before.uid },
      before,
    })
  })
}
