import { type Static, Type } from '@sinclair/typebox'
import { AUTOMATION_FIRED_EVENT } from './automations'
import { Nullable, StringEnum, Timestamp, Uid } from './common'
import { TASK_EVENT_TYPES } from './events'

/** What a webhook may subscribe to. */
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
export const WebhookEventType = StringEnum(WEBHOOK_EVENT_TYPES)
export type WebhookEventType = Static<typeof WebhookEventType>

/**
 * What a delivery may carry: a subscribed task event, or an `automation.fired` event that a
 * rule's call_webhook action sends to one webhook whatever it subscribes to.
 */
export const DELIVERY_TYPES = [...WEBHOOK_EVENT_TYPES, AUTOMATION_FIRED_EVENT] as const
export const DeliveryType = StringEnum(DELIVERY_TYPES)
export type DeliveryType = Static<typeof DeliveryType>

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const

/** Most webhooks one organization may have: each one multiplies the work of every write. */
export const MAX_WEBHOOKS_PER_ORG = 20

const Url = Type.String({
  minLength: 1,
  maxLength: 2048,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
  description: 'An http or https URL that receives a POST per event.',
})

const Events = Type.Array(WebhookEventType, {
  minItems: 1,
  uniqueItems: true,
  description:
    'The event types to send. task.updated covers field, due date, skills, queue, snooze, archive, reopen and comment changes.',
})

const WebhookWritable = {
  url: Url,
  events: Events,
  description: Type.String({ maxLength: 1000 }),
  active: Type.Boolean({
    description: 'An inactive webhook gets no new events; pending ones wait.',
  }),
}

export const WebhookHealth = Type.Object(
  {
    state: StringEnum(['healthy', 'failing', 'paused', 'inactive'] as const, {
      description:
        'healthy: the last attempt succeeded (or none failed yet); failing: backing off after consecutive failures; paused: paused after too many (POST /webhooks/{uid}/resume); inactive: switched off by an admin.',
    }),
    pending: Type.Integer({ minimum: 0, description: 'Deliveries not yet acknowledged.' }),
    lag_seconds: Type.Number({
      minimum: 0,
      description: 'Age of the oldest pending delivery, in seconds; 0 when none is pending.',
    }),
    consecutive_failures: Type.Integer({ minimum: 0 }),
    last_success_at: Nullable(Timestamp),
    last_error: Nullable(Type.String()),
    last_error_at: Nullable(Timestamp),
    backoff_until: Nullable({
      ...Timestamp,
      description: 'No attempt to this endpoint before then; null when not backing off.',
    }),
    paused_at: Nullable(Timestamp),
  },
  { $id: 'WebhookHealth', description: "How the endpoint's deliveries are going." },
)
export type WebhookHealth = Static<typeof WebhookHealth>

export const Webhook = Type.Object(
  {
    uid: Uid,
    ...WebhookWritable,
    created_at: Timestamp,
    updated_at: Timestamp,
    health: WebhookHealth,
  },
  { $id: 'Webhook', description: 'A subscription. Its secret is only shown when it is made.' },
)
export type Webhook = Static<typeof Webhook>

export const WebhookWithSecret = Type.Object(
  {
    ...Webhook.properties,
    secret: Type.String({
      description:
        'Signs every delivery (see x-tessera-signature). Shown here only: keep it, or rotate it.',
    }),
  },
  { $id: 'WebhookWithSecret' },
)
export type WebhookWithSecret = Static<typeof WebhookWithSecret>

export const CreateWebhookBody = Type.Object(
  {
    url: WebhookWritable.url,
    events: Type.Optional({ ...Events, description: `${Events.description} Default: all.` }),
    description: Type.Optional(WebhookWritable.description),
    active: Type.Optional(WebhookWritable.active),
  },
  { $id: 'CreateWebhookBody' },
)
export type CreateWebhookBody = Static<typeof CreateWebhookBody>

export const UpdateWebhookBody = Type.Partial(Type.Object(WebhookWritable), {
  $id: 'UpdateWebhookBody',
})
export type UpdateWebhookBody = Static<typeof UpdateWebhookBody>

export const WebhookDelivery = Type.Object(
  {
    uid: Uid,
    webhook_uid: Uid,
    type: DeliveryType,
    task_uid: Uid,
    event_id: Type.Integer({ description: 'The history entry (GET /tasks/{uid}/events) sent.' }),
    event_type: StringEnum(TASK_EVENT_TYPES),
    status: StringEnum(DELIVERY_STATUSES, {
      description:
        'pending: not yet acknowledged (waiting for its turn or a retry); delivered: a 2xx came back; failed: every attempt failed.',
    }),
    attempts: Type.Integer({ minimum: 0 }),
    last_response_status: Nullable(
      Type.Integer({ description: 'HTTP status of the last attempt; null if none came back.' }),
    ),
    last_error: Nullable(Type.String({ description: 'Why the last attempt failed.' })),
    created_at: Timestamp,
    last_attempt_at: Nullable(Timestamp),
    next_attempt_at: Nullable({
      ...Timestamp,
      description:
        'When a pending delivery is due (it may also wait for an earlier event of its task); null once finished or while the webhook is inactive.',
    }),
    finished_at: Nullable({ ...Timestamp, description: 'When it was delivered or gave up.' }),
  },
  { $id: 'WebhookDelivery' },
)
export type WebhookDelivery = Static<typeof WebhookDelivery>

export const ListDeliveriesQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  status: Type.Optional(StringEnum(DELIVERY_STATUSES)),
})
export type ListDeliveriesQuery = Static<typeof ListDeliveriesQuery>

export const DeliveryList = Type.Object(
  {
    items: Type.Array(WebhookDelivery),
    meta: Type.Object({ limit: Type.Integer() }),
  },
  { $id: 'DeliveryList', description: 'The most recent deliveries, newest first.' },
)
export type DeliveryList = Static<typeof DeliveryList>

export const WebhookTestResult = Type.Object(
  {
    delivered: Type.Boolean({ description: 'Whether the receiver answered 2xx.' }),
    response_status: Nullable(Type.Integer()),
    error: Nullable(Type.String({ description: 'Why it failed, as in the delivery log.' })),
    duration_ms: Type.Integer({ minimum: 0 }),
  },
  { $id: 'WebhookTestResult', description: 'How a test event went.' },
)
export type WebhookTestResult = Static<typeof WebhookTestResult>
