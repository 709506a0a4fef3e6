/**
 * Webhooks as `src/contract/webhooks.ts` defines them. The SDK's generated types do not
 * describe these routes yet, so the page keeps its own copy.
 */

export const WEBHOOK_EVENT_TYPES = [
  'task.created',
  'task.updated',
  'task.assigned',
  'task.unassigned',
  'task.started',
  'task.paused',
  'task.skipped',
  'task.completed',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

export interface Webhook {
  uid: string
  url: string
  events: WebhookEventType[]
  description: string
  active: boolean
  created_at: string
  updated_at: string
}

export interface WebhookWithSecret extends Webhook {
  secret: string
}

export interface NewWebhook {
  url: string
  events: WebhookEventType[]
  description?: string
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface WebhookDelivery {
  uid: string
  webhook_uid: string
  type: WebhookEventType
  task_uid: string
  event_id: number
  event_type: string
  status: DeliveryStatus
  attempts: number
  last_response_status: number | null
  last_error: string | null
  created_at: string
  last_attempt_at: string | null
  next_attempt_at: string | null
  finished_at: string | null
}
