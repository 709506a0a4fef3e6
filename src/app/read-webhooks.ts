import { webhookNotFound } from '../contract/errors'
import type { ListDeliveriesQuery } from '../contract/webhooks'
import { type DeliveryRecord, listDeliveries } from '../store/webhook-deliveries'
import { findWebhook, listWebhooks as readWebhooks, type WebhookRecord } from '../store/webhooks'
import type { OrgScope } from './actor'
import { foundOr } from './found'

/** Deliveries listed when the query does not say how many. */
const DEFAULT_DELIVERY_LIMIT = 50

/** The organization's webhooks, oldest first, never with their secrets. */
export function listWebhooks(scope: OrgScope): Promise<WebhookRecord[]> {
  return readWebhooks(scope.db.pool, scope.orgUid)
}

/** One webhook of the organization; 404 for any other uid. */
export async function getWebhook(scope: OrgScope, uid: string): Promise<WebhookRecord> {
  return foundOr(await findWebhook(scope.db.pool, scope.orgUid, uid), webhookNotFound)
}

/** A webhook's most recent deliveries, newest first, with the limit that applied. */
export async function listWebhookDeliveries(
  scope: OrgScope,
  uid: string,
  query: ListDeliveriesQuery,
): Promise<{ deliveries: DeliveryRecord[]; limit: number }> {
  await getWebhook(scope, uid)
  const limit = query.limit ?? DEFAULT_DELIVERY_LIMIT
  const deliveries = await listDeliveries(scope.db.pool, scope.orgUid, uid, {
    limit,
    status: query.status,
  })
  return { deliveries, limit }
}
