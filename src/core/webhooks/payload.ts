import type { Task } from '../../contract/tasks'
import type { DeliveryType } from '../../contract/webhooks'
import type { TaskEventType } from '../tasks/task-events'
import { signDelivery } from './signature'

/** Sent as `user-agent`, so receivers and their logs can tell webhooks apart. */
export const WEBHOOK_USER_AGENT = 'Tessera-Webhooks/1.0'

/** The history entry behind one delivery, as the outbox keeps it. */
export interface DeliveryEvent {
  /** The delivery's public id: the same on every attempt, so receivers can deduplicate. */
  deliveryUid: string
  type: DeliveryType
  eventId: number
  eventType: TaskEventType
  actorUid: string | null
  /** The history entry's own data (`from`, `to`, `keys`, `assignee_uid`…). */
  data: Record<string, unknown>
  occurredAt: Date
}

/** The JSON body of a delivery (Fragment's `{type, data: {task, info}, sentAt}`, snake_cased). */
export interface WebhookPayload {
  type: DeliveryType
  data: {
    task: Task
    info: Record<string, unknown> & {
      event_id: number
      event_type: TaskEventType
      actor_uid: string | null
      occurred_at: string
    }
  }
  sent_at: string
}

/** One attempt, ready to POST. */
export interface DeliveryRequest {
  body: string
  headers: Record<string, string>
}

/**
 * The body and headers of one attempt at `now`. Each attempt is signed afresh, since the
 * timestamp is part of what is signed; `task` is the task as it was right after the event.
 */
export function buildDeliveryRequest(
  event: DeliveryEvent,
  task: Task,
  secret: string,
  now: Date,
): DeliveryRequest {
  const payload: WebhookPayload = {
    type: event.type,
    data: {
      task,
      // Our keys last: an entry's data cannot pass itself off as another event.
      info: {
        ...event.data,
        event_id: event.eventId,
        event_type: event.eventType,
        actor_uid: event.actorUid,
        occurred_at: event.occurredAt.toISOString(),
      },
    },
    sent_at: now.toISOString(),
  }
  const body = JSON.stringify(payload)
  const timestamp = Math.floor(now.getTime() / 1000)
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      'x-tessera-event': event.type,
      'x-tessera-delivery': event.deliveryUid,
      'x-tessera-timestamp': String(timestamp),
      'x-tessera-signature': signDelivery(secret, timestamp, body),
    },
  }
}

/** The `type` of a test event: never a task event, so receivers can tell it apart. */
export const TEST_EVENT_TYPE = 'webhook.test'

/**
 * A signed test event, as an admin sends it from the Webhooks page: the same headers and
 * signature as a real delivery, with `{"type": "webhook.test", "data": {"webhook_uid"}}`.
 */
export function buildTestRequest(
  webhookUid: string,
  deliveryUid: string,
  secret: string,
  now: Date,
): DeliveryRequest {
  const body = JSON.stringify({
    type: TEST_EVENT_TYPE,
    data: { webhook_uid: webhookUid },
    sent_at: now.toISOString(),
  })
  const timestamp = Math.floor(now.getTime() / 1000)
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': WEBHOOK_USER_AGENT,
      'x-tessera-event': TEST_EVENT_TYPE,
      'x-tessera-delivery': deliveryUid,
      'x-tessera-timestamp': String(timestamp),
      'x-tessera-signature': signDelivery(secret, timestamp, body),
    },
  }
}
