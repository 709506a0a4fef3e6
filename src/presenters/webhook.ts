import type { Webhook, WebhookDelivery } from '../contract/webhooks'
import type { DeliveryRecord } from '../store/webhook-deliveries'
import type { WebhookRecord } from '../store/webhooks'
import { isoOrNull } from './iso'

/** A webhook as listed: never its secret. */
export function presentWebhook(webhook: WebhookRecord): Webhook {
  return {
    ...webhook,
    created_at: webhook.created_at.toISOString(),
    updated_at: webhook.updated_at.toISOString(),
  }
}

/** One delivery of a webhook's log. */
export function presentDelivery(delivery: DeliveryRecord): WebhookDelivery {
  return {
    ...delivery,
    created_at: delivery.created_at.toISOString(),
    last_attempt_at: isoOrNull(delivery.last_attempt_at),
    // Only a pending delivery of an active webhook has a next attempt.
    next_attempt_at: delivery.status === 'pending' ? isoOrNull(delivery.next_attempt_at) : null,
    finished_at: isoOrNull(delivery.finished_at),
  }
}
