import type { Account, Schema } from '../../../sdk/src/index'

/*
 * The app's names for the API's objects. Every one is a schema of the generated SDK (from the
 * server's OpenAPI document), so a change of the API shows up here as a type error, never as
 * a copy that silently drifts.
 */

export type {
  Account,
  ApiToken,
  Comment,
  CreatedToken,
  CreateTokenBody,
  FieldError,
  ListTasksQuery,
  Schema,
  Task,
  TaskPage,
  TaskStatus,
} from '../../../sdk/src/index'

/** `super_admin`, `admin`, `operator` or `viewer`. */
export type Role = Account['role']
export type Queue = Schema<'Queue'>
/** Body of `POST /queues`; `PATCH /queues/{uid}` takes the same keys. */
export type QueueBody = Schema<'CreateQueueBody'>
/** Backlog figures of one queue (`GET /queues/stats`); `queue_uid` null: tasks in no queue. */
export type QueueStats = Schema<'QueueStats'>
export type User = Schema<'User'>
export type CreateUserBody = Schema<'CreateUserBody'>
export type UpdateUserBody = Schema<'UpdateUserBody'>
export type TaskEvent = Schema<'TaskEvent'>
export type PlayerState = Schema<'PlayerState'>
export type OrgSettings = Schema<'OrgSettings'>
export type Calendar = Schema<'Calendar'>

/** The answer of `POST /auth/login` and `GET /auth/session`: who is signed in, and the CSRF token. */
export type WebSession = Schema<'WebSession'>
/** What the sign-in form sends; `organization` is needed only when the email is in several. */
export type SignInBody = Schema<'SignInBody'>

/** `GET /stats/daily`: figures per day and the median resolution time per queue. */
export type DailyStats = Schema<'DailyStats'>
/** One day of {@link DailyStats}. */
export type DayFigures = DailyStats['days'][number]
/** One queue of {@link DailyStats}. */
export type QueueResolution = DailyStats['queues'][number]

/** A webhook as listed; its secret is only in {@link WebhookWithSecret}. */
export type Webhook = Schema<'Webhook'>
export type WebhookWithSecret = Schema<'WebhookWithSecret'>
export type CreateWebhookBody = Schema<'CreateWebhookBody'>
export type WebhookEventType = Webhook['events'][number]
export type WebhookDelivery = Schema<'WebhookDelivery'>
export type DeliveryStatus = WebhookDelivery['status']
