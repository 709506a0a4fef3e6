import { webhookNotFound } from '../contract/errors'
import { deleteWebhook as removeWebhook } from '../store/webhooks'
import type { OrgScope } from './actor'

/** Deletes a webhook with its delivery log; its pending deliveries are dropped. */
export async function deleteWebhook(scope: OrgScope, uid: string): Promise<void> {
  if (!(await removeWebhook(scope.db.pool, scope.orgUid, uid))) {
    throw webhookNotFound()
  }
}
