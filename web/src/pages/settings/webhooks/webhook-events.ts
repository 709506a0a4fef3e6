import type { WebhookEventType } from '../../../api'

// A record, not a list, so that the compiler names any event type the API adds or drops.
const EVENT_TYPES: Record<WebhookEventType, true> = {
  'task.created': true,
  'task.updated': true,
  'task.assigned': true,
  'task.unassigned': true,
  'task.started': true,
  'task.paused': true,
  'task.skipped': true,
  'task.completed': true,
}

/** Every event type a webhook can subscribe to, in the order the form lists them. */
export const WEBHOOK_EVENT_TYPES = Object.keys(EVENT_TYPES) as WebhookEventType[]
