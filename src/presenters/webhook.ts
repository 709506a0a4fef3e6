import type { Webhook, WebhookDelivery, WebhookHealth } from '../contract/webhooks'
import type { DeliveryRecord } from '../store/webhook-deliveries'
import type { WebhookHealthRecord } from '../store/webhook-health'
import type { WebhookRecord } from '../store/webhooks'
import { isoOrNull } from './iso'

/** An endpoint's health, its state named from its columns. */
export function presentHealth(webhook: WebhookRecord, health: WebhookHealthRecord): WebhookHealth {
  const state = !webhook.active
    ? 'inactive'
    : health.paused_at
      ? 'paused'
      : health.consecutive_failures > 0
        ? 'failing'
        : 'healthy'
  return {
    state,
    pending: health.pending,
    lag_seconds: Math.round(health.lag_seconds * 1000) / 1000,
    consecutive_failures: health.consecutive_failures,
    last_success_at: isoOrNull(health.last_success_at),
    last_error: health.last_error,
    last_error_at: isoOrNull(health.last_error_at),
    backoff_until: health.consecutive_failures > 0 ? isoOrNull(health.backoff_until) : null,
    paused_at: isoOrNull(health.paused_at),
  }
}

/** A webhook as listed, with its health: never its secret. */
export function presentWebhook({
  webhook,
  health,
}: {
  webhook: WebhookRecord
  health: WebhookHealthRecord
}): Webhook {
  return {
    ...webhook,
    created_at: webhook.created_at.toISOString(),
    updated_at: webhook.updated_at.toISOString(),
    health: presentHealth(webhook, health),
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
